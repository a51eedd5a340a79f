"""The year's money: what was paid for the year's work, and spending against its budgets.

Payments follow `money_totals.py`: money belongs to the year of the work each claim line is
for, fees (time and expertise) apart from mileage and expenses. Paid means in a claim marked
paid. Claimed but not yet paid (submitted or approved) is said apart, so "paid" plus
"waiting" is what the Claims screen's totals by person show for the year.

The budgets are `budgets.budget_figures` for the year, unchanged, so the Budgets screen and
these figures agree. A budget counts a claim against the budget it was charged to, whatever
the dates of its lines, so the budgets' paid figure and the payments for the year's work
can differ by a claim whose work straddles the year's first day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.money_models import Claim, ClaimLine
from involve_desktop.domain.claims import COUNTED_STATUSES, ClaimStatus, LineKind
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.services.budgets import BudgetFigures, budget_figures
from involve_desktop.services.year_figures_share import counted_word

ALL_BUDGETS = "All budgets"


@dataclass(frozen=True)
class MoneyFigures:
    fees_paid_pence: int  # fee lines in paid claims, for work in the year
    expenses_paid_pence: int  # mileage and expense lines in paid claims
    people_paid: int  # distinct people with a paid line for work in the year
    waiting_pence: int  # submitted or approved, not yet paid, for work in the year
    budgets: tuple[BudgetFigures, ...]  # the year's budgets, as the Budgets screen has them
    summary: str

    @property
    def paid_pence(self) -> int:
        return self.fees_paid_pence + self.expenses_paid_pence

    @property
    def allocated_pence(self) -> int:
        return sum(budget.allocated_pence for budget in self.budgets)

    @property
    def committed_pence(self) -> int:
        return sum(budget.committed_pence for budget in self.budgets)

    @property
    def budget_paid_pence(self) -> int:
        return sum(budget.paid_pence for budget in self.budgets)

    @property
    def remaining_pence(self) -> int:
        return sum(budget.remaining_pence for budget in self.budgets)

    def budget_table(self) -> list[tuple[str, str, str, str, str]]:
        """Each budget as (name, allocated, committed, paid, left) in pounds, then all of
        them when there are several: the rows Home, the evaluation and its PDF show."""
        rows = [
            (
                budget.name,
                *_pounds(
                    budget.allocated_pence,
                    budget.committed_pence,
                    budget.paid_pence,
                    budget.remaining_pence,
                ),
            )
            for budget in self.budgets
        ]
        if len(self.budgets) > 1:
            totals = _pounds(
                self.allocated_pence,
                self.committed_pence,
                self.budget_paid_pence,
                self.remaining_pence,
            )
            rows.append((ALL_BUDGETS, *totals))
        return rows


def _pounds(*amounts: int) -> tuple[str, str, str, str]:
    allocated, committed, paid, left = (format_pence(pence) for pence in amounts)
    return allocated, committed, paid, left


def money_figures(session: Session, first: date, last: date, terms: PeopleTerms) -> MoneyFigures:
    paid = Claim.status == ClaimStatus.PAID.value
    fee = ClaimLine.kind == LineKind.FEE.value
    # The year's lines first, then their claims, as `money_totals.everyone_year_totals`
    # does: SQLite then reads the lines by date rather than every claim of every year.
    lines = (
        select(ClaimLine.claim_id, fee.label("is_fee"), ClaimLine.amount_pence)
        .where(ClaimLine.line_date.between(first, last))
        .cte("year_lines")
        .prefix_with("MATERIALIZED")
    )
    amount = lines.c.amount_pence
    fees, expenses, people, waiting = session.execute(
        select(
            func.sum(case((paid & lines.c.is_fee, amount), else_=0)),
            func.sum(case((paid & ~lines.c.is_fee, amount), else_=0)),
            func.count(func.distinct(case((paid, Claim.person_id)))),
            func.sum(case((paid, 0), else_=amount)),
        )
        .join(lines, lines.c.claim_id == Claim.id)
        .where(Claim.status.in_([status.value for status in COUNTED_STATUSES]))
    ).one()
    budgets = tuple(budget_figures(session, first))
    figures = MoneyFigures(
        fees_paid_pence=int(fees or 0),
        expenses_paid_pence=int(expenses or 0),
        people_paid=int(people or 0),
        waiting_pence=int(waiting or 0),
        budgets=budgets,
        summary="",
    )
    return replace(figures, summary=_summary(figures, terms))


def _summary(money: MoneyFigures, terms: PeopleTerms) -> str:
    if money.paid_pence:
        paid = (
            f"{format_pence(money.paid_pence)} was paid to "
            f"{terms.count(money.people_paid)} for the year's work "
            f"({format_pence(money.fees_paid_pence)} in fees, "
            f"{format_pence(money.expenses_paid_pence)} in mileage and expenses)"
        )
    else:
        paid = "Nothing has been paid for the year's work"
    if money.waiting_pence:
        paid += f", and {format_pence(money.waiting_pence)} is claimed and waiting"
    if not money.budgets:
        return f"{paid}. No budget is set for the year."
    return (
        f"{paid}. The year's {counted_word(len(money.budgets), 'budget', 'budgets')}: "
        f"{format_pence(money.allocated_pence)} allocated, "
        f"{format_pence(money.committed_pence)} committed, "
        f"{format_pence(money.budget_paid_pence)} paid, "
        f"{format_pence(money.remaining_pence)} left."
    )
