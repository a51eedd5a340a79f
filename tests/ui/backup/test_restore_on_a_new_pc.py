"""A fresh install on another PC: the first-run wizard restores a backup file into the empty
data folder, and the start goes on to sign in with a password from the old PC."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from involve_desktop.__main__ import open_records
from involve_desktop.db.engine import Database
from involve_desktop.db.key_slots import KeyFile
from involve_desktop.paths import AppPaths, ensure_writable
from involve_desktop.services import backup_settings
from involve_desktop.services.backups import back_up
from involve_desktop.services.people import count_people
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.first_run_wizard import FirstRunWizard
from tests.ui.backup.conftest import ADMIN, PASSPHRASE, PASSWORD, PEOPLE, TODAY, at, signed_in
from tests.ui.helpers import show_active, type_text
from tests.ui.test_start import when_modal


def backup_from_the_old_pc(tmp_path: Path) -> Path:
    old = AppPaths(tmp_path / "old-pc")
    ensure_writable(old)
    ctx = signed_in(old)
    try:
        ops.change(ctx, "backup", backup_settings.set_passphrase, ctx.actor, PASSPHRASE)
        stick = tmp_path / "stick"
        stick.mkdir()
        made = back_up(ctx.database(), ctx.paths, ctx.key, stick, ctx.actor, now=at(TODAY))
    finally:
        ctx.close()
    return made.path


def restore_through(qtbot, wizard: FirstRunWizard, answers, backup: Path) -> None:
    """What a person does on the wizard's first page: choose the file, type the
    passphrase, look at what it holds, restore."""
    answers.open_file = backup
    qtbot.mouseClick(wizard.restore_button, Qt.MouseButton.LeftButton)
    dialog = wizard.restore_dialog
    assert dialog is not None and dialog.pages.currentIndex() == 0
    type_text(dialog.passphrase_edit, PASSPHRASE)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert "sign in with your password" in dialog.what_happens.text()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)


def test_the_wizard_restores_into_the_empty_data_folder(qtbot, paths, answers, tmp_path):
    backup = backup_from_the_old_pc(tmp_path)
    assert not paths.database.exists() and not paths.key_file.exists()
    wizard = FirstRunWizard(paths, lambda *answers: None)
    show_active(qtbot, wizard)

    restore_through(qtbot, wizard, answers, backup)

    assert wizard.restored and wizard.result() == FirstRunWizard.DialogCode.Accepted
    assert [title for title, _ in answers.messages] == ["Backup restored"]
    keys = KeyFile.load(paths.key_file)
    database = Database(paths.database, key=keys.unlock(keys.slot_named(ADMIN), PASSWORD))
    try:
        with database.session_scope() as session:
            assert count_people(session) == PEOPLE
    finally:
        database.close()


def test_a_cancelled_restore_leaves_the_wizard_where_it_was(qtbot, paths, answers, tmp_path):
    wizard = FirstRunWizard(paths, lambda *answers: None)
    show_active(qtbot, wizard)
    answers.open_file = None  # the file picker cancelled

    qtbot.mouseClick(wizard.restore_button, Qt.MouseButton.LeftButton)

    assert wizard.isVisible() and not wizard.restored
    assert not paths.database.exists()


def test_the_start_goes_on_to_sign_in_after_restoring(qtbot, paths, answers, tmp_path, monkeypatch):
    backup = backup_from_the_old_pc(tmp_path)
    monkeypatch.setenv("INVOLVE_USER", ADMIN)
    monkeypatch.setenv("INVOLVE_PASSWORD", PASSWORD)
    when_modal(FirstRunWizard, lambda wizard: restore_through(qtbot, wizard, answers, backup))

    opening = open_records(paths, None)

    assert opening is not None, "signed in to the restored records"
    keys = KeyFile.load(paths.key_file)
    assert opening.key == keys.unlock(keys.slot_named(ADMIN), PASSWORD)
