"""Invented budgets for the demo charity: each year the charity's own involvement budget, and
one handed to four members to run a project of their own, with the group's decisions and
what they spent. Allocations are set once the demo's claims are in, so the figures look
like a real year's: past years a little underspent, this year on course."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from involve_desktop.db.models import Person
from involve_desktop.db.money_models import Budget, BudgetDecision, BudgetHolder, BudgetSpend
from involve_desktop.domain.financial_year import YearStart, year_containing
from involve_desktop.domain.people import ParticipationLevel
from involve_desktop.services.budgets import budget_figures

PROJECTS = (
    ("Members' podcast", "A podcast about getting help with mental health, made by members."),
    ("Welcome pack", "A welcome pack for new members, written and designed by members."),
    ("Waiting-room film", "A short film about waiting times, made by members."),
)
DECISIONS = (
    ("We will pay ourselves the session rate for our planning meetings.", None),
    ("We agreed to hire equipment and a room rather than buy them.", 450_00),
    ("We chose the three topics ourselves and will share the result at the open meeting.", None),
)
SPEND = (
    ("Room hire, Riverside Community Centre", 120_00),
    ("Printing", 85_40),
    ("Equipment hire", 310_00),
)
DELEGATED_ALLOCATION = 1_500_00
GROUP_SIZE = 4


# A year's first day → (its general budget, its delegated budget, the group holding that one).
YearBudgets = dict[date, tuple[int, int, set[int]]]


def demo_leaders(session: Session, most: int | None = None) -> list[int]:
    """The people the demo gives the bigger parts to: those collaborating or leading."""
    return list(
        session.scalars(
            select(Person.id)
            .where(
                Person.archived.is_(False),
                Person.participation_level.in_(
                    (ParticipationLevel.LEADING.value, ParticipationLevel.COLLABORATING.value)
                ),
            )
            .order_by(Person.id)
            .limit(most)
        )
    )


def add_demo_budgets(
    session: Session, chooser: random.Random, years: list[date], today: date
) -> YearBudgets:
    """For each year (by its first day): the charity's own involvement budget, and one handed
    to four members for a project of their own, with their decisions and what they spent."""
    leaders = demo_leaders(session)
    budgets: YearBudgets = {}
    for number, first in enumerate(years):
        general = _insert_budget(session, first, "Involvement", "Fees and costs for involvement.")
        name, project = PROJECTS[number % len(PROJECTS)]
        delegated = _insert_budget(session, first, name, "", project=project)
        holders = set(chooser.sample(leaders, min(GROUP_SIZE, len(leaders))))
        if holders:
            session.execute(
                insert(BudgetHolder),
                [{"budget_id": delegated, "person_id": person} for person in sorted(holders)],
            )
        decisions = [
            {"budget_id": delegated, "decided_on": first + timedelta(days=20 + 55 * index)}
            | {"decision": text, "amount_pence": pence}
            for index, (text, pence) in enumerate(chooser.sample(DECISIONS, 2))
        ]
        spend = [
            {"budget_id": delegated, "spent_on": first + timedelta(days=40 + 50 * index)}
            | {"description": what, "amount_pence": pence}
            for index, (what, pence) in enumerate(SPEND)
        ]
        for table, rows, dated in (
            (BudgetDecision, decisions, "decided_on"),
            (BudgetSpend, spend, "spent_on"),
        ):
            rows = [row for row in rows if row[dated] <= today]
            if rows:
                session.execute(insert(table), rows)
        budgets[first] = (general, delegated, holders)
    return budgets


def _insert_budget(session: Session, first: date, name: str, notes: str, project: str = "") -> int:
    return session.scalar(
        insert(Budget)
        .values(
            year_start=first,
            name=name,
            allocated_pence=0,  # set by `_allocate` once the year's claims are known
            notes=notes,
            delegated=bool(project),
            project=project,
        )
        .returning(Budget.id)
    )


def allocate_demo_budgets(session: Session, start: YearStart, today: date) -> None:
    """Allocations that suit the invented claims: past years a little underspent, this year
    on course, each a round £500; a group's budget £1,500 unless it spent more."""
    for figures in budget_figures(session):
        spent = figures.committed_pence + figures.paid_pence
        first, last = year_containing(figures.year_start, start)
        if figures.delegated:
            allocated = max(DELEGATED_ALLOCATION, _round_up(spent * 12 // 10))
        else:
            days_gone = min((today - first).days + 1, (last - first).days + 1)
            whole_year = spent * ((last - first).days + 1) // max(days_gone, 90)
            allocated = max(1_000_00, _round_up(whole_year * 108 // 100))
        session.execute(
            update(Budget).where(Budget.id == figures.budget_id).values(allocated_pence=allocated)
        )


def _round_up(pence: int, step: int = 500_00) -> int:
    return -(-pence // step) * step
