"""Encryption at rest, from the outside: new records, protecting old ones, and signing in.

A new organisation's records are created encrypted; a database from before encryption
(plain, with no key file) is converted once, verified, and only then put in place of the
plain file, whose plain copies are then removed. Signing in unwraps the database key from the
staff member's slot in the key file (docs/decisions/004-encryption-at-rest.md).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.key_slots import KeyFile, new_database_key
from involve_desktop.db.models import Base
from involve_desktop.db.startup import DatabaseState, inspect_database, prepare_database
from involve_desktop.domain.organisation import OrganisationDetails
from involve_desktop.domain.recovery_key import RECOVERY_SLOT
from involve_desktop.errors import DatabaseProblem
from involve_desktop.paths import AppPaths
from involve_desktop.services import staff
from involve_desktop.services.audit import AuditAction, record
from involve_desktop.services.organisation import save_organisation
from involve_desktop.services.permissions import Actor

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignedIn:
    key: bytes
    actor: Actor


def start_new_records(
    paths: AppPaths,
    details: OrganisationDetails,
    admin_name: str,
    password: str,
    recovery_key: str,
) -> SignedIn:
    """Create the encrypted database, the organisation and its first administrator."""
    key = new_database_key()
    keys = staff.Keys(KeyFile(paths.key_file), key)
    partial = paths.database.with_name(paths.database.name + ".new")
    _remove_database_files(partial)
    prepare_database(partial, key=key)
    database = Database(partial, key=key)
    try:
        with database.session_scope() as session:
            save_organisation(session, details)
            actor = staff.create_first_administrator(session, keys, admin_name, password)
    finally:
        database.close()
    sqlite_file.checkpoint(partial, key=key)
    keys.file.add_slot(RECOVERY_SLOT, recovery_key, key)
    keys.file.save()
    _remove_database_files(paths.database)  # an empty plain file left by an older version
    os.replace(partial, paths.database)
    return SignedIn(key, actor)


def protect_existing_records(
    paths: AppPaths, admin_name: str, password: str, recovery_key: str
) -> SignedIn:
    """Encrypt a plain database once: convert, verify, swap, then remove the plain copies."""
    key = new_database_key()
    converted = paths.database.with_name(paths.database.name + ".encrypted")
    _remove_database_files(converted)
    sqlite_file.checkpoint(paths.database)
    sqlite_file.encrypt_database(paths.database, converted, key)
    _verify_same_rows(paths.database, converted, key)
    keys = staff.Keys(KeyFile(paths.key_file), key)
    database = Database(converted, key=key)
    try:
        with database.session_scope() as session:
            actor = _first_administrator(session, keys, admin_name, password)
    finally:
        database.close()
    sqlite_file.checkpoint(converted, key=key)
    keys.file.add_slot(RECOVERY_SLOT, recovery_key, key)
    keys.file.save()
    _remove_database_files(paths.database)
    os.replace(converted, paths.database)
    removed = _remove_plain_copies(paths.data_dir)
    log.info("Encrypted the database; removed %d plain copies", removed)
    return SignedIn(key, actor)


def sign_in(paths: AppPaths, slot_id: str, secret: str) -> bytes:
    """The database key for this staff member's password (or the recovery key)."""
    return KeyFile.load(paths.key_file).unlock(slot_id, secret)


def record_sign_in(session: Session, slot_id: str, *, with_recovery_key: bool = False) -> Actor:
    """Who signed in, recorded in the audit trail; an inactive member is refused."""
    staff_id = int(slot_id.removeprefix("staff-"))
    member = next(
        (m for m in staff.list_staff(session, include_inactive=False) if m.id == staff_id), None
    )
    if member is None:
        raise DatabaseProblem("This staff member can no longer sign in.")
    actor = Actor(member.id, member.name, member.role)
    action = AuditAction.SIGNED_IN_WITH_RECOVERY_KEY if with_recovery_key else AuditAction.SIGNED_IN
    record(session, actor, action)
    return actor


def reset_password_with_recovery_key(
    paths: AppPaths, key: bytes, slot_id: str, new_password: str
) -> Actor:
    """After the recovery key opened the records: the staff member chooses a new password."""
    database = Database(paths.database, key=key)
    try:
        with database.session_scope() as session:
            actor = record_sign_in(session, slot_id, with_recovery_key=True)
            keys = staff.Keys(KeyFile.load(paths.key_file), key)
            staff.change_password(session, actor, actor.staff_id, keys, new_password)
            return actor
    finally:
        database.close()


def _first_administrator(session: Session, keys: staff.Keys, name: str, password: str) -> Actor:
    if staff.has_staff(session):
        raise DatabaseProblem("This database already has staff but no key file.")
    return staff.create_first_administrator(session, keys, name, password)


def _verify_same_rows(plain: Path, encrypted: Path, key: bytes) -> None:
    problems = sqlite_file.integrity_check(encrypted, key=key)
    if problems or inspect_database(encrypted, key=key).state is not DatabaseState.CURRENT:
        raise DatabaseProblem(
            "Involve could not protect your records: the encrypted copy did not check out. "
            "Nothing was changed; your records are as they were."
        )
    for table in Base.metadata.sorted_tables:
        counts = []
        for path, with_key in ((plain, None), (encrypted, key)):
            database = Database(path, key=with_key)
            try:
                with database.session_scope() as session:
                    counts.append(session.scalar(select(func.count()).select_from(table)))
            finally:
                database.close()
        if counts[0] != counts[1]:
            raise DatabaseProblem(
                f"Involve could not protect your records: the {table.name} table did not copy "
                "whole. Nothing was changed; your records are as they were."
            )


def _remove_database_files(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        candidate.unlink(missing_ok=True)


def _remove_plain_copies(folder: Path) -> int:
    """Unencrypted copies made before encryption would undo it: remove them."""
    removed = 0
    for copy in folder.glob("involve-*.db"):
        with open(copy, "rb") as handle:
            plain = handle.read(16) == b"SQLite format 3\x00"
        if plain:
            _remove_database_files(copy)
            removed += 1
    return removed
