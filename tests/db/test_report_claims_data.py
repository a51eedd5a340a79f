"""What the claim form and the payment statement are given, on a real database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from involve_desktop.db.models import Person
from involve_desktop.domain.claims import ClaimLine, ClaimStatus, LineKind, Rate, Receipt
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.errors import KnownError
from involve_desktop.services.claim_workflow import (
    approve_claim,
    make_payment_run,
    reject_claim,
    submit_claim,
)
from involve_desktop.services.money_totals import period_total
from involve_desktop.services.payment_policy import load_policy, policy_id_on, save_policy
from involve_desktop.services.report_claims import (
    PriceRate,
    blank_claim_form,
    filled_claim_form,
    payment_statement,
)
from tests.db.claim_helpers import (
    TODAY,
    add_claim,
    add_claimant,
    add_paid_activity,
    expense,
    fee,
    money_team,
    submitted,
)

PDF_RECEIPT = Receipt("bus ticket.pdf", "application/pdf", 9, b"%PDF-1.4\n")


def mileage(miles_hundredths: int, day: date = TODAY) -> ClaimLine:
    return ClaimLine(LineKind.MILEAGE, "Car", miles_hundredths, 45, day)


def paid(database, admin, claim_id: int, on: date = TODAY) -> None:
    with database.session_scope() as session:
        approve_claim(session, admin, claim_id)
        make_payment_run(session, admin, [claim_id], on, today=TODAY)


def test_the_blank_form_carries_the_rates_in_force_on_its_day(database):
    admin, _, _ = money_team(database)
    with database.session_scope() as session:
        first = load_policy(session, policy_id_on(session, TODAY))
        later = replace(
            first,
            effective_from=date(2027, 1, 1),
            rates=(
                Rate(LineKind.FEE, "hour", 30_00),
                Rate(LineKind.MILEAGE, "Car", 45),
                Rate(LineKind.EXPENSE, "Fares", None),
                Rate(LineKind.EXPENSE, "Childcare", 40_00),
            ),
            receipt_over_pence=5_00,
        )
        save_policy(session, admin, later)

    with database.session_scope() as session:
        now = blank_claim_form(session, TODAY)
        then = blank_claim_form(session, date(2027, 1, 1))
    assert now.rates is not None and then.rates is not None
    assert PriceRate("hour", 25_00) in now.rates.fee_rates
    assert PriceRate("Car", 45) in now.rates.mileage_rates
    assert now.rates.receipt_over_pence == 10_00
    assert then.rates.fee_rates == (PriceRate("hour", 30_00),)
    assert then.rates.expenses == (PriceRate("Fares", None), PriceRate("Childcare", 40_00))
    assert then.rates.receipt_over_pence == 5_00 and then.rates.effective_from == date(2027, 1, 1)
    assert "Bank transfer" in now.payment_choices and len(now.payment_choices) == 4
    assert now.terms.singular == "expert by experience"  # the test charity's word


def test_a_filled_form_shows_the_claim_its_rates_and_who_approved_and_paid(database):
    admin, _, worker = money_team(database)
    person = add_claimant(database, "Łukasz", "Wiśniewski", method=PaymentMethod.CHEQUE)
    with database.session_scope() as session:
        session.get(Person, person).address = "1 High Street\nCardiff"
    activity = add_paid_activity(database, "Interview panel")
    claim_id = add_claim(
        database,
        worker,
        person,
        fee(150, activity_id=activity),
        mileage(1230),
        expense(4_50, "Fares", receipts=(PDF_RECEIPT,)),
        method=PaymentMethod.CHEQUE,
    )
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    paid(database, admin, claim_id)

    with database.session_scope() as session:
        form = filled_claim_form(session, claim_id)
    assert form.person_name == "Łukasz Wiśniewski"
    assert form.cheque_address == "1 High Street\nCardiff"
    assert form.payment_choice.startswith("Cheque") and form.status is ClaimStatus.PAID
    assert [(line.what_for, line.amount_pence) for line in form.lines] == [
        ("Interview panel", 37_50),
        ("Mileage (car)", 5_54),  # 12.3 miles at 45p, halves rounded up
        ("Fares", 4_50),
    ]
    assert form.lines[2].receipts == ("bus ticket.pdf",)
    assert (form.fees_pence, form.expenses_pence, form.total_pence) == (37_50, 10_04, 47_54)
    approved = form.step("Approved")
    assert approved is not None and approved.who == "Priya Shah" and approved.on == TODAY
    assert form.step("Paid") is not None and form.step("Made") is None
    assert form.rates is not None and PriceRate("hour", 25_00) in form.rates.fee_rates


def test_a_bank_transfer_form_prints_no_address(database):
    _, _, worker = money_team(database)
    person = add_claimant(database)
    with database.session_scope() as session:
        session.get(Person, person).address = "2 Castle Road"
    claim_id = add_claim(database, worker, person, fee(100))
    with database.session_scope() as session:
        form = filled_claim_form(session, claim_id)
    assert form.cheque_address == "" and form.status is ClaimStatus.DRAFT


def test_the_statement_adds_up_as_money_totals_does_and_holds_only_this_persons_claims(database):
    admin, _, worker = money_team(database)
    person = add_claimant(database, "Siân", "ap Gwilym")
    other = add_claimant(database, "Zoë", "Okafor-Smith")
    first, last = date(2026, 4, 1), date(2026, 9, 30)
    early = submitted(database, worker, person, fee(200, day=date(2026, 4, 6)))
    paid(database, admin, early, date(2026, 5, 1))
    # A claim running past the period's end: only the part inside counts.
    across = submitted(
        database,
        worker,
        person,
        fee(100, day=date(2026, 9, 30)),
        expense(3_00, day=date(2026, 9, 30)),
        fee(400, day=date(2026, 10, 1)),
    )
    add_claim(database, worker, person, fee(900, day=date(2026, 5, 5)))  # a draft
    refused = submitted(database, worker, person, fee(300, day=date(2026, 6, 1)))
    with database.session_scope() as session:
        reject_claim(session, admin, refused, "Claimed twice.")
    submitted(database, worker, person, fee(100, day=date(2026, 3, 31)))  # before the period
    theirs = submitted(database, worker, other, fee(800, day=date(2026, 5, 5)))

    with database.session_scope() as session:
        statement = payment_statement(session, person, first, last)
        totals = period_total(session, person, first, last)
    assert [claim.claim_id for claim in statement.claims] == [early, across]
    assert theirs not in {claim.claim_id for claim in statement.claims}
    assert (statement.fees_pence, statement.expenses_pence) == (
        totals.fees_pence,
        totals.expenses_pence,
    )
    assert (statement.fees_pence, statement.expenses_pence) == (75_00, 3_00)
    assert sum(claim.fees_pence for claim in statement.claims) == statement.fees_pence
    assert (statement.paid_fees_pence, statement.waiting_fees_pence) == (50_00, 25_00)
    assert statement.waiting_expenses_pence == 3_00
    assert statement.claims[0].paid_on == date(2026, 5, 1)
    assert statement.claims[1].partly_outside and not statement.claims[0].partly_outside
    assert statement.person_name == "Siân ap Gwilym"


def test_a_statement_for_a_backwards_period_or_nobody_says_so(database):
    person = add_claimant(database)
    with database.session_scope() as session:
        with pytest.raises(KnownError, match="ends before it starts"):
            payment_statement(session, person, date(2026, 5, 1), date(2026, 4, 1))
        with pytest.raises(KnownError, match="no longer in the records"):
            payment_statement(session, person + 99, date(2026, 4, 1), date(2026, 5, 1))
