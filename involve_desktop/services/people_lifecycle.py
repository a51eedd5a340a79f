"""Archiving, deleting and what goes with a person.

`PERSON_LINKS` names every table that points at a person. Delete reads it to say what goes
with them and to remove it; merge reads it to move everything to the record that is kept.
Each area that adds a table pointing at people adds it here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from involve_desktop.db.cycle_models import ActionItemPerson, EvaluationPerson
from involve_desktop.db.models import (
    AttendanceRecord,
    LevelChange,
    Person,
    PersonBarrier,
    PersonSearchWords,
    TrainingRecord,
    person_chosen_option,
)
from involve_desktop.db.money_models import BudgetHolder, Claim
from involve_desktop.domain.activities import Attendance
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.roles import Permission
from involve_desktop.errors import KnownError
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people import PERSON, PersonNotFound
from involve_desktop.services.permissions import Actor, require


@dataclass(frozen=True)
class PersonLink:
    """A table whose rows belong to a person.

    `one_per_value` is set when a person has each value once (a role, a place on an
    activity): a merge then keeps one row per value instead of moving duplicates. The value
    is the row's primary key without the person, or `value_columns` when given.
    `shown` is False for bookkeeping rows that a user would not call records.
    `detach_on_delete` keeps the rows when the person is deleted, with no person (an
    activity keeps its numbers); otherwise they are deleted with the person.
    """

    table: Table
    person_column: str
    singular: str
    plural: str
    one_per_value: bool = False
    shown: bool = True
    value_columns: tuple[str, ...] = ()
    detach_on_delete: bool = False
    # Called by a merge before rows the kept record already has are dropped, so that the
    # dropped row's news can be kept (a merged record "attended" where the kept one was
    # only "invited").
    before_merge: Callable[[Session, int, int], None] | None = None

    def column(self):  # type: ignore[no-untyped-def]
        return self.table.c[self.person_column]


def _keep_the_stronger_attendance(session: Session, keep_id: int, merge_id: int) -> None:
    attended = Attendance.ATTENDED.value
    merged_attended = select(AttendanceRecord.activity_id).where(
        AttendanceRecord.person_id == merge_id, AttendanceRecord.status == attended
    )
    session.execute(
        update(AttendanceRecord)
        .where(
            AttendanceRecord.person_id == keep_id,
            AttendanceRecord.status != attended,
            AttendanceRecord.activity_id.in_(merged_attended.scalar_subquery()),
        )
        .values(status=attended)
        .execution_options(synchronize_session=False)
    )


PERSON_LINKS: list[PersonLink] = [
    PersonLink(person_chosen_option, "person_id", "role or interest", "roles and interests", True),
    PersonLink(PersonBarrier.__table__, "person_id", "barrier", "barriers", True),
    PersonLink(
        LevelChange.__table__,
        "person_id",
        "participation level change",
        "participation level changes",
    ),
    PersonLink(TrainingRecord.__table__, "person_id", "training record", "training records"),
    PersonLink(PersonSearchWords.__table__, "person_id", "", "", True, shown=False),
    PersonLink(
        AttendanceRecord.__table__,
        "person_id",
        "place in an activity",
        "places in activities",
        one_per_value=True,
        value_columns=("activity_id",),
        detach_on_delete=True,
        before_merge=_keep_the_stronger_attendance,
    ),
    # Money already claimed stays in the books when a person is deleted: budgets and past
    # years must still add up.
    PersonLink(Claim.__table__, "person_id", "claim", "claims", detach_on_delete=True),
    PersonLink(
        BudgetHolder.__table__,
        "person_id",
        "place in a group holding a budget",
        "places in groups holding a budget",
        True,
    ),
    PersonLink(
        ActionItemPerson.__table__, "person_id", "action in the plan", "actions in the plan", True
    ),
    PersonLink(
        EvaluationPerson.__table__,
        "person_id",
        "place in a yearly evaluation",
        "places in yearly evaluations",
        True,
    ),
]


def link_to_person(link: PersonLink) -> None:
    """Register another table that belongs to people (called by later areas at import)."""
    if all(existing.table is not link.table for existing in PERSON_LINKS):
        PERSON_LINKS.append(link)


@dataclass(frozen=True)
class LinkedCount:
    label: str
    count: int
    kept: bool = False  # kept without the person when they are deleted


def linked_records(session: Session, person_id: int) -> list[LinkedCount]:
    """What goes with a person if they are deleted, in words: '3 training records'."""
    counts = []
    for link in PERSON_LINKS:
        if not link.shown:
            continue
        number = session.scalar(
            select(func.count()).select_from(link.table).where(link.column() == person_id)
        )
        if number:
            label = link.singular if number == 1 else link.plural
            counts.append(LinkedCount(label, number, kept=link.detach_on_delete))
    return counts


def set_archived(
    session: Session, actor: Actor | None, person_ids: list[int], archived: bool
) -> int:
    """Archive (kept, hidden from everyday lists) or bring back; returns how many changed."""
    result = session.execute(
        update(Person)
        .where(Person.id.in_(person_ids), Person.archived.is_not(archived))
        .values(archived=archived, updated_at=datetime.now())
    )
    action = AuditAction.ARCHIVED_PERSON if archived else AuditAction.CHANGED_PERSON
    for person_id in person_ids:
        audit.record(session, actor, action, PERSON, person_id)
    return int(result.rowcount or 0)


def delete_person(session: Session, actor: Actor, person_id: int) -> None:
    """Delete a person and everything that is theirs. Needs the 'delete people' permission."""
    require(actor, Permission.DELETE_PEOPLE)
    if session.get(Person, person_id) is None:
        raise PersonNotFound()
    waiting = session.scalar(
        select(func.count()).where(
            Claim.person_id == person_id,
            Claim.status.in_([ClaimStatus.SUBMITTED.value, ClaimStatus.APPROVED.value]),
        )
    )
    if waiting:
        raise KnownError(
            f"This person has {waiting} claim{'s' if waiting > 1 else ''} waiting for approval "
            "or payment. Pay or reject them first, so nobody is left owed money with no record "
            "of who they are."
        )
    for link in PERSON_LINKS:
        if link.detach_on_delete:
            session.execute(
                update(link.table)
                .where(link.column() == person_id)
                .values({link.person_column: None})
            )
        else:
            session.execute(delete(link.table).where(link.column() == person_id))
    session.execute(delete(Person).where(Person.id == person_id))
    audit.record(session, actor, AuditAction.DELETED_PERSON, PERSON, person_id)
