"""Setting the backup passphrase: typed twice, judged in words as it is typed, problems at
the field, and the keep-this-safe sheet as a PDF that never holds the passphrase."""

from __future__ import annotations

from PySide6.QtCore import Qt

from involve_desktop.backup.verify import verify_backup
from involve_desktop.services import backup_settings
from involve_desktop.services.backups import back_up
from involve_desktop.ui import ops
from involve_desktop.ui.screens.backup.backup_screen import BackupScreen
from involve_desktop.ui.screens.backup.passphrase_dialog import MISMATCH, PassphraseDialog
from involve_desktop.ui.widgets.strength_meter import StrengthMeter
from tests.ui.backup.conftest import ORGANISATION, PASSPHRASE, TODAY, at
from tests.ui.helpers import show_active, type_text
from tests.ui.pdf.conftest import close_saved_dialogs, page_count, saved_dialogs, text_of


def open_dialog(qtbot, ctx) -> PassphraseDialog:
    dialog = PassphraseDialog(ctx, changing=False)
    show_active(qtbot, dialog)
    return dialog


def test_the_meter_says_the_strength_in_words_as_it_is_typed(qtbot):
    meter = StrengthMeter()
    qtbot.addWidget(meter)
    assert "Type at least 10 characters" in meter.words.text()
    meter.judge("password1")
    assert meter.bar.format() == "Strength: very weak"
    assert meter.words.text().startswith("Not strong enough yet.")
    meter.judge("kettle garden bicycle")
    assert meter.bar.format() == "Strength: very strong"
    assert meter.words.text() == "Strong enough."
    assert meter.bar.accessibleDescription() == "Very strong. Strong enough."


def test_a_weak_passphrase_is_refused_at_its_field(qtbot, backup_ctx):
    dialog = open_dialog(qtbot, backup_ctx)
    type_text(dialog.passphrase_edit, "password123")
    type_text(dialog.confirm_edit, "password123")

    qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.passphrase_error.isVisible()
    assert "common password" in dialog.passphrase_error.text()
    assert dialog.passphrase_edit.accessibleDescription() == dialog.passphrase_error.text()[2:]
    assert not ops.query(backup_ctx, backup_settings.load).passphrase_set


def test_two_different_passphrases_are_refused_at_the_second_field(qtbot, backup_ctx):
    dialog = open_dialog(qtbot, backup_ctx)
    type_text(dialog.passphrase_edit, PASSPHRASE)
    type_text(dialog.confirm_edit, PASSPHRASE + "s")

    qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)

    assert dialog.confirm_error.text() == f"\u26a0 {MISMATCH}"
    assert dialog.passphrase_error.isHidden()
    assert dialog.confirm_edit.hasFocus()
    assert not ops.query(backup_ctx, backup_settings.load).passphrase_set
    # Typing again clears the message.
    type_text(dialog.confirm_edit, "x")
    assert dialog.confirm_error.isHidden()


def test_a_good_passphrase_is_kept_as_a_key_that_opens_later_backups(qtbot, backup_ctx, tmp_path):
    dialog = open_dialog(qtbot, backup_ctx)
    type_text(dialog.passphrase_edit, PASSPHRASE)
    type_text(dialog.confirm_edit, PASSPHRASE)
    with qtbot.waitSignal(backup_ctx.events.data_changed):
        qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert ops.query(backup_ctx, backup_settings.load).passphrase_set
    stick = tmp_path / "stick"
    stick.mkdir()
    made = back_up(
        backup_ctx.database(),
        backup_ctx.paths,
        backup_ctx.key,
        stick,
        backup_ctx.actor,
        now=at(TODAY),
    )
    assert verify_backup(made.path, PASSPHRASE).organisation == ORGANISATION


def test_the_keep_this_safe_sheet_is_one_page_without_the_passphrase(
    qtbot, backup_ctx, answers, tmp_path
):
    ops.change(backup_ctx, "backup", backup_settings.set_passphrase, backup_ctx.actor, PASSPHRASE)
    screen = BackupScreen(backup_ctx, today=TODAY, find_drives=list)
    show_active(qtbot, screen)
    assert screen.passphrase.sheet_button.isEnabled()
    assert screen.passphrase.set_button.text() == "Change the &passphrase\u2026"
    answers.save_file = tmp_path / "Sheet.pdf"

    screen.passphrase.save_sheet(today=TODAY)

    text = text_of(tmp_path / "Sheet.pdf")
    assert page_count(tmp_path / "Sheet.pdf") == 1
    assert "Backup passphrase: keep this safe" in text
    assert ORGANISATION in text and "Write the passphrase here" in text
    assert "Restoring on another computer" in text and "Printed by Priya Shah" in text
    assert PASSPHRASE not in text and PASSPHRASE.split()[0] not in text
    assert saved_dialogs(), "Open / Print… / Show in folder is offered"
    close_saved_dialogs()
