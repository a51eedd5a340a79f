"""The strategy as it is printed: one version's words in the order the Strategy tab shows
them, with its standing ("Version 2 · current since 1 April 2026") and its approval and
review said in full sentences, so the printed page stands on its own at a meeting.

Plain frozen data for `exports/strategy_pdf.py`; nothing here knows about PDFs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.learning_cycle import StrategyStatus
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.plan_records import StrategyRecord, period_text, review_is_due
from involve_desktop.domain.terms import DEFAULT_TERMS, PeopleTerms
from involve_desktop.errors import KnownError
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.strategy import (
    current_strategy,
    list_strategies,
    load_strategy,
    replaced_on,
)

NOT_WRITTEN = "Not written yet."
NO_BUDGET = "No budget set."


class NoStrategyToPrint(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "There is no current strategy to print. Choose a version on the Strategy tab, "
            "or make a draft current first."
        )


@dataclass(frozen=True)
class StrategyPassage:
    """One field of the strategy: its label as a heading, and the text as typed."""

    heading: str
    text: str  # line breaks kept; NOT_WRITTEN when the field is empty


@dataclass(frozen=True)
class StrategySection:
    """A group of fields, named as on the Strategy tab ("Who benefits")."""

    heading: str
    passages: tuple[StrategyPassage, ...]


@dataclass(frozen=True)
class StrategyReport:
    title: str
    period_start: date
    period_end: date
    version: int
    status: StrategyStatus
    standing: str  # "Version 2 · current since 1 April 2026"
    sections: tuple[StrategySection, ...]
    budget_pence: int | None
    approved_by: str
    approved_on: date | None
    review_on: date | None
    review_passed: bool  # the current version's review date has come
    terms: PeopleTerms

    @property
    def period(self) -> str:
        """'1 April 2026 to 31 March 2029'."""
        return period_text(self.period_start, self.period_end)

    @property
    def budget_text(self) -> str:
        return NO_BUDGET if self.budget_pence is None else format_pence(self.budget_pence)

    @property
    def approval_text(self) -> str:
        """Who approved this version and when, as a sentence."""
        if not self.approved_by.strip():
            return "Not approved yet."
        when = f" on {long_date(self.approved_on)}" if self.approved_on else ""
        return f"Approved by {self.approved_by}{when}."

    @property
    def review_text(self) -> str:
        """When to review it, and, once that day has come, that it needs reviewing."""
        if self.review_on is None:
            return "No review date set."
        said = f"To be reviewed by {long_date(self.review_on)}."
        if self.review_passed:
            return f"{said} The review date has passed: this strategy is due for review."
        return said


def strategy_report(session: Session, strategy_id: int | None, today: date) -> StrategyReport:
    """The version `strategy_id`, or the current one when None, ready to print on `today`."""
    if strategy_id is None:
        record = current_strategy(session)
        if record is None:
            raise NoStrategyToPrint()
    else:
        record = load_strategy(session, strategy_id)
    organisation = load_organisation(session)
    terms = organisation.terms if organisation is not None else DEFAULT_TERMS
    details = record.details
    return StrategyReport(
        title=details.title,
        period_start=details.period_start,
        period_end=details.period_end,
        version=record.version,
        status=record.status,
        standing=standing(record, list_strategies(session)),
        sections=_sections(record, terms),
        budget_pence=details.budget_pence,
        approved_by=details.approved_by,
        approved_on=details.approved_on,
        review_on=details.review_on,
        review_passed=record.status is StrategyStatus.CURRENT
        and review_is_due(details.review_on, today),
        terms=terms,
    )


def strategy_for_year(
    session: Session, first: date, last: date, today: date
) -> StrategyRecord | None:
    """The strategy a pack about the financial year `first`..`last` prints: the current one
    while the year is still running (or to come); for a year gone by, the version in force
    at its end (`strategy_covering` its last day), or the current one if none was."""
    current = current_strategy(session)
    if last >= today:
        return current
    return strategy_covering(session, last) or current


def strategy_for_year_after(session: Session, last: date) -> StrategyRecord | None:
    """The strategy whose plan is "next year's plan" in the report on a year ending `last`:
    the one covering the next day, or the current one if none does."""
    return strategy_covering(session, last + timedelta(days=1)) or current_strategy(session)


def strategy_covering(session: Session, day: date) -> StrategyRecord | None:
    """The approved version (current or replaced, never a draft) whose period holds `day`.
    When two do (a strategy replaced before its period ended), the one in force that day:
    the last made current on or before it; if neither had been yet, the newest."""
    covering = [
        record
        for record in list_strategies(session)  # newest first
        if record.status is not StrategyStatus.DRAFT
        and record.details.period_start <= day <= record.details.period_end
    ]
    in_force = [
        record
        for record in covering
        if record.made_current_on is not None and record.made_current_on <= day
    ]
    if in_force:
        return max(in_force, key=lambda record: (record.made_current_on, record.version))
    return covering[0] if covering else None


def standing(record: StrategyRecord, records: list[StrategyRecord]) -> str:
    """'Version 3 · current since 1 April 2026', 'Version 2 · replaced on 1 April 2026',
    'Version 4 · a draft, not approved or in use yet'."""
    version = f"Version {record.version} \u00b7 "
    if record.status is StrategyStatus.CURRENT:
        since = record.made_current_on
        return version + (f"current since {long_date(since)}" if since else "current")
    if record.status is StrategyStatus.PAST:
        ended = replaced_on(record, records)
        return version + (f"replaced on {long_date(ended)}" if ended else "replaced")
    return version + "a draft, not in use yet"


def _sections(record: StrategyRecord, terms: PeopleTerms) -> tuple[StrategySection, ...]:
    """The fields in the Strategy tab's order and words (its labels, without the colons)."""
    details = record.details

    def passage(heading: str, text: str) -> StrategyPassage:
        return StrategyPassage(heading, text.strip() or NOT_WRITTEN)

    return (
        StrategySection(
            "Why and what",
            (
                passage(f"Why we involve {terms.plural}", details.purpose),
                passage("What we intend", details.intentions),
                passage("Our principles", details.principles),
            ),
        ),
        StrategySection(
            "Who benefits",
            (
                passage("Directly", details.benefits_directly),
                passage("Indirectly", details.benefits_indirectly),
            ),
        ),
        StrategySection(
            "Power and resources",
            (
                passage("Power we are willing to share", details.power_shared),
                passage("Resources", details.resources),
            ),
        ),
        StrategySection(
            "Consultation",
            (
                passage(f"How {terms.plural} were consulted", details.consultation_how),
                passage("What they said", details.consultation_said),
            ),
        ),
    )
