"""A claim's life on a real database: drafts, lines, receipts, the workflow and its rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent
from involve_desktop.db.money_models import Claim, ClaimReceipt
from involve_desktop.domain.claims import ClaimDetails, ClaimStatus, FeeUnit
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.budgets import budget_figures
from involve_desktop.services.claim_workflow import (
    OverBudget,
    approve_claim,
    make_adjusting_claim,
    make_payment_run,
    reject_claim,
    submit_claim,
)
from involve_desktop.services.claims import (
    ClaimLocked,
    load_claim,
    read_receipt_file,
    receipt_content,
    save_draft,
)
from involve_desktop.services.claims_from_activity import (
    NoRateForActivity,
    make_claims_from_attendance,
    preview_claims,
)
from involve_desktop.services.permissions import NotAllowed
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
from tests.db.impact_helpers import mark_attended

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def team(database):
    return money_team(database)


def audit_actions(database, claim_id: int) -> list[str]:
    with database.session_scope() as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.subject_kind == "claim", AuditEvent.subject_id == claim_id)
                .order_by(AuditEvent.id)
            )
        )


def test_a_claim_walks_from_draft_to_paid_and_each_step_says_who(database, team):
    admin, approver, worker = team
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(150), expense(4_50))
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    with database.session_scope() as session:
        approve_claim(session, approver, claim_id)
    with database.session_scope() as session:
        run_id = make_payment_run(session, admin, [claim_id], TODAY)

    with database.session_scope() as session:
        record = load_claim(session, claim_id)
        row = session.get(Claim, claim_id)
        assert (row.fees_pence, row.expenses_pence) == (37_50, 4_50)
        assert row.payment_run_id == run_id
    assert record.status is ClaimStatus.PAID
    assert [(step.what, step.who) for step in record.steps] == [
        ("Made", "Tom Reed"),
        ("Submitted", "Tom Reed"),
        ("Approved", "Ade Okafor"),
        ("Paid", "Priya Shah"),
    ]
    assert audit_actions(database, claim_id) == [
        AuditAction.MADE_CLAIM,
        AuditAction.SUBMITTED_CLAIM,
        AuditAction.APPROVED_CLAIM,
        AuditAction.PAID_CLAIM,
    ]


def test_a_paid_claim_is_locked_and_corrected_by_an_adjusting_claim(database, team):
    admin, approver, worker = team
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(200))
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
        approve_claim(session, approver, claim_id)
        make_payment_run(session, admin, [claim_id], TODAY)
    with database.session_scope() as session, pytest.raises(ClaimLocked, match="adjusting"):
        save_draft(session, worker, load_claim(session, claim_id).details, claim_id)

    with database.session_scope() as session:
        adjusting_id = make_adjusting_claim(session, worker, claim_id, today=TODAY)
    # The correction takes back half an hour: below nothing is allowed only here.
    with database.session_scope() as session:
        details = load_claim(session, adjusting_id).details
        save_draft(
            session,
            worker,
            ClaimDetails(**{**details.__dict__, "lines": (fee(-50),)}),
            adjusting_id,
        )
    with database.session_scope() as session:
        assert load_claim(session, adjusting_id).details.total_pence == -12_50
        assert load_claim(session, claim_id).adjusting_claim_ids == (adjusting_id,)
        assert session.get(Claim, claim_id).fees_pence == 50_00


def test_negative_amounts_are_refused_on_an_ordinary_claim(database, team):
    person = add_claimant(database)
    with pytest.raises(ValidationFailed) as refused:
        add_claim(database, team[2], person, expense(-5_00))
    assert "less than nothing" in refused.value.errors["line 1 amount"]


def test_only_a_designated_approver_who_did_not_make_it_can_approve(database, team):
    admin, approver, worker = team
    person = add_claimant(database)
    claim_id = add_claim(database, approver, person, fee(100))
    with database.session_scope() as session:
        submit_claim(session, approver, claim_id)
    with database.session_scope() as session, pytest.raises(NotAllowed, match="Your role"):
        approve_claim(session, worker, claim_id)
    with database.session_scope() as session, pytest.raises(NotAllowed, match="someone else"):
        approve_claim(session, approver, claim_id)
    with database.session_scope() as session:
        approve_claim(session, admin, claim_id)
        assert session.get(Claim, claim_id).status == "approved"


def test_approving_over_budget_needs_a_second_yes_and_is_recorded(database, team):
    admin, approver, worker = team
    budget_id = add_budget(database, admin, 30_00)
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(200), budget_id=budget_id)
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    with database.session_scope() as session, pytest.raises(OverBudget) as warned:
        approve_claim(session, approver, claim_id)
    assert warned.value.overspend_pence == 20_00
    assert "£20.00 over" in warned.value.message and "£30.00 left" in warned.value.message
    with database.session_scope() as session:
        assert session.get(Claim, claim_id).status == "submitted"
        approve_claim(session, approver, claim_id, over_budget_confirmed=True)
    with database.session_scope() as session:
        [figures] = budget_figures(session)
    assert (figures.committed_pence, figures.paid_pence, figures.remaining_pence) == (
        50_00,
        0,
        -20_00,
    )
    assert AuditAction.APPROVED_CLAIM_OVER_BUDGET in audit_actions(database, claim_id)


def test_a_rejected_claim_keeps_its_reason(database, team):
    _, approver, worker = team
    claim_id = add_claim(database, worker, add_claimant(database), fee(100))
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    with database.session_scope() as session, pytest.raises(ValidationFailed):
        reject_claim(session, approver, claim_id, "   ")
    with database.session_scope() as session:
        reject_claim(session, approver, claim_id, "The panel was cancelled.")
    with database.session_scope() as session:
        record = load_claim(session, claim_id)
    assert record.status is ClaimStatus.REJECTED
    assert record.rejection_reason == "The panel was cancelled."


def test_submitting_asks_for_receipts_the_policy_requires(database, team, tmp_path: Path):
    worker = team[2]
    claim_id = add_claim(database, worker, add_claimant(database), expense(12_00))
    with database.session_scope() as session, pytest.raises(ValidationFailed) as refused:
        submit_claim(session, worker, claim_id)
    assert "needs a receipt" in refused.value.errors["line 1 receipt"]
    assert "over £10.00" in refused.value.errors["line 1 receipt"]

    photo = tmp_path / "parking.png"
    photo.write_bytes(PNG)
    receipt = read_receipt_file(photo)
    with database.session_scope() as session:
        save_draft(
            session,
            worker,
            ClaimDetails(
                load_claim(session, claim_id).details.person_id,
                "bank_transfer",
                (expense(12_00, receipts=(receipt,)),),
            ),
            claim_id,
        )
    # Saving again without touching the receipt keeps it.
    with database.session_scope() as session:
        details = load_claim(session, claim_id).details
        save_draft(session, worker, details, claim_id)
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
        [kept] = load_claim(session, claim_id).details.lines[0].receipts
        assert receipt_content(session, worker, kept.receipt_id).content == PNG
        assert session.scalar(select(ClaimReceipt.file_name)) == "parking.png"


def test_a_receipt_too_big_or_not_a_picture_is_refused_plainly(tmp_path: Path):
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF" + b"0" * (6 * 1024 * 1024))
    with pytest.raises(KnownError, match="at most 5 MB"):
        read_receipt_file(big)
    text = tmp_path / "notes.txt"
    text.write_text("not a receipt")
    with pytest.raises(KnownError, match="not a photo"):
        read_receipt_file(text)
    with pytest.raises(KnownError, match="could not be read"):
        read_receipt_file(tmp_path / "gone.jpg")


def test_claims_from_attendance_use_the_rate_in_force_and_skip_who_should_be(database, team):
    admin, _, worker = team
    set_fee_rates(database, admin)
    activity = add_paid_activity(database, minutes=100)
    came = add_claimant(database, "Zoë", "Okafor-Smith")
    declines = add_claimant(database, "Łukasz", "Wiśniewski", method=PaymentMethod.DECLINES)
    for person in (came, declines):
        mark_attended(database, activity, person)

    with database.session_scope() as session:
        preview = preview_claims(session, activity, FeeUnit.HOUR)
    assert [(p.name, p.quantity_hundredths, p.amount_pence, p.why_not) for p in preview.people] == [
        ("Zoë Okafor-Smith", 167, 41_75, ""),
        ("Łukasz Wiśniewski", 167, 41_75, "Has chosen not to be paid"),
    ]
    with database.session_scope() as session:
        [claim_id] = make_claims_from_attendance(session, worker, activity, FeeUnit.HOUR)
    with database.session_scope() as session:
        again = preview_claims(session, activity, FeeUnit.SESSION)
        record = load_claim(session, claim_id)
    assert again.people[0].why_not == "Already has a claim for this activity"
    assert record.details.lines[0].activity_id == activity
    assert record.details.total_pence == 41_75


def test_a_missing_rate_for_the_activity_date_is_said_plainly(database, team):
    set_fee_rates(database, team[0], {"hour": 25_00})
    activity = add_paid_activity(database, held_on=date(2026, 3, 3))
    with database.session_scope() as session, pytest.raises(NoRateForActivity) as refused:
        preview_claims(session, activity, FeeUnit.DAY)
    assert "3 March 2026 has no rate per day" in refused.value.message


def test_deleting_a_person_keeps_their_claims_in_the_books_and_a_merge_moves_them(database, team):
    from involve_desktop.services.people_lifecycle import delete_person, linked_records
    from involve_desktop.services.people_merge import merge_people

    admin, _, worker = team
    kept = add_claimant(database, "Zoë", "Okafor-Smith")
    duplicate = add_claimant(database, "Zoe", "Okafor Smith")
    leaving = add_claimant(database, "Łukasz", "Wiśniewski")
    moved = add_claim(database, worker, duplicate, fee(100))
    stays = add_claim(database, worker, leaving, fee(200))

    with database.session_scope() as session:
        [claims] = [count for count in linked_records(session, leaving) if count.label == "claim"]
        assert claims.kept
        merge_people(session, admin, keep_id=kept, merge_id=duplicate, today=TODAY)
        delete_person(session, admin, leaving)
    with database.session_scope() as session:
        assert session.get(Claim, moved).person_id == kept
        assert session.get(Claim, stays).person_id is None
        assert load_claim(session, stays).person_name == "A person since deleted"
        assert session.get(Claim, stays).fees_pence == 50_00


def test_an_expense_over_the_most_the_policy_allows_per_line_is_not_submitted(database, team):
    from dataclasses import replace as replaced

    from involve_desktop.domain.claims import LineKind, Rate
    from involve_desktop.services.payment_policy import load_policy, policy_id_on, save_policy

    admin, _, worker = team
    with database.session_scope() as session:
        policy_id = policy_id_on(session, TODAY)
        policy = load_policy(session, policy_id)
        rates = tuple(
            Rate(LineKind.EXPENSE, "Subsistence", 8_00) if rate.name == "Subsistence" else rate
            for rate in policy.rates
        )
        save_policy(session, admin, replaced(policy, rates=rates), policy_id)
    claim_id = add_claim(database, worker, add_claimant(database), expense(9_50, "Subsistence"))
    with database.session_scope() as session, pytest.raises(ValidationFailed) as refused:
        submit_claim(session, worker, claim_id)
    assert refused.value.errors["line 1 receipt"] == (
        "Line 1: Subsistence of £9.50 is more than the payment policy allows on one line (£8.00)."
    )


def test_the_two_person_rule_holds_whoever_typed_the_amounts_and_whatever_changed(database, team):
    from involve_desktop.services.claim_workflow import ClaimChanged, return_to_draft

    admin, approver, worker = team
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(200))
    # The approver changes a colleague's draft: they may no longer approve it.
    with database.session_scope() as session:
        details = load_claim(session, claim_id).details
        save_draft(
            session, approver, ClaimDetails(**{**details.__dict__, "lines": (fee(4000),)}), claim_id
        )
        submit_claim(session, worker, claim_id)
    with database.session_scope() as session, pytest.raises(NotAllowed, match="changed"):
        approve_claim(session, approver, claim_id)

    # An approval names the version seen: a claim changed since is shown again first.
    with database.session_scope() as session:
        seen = load_claim(session, claim_id).updated_at
        return_to_draft(session, worker, claim_id)
        save_draft(session, worker, load_claim(session, claim_id).details, claim_id)
        submit_claim(session, worker, claim_id)
    with database.session_scope() as session, pytest.raises(ClaimChanged):
        approve_claim(session, admin, claim_id, seen_version=seen)
    with database.session_scope() as session:
        approve_claim(
            session, admin, claim_id, seen_version=load_claim(session, claim_id).updated_at
        )


def test_a_claim_goes_against_a_budget_of_its_own_year(database, team):
    admin, _, worker = team
    next_year = add_budget(database, admin, 100_00, name="Involvement", day=date(2027, 4, 1))
    with pytest.raises(ValidationFailed) as refused:
        add_claim(database, worker, add_claimant(database), fee(100), budget_id=next_year)
    assert refused.value.errors["budget"] == (
        "The work is in 2026/27, but “Involvement” is a 2027/28 budget. Please choose one of "
        "2026/27."
    )


def test_a_draft_at_old_rates_is_not_submitted_after_a_backdated_rise(database, team):
    from dataclasses import replace as replaced

    from involve_desktop.domain.claims import LineKind, Rate
    from involve_desktop.services.payment_policy import load_policy, policy_id_on, save_policy

    admin, _, worker = team
    claim_id = add_claim(database, worker, add_claimant(database), fee(100))  # at £25.00
    with database.session_scope() as session:
        policy = load_policy(session, policy_id_on(session, TODAY))
        rates = tuple(
            Rate(LineKind.FEE, "hour", 30_00) if rate.name == "hour" else rate
            for rate in policy.rates
        )
        save_policy(session, admin, replaced(policy, effective_from=date(2026, 11, 1), rates=rates))
    with database.session_scope() as session, pytest.raises(ValidationFailed) as refused:
        submit_claim(session, worker, claim_id)
    assert refused.value.errors["line 1 rate"] == (
        "Line 1: the rate in force on 26 November 2026 is £30.00, not £25.00. Choose what it "
        "is for again to take it."
    )


def test_a_person_owed_money_is_not_deleted(database, team):
    from involve_desktop.services.people_lifecycle import delete_person

    admin, _, worker = team
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(100))
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    with database.session_scope() as session, pytest.raises(KnownError, match="waiting for"):
        delete_person(session, admin, person)
    with database.session_scope() as session:
        assert session.get(Claim, claim_id).person_id == person


def test_a_receipt_of_another_claim_cannot_be_taken_by_a_draft(database, team, tmp_path: Path):
    worker = team[2]
    photo = tmp_path / "parking.png"
    photo.write_bytes(PNG)
    person = add_claimant(database)
    first = add_claim(
        database, worker, person, expense(12_00, receipts=(read_receipt_file(photo),))
    )
    with database.session_scope() as session:
        [kept] = load_claim(session, first).details.lines[0].receipts
    second = add_claim(database, worker, person, expense(12_00, receipts=(kept,)))
    with database.session_scope() as session:
        assert load_claim(session, first).details.lines[0].receipts == (kept,)
        assert load_claim(session, second).details.lines[0].receipts == ()


def test_whoever_once_changed_a_claim_may_not_approve_it_even_after_others_did(database, team):
    _, approver, worker = team
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(100))
    with database.session_scope() as session:
        details = load_claim(session, claim_id).details
        save_draft(session, approver, replace(details, lines=(fee(1000),)), claim_id)
    with database.session_scope() as session:  # the maker only touches the notes after
        details = load_claim(session, claim_id).details
        save_draft(session, worker, replace(details, notes="Checked."), claim_id)
        submit_claim(session, worker, claim_id)
    with database.session_scope() as session, pytest.raises(NotAllowed, match="changed"):
        approve_claim(session, approver, claim_id)


def test_a_correction_takes_back_no_more_than_was_paid_and_only_at_rates_used(database, team):
    admin, approver, worker = team
    person = add_claimant(database)
    claim_id = add_claim(database, worker, person, fee(100))  # £25.00
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
        approve_claim(session, approver, claim_id)
        make_payment_run(session, admin, [claim_id], TODAY)
        correction = make_adjusting_claim(session, worker, claim_id, today=TODAY)

    def correct(*lines) -> None:
        with database.session_scope() as session:
            details = load_claim(session, correction).details
            save_draft(session, worker, replace(details, lines=lines), correction)

    correct(fee(-200))  # takes back £50.00 of £25.00
    with database.session_scope() as session, pytest.raises(ValidationFailed) as refused:
        submit_claim(session, worker, correction)
    assert refused.value.errors["lines"] == (
        f"This correction takes back £50.00, but only £25.00 of claim {claim_id} is left to "
        "take back after its other corrections."
    )
    correct(fee(100, pence=900_00), fee(-100))
    with database.session_scope() as session, pytest.raises(ValidationFailed) as refused:
        submit_claim(session, worker, correction)
    assert (
        "the rate in force on 26 November 2026 is £25.00, not £900.00"
        in (refused.value.errors["line 1 rate"])
    )
    correct(fee(-50))
    with database.session_scope() as session:
        submit_claim(session, worker, correction)
        assert session.get(Claim, correction).fees_pence == -12_50


def test_an_expense_the_policy_does_not_list_is_not_submitted(database, team):
    worker = team[2]
    claim_id = add_claim(database, worker, add_claimant(database), expense(3_00, "Holiday"))
    with database.session_scope() as session, pytest.raises(ValidationFailed) as refused:
        submit_claim(session, worker, claim_id)
    assert (
        "does not list “Holiday” as something that can be claimed"
        in (refused.value.errors["line 1 rate"])
    )


def test_a_line_whose_activity_was_deleted_meanwhile_is_said_at_the_line(database, team):
    from involve_desktop.services.activities import delete_activity

    admin, _, worker = team
    activity = add_paid_activity(database)
    claim_id = add_claim(database, worker, add_claimant(database), fee(100, activity_id=activity))
    with database.session_scope() as session:
        details = load_claim(session, claim_id).details
        delete_activity(session, admin, activity)
    with database.session_scope() as session, pytest.raises(ValidationFailed) as refused:
        save_draft(session, worker, replace(details, notes="x"), claim_id)
    assert "its activity has been deleted" in refused.value.errors["line 1 activity"]


def test_moving_the_year_start_keeps_each_budget_with_its_year(database, team):
    from involve_desktop.domain.financial_year import YearStart
    from involve_desktop.services.organisation import load_organisation, save_organisation

    admin, _, worker = team
    budget_id = add_budget(database, admin, 100_00)
    with database.session_scope() as session:
        details = load_organisation(session)
        save_organisation(session, replace(details, year_start=YearStart(4, 6)))
    claim_id = add_claim(database, worker, add_claimant(database), fee(100), budget_id=budget_id)
    with database.session_scope() as session:
        assert session.get(Claim, claim_id).budget_id == budget_id


def test_the_first_policy_version_keeps_its_date(database, team):
    from involve_desktop.services.payment_policy import load_policy, policy_id_on, save_policy

    admin = team[0]
    with database.session_scope() as session:
        first = policy_id_on(session, date(2001, 1, 1))
        policy = load_policy(session, first)
        with pytest.raises(ValidationFailed) as refused:
            save_policy(session, admin, replace(policy, effective_from=date(2027, 1, 1)), first)
    assert "its date stays" in refused.value.errors["effective_from"]


def test_the_last_approver_or_payer_is_not_taken_off_by_a_role_change(database, team):
    from involve_desktop.domain.roles import Role
    from involve_desktop.services.payment_policy import set_claim_duties
    from involve_desktop.services.staff import change_role

    admin, approver, _ = team
    with database.session_scope() as session:
        set_claim_duties(session, admin, approvers={approver.staff_id}, payers={admin.staff_id})
    with (
        database.session_scope() as session,
        pytest.raises(KnownError, match="only one who approves"),
    ):
        change_role(session, admin, approver.staff_id, Role.STAFF)
