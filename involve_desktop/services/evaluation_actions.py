"""Actions arising from the yearly evaluation: a finding becomes an action-plan item in one
step, in the current strategy's plan, linked back to the finding that raised it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from involve_desktop.db.cycle_models import ActionItem, EvaluationFinding, Strategy
from involve_desktop.domain.learning_cycle import CycleStage, ItemStatus, StrategyStatus
from involve_desktop.errors import KnownError
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.permissions import Actor

ACTION_ITEM = "action_item"


class NoCurrentStrategy(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "There is no current strategy to add actions to. Make one current on the "
            "Strategy and plan screen first."
        )


class FindingNotFound(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "This finding is no longer in the evaluation. Save the evaluation, then try again."
        )


def raise_action(
    session: Session,
    actor: Actor | None,
    finding_id: int,
    today: date,
    *,
    now: datetime | None = None,
) -> int:
    """Add the finding to the current plan as a new item; return the item's id.

    A finding raises one item only: asked again, the item already made is returned. The
    evaluation itself is not changed, so this works after sign-off too.
    """
    finding = session.get(EvaluationFinding, finding_id)
    if finding is None:
        raise FindingNotFound()
    existing = session.scalar(
        select(ActionItem.id).where(ActionItem.raised_by_finding_id == finding_id)
    )
    if existing is not None:
        return existing
    strategy_id = session.scalar(
        select(Strategy.id).where(Strategy.status == StrategyStatus.CURRENT.value).limit(1)
    )
    if strategy_id is None:
        raise NoCurrentStrategy()
    # The clock, not the screen's `today`: a window left open overnight must still mark the
    # new action as moved since everyone's last look.
    moved_at = now or datetime.now()
    item = ActionItem(
        strategy_id=strategy_id,
        action=finding.action.strip() or finding.finding,
        area=finding.area,
        stage=CycleStage.PLANNING.value,
        status=ItemStatus.NOT_STARTED.value,
        due_on=None,
        raised_by_finding_id=finding.id,
        moved_at=moved_at,
        changed_by=actor.staff_id if actor else None,
        created_at=moved_at,
        updated_at=moved_at,
    )
    session.add(item)
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_ACTION_PLAN, ACTION_ITEM, item.id)
    return item.id
