"""Budgets for each financial year, and what is allocated, committed, paid and left.

Committed is approved claims not yet paid; paid is paid claims plus other spend recorded
against the budget (a delegated group's room hire). Remaining is what is left after both.
The delegated side (who holds a budget, their decisions and spend) is in `budget_groups.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.money_models import Budget, BudgetSpend, Claim
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.financial_year import year_containing, year_label
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.person_record import line, lines
from involve_desktop.domain.roles import Permission
from involve_desktop.errors import LIST_REFRESHED, KnownError, ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.organisation import financial_year_start
from involve_desktop.services.permissions import Actor, require

BUDGET = "budget"
MAX_BUDGET_NAME = 120
MAX_BUDGET_PENCE = 100_000_000_00


class BudgetNotFound(KnownError):
    def __init__(self) -> None:
        super().__init__("This budget is no longer in the records.", on_screen=LIST_REFRESHED)


@dataclass(frozen=True)
class BudgetDetails:
    year_start: date
    name: str
    allocated_pence: int
    notes: str = ""
    delegated: bool = False
    project: str = ""


@dataclass(frozen=True)
class BudgetFigures:
    budget_id: int
    year_start: date
    name: str
    allocated_pence: int
    committed_pence: int
    paid_pence: int
    delegated: bool

    @property
    def remaining_pence(self) -> int:
        return self.allocated_pence - self.committed_pence - self.paid_pence

    @property
    def label(self) -> str:
        return f"{self.name} {year_label(self.year_start)}"


def load_budget(session: Session, budget_id: int) -> BudgetDetails:
    budget = _get(session, budget_id)
    return BudgetDetails(
        year_start=budget.year_start,
        name=budget.name,
        allocated_pence=budget.allocated_pence,
        notes=budget.notes,
        delegated=budget.delegated,
        project=budget.project,
    )


def budget_figures(session: Session, year_start: date | None = None) -> list[BudgetFigures]:
    """Every budget (or those of one financial year), by year then name, with its figures."""
    approved = ClaimStatus.APPROVED.value
    paid = ClaimStatus.PAID.value
    claim_total = Claim.fees_pence + Claim.expenses_pence
    claims = (
        select(
            Claim.budget_id.label("budget_id"),
            func.sum(case((Claim.status == approved, claim_total), else_=0)).label("committed"),
            func.sum(case((Claim.status == paid, claim_total), else_=0)).label("paid"),
        )
        .where(Claim.budget_id.is_not(None), Claim.status.in_((approved, paid)))
        .group_by(Claim.budget_id)
        .subquery()
    )
    spend = (
        select(BudgetSpend.budget_id, func.sum(BudgetSpend.amount_pence).label("spent"))
        .group_by(BudgetSpend.budget_id)
        .subquery()
    )
    query = (
        select(
            Budget,
            func.coalesce(claims.c.committed, 0),
            func.coalesce(claims.c.paid, 0) + func.coalesce(spend.c.spent, 0),
        )
        .outerjoin(claims, claims.c.budget_id == Budget.id)
        .outerjoin(spend, spend.c.budget_id == Budget.id)
        .order_by(Budget.year_start.desc(), Budget.name)
    )
    if year_start is not None:
        query = query.where(Budget.year_start == year_start)
    return [
        BudgetFigures(
            budget.id,
            budget.year_start,
            budget.name,
            budget.allocated_pence,
            int(committed),
            int(paid_total),
            budget.delegated,
        )
        for budget, committed, paid_total in session.execute(query)
    ]


def figures_for(session: Session, budget_id: int) -> BudgetFigures:
    budget = _get(session, budget_id)
    return next(
        figures
        for figures in budget_figures(session, budget.year_start)
        if figures.budget_id == budget_id
    )


def overspend_if_approved(session: Session, claim_id: int) -> int:
    """How far approving this claim would take its budget past what is left (0: it fits)."""
    claim = session.get(Claim, claim_id)
    if claim is None or claim.budget_id is None:
        return 0
    remaining = figures_for(session, claim.budget_id).remaining_pence
    if claim.status == ClaimStatus.APPROVED.value:
        remaining += claim.fees_pence + claim.expenses_pence  # already counted as committed
    return max(0, claim.fees_pence + claim.expenses_pence - remaining)


def overspend_message(session: Session, claim_id: int, overspend_pence: int) -> str:
    claim = session.get(Claim, claim_id)
    assert claim is not None and claim.budget_id is not None
    figures = figures_for(session, claim.budget_id)
    return (
        f"Approving this claim would take the budget “{figures.label}” "
        f"{format_pence(overspend_pence)} over: it has {format_pence(figures.remaining_pence)} "
        "left after what is already approved and paid."
    )


def budget_for_date(session: Session, day: date) -> int | None:
    """The budget a new claim goes against by default: the only one in the day's financial
    year, or the year's undelegated one when there is just one of those."""
    first, _ = year_containing(day, financial_year_start(session))
    rows = session.execute(
        select(Budget.id, Budget.delegated).where(Budget.year_start == first)
    ).all()
    general = [budget_id for budget_id, delegated in rows if not delegated]
    if len(rows) == 1:
        return rows[0][0]
    return general[0] if len(general) == 1 else None


def validate_budget(details: BudgetDetails) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = details.name.strip()
    if not name:
        errors["name"] = "Please give the budget a name, for example “Involvement”."
    elif len(name) > MAX_BUDGET_NAME:
        errors["name"] = f"Please keep the name under {MAX_BUDGET_NAME} characters."
    if not 0 <= details.allocated_pence <= MAX_BUDGET_PENCE:
        errors["allocated"] = "Please give an amount between £0 and £100,000,000."
    if details.delegated and not details.project.strip():
        errors["project"] = "Please say what the group will do with the budget."
    return errors


def save_budget(
    session: Session, actor: Actor, details: BudgetDetails, budget_id: int | None = None
) -> int:
    require(actor, Permission.CHANGE_PAYMENT_POLICY)
    start = financial_year_start(session)
    year_start, _ = year_containing(details.year_start, start)
    errors = validate_budget(details)
    clash = session.scalar(
        select(Budget.id).where(Budget.year_start == year_start, Budget.name == line(details.name))
    )
    if clash is not None and clash != budget_id:
        errors["name"] = f"{year_label(year_start)} already has a budget called “{details.name}”."
    if errors:
        raise ValidationFailed(errors)
    budget = Budget() if budget_id is None else _get(session, budget_id)
    if budget_id is None:
        session.add(budget)
    elif budget.year_start != year_start and _used(session, budget_id):
        raise ValidationFailed(
            {
                "year": f"Claims or spending are already against “{budget.name}” in "
                f"{year_label(budget.year_start)}, so it stays in that year. Add a budget for "
                f"{year_label(year_start)} instead."
            }
        )
    budget.year_start = year_start
    budget.name = line(details.name)
    budget.allocated_pence = details.allocated_pence
    budget.notes = lines(details.notes)
    budget.delegated = details.delegated
    budget.project = lines(details.project)
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_BUDGET, BUDGET, budget.id)
    return budget.id


def delete_budget(session: Session, actor: Actor, budget_id: int) -> None:
    """Remove a budget nothing has been claimed or spent against."""
    require(actor, Permission.CHANGE_PAYMENT_POLICY)
    budget = _get(session, budget_id)
    if _used(session, budget_id):
        raise KnownError(
            f"“{budget.name}” has claims or other spending against it, so it stays: the "
            "year's accounts need it. Set its amount instead."
        )
    session.delete(budget)
    audit.record(session, actor, AuditAction.CHANGED_BUDGET, BUDGET, budget_id)


def _used(session: Session, budget_id: int) -> bool:
    claims = session.scalar(select(func.count()).where(Claim.budget_id == budget_id))
    spent = session.scalar(select(func.count()).where(BudgetSpend.budget_id == budget_id))
    return bool(claims or spent)


def _get(session: Session, budget_id: int) -> Budget:
    budget = session.get(Budget, budget_id)
    if budget is None:
        raise BudgetNotFound()
    return budget
