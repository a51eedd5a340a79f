"""An activity and an impact record as the editors hold them, and the rules for saving them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from involve_desktop.domain.activities import Attendance, PlaceAccess, PowerShared

MAX_DURATION_MINUTES = 14 * 24 * 60  # a residential fortnight is the longest anyone runs

TITLE = "title"
PURPOSE = "purpose"
HELD_ON = "held_on"
DURATION = "duration_minutes"
SAID = "said"
CHANGED_ON = "changed_on"
TOLD_ON = "told_on"


@dataclass(frozen=True)
class ActivityDetails:
    title: str
    purpose: str
    held_on: date
    kind: str = ""  # a name from the charity's list of kinds ('' for none)
    area: str = ""
    power_shared: PowerShared = PowerShared.CONSULT
    starts_at: time | None = None
    duration_minutes: int | None = None
    place: str = ""
    place_access: PlaceAccess | None = None
    lead_staff_id: int | None = None
    paid: bool = False
    pay_note: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ImpactDetails:
    """'You said, we did'. `activity_id` None is feedback from outside an activity."""

    said: str
    activity_id: int | None = None
    source: str = ""
    decided: str = ""
    changed: str = ""
    changed_on: date | None = None
    responsible_staff_id: int | None = None
    told_people: bool = False
    told_on: date | None = None


@dataclass(frozen=True)
class AttendeeLine:
    person_id: int | None  # None: deleted from the register since
    name: str
    role: str = ""
    status: Attendance = Attendance.INVITED


@dataclass(frozen=True)
class AttendanceChanges:
    """What saving the activity must do to its attendance."""

    to_set: tuple[AttendeeLine, ...] = ()
    to_remove: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.to_set or self.to_remove)


def validate_activity(details: ActivityDetails) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not details.title.strip():
        errors[TITLE] = "Please give the activity a title."
    if not details.purpose.strip():
        errors[PURPOSE] = (
            "Please say why this activity happens and what you hope will change. Involvement "
            "without a purpose is only for show."
        )
    if details.duration_minutes is not None and not (
        0 < details.duration_minutes <= MAX_DURATION_MINUTES
    ):
        errors[DURATION] = "Please give a length between a minute and two weeks, or leave it empty."
    return errors


def validate_impact(details: ImpactDetails, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not details.said.strip():
        errors[SAID] = "Please write what people said or recommended."
    if details.activity_id is None and not details.source.strip():
        errors["source"] = "Without an activity, please say where this feedback came from."
    if details.told_on is not None and details.told_on > today:
        errors[TOLD_ON] = "The date people were told cannot be in the future."
    if details.told_on is not None and not details.told_people:
        errors[TOLD_ON] = "Tick \u201cthe people involved were told\u201d, or clear this date."
    if details.changed_on is not None and not details.changed.strip():
        errors[CHANGED_ON] = "Please say what changed on this date."
    return errors
