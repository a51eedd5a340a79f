"""The prompts that keep practice honest: what has been left undone after an activity.

Each count is the length of the activity list its "Show them" link opens (the same
`ActivityFilter`, so the same SQL in `activity_list.py`): the number on the prompt and the
rows it leads to can never disagree. The activity list and Home both call this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import ImpactRecord
from involve_desktop.services.activity_list import ActivityFilter, activity_query
from involve_desktop.services.organisation import load_organisation

DEFAULT_IMPACT_DUE_WEEKS = 6


@dataclass(frozen=True)
class PracticePromptCounts:
    attendance_not_recorded: int  # past activities with nobody marked as there or not
    impact_overdue: int  # activities more than `impact_due_weeks` old with no impact record
    impact_not_told: int  # activities with a "you said, we did" not yet reported back
    feedback_not_told: int  # impact records from outside an activity, not yet reported back
    impact_due_weeks: int

    @property
    def total(self) -> int:
        return (
            self.attendance_not_recorded
            + self.impact_overdue
            + self.impact_not_told
            + self.feedback_not_told
        )

    @property
    def attendance_filter(self) -> ActivityFilter:
        return ActivityFilter(attendance_not_recorded=True)

    @property
    def impact_overdue_filter(self) -> ActivityFilter:
        return ActivityFilter(impact_overdue_weeks=self.impact_due_weeks)

    @property
    def impact_not_told_filter(self) -> ActivityFilter:
        return ActivityFilter(impact_not_told=True)


def practice_prompts(session: Session, today: date) -> PracticePromptCounts:
    organisation = load_organisation(session)
    weeks = organisation.impact_due_weeks if organisation else DEFAULT_IMPACT_DUE_WEEKS
    shell = PracticePromptCounts(0, 0, 0, 0, weeks)

    def count(chosen: ActivityFilter) -> int:
        matching = activity_query(chosen, today).order_by(None).subquery()
        return int(session.scalar(select(func.count()).select_from(matching)) or 0)

    return PracticePromptCounts(
        attendance_not_recorded=count(shell.attendance_filter),
        impact_overdue=count(shell.impact_overdue_filter),
        impact_not_told=count(shell.impact_not_told_filter),
        feedback_not_told=int(
            session.scalar(
                select(func.count())
                .select_from(ImpactRecord)
                .where(ImpactRecord.activity_id.is_(None), ImpactRecord.told_people.is_(False))
            )
            or 0
        ),
        impact_due_weeks=weeks,
    )
