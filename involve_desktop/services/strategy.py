"""The involvement strategy, kept as numbered versions: at most one current, at most one draft
being written, and the versions they replaced kept as they were.

A new version starts as a copy of the current one. Making a draft current needs a role that
may sign off plans; the unfinished actions of the old version's plan move to the new one,
while what was done or dropped stays with the old version as its record.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from involve_desktop.db.cycle_models import ActionItem, Strategy
from involve_desktop.domain.financial_year import year_containing
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.learning_cycle import ItemStatus, StrategyStatus
from involve_desktop.domain.person_record import line, lines
from involve_desktop.domain.plan_records import (
    StrategyDetails,
    StrategyRecord,
    review_is_due,
    validate_strategy,
)
from involve_desktop.domain.roles import Permission
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.organisation import financial_year_start
from involve_desktop.services.permissions import Actor, require

STRATEGY = "strategy"
FIRST_STRATEGY_YEARS = 3
UNFINISHED = (ItemStatus.NOT_STARTED.value, ItemStatus.IN_PROGRESS.value)
# The text fields of StrategyDetails, stored as typed (line breaks kept).
LONG_TEXTS = (
    "purpose",
    "intentions",
    "principles",
    "benefits_directly",
    "benefits_indirectly",
    "power_shared",
    "resources",
    "consultation_how",
    "consultation_said",
)


DETAIL_FIELDS = fields(StrategyDetails)


class StrategyNotFound(KnownError):
    def __init__(self) -> None:
        super().__init__("This version of the strategy is no longer in the records.")


def list_strategies(session: Session) -> list[StrategyRecord]:
    """Every version, newest first."""
    rows = session.scalars(select(Strategy).order_by(Strategy.version.desc()))
    return [_record(row) for row in rows]


def current_strategy(session: Session) -> StrategyRecord | None:
    row = session.scalar(select(Strategy).where(Strategy.status == StrategyStatus.CURRENT.value))
    return _record(row) if row is not None else None


def load_strategy(session: Session, strategy_id: int) -> StrategyRecord:
    return _record(_get(session, strategy_id))


def suggested_first_strategy(session: Session, today: date) -> StrategyDetails:
    """Three years from the first day of this financial year, to be reviewed after one."""
    first, _ = year_containing(today, financial_year_start(session))
    after = date(first.year + FIRST_STRATEGY_YEARS, first.month, first.day)
    last = after - timedelta(days=1)
    return StrategyDetails(
        title=f"Involvement strategy {first.year} to {last.year}",
        period_start=first,
        period_end=last,
        review_on=date(first.year + 1, first.month, first.day),
    )


def start_first_strategy(session: Session, actor: Actor, details: StrategyDetails) -> int:
    """Version 1, as a draft: only when there is no strategy at all."""
    if session.scalar(select(func.count()).select_from(Strategy)):
        raise KnownError(
            "There is already a strategy. To change it, make a new version of it instead."
        )
    _validate(details)
    row = Strategy(version=1, status=StrategyStatus.DRAFT.value)
    _fill(row, details, actor)
    session.add(row)
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_STRATEGY, STRATEGY, row.id)
    return row.id


def new_version(session: Session, actor: Actor) -> int:
    """A draft copied from the current version (or the highest, if none is current). The
    approval is left empty: the new text has not been approved yet."""
    draft = _draft(session)
    if draft is not None:
        raise KnownError(
            f"There is already a draft (version {draft.version}). Carry on with it, "
            "or delete it first."
        )
    source = session.scalar(
        select(Strategy).where(Strategy.status == StrategyStatus.CURRENT.value)
    ) or session.scalar(select(Strategy).order_by(Strategy.version.desc()).limit(1))
    if source is None:
        raise KnownError("There is no strategy to copy yet: write the first one.")
    details = _details(source)
    copy = Strategy(version=_highest_version(session) + 1, status=StrategyStatus.DRAFT.value)
    _fill(copy, details, actor)
    copy.approved_by = ""
    copy.approved_on = None
    session.add(copy)
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_STRATEGY, STRATEGY, copy.id)
    return copy.id


def save_strategy(
    session: Session, actor: Actor, strategy_id: int, details: StrategyDetails
) -> StrategyRecord:
    """Save a draft (any staff member), or the current version (its review date, say: only
    a role that may sign off plans, since the strategy in use was approved as it stands). A
    version that has been replaced is kept exactly as it was."""
    row = _get(session, strategy_id)
    if row.status == StrategyStatus.PAST.value:
        raise KnownError(
            f"Version {row.version} has been replaced, so it is kept as it was. "
            "To change the strategy, change the current version or make a new one."
        )
    if row.status == StrategyStatus.CURRENT.value:
        require(actor, Permission.SIGN_OFF_PLANS)
    _validate(details)
    _fill(row, details, actor)
    session.flush()
    audit.record(session, actor, AuditAction.CHANGED_STRATEGY, STRATEGY, row.id)
    return _record(row)


def make_current_problems(record: StrategyRecord, today: date | None = None) -> dict[str, str]:
    """Why this version cannot be made current yet, by the field to put right ({} when it
    can); "" is a problem with the version itself rather than one of its fields."""
    if record.status is not StrategyStatus.DRAFT:
        return {"": f"Only a draft can be made current; version {record.version} is not a draft."}
    details = record.details
    problems: dict[str, str] = {}
    if today is not None and details.period_end < today:
        problems["period_end"] = (
            f"This version's period ended on {long_date(details.period_end)}. "
            "Please change its dates before making it current."
        )
    if not details.purpose.strip():
        problems["purpose"] = "Please write the purpose before making this version current."
    if not details.approved_by.strip():
        problems["approved_by"] = "Please record who approved it before making it current."
    if details.approved_on is None:
        problems["approved_on"] = "Please give the date it was approved before making it current."
    return problems


def make_current_problem(record: StrategyRecord, today: date | None = None) -> str:
    """The problems of `make_current_problems` as one message, or '' when it can be made
    current."""
    return " ".join(make_current_problems(record, today).values())


def unfinished_items_count(session: Session, strategy_id: int) -> int:
    """Actions in this version's plan not yet done or dropped: they move with a new version."""
    return session.scalar(
        select(func.count())
        .select_from(ActionItem)
        .where(ActionItem.strategy_id == strategy_id, ActionItem.status.in_(UNFINISHED))
    )


def make_current(session: Session, actor: Actor, strategy_id: int, today: date) -> int:
    """Make a draft the current strategy; the old current one is kept as it was, as a past
    version. Returns how many unfinished actions moved to the new version's plan."""
    require(actor, Permission.SIGN_OFF_PLANS)
    row = _get(session, strategy_id)
    problem = make_current_problem(_record(row), today)
    if problem:
        raise KnownError(problem)
    moved = 0
    old = session.scalar(select(Strategy).where(Strategy.status == StrategyStatus.CURRENT.value))
    if old is not None:
        moved = unfinished_items_count(session, old.id)
        session.execute(
            update(ActionItem)
            .where(ActionItem.strategy_id == old.id, ActionItem.status.in_(UNFINISHED))
            .values(strategy_id=row.id)
        )
        old.status = StrategyStatus.PAST.value
        # Flushed before the draft turns current, so two are never current at once.
        session.flush()
    row.status = StrategyStatus.CURRENT.value
    row.made_current_on = today
    row.changed_by = actor.staff_id
    row.updated_at = datetime.now()
    session.flush()
    audit.record(session, actor, AuditAction.MADE_STRATEGY_CURRENT, STRATEGY, row.id)
    return moved


def delete_draft(session: Session, actor: Actor, strategy_id: int) -> None:
    row = _get(session, strategy_id)
    if row.status != StrategyStatus.DRAFT.value:
        raise KnownError(
            f"Version {row.version} is not a draft, so it stays: only a draft can be deleted."
        )
    actions = session.scalar(
        select(func.count()).select_from(ActionItem).where(ActionItem.strategy_id == row.id)
    )
    if actions:
        raise KnownError(
            f"Version {row.version}'s action plan has {_actions(actions)} in it, so the "
            "draft stays. Make it current instead, or remove those actions first."
        )
    session.delete(row)
    audit.record(session, actor, AuditAction.DELETED_STRATEGY_DRAFT, STRATEGY, strategy_id)


def review_flag(record: StrategyRecord, today: date) -> str:
    """A sentence for the current version once its review date has come; '' otherwise."""
    review_on = record.details.review_on
    if record.status is not StrategyStatus.CURRENT or not review_is_due(review_on, today):
        return ""
    assert review_on is not None
    when = "is today" if review_on == today else "has passed"
    return f"Its review date, {long_date(review_on)}, {when}: review it and make a new version."


def replaced_on(record: StrategyRecord, records: list[StrategyRecord]) -> date | None:
    """The day a past version stopped being current: when the next one was made current."""
    if record.status is not StrategyStatus.PAST:
        return None
    later = [
        other.made_current_on
        for other in records
        if other.version > record.version and other.made_current_on is not None
    ]
    return min(later, default=None)


def _actions(count: int) -> str:
    return "1 action" if count == 1 else f"{count} actions"


def _validate(details: StrategyDetails) -> None:
    errors = validate_strategy(details)
    if errors:
        raise ValidationFailed(errors)


def _fill(row: Strategy, details: StrategyDetails, actor: Actor) -> None:
    row.title = line(details.title)
    row.period_start = details.period_start
    row.period_end = details.period_end
    for name in LONG_TEXTS:
        setattr(row, name, lines(getattr(details, name)))
    row.budget_pence = details.budget_pence
    row.approved_by = line(details.approved_by)
    row.approved_on = details.approved_on
    row.review_on = details.review_on
    row.changed_by = actor.staff_id
    row.updated_at = datetime.now()


def _details(row: Strategy) -> StrategyDetails:
    return StrategyDetails(**{field.name: getattr(row, field.name) for field in DETAIL_FIELDS})


def _record(row: Strategy) -> StrategyRecord:
    return StrategyRecord(
        id=row.id,
        version=row.version,
        status=StrategyStatus(row.status),
        details=_details(row),
        made_current_on=row.made_current_on,
    )


def _draft(session: Session) -> Strategy | None:
    return session.scalar(select(Strategy).where(Strategy.status == StrategyStatus.DRAFT.value))


def _highest_version(session: Session) -> int:
    return session.scalar(select(func.max(Strategy.version))) or 0


def _get(session: Session, strategy_id: int) -> Strategy:
    row = session.get(Strategy, strategy_id)
    if row is None:
        raise StrategyNotFound()
    return row
