"""Signing in, and protecting records made before encryption, through the real dialogs."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from involve_desktop.db import sqlite_file
from involve_desktop.db.key_slots import KeyFile
from involve_desktop.db.startup import prepare_database
from involve_desktop.services import protection
from involve_desktop.ui.dialogs.protect_records_wizard import ProtectRecordsWizard
from involve_desktop.ui.dialogs.sign_in_dialog import SignInDialog
from tests.conftest import EXAMPLE_ORGANISATION
from tests.ui.helpers import show_active, type_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
PASSWORD = "lighthouse pebble orchard"
RECOVERY = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"


def set_up(paths):
    return protection.start_new_records(
        paths, EXAMPLE_ORGANISATION, "Priya Shah", PASSWORD, RECOVERY
    )


def open_sign_in(qtbot, paths) -> SignInDialog:
    keys = KeyFile.load(paths.key_file)
    dialog = SignInDialog("Greenfield", keys.labels(), keys.unlock)
    show_active(qtbot, dialog)
    return dialog


def test_a_wrong_password_is_explained_and_the_right_one_signs_in(qtbot, paths):
    made = protection.start_new_records(
        paths, EXAMPLE_ORGANISATION, "Priya Shah", PASSWORD, RECOVERY
    )
    dialog = open_sign_in(qtbot, paths)
    assert dialog.name_box.currentText() == "Priya Shah"
    type_text(dialog.secret_edit, "not my password")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert "not right" in dialog.fields.errors["secret"].text()
    assert dialog.key is None and dialog.isVisible()

    dialog.secret_edit.clear()
    type_text(dialog.secret_edit, PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.key == made.key
    assert dialog.slot_id == f"staff-{made.actor.staff_id}"


def test_the_recovery_key_opens_the_records_and_sets_a_new_password(qtbot, paths):
    made = protection.start_new_records(
        paths, EXAMPLE_ORGANISATION, "Priya Shah", PASSWORD, RECOVERY
    )
    dialog = open_sign_in(qtbot, paths)
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    type_text(dialog.secret_edit, RECOVERY.lower().replace("-", " "))
    type_text(dialog.new_password_edit, "short")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert "at least 10 characters" in dialog.fields.errors["new_password"].text()
    dialog.new_password_edit.clear()
    type_text(dialog.new_password_edit, "copper kettle harbour")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.key == made.key and dialog.new_password == "copper kettle harbour"

    protection.reset_password_with_recovery_key(
        paths, made.key, dialog.slot_id, dialog.new_password
    )
    assert protection.sign_in(paths, dialog.slot_id, "copper kettle harbour") == made.key


def test_records_from_before_encryption_are_protected_through_the_wizard(qtbot, paths):
    shutil.copy(FIXTURES / "0001_foundation.db", paths.database)
    prepare_database(paths.database)
    wizard = ProtectRecordsWizard(
        "Riverside Voices", lambda *answers: protection.protect_existing_records(paths, *answers)
    )
    show_active(qtbot, wizard)
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    admin = wizard.admin_page.admin_form
    type_text(admin.name_edit, "Priya Shah")
    type_text(admin.password_edit, PASSWORD)
    type_text(admin.confirm_edit, "a different one")
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert "not the same" in admin.errors["confirm"].text()
    admin.confirm_edit.clear()
    type_text(admin.confirm_edit, PASSWORD)
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    wizard.recovery_page.panel.kept_box.setChecked(True)
    qtbot.keyClick(wizard, Qt.Key.Key_Return)  # Finish

    assert wizard.result() == QWizard.DialogCode.Accepted
    signed = wizard.result_of_protect
    assert b"SQLite format 3" not in paths.database.read_bytes()[:16]
    connection = sqlite_file.connect(paths.database, key=signed.key)
    assert connection.execute("SELECT count(*) FROM person").fetchone() == (25,)
    connection.close()
