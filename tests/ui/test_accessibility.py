"""Every input can be found by a screen reader and reached in a sensible order by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from involve_desktop.ui.dialogs.first_run_wizard import FirstRunWizard
from involve_desktop.ui.screens.settings_screen import SettingsScreen
from tests.ui.helpers import show_active

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)


def unnamed_inputs(root: QWidget) -> list[str]:
    found = []
    for kind in INPUTS:
        for widget in root.findChildren(kind):
            inner_line_edit = isinstance(widget.parent(), (QComboBox, QAbstractSpinBox))
            if not inner_line_edit and not widget.accessibleName():
                found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def test_every_input_in_the_wizard_and_settings_has_an_accessible_name(qtbot, ctx, paths):
    wizard = FirstRunWizard(paths, lambda *answers: None)
    settings = SettingsScreen(ctx)
    qtbot.addWidget(wizard)
    qtbot.addWidget(settings)
    assert unnamed_inputs(wizard) == []
    assert unnamed_inputs(settings) == []


def test_every_button_says_what_it_does(qtbot, ctx):
    settings = SettingsScreen(ctx)
    qtbot.addWidget(settings)
    buttons = settings.findChildren(QPushButton) + settings.findChildren(QRadioButton)
    assert len(buttons) >= 10
    for button in buttons:
        assert button.text().replace("&", "").strip(), "a button with no words"


def test_tab_moves_through_the_organisation_fields_in_reading_order(qtbot, ctx):
    settings = SettingsScreen(ctx)
    show_active(qtbot, settings)
    form = settings.organisation_form
    form.name_edit.setFocus()
    qtbot.waitUntil(form.name_edit.hasFocus)
    order = [form.charity_number_edit, form.address_edit, form.choose_logo_button]
    for expected in order:
        qtbot.keyClick(settings.focusWidget(), Qt.Key.Key_Tab)
        assert settings.focusWidget() is expected


def test_every_input_on_the_people_screen_and_in_the_person_editor_has_a_name(qtbot, ctx):
    from involve_desktop.ui.dialogs.person_editor import PersonEditor
    from involve_desktop.ui.screens.people.people_screen import PeopleScreen

    screen = PeopleScreen(ctx)
    editor = PersonEditor(ctx)
    qtbot.addWidget(screen)
    qtbot.addWidget(editor)
    assert unnamed_inputs(screen) == []
    assert unnamed_inputs(editor) == []
    for button in editor.findChildren(QPushButton) + screen.findChildren(QPushButton):
        assert button.text().replace("&", "").strip(), "a button with no words"


def test_tab_moves_through_the_about_section_in_reading_order(qtbot, ctx):
    from involve_desktop.ui.dialogs.person_editor import PersonEditor

    editor = PersonEditor(ctx)
    show_active(qtbot, editor)
    about = editor.about
    about.first_name.setFocus()
    qtbot.waitUntil(about.first_name.hasFocus)
    for expected in (about.last_name, about.preferred_name, about.pronouns, about.date_of_birth):
        qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
        assert editor.focusWidget() is expected
