"""Today's jobs on Home: each thing that needs someone's attention, with how many there are.

Every count is made by the same query or filter as the list its link opens (the Claims tab,
the People filter, the Activities prompts, "You said, we did", the action plan's "Overdue
only", the retention dialog), so the number on Home and the rows it leads to never disagree.
A job with nothing to do is left out. The words follow the screens the jobs lead to, in the
charity's own word for people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Person
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.formatting import long_date, plural
from involve_desktop.domain.learning_cycle import StrategyStatus
from involve_desktop.domain.terms import DEFAULT_TERMS, PeopleTerms
from involve_desktop.services import backup_settings
from involve_desktop.services.action_plan_rows import plan_counts
from involve_desktop.services.claim_list import ClaimFilter, listed_totals
from involve_desktop.services.evaluation_reminder import ReminderState, evaluation_reminder
from involve_desktop.services.impact import ImpactFilter, impact_query
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.people_list import PeopleFilter, matching_query
from involve_desktop.services.practice_prompts import practice_prompts
from involve_desktop.services.retention import count_past_retention
from involve_desktop.services.strategy import current_strategy, review_flag

# How long before its review date the strategy shows among the jobs: a month to arrange it.
STRATEGY_REVIEW_WARNING_DAYS = 30
YOU_SAID_WE_DID = "\u201cyou said, we did\u201d"


class JobKind(StrEnum):
    """In the order Home shows them."""

    CLAIMS_TO_APPROVE = "claims_to_approve"
    CLAIMS_TO_PAY = "claims_to_pay"
    CONSENT_REVIEWS = "consent_reviews"
    ATTENDANCE_NOT_RECORDED = "attendance_not_recorded"
    IMPACT_OVERDUE = "impact_overdue"
    NOT_TOLD = "not_told"
    PLAN_OVERDUE = "plan_overdue"
    EVALUATION = "evaluation"
    STRATEGY_REVIEW = "strategy_review"
    BACKUP = "backup"
    RETENTION = "retention"


@dataclass(frozen=True)
class Job:
    kind: JobKind
    count: int  # the number of rows the list it opens shows; 1 for one-off jobs
    text: str  # the whole line in plain words: "3 claims waiting for approval"
    overdue: bool  # something is past its date (the text says so too)
    action: str  # the link's words: "Approve them"


def todays_jobs(session: Session, today: date) -> list[Job]:
    """Only the jobs with something to do, in JobKind order."""
    organisation = load_organisation(session)
    terms = organisation.terms if organisation is not None else DEFAULT_TERMS
    found = [job for make in _JOBS for job in make(session, today, terms)]
    return sorted(found, key=lambda job: list(JobKind).index(job.kind))


def _count(session: Session, query: Select) -> int:  # type: ignore[type-arg]
    """How many rows a list's own query returns."""
    matching = query.order_by(None).subquery()
    return int(session.scalar(select(func.count()).select_from(matching)) or 0)


def _claims(session: Session, today: date, terms: PeopleTerms) -> list[Job]:
    jobs = []
    for kind, status, waiting, verb in (
        (JobKind.CLAIMS_TO_APPROVE, ClaimStatus.SUBMITTED, "waiting for approval", "Approve"),
        (JobKind.CLAIMS_TO_PAY, ClaimStatus.APPROVED, "approved and waiting to be paid", "Pay"),
    ):
        # The Claims screen's tab for this status lists exactly `ClaimFilter(status=...)`.
        count = listed_totals(session, ClaimFilter(status=status)).count
        if count:
            text = f"{plural(count, 'claim')} {waiting}"
            jobs.append(Job(kind, count, text, False, f"{verb} {_them(count)}"))
    return jobs


def _consent(session: Session, today: date, terms: PeopleTerms) -> list[Job]:
    # The People screen's own query for "Consent review due", with the review date beside
    # each id so that one pass also counts those already past it.
    due = (
        matching_query(PeopleFilter(consent_review_due=True), today)
        .add_columns(Person.consent_review_on)
        .order_by(None)
        .subquery()
    )
    count, past = session.execute(
        select(func.count(), func.count(case((due.c.consent_review_on < today, 1))))
    ).one()
    if not count:
        return []
    text = f"Consent to review for {terms.count(count)}"
    if past:
        text += f" ({past:,} past {'their' if past != 1 else 'the'} review date)"
    return [Job(JobKind.CONSENT_REVIEWS, count, text, past > 0, "Review them")]


def _practice(session: Session, today: date, terms: PeopleTerms) -> list[Job]:
    # The same counts, from the same filters, as the prompts above the activity list.
    prompts = practice_prompts(session, today)
    jobs = []
    attendance = prompts.attendance_not_recorded
    if attendance:
        has = "has" if attendance == 1 else "have"
        text = (
            f"{plural(attendance, 'past activity', 'past activities')} {has} no attendance recorded"
        )
        jobs.append(Job(JobKind.ATTENDANCE_NOT_RECORDED, attendance, text, True, "Show them"))
    overdue = prompts.impact_overdue
    if overdue:
        has = "has" if overdue == 1 else "have"
        text = (
            f"{plural(overdue, 'activity', 'activities')} held more than "
            f"{prompts.impact_due_weeks} weeks ago {has} no {YOU_SAID_WE_DID} record"
        )
        jobs.append(Job(JobKind.IMPACT_OVERDUE, overdue, text, True, "Show them"))
    return jobs


def _not_told(session: Session, today: date, terms: PeopleTerms) -> list[Job]:
    # The "You said, we did" list with "Not yet told" ticked.
    count = _count(session, impact_query(ImpactFilter(not_told=True)))
    if not count:
        return []
    records = plural(count, f"{YOU_SAID_WE_DID} record")
    text = f"{records} not yet reported back to the {terms.plural} who had their say"
    return [Job(JobKind.NOT_TOLD, count, text, False, "Show them")]


def _plan(session: Session, today: date, terms: PeopleTerms) -> list[Job]:
    strategy = current_strategy(session)
    if strategy is None:
        return []
    # The plan tab's "Overdue only" shows the current plan's items `plan_counts` counts.
    count = plan_counts(session, strategy.id, today).overdue
    if not count:
        return []
    # The panel already starts the line with "Overdue:", so the words say it another way.
    text = f"{plural(count, 'action-plan item')} {'is' if count == 1 else 'are'} past the date due"
    return [Job(JobKind.PLAN_OVERDUE, count, text, True, "Show them")]


def _evaluation(session: Session, today: date, terms: PeopleTerms) -> list[Job]:
    reminder = evaluation_reminder(session, today)
    if reminder is None:
        return []
    overdue = reminder.state is ReminderState.OVERDUE
    action = "Start it" if reminder.evaluation_id is None else "Carry on with it"
    return [Job(JobKind.EVALUATION, 1, reminder.text, overdue, action)]


def _strategy_review(session: Session, today: date, terms: PeopleTerms) -> list[Job]:
    strategy = current_strategy(session)
    if strategy is None or strategy.status is not StrategyStatus.CURRENT:
        return []
    review_on = strategy.details.review_on
    if review_on is None:
        return []
    if review_flag(strategy, today):  # the Strategy tab's own flag: the date has come
        when = "is today" if review_on == today else "has passed"
        text = f"The strategy's review date, {long_date(review_on)}, {when}"
        return [Job(JobKind.STRATEGY_REVIEW, 1, text, review_on < today, "Review it")]
    if review_on <= today + timedelta(days=STRATEGY_REVIEW_WARNING_DAYS):
        text = f"The strategy is due for review on {long_date(review_on)}"
        return [Job(JobKind.STRATEGY_REVIEW, 1, text, False, "Review it")]
    return []


def _backup(session: Session, today: date, terms: PeopleTerms) -> list[Job]:
    state = backup_settings.load(session)
    if not backup_settings.backup_due(state, today):
        return []
    last = state.last_removable_backup_at
    if last is None:
        text = "Your records have never been backed up to a USB stick or another drive"
    else:
        every = plural(state.interval_days, "day")
        text = (
            f"Last backup to a stick was {_days_ago(last.date(), today)}: "
            f"over the {every} your organisation chose"
        )
    return [Job(JobKind.BACKUP, 1, text, True, "Back up now")]


def _retention(session: Session, today: date, terms: PeopleTerms) -> list[Job]:
    count = count_past_retention(session, today)
    if not count:
        return []
    are = "is" if count == 1 else "are"
    text = f"{terms.count(count)} {are} past the time your organisation keeps records"
    return [Job(JobKind.RETENTION, count, text, True, "Choose what to do")]


def _them(count: int) -> str:
    return "it" if count == 1 else "them"


def _days_ago(day: date, today: date) -> str:
    days = (today - day).days
    return "yesterday" if days == 1 else f"{max(days, 0):,} days ago"


_JOBS: tuple[Callable[[Session, date, PeopleTerms], list[Job]], ...] = (
    _claims,
    _consent,
    _practice,
    _not_told,
    _plan,
    _evaluation,
    _strategy_review,
    _backup,
    _retention,
)
