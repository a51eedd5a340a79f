"""The annual involvement report as it is printed: the year in plain words for trustees and
funders. Who took part, what they did, "you said, we did", the money, and the plan ahead.

Every figure comes from `year_figures.year_figures`, the function the yearly evaluation and
Home read, and is carried here unchanged (`AnnualReport.figures`), so the three never differ.
What this module adds are the lists behind the figures: the year's activities, its impact
records and the open actions of the plan for the year after (the strategy covering it, or the
current one).

Quotes: the register's consent to quotes ("use their words in reports") is the only
permission to print a person's words as theirs. Impact records belong to an activity (the
group's views, said without names) or stand alone with a free-text "where it came from".
When that text names someone on the register, the words are that person's: they are printed
(with their first name) only when their consent to quotes is current, and otherwise left
out, with a line saying why. Either way the feedback is said to come from one person: the
full name typed as its source is never printed.

Plain frozen data for `exports/annual_report_pdf.py`; nothing here knows about PDFs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from involve_desktop.db.models import Activity, ActivityOption, AttendanceRecord, Person
from involve_desktop.domain.activities import Attendance, PowerShared
from involve_desktop.domain.financial_year import DEFAULT_YEAR_START, year_containing
from involve_desktop.domain.find_people import consent_lapsed
from involve_desktop.domain.learning_cycle import StandardsArea
from involve_desktop.domain.person_record import Consent
from involve_desktop.domain.search_words import fold, without_apostrophes
from involve_desktop.domain.terms import DEFAULT_TERMS, PeopleTerms
from involve_desktop.services.action_plan_rows import PlanView, plan_rows
from involve_desktop.services.impact import ImpactFilter, ImpactSummary, list_impact
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.report_strategy import strategy_for_year_after
from involve_desktop.services.strategy import load_strategy
from involve_desktop.services.year_figures import YearFigures, year_figures

NOT_QUOTED = "Not quoted here: the person who said this has not agreed to be quoted."
ONE_PERSON = "Feedback from one person"
LONGEST_NAME_WORDS = 4  # names are matched as runs of up to this many words
# "Hughes's" (any apostrophe): the 's ending a word, which would otherwise join it ("hughess").
POSSESSIVE = re.compile(r"(?<=\w)['`\u2018\u2019]s\b", re.IGNORECASE)


@dataclass(frozen=True)
class ActivityLine:
    """One activity of the year, with how many came (never who)."""

    title: str
    held_on: date
    kind: str  # '' when none is recorded
    power: PowerShared
    attended: int
    to_come: bool  # dated after the report was made


@dataclass(frozen=True)
class YouSaidWeDid:
    """One impact record of the year, ready to print."""

    dated: date
    came_from: str  # the activity's title, or where the feedback came from
    said: str  # the words, or NOT_QUOTED
    quoted: str  # the first name the words are printed with, '' when not attributed
    decided: str
    changed: str
    changed_on: date | None
    told: str  # "Told on 2 November 2026" / "Not yet told"
    told_people: bool


@dataclass(frozen=True)
class PlanLine:
    action: str
    status: str
    due_on: date | None
    overdue: bool
    lead: str


@dataclass(frozen=True)
class PlanArea:
    area: StandardsArea
    items: tuple[PlanLine, ...]

    @property
    def heading(self) -> str:
        return self.area.label

    @property
    def meaning(self) -> str:
        return self.area.meaning


@dataclass(frozen=True)
class AnnualReport:
    organisation: str
    terms: PeopleTerms
    figures: YearFigures  # exactly what year_figures gave: the printed numbers are these
    activities: tuple[ActivityLine, ...]  # oldest first
    you_said: tuple[YouSaidWeDid, ...]  # oldest first
    strategy_title: str  # '' when there is no strategy for the year after
    strategy_period: tuple[date, date] | None
    plan: tuple[PlanArea, ...]  # areas with open actions, in the order of StandardsArea
    withheld_quotes: int  # impact records whose words were left out for want of consent

    @property
    def label(self) -> str:
        return self.figures.label

    @property
    def title(self) -> str:
        return f"Annual involvement report {self.label}"

    @property
    def open_actions(self) -> int:
        return sum(len(area.items) for area in self.plan)


def report_year(session: Session, today: date) -> tuple[date, date]:
    """The year a report is made for unless another is chosen: the last one that has ended
    (an annual report looks back on a whole year)."""
    organisation = load_organisation(session)
    start = organisation.year_start if organisation is not None else DEFAULT_YEAR_START
    first, _ = year_containing(today, start)
    return year_containing(date(first.year - 1, first.month, first.day), start)


def annual_report(
    session: Session, first: date, last: date, today: date, strategy_id: int | None = None
) -> AnnualReport:
    """The report for the financial year from `first` to `last`, as the records are today.
    "Next year's plan" is the plan of `strategy_id`, or when None of the strategy covering
    the year after (`report_strategy.strategy_for_year_after`)."""
    organisation = load_organisation(session)
    figures = year_figures(session, first, last, today)
    strategy = (
        strategy_for_year_after(session, last)
        if strategy_id is None
        else load_strategy(session, strategy_id)
    )
    plan: tuple[PlanArea, ...] = ()
    if strategy is not None:
        plan = _plan_by_area(session, strategy.id, today)
    you_said = _you_said(session, first, last, today)
    return AnnualReport(
        organisation=organisation.name if organisation is not None else "",
        terms=figures.terms if organisation is not None else DEFAULT_TERMS,
        figures=figures,
        activities=_activities(session, first, last, today),
        you_said=you_said,
        strategy_title=strategy.details.title if strategy is not None else "",
        strategy_period=(
            (strategy.details.period_start, strategy.details.period_end)
            if strategy is not None
            else None
        ),
        plan=plan,
        withheld_quotes=sum(1 for record in you_said if record.said == NOT_QUOTED),
    )


def _activities(session: Session, first: date, last: date, today: date) -> tuple[ActivityLine, ...]:
    kind = aliased(ActivityOption)
    attended = func.sum(case((AttendanceRecord.status == Attendance.ATTENDED.value, 1), else_=0))
    rows = session.execute(
        select(Activity.title, Activity.held_on, kind.name, Activity.power_shared, attended)
        .outerjoin(kind, kind.id == Activity.kind_id)
        .outerjoin(AttendanceRecord, AttendanceRecord.activity_id == Activity.id)
        .where(Activity.held_on.between(first, last))
        .group_by(Activity.id)
        .order_by(Activity.held_on, Activity.id)
    )
    return tuple(
        ActivityLine(
            title=title,
            held_on=held_on,
            kind=kind_name or "",
            power=PowerShared(power),
            attended=int(count or 0),
            to_come=held_on > today,
        )
        for title, held_on, kind_name, power, count in rows
    )


def _you_said(session: Session, first: date, last: date, today: date) -> tuple[YouSaidWeDid, ...]:
    # The same filter the year's impact figures count with, so the list and the count agree.
    records = list(reversed(list_impact(session, ImpactFilter(period=(first, last)))))
    speakers = _Speakers(session, today) if any(not r.activity_id for r in records) else None
    return tuple(_said(record, speakers) for record in records)


def _said(record: ImpactSummary, speakers: _Speakers | None) -> YouSaidWeDid:
    said, quoted, came_from = record.said, "", record.came_from
    if record.activity_id is None and speakers is not None:
        speaker = speakers.named_in(record.source)
        if speaker is not None:
            # Where it came from names them in full: said as one person's feedback instead,
            # and their words, when they may be quoted, carry their first name only.
            first_name, may_quote = speaker
            came_from = ONE_PERSON
            if may_quote:
                quoted = first_name
            else:
                said = NOT_QUOTED
    return YouSaidWeDid(
        dated=record.dated,
        came_from=came_from,
        said=said,
        quoted=quoted,
        decided=record.decided,
        changed=record.changed,
        changed_on=record.changed_on,
        told=record.told_text,
        told_people=record.told_people,
    )


class _Speakers:
    """The register's names, folded, to find feedback that names a person.

    Matched as whole runs of words ("Siân ap Gwilym", "Sam Jones"): a full name, or a
    preferred name with the surname. A first name alone is too common to be sure of.
    """

    def __init__(self, session: Session, today: date) -> None:
        self._names: dict[str, tuple[str, bool]] = {}
        rows = session.execute(
            select(
                Person.first_name,
                Person.last_name,
                Person.preferred_name,
                Person.consent_given_on,
                Person.consent_to_quotes,
                Person.consent_withdrawn_on,
                Person.consent_review_on,
            )
        )
        for first, last, preferred, given_on, to_quotes, withdrawn_on, review_on in rows:
            consent = Consent(given_on=given_on, to_quotes=to_quotes, withdrawn_on=withdrawn_on)
            # Consent past its review date has lapsed, as for contact lists: not quoted.
            may_quote = (
                consent.to_quotes
                and consent.is_current(today)
                and not consent_lapsed(review_on, today)
            )
            for key in name_keys(first, last, preferred):
                # Two people of one name: never quote on the strength of either's consent.
                earlier = self._names.get(key)
                allowed = may_quote and (earlier is None or earlier[1])
                self._names[key] = (preferred or first, allowed)

    def named_in(self, text: str) -> tuple[str, bool] | None:
        for run in name_runs(text):
            found = self._names.get(run)
            if found is not None:
                return found
        return None


def name_keys(first: str, last: str, preferred: str | None) -> set[str]:
    """The ways free text is taken to name a person (folded): their full name, or the name
    they prefer with their surname. None without a surname: a first name alone is too common
    to be sure of."""
    if not last:
        return set()
    names = {f"{first} {last}", f"{preferred} {last}" if preferred else ""} - {""}
    return {folded_words(name) for name in names}


def name_runs(text: str) -> Iterator[str]:
    """Runs of two to LONGEST_NAME_WORDS words of `text`, folded, the longest first: the
    pieces that may be someone's `name_keys`."""
    words = folded_words(text).split()
    for size in range(min(LONGEST_NAME_WORDS, len(words)), 1, -1):
        for start in range(len(words) - size + 1):
            yield " ".join(words[start : start + size])


def folded_words(text: str) -> str:
    """`text` folded to compare names: lower case, no accents, apostrophes inside a name
    joined ("O'Brien" -> "obrien"), a possessive dropped ("Nia Hughes's" -> "nia hughes"),
    other marks as spaces."""
    bare = without_apostrophes(POSSESSIVE.sub("", text))
    cleaned = "".join(ch if ch.isalnum() else " " for ch in fold(bare))
    return " ".join(cleaned.split())


def _plan_by_area(session: Session, strategy_id: int, today: date) -> tuple[PlanArea, ...]:
    rows = plan_rows(session, strategy_id, PlanView(), today)
    areas = []
    for area in StandardsArea:
        items = tuple(
            PlanLine(row.action, row.status.label, row.due_on, row.overdue, row.lead)
            for row in rows
            if row.area is area
        )
        if items:
            areas.append(PlanArea(area, items))
    return tuple(areas)
