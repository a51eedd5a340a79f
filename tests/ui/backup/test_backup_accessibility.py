"""Every input on the Backup screen and its dialogs is named for a screen reader, every button
says what it does, and no two Alt+letters clash (the screen shares them with the menus)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from involve_desktop.services import backup_settings
from involve_desktop.services.backups import back_up
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.first_run_wizard import FirstRunWizard
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.screens.backup.backup_screen import BackupScreen
from involve_desktop.ui.screens.backup.passphrase_dialog import PassphraseDialog
from involve_desktop.ui.screens.backup.restore_dialog import RestoreDialog
from tests.ui.backup.conftest import PASSPHRASE, TODAY, at, stick
from tests.ui.helpers import show_active
from tests.ui.test_accessibility import unnamed_inputs
from tests.ui.test_mnemonics import clashes, mnemonics


def test_the_screen_is_named_and_its_letters_do_not_clash_with_the_menus(
    qtbot, backup_ctx, tmp_path
):
    window = MainWindow(backup_ctx)
    show_active(qtbot, window)
    window._services_ready()
    window.backup_status.today = lambda: TODAY
    backup_ctx_drives = [stick(tmp_path)]
    screen = BackupScreen(backup_ctx, today=TODAY, find_drives=lambda: backup_ctx_drives)
    qtbot.addWidget(screen)
    assert unnamed_inputs(screen) == []
    assert clashes(mnemonics(screen) + mnemonics(window.menuBar())) == {}
    for button in screen.findChildren(QPushButton):
        assert button.text().replace("&", "").strip(), "a button with no words"
        assert button.accessibleName() or button.text(), button
    assert unnamed_inputs(window.backup_status) == []


def test_the_dialogs_are_named_and_their_letters_do_not_clash(qtbot, backup_ctx, tmp_path):
    passphrase = PassphraseDialog(backup_ctx, changing=True)
    qtbot.addWidget(passphrase)
    assert unnamed_inputs(passphrase) == []
    assert clashes(mnemonics(passphrase)) == {}

    ops.change(backup_ctx, "backup", backup_settings.set_passphrase, backup_ctx.actor, PASSPHRASE)
    folder = tmp_path / "stick"
    folder.mkdir()
    made = back_up(
        backup_ctx.database(), backup_ctx.paths, backup_ctx.key, folder, None, now=at(TODAY)
    )
    restore = RestoreDialog(made.path, tmp_path, lambda _request: None)
    qtbot.addWidget(restore)
    assert unnamed_inputs(restore) == []
    assert clashes(mnemonics(restore)) == {}


def test_the_wizards_restore_button_keeps_return_for_next(qtbot, paths):
    wizard = FirstRunWizard(paths, lambda *answers: None)
    show_active(qtbot, wizard)
    assert clashes(mnemonics(wizard.currentPage())) == {}
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.organisation_page


def test_tab_reaches_the_backup_buttons_in_reading_order(qtbot, backup_ctx, tmp_path):
    drives = [stick(tmp_path)]
    screen = BackupScreen(backup_ctx, today=TODAY, find_drives=lambda: drives)
    screen.resize(1000, 760)
    show_active(qtbot, screen)
    order = [
        screen.back_up.drive_buttons[0],
        screen.back_up.folder_button,
        screen.back_up.plain_box,
        screen.passphrase.set_button,
        screen.passphrase.interval,
        screen.restore.restore_file_button,
    ]
    order[0].setFocus()
    qtbot.waitUntil(order[0].hasFocus)
    reached = [order[0]]
    for _step in range(20):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    places = [reached.index(control) for control in order]
    assert places == sorted(places)
