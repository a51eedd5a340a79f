"""The action editor, driven with the keyboard over a real database: a new action saved
with Ctrl+S, a due date outside the plan refused at the field, a dropped action's reason,
people from the register, progress notes, and a replaced plan's action read-only."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from involve_desktop.db.cycle_models import ActionItem, ActionItemPerson, ActionProgress
from involve_desktop.domain.learning_cycle import ItemStatus
from involve_desktop.ui.dialogs.action_item_editor import ActionItemEditor
from tests.db.plan_helpers import TODAY, add_item, add_person, make_strategy
from tests.ui.helpers import show_active, type_text
from tests.ui.test_mnemonics import clashes, mnemonics


def strategy(ctx, status: str = "current") -> int:
    with ctx.database().session_scope() as session:
        return make_strategy(session, status=status)


def items(ctx) -> list[ActionItem]:
    with ctx.database().session_scope() as session:
        rows = session.query(ActionItem).all()
        session.expunge_all()
        return rows


def open_editor(qtbot, ctx, strategy_id: int, item_id: int | None = None) -> ActionItemEditor:
    editor = ActionItemEditor(ctx, strategy_id, item_id, today=TODAY)
    show_active(qtbot, editor)
    return editor


def press_save(qtbot, editor: ActionItemEditor) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_new_action_is_typed_and_saved_with_the_keyboard(qtbot, ctx):
    plan = strategy(ctx)
    editor = open_editor(qtbot, ctx, plan)
    assert editor.form.action.hasFocus()
    assert editor.form.period_note.text() == "The plan runs 1 April 2026 to 31 March 2029."
    type_text(editor.form.action, "Ask the youth panel to review our leaflets")
    qtbot.keyClick(editor.form.action, Qt.Key.Key_Tab)
    assert editor.form.area.hasFocus()
    qtbot.keyClick(editor.form.area, Qt.Key.Key_Home)  # Culture
    assert editor.form.area_meaning.text().startswith("How the whole organisation thinks")
    qtbot.keyClick(editor.form.status, Qt.Key.Key_Down)  # In progress
    qtbot.keyClicks(editor.form.place, "The community centre")
    qtbot.keyClicks(editor.form.due_on, "15/01/2027")
    assert editor.state_label.text() == "Unsaved changes."
    saved = []
    editor.saved.connect(saved.append)
    press_save(qtbot, editor)
    assert not editor.isVisible()
    (item,) = items(ctx)
    assert saved == [item.id]
    assert (item.action, item.area, item.status) == (
        "Ask the youth panel to review our leaflets",
        "culture",
        "in_progress",
    )
    assert (item.place, item.due_on, item.staff_id) == (
        "The community centre",
        date(2027, 1, 15),
        ctx.actor.staff_id,
    )


def test_a_due_date_before_the_plan_is_refused_at_the_field_and_nothing_is_saved(qtbot, ctx):
    plan = strategy(ctx)
    editor = open_editor(qtbot, ctx, plan)
    type_text(editor.form.action, "Train the trustees")
    qtbot.keyClicks(editor.form.due_on, "31/03/2026")
    press_save(qtbot, editor)
    message = editor.form.errors["due_on"]
    assert message.isVisible()
    assert "before the plan's period (1 April 2026 to 31 March 2029)" in message.text()
    assert editor.form.due_on.hasFocus()
    assert editor.state_label.text().startswith("Not saved: one thing needs correcting")
    assert editor.isVisible()
    assert items(ctx) == []
    editor.form.due_on.clear()
    qtbot.keyClicks(editor.form.due_on, "not a date")
    press_save(qtbot, editor)
    assert editor.form.errors["due_on"].isVisible()
    assert items(ctx) == []


def test_a_dropped_action_asks_why_and_is_saved_with_the_reason(qtbot, ctx):
    plan = strategy(ctx)
    with ctx.database().session_scope() as session:
        item_id = add_item(session, plan, "Start a newsletter", due_on=date(2026, 2, 1))
    editor = open_editor(qtbot, ctx, plan, item_id)
    assert not editor.form.dropped_reason.isVisible()
    editor.form.status.setFocus()
    qtbot.keyClick(editor.form.status, Qt.Key.Key_End)  # Dropped
    assert editor.form.dropped_reason.isVisible()
    press_save(qtbot, editor)
    assert "why it was dropped" in editor.form.errors["dropped_reason"].text()
    assert items(ctx)[0].status == ItemStatus.NOT_STARTED.value
    type_text(editor.form.dropped_reason, "Nobody had the time")
    press_save(qtbot, editor)
    (item,) = items(ctx)
    # A date carried over from before the period is kept as it was.
    assert (item.status, item.dropped_reason, item.due_on) == (
        "dropped",
        "Nobody had the time",
        date(2026, 2, 1),
    )


def test_people_from_the_register_are_added_and_removed(qtbot, ctx):
    plan = strategy(ctx)
    with ctx.database().session_scope() as session:
        amira = add_person(session, "Amira", "Khan")
        ben = add_person(session, "Ben", "Okafor")
    editor = open_editor(qtbot, ctx, plan)
    type_text(editor.form.action, "Run the welcome session together")
    qtbot.mouseClick(editor.people.find_button, Qt.MouseButton.LeftButton)
    finder = editor.people.dialog.finder
    qtbot.waitUntil(finder.search.hasFocus)
    for name in ("amira", "okafor"):
        finder.search.clear()
        qtbot.keyClicks(finder.search, name)
        qtbot.keyClick(finder.search, Qt.Key.Key_Return)
    editor.people.dialog.accept()
    with qtbot.waitActive(editor):  # the window manager's part, offscreen
        editor.activateWindow()
    assert [editor.people.list.item(row).text() for row in range(2)] == [
        "Amira Khan",
        "Ben Okafor",
    ]
    editor.people.list.setFocus()
    editor.people.list.setCurrentRow(0)
    qtbot.keyClick(editor.people.list, Qt.Key.Key_Delete)
    assert editor.people.list.count() == 1
    press_save(qtbot, editor)
    assert not editor.isVisible()
    with ctx.database().session_scope() as session:
        linked = [link.person_id for link in session.query(ActionItemPerson)]
    assert linked == [ben]
    assert amira != ben


def test_a_progress_note_is_added_with_enter_and_listed(qtbot, ctx):
    plan = strategy(ctx)
    with ctx.database().session_scope() as session:
        item_id = add_item(session, plan, "Pay people on the day")
    editor = open_editor(qtbot, ctx, plan, item_id)
    assert editor.notes.noted_on.text() == "26/11/2026"
    editor.notes.note.setFocus()
    qtbot.keyClick(editor.notes.note, Qt.Key.Key_Return)
    assert editor.notes.note_error.text() == "\u26a0 Please write what happened."
    type_text(editor.notes.note, "Agreed with the finance team")
    assert editor.dirty
    qtbot.keyClick(editor.notes.note, Qt.Key.Key_Return)
    assert editor.isVisible()  # Enter added the note, it did not press Save
    assert editor.notes.model.rowCount() == 1
    assert editor.notes.model.index(0, 1).data() == "Agreed with the finance team"
    assert editor.notes.model.index(0, 2).data() == "Priya Shah"
    assert editor.state_label.text() == "Note added."
    assert not editor.dirty
    with ctx.database().session_scope() as session:
        assert [note.note for note in session.query(ActionProgress)] == [
            "Agreed with the finance team"
        ]


def test_a_note_typed_in_a_new_action_is_saved_with_it(qtbot, ctx):
    plan = strategy(ctx)
    editor = open_editor(qtbot, ctx, plan)
    type_text(editor.form.action, "Hold a listening day")
    type_text(editor.notes.note, "Booked the hall")
    press_save(qtbot, editor)
    assert not editor.isVisible()
    with ctx.database().session_scope() as session:
        assert [note.note for note in session.query(ActionProgress)] == ["Booked the hall"]


def test_closing_with_unsaved_changes_asks_first(qtbot, ctx, answers):
    plan = strategy(ctx)
    editor = open_editor(qtbot, ctx, plan)
    type_text(editor.form.action, "Something half written")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert answers.asked == ["unsaved this action"]
    assert editor.isVisible()
    assert items(ctx) == []


def test_an_action_of_a_replaced_plan_is_read_only(qtbot, ctx):
    past = strategy(ctx, status="past")
    with ctx.database().session_scope() as session:
        item_id = add_item(session, past, "Old action")
    editor = open_editor(qtbot, ctx, past, item_id)
    assert editor.windowTitle() == "Action (read-only)"
    assert editor.read_only_note.isVisible()
    assert not editor.save_button.isVisible()
    assert editor.cancel_button.text() == "Close"
    assert editor.form.action.isReadOnly()
    assert not editor.notes.add_button.isEnabled()
    assert not editor.people.find_button.isEnabled()


def test_every_input_is_named_and_no_two_mnemonics_clash(qtbot, ctx):
    plan = strategy(ctx)
    editor = open_editor(qtbot, ctx, plan)
    editor.form.status.setCurrentIndex(3)  # Dropped: its reason is shown too
    assert clashes(mnemonics(editor)) == {}
    inputs = [
        widget
        for widget in editor.findChildren(QWidget)
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and widget.isVisible()
        and type(widget).__name__ in ("QLineEdit", "QPlainTextEdit", "QComboBox", "DateField")
    ]
    assert inputs
    assert [w for w in inputs if not w.accessibleName()] == []


@pytest.fixture
def large_text(qapp):
    """The user's font at 16 points, as someone who needs larger text sets it."""
    usual = qapp.font()
    large = QFont(usual)
    large.setPointSize(16)
    qapp.setFont(large)
    yield
    qapp.setFont(usual)


def test_the_editor_opens_big_enough_for_large_text_within_the_screen(qtbot, ctx, large_text):
    editor = ActionItemEditor(ctx, strategy(ctx), today=TODAY)
    qtbot.addWidget(editor)
    room = editor.screen().availableGeometry().size()
    wanted = editor.sizeHint().expandedTo(QSize(1040, 640)).boundedTo(room)
    assert editor.size() == wanted
    assert editor.width() >= min(editor.sizeHint().width(), room.width())
