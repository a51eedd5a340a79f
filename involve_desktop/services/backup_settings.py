"""The backup settings: the stored backup key, how often to back up, and when it was last done.

Administrators set the backup passphrase (it guards every backup, so it is a setting like the
payment policy); anyone signed in may make a backup. The passphrase is judged like a password,
turned into a key once (Argon2id), and only the key and its settings are stored, inside the
encrypted database, so later backups need no typing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.make_backup import BackupResult
from involve_desktop.db.backup_models import DEFAULT_INTERVAL_DAYS, BackupSettings
from involve_desktop.db.key_slots import KdfParameters
from involve_desktop.db.models import Organisation
from involve_desktop.domain.passwords import password_problem
from involve_desktop.domain.roles import Permission
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.audit import AuditAction, record
from involve_desktop.services.permissions import Actor, require

# After "Not now", the reminder waits this many days before asking again.
NAG_PAUSE_DAYS = 3
INTERVAL_CHOICES = range(1, 91)


@dataclass(frozen=True)
class BackupState:
    """The settings as the app uses them (the row, with the key put back together)."""

    backup_key: BackupKey | None
    passphrase_set_at: datetime | None
    interval_days: int
    last_removable_backup_at: datetime | None
    last_removable_backup_place: str
    last_local_copy_at: datetime | None
    sequence: int
    nag_dismissed_on: date | None

    @property
    def passphrase_set(self) -> bool:
        return self.backup_key is not None


def load(session: Session) -> BackupState:
    row = _row(session)
    return BackupState(
        backup_key=_stored_key(row),
        passphrase_set_at=row.passphrase_set_at,
        interval_days=row.interval_days,
        last_removable_backup_at=row.last_removable_backup_at,
        last_removable_backup_place=row.last_removable_backup_place,
        last_local_copy_at=row.last_local_copy_at,
        sequence=row.sequence,
        nag_dismissed_on=row.nag_dismissed_on,
    )


def set_passphrase(
    session: Session, actor: Actor, passphrase: str, *, now: datetime | None = None
) -> BackupKey:
    """Judge the passphrase, derive and store its key; administrators only.

    Backups made before keep their own key: they still open with the passphrase they were
    made with (each file carries its own salt).
    """
    require(actor, Permission.CHANGE_SETTINGS)
    organisation = session.get(Organisation, 1)
    problem = password_problem(passphrase, about=(organisation.name if organisation else "",))
    if problem:
        raise ValidationFailed({"passphrase": problem})
    key = BackupKey.from_passphrase(passphrase)
    store_key(session, key, now=now)
    record(session, actor, AuditAction.CHANGED_SETTINGS, "backup passphrase")
    return key


def store_key(session: Session, key: BackupKey, *, now: datetime | None = None) -> None:
    """Keep a derived key (from `set_passphrase`, or one derived in a worker thread)."""
    row = _row(session)
    row.kdf_memory_kib = key.kdf.memory_kib
    row.kdf_iterations = key.kdf.iterations
    row.kdf_parallelism = key.kdf.parallelism
    row.kdf_salt = key.kdf.salt
    row.backup_key = key.key
    row.passphrase_set_at = now or datetime.now()


def set_interval(session: Session, actor: Actor, days: int) -> None:
    """How many days between backups to a removable drive before the reminder shows."""
    require(actor, Permission.CHANGE_SETTINGS)
    if days not in INTERVAL_CHOICES:
        raise ValidationFailed({"interval_days": "Please choose between 1 and 90 days."})
    _row(session).interval_days = days
    record(session, actor, AuditAction.CHANGED_SETTINGS, "backup interval")


# The audit entry's subject for a backup made without encryption (it protects nothing).
UNENCRYPTED_BACKUP = "unencrypted backup"


def next_sequence(session: Session) -> int:
    """The next backup's sequence number (every backup and local copy takes one)."""
    row = _row(session)
    row.sequence += 1
    return row.sequence


def raise_sequence(session: Session, at_least: int) -> None:
    """After a restore: never hand out a number an existing backup already has."""
    row = _row(session)
    row.sequence = max(row.sequence, at_least)


def record_backup(
    session: Session,
    result: BackupResult,
    *,
    removable: bool,
    place: str = "",
    actor: Actor | None = None,
    encrypted: bool = True,
    on_removable_drive: bool = True,
) -> None:
    """Note a finished, checked backup: to a removable drive or folder (`place` names it,
    and the audit trail records who made it, and whether it was unencrypted) or a local
    copy."""
    row = _row(session)
    if removable:
        if on_removable_drive:  # a folder on this disk is no "backup to a stick"
            row.last_removable_backup_at = result.verified_at
            row.last_removable_backup_place = place[:300]
            row.nag_dismissed_on = None
        kind = "backup" if encrypted else UNENCRYPTED_BACKUP
        record(session, actor, AuditAction.MADE_BACKUP, kind, result.sequence)
    else:
        row.last_local_copy_at = result.verified_at
    row.sequence = max(row.sequence, result.sequence)


def dismiss_reminder(session: Session, today: date) -> None:
    """ "Not now": the reminder waits `NAG_PAUSE_DAYS` before showing again."""
    _row(session).nag_dismissed_on = today


def backup_due(settings: BackupState, today: date) -> bool:
    """Whether a backup to a removable drive is older than the charity's interval (or none)."""
    last = settings.last_removable_backup_at
    if last is None:
        return True
    return (today - last.date()).days >= settings.interval_days


def should_remind(settings: BackupState, today: date) -> bool:
    """Due, and not put off in the last few days: the gentle reminder, not every start."""
    if not backup_due(settings, today):
        return False
    dismissed = settings.nag_dismissed_on
    return dismissed is None or today - dismissed >= timedelta(days=NAG_PAUSE_DAYS)


def _row(session: Session) -> BackupSettings:
    row = session.get(BackupSettings, 1)
    if row is None:
        row = BackupSettings(id=1, interval_days=DEFAULT_INTERVAL_DAYS, sequence=0)
        session.add(row)
        session.flush()
    return row


def _stored_key(row: BackupSettings) -> BackupKey | None:
    if row.backup_key is None or row.kdf_salt is None:
        return None
    kdf = KdfParameters(
        memory_kib=row.kdf_memory_kib or 0,
        iterations=row.kdf_iterations or 0,
        parallelism=row.kdf_parallelism or 0,
        salt=row.kdf_salt,
    )
    return BackupKey(kdf, row.backup_key)
