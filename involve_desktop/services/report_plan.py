"""The action plan as it is printed: the items the plan list shows (all of them, or the view
chosen on screen), grouped by standards area, with overdue said in words and the view said
in words too ("Open actions, Practice only"), so a printed page never looks like the whole
plan when it is not.

Plain frozen data for `exports/action_plan_pdf.py`, read through the list's own
`action_plan_rows.plan_rows` so paper and screen agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.learning_cycle import ItemStatus, StandardsArea
from involve_desktop.domain.plan_records import period_text
from involve_desktop.domain.terms import DEFAULT_TERMS, PeopleTerms
from involve_desktop.errors import KnownError
from involve_desktop.services.action_plan import plan_period
from involve_desktop.services.action_plan_rows import (
    ALL,
    OPEN,
    PlanRow,
    PlanView,
    plan_choices,
    plan_counts,
    plan_rows,
)
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.staff import list_staff

OVERDUE = "Overdue"
NO_DUE_DATE = "No date set"
NOBODY_YET = "Nobody yet"

_ONE_STATUS = {
    ItemStatus.NOT_STARTED: "Actions not started",
    ItemStatus.IN_PROGRESS: "Actions in progress",
    ItemStatus.DONE: "Actions done",
    ItemStatus.DROPPED: "Actions dropped",
}


class NoPlanToPrint(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "There is no action plan to print yet: the plan belongs to the current strategy."
        )


@dataclass(frozen=True)
class PlanLine:
    """One action as printed: every cell already in words."""

    action: str
    lead: str  # the staff member who leads it, or NOBODY_YET
    with_whom: str  # people from the register, then anyone else ('' when nobody)
    # "Overdue since 27 October 2026", "Due 30 November 2026", "Done 3 January 2026", or
    # NO_DUE_DATE: written out, as every printed document writes dates.
    due: str
    overdue: bool
    status: str  # "In progress"
    progress: str  # "12 November 2026: First meeting held…", '' when no note yet
    raised_by: str  # "Raised by the 2025/26 evaluation", '' when typed straight into the plan


@dataclass(frozen=True)
class PlanArea:
    area: StandardsArea
    heading: str  # "Practice"
    meaning: str  # "How involvement is done, day to day, with everyone"
    lines: tuple[PlanLine, ...]


@dataclass(frozen=True)
class PlanReport:
    title: str  # the strategy's title
    period_start: date
    period_end: date
    version: int
    replaced: bool  # the plan of a strategy that has been replaced, kept as its record
    as_of: date  # overdue is judged on this day
    open: int  # the whole plan's counts, whatever is shown
    overdue: int
    done: int
    shown: str  # "All actions", "Open actions, Practice only"
    filtered: bool  # some items of the plan are left out of this print
    areas: tuple[PlanArea, ...]  # every area the view includes, in order, even when empty
    terms: PeopleTerms

    @property
    def period(self) -> str:
        return period_text(self.period_start, self.period_end)

    @property
    def counts_text(self) -> str:
        """'12 open · 3 overdue · 5 done' for the whole plan."""
        return f"{self.open:,} open \u00b7 {self.overdue:,} overdue \u00b7 {self.done:,} done"

    @property
    def line_count(self) -> int:
        return sum(len(area.lines) for area in self.areas)


def plan_report(
    session: Session,
    strategy_id: int | None,
    view: PlanView,
    today: date,
    since: datetime | None = None,
    viewer_id: int | None = None,
) -> PlanReport:
    """The plan of `strategy_id` (the current strategy's when None) as `view` shows it on
    `today`. `since` and `viewer_id` are the screen's last look, for a "moved" view."""
    if strategy_id is None:
        choices = [choice for choice in plan_choices(session) if not choice.read_only]
        if not choices:
            raise NoPlanToPrint()
        strategy_id = choices[0].strategy_id
    start, end, title, read_only = plan_period(session, strategy_id)
    version = next(
        (choice.version for choice in plan_choices(session) if choice.strategy_id == strategy_id),
        0,
    )
    rows = plan_rows(session, strategy_id, view, today, since, viewer_id)
    counts = plan_counts(session, strategy_id, today, since, viewer_id)
    organisation = load_organisation(session)
    areas = [view.area] if view.area is not None else list(StandardsArea)
    lead_name = _lead_name(session, view.staff_id)
    return PlanReport(
        title=title,
        period_start=start,
        period_end=end,
        version=version,
        replaced=read_only,
        as_of=today,
        open=counts.open,
        overdue=counts.overdue,
        done=counts.by_status.get(ItemStatus.DONE, 0),
        shown=view_words(view, lead_name),
        filtered=view != PlanView(status=ALL),
        areas=tuple(
            PlanArea(
                area=area,
                heading=area.label,
                meaning=area.meaning[:1].upper() + area.meaning[1:],
                lines=tuple(plan_line(row) for row in rows if row.area is area),
            )
            for area in areas
        ),
        terms=organisation.terms if organisation is not None else DEFAULT_TERMS,
    )


def plan_line(row: PlanRow) -> PlanLine:
    return PlanLine(
        action=row.action,
        lead=row.lead or NOBODY_YET,
        with_whom=row.with_whom,
        due=due_words(row),
        overdue=row.overdue,
        # A dropped action says why, so a reader of the printed plan is not left guessing.
        status=f"{row.status.label}: {row.dropped_reason}"
        if row.dropped_reason
        else row.status.label,
        progress=(
            f"{long_date(row.last_progress_on)}: {row.last_progress}"
            if row.last_progress and row.last_progress_on
            else row.last_progress
        ),
        raised_by=f"Raised by the {row.from_evaluation} evaluation" if row.from_evaluation else "",
    )


def due_words(row: PlanRow) -> str:
    """When it is due, with overdue said in words rather than by colour."""
    if row.overdue:
        return f"{OVERDUE} since {long_date(row.due_on)}"
    if row.status is ItemStatus.DONE and row.done_on is not None:
        return f"Done {long_date(row.done_on)}"
    if row.due_on is None:
        return NO_DUE_DATE
    return f"Due {long_date(row.due_on)}"


def view_words(view: PlanView, lead_name: str = "") -> str:
    """The view in words, the way a reader would ask for it: 'Open actions, Practice only'."""
    if view.status == ALL:
        said = "All actions"
    elif view.status == OPEN:
        said = "Open actions"
    else:
        said = _ONE_STATUS[ItemStatus(view.status)]
    parts = [said]
    if view.area is not None:
        parts.append(f"{view.area.label} only")
    if view.overdue_only:
        parts.append("overdue only")
    if view.moved_only:
        parts.append("changed since last looked at")
    if view.staff_id is not None:
        parts.append(f"led by {lead_name}" if lead_name else "led by one staff member")
    if view.text.strip():
        parts.append(f"with the words \u201c{view.text.strip()}\u201d")
    return ", ".join(parts)


def _lead_name(session: Session, staff_id: int | None) -> str:
    if staff_id is None:
        return ""
    return next((member.name for member in list_staff(session) if member.id == staff_id), "")
