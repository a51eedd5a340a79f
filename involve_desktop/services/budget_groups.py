"""Delegated budgets: a budget handed to a group of people from the register for a project
they run. The group's members, the decisions they make and what is spent from the budget
other than through claims (room hire, materials) are recorded here, and gathered into the
one-page statement the group is given (printed by `exports/budget_statement.py`).

The statement gives what people were paid through claims as counts and totals, never by
name: fees are earnings, and what one person earns is theirs to share (it can matter to
anyone on benefits). The group's own spending and decisions are listed in full.

Handing a budget to a group is a change to the budget itself (`budgets.save_budget`, which
needs the payment-policy permission). Keeping its record (who is in the group, what they
decided and spent) is everyday work that any staff member may do; each change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Person, Staff
from involve_desktop.db.money_models import Budget, BudgetDecision, BudgetHolder, BudgetSpend, Claim
from involve_desktop.domain.claims import COUNTED_STATUSES, ClaimStatus
from involve_desktop.domain.financial_year import year_label
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.person_record import display_name, line, lines
from involve_desktop.errors import LIST_REFRESHED, KnownError, ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.budgets import (
    BUDGET,
    MAX_BUDGET_PENCE,
    BudgetNotFound,
    figures_for,
)
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.permissions import Actor

MAX_DECISION = 2000
MAX_SPEND_DESCRIPTION = 200


class RecordNotFound(KnownError):
    def __init__(self, what: str) -> None:
        super().__init__(f"This {what} is no longer in the records.", on_screen=LIST_REFRESHED)


class NotHandedToAGroup(KnownError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"“{name}” is not handed to a group. Edit the budget and tick “handed to a group” "
            "first."
        )


@dataclass(frozen=True)
class Holder:
    person_id: int
    name: str
    archived: bool = False


@dataclass(frozen=True)
class DecisionDetails:
    decided_on: date | None  # None only while a form is being filled in: it is refused
    decision: str
    amount_pence: int | None = None  # what the decision commits, when it is about money


@dataclass(frozen=True)
class Decision:
    id: int
    decided_on: date
    decision: str
    amount_pence: int | None
    recorded_by: str

    @property
    def details(self) -> DecisionDetails:
        return DecisionDetails(self.decided_on, self.decision, self.amount_pence)


@dataclass(frozen=True)
class SpendDetails:
    spent_on: date | None  # None only while a form is being filled in: it is refused
    description: str
    amount_pence: int


@dataclass(frozen=True)
class Spend:
    id: int
    spent_on: date
    description: str
    amount_pence: int
    recorded_by: str

    @property
    def details(self) -> SpendDetails:
        return SpendDetails(self.spent_on, self.description, self.amount_pence)


@dataclass(frozen=True)
class ClaimTotals:
    """The claims at one step added up, without names: how many, and how much in fees (for
    people's time) and expenses (their costs)."""

    claims: int = 0
    fees_pence: int = 0
    expenses_pence: int = 0

    @property
    def total_pence(self) -> int:
        return self.fees_pence + self.expenses_pence


@dataclass(frozen=True)
class BudgetStatement:
    """Everything the group's one-page statement says, worked out once."""

    organisation_name: str
    budget_name: str
    year_label: str
    project: str
    holders: tuple[str, ...]
    allocated_pence: int
    committed_pence: int  # approved claims not yet paid
    paid_pence: int  # paid claims and other spend
    paid_claims: ClaimTotals
    approved_claims: ClaimTotals  # approved, not yet paid: the committed money
    waiting_claims: ClaimTotals  # sent in, not yet approved: not counted against the budget
    spends: tuple[Spend, ...]
    decisions: tuple[Decision, ...]

    @property
    def remaining_pence(self) -> int:
        return self.allocated_pence - self.committed_pence - self.paid_pence

    @property
    def other_spend_pence(self) -> int:
        return sum(spend.amount_pence for spend in self.spends)

    @property
    def waiting_pence(self) -> int:
        """Claims sent in but not yet approved: not counted against the budget yet."""
        return self.waiting_claims.total_pence


# --- the group -------------------------------------------------------------------------


def holders(session: Session, budget_id: int) -> list[Holder]:
    """The people holding the budget, by name."""
    rows = session.execute(
        select(
            Person.id, Person.first_name, Person.last_name, Person.preferred_name, Person.archived
        )
        .join(BudgetHolder, BudgetHolder.person_id == Person.id)
        .where(BudgetHolder.budget_id == budget_id)
        .order_by(Person.sort_key, Person.id)
    )
    return [
        Holder(person_id, display_name(first, last, preferred), bool(archived))
        for person_id, first, last, preferred, archived in rows
    ]


def set_holders(
    session: Session, actor: Actor | None, budget_id: int, person_ids: list[int]
) -> None:
    """Make exactly these people the group holding the budget."""
    budget = _delegated(session, budget_id)
    wanted = set(person_ids)
    found = set(session.scalars(select(Person.id).where(Person.id.in_(wanted))))
    if found != wanted:
        raise KnownError(
            "Someone chosen is no longer on the register (they may have just been deleted). "
            "The list is refreshed: please choose again."
        )
    current = set(
        session.scalars(select(BudgetHolder.person_id).where(BudgetHolder.budget_id == budget.id))
    )
    if current == wanted:
        return
    session.execute(
        delete(BudgetHolder).where(
            BudgetHolder.budget_id == budget.id, BudgetHolder.person_id.in_(current - wanted)
        )
    )
    session.add_all(BudgetHolder(budget_id=budget.id, person_id=pid) for pid in wanted - current)
    audit.record(session, actor, AuditAction.CHANGED_BUDGET, BUDGET, budget.id)


# --- decisions -------------------------------------------------------------------------


def decisions(session: Session, budget_id: int) -> list[Decision]:
    """The group's decisions, oldest first, as they were made."""
    rows = _recorded(session, BudgetDecision, budget_id, BudgetDecision.decided_on)
    return [
        Decision(row.id, row.decided_on, row.decision, row.amount_pence, staff or "")
        for row, staff in rows
    ]


def validate_decision(details: DecisionDetails) -> dict[str, str]:
    errors: dict[str, str] = {}
    if details.decided_on is None:
        errors["decided_on"] = "Please give the date the group decided this."
    text = lines(details.decision)
    if not text:
        errors["decision"] = "Please write what the group decided, in their words."
    elif len(text) > MAX_DECISION:
        errors["decision"] = f"Please keep the decision under {MAX_DECISION:,} characters."
    amount = details.amount_pence
    if amount is not None and not 0 < amount <= MAX_BUDGET_PENCE:
        errors["amount"] = "Please give an amount above £0, or leave it empty."
    return errors


def add_decision(
    session: Session, actor: Actor | None, budget_id: int, details: DecisionDetails
) -> int:
    budget = _delegated(session, budget_id)
    decision = BudgetDecision(budget_id=budget.id, recorded_by=_staff_id(actor))
    _fill_decision(decision, details)
    session.add(decision)
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_BUDGET, BUDGET, budget.id)
    return decision.id


def change_decision(
    session: Session, actor: Actor | None, decision_id: int, details: DecisionDetails
) -> None:
    decision = _get(session, BudgetDecision, decision_id, "decision")
    _fill_decision(decision, details)
    audit.record(session, actor, AuditAction.CHANGED_BUDGET, BUDGET, decision.budget_id)


def delete_decision(session: Session, actor: Actor | None, decision_id: int) -> None:
    decision = _get(session, BudgetDecision, decision_id, "decision")
    session.delete(decision)
    audit.record(session, actor, AuditAction.CHANGED_BUDGET, BUDGET, decision.budget_id)


def _fill_decision(decision: BudgetDecision, details: DecisionDetails) -> None:
    errors = validate_decision(details)
    if errors:
        raise ValidationFailed(errors)
    decision.decided_on = details.decided_on
    decision.decision = lines(details.decision)
    decision.amount_pence = details.amount_pence


# --- other spend -----------------------------------------------------------------------


def spending(session: Session, budget_id: int) -> list[Spend]:
    """Money spent from the budget other than through claims, in date order."""
    rows = _recorded(session, BudgetSpend, budget_id, BudgetSpend.spent_on)
    return [
        Spend(row.id, row.spent_on, row.description, row.amount_pence, staff or "")
        for row, staff in rows
    ]


def validate_spend(details: SpendDetails, year_start: date) -> dict[str, str]:
    """Problems with a spend against a budget for the year starting on `year_start`."""
    errors: dict[str, str] = {}
    year_end = _year_end(year_start)
    if details.spent_on is None:
        errors["spent_on"] = "Please give the date the money was spent."
    elif not year_start <= details.spent_on <= year_end:
        # Spend counts in the year it happens; a date outside is almost always a slip.
        errors["spent_on"] = (
            f"This budget is for {year_label(year_start)} ({long_date(year_start)} to "
            f"{long_date(year_end)}). Spending on another date belongs to that year's budget."
        )
    description = line(details.description)
    if not description:
        errors["description"] = "Please say what the money was spent on, for example “Room hire”."
    elif len(description) > MAX_SPEND_DESCRIPTION:
        errors["description"] = f"Please keep this under {MAX_SPEND_DESCRIPTION} characters."
    if not 0 < details.amount_pence <= MAX_BUDGET_PENCE:
        errors["amount"] = "Please give an amount above £0."
    return errors


def add_spend(session: Session, actor: Actor | None, budget_id: int, details: SpendDetails) -> int:
    budget = _budget(session, budget_id)
    spend = BudgetSpend(budget_id=budget.id, recorded_by=_staff_id(actor))
    _fill_spend(spend, details, budget.year_start)
    session.add(spend)
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_BUDGET, BUDGET, budget.id)
    return spend.id


def change_spend(
    session: Session, actor: Actor | None, spend_id: int, details: SpendDetails
) -> None:
    spend = _get(session, BudgetSpend, spend_id, "spending")
    _fill_spend(spend, details, _budget(session, spend.budget_id).year_start)
    audit.record(session, actor, AuditAction.CHANGED_BUDGET, BUDGET, spend.budget_id)


def delete_spend(session: Session, actor: Actor | None, spend_id: int) -> None:
    spend = _get(session, BudgetSpend, spend_id, "spending")
    session.delete(spend)
    audit.record(session, actor, AuditAction.CHANGED_BUDGET, BUDGET, spend.budget_id)


def _fill_spend(spend: BudgetSpend, details: SpendDetails, year_start: date) -> None:
    errors = validate_spend(details, year_start)
    if errors:
        raise ValidationFailed(errors)
    spend.spent_on = details.spent_on
    spend.description = line(details.description)
    spend.amount_pence = details.amount_pence


# --- the statement ---------------------------------------------------------------------


def claim_totals(session: Session, budget_id: int) -> dict[ClaimStatus, ClaimTotals]:
    """The budget's claims added up by step (paid, approved, submitted), with no names.
    Claims still being written are left out, and rejected ones will not be paid."""
    rows = session.execute(
        select(
            Claim.status,
            func.count(Claim.id),
            func.coalesce(func.sum(Claim.fees_pence), 0),
            func.coalesce(func.sum(Claim.expenses_pence), 0),
        )
        .where(
            Claim.budget_id == budget_id,
            Claim.status.in_([status.value for status in COUNTED_STATUSES]),
        )
        .group_by(Claim.status)
    )
    totals = {status: ClaimTotals() for status in COUNTED_STATUSES}
    for status, count, fees, expenses in rows:
        totals[ClaimStatus(status)] = ClaimTotals(int(count), int(fees), int(expenses))
    return totals


def statement_data(session: Session, budget_id: int) -> BudgetStatement:
    """What the group's statement shows: the budget, its group, what people were paid and are
    owed through claims (totals only), other spending, what is left, and the decisions."""
    budget = _delegated(session, budget_id)
    figures = figures_for(session, budget_id)
    organisation = load_organisation(session)
    claims = claim_totals(session, budget_id)
    return BudgetStatement(
        organisation_name=organisation.name if organisation else "",
        budget_name=budget.name,
        year_label=year_label(budget.year_start),
        project=budget.project,
        holders=tuple(holder.name for holder in holders(session, budget_id)),
        allocated_pence=figures.allocated_pence,
        committed_pence=figures.committed_pence,
        paid_pence=figures.paid_pence,
        paid_claims=claims[ClaimStatus.PAID],
        approved_claims=claims[ClaimStatus.APPROVED],
        waiting_claims=claims[ClaimStatus.SUBMITTED],
        spends=tuple(spending(session, budget_id)),
        decisions=tuple(decisions(session, budget_id)),
    )


def note_statement_saved(session: Session, actor: Actor | None, budget_id: int) -> None:
    """The statement names only the group's own members (no claimants), so it is recorded
    as a statement of this budget rather than as a list of people given out."""
    audit.record(session, actor, AuditAction.EXPORTED_BUDGET_STATEMENT, BUDGET, budget_id)


# --- helpers ---------------------------------------------------------------------------


def _budget(session: Session, budget_id: int) -> Budget:
    budget = session.get(Budget, budget_id)
    if budget is None:
        raise BudgetNotFound()
    return budget


def _delegated(session: Session, budget_id: int) -> Budget:
    budget = _budget(session, budget_id)
    if not budget.delegated:
        raise NotHandedToAGroup(budget.name)
    return budget


def _get(session: Session, model: type, record_id: int, what: str):  # type: ignore[no-untyped-def]
    record = session.get(model, record_id)
    if record is None:
        raise RecordNotFound(what)
    return record


def _recorded(session: Session, model: type, budget_id: int, day: Any) -> Any:
    """A group's decisions or spending, in date order, each with who recorded it."""
    return session.execute(
        select(model, Staff.name)
        .outerjoin(Staff, Staff.id == model.recorded_by)  # type: ignore[attr-defined]
        .where(model.budget_id == budget_id)  # type: ignore[attr-defined]
        .order_by(day, model.id)  # type: ignore[attr-defined]
    )


def _staff_id(actor: Actor | None) -> int | None:
    return actor.staff_id if actor is not None else None


def _year_end(year_start: date) -> date:
    return date(year_start.year + 1, year_start.month, year_start.day) - timedelta(days=1)
