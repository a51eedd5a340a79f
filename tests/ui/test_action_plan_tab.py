"""The Action plan tab over a real database: the views by status and area, overdue said in
words, what moved since the last look (and "Mark all as seen"), quick steps from the list,
a replaced plan read-only, and what is said when there is no current strategy."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from involve_desktop.db.cycle_models import ActionItem, ActionProgress
from involve_desktop.domain.learning_cycle import ItemStatus, StandardsArea
from involve_desktop.services.action_plan import last_look, note_look, set_status
from involve_desktop.services.action_plan_rows import ALL
from involve_desktop.services.strategy import make_current
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.action_item_editor import ActionItemEditor
from involve_desktop.ui.screens.plan.action_plan_tab import ActionPlanTab
from involve_desktop.ui.screens.plan.plan_screen import STRATEGY_TAB, PlanScreen
from involve_desktop.ui.widgets.action_note_dialog import ActionNoteDialog
from tests.db.plan_helpers import LATER, LOOKED, TODAY, add_item, make_strategy
from tests.ui.helpers import show_active, type_text
from tests.ui.test_action_item_editor import large_text  # noqa: F401 (a fixture)
from tests.ui.test_mnemonics import clashes, mnemonics

NOW = datetime(2026, 11, 26, 10, 0)
STATUS, DUE, PROGRESS = 1, 2, 7
MENU_LETTERS = [("F", "&File"), ("E", "&Edit"), ("G", "&Go"), ("H", "&Help")]


def a_plan(ctx) -> dict[str, int]:
    """A current plan with one item of each kind, and a look taken on 20 November."""
    with ctx.database().session_scope() as session:
        plan = make_strategy(session)
        note_look(session, ctx.actor.staff_id, LOOKED)
        return {
            "plan": plan,
            "overdue": add_item(
                session, plan, "Review the payment policy", due_on=date(2026, 10, 1)
            ),
            "moved": add_item(
                session,
                plan,
                "Ask the youth panel about leaflets",
                status=ItemStatus.IN_PROGRESS,
                due_on=date(2027, 2, 1),
                moved_at=LATER,
            ),
            "culture": add_item(
                session, plan, "Put involvement in job descriptions", area=StandardsArea.CULTURE
            ),
            "done": add_item(session, plan, "Start a carers' café", status=ItemStatus.DONE),
            "dropped": add_item(
                session, plan, "Newsletter", status=ItemStatus.DROPPED, dropped_reason="No money"
            ),
        }


def open_tab(qtbot, ctx) -> ActionPlanTab:
    tab = ActionPlanTab(ctx, today=TODAY, clock=lambda: NOW)
    tab.resize(1200, 700)
    show_active(qtbot, tab)
    return tab


def shown(tab: ActionPlanTab, column: int = 0) -> list[str]:
    model = tab.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def select(tab: ActionPlanTab, item_id: int) -> None:
    assert tab.select_item(item_id)
    tab.table.setFocus()


def test_with_no_current_strategy_the_tab_says_where_to_start(qtbot, ctx):
    screen = PlanScreen(ctx)
    show_active(qtbot, screen)
    tab = screen.plan_tab
    assert tab.no_plan.isVisible()
    assert "make it current on the Strategy tab; its action plan then starts here" in (
        tab.no_plan.text()
    )
    assert not tab.content.isVisible()
    screen.start_new()  # Ctrl+N
    assert tab.message.isVisible()
    assert tab.message.text().startswith("Make a strategy current first")
    tab.go_button.setFocus()
    qtbot.keyClick(tab.go_button, Qt.Key.Key_Space)
    assert screen.tabs.currentIndex() == STRATEGY_TAB


def test_the_open_view_lists_overdue_first_and_says_so_in_words(qtbot, ctx):
    ids = a_plan(ctx)
    tab = open_tab(qtbot, ctx)
    assert tab.title.text() == (
        "Action plan for Involvement strategy 2026 to 2029 \u00b7 1 April 2026 to 31 March 2029"
    )
    assert tab.summary.text() == "1 overdue \u00b7 1 moved since you last looked \u00b7 3 open of 5"
    assert shown(tab) == [
        "Review the payment policy",
        "Ask the youth panel about leaflets",
        "Put involvement in job descriptions",
    ]
    assert shown(tab, DUE)[0] == "\u26a0 Overdue 01/10/2026"
    assert tab.model.index(0, DUE).data(Qt.ItemDataRole.ToolTipRole).startswith("Was due on")
    assert [tab.filters.views.tabText(i) for i in range(6)] == [
        "Open (3)",
        "Not started (2)",
        "In progress (1)",
        "Done (1)",
        "Dropped (1)",
        "All (5)",
    ]
    assert ids


def test_views_by_status_and_area_show_the_right_rows(qtbot, ctx):
    a_plan(ctx)
    tab = open_tab(qtbot, ctx)
    tab.filters.views.setFocus()
    qtbot.keyClick(tab.filters.views, Qt.Key.Key_Right)
    qtbot.keyClick(tab.filters.views, Qt.Key.Key_Right)
    qtbot.keyClick(tab.filters.views, Qt.Key.Key_Right)  # Done
    assert shown(tab) == ["Start a carers' café"]
    tab.filters.choose_status(ItemStatus.DROPPED)
    assert shown(tab) == ["Newsletter"]
    tab.filters.choose_status(ALL)
    tab.filters.area.setFocus()
    qtbot.keyClick(tab.filters.area, Qt.Key.Key_Down)  # Culture
    assert shown(tab) == ["Put involvement in job descriptions"]
    tab.filters.area.setCurrentIndex(0)
    qtbot.mouseClick(tab.filters.overdue, Qt.MouseButton.LeftButton)
    assert shown(tab) == ["Review the payment policy"]
    qtbot.mouseClick(tab.filters.overdue, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.filters.search, "cafe")
    qtbot.waitUntil(lambda: shown(tab) == ["Start a carers' café"])
    tab.filters.search.clear()
    qtbot.waitUntil(lambda: len(shown(tab)) == 5)
    assert "No actions match" not in tab.empty.text()


def test_moved_marks_show_for_this_visit_and_clear_with_mark_all_as_seen(qtbot, ctx):
    ids = a_plan(ctx)
    tab = open_tab(qtbot, ctx)
    row = tab.model.row_of(ids["moved"])
    assert tab.model.index(row, STATUS).data() == "In progress \u00b7 Moved"
    assert tab.model.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()
    with ctx.database().session_scope() as session:
        assert last_look(session, ctx.actor.staff_id) == NOW  # the visit is recorded
    qtbot.mouseClick(tab.filters.moved, Qt.MouseButton.LeftButton)
    assert shown(tab) == ["Ask the youth panel about leaflets"]
    assert tab.seen_button.isEnabled()
    qtbot.mouseClick(tab.seen_button, Qt.MouseButton.LeftButton)
    assert not tab.filters.moved.isChecked()
    assert "Moved" not in " ".join(shown(tab, STATUS))
    assert tab.summary.text().startswith("1 overdue \u00b7 0 moved since you last looked")
    assert not tab.seen_button.isEnabled()


def test_a_progress_note_mark_done_and_delete_from_the_list(qtbot, ctx, answers):
    ids = a_plan(ctx)
    tab = open_tab(qtbot, ctx)
    select(tab, ids["overdue"])
    qtbot.mouseClick(tab.note_button, Qt.MouseButton.LeftButton)
    dialog = tab.editor
    assert isinstance(dialog, ActionNoteDialog) and dialog.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # nothing written yet
    assert dialog.isVisible(), "still open, to write the note"
    assert dialog.note_error.isVisible()
    assert dialog.note_error.text() == "\u26a0 Please write what happened."
    assert answers.problems == [], "said at the field, not in a message box"
    type_text(dialog.note, "Rang the finance officer")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert tab.message.text() == "Added a progress note to \u201cReview the payment policy\u201d."
    row = tab.model.row_of(ids["overdue"])
    assert tab.model.index(row, PROGRESS).data() == "26/11/2026: Rang the finance officer"
    assert tab.model.index(row, STATUS).data() == "Not started", "your own change is not news"
    select(tab, ids["moved"])
    assert tab.message.text() == "", "the line spoke of the action chosen before"
    select(tab, ids["overdue"])
    qtbot.mouseClick(tab.done_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == "Marked \u201cReview the payment policy\u201d as done."
    assert tab.model.row_of(ids["overdue"]) is None  # done is not open
    assert tab.summary.text().startswith("0 overdue")
    select(tab, ids["culture"])
    answers.yes_no = True
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "Delete action" in answers.asked
    with ctx.database().session_scope() as session:
        done = session.get(ActionItem, ids["overdue"])
        assert (done.status, done.done_on) == ("done", TODAY)
        assert session.get(ActionItem, ids["culture"]) is None
        assert session.query(ActionProgress).count() == 1
    assert (
        tab.message.text() == "Deleted the action \u201cPut involvement in job descriptions\u201d."
    )
    tab.hide()
    tab.show()
    assert tab.message.text() == "", "shown again, the tab starts with a clean line"


def test_moved_marks_last_the_session_and_the_next_session_compares_with_this_one(qtbot, ctx):
    ids = a_plan(ctx)
    tab = open_tab(qtbot, ctx)
    row = tab.model.row_of(ids["moved"])
    assert tab.model.index(row, STATUS).data() == "In progress \u00b7 Moved"
    later = datetime(2026, 11, 26, 16, 0)
    tab.clock = lambda: later
    tab.hide()  # to the Strategy tab, say, and back
    tab.show()
    assert tab.model.index(row, STATUS).data() == "In progress \u00b7 Moved", "still marked"
    with ctx.database().session_scope() as session:
        assert last_look(session, ctx.actor.staff_id) == NOW, "read and written once"
    next_session = open_tab(qtbot, ctx)
    assert next_session.since == NOW
    assert "Moved" not in " ".join(shown(next_session, STATUS))


def test_after_make_current_the_tab_shows_the_new_current_plan(qtbot, ctx):
    ids = a_plan(ctx)
    with ctx.database().session_scope() as session:
        draft = make_strategy(
            session,
            status="draft",
            title="Involvement strategy 2027 to 2030",
            period=(date(2026, 11, 1), date(2030, 3, 31)),
            approved_by="The trustees",
            approved_on=TODAY,
        )
    tab = open_tab(qtbot, ctx)
    ops.change(ctx, "strategy", make_current, ctx.actor, draft, TODAY)
    assert tab.title.text().startswith("Action plan for Involvement strategy 2027 to 2030")
    assert not tab.read_only_note.isVisible()
    assert tab.new_button.isEnabled()
    assert "Review the payment policy" in shown(tab), "the unfinished actions moved with it"
    tab.plan_picker.setCurrentIndex(1)  # the replaced plan, chosen to read
    ops.change(ctx, "action plan", set_status, ctx.actor, ids["moved"], ItemStatus.DONE)
    assert tab.plan_picker.currentIndex() == 1, "a plan chosen in the picker stays"
    assert tab.read_only_note.isVisible()


def test_enter_opens_the_action_and_a_save_shows_it_selected(qtbot, ctx):
    ids = a_plan(ctx)
    tab = open_tab(qtbot, ctx)
    select(tab, ids["culture"])
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    editor = tab.editor
    assert isinstance(editor, ActionItemEditor)
    assert editor.form.action.toPlainText() == "Put involvement in job descriptions"
    editor.form.status.setCurrentIndex(2)  # Done
    assert editor.save()
    assert tab.selected() is not None and tab.selected().id == ids["culture"]
    assert tab.message.text() == "Saved the action."
    assert tab.filters.views.currentIndex() == 5  # All: the done action is still in sight


def test_show_item_finds_an_action_hidden_by_the_filters(qtbot, ctx):
    ids = a_plan(ctx)
    tab = open_tab(qtbot, ctx)
    tab.show_item(ids["dropped"])
    assert tab.selected().id == ids["dropped"]


def test_a_replaced_plan_is_read_from_the_picker_and_not_changed(qtbot, ctx):
    ids = a_plan(ctx)
    with ctx.database().session_scope() as session:
        past = make_strategy(
            session,
            status="past",
            period=(date(2023, 4, 1), date(2026, 3, 31)),
            title="Involvement strategy 2023 to 2026",
        )
        old = add_item(session, past, "Old action", status=ItemStatus.DONE)
    tab = open_tab(qtbot, ctx)
    assert tab.plan_picker.isVisible()
    assert tab.plan_picker.itemText(1) == "Replaced: Involvement strategy 2023 to 2026 (version 2)"
    tab.plan_picker.setCurrentIndex(1)
    tab.filters.choose_status(ALL)
    assert shown(tab) == ["Old action"]
    assert tab.read_only_note.isVisible()
    assert not tab.new_button.isEnabled()
    select(tab, old)
    assert tab.open_button.isEnabled()
    assert not tab.delete_button.isEnabled()
    assert not tab.note_button.isEnabled()
    assert ids


@pytest.mark.usefixtures("large_text")
def test_the_key_columns_stay_in_sight_with_large_text(qtbot, ctx):
    ids = a_plan(ctx)
    tab = ActionPlanTab(ctx, today=TODAY, clock=lambda: LOOKED)
    tab.resize(1160, 700)  # the tab's width in a 1280-wide window
    show_active(qtbot, tab)
    header = tab.table.horizontalHeader()
    assert [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Action",
        "Status",
        "Due",
        "Area",
        "Lead",
    ]
    last = header.sectionViewportPosition(4) + header.sectionSize(4)
    assert last <= tab.table.viewport().width(), "Action to Lead all in sight"
    assert header.sectionSize(0) >= tab.table.fontMetrics().averageCharWidth() * 16
    with ctx.database().session_scope() as session:
        session.get(ActionItem, ids["culture"]).moved_at = NOW
    tab.reload()
    row = tab.model.row_of(ids["culture"])
    status = tab.model.index(row, STATUS)
    assert status.data() == "Not started \u00b7 Moved"
    bold = QFontMetrics(status.data(Qt.ItemDataRole.FontRole))
    assert bold.horizontalAdvance(status.data()) <= header.sectionSize(STATUS), "Moved in full"


def test_inputs_are_named_and_no_mnemonics_clash_with_the_menus(qtbot, ctx):
    a_plan(ctx)
    tab = open_tab(qtbot, ctx)
    assert clashes(mnemonics(tab) + MENU_LETTERS) == {}
    inputs = [
        widget
        for widget in tab.findChildren(QWidget)
        if widget.isVisible()
        and type(widget).__name__ in ("QLineEdit", "QComboBox", "QTabBar", "QTableView")
    ]
    assert [w for w in inputs if not w.accessibleName()] == []
