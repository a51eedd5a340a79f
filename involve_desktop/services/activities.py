"""Involvement activities: read and save one, delete one, and the charity's lists of kinds
and areas. Who took part is in `attendance.py`; the list in `activity_list.py`."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Activity, ActivityOption, AttendanceRecord, ImpactRecord
from involve_desktop.domain.activities import ActivityList, PlaceAccess, PowerShared
from involve_desktop.domain.activity_record import ActivityDetails, validate_activity
from involve_desktop.domain.person_record import line, lines
from involve_desktop.domain.search_words import searchable_text
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.attendance import refresh_last_involved
from involve_desktop.services.permissions import Actor

ACTIVITY = "activity"
DELETED_ACTIVITY_SOURCE = "An activity since deleted"
MAX_OPTION_NAME = 80


class ActivityNotFound(KnownError):
    def __init__(self) -> None:
        super().__init__("This activity is no longer in the records. The list is refreshed.")


class ActivityAction:
    CHANGED = "changed an activity"
    DELETED = "deleted an activity"


def load_activity(session: Session, activity_id: int) -> ActivityDetails:
    activity = _get(session, activity_id)
    names = _option_names(session)
    return ActivityDetails(
        title=activity.title,
        purpose=activity.purpose,
        held_on=activity.held_on,
        kind=names.get(activity.kind_id, ""),
        area=names.get(activity.area_id, ""),
        power_shared=PowerShared(activity.power_shared),
        starts_at=activity.starts_at,
        duration_minutes=activity.duration_minutes,
        place=activity.place,
        place_access=PlaceAccess(activity.place_accessible) if activity.place_accessible else None,
        lead_staff_id=activity.lead_staff_id,
        paid=activity.paid,
        pay_note=activity.pay_note,
        notes=activity.notes,
    )


def save_activity(
    session: Session,
    actor: Actor | None,
    details: ActivityDetails,
    activity_id: int | None = None,
    *,
    today: date | None = None,
) -> int:
    """Add (no id) or change an activity; return its id. Raises `ValidationFailed`."""
    errors = validate_activity(details)
    if errors:
        raise ValidationFailed(errors)
    if activity_id is None:
        activity = Activity()
        session.add(activity)
        date_moved = False
    else:
        activity = _get(session, activity_id)
        date_moved = activity.held_on != details.held_on
    activity.title = line(details.title)
    activity.title_words = searchable_text([activity.title])
    activity.purpose = lines(details.purpose)
    activity.held_on = details.held_on
    activity.kind_id = option_id(session, ActivityList.KIND, details.kind)
    activity.area_id = option_id(session, ActivityList.AREA, details.area)
    activity.power_shared = details.power_shared.value
    activity.starts_at = details.starts_at
    activity.duration_minutes = details.duration_minutes
    activity.place = details.place.strip()
    activity.place_accessible = details.place_access.value if details.place_access else ""
    activity.lead_staff_id = details.lead_staff_id
    activity.paid = details.paid
    activity.pay_note = details.pay_note.strip()
    activity.notes = details.notes.strip()
    activity.updated_at = datetime.now()
    session.flush()
    if date_moved:
        refresh_last_involved(session, _attendee_ids(session, activity.id), today=today)
    audit.record(session, actor, ActivityAction.CHANGED, ACTIVITY, activity.id)
    return activity.id


def delete_activity(
    session: Session, actor: Actor | None, activity_id: int, *, today: date | None = None
) -> None:
    """Delete an activity and its attendance; its impact records stay, as feedback on their own."""
    _get(session, activity_id)
    attendees = _attendee_ids(session, activity_id)
    session.execute(delete(AttendanceRecord).where(AttendanceRecord.activity_id == activity_id))
    impact = session.scalars(select(ImpactRecord).where(ImpactRecord.activity_id == activity_id))
    for record in impact:
        record.activity_id = None
        record.source = record.source or DELETED_ACTIVITY_SOURCE
    session.execute(delete(Activity).where(Activity.id == activity_id))
    refresh_last_involved(session, attendees, today=today)
    audit.record(session, actor, ActivityAction.DELETED, ACTIVITY, activity_id)


def activity_options(session: Session, which: ActivityList) -> list[str]:
    """The charity's kinds or areas, alphabetically."""
    return list(
        session.scalars(
            select(ActivityOption.name)
            .where(ActivityOption.list == which.value)
            .order_by(func.lower(ActivityOption.name))
        )
    )


def option_id(session: Session, which: ActivityList, name: str) -> int | None:
    """The id of a kind or area by name (any case), adding it to the list if it is new."""
    cleaned = " ".join(name.split())[:MAX_OPTION_NAME]
    if not cleaned:
        return None
    found = session.scalar(
        select(ActivityOption.id).where(
            ActivityOption.list == which.value,
            func.lower(ActivityOption.name) == cleaned.lower(),
        )
    )
    if found is not None:
        return found
    option = ActivityOption(list=which.value, name=cleaned)
    session.add(option)
    session.flush()
    return option.id


def _option_names(session: Session) -> dict[int | None, str]:
    return {
        option: name
        for option, name in session.execute(select(ActivityOption.id, ActivityOption.name))
    }


def _attendee_ids(session: Session, activity_id: int) -> list[int]:
    return [
        person_id
        for person_id in session.scalars(
            select(AttendanceRecord.person_id).where(AttendanceRecord.activity_id == activity_id)
        )
        if person_id is not None
    ]


def _get(session: Session, activity_id: int) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise ActivityNotFound()
    return activity
