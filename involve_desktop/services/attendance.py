"""Who took part in an activity, in what role, and whether they came.

A person's participation history and their `last_involved_on` follow from attendance, so
nobody types them twice: every change here refreshes the people it touches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from involve_desktop.db.models import Activity, AttendanceRecord, Person
from involve_desktop.domain.activities import Attendance
from involve_desktop.domain.activity_record import ActivityDetails, AttendanceChanges
from involve_desktop.domain.person_record import display_name
from involve_desktop.errors import KnownError
from involve_desktop.services import audit
from involve_desktop.services.permissions import Actor

CHANGED_ATTENDANCE = "changed who took part"
REMOVED_FROM_REGISTER = "Someone no longer on the register"


@dataclass(frozen=True)
class Attendee:
    person_id: int | None  # None: the person has since been deleted from the register
    name: str
    role: str
    status: Attendance
    email: str = ""


@dataclass(frozen=True)
class Participation:
    """One line of a person's participation history."""

    activity_id: int
    held_on: date
    title: str
    role: str
    status: Attendance


def attendees(session: Session, activity_id: int) -> list[Attendee]:
    rows = session.execute(
        select(
            AttendanceRecord.person_id,
            AttendanceRecord.role,
            AttendanceRecord.status,
            Person.first_name,
            Person.last_name,
            Person.preferred_name,
            Person.email,
        )
        .outerjoin(Person, Person.id == AttendanceRecord.person_id)
        .where(AttendanceRecord.activity_id == activity_id)
        .order_by(Person.sort_key.is_(None), Person.sort_key, AttendanceRecord.id)
    )
    return [
        Attendee(
            person_id=row.person_id,
            name=(
                display_name(row.first_name, row.last_name, row.preferred_name)
                if row.person_id is not None
                else REMOVED_FROM_REGISTER
            ),
            role=row.role,
            status=Attendance(row.status),
            email=row.email or "",
        )
        for row in rows
    ]


def set_attendance(
    session: Session,
    actor: Actor | None,
    activity_id: int,
    person_id: int,
    *,
    role: str = "",
    status: Attendance = Attendance.INVITED,
    today: date | None = None,
) -> None:
    """Add a person to an activity, or change their role or attendance."""
    if session.get(Activity, activity_id) is None or session.get(Person, person_id) is None:
        raise KnownError("That activity or person is no longer in the records.")
    row = session.scalar(
        select(AttendanceRecord).where(
            AttendanceRecord.activity_id == activity_id, AttendanceRecord.person_id == person_id
        )
    )
    if row is None:
        row = AttendanceRecord(activity_id=activity_id, person_id=person_id)
        session.add(row)
    row.role = " ".join(role.split())[:80]
    row.status = status.value
    session.flush()
    refresh_last_involved(session, [person_id], today=today)
    audit.record(session, actor, CHANGED_ATTENDANCE, "activity", activity_id)


def invite(session: Session, actor: Actor | None, activity_id: int, person_ids: list[int]) -> int:
    """Add people as invited (those already listed keep what they have); returns how many."""
    present = set(
        session.scalars(
            select(AttendanceRecord.person_id).where(AttendanceRecord.activity_id == activity_id)
        )
    )
    added = [pid for pid in dict.fromkeys(person_ids) if pid not in present]
    for person_id in added:
        session.add(
            AttendanceRecord(
                activity_id=activity_id, person_id=person_id, status=Attendance.INVITED.value
            )
        )
    session.flush()
    if added:
        audit.record(session, actor, CHANGED_ATTENDANCE, "activity", activity_id)
    return len(added)


def remove_attendance(
    session: Session,
    actor: Actor | None,
    activity_id: int,
    person_id: int,
    *,
    today: date | None = None,
) -> None:
    session.execute(
        delete(AttendanceRecord).where(
            AttendanceRecord.activity_id == activity_id, AttendanceRecord.person_id == person_id
        )
    )
    refresh_last_involved(session, [person_id], today=today)
    audit.record(session, actor, CHANGED_ATTENDANCE, "activity", activity_id)


def only_invited_after_the_day(session: Session, activity_id: int, today: date) -> bool:
    """True for a past activity where nobody's attendance has been recorded yet."""
    activity = session.get(Activity, activity_id)
    if activity is None or activity.held_on >= today:
        return False
    statuses = set(
        session.scalars(
            select(AttendanceRecord.status).where(AttendanceRecord.activity_id == activity_id)
        )
    )
    return statuses == {Attendance.INVITED.value}


def participation_history(session: Session, person_id: int) -> list[Participation]:
    """Every activity a person was part of, newest first."""
    rows = session.execute(
        select(
            Activity.id,
            Activity.held_on,
            Activity.title,
            AttendanceRecord.role,
            AttendanceRecord.status,
        )
        .join(Activity, Activity.id == AttendanceRecord.activity_id)
        .where(AttendanceRecord.person_id == person_id)
        .order_by(Activity.held_on.desc(), Activity.id.desc())
    )
    return [
        Participation(row.id, row.held_on, row.title, row.role, Attendance(row.status))
        for row in rows
    ]


def refresh_last_involved(
    session: Session, person_ids: list[int], *, today: date | None = None
) -> None:
    """Set each person's last involvement from the activities they attended, up to today."""
    if not person_ids:
        return
    today = today or date.today()
    latest = (
        select(func.max(Activity.held_on))
        .join(AttendanceRecord, AttendanceRecord.activity_id == Activity.id)
        .where(
            AttendanceRecord.person_id == Person.id,
            AttendanceRecord.status == Attendance.ATTENDED.value,
            Activity.held_on <= today,
        )
        .scalar_subquery()
    )
    # With no attended activity on record, a date that came from elsewhere (a spreadsheet
    # import) is kept rather than wiped.
    session.execute(
        update(Person)
        .where(Person.id.in_(set(person_ids)))
        .values(last_involved_on=func.coalesce(latest, Person.last_involved_on))
        .execution_options(synchronize_session=False)
    )


def save_activity_and_attendance(
    session: Session,
    actor: Actor | None,
    details: ActivityDetails,
    activity_id: int | None,
    changes: AttendanceChanges,
    *,
    today: date,
) -> int:
    """The activity and its attendance in one unit of work (run through `ops.change`)."""
    from involve_desktop.services.activities import save_activity  # it imports this module

    saved_id = save_activity(session, actor, details, activity_id, today=today)
    for person_id in changes.to_remove:
        remove_attendance(session, actor, saved_id, person_id, today=today)
    for line in changes.to_set:
        assert line.person_id is not None
        set_attendance(
            session,
            actor,
            saved_id,
            line.person_id,
            role=line.role,
            status=line.status,
            today=today,
        )
    return saved_id
