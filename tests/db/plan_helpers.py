"""Strategies and action-plan items put straight into the database, for tests of the plan
(the strategy's own service is not needed to have a plan to look at)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from involve_desktop.db.cycle_models import (
    ActionItem,
    ActionItemPerson,
    ActionProgress,
    Evaluation,
    EvaluationFinding,
    Strategy,
)
from involve_desktop.domain.learning_cycle import CycleStage, ItemStatus, StandardsArea
from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.services.people import save_person

TODAY = date(2026, 11, 26)
PERIOD = (date(2026, 4, 1), date(2029, 3, 31))
EARLIER = datetime(2026, 11, 1, 9, 0)  # before the last look
LOOKED = datetime(2026, 11, 20, 9, 0)
LATER = datetime(2026, 11, 25, 15, 30)  # after it


def make_strategy(
    session: Session,
    status: str = "current",
    period: tuple[date, date] = PERIOD,
    title: str = "Involvement strategy 2026 to 2029",
    **fields: object,
) -> int:
    version = (session.scalar(select(func.max(Strategy.version))) or 0) + 1
    strategy = Strategy(
        version=version,
        status=status,
        title=title,
        period_start=period[0],
        period_end=period[1],
        purpose="So the people we support shape what we do.",
        **fields,
    )
    session.add(strategy)
    session.flush()
    return strategy.id


def add_item(
    session: Session,
    strategy_id: int,
    action: str,
    *,
    area: StandardsArea = StandardsArea.PRACTICE,
    stage: CycleStage = CycleStage.IMPLEMENTATION,
    status: ItemStatus = ItemStatus.NOT_STARTED,
    due_on: date | None = None,
    moved_at: datetime = EARLIER,
    staff_id: int | None = None,
    person_ids: tuple[int, ...] = (),
    **fields: object,
) -> int:
    item = ActionItem(
        strategy_id=strategy_id,
        action=action,
        area=area.value,
        stage=stage.value,
        status=status.value,
        due_on=due_on,
        moved_at=moved_at,
        staff_id=staff_id,
        **fields,
    )
    session.add(item)
    session.flush()
    session.add_all(ActionItemPerson(item_id=item.id, person_id=pid) for pid in person_ids)
    return item.id


def add_note(session: Session, item_id: int, noted_on: date, note: str) -> None:
    session.add(ActionProgress(item_id=item_id, noted_on=noted_on, note=note, created_at=EARLIER))


def add_person(session: Session, first_name: str, last_name: str, preferred_name: str = "") -> int:
    """Through the register's own service, so the people finder finds them."""
    details = PersonDetails(
        first_name=first_name,
        last_name=last_name,
        preferred_name=preferred_name,
        joined_on=date(2025, 1, 1),
    )
    return save_person(session, None, details, today=TODAY)


def add_finding(session: Session, year_start: date, finding: str) -> int:
    evaluation = Evaluation(year_start=year_start)
    session.add(evaluation)
    session.flush()
    row = EvaluationFinding(
        evaluation_id=evaluation.id, finding=finding, area=StandardsArea.REVIEW.value
    )
    session.add(row)
    session.flush()
    return row.id
