"""The action plan of a strategy period: items read, saved, moved on with progress notes,
and each staff member's last look at the plan (so the list can show what moved since).

Any signed-in staff member keeps the plan. The plan of a replaced strategy is history and is
read-only. An item "moves" when it is made, its status or due date changes, or a progress
note is added; the list reads the rows through `services/action_plan_rows.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from involve_desktop.db.cycle_models import (
    ActionItem,
    ActionItemPerson,
    ActionProgress,
    EvaluationFinding,
    StaffLook,
    Strategy,
)
from involve_desktop.db.models import Person, Staff
from involve_desktop.domain.learning_cycle import (
    CycleStage,
    ItemStatus,
    StandardsArea,
    StrategyStatus,
)
from involve_desktop.domain.person_record import display_name, line, lines
from involve_desktop.domain.plan_records import ActionItemDetails, validate_action_item
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.action_plan_rows import raised_by_years
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.permissions import Actor

ACTION_ITEM = "action_item"
LOOK_SUBJECT = "action plan"
NOTE = "note"
NOTED_ON = "noted_on"


class ItemNotFound(KnownError):
    def __init__(self) -> None:
        super().__init__("This action is no longer in the plan. The list is refreshed.")


class PlanNotFound(KnownError):
    def __init__(self) -> None:
        super().__init__("This strategy is no longer in the records, so its plan cannot change.")


class PastPlan(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "This plan belongs to a strategy that has been replaced, so it is kept as it was. "
            "Add the action to the current plan instead."
        )


@dataclass(frozen=True)
class ProgressNote:
    id: int
    noted_on: date
    note: str
    staff_name: str  # '' when the staff member is not known


@dataclass(frozen=True)
class RaisedBy:
    """The yearly evaluation finding an item answers."""

    year: str  # '2025/26'
    finding: str


@dataclass(frozen=True)
class ActionItemRecord:
    id: int
    strategy_id: int
    details: ActionItemDetails
    people: tuple[tuple[int, str], ...]  # (person id, name) of details.person_ids
    done_on: date | None
    moved_at: datetime
    progress: tuple[ProgressNote, ...]  # oldest first
    raised_by: RaisedBy | None
    read_only: bool  # the plan of a replaced strategy


def plan_period(session: Session, strategy_id: int) -> tuple[date, date, str, bool]:
    """(first day, last day, the strategy's title, whether the plan is read-only)."""
    strategy = _strategy(session, strategy_id)
    return (
        strategy.period_start,
        strategy.period_end,
        strategy.title,
        strategy.status == StrategyStatus.PAST.value,
    )


def load_item(session: Session, item_id: int) -> ActionItemRecord:
    item = _item(session, item_id)
    people = session.execute(
        select(Person.id, Person.first_name, Person.last_name, Person.preferred_name)
        .join(ActionItemPerson, ActionItemPerson.person_id == Person.id)
        .where(ActionItemPerson.item_id == item_id)
        .order_by(Person.last_name, Person.first_name)
    ).all()
    notes = session.execute(
        select(ActionProgress, Staff.name)
        .outerjoin(Staff, Staff.id == ActionProgress.staff_id)
        .where(ActionProgress.item_id == item_id)
        .order_by(ActionProgress.noted_on, ActionProgress.id)
    ).all()
    raised_by = None
    if item.raised_by_finding_id is not None:
        finding = session.get(EvaluationFinding, item.raised_by_finding_id)
        year = raised_by_years(session, [item.raised_by_finding_id])
        if finding is not None:
            raised_by = RaisedBy(year.get(finding.id, ""), finding.finding)
    strategy = _strategy(session, item.strategy_id)
    return ActionItemRecord(
        id=item.id,
        strategy_id=item.strategy_id,
        details=ActionItemDetails(
            action=item.action,
            area=StandardsArea(item.area),
            stage=CycleStage(item.stage),
            status=ItemStatus(item.status),
            staff_id=item.staff_id,
            person_ids=tuple(person_id for person_id, *_names in people),
            who_else=item.who_else,
            how=item.how,
            place=item.place,
            due_on=item.due_on,
            dropped_reason=item.dropped_reason,
        ),
        people=tuple((row[0], display_name(row[1], row[2], row[3])) for row in people),
        done_on=item.done_on,
        moved_at=item.moved_at,
        progress=tuple(
            ProgressNote(note.id, note.noted_on, note.note, name or "") for note, name in notes
        ),
        raised_by=raised_by,
        read_only=strategy.status == StrategyStatus.PAST.value,
    )


def save_item(
    session: Session,
    actor: Actor | None,
    strategy_id: int,
    item_id: int | None,
    details: ActionItemDetails,
    today: date,
    *,
    raised_by_finding_id: int | None = None,
    now: datetime | None = None,
) -> int:
    """Add (no id) or change an item of a strategy's plan; return its id.

    Raises `ValidationFailed` with the domain's field messages. A due date must fall in the
    plan's period only when it is new or changed: an item carried over from an earlier
    version of the strategy keeps the date it had.
    """
    strategy = _editable_strategy(session, strategy_id)
    item = None if item_id is None else _item(session, item_id)
    if item is not None and item.strategy_id != strategy_id:
        # Each item is changed only as part of its own plan (a replaced one is read-only).
        raise ItemNotFound()
    errors = validate_action_item(details, strategy.period_start, strategy.period_end)
    if item is not None and item.due_on == details.due_on:
        errors.pop("due_on", None)
    if errors:
        raise ValidationFailed(errors)
    now = now or datetime.now()
    if item is None:
        item = ActionItem(strategy_id=strategy_id, moved_at=now, created_at=now)
        item.raised_by_finding_id = raised_by_finding_id
        session.add(item)
    elif item.status != details.status.value or item.due_on != details.due_on:
        item.moved_at = now
    if details.status is ItemStatus.DONE:
        if item.status != ItemStatus.DONE.value or item.done_on is None:
            item.done_on = today
    else:
        item.done_on = None
    item.action = lines(details.action)
    item.area = details.area.value
    item.stage = details.stage.value
    item.status = details.status.value
    item.staff_id = details.staff_id
    item.who_else = line(details.who_else)
    item.how = lines(details.how)
    item.place = line(details.place)
    item.due_on = details.due_on
    # A reason is kept only while the item stays dropped, so it is never read as current.
    dropped = details.status is ItemStatus.DROPPED
    item.dropped_reason = lines(details.dropped_reason) if dropped else ""
    item.changed_by = actor.staff_id if actor else None
    item.updated_at = now
    session.flush()
    _set_people(session, item.id, details.person_ids)
    audit.record(session, actor, AuditAction.CHANGED_ACTION_PLAN, ACTION_ITEM, item.id)
    return item.id


def set_status(
    session: Session,
    actor: Actor | None,
    item_id: int,
    status: ItemStatus,
    reason: str = "",
    today: date | None = None,
    *,
    now: datetime | None = None,
) -> None:
    """A quick change of status from the list ("Mark done"), by the same rules as saving."""
    record = load_item(session, item_id)
    details = record.details
    save_item(
        session,
        actor,
        record.strategy_id,
        item_id,
        replace(details, status=status, dropped_reason=reason),
        today or date.today(),
        now=now,
    )


def add_progress(
    session: Session,
    actor: Actor | None,
    item_id: int,
    noted_on: date | None,
    note: str,
    *,
    today: date | None = None,
    now: datetime | None = None,
) -> int:
    """Add a dated note of what happened; the item has moved. Returns the note's id."""
    today = today or date.today()
    item = _item(session, item_id)
    _editable_strategy(session, item.strategy_id)
    errors = {}
    if not note.strip():
        errors[NOTE] = "Please write what happened."
    if noted_on is None:
        errors[NOTED_ON] = "Please give the date it happened."
    elif noted_on > today:
        errors[NOTED_ON] = "This date is in the future: please note what has happened so far."
    if errors:
        raise ValidationFailed(errors)
    now = now or datetime.now()
    progress = ActionProgress(
        item_id=item_id,
        noted_on=noted_on,
        note=lines(note),
        staff_id=actor.staff_id if actor else None,
        created_at=now,
    )
    session.add(progress)
    item.moved_at = now
    item.updated_at = now
    item.changed_by = actor.staff_id if actor else None
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_ACTION_PLAN, ACTION_ITEM, item_id)
    return progress.id


def delete_item(session: Session, actor: Actor | None, item_id: int) -> None:
    item = _item(session, item_id)
    _editable_strategy(session, item.strategy_id)
    session.delete(item)
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_ACTION_PLAN, ACTION_ITEM, item_id)


def last_look(session: Session, staff_id: int) -> datetime | None:
    """When this staff member last looked at the plan (None: never)."""
    return session.scalar(
        select(StaffLook.looked_at).where(
            StaffLook.staff_id == staff_id, StaffLook.subject == LOOK_SUBJECT
        )
    )


def note_look(session: Session, staff_id: int, now: datetime) -> None:
    look = session.get(StaffLook, (staff_id, LOOK_SUBJECT))
    if look is None:
        session.add(StaffLook(staff_id=staff_id, subject=LOOK_SUBJECT, looked_at=now))
    else:
        look.looked_at = now


def _set_people(session: Session, item_id: int, person_ids: tuple[int, ...]) -> None:
    """The people doing it are replaced as a set; anyone deleted meanwhile is left out."""
    session.execute(delete(ActionItemPerson).where(ActionItemPerson.item_id == item_id))
    wanted = set(person_ids)
    if not wanted:
        return
    existing = session.scalars(select(Person.id).where(Person.id.in_(wanted)))
    session.add_all(ActionItemPerson(item_id=item_id, person_id=pid) for pid in existing)


def _strategy(session: Session, strategy_id: int) -> Strategy:
    strategy = session.get(Strategy, strategy_id)
    if strategy is None:
        raise PlanNotFound()
    return strategy


def _editable_strategy(session: Session, strategy_id: int) -> Strategy:
    strategy = _strategy(session, strategy_id)
    if strategy.status == StrategyStatus.PAST.value:
        raise PastPlan()
    return strategy


def _item(session: Session, item_id: int) -> ActionItem:
    item = session.get(ActionItem, item_id)
    if item is None:
        raise ItemNotFound()
    return item
