"""The Claims screen: status tabs with their counts, search, person and dates, the totals
line, and a payment run made through its dialog (nothing ticked to start with, Enter never
pays, a question names what is paid before anything is; marked paid on screen and in the
database, its CSV written), then saved again from the Payment runs tab."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent
from involve_desktop.db.money_models import Claim
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.domain.roles import Role
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.claim_list import ClaimSort
from involve_desktop.services.claim_workflow import (
    approve_claim,
    make_adjusting_claim,
    submit_claim,
)
from involve_desktop.services.claims import load_claim, save_draft
from involve_desktop.services.payment_policy import set_claim_duties
from involve_desktop.services.permissions import Actor
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.screens.claims.claims_screen import RUNS_TAB, ClaimsScreen
from involve_desktop.ui.screens.claims.payment_run_dialog import PaymentRunDialog
from tests.db.claim_helpers import TODAY, add_claimant, expense, fee, set_fee_rates
from tests.db.register_helpers import staff_member
from tests.db.test_claim_list import claim_at
from tests.ui.conftest import PromptAnswers
from tests.ui.helpers import show_active, type_text
from tests.ui.test_mnemonics import clashes, mnemonics, show_screen

MARK_PAID = "Mark claims paid"
SAVE_RUN = "Save the payment run?"


@pytest.fixture
def team(ctx) -> tuple[Actor, Actor, Actor]:
    """The signed-in administrator pays, Ade approves, Tom makes the claims; the policy has
    the usual fee rates."""
    database = ctx.database()
    approver = staff_member(database, Role.APPROVER, "Ade Okafor")
    worker = staff_member(database, Role.STAFF, "Tom Reed")
    with database.session_scope() as session:
        set_claim_duties(
            session,
            ctx.actor,
            approvers={ctx.actor.staff_id, approver.staff_id},
            payers={ctx.actor.staff_id},
        )
    set_fee_rates(database, ctx.actor)  # so each fee line is at the policy's rate
    return ctx.actor, approver, worker


@pytest.fixture
def claims(ctx, team) -> dict[str, int]:
    database = ctx.database()
    zoe = add_claimant(database, "Zoë", "Adebayo")
    lukasz = add_claimant(database, "Łukasz", "Wiśniewski", method=PaymentMethod.CHEQUE)
    niamh = add_claimant(database, "Niamh", "O'Brien")

    def made(person: int, status: ClaimStatus, *lines, **more) -> int:
        return claim_at(database, team, person, status, *lines, **more)

    return {
        "zoe draft": made(zoe, ClaimStatus.DRAFT, fee(100, day=date(2026, 11, 20))),
        "zoe approved": made(zoe, ClaimStatus.APPROVED, fee(150, day=date(2026, 11, 2))),
        "lukasz approved": made(
            lukasz,
            ClaimStatus.APPROVED,
            fee(200, day=date(2026, 10, 5)),
            expense(4_50, day=date(2026, 10, 5)),
            method=PaymentMethod.CHEQUE,
        ),
        "niamh submitted": made(niamh, ClaimStatus.SUBMITTED, fee(100, day=date(2026, 9, 1))),
        "niamh rejected": made(niamh, ClaimStatus.REJECTED, fee(100, day=date(2026, 8, 1))),
    }


@pytest.fixture
def screen(qtbot, ctx, claims) -> ClaimsScreen:
    widget = ClaimsScreen(ctx, today=TODAY)
    widget.resize(1250, 700)
    show_active(qtbot, widget)
    return widget


def shown(screen: ClaimsScreen, column: int) -> list[str]:
    model = screen.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def tab_texts(screen: ClaimsScreen) -> list[str]:
    tabs = screen.filters.status_tabs
    return [tabs.tabText(index) for index in range(tabs.count())]


def click_tab(qtbot, screen: ClaimsScreen, index: int) -> None:
    tabs = screen.filters.status_tabs
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())


def search(qtbot, screen: ClaimsScreen, text: str) -> None:
    screen.filters.search.clear()
    type_text(screen.filters.search, text)
    qtbot.waitUntil(lambda: not screen.filters.typing_timer.isActive())


def statuses(ctx) -> dict[int, str]:
    with ctx.database().session_scope() as session:
        return {row.id: row.status for row in session.execute(select(Claim.id, Claim.status))}


def test_the_table_model_passes_qtmodeltester(qtmodeltester, screen):
    qtmodeltester.check(screen.model)


def test_status_tabs_show_their_counts_and_filter_the_rows(qtbot, screen, claims):
    assert tab_texts(screen) == [
        "All (5)",
        "Draft (1)",
        "Submitted (1)",
        "Approved (2)",
        "Paid (0)",
        "Rejected (1)",
    ]
    # Newest work first, money right-aligned as pounds and pence.
    assert shown(screen, screen.model.PERSON) == [
        "Zoë Adebayo",
        "Zoë Adebayo",
        "Łukasz Wiśniewski",
        "Niamh O'Brien",
        "Niamh O'Brien",
    ]
    total = screen.model.index(2, screen.model.TOTAL)
    assert total.data() == "£54.50"
    assert total.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert screen.totals_label.text() == ("5 claims \u00b7 £167.00 (fees £162.50, expenses £4.50)")
    click_tab(qtbot, screen, 3)
    assert screen.filters.status() is ClaimStatus.APPROVED
    assert shown(screen, screen.model.NUMBER) == [
        str(claims["zoe approved"]),
        str(claims["lukasz approved"]),
    ]
    assert shown(screen, screen.model.STATUS) == ["Approved", "Approved"]
    assert screen.totals_label.text() == "2 claims \u00b7 £92.00 (fees £87.50, expenses £4.50)"
    # The arrow keys walk the tabs too.
    screen.filters.status_tabs.setFocus()
    qtbot.keyClick(screen.filters.status_tabs, Qt.Key.Key_Right)
    assert screen.filters.status() is ClaimStatus.PAID
    assert screen.model.rowCount() == 0
    assert screen.totals_label.text() == "No claims listed."


def test_search_narrows_by_name_without_accents_or_by_claim_number(qtbot, screen, claims):
    search(qtbot, screen, "lukasz")
    assert shown(screen, screen.model.PERSON) == ["Łukasz Wiśniewski"]
    assert tab_texts(screen)[0] == "All (1)"
    search(qtbot, screen, "obrien")
    assert shown(screen, screen.model.PERSON) == ["Niamh O'Brien", "Niamh O'Brien"]
    assert tab_texts(screen)[2:4] == ["Submitted (1)", "Approved (0)"]
    search(qtbot, screen, str(claims["zoe draft"]))
    assert shown(screen, screen.model.NUMBER) == [str(claims["zoe draft"])]
    assert screen.filters.is_filtered()
    screen.filters.clear_button.click()
    assert screen.model.rowCount() == 5
    assert screen.filters.search.text() == ""


def test_dates_narrow_the_list_and_a_date_it_cannot_read_is_said(qtbot, screen, claims):
    type_text(screen.filters.work_from, "1/10/2026")
    qtbot.keyClick(screen.filters.work_from, Qt.Key.Key_Return)
    assert screen.filters.work_from.text() == "01/10/2026"
    assert len(shown(screen, screen.model.NUMBER)) == 3
    type_text(screen.filters.work_to, "31/10/2026")
    qtbot.keyClick(screen.filters.work_to, Qt.Key.Key_Return)
    assert shown(screen, screen.model.NUMBER) == [str(claims["lukasz approved"])]
    screen.filters.work_to.clear()
    type_text(screen.filters.work_to, "31 Smarch 2026")
    qtbot.keyClick(screen.filters.work_to, Qt.Key.Key_Return)
    assert screen.filters.date_problem.isVisible()
    assert "is not a month" in screen.filters.date_problem.text()
    assert len(shown(screen, screen.model.NUMBER)) == 3  # the date it cannot read is left out
    screen.filters.work_to.clear()
    type_text(screen.filters.work_to, "1/9/2026")
    qtbot.keyClick(screen.filters.work_to, Qt.Key.Key_Return)
    assert "first date is after the second" in screen.filters.date_problem.text()
    assert screen.model.rowCount() == 0


def test_a_person_is_chosen_with_the_finder_and_let_go_again(qtbot, screen, claims):
    qtbot.mouseClick(screen.filters.person_button, Qt.MouseButton.LeftButton)
    dialog = screen.filters.person_dialog
    qtbot.waitExposed(dialog)
    type_text(dialog.finder.search, "zoe")
    qtbot.waitUntil(lambda: dialog.finder.results.count() == 1)
    assert "shows their claims" in dialog.finder.hint.text()
    qtbot.keyClick(dialog.finder.search, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert screen.filters.person_button.text() == "Zoë Adebayo"
    assert shown(screen, screen.model.NUMBER) == [
        str(claims["zoe draft"]),
        str(claims["zoe approved"]),
    ]
    assert tab_texts(screen)[0] == "All (2)"
    qtbot.mouseClick(screen.filters.clear_person_button, Qt.MouseButton.LeftButton)
    assert screen.model.rowCount() == 5
    assert screen.filters.person_button.text() == "Anyone\u2026"


def test_a_header_click_sorts_in_sql_and_filters_last_while_records_change(
    qtbot, ctx, team, screen, claims
):
    screen.table.sortByColumn(screen.model.TOTAL, Qt.SortOrder.DescendingOrder)
    assert screen.filters.order.column is ClaimSort.TOTAL
    assert shown(screen, screen.model.TOTAL)[0] == "£54.50"
    click_tab(qtbot, screen, 2)  # Submitted
    ops.change(ctx, "claims", submit_claim, team[2], claims["zoe draft"])
    assert screen.filters.status() is ClaimStatus.SUBMITTED
    assert tab_texts(screen)[1:3] == ["Draft (0)", "Submitted (2)"]
    assert shown(screen, screen.model.NUMBER) == [
        str(claims["zoe draft"]),
        str(claims["niamh submitted"]),
    ]


def pay_dialog(qtbot, screen: ClaimsScreen) -> PaymentRunDialog:
    qtbot.mouseClick(screen.pay_button, Qt.MouseButton.LeftButton)
    dialog = screen.payment_dialog
    qtbot.waitExposed(dialog)
    return dialog


class YesNoByTitle:
    """Answers each yes/no question by its title, and keeps the words of each one asked."""

    def __init__(self) -> None:
        self.replies: dict[str, bool] = {}
        self.asked: dict[str, str] = {}

    def __call__(self, parent, title: str, question: str, yes_text: str) -> bool:
        self.asked[title] = question
        return self.replies[title]


@pytest.fixture
def questions(monkeypatch, answers: PromptAnswers) -> YesNoByTitle:
    """In place of `answers.yes_no` where a dialog asks two different questions."""
    stand_in = YesNoByTitle()
    monkeypatch.setattr(prompts, "ask_yes_no", stand_in)
    return stand_in


def tick_row_of(qtbot, dialog: PaymentRunDialog, claim_id: int) -> None:
    """Move to the claim's row with the arrow keys and tick it with Space."""
    row = [record.id for record in dialog.model.records].index(claim_id)
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 1))
    for _step in range(row):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)


def test_paying_approved_claims_marks_them_paid_and_writes_the_csv(
    qtbot, ctx, screen, claims, answers, tmp_path
):
    dialog = pay_dialog(qtbot, screen)
    # Listed by name, none ticked to start with: nothing can be paid yet.
    assert [row.id for row in dialog.model.records] == [
        claims["zoe approved"],
        claims["lukasz approved"],
    ]
    assert dialog.ticked_label.text() == "0 of 2 ticked: £0.00"
    assert not dialog.pay_button.isEnabled()
    # Space on the first row ticks Zoë's claim; this run pays hers only.
    tick_row_of(qtbot, dialog, claims["zoe approved"])
    assert dialog.ticked_label.text() == "1 of 2 ticked: £37.50"
    assert dialog.pay_button.text() == "&Mark 1 claim (£37.50) paid"
    dialog.paid_on.clear()
    type_text(dialog.paid_on, "26/11/2026")
    type_text(dialog.note, "November fees")
    answers.yes_no = True
    answers.save_file = tmp_path / "November run"
    qtbot.mouseClick(dialog.pay_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert answers.asked == [MARK_PAID, SAVE_RUN]
    now = statuses(ctx)
    assert now[claims["zoe approved"]] == ClaimStatus.PAID.value
    assert now[claims["lukasz approved"]] == ClaimStatus.APPROVED.value
    assert screen.message.text() == (
        "Marked 1 claim (£37.50) paid on 26/11/2026. Saved the run as November run.csv."
    )
    assert tab_texts(screen)[3:5] == ["Approved (1)", "Paid (1)"]
    click_tab(qtbot, screen, 4)
    assert shown(screen, screen.model.STATUS) == ["Paid 26/11/2026"]
    with (tmp_path / "November run.csv").open(encoding="utf-8-sig", newline="") as file:
        header, *rows = list(csv.reader(file))
    assert header[:6] == ["Claim number", "Name", "Payment method", "Fees", "Expenses", "Total"]
    assert rows == [
        [
            str(claims["zoe approved"]),
            "Zoë Adebayo",
            "Bank transfer",
            "37.50",
            "0.00",
            "37.50",
            f"Claim {claims['zoe approved']}",
            "26/11/2026",
        ]
    ]
    with ctx.database().session_scope() as session:
        exported = session.scalars(
            select(AuditEvent.action).where(AuditEvent.action == AuditAction.EXPORTED_PAYMENT_RUN)
        ).all()
    assert len(exported) == 1


def test_the_payment_runs_tab_lists_runs_and_saves_one_again(
    qtbot, ctx, screen, claims, answers, questions, tmp_path
):
    dialog = pay_dialog(qtbot, screen)
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    questions.replies = {MARK_PAID: True, SAVE_RUN: False}  # no CSV this time
    qtbot.mouseClick(dialog.pay_button, Qt.MouseButton.LeftButton)
    assert answers.file_pickers == []
    screen.tabs.setCurrentIndex(RUNS_TAB)
    runs_tab = screen.runs_tab
    assert runs_tab.runs_model.rowCount() == 1
    assert runs_tab.runs_model.index(0, 2).data() == "£92.00"
    assert runs_tab.claims_label.text() == "Paid on 26/11/2026 by Priya Shah: 2 claims (£92.00)"
    assert runs_tab.claims_model.rowCount() == 2
    answers.save_file = tmp_path / "again.csv"
    runs_tab.runs_table.setFocus()
    qtbot.keyClick(runs_tab.runs_table, Qt.Key.Key_Return)
    assert (tmp_path / "again.csv").exists()
    assert runs_tab.message.text() == "Saved the run of 26/11/2026 as again.csv."
    # From the Claims tab, a paid claim's run is saved again with Export run…
    screen.tabs.setCurrentIndex(0)
    click_tab(qtbot, screen, 4)
    screen.select_claim(claims["lukasz approved"])
    assert screen.export_button.isEnabled()
    answers.save_file = tmp_path / "from the list.csv"
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "from the list.csv").exists()


def test_someone_not_named_as_a_payer_is_told_plainly_and_cannot_pay(qtbot, ctx, team, claims):
    ctx.actor = team[1]  # Ade approves but does not pay
    dialog = PaymentRunDialog(ctx, today=TODAY)
    show_active(qtbot, dialog)
    assert dialog.not_payer.isVisible()
    assert "Only the payers named in the payment policy" in dialog.not_payer.text()
    assert not dialog.pay_button.isEnabled()


def test_a_payment_refused_by_the_service_is_shown_in_the_dialog(
    qtbot, ctx, team, screen, claims, answers
):
    dialog = pay_dialog(qtbot, screen)
    with ctx.database().session_scope() as session:
        set_claim_duties(
            session, ctx.actor, approvers={ctx.actor.staff_id}, payers={team[1].staff_id}
        )
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    answers.yes_no = True
    qtbot.mouseClick(dialog.pay_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "Only the payers named in the payment policy" in dialog.problem.text()
    assert statuses(ctx)[claims["zoe approved"]] == ClaimStatus.APPROVED.value


def test_enter_in_the_date_or_the_note_pays_nothing(qtbot, ctx, screen, claims, answers):
    dialog = pay_dialog(qtbot, screen)
    answers.yes_no = True  # were anything asked, the answer would be yes
    # No button is pressed by Enter: not Tick all, nor Cancel (the note would be lost).
    type_text(dialog.note, "November fees")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.ticked_label.text() == "0 of 2 ticked: £0.00"
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    assert dialog.ticked_label.text() == "2 of 2 ticked: £92.00"
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    dialog.paid_on.setFocus()
    qtbot.keyClick(dialog.paid_on, Qt.Key.Key_Enter)
    assert dialog.isVisible()
    assert dialog.note.text() == "November fees"
    assert answers.asked == []
    assert statuses(ctx)[claims["zoe approved"]] == ClaimStatus.APPROVED.value
    assert statuses(ctx)[claims["lukasz approved"]] == ClaimStatus.APPROVED.value
    # Untick all takes every tick away again.
    qtbot.mouseClick(dialog.untick_all_button, Qt.MouseButton.LeftButton)
    assert dialog.ticked_label.text() == "0 of 2 ticked: £0.00"


def test_paying_asks_first_and_pays_only_the_ticked_claims_on_yes(
    qtbot, ctx, team, screen, claims, questions
):
    database = ctx.database()
    sian = add_claimant(database, "Siân", "Jones")
    sian_approved = claim_at(database, team, sian, ClaimStatus.APPROVED, fee(300))
    dialog = pay_dialog(qtbot, screen)
    assert len(dialog.model.records) == 3
    tick_row_of(qtbot, dialog, claims["zoe approved"])
    tick_row_of(qtbot, dialog, sian_approved)
    assert dialog.ticked_label.text() == "2 of 3 ticked: £112.50"

    questions.replies = {MARK_PAID: False}
    qtbot.mouseClick(dialog.pay_button, Qt.MouseButton.LeftButton)
    assert questions.asked[MARK_PAID] == (
        "Mark 2 claims (£112.50) paid on 26 November 2026? Paid claims cannot be changed "
        "afterwards."
    )
    assert dialog.isVisible()
    assert set(statuses(ctx).values()) == {
        status.value
        for status in (
            ClaimStatus.DRAFT,
            ClaimStatus.SUBMITTED,
            ClaimStatus.APPROVED,
            ClaimStatus.REJECTED,
        )
    }

    questions.replies = {MARK_PAID: True, SAVE_RUN: False}
    qtbot.mouseClick(dialog.pay_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    now = statuses(ctx)
    assert [claim for claim, status in now.items() if status == ClaimStatus.PAID.value] == [
        claims["zoe approved"],
        sian_approved,
    ]
    assert now[claims["lukasz approved"]] == ClaimStatus.APPROVED.value
    assert screen.message.text() == "Marked 2 claims (£112.50) paid on 26/11/2026."
    assert tab_texts(screen)[3:5] == ["Approved (1)", "Paid (2)"]
    click_tab(qtbot, screen, 4)
    assert sorted(shown(screen, screen.model.NUMBER)) == sorted(
        [str(claims["zoe approved"]), str(sian_approved)]
    )


def test_a_paid_on_date_in_the_future_is_refused_in_plain_words(
    qtbot, ctx, screen, claims, answers
):
    dialog = pay_dialog(qtbot, screen)
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    tomorrow = max(TODAY, date.today()) + timedelta(days=1)
    dialog.paid_on.clear()
    type_text(dialog.paid_on, tomorrow.strftime("%d/%m/%Y"))
    answers.yes_no = True
    qtbot.mouseClick(dialog.pay_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "marked paid once the payment is made, not ahead of it" in dialog.problem.text()
    assert ClaimStatus.PAID.value not in statuses(ctx).values()
    # The ticks stay as they were, ready for the right day.
    assert dialog.ticked_label.text() == "2 of 2 ticked: £92.00"


def test_no_two_mnemonics_clash_in_the_payment_run_dialog(qtbot, ctx, team, claims):
    dialog = PaymentRunDialog(ctx, today=TODAY)
    show_active(qtbot, dialog)
    found = mnemonics(dialog)
    assert {"A", "U", "P", "N", "M"} <= {letter for letter, _text in found}
    assert clashes(found) == {}


def test_open_and_new_claim_use_the_claim_editor(qtbot, screen, claims):
    pytest.importorskip("involve_desktop.ui.dialogs.claim_editor")
    screen.select_claim(claims["niamh submitted"])
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert screen.editor.isVisible()
    screen.editor.reject()
    screen.start_new()
    assert screen.editor.isVisible()
    screen.editor.reject()


def test_no_two_mnemonics_clash_on_the_claims_screen(qtbot, ctx):
    window = MainWindow(ctx)
    show_active(qtbot, window)
    window._services_ready()
    screen = show_screen(window, ClaimsScreen)
    hidden = tuple(screen.tabs.widget(index) for index in range(1, screen.tabs.count()))
    found = mnemonics(screen, leave_out=hidden) + mnemonics(window.menuBar())
    assert {"C", "R", "N", "O", "A", "U"} <= {letter for letter, _text in found}
    assert clashes(found) == {}
    screen.tabs.setCurrentIndex(RUNS_TAB)
    assert clashes(mnemonics(screen, leave_out=(screen.tabs.widget(0),))) == {}


def test_a_claim_saved_where_the_filters_hide_it_is_shown_and_chosen(qtbot, screen, claims):
    click_tab(qtbot, screen, 4)  # Paid: nothing yet
    search(qtbot, screen, "obrien")
    screen._saved(claims["zoe draft"])
    assert screen.filters.status() is None
    assert screen.filters.search.text() == ""
    assert screen.selected_id() == claims["zoe draft"]
    assert screen.open_button.isEnabled()


def test_filters_are_kept_while_the_user_moves_around(qtbot, ctx, claims):
    window = MainWindow(ctx)
    show_active(qtbot, window)
    window._services_ready()
    screen = show_screen(window, ClaimsScreen)
    click_tab(qtbot, screen, 3)
    search(qtbot, screen, "zoe")
    assert screen.model.rowCount() == 1
    window.show_area(0)
    assert show_screen(window, ClaimsScreen) is screen
    assert screen.filters.status() is ClaimStatus.APPROVED
    assert screen.filters.search.text() == "zoe"
    assert shown(screen, screen.model.NUMBER) == [str(claims["zoe approved"])]


def test_everyones_totals_are_added_up_only_when_their_tab_is_shown(qtbot, screen):
    assert screen.totals_tab.everyone == [], "opening Claims does not add up the whole year"
    screen.tabs.setCurrentWidget(screen.totals_tab)
    qtbot.waitUntil(lambda: bool(screen.totals_tab.everyone))
    assert screen.totals_tab.model.rowCount() == len(screen.totals_tab.everyone)


def test_a_step_keeps_the_filters_and_says_what_happened(qtbot, screen, claims):
    click_tab(qtbot, screen, 2)  # Submitted
    search(qtbot, screen, "obrien")
    submitted = claims["niamh submitted"]
    screen.select_claim(submitted)
    screen.open_selected()
    editor = screen.editor
    qtbot.mouseClick(editor.workflow.approve, Qt.MouseButton.LeftButton)
    assert statuses(screen.ctx)[submitted] == ClaimStatus.APPROVED.value
    assert screen.filters.status() is ClaimStatus.SUBMITTED
    assert screen.filters.search.text() == "obrien"
    assert screen.message.text() == (
        f"Claim {submitted} is now approved. The filters chosen do not show it."
    )
    editor.reject()


def test_a_correction_to_take_back_is_not_shown_as_a_payment(
    qtbot, ctx, team, screen, claims, questions
):
    _admin, approver, worker = team
    database = ctx.database()
    zoe = add_claimant(database, "Zoë", "Brown")
    paid = claim_at(database, team, zoe, ClaimStatus.PAID, fee(300))
    with database.session_scope() as session:
        correction = make_adjusting_claim(session, worker, paid, today=TODAY)
    with database.session_scope() as session:
        details = replace(load_claim(session, correction).details, lines=(fee(-165),))
        save_draft(session, worker, details, correction, today=TODAY)
    with database.session_scope() as session:
        submit_claim(session, worker, correction)
    with database.session_scope() as session:
        approve_claim(session, approver, correction)
    dialog = pay_dialog(qtbot, screen)
    row = [record.id for record in dialog.model.records].index(correction)
    assert dialog.model.index(row, 3).data() == "£41.25 to come back"
    for claim_id in (claims["zoe approved"], claims["lukasz approved"], correction):
        tick_row_of(qtbot, dialog, claim_id)
    assert dialog.ticked_label.text() == "3 of 3 ticked: £92.00, £41.25 to come back"
    assert dialog.pay_button.text() == (
        "&Mark 2 to pay (£92.00) and 1 to take back (£41.25) as settled"
    )
    questions.replies = {MARK_PAID: False}
    qtbot.mouseClick(dialog.pay_button, Qt.MouseButton.LeftButton)
    assert questions.asked[MARK_PAID] == (
        "Mark 2 to pay (£92.00) and 1 to take back (£41.25) as settled on 26 November 2026? "
        "Paid claims cannot be changed afterwards."
    )
