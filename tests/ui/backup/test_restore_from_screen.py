"""Restoring from the Backup screen: what the backup holds is shown before anything
changes; the passphrase only when needed, a wrong one said at its field; damaged files and
other files said in words; and once confirmed, the window closes for the restore."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from involve_desktop.backup.make_backup import BackupResult
from involve_desktop.db.engine import Database
from involve_desktop.db.key_slots import KeyFile
from involve_desktop.services import backup_settings
from involve_desktop.services.backups import back_up, local_copy_on_close
from involve_desktop.services.people import count_people
from involve_desktop.ui import ops
from involve_desktop.ui.screens.backup.backup_screen import BackupScreen
from involve_desktop.ui.screens.backup.restore_dialog import RestoreDialog
from involve_desktop.ui.screens.backup.restore_flow import restore_now
from tests.ui.backup.conftest import (
    ADMIN,
    ORGANISATION,
    PASSPHRASE,
    PASSWORD,
    PEOPLE,
    TODAY,
    at,
)
from tests.ui.helpers import show_active, shown_text, type_text
from tests.ui.people_helpers import add_person

NEW_PASSPHRASE = "velvet harbour pine lantern"


def make_backup(ctx, tmp_path: Path) -> BackupResult:
    ops.change(ctx, "backup", backup_settings.set_passphrase, ctx.actor, PASSPHRASE)
    stick = tmp_path / "stick"
    stick.mkdir(exist_ok=True)
    return back_up(ctx.database(), ctx.paths, ctx.key, stick, ctx.actor, now=at(TODAY, 9))


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the data folder and its contents' hash: what a restore would change."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix != ".ini"
    }


@pytest.fixture
def screen(qtbot, backup_ctx) -> BackupScreen:
    shown = BackupScreen(backup_ctx, today=TODAY, find_drives=list)
    shown.resize(1000, 760)
    show_active(qtbot, shown)
    return shown


def test_the_preview_shows_what_the_backup_holds_and_nothing_changes_until_confirmed(
    qtbot, backup_ctx, screen, answers, tmp_path
):
    made = make_backup(backup_ctx, tmp_path)
    # After the backup: a change the restore will undo, and a new passphrase, so the
    # backup needs the one it was made with.
    add_person(backup_ctx, "Someone", "Later")
    ops.change(
        backup_ctx, "backup", backup_settings.set_passphrase, backup_ctx.actor, NEW_PASSPHRASE
    )
    before = fingerprint(backup_ctx.paths.data_dir)
    answers.open_file = made.path

    qtbot.mouseClick(screen.restore.restore_file_button, Qt.MouseButton.LeftButton)

    dialog = screen.restore_dialog
    assert isinstance(dialog, RestoreDialog) and dialog.isVisible()
    assert answers.file_pickers == ["Choose the backup to restore"]
    assert dialog.pages.currentIndex() == 0, "the passphrase is asked for first"
    assert dialog.restore_button.isHidden()
    type_text(dialog.passphrase_edit, PASSPHRASE)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    preview = shown_text(dialog.preview)
    assert f"Organisation\t{ORGANISATION}" in preview or ORGANISATION in preview
    assert backup_ctx.terms.count(PEOPLE) in preview
    assert "26 November 2026 at 09:00" in preview and "Involve 0.1.0" in preview
    assert "kept first, as a copy" in dialog.what_happens.text()
    assert dialog.restore_button.isVisible()
    assert fingerprint(backup_ctx.paths.data_dir) == before, "nothing changed yet"
    assert ops.query(backup_ctx, count_people) == PEOPLE + 1

    # Confirmed: the window closes (as the bootstrap then closes the records) and the
    # restore waits for it; the records are still untouched.
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    request = backup_ctx.restore_on_close
    assert request is not None and request.summary.people == PEOPLE
    assert not screen.isVisible()
    assert PASSPHRASE not in repr(request)
    assert fingerprint(backup_ctx.paths.data_dir) == before

    backup_ctx.close()
    assert restore_now(backup_ctx.paths, request) is not None
    [(title, message)] = answers.messages
    assert title == "Backup restored"
    assert f"({PEOPLE} people) are restored" in message
    assert "involve-before-restore-" in message and message.endswith("Sign in to carry on.")
    # Staff sign in again with their own passwords, and the records are the backup's.
    keys = KeyFile.load(backup_ctx.paths.key_file)
    key = keys.unlock(keys.slot_named(ADMIN), PASSWORD)
    restored = Database(backup_ctx.paths.database, key=key)
    try:
        with restored.session_scope() as session:
            assert count_people(session) == PEOPLE
            stored = backup_settings.load(session).backup_key
    finally:
        restored.close()
    # Later backups use the passphrase set most recently, not the one the backup had.
    assert stored is not None and stored.kdf is not None
    assert stored.kdf.derive(NEW_PASSPHRASE) == stored.key


def test_a_wrong_passphrase_is_said_at_its_field_and_can_be_typed_again(
    qtbot, backup_ctx, screen, answers, tmp_path
):
    made = make_backup(backup_ctx, tmp_path)
    ops.change(
        backup_ctx, "backup", backup_settings.set_passphrase, backup_ctx.actor, NEW_PASSPHRASE
    )
    dialog = screen.start_restore(made.path)
    assert dialog is not None

    type_text(dialog.passphrase_edit, NEW_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)

    assert dialog.passphrase_error.text() == (
        "\u26a0 The passphrase does not open this backup. Check it and try again."
    )
    assert dialog.isVisible() and dialog.pages.currentIndex() == 0
    assert answers.problems == []
    dialog.passphrase_edit.clear()
    type_text(dialog.passphrase_edit, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    assert dialog.pages.currentWidget() is dialog.preview_page
    dialog.reject()


def test_a_damaged_backup_is_said_in_words_and_nothing_is_offered(
    qtbot, backup_ctx, screen, answers, tmp_path
):
    made = make_backup(backup_ctx, tmp_path)
    damaged = tmp_path / "damaged.involve-backup"
    data = bytearray(made.path.read_bytes())
    data[len(data) // 2] ^= 0x40
    damaged.write_bytes(bytes(data))

    assert screen.start_restore(damaged) is None

    [(title, message)] = answers.problems
    assert title == "This backup cannot be restored"
    assert message.startswith("This backup is damaged from byte ")
    assert backup_ctx.restore_on_close is None


def test_a_file_that_is_not_a_backup_is_said_in_words(qtbot, screen, answers, tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear trustees")

    assert screen.start_restore(letter) is None

    [(_title, message)] = answers.problems
    assert message == (
        "letter.txt is not an Involve backup. Choose a file whose name ends in .involve-backup."
    )


def test_a_copy_on_this_computer_restores_without_a_passphrase(
    qtbot, backup_ctx, answers, tmp_path
):
    ops.change(backup_ctx, "backup", backup_settings.set_passphrase, backup_ctx.actor, PASSPHRASE)
    copy = local_copy_on_close(
        backup_ctx.database(), backup_ctx.paths, backup_ctx.key, now=at(date(2026, 11, 25))
    )
    assert copy is not None
    screen = BackupScreen(backup_ctx, today=TODAY, find_drives=list)
    show_active(qtbot, screen)
    assert screen.restore.copies.count() == 1
    assert screen.restore.copies.item(0).text().startswith("25 November 2026 \u2014 ")

    qtbot.mouseClick(screen.restore.restore_copy_button, Qt.MouseButton.LeftButton)

    dialog = screen.restore_dialog
    assert dialog is not None and dialog.pages.currentWidget() is dialog.preview_page
    assert dialog.request is not None and dialog.request.file == copy.path
    dialog.reject()


def test_a_copy_made_before_a_passphrase_was_set_holds_no_readable_key_and_restores(
    qtbot, backup_ctx, answers
):
    copy = local_copy_on_close(
        backup_ctx.database(), backup_ctx.paths, backup_ctx.key, now=at(date(2026, 11, 25))
    )
    assert copy is not None
    assert backup_ctx.key not in copy.path.read_bytes()
    assert backup_ctx.key.hex().encode() not in copy.path.read_bytes()
    screen = BackupScreen(backup_ctx, today=TODAY, find_drives=list)
    show_active(qtbot, screen)

    qtbot.mouseClick(screen.restore.restore_copy_button, Qt.MouseButton.LeftButton)

    dialog = screen.restore_dialog
    assert dialog is not None and dialog.pages.currentWidget() is dialog.preview_page
    request = dialog.request
    assert request is not None and request.file == copy.path
    dialog.reject()
    backup_ctx.close()
    assert restore_now(backup_ctx.paths, request) is not None
    [(title, _message)] = answers.messages
    assert title == "Backup restored"
    keys = KeyFile.load(backup_ctx.paths.key_file)
    restored = Database(
        backup_ctx.paths.database, key=keys.unlock(keys.slot_named(ADMIN), PASSWORD)
    )
    try:
        with restored.session_scope() as session:
            assert count_people(session) == PEOPLE
    finally:
        restored.close()


def test_a_backup_from_a_newer_involve_is_refused_in_words_before_anything_changes(
    qtbot, backup_ctx, screen, answers, tmp_path, monkeypatch
):
    from involve_desktop.backup import make_backup as making

    monkeypatch.setattr(making, "__version__", "9.4")
    made = make_backup(backup_ctx, tmp_path)

    dialog = screen.start_restore(made.path)

    assert dialog is not None and dialog.pages.currentWidget() is dialog.preview_page
    assert dialog.what_happens.text() == (
        "This backup was made by a newer version of Involve (9.4). Install that version or "
        "newer to restore it. Nothing has been changed."
    )
    assert dialog.restore_button.isHidden()
    dialog.reject()
