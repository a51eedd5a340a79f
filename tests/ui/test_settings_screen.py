"""Settings: change what the wizard asked, see it everywhere, never lose an edit silently."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from involve_desktop.services.organisation import load_organisation
from involve_desktop.ui.prompts import UnsavedChoice
from involve_desktop.ui.screens.settings_screen import SettingsScreen
from involve_desktop.ui.widgets.terms_form import OWN_WORDS
from tests.ui.helpers import show_active, type_text


def saved(ctx):
    with ctx.database().session_scope() as session:
        return load_organisation(session)


def open_settings(qtbot, ctx) -> SettingsScreen:
    screen = SettingsScreen(ctx)
    show_active(qtbot, screen)
    return screen


def test_settings_show_what_is_saved(qtbot, ctx):
    screen = open_settings(qtbot, ctx)
    assert screen.organisation_form.name_edit.text() == "Greenfield Carers Network"
    assert screen.terms_form.plural_edit.text() == "experts by experience"
    assert screen.terms_form.choices.checkedId() == 1  # the "expert by experience" preset
    assert not screen.save_button.isEnabled()


def test_changing_the_words_saves_and_tells_the_whole_app(qtbot, ctx):
    screen = open_settings(qtbot, ctx)
    changes = []
    ctx.events.data_changed.connect(changes.append)
    screen.tabs.setCurrentWidget(screen.terms_form)
    own_words = screen.terms_form.choices.button(OWN_WORDS)
    own_words.setFocus()
    qtbot.keyClick(own_words, Qt.Key.Key_Space)
    screen.terms_form.singular_edit.selectAll()
    type_text(screen.terms_form.singular_edit, "aelod")
    screen.terms_form.plural_edit.selectAll()
    type_text(screen.terms_form.plural_edit, "aelodau")
    assert screen.state_label.text() == "You have unsaved changes."

    qtbot.keyClick(screen.terms_form.plural_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert saved(ctx).terms.plural == "aelodau"
    assert changes == ["organisation"]
    assert ctx.terms.count(2) == "2 aelodau"
    assert screen.state_label.text() == "All changes saved."
    assert not screen.save_button.isEnabled()


def test_an_empty_name_is_refused_at_the_field_and_nothing_is_saved(qtbot, ctx):
    screen = open_settings(qtbot, ctx)
    screen.tabs.setCurrentWidget(screen.terms_form)
    screen.organisation_form.name_edit.clear()
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.tabs.currentWidget() is screen.organisation_form
    assert "type the organisation's name" in screen.organisation_form.errors["name"].text()
    assert saved(ctx).name == "Greenfield Carers Network"
    assert screen.dirty, "the edit is kept on screen so it can be corrected"


def test_undo_changes_puts_back_what_is_saved(qtbot, ctx):
    screen = open_settings(qtbot, ctx)
    qtbot.keyClicks(screen.organisation_form.charity_number_edit, "99")
    qtbot.mouseClick(screen.undo_button, Qt.MouseButton.LeftButton)
    assert screen.organisation_form.charity_number_edit.text() == "1098765"
    assert not screen.dirty


def test_leaving_with_unsaved_changes_asks_and_cancel_keeps_the_edit(qtbot, ctx, answers):
    screen = open_settings(qtbot, ctx)
    qtbot.keyClicks(screen.organisation_form.name_edit, " CIO")
    answers.unsaved = UnsavedChoice.CANCEL
    assert screen.confirm_leave() is False
    assert answers.asked == ["unsaved the settings"]
    assert screen.organisation_form.name_edit.text() == "Greenfield Carers Network CIO"

    answers.unsaved = UnsavedChoice.SAVE
    assert screen.confirm_leave() is True
    assert saved(ctx).name == "Greenfield Carers Network CIO"


def test_leaving_and_discarding_drops_only_the_unsaved_edit(qtbot, ctx, answers):
    screen = open_settings(qtbot, ctx)
    qtbot.keyClicks(screen.organisation_form.name_edit, " (draft)")
    answers.unsaved = UnsavedChoice.DISCARD
    assert screen.confirm_leave() is True
    assert screen.organisation_form.name_edit.text() == "Greenfield Carers Network"
    assert saved(ctx).name == "Greenfield Carers Network"


def test_removing_the_logo_is_a_change_that_can_be_saved(qtbot, ctx, answers, tmp_path):
    from tests.ui.test_first_run_wizard import tiny_png

    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png())
    answers.image_file = logo
    screen = open_settings(qtbot, ctx)
    qtbot.mouseClick(screen.organisation_form.choose_logo_button, Qt.MouseButton.LeftButton)
    assert screen.save() is True
    assert saved(ctx).logo == logo.read_bytes()
    qtbot.mouseClick(screen.organisation_form.remove_logo_button, Qt.MouseButton.LeftButton)
    assert screen.organisation_form.logo_preview.text() == "No logo chosen"
    assert screen.save() is True
    assert saved(ctx).logo is None


def test_save_shortcut_is_the_standard_one(qtbot, ctx):
    screen = open_settings(qtbot, ctx)
    assert screen.save_button.toolTip() == "Save (Ctrl+S)"
    assert QKeySequence(QKeySequence.StandardKey.Save).toString() == "Ctrl+S"
