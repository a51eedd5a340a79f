"""The "you said, we did" editor, typed into like a person would, saved to a real database."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from involve_desktop.services.impact import ImpactFilter, list_impact, load_impact
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.impact_editor import ImpactEditor
from involve_desktop.ui.prompts import UnsavedChoice
from tests.db.impact_helpers import TODAY, add_activity, add_impact
from tests.ui.helpers import show_active, type_text
from tests.ui.test_accessibility import unnamed_inputs


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_editor(qtbot, ctx, impact_id=None, activity_id=None) -> ImpactEditor:
    editor = ImpactEditor(ctx, impact_id, activity_id, today=TODAY)
    show_active(qtbot, editor)
    return editor


def test_feedback_from_outside_an_activity_is_typed_in_and_saved(qtbot, ctx):
    editor = open_editor(qtbot, ctx)
    form = editor.form
    assert editor.windowTitle() == "New feedback"
    assert form.source.isVisibleTo(editor)
    assert form.source.hasFocus()
    assert form.told.text() == "The experts by experience involved were &told"
    type_text(form.source, "Comment card in reception")
    type_text(form.said, "The ramp at the side door is too steep for a wheelchair.")
    type_text(form.decided, "Ask the landlord for a handrail")
    type_text(form.what_changed, "A handrail was fitted")
    type_text(form.changed_on, "20/11/26")
    assert editor.dirty
    click(qtbot, form.told)
    assert form.told_on.text() == "26/11/2026", "ticking 'told' dates it today"
    form.responsible.setCurrentIndex(form.responsible.findText("Priya Shah"))

    with qtbot.waitSignal(editor.saved) as saved, qtbot.waitSignal(ctx.events.data_changed):
        click(qtbot, editor.save_button)

    assert not editor.isVisible()
    stored = ops.query(ctx, load_impact, saved.args[0])
    assert stored.source == "Comment card in reception"
    assert stored.said == "The ramp at the side door is too steep for a wheelchair."
    assert stored.changed_on == date(2026, 11, 20)
    assert (stored.told_people, stored.told_on) == (True, TODAY)
    assert stored.responsible_staff_id == ctx.actor.staff_id
    [summary] = ops.query(ctx, list_impact, ImpactFilter())
    assert summary.recorded_on == TODAY


def test_a_record_for_an_activity_names_it_and_asks_no_source(qtbot, ctx):
    panel = add_activity(ctx.database(), "Interview panel", date(2026, 10, 1))
    editor = open_editor(qtbot, ctx, activity_id=panel)
    assert "\u201cInterview panel\u201d, 1 October 2026" in editor.activity_label.text()
    assert not editor.form.source.isVisibleTo(editor)
    assert editor.form.said.hasFocus()
    type_text(editor.form.said, "Ask how candidates would support someone on a bad day")
    qtbot.keyClick(editor.form.said, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    [summary] = ops.query(ctx, list_impact, ImpactFilter(activity_id=panel))
    assert summary.activity_title == "Interview panel"
    assert not summary.told_people


def test_problems_are_shown_at_their_fields_and_nothing_is_saved(qtbot, ctx):
    editor = open_editor(qtbot, ctx)
    type_text(editor.form.changed_on, "31/02/2026")
    click(qtbot, editor.save_button)
    assert editor.isVisible()
    assert "does not exist" in editor.form.errors["changed_on"].text()
    assert "does not exist" in editor.form.changed_on.accessibleDescription()

    editor.form.changed_on.clear()
    type_text(editor.form.changed_on, "1/11/2026")
    click(qtbot, editor.save_button)
    errors = editor.form.errors
    assert "say where this feedback came from" in errors["source"].text()
    assert "what people said" in errors["said"].text()
    assert "what changed on this date" in errors["changed_on"].text()
    assert editor.state_label.text() == "Not saved: 3 things need correcting (marked \u26a0)."
    assert editor.form.source.hasFocus(), "the first problem gets the cursor"
    assert ops.query(ctx, list_impact, ImpactFilter()) == []


def test_an_existing_record_opens_as_saved_and_can_be_unmarked_as_told(qtbot, ctx):
    impact_id = add_impact(
        ctx.database(),
        "Meet in the evenings",
        decided="One evening meeting a quarter",
        told_people=True,
        told_on=date(2026, 11, 1),
    )
    editor = open_editor(qtbot, ctx, impact_id)
    form = editor.form
    assert editor.windowTitle() == "Feedback"
    assert form.said.toPlainText() == "Meet in the evenings"
    assert form.told.isChecked() and form.told_on.text() == "01/11/2026"
    assert form.responsible.currentText() == "Nobody named yet"
    assert not editor.dirty
    click(qtbot, form.told)
    assert not form.told_on.isEnabled()
    click(qtbot, editor.save_button)
    stored = ops.query(ctx, load_impact, impact_id)
    assert (stored.told_people, stored.told_on) == (False, None)


def test_closing_with_unsaved_changes_asks_first(qtbot, ctx, answers):
    editor = open_editor(qtbot, ctx)
    type_text(editor.form.said, "More seats in reception")
    answers.unsaved = UnsavedChoice.CANCEL
    editor.close()
    assert editor.isVisible()
    assert answers.asked == ["unsaved this record"]
    answers.unsaved = UnsavedChoice.DISCARD
    click(qtbot, editor.cancel_button)
    assert not editor.isVisible()
    assert ops.query(ctx, list_impact, ImpactFilter()) == []


def test_every_input_has_a_name_and_tab_moves_on_from_the_text_boxes(qtbot, ctx):
    editor = open_editor(qtbot, ctx)
    assert unnamed_inputs(editor) == []
    editor.form.said.setFocus()
    qtbot.waitUntil(editor.form.said.hasFocus)
    qtbot.keyClick(editor.form.said, Qt.Key.Key_Tab)
    assert editor.form.decided.hasFocus()
    assert editor.form.said.toPlainText() == ""


def test_a_responsible_staff_member_who_has_left_is_named_as_elsewhere(qtbot, ctx):
    from involve_desktop.db.models import Staff
    from involve_desktop.domain.roles import Role

    with ctx.database().session_scope() as session:
        tom = Staff(name="Tom Reed", role=Role.STAFF.value, active=False)
        session.add(tom)
        session.flush()
        tom_id = tom.id
    impact_id = add_impact(ctx.database(), "Evening meetings", responsible_staff_id=tom_id)
    editor = open_editor(qtbot, ctx, impact_id)
    assert editor.form.responsible.currentText() == "Tom Reed (no longer active)"
