"""Staff who use Involve: adding them, their roles, their passwords, and deactivating them.

Each active staff member has a slot in the key file that their password opens (`db/key_slots`),
so adding or removing someone never re-encrypts the data. There is always at least one active
administrator: the last one cannot be demoted or deactivated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from involve_desktop.db.key_slots import KeyFile
from involve_desktop.db.models import Staff
from involve_desktop.domain.passwords import password_problem
from involve_desktop.domain.roles import Permission, Role, can
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.audit import AuditAction, record
from involve_desktop.services.permissions import Actor, require

MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class StaffMember:
    id: int
    name: str
    role: Role
    active: bool


@dataclass(frozen=True)
class Keys:
    """The key file and the open database's key: what changing a password needs."""

    file: KeyFile
    database_key: bytes


def keys_for(key_file: Path, database_key: bytes) -> Keys:
    """The key file as it is on disk now, with the open database's key."""
    return Keys(KeyFile.load(key_file), database_key)


class LastAdministrator(KnownError):
    """The change would leave nobody able to manage staff."""


def slot_id(staff_id: int) -> str:
    return f"staff-{staff_id}"


def list_staff(session: Session, *, include_inactive: bool = True) -> list[StaffMember]:
    query = select(Staff).order_by(Staff.active.desc(), Staff.name)
    if not include_inactive:
        query = query.where(Staff.active.is_(True))
    return [_member(row) for row in session.scalars(query)]


def has_staff(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Staff)))


def create_first_administrator(session: Session, keys: Keys, name: str, password: str) -> Actor:
    """The administrator the first-run wizard creates; refused once anyone exists."""
    if has_staff(session):
        raise KnownError("The first administrator has already been created.")
    member = _insert(session, keys, name, Role.ADMINISTRATOR, password)
    actor = Actor(member.id, member.name, member.role)
    record(session, actor, AuditAction.ADDED_STAFF, "staff", member.id)
    return actor


def add_staff(
    session: Session, actor: Actor, keys: Keys, name: str, role: Role, password: str
) -> StaffMember:
    require(actor, Permission.MANAGE_STAFF)
    member = _insert(session, keys, name, role, password)
    record(session, actor, AuditAction.ADDED_STAFF, "staff", member.id)
    return member


def change_role(session: Session, actor: Actor, staff_id: int, role: Role) -> StaffMember:
    require(actor, Permission.MANAGE_STAFF)
    row = _get(session, staff_id)
    if row.role == Role.ADMINISTRATOR and role != Role.ADMINISTRATOR:
        _refuse_if_last_administrator(session, row, "change the role of")
    if not can(role, Permission.APPROVE_CLAIMS) and row.designated_approver:
        _refuse_if_last_on_duty(session, row, approver=True)
        row.designated_approver = False
    row.role = role.value
    record(session, actor, AuditAction.CHANGED_STAFF_ROLE, "staff", staff_id)
    return _member(row)


def deactivate(session: Session, actor: Actor, staff_id: int, keys: Keys) -> StaffMember:
    """They can no longer sign in; their name stays on everything they did."""
    require(actor, Permission.MANAGE_STAFF)
    row = _get(session, staff_id)
    if row.role == Role.ADMINISTRATOR:
        _refuse_if_last_administrator(session, row, "deactivate")
    if row.designated_approver:
        _refuse_if_last_on_duty(session, row, approver=True)
    if row.designated_payer:
        _refuse_if_last_on_duty(session, row, approver=False)
    row.active = False
    row.deactivated_at = datetime.now()
    keys.file.remove_slot(slot_id(staff_id))
    keys.file.save()
    record(session, actor, AuditAction.DEACTIVATED_STAFF, "staff", staff_id)
    return _member(row)


def change_password(
    session: Session, actor: Actor, staff_id: int, keys: Keys, new_password: str
) -> None:
    """Staff change their own; administrators can set anyone's (e.g. a forgotten one)."""
    if actor.staff_id != staff_id:
        require(actor, Permission.MANAGE_STAFF)
    row = _get(session, staff_id)
    if not row.active:
        raise KnownError("This staff member has been deactivated and cannot sign in.")
    _check_password(new_password, row.name)
    keys.file.add_slot(slot_id(staff_id), new_password, keys.database_key, label=row.name)
    keys.file.save()
    record(session, actor, AuditAction.CHANGED_PASSWORD, "staff", staff_id)


def _insert(session: Session, keys: Keys, name: str, role: Role, password: str) -> StaffMember:
    name = name.strip()
    if not name:
        raise ValidationFailed({"name": "Please type the staff member's name."})
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationFailed({"name": f"Please keep the name to {MAX_NAME_LENGTH} characters."})
    _check_password(password, name)
    row = Staff(name=name, role=role.value, active=True)
    _take_unclaimed_claim_duties(session, row)
    session.add(row)
    session.flush()
    # The slot is written before the row commits; if the commit then fails, the slot names
    # an id with no staff member and opens nothing anyone can sign in as.
    keys.file.add_slot(slot_id(row.id), password, keys.database_key, label=name)
    keys.file.save()
    return _member(row)


def _take_unclaimed_claim_duties(session: Session, row: Staff) -> None:
    """Until the payment policy names anyone, the first who may approve claims approves them
    and the first administrator pays them, so a new charity is never stuck with claims no
    one can approve. Settings → Payment policy changes this."""
    if not can(Role(row.role), Permission.APPROVE_CLAIMS):
        return
    active = Staff.active.is_(True)
    if not session.scalar(select(func.count()).where(active, Staff.designated_approver)):
        row.designated_approver = True
    is_admin = row.role == Role.ADMINISTRATOR.value
    if is_admin and not session.scalar(select(func.count()).where(active, Staff.designated_payer)):
        row.designated_payer = True


def _check_password(password: str, name: str) -> None:
    problem = password_problem(password, about=tuple(name.split()))
    if problem:
        raise ValidationFailed({"password": problem})


def _refuse_if_last_administrator(session: Session, row: Staff, doing: str) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(Staff)
        .where(Staff.role == Role.ADMINISTRATOR.value, Staff.active.is_(True), Staff.id != row.id)
    )
    if not others:
        raise LastAdministrator(
            f"You cannot {doing} {row.name}: they are the only administrator, and Involve "
            "always needs one to manage staff. Make someone else an administrator first."
        )


def _refuse_if_last_on_duty(session: Session, row: Staff, *, approver: bool) -> None:
    """Claims always need someone to approve and someone to pay them."""
    duty = Staff.designated_approver if approver else Staff.designated_payer
    others = session.scalar(
        select(func.count()).where(Staff.active.is_(True), duty.is_(True), Staff.id != row.id)
    )
    if not others:
        what = "approves" if approver else "pays"
        raise KnownError(
            f"{row.name} is the only one who {what} claims. Name someone else in Settings → "
            "Payment policy first, so claims are never left with nobody to "
            f"{'approve' if approver else 'pay'} them."
        )


def _get(session: Session, staff_id: int) -> Staff:
    row = session.get(Staff, staff_id)
    if row is None:
        raise KnownError("That staff member no longer exists.")
    return row


def _member(row: Staff) -> StaffMember:
    return StaffMember(row.id, row.name, Role(row.role), row.active)
