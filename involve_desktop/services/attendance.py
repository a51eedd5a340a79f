"""Who took part in an activity, in what role, and whether they came.

A person's participation history and their `last_involved_on` follow from attendance, so
nobody types them twice: every change here refreshes the people it touches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, delete, func, or_, select, update
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
    _put_row(session, activity_id, person_id, role, status)
    refresh_last_involved(session, [person_id], today=today)
    audit.record(session, actor, CHANGED_ATTENDANCE, "activity", activity_id)


def _put_row(
    session: Session, activity_id: int, person_id: int, role: str, status: Attendance
) -> None:
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


def invite(
    session: Session,
    actor: Actor | None,
    activity_id: int,
    person_ids: list[int],
    *,
    today: date | None = None,
) -> int:
    """Add people as invited; returns how many were added.

    Those already listed keep what they have. The list was chosen a moment ago, so each
    person is checked again: still on the register, taking part, and consent allowing
    contact (the same rule as contact lists).
    """
    from involve_desktop.services.contact_lists import contactable  # it imports this module

    if session.get(Activity, activity_id) is None:
        raise KnownError("This activity is no longer in the records.")
    present = set(
        session.scalars(
            select(AttendanceRecord.person_id).where(AttendanceRecord.activity_id == activity_id)
        )
    )
    allowed = {
        contact.id for contact in contactable(session, person_ids, today=today or date.today())
    }
    added = [pid for pid in dict.fromkeys(person_ids) if pid not in present and pid in allowed]
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
    earlier = Person.involved_before_records_on
    # The later of the two; written with CASE because SQLite and PostgreSQL name the
    # two-value maximum differently.
    later_of_both = case(
        (latest.is_(None), earlier),
        (or_(earlier.is_(None), latest > earlier), latest),
        else_=earlier,
    )
    session.execute(
        update(Person)
        .where(Person.id.in_(set(person_ids)))
        .values(last_involved_on=later_of_both)
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
    touched = list(changes.to_remove)
    session.execute(
        delete(AttendanceRecord).where(
            AttendanceRecord.activity_id == saved_id,
            AttendanceRecord.person_id.in_(changes.to_remove),
        )
    )
    still_here = set(
        session.scalars(
            select(Person.id).where(
                Person.id.in_([line.person_id for line in changes.to_set if line.person_id])
            )
        )
    )
    for line in changes.to_set:
        # Someone deleted from the register while the activity was open is left out: their
        # earlier place, if any, is kept without their name.
        if line.person_id in still_here:
            _put_row(session, saved_id, line.person_id, line.role, line.status)
            touched.append(line.person_id)
    refresh_last_involved(session, touched, today=today)
    if changes:
        audit.record(session, actor, CHANGED_ATTENDANCE, "activity", saved_id)
    return saved_id
