"""The retention routine: who is past the charity's retention point, what removing them would
remove, and the two things a person can choose to do about it (anonymise or delete).

Last involvement is `last_involved_on`, or `joined_on` for someone never involved. Anonymised
people are never listed again. People with a claim still open (submitted or approved, not yet
paid or rejected) are held back: the claim still has to be paid or turned down, and that needs
to know who it is for.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Organisation, Person
from involve_desktop.db.money_models import Claim
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.retention import DEFAULT_RETENTION_YEARS, retention_cutoff

OPEN_CLAIM_STATUSES = (ClaimStatus.SUBMITTED.value, ClaimStatus.APPROVED.value)


def retention_years(session: Session) -> int:
    years = session.scalar(select(Organisation.retention_years).where(Organisation.id == 1))
    return years or DEFAULT_RETENTION_YEARS


def _last_involvement() -> ColumnElement:
    return func.coalesce(Person.last_involved_on, Person.joined_on)


def _has_open_claim() -> ColumnElement[bool]:
    return exists().where(and_(Claim.person_id == Person.id, Claim.status.in_(OPEN_CLAIM_STATUSES)))


def _past_the_point(session: Session, today: date) -> ColumnElement[bool]:
    cutoff = retention_cutoff(today, retention_years(session))
    return and_(Person.anonymised_on.is_(None), _last_involvement() < cutoff)


def count_past_retention(session: Session, today: date) -> int:
    """How many people the retention routine offers to anonymise or delete today (past the
    point and not held back by an open claim); Home shows this as a job when it is not 0."""
    query = (
        select(func.count())
        .select_from(Person)
        .where(_past_the_point(session, today), ~_has_open_claim())
    )
    return session.scalar(query) or 0
