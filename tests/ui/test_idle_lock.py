"""The idle lock hides everything after a quiet spell, and keeps unsaved edits for later."""

from __future__ import annotations

from PySide6.QtCore import Qt

from involve_desktop.ui.main_window import MainWindow
from tests.ui.helpers import show_active, type_text

PASSWORD = "lighthouse pebble orchard"


def test_a_quiet_window_locks_hides_the_screens_and_keeps_unsaved_edits(qtbot, signed_in_ctx):
    window = MainWindow(signed_in_ctx)
    show_active(qtbot, window)
    window._services_ready()
    window.show_area([area.key for area in window.areas].index("settings"))
    settings = window.current_screen()
    qtbot.keyClicks(settings.organisation_form.charity_number_edit, "-1")
    assert settings.dirty

    # GIVEN a very short quiet spell, WHEN nobody touches anything
    window.idle_watcher.timer.setInterval(50)
    window.idle_watcher.restart()
    qtbot.waitUntil(lambda: window.locked, timeout=3000)

    # THEN the records are hidden, the menus cannot be used, and a password is asked for
    assert not settings.isVisible()
    assert not window.menuBar().isEnabled()
    assert "Priya Shah" in window.lock_panel.message.text()

    # A wrong password is explained; the right one brings everything back as it was
    type_text(window.lock_panel.password_edit, "not the password")
    qtbot.mouseClick(window.lock_panel.unlock_button, Qt.MouseButton.LeftButton)
    assert window.locked
    assert "not right" in window.lock_panel.error.text()
    window.lock_panel.password_edit.clear()
    type_text(window.lock_panel.password_edit, PASSWORD)
    qtbot.keyClick(window.lock_panel.password_edit, Qt.Key.Key_Return)
    assert not window.locked
    assert settings.isVisible()
    assert settings.organisation_form.charity_number_edit.text() == "1098765-1"
    assert settings.dirty, "the unsaved edit survived the lock"


def test_using_the_app_keeps_it_unlocked(qtbot, signed_in_ctx):
    window = MainWindow(signed_in_ctx)
    show_active(qtbot, window)
    window._services_ready()
    # Home draws its charts once its figures are in: a moment of work, not of use.
    qtbot.waitUntil(lambda: not window.current_screen().loading, timeout=20_000)
    window.idle_watcher.timer.setInterval(300)
    window.idle_watcher.restart()
    # Keys that change nothing: moving between areas builds screens, and a slow machine
    # building one could itself take longer than the quiet spell.
    for _ in range(10):
        qtbot.wait(100)
        qtbot.keyClick(window.navigation, Qt.Key.Key_Shift)
    assert not window.locked


def test_the_lock_covers_an_open_record_and_gives_it_back_as_it_was(qtbot, signed_in_ctx):
    window = MainWindow(signed_in_ctx)
    show_active(qtbot, window)
    window._services_ready()
    people = window.open_area("people")
    people.start_new()
    editor = people.editor
    qtbot.waitUntil(editor.isVisible)
    type_text(editor.about.first_name, "Zoë")

    window.lock()
    assert not editor.isVisible(), "a record must not show over the lock"

    type_text(window.lock_panel.password_edit, PASSWORD)
    qtbot.keyClick(window.lock_panel.password_edit, Qt.Key.Key_Return)
    assert editor.isVisible()
    assert editor.about.first_name.text() == "Zoë"
    assert editor.dirty
