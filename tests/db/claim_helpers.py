"""Claims, policies and budgets put in place through the real services, for the money tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from involve_desktop.db.engine import Database
from involve_desktop.domain.activity_record import ActivityDetails
from involve_desktop.domain.claims import ClaimDetails, ClaimLine, LineKind, Rate
from involve_desktop.domain.people import BenefitsAffected, PaymentMethod
from involve_desktop.domain.person_record import PersonDetails, SensitiveDetails
from involve_desktop.domain.roles import Role
from involve_desktop.services.activities import save_activity
from involve_desktop.services.budgets import BudgetDetails, save_budget
from involve_desktop.services.claims import save_draft
from involve_desktop.services.payment_policy import (
    load_policy,
    policy_id_on,
    save_policy,
    set_claim_duties,
)
from involve_desktop.services.people import save_person
from involve_desktop.services.permissions import Actor
from tests.db.register_helpers import staff_member

TODAY = date(2026, 11, 26)
FEE_RATES = {"hour": 25_00, "half day": 75_00, "day": 150_00, "session": 40_00}


def money_team(database: Database) -> tuple[Actor, Actor, Actor]:
    """An administrator (approves and pays), an approver, and a staff member who makes claims;
    the policy has the fee rates of `FEE_RATES` (so `fee()` lines are at the policy's rate)."""
    admin = staff_member(database, Role.ADMINISTRATOR, "Priya Shah")
    approver = staff_member(database, Role.APPROVER, "Ade Okafor")
    worker = staff_member(database, Role.STAFF, "Tom Reed")
    with database.session_scope() as session:
        set_claim_duties(
            session, admin, approvers={admin.staff_id, approver.staff_id}, payers={admin.staff_id}
        )
    set_fee_rates(database, admin)
    return admin, approver, worker


def set_fee_rates(database: Database, admin: Actor, rates: dict[str, int] = FEE_RATES) -> None:
    """Give the first policy version (in force from the start) these fee rates."""
    with database.session_scope() as session:
        policy_id = policy_id_on(session, TODAY)
        assert policy_id is not None
        policy = load_policy(session, policy_id)
        fees = tuple(Rate(LineKind.FEE, name, pence) for name, pence in rates.items())
        if policy.rates_of(LineKind.FEE) == fees:
            return  # already so (claims may use the version by now, which fixes it)
        others = tuple(rate for rate in policy.rates if rate.kind is not LineKind.FEE)
        save_policy(session, admin, replace(policy, rates=fees + others), policy_id)


def add_claimant(
    database: Database,
    first_name: str = "Siân",
    last_name: str = "ap Gwilym",
    *,
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER,
    benefits: BenefitsAffected | None = None,
) -> int:
    sensitive = SensitiveDetails(benefits_affected=benefits) if benefits else None
    with database.session_scope() as session:
        return save_person(
            session,
            None,
            PersonDetails(
                first_name=first_name,
                last_name=last_name,
                joined_on=date(2025, 1, 1),
                payment_method=method,
                sensitive=sensitive,
            ),
            today=TODAY,
        )


def add_paid_activity(
    database: Database, title: str = "Interview panel", held_on: date = TODAY, minutes: int = 90
) -> int:
    with database.session_scope() as session:
        return save_activity(
            session,
            None,
            ActivityDetails(
                title=title,
                purpose="To choose the new manager with people who use the service.",
                held_on=held_on,
                duration_minutes=minutes,
                paid=True,
            ),
            today=TODAY,
        )


def add_budget(
    database: Database,
    admin: Actor,
    pence: int,
    name: str = "Involvement",
    day: date = TODAY,
    *,
    delegated: bool = False,
) -> int:
    with database.session_scope() as session:
        details = BudgetDetails(
            day, name, pence, delegated=delegated, project="A group project" if delegated else ""
        )
        return save_budget(session, admin, details)


def fee(hours_hundredths: int, pence: int = 25_00, day: date = TODAY, **more) -> ClaimLine:
    return ClaimLine(LineKind.FEE, "hour", hours_hundredths, pence, day, **more)


def expense(pence: int, name: str = "Parking", day: date = TODAY, **more) -> ClaimLine:
    return ClaimLine(LineKind.EXPENSE, name, 100, pence, day, **more)


def add_claim(
    database: Database,
    actor: Actor | None,
    person_id: int,
    *lines: ClaimLine,
    budget_id: int | None = None,
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER,
) -> int:
    with database.session_scope() as session:
        return save_draft(
            session,
            actor,
            ClaimDetails(person_id, method.value, tuple(lines), budget_id=budget_id),
            today=TODAY,
        )


def submitted(database: Database, actor: Actor | None, person_id: int, *lines: ClaimLine) -> int:
    """A claim made and submitted, so its money counts in the person's totals."""
    from involve_desktop.services.claim_workflow import submit_claim

    claim_id = add_claim(database, actor, person_id, *lines)
    with database.session_scope() as session:
        submit_claim(session, actor, claim_id)
    return claim_id
