"""The Budgets screen on a real database: the year's budgets and their figures, adding and
editing with the keyboard, deleting (refused while claims stand against a budget), and the
record of a budget handed to a group: its people, decisions, spending and statement."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.roles import Role
from involve_desktop.services.budget_groups import (
    SpendDetails,
    add_spend,
    decisions,
    holders,
    spending,
)
from involve_desktop.services.budgets import BudgetDetails, budget_figures, save_budget
from involve_desktop.services.claim_workflow import approve_claim, make_payment_run, submit_claim
from involve_desktop.services.permissions import Actor
from involve_desktop.ui.screens.budgets.budgets_screen import BudgetsScreen
from tests.db.claim_helpers import TODAY, add_claim, add_claimant, fee, money_team
from tests.db.register_helpers import staff_member
from tests.ui.activity_helpers import close_dialogs
from tests.ui.helpers import show_active, type_text
from tests.ui.test_mnemonics import clashes, mnemonics

YEAR_START = date(2026, 4, 1)
CTRL = Qt.KeyboardModifier.ControlModifier


def claim_at(database, team, person: int, budget_id: int, hundredths: int, paid: bool) -> int:
    """A claim of hundredths of an hour at £25, approved (and paid, if asked)."""
    admin, approver, worker = team
    claim_id = add_claim(database, worker, person, fee(hundredths), budget_id=budget_id)
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
        approve_claim(session, approver, claim_id, over_budget_confirmed=True)
        if paid:
            make_payment_run(session, admin, [claim_id], TODAY)
    return claim_id


def budgets_of_the_year(ctx) -> dict[str, int]:
    """The charity's budget, with claims approved and paid, and a film a group is making,
    already over what it was given."""
    database = ctx.database()
    team = money_team(database)
    with database.session_scope() as session:
        general = save_budget(session, ctx.actor, BudgetDetails(TODAY, "Involvement", 2_000_00))
        film = save_budget(
            session,
            ctx.actor,
            BudgetDetails(
                TODAY, "Care leavers' film", 100_00, delegated=True, project="A short film"
            ),
        )
    person = add_claimant(database, "Siân", "ap Gwilym")
    claim_at(database, team, person, general, 400, paid=False)  # £100 committed
    claim_at(database, team, person, general, 200, paid=True)  # £50 paid
    claim_at(database, team, person, film, 400, paid=True)  # £100 paid
    with database.session_scope() as session:
        add_spend(session, ctx.actor, film, SpendDetails(TODAY, "Room hire", 20_00))
    return {"general": general, "film": film, "person": person}


@pytest.fixture
def budgets(ctx) -> dict[str, int]:
    return budgets_of_the_year(ctx)


@pytest.fixture
def screen(qtbot, ctx, budgets) -> Iterator[BudgetsScreen]:
    widget = BudgetsScreen(ctx, today=TODAY)
    widget.resize(1000, 760)
    show_active(qtbot, widget)
    yield widget
    close_dialogs(widget)


def rows_shown(screen: BudgetsScreen) -> list[list[str]]:
    model = screen.model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def active(qtbot, dialog):
    """The dialog just opened, once it has the keyboard (so Ctrl+S and Enter reach it)."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def select(screen: BudgetsScreen, name: str) -> None:
    names = [row[0] for row in rows_shown(screen)]
    screen.table.setFocus()
    screen.table.selectRow(names.index(name))


def test_the_years_budgets_show_their_figures_and_a_total_in_words(screen):
    assert screen.year.currentText() == "2026/27 (this year)"
    assert rows_shown(screen) == [
        ["Care leavers' film", "A group", "£100.00", "£0.00", "£120.00", "£20.00 over"],
        ["Involvement", "The charity", "£2,000.00", "£100.00", "£50.00", "£1,850.00"],
        ["Total for the year", "", "£2,100.00", "£100.00", "£170.00", "£1,830.00"],
    ]
    over = screen.model.index(0, 5)
    assert over.data(Qt.ItemDataRole.ToolTipRole) == (
        "£20.00 more is approved or paid than was allocated"
    )
    assert screen.model.index(2, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert "Committed is approved claims not yet paid" in screen.explained.text()


def test_another_year_has_its_own_list(qtbot, screen):
    screen.year.setCurrentIndex(screen.year.findText("2025/26"))
    assert rows_shown(screen) == []
    assert screen.empty_label.text() == (
        "No budgets for 2025/26 yet. Add one with \u201cAdd budget\u201d."
    )
    assert screen.year.itemText(0) == "2027/28 (next year)"


def test_a_budget_is_added_with_the_keyboard_and_shown_with_its_figures(qtbot, ctx, screen):
    screen.add_button.setFocus()
    qtbot.keyClick(screen.add_button, Qt.Key.Key_Space)
    editor = active(qtbot, screen.editor)
    assert editor.windowTitle() == "New budget" and editor.form.name.hasFocus()
    type_text(editor.form.name, "Young people's fund")
    qtbot.keyClick(editor.form.name, Qt.Key.Key_Tab)
    assert editor.form.year.hasFocus() and editor.form.year.currentText() == "2026/27 (this year)"
    qtbot.keyClick(editor.form.year, Qt.Key.Key_Tab)
    type_text(editor.form.allocated, "1,500")
    qtbot.keyClick(editor.form.allocated, Qt.Key.Key_S, CTRL)

    assert not editor.isVisible()
    assert ["Young people's fund", "The charity", "£1,500.00", "£0.00", "£0.00", "£1,500.00"] in (
        rows_shown(screen)
    )
    assert screen.selected().name == "Young people's fund"
    assert screen.message.text() == "Saved the budget \u201cYoung people's fund 2026/27\u201d."
    with ctx.database().session_scope() as session:
        assert {f.name: f.allocated_pence for f in budget_figures(session, YEAR_START)} == {
            "Care leavers' film": 100_00,
            "Involvement": 2_000_00,
            "Young people's fund": 1_500_00,
        }


def test_problems_are_shown_at_the_field_and_nothing_is_saved(qtbot, ctx, screen):
    screen.add_button.click()
    editor = screen.editor
    type_text(editor.form.allocated, "12.345")
    editor.form.delegated.setChecked(True)
    editor.save_button.click()
    assert editor.isVisible()
    assert "two figures after the point" in editor.form.errors["allocated"].text()
    type_text(editor.form.allocated, "\b" * 10)
    editor.form.allocated.setText("50")
    editor.save_button.click()
    assert editor.form.errors["name"].text().startswith("\u26a0 Please give the budget a name")
    assert "what the group will do" in editor.form.errors["project"].text()
    assert editor.state_label.text() == "Not saved: 2 things need correcting (marked \u26a0)."
    with ctx.database().session_scope() as session:
        assert len(budget_figures(session)) == 2


def test_editing_a_budget_changes_its_figures(qtbot, screen, budgets):
    select(screen, "Involvement")
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    editor = active(qtbot, screen.editor)
    assert editor.windowTitle() == "Involvement 2026/27 \u2014 budget"
    assert editor.form.allocated.text() == "£2,000.00"
    editor.form.allocated.selectAll()
    type_text(editor.form.allocated, "150")
    qtbot.keyClick(editor.form.allocated, Qt.Key.Key_S, CTRL)
    assert rows_shown(screen)[1] == [
        "Involvement", "The charity", "£150.00", "£100.00", "£50.00", "£0.00"
    ]  # fmt: skip


def test_a_budget_with_claims_is_not_deleted_and_the_reason_is_said(
    qtbot, ctx, screen, answers, budgets
):
    answers.yes_no = True
    select(screen, "Involvement")
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    assert answers.asked == ["Delete budget"]
    [(title, message)] = answers.problems
    assert title == "The budget was not deleted"
    assert "has claims or other spending against it, so it stays" in message
    assert len(rows_shown(screen)) == 3

    with ctx.database().session_scope() as session:
        unused = save_budget(session, ctx.actor, BudgetDetails(TODAY, "Unused", 10_00))
    screen.refresh()
    select(screen, "Unused")
    screen.delete_button.click()
    assert screen.message.text() == "Deleted the budget \u201cUnused 2026/27\u201d."
    assert "Unused" not in [row[0] for row in rows_shown(screen)]
    with ctx.database().session_scope() as session:
        assert unused not in [f.budget_id for f in budget_figures(session)]


def test_a_group_budget_shows_its_group_and_takes_people_decisions_and_spending(
    qtbot, ctx, screen, answers, budgets, tmp_path
):
    select(screen, "Involvement")
    assert not screen.group.isVisible()
    select(screen, "Care leavers' film")
    panel = screen.group
    assert panel.isVisible()
    assert panel.project.text() == "What the group is doing: A short film"
    assert panel.tabs.tabText(2) == "S&pending other than claims (1)"

    # Someone from the register joins the group, found by typing part of their name.
    panel.add_holder_button.click()
    finding = active(qtbot, panel.dialog)
    type_text(finding.finder.search, "sian")
    qtbot.keyClick(finding.finder.search, Qt.Key.Key_Return)
    assert finding.said.text() == "Added Siân ap Gwilym to the group. Find someone else, or Close."
    finding.accept()
    assert [panel.holder_model.index(0, 0).data()] == ["Siân ap Gwilym"]
    assert panel.tabs.tabText(0) == "The gro&up (1)"

    # A decision, typed and saved with the keyboard.
    panel.tabs.setCurrentIndex(1)
    panel.decisions.add_button.click()
    decision = active(qtbot, panel.dialog)
    assert decision.form.when.text() == "26/11/2026" and decision.form.words.hasFocus()
    type_text(decision.form.words, "Film on two Saturdays in the hall")
    decision.form.amount.setText("90")
    qtbot.keyClick(decision.form.words, Qt.Key.Key_S, CTRL)
    assert not decision.isVisible()

    # Spending on a date outside the budget's year is refused at the field.
    panel.tabs.setCurrentIndex(2)
    panel.spending.add_button.click()
    spend = panel.dialog
    spend.form.when.setText("01/03/2026")
    type_text(spend.form.words, "Hall hire")
    spend.form.amount.setText("45")
    spend.save_button.click()
    assert "This budget is for 2026/27" in spend.form.errors["when"].text()
    spend.form.when.setText("14/11/2026")
    spend.save_button.click()
    assert not spend.isVisible()

    film = budgets["film"]
    with ctx.database().session_scope() as session:
        assert [h.name for h in holders(session, film)] == ["Siân ap Gwilym"]
        assert [(d.decision, d.amount_pence) for d in decisions(session, film)] == [
            ("Film on two Saturdays in the hall", 90_00)
        ]
        assert [(s.description, s.amount_pence) for s in spending(session, film)] == [
            ("Hall hire", 45_00),
            ("Room hire", 20_00),
        ]
    assert rows_shown(screen)[0][4:] == ["£165.00", "£65.00 over"]
    assert screen.selected().name == "Care leavers' film", "the budget stays chosen"

    # The statement, saved where the user chose.
    answers.save_file = tmp_path / "film statement"
    panel.statement_button.click()
    saved = tmp_path / "film statement.pdf"
    assert panel.message.text() == (
        "Saved the group's statement to \u201cfilm statement.pdf\u201d."
    )
    text = PdfReader(saved).pages[0].extract_text()
    assert "You have spent £65.00 more than the £100.00 budget." in text
    assert "Siân ap Gwilym" in text


def test_removing_from_the_group_and_the_record_asks_only_for_records(
    qtbot, ctx, screen, answers, budgets
):
    with ctx.database().session_scope() as session:
        from involve_desktop.services.budget_groups import set_holders

        set_holders(session, ctx.actor, budgets["film"], [budgets["person"]])
    select(screen, "Care leavers' film")
    panel = screen.group
    panel.holder_table.selectRow(0)
    panel.remove_holder_button.click()
    assert panel.message.text() == (
        "Took Siân ap Gwilym out of the group. They stay on the register."
    )
    assert panel.holder_model.rowCount() == 0

    panel.tabs.setCurrentIndex(2)
    panel.spending.table.setFocus()
    panel.spending.table.selectRow(0)
    answers.yes_no = False
    qtbot.keyClick(panel.spending.table, Qt.Key.Key_Delete)
    assert answers.asked == ["Remove the spending"]
    assert panel.spending.model.rowCount() == 1
    answers.yes_no = True
    panel.spending.remove_button.click()
    assert panel.spending.model.rowCount() == 0
    assert rows_shown(screen)[0][4] == "£100.00"


def test_staff_who_may_not_change_budgets_still_keep_the_groups_record(qtbot, ctx, budgets):
    helper = staff_member(ctx.database(), Role.STAFF, "Jo Evans")
    ctx.actor = Actor(helper.staff_id, helper.name, helper.role)
    screen = BudgetsScreen(ctx, today=TODAY)
    show_active(qtbot, screen)
    assert not screen.add_button.isEnabled()
    assert screen.add_button.toolTip() == (
        "Only staff who may change the payment policy can change budgets."
    )
    screen.year.setCurrentIndex(screen.year.findText("2025/26"))
    assert screen.empty_label.text() == (
        "No budgets for 2025/26 yet. Those who set the payment policy add them."
    )
    screen.year.setCurrentIndex(screen.year.findText("2026/27 (this year)"))
    select(screen, "Care leavers' film")
    assert not screen.edit_button.isEnabled() and not screen.delete_button.isEnabled()
    screen.group.tabs.setCurrentIndex(1)
    screen.group.decisions.add_button.click()
    dialog = screen.group.dialog
    type_text(dialog.form.words, "Show the film at the open meeting")
    dialog.save_button.click()
    assert screen.group.decisions.model.index(0, 3).data() == "Jo Evans"
    close_dialogs(screen)


def test_no_two_mnemonics_clash_with_each_other_or_the_menus(screen):
    from involve_desktop.ui.main_window import MainWindow

    select(screen, "Care leavers' film")
    panel = screen.group
    menus = MainWindow(screen.ctx).menuBar()
    for shown in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(shown)
        hidden = tuple(panel.tabs.widget(i) for i in range(panel.tabs.count()) if i != shown)
        assert clashes(mnemonics(screen, leave_out=hidden) + mnemonics(menus)) == {}
    screen.add_button.click()
    assert clashes(mnemonics(screen.editor)) == {}
    close_dialogs(screen)
    screen.group.decisions.add_button.click()
    assert clashes(mnemonics(screen.group.dialog)) == {}
    QApplication.processEvents()


def test_the_screen_is_in_the_main_window_before_settings(qtbot, ctx):
    from involve_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx)
    show_active(qtbot, window)
    window._services_ready()
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles.index("Participation") < titles.index("Budgets") < titles.index("Settings")
    window.show_area(titles.index("Budgets"))
    assert isinstance(window.current_screen(), BudgetsScreen)


def test_claims_in_each_status_move_only_committed_and_paid(qtbot, ctx, screen, budgets):
    database = ctx.database()
    *_, worker = money_team(database)
    person = budgets["person"]
    for status in (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED):
        claim_id = add_claim(database, worker, person, fee(100), budget_id=budgets["general"])
        if status is ClaimStatus.SUBMITTED:
            with database.session_scope() as session:
                submit_claim(session, worker, claim_id)
    ctx.events.data_changed.emit("claims")
    assert rows_shown(screen)[1][2:] == ["£2,000.00", "£100.00", "£50.00", "£1,850.00"]
