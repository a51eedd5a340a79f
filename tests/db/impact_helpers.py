"""Activities and impact records put in place through the real services, for tests of
"you said, we did", the practice prompts and the participation spread."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select

from involve_desktop.db.engine import Database
from involve_desktop.db.models import LevelChange, Person, PersonOption, person_chosen_option
from involve_desktop.domain.activities import Attendance, PowerShared
from involve_desktop.domain.activity_record import ActivityDetails, ImpactDetails
from involve_desktop.domain.people import OptionKind, ParticipationLevel, TakingPart
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


def add_person_with_history(
    session,
    joined_on: date,
    history: list[tuple[date, str, ParticipationLevel]],
    *,
    archived: bool = False,
    taking_part: TakingPart = TakingPart.TAKING_PART,
    roles: tuple[str, ...] = (),
) -> int:
    """A person whose level history is exactly `history`: (day, from level, to level)."""
    current = history[-1][2] if history else ParticipationLevel.OBSERVING
    person = Person(
        first_name="Someone",
        joined_on=joined_on,
        participation_level=current.value,
        archived=archived,
        taking_part=taking_part.value,
    )
    session.add(person)
    session.flush()
    for day, from_level, to_level in history:
        session.add(
            LevelChange(
                person_id=person.id, changed_on=day, from_level=from_level, to_level=to_level.value
            )
        )
    for role in roles:
        option = session.scalar(
            select(PersonOption.id).where(
                PersonOption.kind == OptionKind.ROLE.value, PersonOption.name == role
            )
        )
        session.execute(insert(person_chosen_option).values(person_id=person.id, option_id=option))
    session.flush()
    return person.id
