"""Activities and impact records put in place through the real services, for tests of
"you said, we did", the practice prompts and the participation spread."""

from __future__ import annotations

from datetime import date

from involve_desktop.db.engine import Database
from involve_desktop.domain.activities import Attendance, PowerShared
from involve_desktop.domain.activity_record import ActivityDetails, ImpactDetails
from involve_desktop.services.activities import save_activity
from involve_desktop.services.attendance import set_attendance
from involve_desktop.services.impact import save_impact

TODAY = date(2026, 11, 26)


def add_activity(
    database: Database,
    title: str,
    held_on: date,
    power_shared: PowerShared = PowerShared.CONSULT,
    kind: str = "",
) -> int:
    with database.session_scope() as session:
        return save_activity(
            session,
            None,
            ActivityDetails(
                title=title,
                purpose="To hear what people think.",
                held_on=held_on,
                power_shared=power_shared,
                kind=kind,
            ),
            today=TODAY,
        )


def add_impact(database: Database, said: str, *, today: date = TODAY, **details: object) -> int:
    if details.get("activity_id") is None:
        details.setdefault("source", "A comment card")
    with database.session_scope() as session:
        return save_impact(
            session,
            None,
            ImpactDetails(said=said, **details),
            today=today,  # type: ignore[arg-type]
        )


def mark_attended(database: Database, activity_id: int, person_id: int) -> None:
    with database.session_scope() as session:
        set_attendance(
            session, None, activity_id, person_id, status=Attendance.ATTENDED, today=TODAY
        )
