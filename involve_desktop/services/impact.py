"""'You said, we did': impact records, read, saved, listed and reported back.

An impact record belongs to an activity or stands alone (feedback from outside an activity,
with where it came from). Its date in lists is the activity's date when it has one, and the
day it was recorded when it stands alone, so a year's records are what people said that year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, and_, delete, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Activity, ImpactRecord, Staff
from involve_desktop.domain.activity_record import TOLD_ON, ImpactDetails, validate_impact
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.person_record import line, lines
from involve_desktop.domain.search_words import fold, query_words, without_apostrophes
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.activities import DELETED_ACTIVITY_SOURCE
from involve_desktop.services.permissions import Actor

IMPACT = "impact record"


class ImpactNotFound(KnownError):
    def __init__(self) -> None:
        super().__init__("This impact record is no longer in the records. The list is refreshed.")


class ImpactAction:
    CHANGED = "changed an impact record"
    DELETED = "deleted an impact record"
    TOLD = "recorded that people were told"


@dataclass(frozen=True)
class ImpactFilter:
    """What the 'You said, we did' list shows. The default is every record."""

    text: str = ""  # words found in what was said, decided or changed (any case or accent)
    not_told: bool = False
    standalone_only: bool = False
    change_recorded: bool | None = None  # True: something changed; False: nothing yet
    period: tuple[date, date] | None = None  # by the record's date, both days included
    activity_id: int | None = None


@dataclass(frozen=True)
class ImpactSummary:
    """One impact record as lists show it, with its activity and who was responsible."""

    id: int
    said: str
    decided: str
    changed: str
    changed_on: date | None
    told_people: bool
    told_on: date | None
    recorded_on: date
    source: str
    activity_id: int | None
    activity_title: str
    activity_held_on: date | None
    responsible: str

    @property
    def dated(self) -> date:
        """The date it belongs to: the activity's, or the day it was recorded."""
        return self.activity_held_on or self.recorded_on

    @property
    def came_from(self) -> str:
        """The activity's title, or where standalone feedback came from."""
        return self.activity_title or self.source

    @property
    def told_text(self) -> str:
        """Whether the people involved were told, in words: "Told on 2 November 2026"."""
        if not self.told_people:
            return "Not yet told"
        return f"Told on {long_date(self.told_on)}" if self.told_on else "Told (date not noted)"

    @property
    def outcome(self) -> str:
        """What came of it so far: what changed, else what was decided, else ''."""
        if self.changed:
            return self.changed
        return f"Decided: {self.decided}" if self.decided else ""


def load_impact(session: Session, impact_id: int) -> ImpactDetails:
    record = _get(session, impact_id)
    return ImpactDetails(
        said=record.said,
        activity_id=record.activity_id,
        source=record.source,
        decided=record.decided,
        changed=record.changed,
        changed_on=record.changed_on,
        responsible_staff_id=record.responsible_staff_id,
        told_people=record.told_people,
        told_on=record.told_on,
    )


def save_impact(
    session: Session,
    actor: Actor | None,
    details: ImpactDetails,
    impact_id: int | None = None,
    *,
    today: date | None = None,
) -> int:
    """Add (no id) or change an impact record; return its id. Raises `ValidationFailed`."""
    today = today or date.today()
    errors = validate_impact(details, today)
    if errors:
        raise ValidationFailed(errors)
    activity_id, source = details.activity_id, details.source
    if activity_id is not None and session.get(Activity, activity_id) is None:
        # The activity was deleted while this was being written: keep what was written,
        # as feedback on its own, the way deleting an activity keeps its impact records.
        activity_id, source = None, source or DELETED_ACTIVITY_SOURCE
    if impact_id is None:
        record = ImpactRecord(recorded_on=today)
        session.add(record)
    else:
        record = _get(session, impact_id)
    record.activity_id = activity_id
    record.source = "" if activity_id is not None else line(source)
    record.said = lines(details.said)
    record.decided = lines(details.decided)
    record.changed = lines(details.changed)
    record.changed_on = details.changed_on
    record.responsible_staff_id = details.responsible_staff_id
    record.told_people = details.told_people
    record.told_on = details.told_on if details.told_people else None
    record.updated_at = datetime.now()
    session.flush()
    audit.record(session, actor, ImpactAction.CHANGED, IMPACT, record.id)
    return record.id


def mark_told(
    session: Session,
    actor: Actor | None,
    impact_ids: list[int],
    told_on: date,
    *,
    today: date | None = None,
) -> int:
    """Record that the people involved were told, on `told_on`; return how many changed."""
    if told_on > (today or date.today()):
        raise ValidationFailed({TOLD_ON: "The date people were told cannot be in the future."})
    records = session.scalars(select(ImpactRecord).where(ImpactRecord.id.in_(impact_ids))).all()
    for record in records:
        record.told_people = True
        record.told_on = told_on
        record.updated_at = datetime.now()
        audit.record(session, actor, ImpactAction.TOLD, IMPACT, record.id)
    return len(records)


def delete_impact(session: Session, actor: Actor | None, impact_id: int) -> None:
    _get(session, impact_id)
    session.execute(delete(ImpactRecord).where(ImpactRecord.id == impact_id))
    audit.record(session, actor, ImpactAction.DELETED, IMPACT, impact_id)


def impact_for_activity(session: Session, activity_id: int) -> list[ImpactSummary]:
    """An activity's impact records, newest first."""
    return list_impact(session, ImpactFilter(activity_id=activity_id))


def list_impact(session: Session, chosen: ImpactFilter | None = None) -> list[ImpactSummary]:
    """The records that match, newest first (by the date they belong to, then as recorded).

    Words are matched in Python, folded as people's names are, so "cafe" finds "Café": a
    charity has hundreds of these records, not tens of thousands.
    """
    chosen = chosen or ImpactFilter()
    words = query_words(chosen.text)
    found = [_summary(row) for row in session.execute(impact_query(chosen))]
    return [summary for summary in found if all(word in _folded(summary) for word in words)]


def impact_query(chosen: ImpactFilter) -> Select:  # type: ignore[type-arg]
    dated = func.coalesce(Activity.held_on, ImpactRecord.recorded_on)
    query = (
        select(
            ImpactRecord,
            Activity.title.label("activity_title"),
            Activity.held_on.label("activity_held_on"),
            Staff.name.label("responsible"),
        )
        .outerjoin(Activity, Activity.id == ImpactRecord.activity_id)
        .outerjoin(Staff, Staff.id == ImpactRecord.responsible_staff_id)
    )
    if chosen.not_told:
        query = query.where(ImpactRecord.told_people.is_(False))
    if chosen.standalone_only:
        query = query.where(ImpactRecord.activity_id.is_(None))
    if chosen.change_recorded is not None:
        has_change = ImpactRecord.changed != ""
        query = query.where(has_change if chosen.change_recorded else ~has_change)
    if chosen.period is not None:
        query = query.where(and_(dated >= chosen.period[0], dated <= chosen.period[1]))
    if chosen.activity_id is not None:
        query = query.where(ImpactRecord.activity_id == chosen.activity_id)
    return query.order_by(dated.desc(), ImpactRecord.recorded_on.desc(), ImpactRecord.id.desc())


def _folded(summary: ImpactSummary) -> str:
    return fold(without_apostrophes(f"{summary.said} {summary.decided} {summary.changed}"))


def _summary(row) -> ImpactSummary:  # type: ignore[no-untyped-def]
    record: ImpactRecord = row[0]
    return ImpactSummary(
        id=record.id,
        said=record.said,
        decided=record.decided,
        changed=record.changed,
        changed_on=record.changed_on,
        told_people=record.told_people,
        told_on=record.told_on,
        recorded_on=record.recorded_on,
        source=record.source,
        activity_id=record.activity_id,
        activity_title=row.activity_title or "",
        activity_held_on=row.activity_held_on,
        responsible=row.responsible or "",
    )


def _get(session: Session, impact_id: int) -> ImpactRecord:
    record = session.get(ImpactRecord, impact_id)
    if record is None:
        raise ImpactNotFound()
    return record
