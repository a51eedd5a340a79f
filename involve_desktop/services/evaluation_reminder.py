"""The reminder of the yearly evaluation: from some weeks before its date (Settings) until
it is signed off. Plain data, so the evaluation screen and Home can both show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from involve_desktop.db.cycle_models import Evaluation
from involve_desktop.domain.evaluation_rules import DEFAULT_REMINDER_WEEKS, evaluation_due_on
from involve_desktop.domain.financial_year import DEFAULT_YEAR_START, year_containing, year_label
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.learning_cycle import EvaluationStatus
from involve_desktop.services.organisation import load_organisation


class ReminderState(StrEnum):
    COMING_UP = "coming up"
    DUE_TODAY = "due today"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class EvaluationReminder:
    year_first: date
    label: str  # the year: "2025/26"
    due_on: date
    evaluation_id: int | None  # None until it is started
    state: ReminderState
    text: str


def evaluation_reminder(session: Session, today: date) -> EvaluationReminder | None:
    """The evaluation to see to now, if any.

    It is the one whose reminder started most recently: once this year's reminder starts,
    last year's evaluation, if never signed off, gives way to it rather than nagging for ever
    (a charity that missed a year is better helped to do the next one).
    """
    organisation = load_organisation(session)
    if organisation is None:
        start, month, day, weeks = DEFAULT_YEAR_START, 3, 1, DEFAULT_REMINDER_WEEKS
    else:
        start = organisation.year_start
        month, day = organisation.evaluation_month, organisation.evaluation_day
        weeks = organisation.evaluation_reminder_weeks
    this_first, _last = year_containing(today, start)
    last_first, _last = year_containing(this_first - timedelta(days=1), start)
    for first in (this_first, last_first):
        due = evaluation_due_on(first, month, day)
        if today < due - timedelta(weeks=weeks):
            continue
        row = session.execute(
            select(Evaluation.id, Evaluation.status).where(Evaluation.year_start == first)
        ).first()
        if row is not None and row.status == EvaluationStatus.SIGNED_OFF.value:
            return None
        state = (
            ReminderState.COMING_UP
            if today < due
            else ReminderState.DUE_TODAY
            if today == due
            else ReminderState.OVERDUE
        )
        label = year_label(first)
        return EvaluationReminder(
            first, label, due, row.id if row else None, state, reminder_text(label, due, today)
        )
    return None


def reminder_text(label: str, due: date, today: date) -> str:
    """'The yearly evaluation of 2025/26 is due on 1 March 2026, in 3 weeks.'"""
    opening = f"The yearly evaluation of {label}"
    if due == today:
        return f"{opening} is due today."
    if due > today:
        return f"{opening} is due on {long_date(due)}, {_in_time(due - today)}."
    return f"{opening} was due on {long_date(due)}, {_time_ago(today - due)}."


def _span(days: int) -> str:
    if days >= 60:
        months = round(days / 30.44)
        return f"{months} months"
    if days >= 14:
        return f"{days // 7} weeks"
    return "1 day" if days == 1 else f"{days} days"


def _in_time(gap: timedelta) -> str:
    return "tomorrow" if gap.days == 1 else f"in {_span(gap.days)}"


def _time_ago(gap: timedelta) -> str:
    return "yesterday" if gap.days == 1 else f"{_span(gap.days)} ago"
