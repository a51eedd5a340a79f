"""Budgets on a real database: the year's figures with claims at every step and other spend,
and a budget handed to a group (who holds it, what they decided and spent, its statement)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.money import line_amount
from involve_desktop.domain.roles import Role
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.budget_groups import (
    ClaimTotals,
    DecisionDetails,
    SpendDetails,
    add_decision,
    add_spend,
    change_decision,
    change_spend,
    decisions,
    delete_decision,
    delete_spend,
    holders,
    set_holders,
    spending,
    statement_data,
)
from involve_desktop.services.budgets import (
    BudgetDetails,
    budget_figures,
    delete_budget,
    figures_for,
    save_budget,
)
from involve_desktop.services.claim_workflow import (
    approve_claim,
    make_payment_run,
    reject_claim,
    submit_claim,
)
from involve_desktop.services.permissions import NotAllowed
from tests.db.claim_helpers import (
    FEE_RATES,
    TODAY,
    add_budget,
    add_claim,
    add_claimant,
    expense,
    fee,
    money_team,
)
from tests.db.register_helpers import staff_member

YEAR_START = date(2026, 4, 1)  # the example organisation's year runs from 1 April


@pytest.fixture
def team(database):
    return money_team(database)


def claim_at(database, team, person: int, step: ClaimStatus, *lines, budget_id: int) -> int:
    """A claim walked through the real workflow to `step`."""
    admin, approver, worker = team
    claim_id = add_claim(database, worker, person, *lines, budget_id=budget_id)
    with database.session_scope() as session:
        if step is not ClaimStatus.DRAFT:
            submit_claim(session, worker, claim_id)
        if step in (ClaimStatus.APPROVED, ClaimStatus.PAID):
            approve_claim(session, approver, claim_id, over_budget_confirmed=True)
        if step is ClaimStatus.PAID:
            make_payment_run(session, admin, [claim_id], TODAY)
        if step is ClaimStatus.REJECTED:
            reject_claim(session, approver, claim_id, "Not our activity.")
    return claim_id


def group_budget(database, admin, pence: int = 500_00, name: str = "Care leavers' project") -> int:
    with database.session_scope() as session:
        return save_budget(
            session,
            admin,
            BudgetDetails(TODAY, name, pence, delegated=True, project="A film about leaving care"),
        )


def budget_audits(database, budget_id: int) -> list[str]:
    with database.session_scope() as session:
        return list(
            session.scalars(
                select(AuditEvent.action).where(
                    AuditEvent.subject_kind == "budget", AuditEvent.subject_id == budget_id
                )
            )
        )


def test_figures_count_approved_as_committed_and_paid_with_other_spend(database, team):
    admin, _, worker = team
    budget_id = add_budget(database, admin, 1_000_00)
    person = add_claimant(database)
    # Hours at the policy's £25.00 an hour: £10, £20, £40, £80 and £90.
    for step, hours in (
        (ClaimStatus.DRAFT, 40),
        (ClaimStatus.SUBMITTED, 80),
        (ClaimStatus.APPROVED, 160),
        (ClaimStatus.PAID, 320),
        (ClaimStatus.REJECTED, 360),
    ):
        claim_at(database, team, person, step, fee(hours), budget_id=budget_id)
    claim_at(database, team, person, ClaimStatus.APPROVED, expense(3_50), budget_id=budget_id)
    with database.session_scope() as session:
        add_spend(session, worker, budget_id, SpendDetails(TODAY, "Room hire", 60_00))
        figures = figures_for(session, budget_id)
    assert figures.committed_pence == 40_00 + 3_50  # approved, not yet paid
    assert figures.paid_pence == 80_00 + 60_00  # paid claims and the room
    assert figures.remaining_pence == 1_000_00 - 43_50 - 140_00


def test_a_budget_can_go_over_and_the_year_lists_only_its_own(database, team):
    admin, _, _ = team
    small = add_budget(database, admin, 10_00, "Small")
    add_budget(database, admin, 5_00, "Last year", day=date(2025, 6, 1))
    claim_at(database, team, add_claimant(database), ClaimStatus.PAID, fee(100), budget_id=small)
    with database.session_scope() as session:
        this_year = budget_figures(session, YEAR_START)
    assert [(f.name, f.remaining_pence) for f in this_year] == [("Small", 10_00 - 25_00)]


def test_a_budget_with_claims_or_spend_cannot_be_deleted_but_an_unused_one_can(database, team):
    admin, _, worker = team
    used = add_budget(database, admin, 100_00, "Used")
    spent = add_budget(database, admin, 100_00, "Spent")
    unused = add_budget(database, admin, 100_00, "Unused")
    add_claim(database, worker, add_claimant(database), fee(100), budget_id=used)
    with database.session_scope() as session:
        add_spend(session, worker, spent, SpendDetails(TODAY, "Printing", 12_00))
    for budget_id in (used, spent):
        with (
            pytest.raises(KnownError, match="stays: the year's accounts need it"),
            database.session_scope() as session,
        ):
            delete_budget(session, admin, budget_id)
    with database.session_scope() as session:
        delete_budget(session, admin, unused)
        assert [f.name for f in budget_figures(session)] == ["Spent", "Used"]


def test_only_those_who_set_the_payment_policy_change_budgets(database, team):
    _, approver, worker = team
    for actor in (approver, worker):
        with pytest.raises(NotAllowed), database.session_scope() as session:
            save_budget(session, actor, BudgetDetails(TODAY, "Involvement", 100_00))


def test_the_group_is_people_from_the_register_and_its_record_is_kept_by_any_staff(database, team):
    admin, _, worker = team
    budget_id = group_budget(database, admin)
    sian = add_claimant(database, "Siân", "ap Gwilym")
    lukasz = add_claimant(database, "Łukasz", "Wiśniewski")
    with database.session_scope() as session:
        set_holders(session, worker, budget_id, [sian, lukasz])
        assert [holder.name for holder in holders(session, budget_id)] == [
            "Siân ap Gwilym",
            "Łukasz Wiśniewski",
        ]
        set_holders(session, worker, budget_id, [lukasz])
        assert [holder.person_id for holder in holders(session, budget_id)] == [lukasz]

        first = add_decision(
            session,
            worker,
            budget_id,
            DecisionDetails(date(2026, 5, 2), "Hire the community hall for filming", 120_00),
        )
        later = add_decision(
            session, worker, budget_id, DecisionDetails(date(2026, 6, 9), "Screen it in June")
        )
        change_decision(
            session, worker, later, DecisionDetails(date(2026, 6, 9), "Screen it in July")
        )
        assert [
            (d.decision, d.amount_pence, d.recorded_by) for d in decisions(session, budget_id)
        ] == [
            ("Hire the community hall for filming", 120_00, "Tom Reed"),
            ("Screen it in July", None, "Tom Reed"),
        ]
        delete_decision(session, worker, first)

        hall = add_spend(session, worker, budget_id, SpendDetails(TODAY, "Hall", 100_00))
        change_spend(session, worker, hall, SpendDetails(TODAY, "Community hall", 90_00))
        snacks = add_spend(session, worker, budget_id, SpendDetails(TODAY, "Snacks", 15_00))
        delete_spend(session, worker, snacks)
        assert [(s.description, s.amount_pence) for s in spending(session, budget_id)] == [
            ("Community hall", 90_00)
        ]
        assert [d.decision for d in decisions(session, budget_id)] == ["Screen it in July"]
    # Every change is in the trail: the budget made, 2 group changes, 4 decision and 4 spend.
    assert budget_audits(database, budget_id) == [AuditAction.CHANGED_BUDGET] * 11


def test_bad_decisions_and_spend_are_refused_at_their_fields(database, team):
    admin, _, worker = team
    budget_id = group_budget(database, admin)
    with database.session_scope() as session:
        with pytest.raises(ValidationFailed) as refused:
            add_decision(session, worker, budget_id, DecisionDetails(None, "  ", -5))
        assert set(refused.value.errors) == {"decided_on", "decision", "amount"}
        with pytest.raises(ValidationFailed) as refused:
            add_spend(session, worker, budget_id, SpendDetails(date(2025, 3, 31), "", 0))
        assert set(refused.value.errors) == {"spent_on", "description", "amount"}
        assert "1 April 2026 to 31 March 2027" in refused.value.errors["spent_on"]
        assert spending(session, budget_id) == [] and decisions(session, budget_id) == []


def test_a_budget_not_handed_to_a_group_has_no_group_or_decisions(database, team):
    admin, _, worker = team
    budget_id = add_budget(database, admin, 100_00)
    with database.session_scope() as session:
        with pytest.raises(KnownError, match="is not handed to a group"):
            set_holders(session, worker, budget_id, [add_claimant(database)])
        with pytest.raises(KnownError, match="is not handed to a group"):
            add_decision(session, worker, budget_id, DecisionDetails(TODAY, "Anything"))


def test_the_statement_has_the_groups_figures_claim_totals_spend_and_decisions(database, team):
    admin, _, worker = team
    budget_id = group_budget(database, admin, 300_00)
    sian = add_claimant(database, "Siân", "ap Gwilym")
    zoe = add_claimant(database, "Zoë", "Okafor-Smith")
    claim_at(database, team, sian, ClaimStatus.PAID, fee(200), budget_id=budget_id)
    claim_at(database, team, zoe, ClaimStatus.PAID, fee(100), expense(3_20), budget_id=budget_id)
    claim_at(database, team, zoe, ClaimStatus.APPROVED, fee(100), budget_id=budget_id)
    claim_at(database, team, zoe, ClaimStatus.SUBMITTED, expense(6_00), budget_id=budget_id)
    claim_at(database, team, zoe, ClaimStatus.REJECTED, fee(100), budget_id=budget_id)
    claim_at(database, team, zoe, ClaimStatus.DRAFT, fee(100), budget_id=budget_id)
    with database.session_scope() as session:
        set_holders(session, worker, budget_id, [sian, zoe])
        add_spend(session, worker, budget_id, SpendDetails(TODAY, "Camera hire", 40_00))
        add_decision(session, worker, budget_id, DecisionDetails(TODAY, "Make a film"))
        statement = statement_data(session, budget_id)
        figures = figures_for(session, budget_id)

    assert statement.organisation_name == "Greenfield Carers Network"
    assert (statement.budget_name, statement.year_label) == ("Care leavers' project", "2026/27")
    assert statement.project == "A film about leaving care"
    assert statement.holders == ("Siân ap Gwilym", "Zoë Okafor-Smith")
    # Claims are added up by step, with no names: what each person is paid is theirs.
    assert statement.paid_claims == ClaimTotals(2, 75_00, 3_20)
    assert statement.approved_claims == ClaimTotals(1, 25_00, 0)
    assert statement.waiting_claims == ClaimTotals(1, 0, 6_00)
    assert (statement.committed_pence, statement.paid_pence) == (25_00, 78_20 + 40_00)
    assert statement.paid_claims.total_pence == statement.paid_pence - statement.other_spend_pence
    assert statement.remaining_pence == figures.remaining_pence == 300_00 - 143_20
    assert (statement.other_spend_pence, statement.waiting_pence) == (40_00, 6_00)
    assert [d.decision for d in statement.decisions] == ["Make a film"]


def test_a_holder_deleted_from_the_register_leaves_the_group_and_the_budget_stays(database, team):
    from involve_desktop.services.people_lifecycle import delete_person

    admin, _, worker = team
    budget_id = group_budget(database, admin)
    leaving = add_claimant(database, "Łukasz", "Wiśniewski")
    staying = add_claimant(database, "Siân", "ap Gwilym")
    claim_at(database, team, leaving, ClaimStatus.PAID, fee(100), budget_id=budget_id)
    with database.session_scope() as session:
        set_holders(session, worker, budget_id, [leaving, staying])
        add_spend(session, worker, budget_id, SpendDetails(TODAY, "Room hire", 30_00))
    with database.session_scope() as session:
        delete_person(session, admin, leaving)
    with database.session_scope() as session:
        assert [holder.name for holder in holders(session, budget_id)] == ["Siân ap Gwilym"]
        assert [s.description for s in spending(session, budget_id)] == ["Room hire"]
        statement = statement_data(session, budget_id)
        assert statement.paid_pence == 25_00 + 30_00
        assert statement.paid_claims == ClaimTotals(1, 25_00, 0)


def test_someone_who_may_not_change_budgets_can_still_keep_the_groups_record(database, team):
    admin, _, _ = team
    budget_id = group_budget(database, admin)
    helper = staff_member(database, Role.STAFF, "Jo Evans")
    with database.session_scope() as session:
        add_decision(session, helper, budget_id, DecisionDetails(TODAY, "Buy paint", 20_00))
        assert decisions(session, budget_id)[0].recorded_by == "Jo Evans"


def test_deleting_an_unused_group_budget_takes_its_group_and_decisions_with_it(database, team):
    from involve_desktop.db.money_models import BudgetDecision, BudgetHolder

    admin, _, worker = team
    budget_id = group_budget(database, admin)
    person = add_claimant(database)
    with database.session_scope() as session:
        set_holders(session, worker, budget_id, [person])
        add_decision(session, worker, budget_id, DecisionDetails(TODAY, "Start in spring"))
    with database.session_scope() as session:
        delete_budget(session, admin, budget_id)
    with database.session_scope() as session:
        assert session.scalars(select(BudgetHolder)).all() == []
        assert session.scalars(select(BudgetDecision)).all() == []


def test_figures_always_add_up_for_any_mix_of_claims_and_spend(database, team):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    admin, _, worker = team
    person = add_claimant(database)
    made = iter(range(1, 10_000))
    pence = st.integers(min_value=1, max_value=1_000_00)
    hours = st.integers(min_value=1, max_value=40_00)  # in hundredths, at the policy's rate

    @settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        allocated=st.integers(min_value=0, max_value=5_000_00),
        worked=st.lists(st.tuples(st.sampled_from(list(ClaimStatus)), hours), max_size=6),
        spends=st.lists(pence, max_size=3),
    )
    def check(allocated, worked, spends):
        # Handed to a group, so it has the group's statement to check against the figures.
        budget_id = add_budget(database, admin, allocated, f"Budget {next(made)}", delegated=True)
        claims = [(status, line_amount(time, FEE_RATES["hour"])) for status, time in worked]
        for status, time in worked:
            claim_at(database, team, person, status, fee(time), budget_id=budget_id)
        with database.session_scope() as session:
            for amount in spends:
                add_spend(session, worker, budget_id, SpendDetails(TODAY, "Materials", amount))
            figures = figures_for(session, budget_id)
            statement = statement_data(session, budget_id)

        def total(step: ClaimStatus) -> int:
            return sum(amount for status, amount in claims if status is step)

        assert figures.committed_pence == total(ClaimStatus.APPROVED)
        assert figures.paid_pence == total(ClaimStatus.PAID) + sum(spends)
        assert figures.allocated_pence == (
            figures.committed_pence + figures.paid_pence + figures.remaining_pence
        )
        assert statement.remaining_pence == figures.remaining_pence
        assert statement.waiting_pence == total(ClaimStatus.SUBMITTED)
        assert statement.approved_claims.total_pence == figures.committed_pence
        assert statement.paid_claims.claims == [s for s, _ in claims].count(ClaimStatus.PAID)

    check()
