"""The Action plan tab over a real database: the views by status and area, overdue said in
words, what moved since the last look (and "Mark all as seen"), quick steps from the list,
a replaced plan read-only, and what is said when there is no current strategy."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from involve_desktop.db.cycle_models import ActionItem, ActionProgress
from involve_desktop.domain.learning_cycle import ItemStatus, StandardsArea
from involve_desktop.services.action_plan import last_look, note_look
from involve_desktop.services.action_plan_rows import ALL
from involve_desktop.ui.dialogs.action_item_editor import ActionItemEditor
from involve_desktop.ui.screens.plan.action_plan_tab import ActionPlanTab
from tests.db.plan_helpers import LATER, LOOKED, TODAY, add_item, make_strategy
from tests.ui.helpers import show_active
from tests.ui.test_mnemonics import clashes, mnemonics

NOW = datetime(2026, 11, 26, 10, 0)
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
    tab = open_tab(qtbot, ctx)
    assert tab.no_plan.isVisible()
    assert "make it current on the Strategy tab; its action plan then starts here" in (
        tab.no_plan.text()
    )
    assert not tab.content.isVisible()


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
    assert shown(tab, 5)[0] == "\u26a0 Overdue 01/10/2026"
    assert tab.model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole).startswith("Was due on")
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
    assert tab.model.index(row, 6).data() == "In progress \u00b7 Moved"
    assert tab.model.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()
    with ctx.database().session_scope() as session:
        assert last_look(session, ctx.actor.staff_id) == NOW  # the visit is recorded
    qtbot.mouseClick(tab.filters.moved, Qt.MouseButton.LeftButton)
    assert shown(tab) == ["Ask the youth panel about leaflets"]
    assert tab.seen_button.isEnabled()
    qtbot.mouseClick(tab.seen_button, Qt.MouseButton.LeftButton)
    assert not tab.filters.moved.isChecked()
    assert "Moved" not in " ".join(shown(tab, 6))
    assert tab.summary.text().startswith("1 overdue \u00b7 0 moved since you last looked")
    assert not tab.seen_button.isEnabled()


def test_a_progress_note_mark_done_and_delete_from_the_list(qtbot, ctx, answers):
    ids = a_plan(ctx)
    tab = open_tab(qtbot, ctx)
    select(tab, ids["overdue"])
    answers.texts = ["Rang the finance officer"]
    qtbot.mouseClick(tab.note_button, Qt.MouseButton.LeftButton)
    assert answers.asked == ["Add a progress note"]
    assert tab.message.text() == "Added a progress note to \u201cReview the payment policy\u201d."
    row = tab.model.row_of(ids["overdue"])
    assert tab.model.index(row, 7).data() == "26/11/2026: Rang the finance officer"
    assert tab.model.index(row, 6).data() == "Not started \u00b7 Moved"
    select(tab, ids["overdue"])
    qtbot.mouseClick(tab.done_button, Qt.MouseButton.LeftButton)
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
