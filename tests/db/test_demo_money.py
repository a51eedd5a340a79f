"""The demo charity's money: rates and their rise, budgets (one held by a group), and claims at
every step that add up and follow the charity's own rules."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from involve_desktop.db.models import Person, Staff
from involve_desktop.db.money_models import (
    Budget,
    BudgetDecision,
    BudgetHolder,
    BudgetSpend,
    Claim,
    ClaimLine,
    ClaimReceipt,
    PaymentRun,
)
from involve_desktop.domain.claims import ClaimStatus, LineKind, submit_problems
from involve_desktop.domain.money import line_amount
from involve_desktop.domain.roles import Role
from involve_desktop.services.budgets import budget_figures
from involve_desktop.services.claims import load_claim
from involve_desktop.services.demo import build_demo
from involve_desktop.services.payment_policy import policy_on, policy_versions

TODAY = date(2026, 11, 26)


@pytest.fixture
def demo(database):
    with database.session_scope() as session:
        session.add(Staff(name="Demo Administrator", role=Role.ADMINISTRATOR.value))
        session.flush()
        summary = build_demo(session, people=200, seed=5, today=TODAY)
    return summary


def test_claims_reach_every_step_and_each_adds_up_from_its_lines(database, demo):
    with database.session_scope() as session:
        statuses = Counter(session.scalars(select(Claim.status)))
        assert set(statuses) == {status.value for status in ClaimStatus}
        assert sum(statuses.values()) == demo.claims > 50
        for claim in session.scalars(select(Claim)):
            record = load_claim(session, claim.id)
            assert (claim.fees_pence, claim.expenses_pence) == (
                record.details.fees_pence,
                record.details.expenses_pence,
            )
            assert claim.work_date == record.details.work_date
            if claim.status != ClaimStatus.DRAFT.value:
                policies = {
                    index: policy_on(session, line.line_date)[1]
                    for index, line in enumerate(record.details.lines)
                }
                assert submit_problems(record.details, policies) == {}, claim.id
        for quantity, unit, amount in session.execute(
            select(ClaimLine.quantity_hundredths, ClaimLine.unit_pence, ClaimLine.amount_pence)
        ):
            assert amount == line_amount(quantity, unit)
        miles = session.scalars(
            select(ClaimLine.quantity_hundredths).where(ClaimLine.kind == LineKind.MILEAGE.value)
        ).all()
        assert miles and all(quantity % 10 == 0 for quantity in miles)
        assert any(quantity % 100 for quantity in miles)  # some in tenths of a mile
        assert session.scalar(select(func.count()).select_from(ClaimReceipt)) >= 1


def test_each_step_is_dated_in_order_by_the_demo_staff_and_paid_claims_are_in_runs(database, demo):
    with database.session_scope() as session:
        admin = session.scalar(select(Staff))
        assert admin.designated_approver and admin.designated_payer
        for claim in session.scalars(select(Claim)):
            assert claim.created_by is None  # sent in by the people, so staff may approve
            status = ClaimStatus(claim.status)
            if status is ClaimStatus.DRAFT:
                assert claim.submitted_at is None
                continue
            assert claim.created_at <= claim.submitted_at
            assert claim.submitted_at.date() <= TODAY
            if status in (ClaimStatus.APPROVED, ClaimStatus.PAID):
                assert claim.approved_by == admin.id
                assert claim.submitted_at <= claim.approved_at
            if status is ClaimStatus.REJECTED:
                assert claim.rejection_reason and claim.rejected_by == admin.id
            if status is ClaimStatus.PAID:
                run = session.get(PaymentRun, claim.payment_run_id)
                assert run.paid_on == claim.paid_on < TODAY
                assert claim.approved_at.date() <= claim.paid_on


def test_fees_follow_the_rates_in_force_and_the_rise_is_ten_percent(database, demo):
    with database.session_scope() as session:
        newer, first = policy_versions(session)
        assert newer.used_by_claims and first.used_by_claims
        old_rates = {
            r.name: r.unit_pence for r in policy_on(session, first.effective_from)[1].rates
        }
        new_rates = {
            r.name: r.unit_pence for r in policy_on(session, newer.effective_from)[1].rates
        }
        assert old_rates["hour"] == 25_00 and new_rates["hour"] == 27_50
        assert new_rates["Car"] == old_rates["Car"] == 45
        for line_date, name, unit in session.execute(
            select(ClaimLine.line_date, ClaimLine.rate_name, ClaimLine.unit_pence).where(
                ClaimLine.kind == LineKind.FEE.value
            )
        ):
            rates = new_rates if line_date >= newer.effective_from else old_rates
            assert unit == rates[name]


def test_each_year_has_a_budget_and_one_held_by_a_group_with_decisions_and_spend(database, demo):
    with database.session_scope() as session:
        figures = budget_figures(session)
        years = {f.year_start for f in figures}
        assert len(years) >= 2
        for year in years:
            general, delegated = sorted(
                (f for f in figures if f.year_start == year), key=lambda f: f.delegated
            )
            assert not general.delegated and delegated.delegated
            assert general.allocated_pence > 0 and delegated.allocated_pence > 0
            holders = session.scalar(
                select(func.count()).where(BudgetHolder.budget_id == delegated.budget_id)
            )
            assert holders == 4
        assert session.scalar(select(func.count()).select_from(BudgetDecision)) >= 2
        assert session.scalar(select(func.count()).select_from(BudgetSpend)) >= 2
        group_claims = session.scalar(
            select(func.count(Claim.id))
            .join(Budget, Budget.id == Claim.budget_id)
            .where(Budget.delegated)
        )
        assert group_claims >= 1
        watched = session.scalar(
            select(func.count(func.distinct(Claim.person_id)))
            .join(Person, Person.id == Claim.person_id)
            .where(Person.benefits_affected == "yes")
        )
        assert watched >= 1


def test_the_same_seed_and_day_give_the_same_money(database, demo, tmp_path):
    from involve_desktop.db.engine import Database
    from involve_desktop.db.startup import prepare_database
    from tests.conftest import TEST_KEY

    def money(db: Database) -> list[tuple]:
        with db.session_scope() as session:
            return session.execute(
                select(
                    Claim.id,
                    Claim.person_id,
                    Claim.status,
                    Claim.fees_pence,
                    Claim.expenses_pence,
                    Claim.budget_id,
                ).order_by(Claim.id)
            ).all()

    other_path = tmp_path / "again.db"
    prepare_database(other_path, key=TEST_KEY)
    again = Database(other_path, key=TEST_KEY)
    with again.session_scope() as session:
        session.add(Staff(name="Demo Administrator", role=Role.ADMINISTRATOR.value))
        session.flush()
        build_demo(session, people=200, seed=5, today=TODAY)
    try:
        assert money(again) == money(database)
    finally:
        again.close()
