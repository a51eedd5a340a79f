"""The payment policy: dated versions of the rates, what can be claimed and the receipt rule;
who approves and who pays; and the benefits thresholds the charity watches.

A claim line copies the rate it uses, so a new version never changes an old claim; a version
that claims already use is kept as it is (a change is a new version from a later date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Staff
from involve_desktop.db.money_models import (
    BenefitsThreshold,
    ClaimLine,
    PaymentPolicy,
    PaymentRate,
)
from involve_desktop.domain.claims import (
    LineKind,
    PolicyDetails,
    Rate,
    Threshold,
    ThresholdPeriod,
)
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.person_record import line, lines
from involve_desktop.domain.roles import Permission, Role, can
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.permissions import Actor, require

PAYMENT_POLICY = "payment policy"
MAX_RATE_NAME = 80
MAX_RATE_PENCE = 10_000_00
MAX_THRESHOLD_PENCE = 1_000_000_00


class PolicyVersionInUse(KnownError):
    def __init__(self, effective_from: date) -> None:
        super().__init__(
            f"Claims already use the rates in force from {long_date(effective_from)}, so they "
            "stay as they are. To change the rates, start a new version from the date the new "
            "rates apply."
        )


class NoPolicyForDate(KnownError):
    def __init__(self, day: date) -> None:
        super().__init__(
            f"The payment policy has no rates in force on {long_date(day)}. "
            "Please add a version in Settings → Payment policy."
        )


@dataclass(frozen=True)
class PolicyVersion:
    policy_id: int
    effective_from: date
    until: date | None  # the day before the next version starts
    used_by_claims: bool


@dataclass(frozen=True)
class ClaimDuty:
    staff_id: int
    name: str
    role: Role
    approves: bool
    pays: bool

    @property
    def may_approve(self) -> bool:
        """Only a role that allows approving can be named as an approver."""
        return can(self.role, Permission.APPROVE_CLAIMS)


def policy_versions(session: Session) -> list[PolicyVersion]:
    """Every version, newest first, with the day each stops applying."""
    used = exists().where(ClaimLine.policy_id == PaymentPolicy.id)
    rows = session.execute(
        select(PaymentPolicy.id, PaymentPolicy.effective_from, used).order_by(
            PaymentPolicy.effective_from.desc()
        )
    ).all()
    versions: list[PolicyVersion] = []
    next_start: date | None = None
    for policy_id, effective_from, in_use in rows:
        until = date.fromordinal(next_start.toordinal() - 1) if next_start else None
        versions.append(PolicyVersion(policy_id, effective_from, until, bool(in_use)))
        next_start = effective_from
    return versions


def load_policy(session: Session, policy_id: int) -> PolicyDetails:
    policy = session.get(PaymentPolicy, policy_id)
    if policy is None:
        raise KnownError("This version of the payment policy is no longer in the records.")
    rates = session.scalars(
        select(PaymentRate)
        .where(PaymentRate.policy_id == policy_id)
        .order_by(PaymentRate.kind, PaymentRate.position, PaymentRate.id)
    ).all()
    return PolicyDetails(
        effective_from=policy.effective_from,
        rates=tuple(Rate(LineKind(rate.kind), rate.name, rate.unit_pence) for rate in rates),
        receipt_over_pence=policy.receipt_over_pence,
        notes=policy.notes,
    )


def policy_id_on(session: Session, day: date) -> int | None:
    """The version in force on `day` (the latest that started on or before it)."""
    return session.scalar(
        select(PaymentPolicy.id)
        .where(PaymentPolicy.effective_from <= day)
        .order_by(PaymentPolicy.effective_from.desc())
        .limit(1)
    )


def policy_on(session: Session, day: date) -> tuple[int, PolicyDetails]:
    """The version in force on `day` and its rates; raises `NoPolicyForDate`."""
    policy_id = policy_id_on(session, day)
    if policy_id is None:
        raise NoPolicyForDate(day)
    return policy_id, load_policy(session, policy_id)


def validate_policy(details: PolicyDetails) -> dict[str, str]:
    errors: dict[str, str] = {}
    seen: set[tuple[LineKind, str]] = set()
    for rate in details.rates:
        key = f"{rate.kind.value} {rate.name}"
        name = rate.name.strip()
        if not name:
            errors[key] = "Please give each rate a name."
        elif len(name) > MAX_RATE_NAME:
            errors[key] = f"“{name[:30]}…” is longer than {MAX_RATE_NAME} characters."
        elif (rate.kind, name.casefold()) in seen:
            errors[key] = f"“{name}” is in the list twice."
        elif rate.kind is not LineKind.EXPENSE and rate.unit_pence is None:
            errors[key] = f"Please give the rate for “{name}”."
        elif rate.unit_pence is not None and not 0 <= rate.unit_pence <= MAX_RATE_PENCE:
            errors[key] = f"The amount for “{name}” must be between £0 and £10,000."
        seen.add((rate.kind, name.casefold()))
    receipt_over = details.receipt_over_pence
    if receipt_over is not None and not 0 <= receipt_over <= MAX_RATE_PENCE:
        errors["receipt_over"] = "The receipt rule must be between £0 and £10,000."
    return errors


def save_policy(
    session: Session, actor: Actor, details: PolicyDetails, policy_id: int | None = None
) -> int:
    """Add a version (no id) or change one that no claim uses yet; return its id."""
    require(actor, Permission.CHANGE_PAYMENT_POLICY)
    errors = validate_policy(details)
    clash = session.scalar(
        select(PaymentPolicy.id).where(PaymentPolicy.effective_from == details.effective_from)
    )
    earliest = session.scalar(select(func.min(PaymentPolicy.effective_from)))
    version = session.get(PaymentPolicy, policy_id) if policy_id is not None else None
    if version is not None and version.effective_from == earliest:
        if details.effective_from != earliest:
            errors["effective_from"] = (
                "The first version covers every date before the others, so its date stays. "
                "Start a new version from the date you want instead."
            )
    elif policy_id is None and earliest is not None and details.effective_from < earliest:
        errors["effective_from"] = (
            f"The first version already covers every date before {long_date(earliest)}."
        )
    if clash is not None and clash != policy_id:
        errors["effective_from"] = (
            f"A version already starts on {long_date(details.effective_from)}. "
            "Please open that one, or choose another date."
        )
    if errors:
        raise ValidationFailed(errors)
    if policy_id is None:
        policy = PaymentPolicy()
        session.add(policy)
    else:
        policy = _version(session, policy_id)
        if _in_use(session, policy_id):
            raise PolicyVersionInUse(policy.effective_from)
        session.execute(delete(PaymentRate).where(PaymentRate.policy_id == policy_id))
    policy.effective_from = details.effective_from
    policy.receipt_over_pence = details.receipt_over_pence
    policy.notes = lines(details.notes)
    policy.changed_by = actor.staff_id
    policy.updated_at = datetime.now()
    session.flush()
    positions: dict[LineKind, int] = {}
    for rate in details.rates:
        position = positions.get(rate.kind, 0)
        positions[rate.kind] = position + 1
        session.add(
            PaymentRate(
                policy_id=policy.id,
                kind=rate.kind.value,
                name=line(rate.name),
                unit_pence=rate.unit_pence,
                position=position,
            )
        )
    audit.record(session, actor, AuditAction.CHANGED_PAYMENT_POLICY, PAYMENT_POLICY, policy.id)
    return policy.id


def delete_policy_version(session: Session, actor: Actor, policy_id: int) -> None:
    """Remove a version no claim uses; the earliest stays so every date has rates."""
    require(actor, Permission.CHANGE_PAYMENT_POLICY)
    policy = _version(session, policy_id)
    if _in_use(session, policy_id):
        raise PolicyVersionInUse(policy.effective_from)
    earliest = session.scalar(select(func.min(PaymentPolicy.effective_from)))
    if policy.effective_from == earliest:
        raise KnownError(
            "The first version covers every date before the others, so it stays. "
            "You can change its rates instead."
        )
    session.delete(policy)
    audit.record(session, actor, AuditAction.CHANGED_PAYMENT_POLICY, PAYMENT_POLICY, policy_id)


def claim_duties(session: Session) -> list[ClaimDuty]:
    """Active staff with whether each approves and pays claims."""
    rows = session.scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.name))
    return [
        ClaimDuty(s.id, s.name, Role(s.role), s.designated_approver, s.designated_payer)
        for s in rows
    ]


def set_claim_duties(
    session: Session, actor: Actor, *, approvers: set[int], payers: set[int]
) -> None:
    require(actor, Permission.CHANGE_PAYMENT_POLICY)
    staff = {s.id: s for s in session.scalars(select(Staff).where(Staff.active.is_(True)))}
    for staff_id in approvers:
        member = staff.get(staff_id)
        if member is not None and not can(Role(member.role), Permission.APPROVE_CLAIMS):
            raise ValidationFailed(
                {
                    "approvers": f"{member.name}'s role ({Role(member.role).label.lower()}) does "
                    "not allow approving claims. Change their role in Settings → Staff first."
                }
            )
    if not approvers & staff.keys():
        raise ValidationFailed({"approvers": "Please name at least one person to approve claims."})
    if not payers & staff.keys():
        raise ValidationFailed({"payers": "Please name at least one person to pay claims."})
    for member in staff.values():
        member.designated_approver = member.id in approvers
        member.designated_payer = member.id in payers
    audit.record(session, actor, AuditAction.CHANGED_PAYMENT_POLICY, PAYMENT_POLICY)


def is_designated(session: Session, staff_id: int, *, to_pay: bool = False) -> bool:
    member = session.get(Staff, staff_id)
    if member is None or not member.active:
        return False
    return member.designated_payer if to_pay else member.designated_approver


def load_thresholds(session: Session) -> list[Threshold]:
    rows = session.scalars(
        select(BenefitsThreshold).order_by(BenefitsThreshold.position, BenefitsThreshold.id)
    )
    return [
        Threshold(row.name, ThresholdPeriod(row.period), row.amount_pence, row.note) for row in rows
    ]


def save_thresholds(session: Session, actor: Actor, thresholds: list[Threshold]) -> None:
    require(actor, Permission.CHANGE_PAYMENT_POLICY)
    errors: dict[str, str] = {}
    for index, threshold in enumerate(thresholds):
        if not threshold.name.strip():
            errors[f"threshold {index + 1}"] = "Please give each figure a name."
        elif not 0 < threshold.amount_pence <= MAX_THRESHOLD_PENCE:
            errors[f"threshold {index + 1}"] = (
                f"Please give an amount for “{threshold.name}” between £0.01 and £1,000,000."
            )
    if errors:
        raise ValidationFailed(errors)
    session.execute(delete(BenefitsThreshold))
    for position, threshold in enumerate(thresholds):
        session.add(
            BenefitsThreshold(
                name=line(threshold.name)[:120],
                period=threshold.period.value,
                amount_pence=threshold.amount_pence,
                note=lines(threshold.note),
                position=position,
            )
        )
    audit.record(session, actor, AuditAction.CHANGED_PAYMENT_POLICY, PAYMENT_POLICY)


def _version(session: Session, policy_id: int) -> PaymentPolicy:
    policy = session.get(PaymentPolicy, policy_id)
    if policy is None:
        raise KnownError("This version of the payment policy is no longer in the records.")
    return policy


def _in_use(session: Session, policy_id: int) -> bool:
    return bool(session.scalar(select(exists().where(ClaimLine.policy_id == policy_id))))
