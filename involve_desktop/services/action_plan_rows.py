"""The action plan as the list shows it: which plan, its rows filtered and ordered, and the
counts for the views ("3 overdue · 2 moved since you last looked · 12 open of 20").

A plan is tens to a few hundred items, so every item of the plan is read in a handful of
queries (items, people, progress notes) and filtered here, never one query per row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from involve_desktop.db.cycle_models import (
    ActionItem,
    ActionItemPerson,
    ActionProgress,
    Evaluation,
    EvaluationFinding,
    Strategy,
)
from involve_desktop.db.models import Person, Staff
from involve_desktop.domain.financial_year import year_label
from involve_desktop.domain.learning_cycle import (
    CycleStage,
    ItemStatus,
    StandardsArea,
    StrategyStatus,
)
from involve_desktop.domain.plan_records import is_overdue
from involve_desktop.domain.search_words import fold, query_words

OPEN = "open"  # not started and in progress together: the plan's default view
ALL = "all"


@dataclass(frozen=True)
class PlanView:
    """What the plan list shows. The default is every open item."""

    status: ItemStatus | str = OPEN  # OPEN, ALL or one ItemStatus
    area: StandardsArea | None = None
    overdue_only: bool = False
    moved_only: bool = False
    staff_id: int | None = None  # the staff member who leads it
    text: str = ""  # words in the action, how, where or who (any case or accent)

    def shows_status(self, status: ItemStatus) -> bool:
        if self.status == ALL:
            return True
        if self.status == OPEN:
            return status.is_open
        return status == self.status


@dataclass(frozen=True)
class PlanRow:
    id: int
    action: str
    area: StandardsArea
    stage: CycleStage
    status: ItemStatus
    lead: str  # the staff member's name, '' when nobody leads it yet
    people: tuple[str, ...]  # people from the register doing it with them
    who_else: str
    how: str
    place: str
    due_on: date | None
    done_on: date | None
    overdue: bool
    moved: bool  # since the staff member's last look
    last_progress_on: date | None
    last_progress: str  # the first line of the latest note
    from_evaluation: str  # '2025/26' when a yearly evaluation raised it
    dropped_reason: str = ""  # why it was dropped (kept with the action for the record)

    @property
    def with_whom(self) -> str:
        """The people from the register, then anyone else, as one line."""
        return ", ".join([*self.people, *([self.who_else] if self.who_else else [])])


@dataclass(frozen=True)
class PlanCounts:
    by_status: dict[ItemStatus, int]
    open: int
    overdue: int
    moved: int

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def for_view(self, status: ItemStatus | str) -> int:
        if status == ALL:
            return self.total
        if status == OPEN:
            return self.open
        return self.by_status.get(ItemStatus(status), 0)


@dataclass(frozen=True)
class PlanChoice:
    """A plan that can be read: the current strategy's, or one it replaced."""

    strategy_id: int
    version: int
    title: str
    period_start: date
    period_end: date
    read_only: bool


def short_name(first_name: str, last_name: str, preferred_name: str = "") -> str:
    """'Sam Jones' for Samuel Jones who likes to be called Sam: short enough for a list."""
    return " ".join(part for part in (preferred_name or first_name, last_name) if part)


def first_line(text: str) -> str:
    return next((part.strip() for part in text.splitlines() if part.strip()), "")


def plan_choices(session: Session) -> list[PlanChoice]:
    """The current strategy's plan first, then the plans of the versions it replaced, newest
    first. Drafts have no plan to read yet."""
    rows = session.scalars(
        select(Strategy)
        .where(Strategy.status.in_([StrategyStatus.CURRENT.value, StrategyStatus.PAST.value]))
        .order_by((Strategy.status == StrategyStatus.CURRENT.value).desc(), Strategy.version.desc())
    )
    return [
        PlanChoice(
            row.id,
            row.version,
            row.title,
            row.period_start,
            row.period_end,
            row.status != StrategyStatus.CURRENT.value,
        )
        for row in rows
    ]


def plan_rows(
    session: Session,
    strategy_id: int,
    view: PlanView,
    today: date,
    since: datetime | None = None,
    viewer_id: int | None = None,
) -> list[PlanRow]:
    """The plan's items the view shows: overdue first, then by due date (undated last).
    An item has moved when someone other than the viewer changed it after `since`."""
    query = select(ActionItem).where(ActionItem.strategy_id == strategy_id)
    if view.status == OPEN:
        open_values = [status.value for status in ItemStatus if status.is_open]
        query = query.where(ActionItem.status.in_(open_values))
    elif view.status != ALL:
        query = query.where(ActionItem.status == ItemStatus(view.status).value)
    if view.area is not None:
        query = query.where(ActionItem.area == view.area.value)
    if view.staff_id is not None:
        query = query.where(ActionItem.staff_id == view.staff_id)
    rows = _rows(session, list(session.scalars(query)), today, Moved(since, viewer_id))
    if view.overdue_only:
        rows = [row for row in rows if row.overdue]
    if view.moved_only:
        rows = [row for row in rows if row.moved]
    words = query_words(view.text)
    if words:
        rows = [row for row in rows if _matches(row, words)]
    return sorted(rows, key=_order)


def plan_counts(
    session: Session,
    strategy_id: int,
    today: date,
    since: datetime | None = None,
    viewer_id: int | None = None,
) -> PlanCounts:
    items = session.execute(
        select(
            ActionItem.status, ActionItem.due_on, ActionItem.moved_at, ActionItem.changed_by
        ).where(ActionItem.strategy_id == strategy_id)
    ).all()
    statuses = [ItemStatus(row.status) for row in items]
    moved = Moved(since, viewer_id)
    return PlanCounts(
        by_status=dict(Counter(statuses)),
        open=sum(1 for status in statuses if status.is_open),
        overdue=sum(
            1
            for status, row in zip(statuses, items, strict=True)
            if is_overdue(status, row.due_on, today)
        ),
        moved=sum(1 for row in items if moved.applies(row.moved_at, row.changed_by)),
    )


@dataclass(frozen=True)
class Moved:
    """What counts as moved for one viewer: changed after their last look, by someone else
    (their own changes are news to everybody but them)."""

    since: datetime | None
    viewer_id: int | None = None

    def applies(self, moved_at: datetime | None, changed_by: int | None) -> bool:
        if self.since is None or moved_at is None or moved_at <= self.since:
            return False
        return self.viewer_id is None or changed_by != self.viewer_id


def _order(row: PlanRow) -> tuple[bool, bool, date, int]:
    return (not row.overdue, row.due_on is None, row.due_on or date.max, row.id)


def _matches(row: PlanRow, words: list[str]) -> bool:
    haystack = fold(" ".join((row.action, row.place, row.lead, row.with_whom, row.how)))
    return all(word in haystack for word in words)


def _rows(session: Session, items: list[ActionItem], today: date, moved: Moved) -> list[PlanRow]:
    ids = [item.id for item in items]
    staff = {staff_id: name for staff_id, name in session.execute(select(Staff.id, Staff.name))}
    people: dict[int, list[str]] = defaultdict(list)
    for item_id, first, last, preferred in session.execute(
        select(ActionItemPerson.item_id, Person.first_name, Person.last_name, Person.preferred_name)
        .join(Person, Person.id == ActionItemPerson.person_id)
        .where(ActionItemPerson.item_id.in_(ids))
        .order_by(Person.last_name, Person.first_name)
    ):
        people[item_id].append(short_name(first, last, preferred))
    latest: dict[int, tuple[date, str]] = {}
    for item_id, noted_on, note in session.execute(
        select(ActionProgress.item_id, ActionProgress.noted_on, ActionProgress.note)
        .where(ActionProgress.item_id.in_(ids))
        .order_by(ActionProgress.noted_on, ActionProgress.id)
    ):
        latest[item_id] = (noted_on, first_line(note))  # the last one read is the latest
    raised = raised_by_years(session, [item.raised_by_finding_id for item in items])
    rows = []
    for item in items:
        status = ItemStatus(item.status)
        progress_on, progress = latest.get(item.id, (None, ""))
        rows.append(
            PlanRow(
                id=item.id,
                action=item.action,
                area=StandardsArea(item.area),
                stage=CycleStage(item.stage),
                status=status,
                lead=staff.get(item.staff_id, "") if item.staff_id is not None else "",
                people=tuple(people.get(item.id, ())),
                who_else=item.who_else,
                how=item.how,
                place=item.place,
                due_on=item.due_on,
                done_on=item.done_on,
                overdue=is_overdue(status, item.due_on, today),
                moved=moved.applies(item.moved_at, item.changed_by),
                last_progress_on=progress_on,
                last_progress=progress,
                from_evaluation=raised.get(item.raised_by_finding_id or 0, ""),
                dropped_reason=item.dropped_reason if status is ItemStatus.DROPPED else "",
            )
        )
    return rows


def raised_by_years(session: Session, finding_ids: list[int | None]) -> dict[int, str]:
    """The year label ('2025/26') of the evaluation behind each finding."""
    wanted = [finding_id for finding_id in finding_ids if finding_id is not None]
    if not wanted:
        return {}
    return {
        finding_id: year_label(year_start)
        for finding_id, year_start in session.execute(
            select(EvaluationFinding.id, Evaluation.year_start)
            .join(Evaluation, Evaluation.id == EvaluationFinding.evaluation_id)
            .where(EvaluationFinding.id.in_(wanted))
        )
    }
