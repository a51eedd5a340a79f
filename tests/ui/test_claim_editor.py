"""The claim editor on a real database: lines typed from the keyboard, receipts attached, the
claim walked through its steps by different people, and the words shown at each step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent
from involve_desktop.db.money_models import Claim
from involve_desktop.domain.claims import ClaimDetails, ClaimStatus, LineKind
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.people import BenefitsAffected, PaymentMethod
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.budgets import delete_budget
from involve_desktop.services.claim_workflow import (
    approve_claim,
    make_payment_run,
    return_to_draft,
    submit_claim,
)
from involve_desktop.services.claims import load_claim, save_draft
from involve_desktop.services.money_totals import NOT_ADVICE
from involve_desktop.services.payment_policy import load_policy, policy_id_on, save_policy
from involve_desktop.services.people_lifecycle import delete_person
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.claim_editor import ClaimEditor
from involve_desktop.ui.prompts import UnsavedChoice
from involve_desktop.ui.widgets.claim_lines_table import Col
from tests.db.claim_helpers import (
    TODAY,
    add_budget,
    add_claim,
    add_claimant,
    add_paid_activity,
    expense,
    fee,
    money_team,
    set_fee_rates,
)
from tests.ui.helpers import show_active, shown_text
from tests.ui.test_accessibility import unnamed_inputs
from tests.ui.test_mnemonics import clashes, mnemonics

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 2048


@pytest.fixture
def team(ctx, database):
    admin, approver, worker = money_team(database)
    set_fee_rates(database, admin)
    return admin, approver, worker


def open_editor(qtbot, ctx, claim_id: int | None, **more) -> ClaimEditor:
    editor = ClaimEditor(ctx, claim_id, today=TODAY, **more)
    show_active(qtbot, editor)
    return editor


def keys(qtbot, text: str) -> None:
    """Type into whatever has the keyboard, one key at a time, as a person does: the first
    key on a table cell opens its editor and the rest go into it."""
    for character in text:
        qtbot.keyClicks(QApplication.focusWidget(), character)


def tab(qtbot, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def audit_actions(database, claim_id: int) -> list[str]:
    with database.session_scope() as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.subject_kind == "claim", AuditEvent.subject_id == claim_id)
                .order_by(AuditEvent.id)
            )
        )


def claim_status(database, claim_id: int) -> str:
    with database.session_scope() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        return claim.status


def cell(editor: ClaimEditor, row: int, column: Col) -> str:
    return str(editor.lines.model.index(row, column).data())


def test_a_claim_is_typed_in_saved_submitted_and_approved_by_someone_else(
    qtbot, ctx, database, team, answers, tmp_path
):
    _admin, approver, worker = team
    person = add_claimant(database)
    activity = add_paid_activity(database)
    ctx.actor = worker
    claim_id = add_claim(database, worker, person, fee(150, activity_id=activity), budget_id=None)
    editor = open_editor(qtbot, ctx, claim_id)
    assert editor.windowTitle() == f"Claim {claim_id} \u2014 Siân ap Gwilym"
    assert cell(editor, 0, Col.AMOUNT) == "£37.50"

    # A mileage line from the keyboard: Insert adds it below, typing picks the kind.
    editor.lines.go_to(0)
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_Insert)
    assert editor.lines.current_row() == 1
    keys(qtbot, "M")
    tab(qtbot, 4)  # kind, date, activity, what (the car, the policy's first)
    keys(qtbot, "12.3")
    tab(qtbot)
    assert cell(editor, 1, Col.KIND) == "Mileage"
    assert cell(editor, 1, Col.WHAT) == "Car"
    assert cell(editor, 1, Col.QUANTITY) == "12.3 miles"
    assert cell(editor, 1, Col.RATE) == "45p"
    assert cell(editor, 1, Col.AMOUNT) == "£5.54"  # 553.5p, halves up
    assert editor.dirty

    # An expense line: Ctrl+Enter adds it; the amount is typed.
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.lines.current_row() == 2
    keys(qtbot, "E")
    tab(qtbot, 3)
    keys(qtbot, "P")  # Parking
    tab(qtbot)  # past "how many" (one of itself) and the rate, which are not typed
    editor.lines.go_to(2, Col.AMOUNT)
    keys(qtbot, "12.50")
    tab(qtbot)
    assert cell(editor, 2, Col.WHAT) == "Parking"
    assert cell(editor, 2, Col.AMOUNT) == "£12.50"
    assert cell(editor, 2, Col.CHECK) == "Needs a receipt (over £10.00)"
    assert "Total £55.54" in editor.lines.totals.text()

    receipt = tmp_path / "parking.png"
    receipt.write_bytes(PNG)
    answers.open_file = receipt
    qtbot.mouseClick(editor.lines.attach_button, Qt.MouseButton.LeftButton)
    assert cell(editor, 2, Col.RECEIPTS) == "1"
    assert cell(editor, 2, Col.CHECK) == ""
    assert editor.lines.receipts.item(0).text().startswith("parking.png, 2 KB")

    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    saved = ops.query(ctx, load_claim, claim_id)
    assert [line.kind for line in saved.details.lines] == [
        LineKind.FEE,
        LineKind.MILEAGE,
        LineKind.EXPENSE,
    ]
    assert saved.details.total_pence == 37_50 + 5_54 + 12_50
    assert saved.details.lines[1].quantity_hundredths == 1230
    assert saved.details.lines[2].receipts[0].file_name == "parking.png"

    # Submit, as the worker who typed it in.
    editor = open_editor(qtbot, ctx, claim_id)
    assert not editor.workflow.approve.isVisible()  # a staff member does not approve
    qtbot.mouseClick(editor.workflow.submit, Qt.MouseButton.LeftButton)
    status = shown_text(editor.status_label)
    assert "Status: submitted" in status
    assert f"Submitted by Tom Reed on {long_date(date.today())}" in status
    assert claim_status(database, claim_id) == ClaimStatus.SUBMITTED.value
    assert "Send it back to draft first" in editor.locked_label.text()
    assert not editor.save_button.isVisible()
    editor.close()

    # Approve, as a designated approver who neither made nor submitted it.
    ctx.actor = approver
    editor = open_editor(qtbot, ctx, claim_id)
    assert editor.workflow.approve.isVisible()
    qtbot.mouseClick(editor.workflow.approve, Qt.MouseButton.LeftButton)
    assert f"Approved by Ade Okafor on {long_date(date.today())}" in shown_text(editor.status_label)
    assert claim_status(database, claim_id) == ClaimStatus.APPROVED.value
    assert answers.problems == []
    assert audit_actions(database, claim_id) == [
        AuditAction.MADE_CLAIM,
        AuditAction.CHANGED_CLAIM,
        AuditAction.SUBMITTED_CLAIM,
        AuditAction.APPROVED_CLAIM,
    ]


def test_bad_input_is_refused_in_words_and_the_saved_claim_stays_as_it_was(
    qtbot, ctx, database, team, answers, tmp_path
):
    _admin, _approver, worker = team
    ctx.actor = worker
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, expense(4_50))
    editor = open_editor(qtbot, ctx, claim_id)

    editor.lines.go_to(0, Col.AMOUNT)
    keys(qtbot, "-4.50")
    tab(qtbot)
    check = cell(editor, 0, Col.CHECK)
    assert check.startswith("\u26a0 An amount cannot be less than nothing here.")
    assert "make an adjusting claim" in check
    assert cell(editor, 0, Col.AMOUNT) == "£4.50"  # what was there stays
    assert editor.lines.problems.text().startswith(
        "\u26a0 Line 1: An amount cannot be less than nothing here. To take money back from a "
        "paid claim, make an adjusting claim."
    )

    big = tmp_path / "scan.png"
    with big.open("wb") as file:
        file.write(PNG)
        file.truncate(6 * 1024 * 1024)
    answers.open_file = big
    editor.lines.go_to(0)
    qtbot.mouseClick(editor.lines.attach_button, Qt.MouseButton.LeftButton)
    message = editor.lines.receipt_message.text()
    assert "\u201cscan.png\u201d is 6.0 MB; a receipt can be at most 5 MB" in message
    assert cell(editor, 0, Col.RECEIPTS) == "None"

    unreadable = tmp_path / "notes.txt"
    unreadable.write_text("not a receipt")
    answers.open_file = unreadable
    qtbot.mouseClick(editor.lines.attach_button, Qt.MouseButton.LeftButton)
    assert "is not a photo (JPEG, PNG or GIF) or a PDF" in editor.lines.receipt_message.text()

    # A negative amount typed but not taken keeps the claim from being saved as if it were.
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.state_label.text().startswith("Not saved: one thing needs correcting")
    saved = ops.query(ctx, load_claim, claim_id)
    assert saved.details.total_pence == 4_50
    assert len(saved.details.lines[0].receipts) == 0

    # Put right, it saves.
    editor.lines.go_to(0, Col.AMOUNT)
    keys(qtbot, "6")
    tab(qtbot)
    assert cell(editor, 0, Col.CHECK) == ""
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert ops.query(ctx, load_claim, claim_id).details.total_pence == 6_00


def test_submitting_without_a_receipt_says_which_line_and_keeps_the_draft(
    qtbot, ctx, database, team
):
    _admin, _approver, worker = team
    ctx.actor = worker
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(100), expense(25_00, "Fares"))
    editor = open_editor(qtbot, ctx, claim_id)
    qtbot.mouseClick(editor.workflow.submit, Qt.MouseButton.LeftButton)
    assert claim_status(database, claim_id) == ClaimStatus.DRAFT.value
    assert "needs a receipt" in cell(editor, 1, Col.CHECK)
    assert editor.lines.current_row() == 1
    assert editor.state_label.text().startswith("Not submitted: one thing needs correcting")


def test_approving_ones_own_claim_is_held_back_with_the_reason_in_words(
    qtbot, ctx, database, team, answers
):
    _admin, approver, _worker = team
    ctx.actor = approver
    person = add_claimant(database)
    claim_id = add_claim(database, approver, person, fee(100))
    editor = open_editor(qtbot, ctx, claim_id)
    qtbot.mouseClick(editor.workflow.submit, Qt.MouseButton.LeftButton)
    assert editor.workflow.approve.isVisible()
    assert not editor.workflow.approve.isEnabled()
    reason = "You made, changed or submitted this claim, so someone else must approve it"
    assert reason in shown_text(editor.status_label)
    assert editor.workflow.approve.toolTip().startswith(reason)
    qtbot.mouseClick(editor.workflow.approve, Qt.MouseButton.LeftButton)
    assert claim_status(database, claim_id) == ClaimStatus.SUBMITTED.value
    assert answers.problems == []


def test_an_approver_who_changed_a_draft_someone_else_made_cannot_approve_it(
    qtbot, ctx, database, team
):
    _admin, approver, worker = team
    claim_id = add_claim(database, worker, add_claimant(database), fee(100))
    ctx.actor = approver
    editor = open_editor(qtbot, ctx, claim_id)
    editor.lines.go_to(0, Col.QUANTITY)
    keys(qtbot, "2")
    tab(qtbot)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)

    editor = open_editor(qtbot, ctx, claim_id)
    assert not editor.workflow.approve.isEnabled()
    assert "You made, changed or submitted this claim" in shown_text(editor.status_label)


def test_a_claim_changed_since_it_was_opened_is_shown_again_before_it_can_be_approved(
    qtbot, ctx, database, team, answers
):
    _admin, approver, worker = team
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(100))
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    ctx.actor = approver
    editor = open_editor(qtbot, ctx, claim_id)
    assert "Total £25.00" in editor.lines.totals.text()

    # Meanwhile the worker sends it back, makes it bigger and submits it again.
    with database.session_scope() as session:
        return_to_draft(session, worker, claim_id)
    with database.session_scope() as session:
        bigger = ClaimDetails(person, PaymentMethod.BANK_TRANSFER.value, (fee(400),))
        save_draft(session, worker, bigger, claim_id, today=TODAY)
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)

    qtbot.mouseClick(editor.workflow.approve, Qt.MouseButton.LeftButton)
    [(_title, message)] = answers.problems
    assert message.startswith("This claim was changed since you opened it.")
    assert message in editor.state_label.text()
    assert claim_status(database, claim_id) == ClaimStatus.SUBMITTED.value
    assert "Total £100.00" in editor.lines.totals.text()
    assert cell(editor, 0, Col.QUANTITY) == "4 hours"

    qtbot.mouseClick(editor.workflow.approve, Qt.MouseButton.LeftButton)
    assert claim_status(database, claim_id) == ClaimStatus.APPROVED.value
    assert len(answers.problems) == 1


def test_approving_over_budget_asks_first_and_no_leaves_it_waiting(
    qtbot, ctx, database, team, answers
):
    admin, approver, worker = team
    person = add_claimant(database)
    budget = add_budget(database, admin, 10_00, "Involvement")
    claim_id = add_claim(database, worker, person, fee(150), budget_id=budget)
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    ctx.actor = approver
    editor = open_editor(qtbot, ctx, claim_id)
    assert editor.header.budget.currentText() == "Involvement 2026/27 \u2014 £10.00 left"

    answers.yes_no = False
    qtbot.mouseClick(editor.workflow.approve, Qt.MouseButton.LeftButton)
    assert answers.asked == ["Approve over budget?"]
    assert editor.state_label.text().startswith("Not approved")
    assert claim_status(database, claim_id) == ClaimStatus.SUBMITTED.value

    answers.yes_no = True
    qtbot.mouseClick(editor.workflow.approve, Qt.MouseButton.LeftButton)
    assert claim_status(database, claim_id) == ClaimStatus.APPROVED.value
    assert editor.state_label.text() == "Approved over budget."
    assert audit_actions(database, claim_id)[-1] == AuditAction.APPROVED_CLAIM_OVER_BUDGET
    assert editor.header.budget.currentText() == "Involvement 2026/27 \u2014 overspent by £27.50"


def test_a_rejected_claim_shows_its_reason(qtbot, ctx, database, team, answers):
    _admin, approver, worker = team
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(100))
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    ctx.actor = approver
    editor = open_editor(qtbot, ctx, claim_id)
    answers.texts = ["   ", "The session was cancelled."]
    qtbot.mouseClick(editor.workflow.reject, Qt.MouseButton.LeftButton)
    assert answers.problems[-1][1] == "Please say why, so the person can be told."
    qtbot.mouseClick(editor.workflow.reject, Qt.MouseButton.LeftButton)
    assert claim_status(database, claim_id) == ClaimStatus.REJECTED.value
    assert "Why it was rejected: The session was cancelled." in shown_text(editor.status_label)
    assert "rejected, so it stays as it was" in editor.locked_label.text()
    assert not any(button.isVisible() for button in editor.workflow.all)


def test_a_paid_claim_opens_read_only_and_is_corrected_by_an_adjusting_claim(
    qtbot, ctx, database, team
):
    admin, approver, worker = team
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(150), expense(4_50))
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    with database.session_scope() as session:
        approve_claim(session, approver, claim_id)
    ctx.actor = worker
    editor = open_editor(qtbot, ctx, claim_id)
    assert "approved and waiting to be paid" in editor.locked_label.text()
    editor.close()
    with database.session_scope() as session:
        make_payment_run(session, admin, [claim_id], TODAY)

    editor = open_editor(qtbot, ctx, claim_id)
    assert editor.locked_label.text().startswith("This claim has been paid, so it stays as it was")
    assert not editor.save_button.isVisible()
    assert editor.cancel_button.text() == "Close"
    assert not editor.header.method.isEnabled()
    # The notes stay reachable and readable, but cannot be typed in.
    assert editor.header.notes.isEnabled() and editor.header.notes.isReadOnly()
    editor.lines.go_to(0, Col.QUANTITY)
    keys(qtbot, "9")
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_Insert)
    assert cell(editor, 0, Col.QUANTITY) == "1.5 hours"
    assert editor.lines.model.rowCount() == 2
    assert not editor.dirty
    assert not editor.lines.attach_button.isEnabled()

    qtbot.mouseClick(editor.workflow.adjust, Qt.MouseButton.LeftButton)
    new_id = editor.claim_id
    assert new_id != claim_id
    assert f"Corrects claim {claim_id}" in shown_text(editor.status_label)
    assert editor.save_button.isVisible()
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_Insert)
    keys(qtbot, "E")
    tab(qtbot, 3)
    keys(qtbot, "P")
    editor.lines.go_to(0, Col.AMOUNT)
    keys(qtbot, "-2")
    tab(qtbot)
    assert cell(editor, 0, Col.AMOUNT) == "-£2.00"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    corrected = ops.query(ctx, load_claim, new_id)
    assert corrected.details.adjusts_claim_id == claim_id
    assert corrected.details.total_pence == -2_00
    assert ops.query(ctx, load_claim, claim_id).details.total_pence == 42_00


def test_unsaved_lines_are_not_dropped_without_asking(qtbot, ctx, database, team, answers):
    _admin, _approver, worker = team
    ctx.actor = worker
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(100))
    editor = open_editor(qtbot, ctx, claim_id)
    qtbot.mouseClick(editor.lines.add_button, Qt.MouseButton.LeftButton)
    assert editor.state_label.text() == "Unsaved changes."
    assert editor.lines.model.rowCount() == 2

    # Escape in a cell being typed in leaves the cell, not the claim.
    editor.lines.go_to(1, Col.QUANTITY)
    keys(qtbot, "3")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert editor.isVisible()
    assert answers.asked == []
    assert cell(editor, 1, Col.QUANTITY) == ""

    # Delete takes the line in hand away; another line is added to go on.
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_Delete)
    assert editor.lines.model.rowCount() == 1
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_Insert)
    assert editor.lines.model.rowCount() == 2

    answers.unsaved = UnsavedChoice.CANCEL
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible()
    assert answers.asked == ["unsaved this claim"]

    answers.unsaved = UnsavedChoice.DISCARD
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert len(ops.query(ctx, load_claim, claim_id).details.lines) == 1


def test_deleting_a_draft_asks_first(qtbot, ctx, database, team, answers):
    _admin, _approver, worker = team
    ctx.actor = worker
    claim_id = add_claim(database, worker, add_claimant(database), fee(100))
    editor = open_editor(qtbot, ctx, claim_id)
    qtbot.mouseClick(editor.workflow.delete, Qt.MouseButton.LeftButton)
    assert answers.asked == ["Delete draft claim"]
    assert editor.isVisible()
    answers.yes_no = True
    qtbot.mouseClick(editor.workflow.delete, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert audit_actions(database, claim_id)[-1] == AuditAction.DELETED_CLAIM


def test_a_new_claim_finds_its_person_and_takes_their_payment_method(qtbot, ctx, database, team):
    _admin, _approver, worker = team
    ctx.actor = worker
    add_claimant(database, "Zoë", "O'Brien", method=PaymentMethod.VOUCHER)
    editor = open_editor(qtbot, ctx, None)
    assert editor.windowTitle() == "New claim"
    assert not editor.workflow.delete.isVisible()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "Please choose whose claim this is." in editor.header.errors["person"].text()

    keys(qtbot, "obrien")
    qtbot.waitUntil(lambda: not editor.header.finder.typing_timer.isActive())
    qtbot.keyClick(editor.header.finder.search, Qt.Key.Key_Return)
    assert editor.isVisible()  # Enter chose the person; it did not press Save
    assert "Zoë O'Brien" in editor.header.person_name.text()
    assert editor.header.method.currentText() == "Voucher"
    assert editor.header.change_person.isVisible()
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_Insert)
    assert cell(editor, 0, Col.DATE) == "26/11/2026"
    tab(qtbot, 4)
    keys(qtbot, "2")
    tab(qtbot)
    assert cell(editor, 0, Col.AMOUNT) == "£50.00"  # 2 hours at £25.00
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    with database.session_scope() as session:
        [claim] = session.scalars(select(Claim)).all()
        assert claim.payment_method == PaymentMethod.VOUCHER.value
        assert claim.fees_pence == 50_00


def test_a_date_outside_the_years_claims_cover_is_refused_in_the_line(qtbot, ctx, database, team):
    _admin, _approver, worker = team
    ctx.actor = worker
    claim_id = add_claim(database, worker, add_claimant(database), fee(100))
    editor = open_editor(qtbot, ctx, claim_id)
    for typed in ("31/12/9999", "1/1/1999", "31/12/99999", "0/0/0", "1e400"):
        editor.lines.go_to(0, Col.DATE)
        keys(qtbot, typed)
        tab(qtbot)
        assert cell(editor, 0, Col.DATE) == "26/11/2026", typed  # what was there stays
        assert cell(editor, 0, Col.CHECK).startswith("\u26a0 "), typed
    editor.lines.go_to(0, Col.DATE)
    keys(qtbot, "31/12/9999")
    tab(qtbot)
    assert cell(editor, 0, Col.CHECK) == (
        "\u26a0 Please check the date: claims are for work from 2000 to 2099."
    )
    assert editor.header.budget_year == date(2026, 4, 1)
    for typed in ("1e400", "99999999999999999999"):
        editor.lines.go_to(0, Col.QUANTITY)
        keys(qtbot, typed)
        tab(qtbot)
    assert cell(editor, 0, Col.QUANTITY) == "99999999999999999999 hours"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert cell(editor, 0, Col.CHECK) == "\u26a0 That is more than anyone could claim."
    assert ops.query(ctx, load_claim, claim_id).details.total_pence == 25_00


def test_no_rate_in_the_policy_is_said_in_the_line(qtbot, ctx, database, team):
    admin, _approver, worker = team
    ctx.actor = worker
    claim_id = add_claim(database, worker, add_claimant(database), fee(100))
    with database.session_scope() as session:
        policy_id = policy_id_on(session, TODAY)
        assert policy_id is not None
        current = load_policy(session, policy_id)
        sessions_only = tuple(rate for rate in current.rates if rate.name != "hour")
        save_policy(
            session, admin, replace(current, effective_from=date(2026, 11, 1), rates=sessions_only)
        )
    editor = open_editor(qtbot, ctx, claim_id)
    assert cell(editor, 0, Col.AMOUNT) == "£25.00"  # left as it was, for the user to decide
    assert not editor.dirty
    assert "The policy in force on 26 November 2026 has no rate for \u201cPer hour\u201d" in cell(
        editor, 0, Col.CHECK
    )
    qtbot.mouseClick(editor.workflow.submit, Qt.MouseButton.LeftButton)
    assert claim_status(database, claim_id) == ClaimStatus.DRAFT.value


def test_the_benefits_panel_speaks_for_a_person_whose_benefits_may_be_affected(
    qtbot, ctx, database, team
):
    _admin, _approver, worker = team
    ctx.actor = worker
    watched = add_claimant(database, benefits=BenefitsAffected.YES)
    claim_id = add_claim(database, worker, watched, fee(750))  # £187.50 in the week
    editor = open_editor(qtbot, ctx, claim_id)
    panel = editor.benefits
    assert panel.isVisible()
    assert panel.intro.text() == "Siân ap Gwilym has said payments may affect their benefits."
    figures = panel.figures.text()
    assert (
        "\u26a0 Carer's Allowance earnings limit (2025/26 figure), £196.00 a week: fees of "
        "£187.50 in the week of 23 November 2026 \u2014 close to it: £8.50 below it." in figures
    )
    assert (
        "Universal Credit work allowance with housing costs (2025/26 figure), £411.00 a month: "
        "fees of £187.50 in November 2026 \u2014 £223.50 below it." in figures
    )
    assert "brings Siân ap Gwilym close to a figure" in panel.suggestion.text()
    assert "voucher" in panel.suggestion.text()
    assert panel.not_advice.text() == NOT_ADVICE

    # One more hour, not yet saved, and the words change.
    editor.lines.table.setFocus()
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_Insert)
    tab(qtbot, 4)
    keys(qtbot, "1")
    tab(qtbot)
    assert (
        "£196.00 a week: fees of £212.50 in the week of 23 November 2026 \u2014 £16.50 over it."
        in panel.figures.text()
    )
    assert panel.suggestion.text().startswith("This takes Siân ap Gwilym over a figure")

    not_watched = add_claimant(database, "Tom", "Okafor", benefits=BenefitsAffected.NO)
    other = open_editor(qtbot, ctx, add_claim(database, worker, not_watched, fee(750)))
    assert not other.benefits.isVisible()
    # Showing the answer is audited once for the person, not at each change of a line.
    assert sensitive_showings(database) == [("person", watched)]


def test_a_claim_over_two_weeks_is_held_against_the_fuller_week(qtbot, ctx, database, team):
    _admin, _approver, worker = team
    ctx.actor = worker
    watched = add_claimant(database, benefits=BenefitsAffected.YES)
    first_week, second_week = fee(600, day=date(2026, 11, 16)), fee(900, day=date(2026, 11, 23))
    editor = open_editor(qtbot, ctx, add_claim(database, worker, watched, first_week, second_week))
    figures = editor.benefits.figures.text()
    assert (
        "\u26a0 Carer's Allowance earnings limit (2025/26 figure), £196.00 a week: fees of "
        "£225.00 in the week of 23 November 2026 \u2014 £29.00 over it." in figures
    )
    assert "week of 16 November" not in figures
    assert "£375.00 in November 2026" in figures  # both weeks are in one month
    assert editor.benefits.counted.text().endswith(
        "This claim's fees fall in more than one week: each figure is held against the week "
        "with the most."
    )
    assert editor.benefits.suggestion.text().startswith("This takes Siân ap Gwilym over a figure")


def test_a_draft_whose_person_was_deleted_can_be_given_to_someone(qtbot, ctx, database, team):
    admin, _approver, worker = team
    gone = add_claimant(database, "Ben", "Gone")
    add_claimant(database, "Zoë", "O'Brien")
    claim_id = add_claim(database, worker, gone, fee(100))
    with database.session_scope() as session:
        delete_person(session, admin, gone)
    ctx.actor = worker
    editor = open_editor(qtbot, ctx, claim_id)
    assert editor.windowTitle() == f"Claim {claim_id} \u2014 A person since deleted"
    assert "was deleted from the register" in editor.header.person_name.text()
    assert editor.header.finder.isVisible()

    editor.header.finder.search.setFocus()
    keys(qtbot, "obrien")
    qtbot.waitUntil(lambda: not editor.header.finder.typing_timer.isActive())
    qtbot.keyClick(editor.header.finder.search, Qt.Key.Key_Return)
    assert "Zoë O'Brien" in editor.header.person_name.text()
    assert editor.windowTitle() == f"Claim {claim_id} \u2014 Zoë O'Brien"
    assert editor.dirty
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = ops.query(ctx, load_claim, claim_id)
    assert saved.person_name == "Zoë O'Brien"
    assert saved.details.total_pence == 25_00

    # Saved with a person, it is theirs.
    editor = open_editor(qtbot, ctx, claim_id)
    assert not editor.header.finder.isVisible()
    assert not editor.header.change_person.isVisible()


def sensitive_showings(database) -> list[tuple[str, int | None]]:
    with database.session_scope() as session:
        rows = session.execute(
            select(AuditEvent.subject_kind, AuditEvent.subject_id)
            .where(AuditEvent.action == AuditAction.OPENED_SENSITIVE)
            .order_by(AuditEvent.id)
        )
        return [tuple(row) for row in rows]


def test_every_input_is_named_and_no_mnemonics_clash(qtbot, ctx, database, team):
    _admin, approver, worker = team
    ctx.actor = approver
    claim_id = add_claim(database, worker, add_claimant(database), fee(100), expense(4_00))
    editor = open_editor(qtbot, ctx, None)
    assert unnamed_inputs(editor) == []
    assert clashes(mnemonics(editor)) == {}
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    editor = open_editor(qtbot, ctx, claim_id)
    assert clashes(mnemonics(editor)) == {}


def test_a_saved_receipt_is_copied_out_and_removed(qtbot, ctx, database, team, answers, tmp_path):
    _admin, _approver, worker = team
    ctx.actor = worker
    claim_id = add_claim(database, worker, add_claimant(database), expense(12_00))
    editor = open_editor(qtbot, ctx, claim_id)
    original = tmp_path / "taxi.png"
    original.write_bytes(PNG)
    answers.open_file = original
    editor.lines.go_to(0)
    qtbot.mouseClick(editor.lines.attach_button, Qt.MouseButton.LeftButton)
    assert editor.lines.receipts.item(0).text().endswith("(not saved yet)")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    editor = open_editor(qtbot, ctx, claim_id)
    editor.lines.go_to(0)
    assert editor.lines.receipts.item(0).text() == "taxi.png, 2 KB"
    answers.save_file = tmp_path / "copy of taxi.png"
    qtbot.mouseClick(editor.lines.copy_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "copy of taxi.png").read_bytes() == PNG
    assert editor.lines.receipt_message.text() == "Saved a copy as \u201ccopy of taxi.png\u201d."
    with database.session_scope() as session:
        opened = session.scalars(
            select(AuditEvent.action).where(AuditEvent.subject_kind == "receipt")
        ).all()
    assert opened == [AuditAction.OPENED_RECEIPT]

    qtbot.mouseClick(editor.lines.drop_button, Qt.MouseButton.LeftButton)
    assert cell(editor, 0, Col.RECEIPTS) == "None"
    assert ops.query(ctx, load_claim, claim_id).details.lines[0].receipts  # until saved
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert ops.query(ctx, load_claim, claim_id).details.lines[0].receipts == ()


def test_the_budget_follows_the_financial_year_of_the_work(qtbot, ctx, database, team, answers):
    admin, _approver, worker = team
    ctx.actor = worker
    person = add_claimant(database)
    last_year = add_budget(database, admin, 500_00, day=date(2026, 5, 1))
    this_year = add_budget(database, admin, 800_00, day=date(2027, 5, 1))
    editor = ClaimEditor(ctx, None, person_id=person, today=date(2027, 4, 2))
    show_active(qtbot, editor)
    assert editor.header.budget.currentText() == "Involvement 2027/28 \u2014 £800.00 left"

    # A line for work done before the year turned puts the claim in last year's budget.
    editor.lines.table.setFocus()
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_Insert)
    editor.lines.go_to(0, Col.DATE)
    keys(qtbot, "28/03/2027")
    tab(qtbot)
    assert editor.header.budget.currentText() == "Involvement 2026/27 \u2014 £500.00 left"
    listed = [editor.header.budget.itemText(i) for i in range(editor.header.budget.count())]
    assert listed == ["No budget", "Involvement 2026/27 \u2014 £500.00 left"]
    assert editor.header.budget_note.isVisible()
    assert editor.header.budget_note.text() == (
        "The work is now in 2026/27, so the claim goes against \u201cInvolvement 2026/27\u201d "
        "instead of \u201cInvolvement 2027/28\u201d."
    )
    editor.lines.go_to(0, Col.QUANTITY)
    keys(qtbot, "2")
    tab(qtbot)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with database.session_scope() as session:
        [claim] = session.scalars(select(Claim)).all()
        claim_id = claim.id
        assert claim.budget_id == last_year

    # Opened again in the new year, it keeps its year's budget until its date moves.
    editor = ClaimEditor(ctx, claim_id, today=date(2027, 4, 2))
    show_active(qtbot, editor)
    assert editor.header.budget.currentText() == "Involvement 2026/27 \u2014 £500.00 left"
    assert not editor.header.budget_note.isVisible()
    editor.lines.go_to(0, Col.DATE)
    keys(qtbot, "3/4/2027")
    tab(qtbot)
    assert editor.header.budget.currentText() == "Involvement 2027/28 \u2014 £800.00 left"
    assert "now in 2027/28" in editor.header.budget_note.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert ops.query(ctx, load_claim, claim_id).details.budget_id == this_year


def test_a_budget_that_cannot_be_used_is_said_at_the_budget(qtbot, ctx, database, team, answers):
    admin, _approver, worker = team
    ctx.actor = worker
    person = add_claimant(database)
    budget = add_budget(database, admin, 500_00)
    editor = open_editor(qtbot, ctx, None, person_id=person)
    assert editor.header.budget_id() == budget
    with database.session_scope() as session:
        delete_budget(session, admin, budget)  # by someone else, meanwhile
    editor.lines.table.setFocus()
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_Insert)
    tab(qtbot, 4)
    keys(qtbot, "1")
    tab(qtbot)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    message = editor.header.errors["budget"]
    assert message.isVisible()
    assert "This budget is no longer in the records" in message.text()
    assert editor.state_label.text().startswith("Not saved: one thing needs correcting")


def backdate_a_higher_hourly_rate(database, admin, starts: date, hour_pence: int) -> None:
    """A new policy version, added now, in force from an earlier date."""
    with database.session_scope() as session:
        policy_id = policy_id_on(session, TODAY)
        assert policy_id is not None
        current = load_policy(session, policy_id)
        rates = tuple(
            replace(rate, unit_pence=hour_pence) if rate.name == "hour" else rate
            for rate in current.rates
        )
        save_policy(session, admin, replace(current, effective_from=starts, rates=rates))


def test_a_draft_at_an_old_rate_takes_the_policys_rate_when_opened(
    qtbot, ctx, database, team, answers
):
    admin, _approver, worker = team
    ctx.actor = worker
    claim_id = add_claim(database, worker, add_claimant(database), expense(4_50), fee(200))
    backdate_a_higher_hourly_rate(database, admin, date(2026, 11, 1), 30_00)

    editor = open_editor(qtbot, ctx, claim_id)
    assert cell(editor, 1, Col.RATE) == "£30.00"
    assert cell(editor, 1, Col.AMOUNT) == "£60.00"
    assert editor.lines.notice.isVisible()
    assert editor.lines.notice.text() == (
        "Rates brought up to date with the payment policy: line 2 was £25.00 an hour, now £30.00."
    )
    assert editor.dirty
    assert editor.state_label.text() == "Unsaved changes."
    assert ops.query(ctx, load_claim, claim_id).details.total_pence == 54_50  # until saved

    qtbot.mouseClick(editor.workflow.submit, Qt.MouseButton.LeftButton)
    assert claim_status(database, claim_id) == ClaimStatus.SUBMITTED.value
    assert ops.query(ctx, load_claim, claim_id).details.total_pence == 64_50
    assert not editor.lines.notice.isVisible()


def test_a_rate_changed_while_the_draft_is_open_is_said_in_the_line(
    qtbot, ctx, database, team, answers
):
    admin, _approver, worker = team
    ctx.actor = worker
    claim_id = add_claim(database, worker, add_claimant(database), fee(200))
    editor = open_editor(qtbot, ctx, claim_id)
    assert not editor.lines.notice.isVisible()
    assert not editor.dirty
    backdate_a_higher_hourly_rate(database, admin, date(2026, 11, 1), 30_00)

    qtbot.mouseClick(editor.workflow.submit, Qt.MouseButton.LeftButton)
    assert claim_status(database, claim_id) == ClaimStatus.DRAFT.value
    said = "he rate in force on 26 November 2026 is £30.00, not £25.00."
    assert cell(editor, 0, Col.CHECK).startswith(f"\u26a0 T{said}")
    assert f"Line 1: t{said}" in editor.lines.problems.text()
    assert editor.state_label.text().startswith("Not submitted: one thing needs correcting")

    # Choosing what it is for again takes the rate now in force.
    editor.lines.go_to(0, Col.WHAT)
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_F2)
    tab(qtbot)
    assert cell(editor, 0, Col.AMOUNT) == "£60.00"
    assert cell(editor, 0, Col.CHECK) == ""
    qtbot.mouseClick(editor.workflow.submit, Qt.MouseButton.LeftButton)
    assert claim_status(database, claim_id) == ClaimStatus.SUBMITTED.value
    assert ops.query(ctx, load_claim, claim_id).details.fees_pence == 60_00


def hours_saved(ctx, claim_id: int) -> int:
    return ops.query(ctx, load_claim, claim_id).details.lines[0].quantity_hundredths


def test_submitting_by_its_mnemonic_keeps_the_cell_being_typed(qtbot, ctx, database, team):
    _admin, _approver, worker = team
    ctx.actor = worker
    claim_id = add_claim(database, worker, add_claimant(database), fee(150))
    editor = open_editor(qtbot, ctx, claim_id)
    editor.lines.go_to(0, Col.QUANTITY)
    keys(qtbot, "9")
    assert not editor.dirty  # still in the cell's editor, not yet in the claim
    # What Alt+U does: the button clicks itself and the keyboard stays in the cell.
    editor.workflow.submit.animateClick()
    qtbot.waitUntil(lambda: claim_status(database, claim_id) == ClaimStatus.SUBMITTED.value)
    assert hours_saved(ctx, claim_id) == 9_00
    assert cell(editor, 0, Col.QUANTITY) == "9 hours"


def test_closing_while_typing_in_a_cell_asks_first(qtbot, ctx, database, team, answers):
    _admin, _approver, worker = team
    ctx.actor = worker
    claim_id = add_claim(database, worker, add_claimant(database), fee(150))
    editor = open_editor(qtbot, ctx, claim_id)
    editor.lines.go_to(0, Col.QUANTITY)
    keys(qtbot, "9")
    answers.unsaved = UnsavedChoice.CANCEL
    editor.close()  # the window's X, or Alt+F4
    assert editor.isVisible()
    assert answers.asked == ["unsaved this claim"]
    assert cell(editor, 0, Col.QUANTITY) == "9 hours"

    editor.lines.go_to(0, Col.QUANTITY)
    keys(qtbot, "4")
    answers.unsaved = UnsavedChoice.SAVE
    editor.reject()  # Escape or Cancel
    assert not editor.isVisible()
    assert hours_saved(ctx, claim_id) == 4_00


def test_a_correction_made_after_a_rate_rise_takes_back_at_the_rate_paid(
    qtbot, ctx, database, team
):
    admin, approver, worker = team
    person = add_claimant(database)
    activity = add_paid_activity(database)
    worked = date(2026, 10, 1)
    claim_id = add_claim(database, worker, person, fee(150, day=worked, activity_id=activity))
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    with database.session_scope() as session:
        approve_claim(session, approver, claim_id)
    with database.session_scope() as session:
        make_payment_run(session, admin, [claim_id], TODAY)
    backdate_a_higher_hourly_rate(database, admin, date(2026, 11, 1), 30_00)

    ctx.actor = worker
    editor = open_editor(qtbot, ctx, claim_id)
    qtbot.mouseClick(editor.workflow.adjust, Qt.MouseButton.LeftButton)
    new_id = editor.claim_id
    qtbot.keyClick(editor.lines.table, Qt.Key.Key_Insert)
    assert editor.lines.model.lines()[0].line_date == worked
    assert editor.lines.model.lines()[0].activity_id == activity
    editor.lines.go_to(0, Col.QUANTITY)
    keys(qtbot, "-1.5")
    tab(qtbot)
    assert cell(editor, 0, Col.RATE) == "£25.00"
    assert cell(editor, 0, Col.AMOUNT) == "-£37.50"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert ops.query(ctx, load_claim, new_id).details.total_pence == -37_50


def paid_claim(database, team, person: int) -> int:
    admin, approver, worker = team
    claim_id = add_claim(database, worker, person, fee(150))
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    with database.session_scope() as session:
        approve_claim(session, approver, claim_id)
    with database.session_scope() as session:
        make_payment_run(session, admin, [claim_id], TODAY)
    return claim_id


def claim_exists(database, claim_id: int) -> bool:
    with database.session_scope() as session:
        return session.get(Claim, claim_id) is not None


def test_an_adjusting_claim_closed_with_no_lines_is_offered_for_deleting(
    qtbot, ctx, database, team, answers
):
    _admin, _approver, worker = team
    ctx.actor = worker
    paid = paid_claim(database, team, add_claimant(database))
    editor = open_editor(qtbot, ctx, paid)
    qtbot.mouseClick(editor.workflow.adjust, Qt.MouseButton.LeftButton)
    first = editor.claim_id
    answers.yes_no = False
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert answers.asked[-1] == "Delete the empty adjusting claim?"
    assert claim_exists(database, first)  # kept, knowingly

    editor = open_editor(qtbot, ctx, first)
    answers.yes_no = True
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert not claim_exists(database, first)
    assert audit_actions(database, first)[-1] == AuditAction.DELETED_CLAIM


def test_a_paid_claim_whose_person_was_deleted_says_it_cannot_be_corrected(
    qtbot, ctx, database, team
):
    person = add_claimant(database)
    paid = paid_claim(database, team, person)
    with database.session_scope() as session:
        delete_person(session, ctx.actor, person)
    editor = open_editor(qtbot, ctx, paid)
    assert editor.workflow.adjust.isVisible()
    assert not editor.workflow.adjust.isEnabled()
    assert "deleted from the register, so an adjusting claim cannot" in shown_text(
        editor.status_label
    )
