"""Where Home's jobs and charts lead: an area of the main window, and what its screen is to
show there, so one click opens exactly the rows a count or a chart stands for.

Screens never call each other: Home emits a `Destination`, and the main window opens the
area and hands its screen to `show` (main_window.MainWindow.open_area).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.services.activity_list import ActivityFilter, ActivitySort
from involve_desktop.services.home_jobs import JobKind
from involve_desktop.services.people_list import PeopleFilter
from involve_desktop.services.practice_prompts import PracticePromptCounts

Period = tuple[date, date]


def _nothing_more(_screen: Any) -> None:
    """The area itself is the destination (the yearly evaluation, say)."""


@dataclass(frozen=True)
class Destination:
    area: str  # an Area key in ui/areas.py
    show: Callable[[Any], None] = _nothing_more  # given the area's screen


def job_destination(kind: JobKind, impact_due_weeks: int) -> Destination | None:
    """Where a job's link leads; None for the retention job, which opens a dialog."""
    prompts = PracticePromptCounts(0, 0, 0, 0, impact_due_weeks)
    leads: dict[JobKind, Destination] = {
        JobKind.CLAIMS_TO_APPROVE: Destination(
            "claims", lambda screen: screen.show_only_status(ClaimStatus.SUBMITTED)
        ),
        JobKind.CLAIMS_TO_PAY: Destination(
            "claims", lambda screen: screen.show_only_status(ClaimStatus.APPROVED)
        ),
        JobKind.CONSENT_REVIEWS: Destination(
            "people", lambda screen: screen.show_filter(PeopleFilter(consent_review_due=True))
        ),
        JobKind.ATTENDANCE_NOT_RECORDED: Destination(
            "activities", lambda screen: screen.show_filter(prompts.attendance_filter)
        ),
        JobKind.IMPACT_OVERDUE: Destination(
            "activities", lambda screen: screen.show_filter(prompts.impact_overdue_filter)
        ),
        JobKind.NOT_TOLD: Destination("impact", lambda screen: screen.show_not_told()),
        JobKind.PLAN_OVERDUE: Destination("plan", lambda screen: screen.show_overdue()),
        JobKind.EVALUATION: Destination("evaluation"),
        JobKind.STRATEGY_REVIEW: Destination("plan", lambda screen: screen.show_strategy()),
        JobKind.BACKUP: Destination("backup", lambda screen: screen.focus_first()),
    }
    return leads.get(kind)


def activities_of(
    period: Period, *, power: PowerShared | None = None, kind: str = ""
) -> Destination:
    """The year's activities: of one kind or one step of power shared, or all of them
    sorted by power shared, the chart's order."""
    chosen = ActivityFilter(period=period, kind=kind, power_shared=power)
    if power is None and not kind:
        chosen = ActivityFilter(period=period, sort=ActivitySort.POWER)
    return Destination("activities", lambda screen: screen.show_filter(chosen))


def participation_in(period: Period) -> Destination:
    return Destination("participation", lambda screen: screen.show_year(period))


def impact_in(period: Period) -> Destination:
    return Destination("impact", lambda screen: screen.show_year(period))


def budgets_in(period: Period) -> Destination:
    return Destination("budgets", lambda screen: screen.show_year(period))


def register() -> Destination:
    return Destination("people", lambda screen: screen.show_filter(PeopleFilter()))
