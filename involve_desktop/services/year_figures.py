"""The figures worked out from a financial year's records, never typed in.

One entry point, `year_figures`, read by the yearly evaluation, Home and the annual report,
so all three say the same. Each group of figures carries a plain sentence saying it in the
charity's own word for people. The rules for each group are in its module:

- people who took part, by level and role, and the register's spread
  (`year_figures_people.py`, with `participation.participation_spread`);
- new people, and people not taking part with the barriers recorded (same module);
- activities by kind and power shared, and the share with impact recorded and reported back
  (`year_figures_work.py`, through the activity list's and impact list's own filters);
- payments for the year's work and spending against the year's budgets
  (`year_figures_money.py`, with `budgets.budget_figures`).

Everything is counted with grouped SQL; only people whose level has moved are read one by
one, from their level history (`participation_counts.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from involve_desktop.domain.financial_year import (
    DEFAULT_YEAR_START,
    year_containing,
    year_label,
)
from involve_desktop.domain.terms import DEFAULT_TERMS, PeopleTerms
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.participation import participation_spread
from involve_desktop.services.participation_counts import RegisterCounts, RoleMasks, ToldHistories
from involve_desktop.services.year_figures_money import MoneyFigures, money_figures
from involve_desktop.services.year_figures_people import (
    NewPeople,
    NotTakingPart,
    PeopleInvolved,
    attended_in,
    new_people,
    not_taking_part,
    people_involved,
)
from involve_desktop.services.year_figures_work import (
    ActivitiesHeld,
    ImpactFigures,
    activities_held,
    impact_figures,
)


@dataclass(frozen=True)
class YearFigures:
    first: date
    last: date
    today: date  # the records are as they were on this day
    terms: PeopleTerms
    people: PeopleInvolved
    new_people: NewPeople
    activities: ActivitiesHeld
    impact: ImpactFigures
    money: MoneyFigures
    not_taking_part: NotTakingPart

    @property
    def label(self) -> str:
        """'2025/26'."""
        return year_label(self.first)

    @property
    def current(self) -> bool:
        """The year holds today, so its figures are so far."""
        return self.first <= self.today <= self.last

    @property
    def summaries(self) -> tuple[str, ...]:
        """One sentence for each group, in the order the groups are shown."""
        return (
            self.people.summary,
            self.new_people.summary,
            self.activities.summary,
            self.impact.summary,
            self.money.summary,
            self.not_taking_part.summary,
        )


def year_figures(session: Session, first: date, last: date, today: date) -> YearFigures:
    """The figures for the financial year from `first` to `last` (both included), from the
    records as they are on `today`. `first` should be the first day of a financial year
    (`financial_year.year_containing`), since budgets belong to the year starting then."""
    organisation = load_organisation(session)
    terms = organisation.terms if organisation is not None else DEFAULT_TERMS
    # Whose level history must be read, and the register's counts, are read once for all.
    told = ToldHistories.read(session)
    register = RegisterCounts.read(
        session, today, (first, last), told, RoleMasks.read(session), attended_in(first, last)
    )
    spread = participation_spread(session, today, (first, last), told=told, register=register)
    people = people_involved(session, spread, today, terms, told=told, register=register)
    return YearFigures(
        first=first,
        last=last,
        today=today,
        terms=terms,
        people=people,
        new_people=new_people(session, people, terms, register=register),
        activities=activities_held(session, first, last, today, terms),
        impact=impact_figures(session, first, last, today),
        money=money_figures(session, first, last, terms),
        not_taking_part=not_taking_part(session, terms, register=register),
    )


def current_year_figures(session: Session, today: date) -> YearFigures:
    """The figures for the financial year holding `today`, by the charity's year start."""
    organisation = load_organisation(session)
    start = organisation.year_start if organisation is not None else DEFAULT_YEAR_START
    return year_figures(session, *year_containing(today, start), today)
