"""The audit trail: who signed in, opened, changed, approved, exported or restored what.

Entries name records by kind and id ("person 42"), never by a name or a note, so the trail
itself holds no personal data about the people the charity serves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import AuditEvent, Staff
from involve_desktop.domain.roles import Permission
from involve_desktop.services.permissions import Actor, require

DAYS_PER_MONTH = 30.44


class AuditAction:
    """The actions the trail records (plain words, shown as they are)."""

    SIGNED_IN = "signed in"
    SIGNED_IN_WITH_RECOVERY_KEY = "signed in with the recovery key"
    OPENED_SENSITIVE = "opened a sensitive section"
    CHANGED_PERSON = "changed a person"
    DELETED_PERSON = "deleted a person"
    ARCHIVED_PERSON = "archived a person"
    # The retention routine (services/retention.py): one entry per person, by id only.
    ANONYMISED_PERSON = "anonymised a person past the retention period"
    DELETED_PERSON_PAST_RETENTION = "deleted a person past the retention period"
    MERGED_PEOPLE = "merged two records into this one"
    IMPORTED_PEOPLE = "imported people from a spreadsheet"
    EXPORTED_PEOPLE_LIST = "exported a list of people"
    MADE_CLAIM = "made a claim"
    CHANGED_CLAIM = "changed a claim"
    SUBMITTED_CLAIM = "submitted a claim"
    RETURNED_CLAIM = "sent a claim back to draft"
    APPROVED_CLAIM = "approved a claim"
    APPROVED_CLAIM_OVER_BUDGET = "approved a claim over its budget"
    REJECTED_CLAIM = "rejected a claim"
    DELETED_CLAIM = "deleted a draft claim"
    PAID_CLAIM = "paid a claim"
    OPENED_RECEIPT = "opened a receipt"
    MADE_PAYMENT_RUN = "made a payment run"
    EXPORTED_PAYMENT_RUN = "exported a payment run"
    CHANGED_PAYMENT_POLICY = "changed the payment policy"
    CHANGED_BUDGET = "changed a budget"
    EXPORTED_BUDGET_STATEMENT = "saved a group's budget statement"
    EXPORTED_PERSON = "exported a person's data"
    # A subject access request answered with data files (a zip), beside the PDF.
    EXPORTED_SUBJECT_ACCESS_DATA = "saved a person's data as files (zip)"
    EXPORTED_PAYMENT_STATEMENT = "saved a person's payment statement"
    EXPORTED_CLAIM_FORM = "saved a claim form"
    RESTORED_BACKUP = "restored a backup"
    MADE_BACKUP = "made a backup"
    CHANGED_STRATEGY = "changed the strategy"
    MADE_STRATEGY_CURRENT = "made a strategy version current"
    DELETED_STRATEGY_DRAFT = "deleted a draft strategy"
    CHANGED_ACTION_PLAN = "changed the action plan"
    CHANGED_EVALUATION = "changed a yearly evaluation"
    SIGNED_OFF_EVALUATION = "signed off a yearly evaluation"
    CHANGED_SETTINGS = "changed the settings"
    ADDED_STAFF = "added a staff member"
    CHANGED_STAFF_ROLE = "changed a staff member's role"
    DEACTIVATED_STAFF = "deactivated a staff member"
    CHANGED_PASSWORD = "changed a password"


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    staff_name: str
    action: str
    subject: str


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    subject_kind: str = "",
    subject_id: int | None = None,
    *,
    at: datetime | None = None,
) -> None:
    session.add(
        AuditEvent(
            at=at or datetime.now(),
            staff_id=actor.staff_id if actor else None,
            action=action,
            subject_kind=subject_kind,
            subject_id=subject_id,
        )
    )


def list_events(
    session: Session,
    actor: Actor,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    staff_id: int | None = None,
    action: str | None = None,
    limit: int = 1000,
) -> list[AuditEntry]:
    """The newest entries first, filtered; administrators only."""
    require(actor, Permission.READ_AUDIT_TRAIL)
    query = (
        select(AuditEvent, Staff.name)
        .outerjoin(Staff, AuditEvent.staff_id == Staff.id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    if staff_id is not None:
        query = query.where(AuditEvent.staff_id == staff_id)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    return [
        AuditEntry(
            at=event.at,
            staff_name=name or "Involve",
            action=event.action,
            subject=f"{event.subject_kind} {event.subject_id}".strip()
            if event.subject_id is not None
            else event.subject_kind,
        )
        for event, name in session.execute(query)
    ]


def prune(session: Session, keep_months: int, now: datetime | None = None) -> int:
    """Remove entries older than the charity's chosen period; return how many went."""
    cutoff = (now or datetime.now()) - timedelta(days=round(keep_months * DAYS_PER_MONTH))
    result = session.execute(delete(AuditEvent).where(AuditEvent.at < cutoff))
    return int(result.rowcount or 0)


def prune_as_set(session: Session, now: datetime | None = None) -> int:
    """Prune to the organisation's own setting (done once per start, in the background)."""
    from involve_desktop.db.models import Organisation

    row = session.get(Organisation, 1)
    return prune(session, row.audit_keep_months, now) if row is not None else 0
