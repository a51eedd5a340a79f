"""Budgets and per-person totals always add up to the saved lines (hypothesis, on a real
database): random claims walked to random steps through the real services, corrections
below nothing included, then every figure checked against sums worked out here.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from involve_desktop.db.engine import Database
from involve_desktop.db.money_models import Claim, ClaimLine
from involve_desktop.db.startup import prepare_database
from involve_desktop.domain.claims import (
    COUNTED_STATUSES,
    ClaimDetails,
    ClaimStatus,
    LineKind,
    Rate,
    Receipt,
)
from involve_desktop.domain.claims import ClaimLine as Line
from involve_desktop.domain.financial_year import year_containing
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.budget_groups import SpendDetails, add_spend
from involve_desktop.services.budgets import budget_figures
from involve_desktop.services.claim_workflow import (
    approve_claim,
    make_adjusting_claim,
    make_payment_run,
    reject_claim,
    submit_claim,
)
from involve_desktop.services.claims import save_draft
from involve_desktop.services.money_totals import (
    everyone_year_totals,
    person_month_totals,
    person_week_totals,
    person_year_totals,
)
from involve_desktop.services.organisation import financial_year_start, save_organisation
from involve_desktop.services.payment_policy import load_policy, policy_id_on, save_policy
from tests.conftest import EXAMPLE_ORGANISATION, TEST_KEY
from tests.db.claim_helpers import TODAY, add_budget, add_claimant, money_team, set_fee_rates

FIRST_DAY = date(2025, 1, 1)  # lines fall in three financial years (April to March)
DAYS = 820
RECEIPT = Receipt("receipt.png", "image/png", 8, b"\x89PNG\r\n\x1a\n")
YEAR_STARTS = (date(2024, 4, 1), date(2025, 4, 1), date(2026, 4, 1))
# Every rate a line may use is a rate of the policy (a claim is submitted only at the
# policy's rates), named by its amount so that many rates can stand side by side.
FEE_PENCE = (25_00, 27_50, 40_00, 75_00, 150_00, 33)
MILE_PENCE = (45, 25, 24, 20)


@contextmanager
def fresh_database() -> Iterator[Database]:
    """A new database for each example: nothing left over from the one before."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "involve.db"
        prepare_database(path, key=TEST_KEY)
        database = Database(path, key=TEST_KEY)
        with database.session_scope() as session:
            save_organisation(session, EXAMPLE_ORGANISATION)
        try:
            yield database
        finally:
            database.close()


@dataclass(frozen=True)
class PlannedClaim:
    person: int  # which of the three people
    lines: tuple[Line, ...]
    budget: int | None  # which of the budgets, or none
    status: ClaimStatus
    correction: tuple[Line, ...] = ()  # for a paid claim: an adjusting claim's lines
    correction_status: ClaimStatus = ClaimStatus.DRAFT


@st.composite
def lines(draw, *, back: bool = False) -> Line:
    kind = draw(st.sampled_from(LineKind))
    day = FIRST_DAY + timedelta(days=draw(st.integers(0, DAYS)))
    sign = -1 if back else 1
    if kind is LineKind.FEE:
        # Up to 10 hours, in hundredths; from 0.02, so that every line is worth at least 1p
        # at the smallest rate (0.01 hour at 33p rounds to nothing, and a claim of £0.00
        # cannot be submitted) while the odd-pence rounding is still exercised.
        quantity = draw(st.integers(2, 1_000))
        rate = draw(st.sampled_from(FEE_PENCE))
        return Line(kind, f"hour at {rate}", sign * quantity, rate, day)
    if kind is LineKind.MILEAGE:
        tenths = draw(st.integers(1, 999))  # 0.1 to 99.9 miles
        rate = draw(st.sampled_from(MILE_PENCE))
        return Line(kind, f"car at {rate}", sign * tenths * 10, rate, day)
    pence = draw(st.integers(1, 200_00))
    return Line(kind, "Parking", sign * 100, pence, day, receipts=(RECEIPT,))


CORRECTION_STEPS = (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED)

planned_claims = st.builds(
    PlannedClaim,
    person=st.integers(0, 2),
    lines=st.lists(lines(), min_size=1, max_size=3).map(tuple),
    budget=st.one_of(st.none(), st.integers(0, 2)),
    status=st.sampled_from(ClaimStatus),
    correction=st.lists(lines(back=True), max_size=2).map(tuple),
    correction_status=st.sampled_from(CORRECTION_STEPS),
)


def walk(session, team, claim_id: int, status: ClaimStatus) -> None:  # type: ignore[no-untyped-def]
    """Take a draft to `status` the way staff would: submit, then approve or reject, then pay."""
    admin, approver, worker = team
    if status is ClaimStatus.DRAFT:
        return
    submit_claim(session, worker, claim_id)
    if status is ClaimStatus.REJECTED:
        reject_claim(session, approver, claim_id, "Claimed twice.")
    elif status in (ClaimStatus.APPROVED, ClaimStatus.PAID):
        approve_claim(session, approver, claim_id, over_budget_confirmed=True)
    if status is ClaimStatus.PAID:
        make_payment_run(session, admin, [claim_id], TODAY)


def make_claims(database: Database, plan: list[PlannedClaim], spend: list[int]):  # type: ignore[no-untyped-def]
    team = money_team(database)
    admin, _, worker = team
    people = [
        add_claimant(database, "Siân", "ap Gwilym"),
        add_claimant(database, "Zoë", "O'Brien"),
        add_claimant(database, "Łukasz", "Wiśniewski"),
    ]
    rates = {f"hour at {pence}": pence for pence in FEE_PENCE}
    set_fee_rates(database, admin, rates)
    with database.session_scope() as session:
        policy_id = policy_id_on(session, TODAY)
        policy = load_policy(session, policy_id)
        mileage = tuple(Rate(LineKind.MILEAGE, f"car at {p}", p) for p in MILE_PENCE)
        others = tuple(rate for rate in policy.rates if rate.kind is not LineKind.MILEAGE)
        save_policy(session, admin, replace(policy, rates=others + mileage), policy_id)
    budgets = [
        add_budget(database, admin, 500_00 * (index + 1), day=year)
        for index, year in enumerate(YEAR_STARTS)
    ]

    def budget_for(claim_lines: tuple[Line, ...]) -> int:
        """The budget of the year the work is in (a claim goes against its own year's)."""
        work_date = min(claim_line.line_date for claim_line in claim_lines)
        first, _ = year_containing(work_date, financial_year_start(session))
        return next(b.budget_id for b in budget_figures(session) if b.year_start == first)

    with database.session_scope() as session:
        for index, pence in enumerate(spend):
            year = YEAR_STARTS[index % len(budgets)]
            add_spend(
                session, admin, budgets[index % len(budgets)], SpendDetails(year, "Room", pence)
            )
        for claim in plan:
            budget_id = budget_for(claim.lines) if claim.budget is not None else None
            details = ClaimDetails(
                people[claim.person], "bank_transfer", claim.lines, budget_id=budget_id
            )
            claim_id = save_draft(session, worker, details, today=TODAY)
            walk(session, team, claim_id, claim.status)
            if claim.status is ClaimStatus.PAID and claim.correction:
                correction_id = make_adjusting_claim(session, worker, claim_id, today=TODAY)
                corrected = ClaimDetails(
                    people[claim.person],
                    "bank_transfer",
                    claim.correction,
                    budget_id=budget_for(claim.correction) if budget_id else None,
                    adjusts_claim_id=claim_id,
                )
                save_draft(session, worker, corrected, correction_id, today=TODAY)
                try:
                    walk(session, team, correction_id, claim.correction_status)
                except ValidationFailed as refused:
                    # Taking back more than is left is refused: the correction stays a draft.
                    assert "takes back" in refused.errors["lines"]
    return people


def saved_lines(session):  # type: ignore[no-untyped-def]
    """(person, claim, status, budget, kind, day, pence) for every saved line."""
    return session.execute(
        select(
            Claim.person_id,
            Claim.id.label("claim_id"),
            Claim.status,
            Claim.budget_id,
            ClaimLine.kind,
            ClaimLine.line_date,
            ClaimLine.amount_pence,
        ).join(ClaimLine, ClaimLine.claim_id == Claim.id)
    ).all()


def split(rows) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    fees = sum(row.amount_pence for row in rows if row.kind == LineKind.FEE.value)
    return fees, sum(row.amount_pence for row in rows) - fees


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    plan=st.lists(planned_claims, min_size=1, max_size=8),
    spend=st.lists(st.integers(1, 300_00), max_size=3),
)
def test_budgets_and_everyones_totals_add_up_to_the_saved_lines(plan, spend):
    with fresh_database() as database:
        people = make_claims(database, plan, spend)
        with database.session_scope() as session:
            start = financial_year_start(session)
            rows = saved_lines(session)
            check_each_claim_keeps_its_lines_sums(session, rows)
            check_budgets(session, rows, spend)
            counted = [r for r in rows if ClaimStatus(r.status) in COUNTED_STATUSES]
            for year_first in YEAR_STARTS:
                check_the_year(session, counted, year_first, start)
            for person_id in people:
                theirs = [r for r in counted if r.person_id == person_id]
                check_one_person(session, person_id, theirs, start)


def check_each_claim_keeps_its_lines_sums(session, rows) -> None:  # type: ignore[no-untyped-def]
    by_claim = defaultdict(list)
    for row in rows:
        by_claim[row.claim_id].append(row)
    for claim_id, claim_rows in by_claim.items():
        claim = session.get(Claim, claim_id)
        assert (claim.fees_pence, claim.expenses_pence) == split(claim_rows)


def check_budgets(session, rows, spend: list[int]) -> None:  # type: ignore[no-untyped-def]
    figures = budget_figures(session)
    assert len(figures) == len(YEAR_STARTS)
    spent = defaultdict(int)
    for index, pence in enumerate(spend):
        spent[YEAR_STARTS[index % len(YEAR_STARTS)]] += pence
    for budget in figures:
        mine = [row for row in rows if row.budget_id == budget.budget_id]
        approved = sum(r.amount_pence for r in mine if r.status == ClaimStatus.APPROVED.value)
        paid = sum(r.amount_pence for r in mine if r.status == ClaimStatus.PAID.value)
        assert budget.committed_pence == approved
        assert budget.paid_pence == paid + spent[budget.year_start]
        assert budget.remaining_pence == budget.allocated_pence - approved - budget.paid_pence


def check_the_year(session, counted, year_first: date, start) -> None:  # type: ignore[no-untyped-def]
    _, year_last = year_containing(year_first, start)
    in_year = [r for r in counted if year_first <= r.line_date <= year_last]
    expected = {}
    for person_id in {r.person_id for r in in_year}:
        theirs = [r for r in in_year if r.person_id == person_id]
        expected[person_id] = (*split(theirs), len({r.claim_id for r in theirs}))
    shown = {
        total.person_id: (total.fees_pence, total.expenses_pence, total.claims)
        for total in everyone_year_totals(session, year_first)
    }
    assert shown == expected


def check_one_person(session, person_id: int, counted, start) -> None:  # type: ignore[no-untyped-def]
    years = person_year_totals(session, person_id)
    by_year = defaultdict(list)
    for row in counted:
        by_year[year_containing(row.line_date, start)[0]].append(row)
    expected = {first: split(rows) for first, rows in by_year.items() if any(split(rows))}
    assert {year.first: (year.fees_pence, year.expenses_pence) for year in years} == expected
    for year in years:
        months = person_month_totals(session, person_id, year.first)
        weeks = person_week_totals(session, person_id, year.first)
        for periods in (months, weeks):
            assert sum(p.fees_pence for p in periods) == year.fees_pence
            assert sum(p.expenses_pence for p in periods) == year.expenses_pence
            for period in periods:
                inside = [
                    r for r in by_year[year.first] if period.first <= r.line_date <= period.last
                ]
                assert (period.fees_pence, period.expenses_pence) == split(inside)
