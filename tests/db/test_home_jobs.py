"""Today's jobs on Home: each count is the length of the list its link opens, a job with
nothing to do is left out, and the words are right for one and for many."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import update

from involve_desktop.db.backup_models import BackupSettings
from involve_desktop.db.engine import Database
from involve_desktop.db.models import Person
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.learning_cycle import ItemStatus
from involve_desktop.services import backup_settings
from involve_desktop.services.action_plan_rows import PlanView, plan_rows
from involve_desktop.services.activity_list import matching_activity_ids
from involve_desktop.services.claim_list import ClaimFilter, matching_claim_ids
from involve_desktop.services.claim_workflow import approve_claim
from involve_desktop.services.home_jobs import Job, JobKind, todays_jobs
from involve_desktop.services.impact import ImpactFilter, list_impact
from involve_desktop.services.people_list import PeopleFilter, matching_ids
from involve_desktop.services.permissions import Actor
from involve_desktop.services.practice_prompts import practice_prompts
from involve_desktop.services.retention import count_past_retention
from involve_desktop.services.strategy import current_strategy
from tests.db.claim_helpers import TODAY, add_claimant, fee, money_team, submitted
from tests.db.impact_helpers import add_activity, add_impact
from tests.db.plan_helpers import add_item, make_strategy


def jobs_of(database: Database, today: date = TODAY) -> dict[JobKind, Job]:
    with database.session_scope() as session:
        jobs = todays_jobs(session, today)
    assert [job.kind for job in jobs] == sorted(
        (job.kind for job in jobs), key=list(JobKind).index
    ), "in the order Home shows them"
    return {job.kind: job for job in jobs}


def set_person(database: Database, person_id: int, **values: object) -> None:
    with database.session_scope() as session:
        session.execute(update(Person).where(Person.id == person_id).values(**values))


def backed_up_on(database: Database, when: datetime) -> None:
    with database.session_scope() as session:
        backup_settings.load(session)  # makes the settings row
        session.execute(update(BackupSettings).values(last_removable_backup_at=when))


@pytest.fixture
def busy(database: Database) -> Actor:
    """A charity with something of every kind to do on 26 November 2026."""
    admin, _approver, worker = money_team(database)
    people = {name: add_claimant(database, name, "Jones") for name in ("Ann", "Bo", "Cy", "Di")}
    submitted(database, worker, people["Ann"], fee(100))
    to_pay = submitted(database, worker, people["Bo"], fee(200))
    with database.session_scope() as session:
        approve_claim(session, admin, to_pay)
    submitted(database, worker, people["Cy"], fee(300))
    set_person(database, people["Ann"], consent_review_on=TODAY - timedelta(days=3))
    set_person(database, people["Bo"], consent_review_on=TODAY + timedelta(days=10))
    set_person(database, people["Cy"], consent_review_on=TODAY + timedelta(days=90))
    set_person(database, people["Di"], last_involved_on=date(2019, 1, 1))
    add_activity(database, "Coffee morning", TODAY - timedelta(days=3))
    add_activity(database, "Summer fair", TODAY - timedelta(weeks=20))
    add_activity(database, "Next panel", TODAY + timedelta(days=3))
    add_impact(database, "More evening sessions")
    add_impact(database, "Easier forms", told_people=True, told_on=TODAY)
    with database.session_scope() as session:
        plan = make_strategy(session, review_on=TODAY - timedelta(days=1))
        add_item(session, plan, "Pay people on time", due_on=TODAY - timedelta(days=7))
        add_item(session, plan, "Train staff", due_on=TODAY + timedelta(days=7))
        add_item(session, plan, "Old job", status=ItemStatus.DONE, due_on=date(2026, 1, 1))
    return admin


def test_each_count_is_the_length_of_the_list_it_opens(database: Database, busy):
    # GIVEN a charity with claims, consent reviews, activities, impact, a plan and old records
    # WHEN Home asks for today's jobs
    jobs = jobs_of(database)

    # THEN each count is the number of rows its list shows
    with database.session_scope() as session:
        prompts = practice_prompts(session, TODAY)
        plan_id = current_strategy(session).id  # type: ignore[union-attr]
        lists = {
            JobKind.CLAIMS_TO_APPROVE: matching_claim_ids(
                session, ClaimFilter(status=ClaimStatus.SUBMITTED)
            ),
            JobKind.CLAIMS_TO_PAY: matching_claim_ids(
                session, ClaimFilter(status=ClaimStatus.APPROVED)
            ),
            JobKind.CONSENT_REVIEWS: matching_ids(
                session, PeopleFilter(consent_review_due=True), today=TODAY
            ),
            JobKind.ATTENDANCE_NOT_RECORDED: matching_activity_ids(
                session, prompts.attendance_filter, today=TODAY
            ),
            JobKind.IMPACT_OVERDUE: matching_activity_ids(
                session, prompts.impact_overdue_filter, today=TODAY
            ),
            JobKind.NOT_TOLD: list_impact(session, ImpactFilter(not_told=True)),
            JobKind.PLAN_OVERDUE: plan_rows(session, plan_id, PlanView(overdue_only=True), TODAY),
        }
        retention = count_past_retention(session, TODAY)
    for kind, rows in lists.items():
        assert jobs[kind].count == len(rows), kind
    assert [len(rows) for rows in lists.values()] == [2, 1, 2, 2, 1, 1, 1]
    assert jobs[JobKind.RETENTION].count == retention == 1
    assert jobs[JobKind.BACKUP].count == jobs[JobKind.STRATEGY_REVIEW].count == 1


def test_the_words_say_how_many_in_the_charitys_word_and_what_is_overdue(database: Database, busy):
    jobs = jobs_of(database)

    assert jobs[JobKind.CLAIMS_TO_APPROVE].text == "2 claims waiting for approval"
    assert jobs[JobKind.CLAIMS_TO_APPROVE].action == "Approve them"
    assert jobs[JobKind.CLAIMS_TO_PAY].text == "1 claim approved and waiting to be paid"
    assert jobs[JobKind.CLAIMS_TO_PAY].action == "Pay it"
    consent = jobs[JobKind.CONSENT_REVIEWS]
    assert consent.text == "Consent to review for 2 experts by experience (1 past the review date)"
    assert consent.overdue
    assert jobs[JobKind.ATTENDANCE_NOT_RECORDED].text == (
        "2 past activities have no attendance recorded"
    )
    assert jobs[JobKind.IMPACT_OVERDUE].text == (
        "1 activity held more than 6 weeks ago has no \u201cyou said, we did\u201d record"
    )
    assert jobs[JobKind.NOT_TOLD].text == (
        "1 \u201cyou said, we did\u201d record not yet reported back to the experts by "
        "experience who had their say"
    )
    assert not jobs[JobKind.NOT_TOLD].overdue
    assert jobs[JobKind.PLAN_OVERDUE].text == "1 action-plan item is past the date due"
    assert jobs[JobKind.STRATEGY_REVIEW].text == (
        "The strategy's review date, 25 November 2026, has passed"
    )
    assert jobs[JobKind.STRATEGY_REVIEW].overdue
    assert jobs[JobKind.BACKUP].text == (
        "Your records have never been backed up to a USB stick or another drive"
    )
    assert jobs[JobKind.RETENTION].text == (
        "1 expert by experience is past the time your organisation keeps records"
    )


def test_approving_a_claim_moves_it_from_approval_to_payment(database: Database, busy):
    # GIVEN two claims waiting for approval and one for payment
    before = jobs_of(database)
    assert (before[JobKind.CLAIMS_TO_APPROVE].count, before[JobKind.CLAIMS_TO_PAY].count) == (2, 1)

    # WHEN both waiting claims are approved
    with database.session_scope() as session:
        for claim_id in matching_claim_ids(session, ClaimFilter(status=ClaimStatus.SUBMITTED)):
            approve_claim(session, busy, claim_id)

    # THEN the approval job is gone and the payment job counts three, in the plural
    after = jobs_of(database)
    assert JobKind.CLAIMS_TO_APPROVE not in after
    assert after[JobKind.CLAIMS_TO_PAY].text == "3 claims approved and waiting to be paid"
    assert after[JobKind.CLAIMS_TO_PAY].action == "Pay them"


def test_a_charity_with_nothing_to_do_has_only_the_yearly_jobs(database: Database):
    # GIVEN an empty register backed up yesterday, on a day no evaluation is near
    backed_up_on(database, datetime(2026, 6, 9, 10, 0))
    jobs = jobs_of(database, date(2026, 6, 10))

    # THEN nothing is listed but last year's evaluation, never signed off
    assert list(jobs) == [JobKind.EVALUATION]
    assert jobs[JobKind.EVALUATION].text == (
        "The yearly evaluation of 2025/26 was due on 1 March 2026, 3 months ago."
    )
    assert jobs[JobKind.EVALUATION].overdue


def test_an_old_backup_says_when_it_was(database: Database):
    backed_up_on(database, datetime(2026, 11, 14, 10, 0))
    with database.session_scope() as session:
        interval = backup_settings.load(session).interval_days
    job = jobs_of(database)[JobKind.BACKUP]
    assert job.text == (
        f"Last backup to a stick was 12 days ago: over the {interval} days your organisation chose"
    )
    assert (job.count, job.overdue, job.action) == (1, True, "Back up now")


def test_a_strategy_review_coming_up_is_not_yet_overdue(database: Database):
    with database.session_scope() as session:
        make_strategy(session, review_on=date(2026, 12, 10))
    job = jobs_of(database)[JobKind.STRATEGY_REVIEW]
    assert job.text == "The strategy is due for review on 10 December 2026"
    assert not job.overdue
