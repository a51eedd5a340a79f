"""Restoring a backup: everything checked and prepared aside, the current records kept, and
the files swapped only at the very end.

Order: read and check the whole backup into a temporary folder in the data folder → refuse a
schema this app does not know → upgrade an older one there → note the restore in its audit
trail → keep the current database and key file as dated copies → swap. Until the swap, the
current database is not touched at all, so anything that stops a restore part-way leaves it
byte for byte as it was.

The database and the key file are two files, and no filesystem renames two at once. So just
before the swap a small marker names the prepared files; if the app stops between the two
renames, `finish_interrupted_restore` (run at start-up) completes them. The prepared files
were fully checked before the marker was written, so finishing is always right.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.durable import fsync_file, fsync_folder, write_synced
from involve_desktop.backup.local_copies import highest_local_sequence
from involve_desktop.backup.make_backup import FULL_ERRNOS, drive_name
from involve_desktop.backup.problems import BackupFailed, newer_backup
from involve_desktop.backup.verify import BackupSummary, made_by_newer_app, open_backup
from involve_desktop.db import sqlite_file
from involve_desktop.db.revision import SCHEMA_HEAD
from involve_desktop.db.startup import stamped_name
from involve_desktop.domain.roles import Permission
from involve_desktop.paths import AppPaths
from involve_desktop.services.permissions import Actor, require

log = logging.getLogger(__name__)

KEPT_PREFIX = "involve-before-restore-"
MARKER_NAME = "restore-pending.json"
STAGED_DATABASE = "involve.db.restoring"
STAGED_KEYS = "involve.keys.restoring"
_COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class RestoreResult:
    kept_copy: Path | None  # the database as it was, kept; None when there was none
    summary: BackupSummary
    migrated: bool  # the backup came from an older version and was upgraded


def restore_backup(
    file: Path,
    passphrase: str | None,
    paths: AppPaths,
    *,
    now: datetime,
    backup_key: BackupKey | None = None,
    actor: Actor | None = None,
    keep_key: BackupKey | None = None,
    keep_key_set_at: datetime | None = None,
) -> RestoreResult:
    """Put the backup's records in place of the current ones (kept as a dated copy).

    The app must have closed its database first. `actor` (None in the first-run wizard, where
    nobody is signed in yet) must be allowed to restore backups. `keep_key` is the backup
    key in use now: it replaces the backup's own stored key, so later backups keep using the
    passphrase the charity has now (None: the backup's key stays, as on a fresh install).
    """
    if actor is not None:
        require(actor, Permission.RESTORE_BACKUPS)
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    _finish_swap(paths)
    staged_database = paths.data_dir / STAGED_DATABASE
    staged_keys = paths.data_dir / STAGED_KEYS
    try:
        with open_backup(
            file, passphrase, backup_key=backup_key, work_dir=paths.data_dir
        ) as opened:
            payload, summary = opened.payload, opened.summary
            if made_by_newer_app(summary.app_version):
                raise newer_backup(summary.app_version)
            key = payload.database_key if payload.manifest.database_encrypted else None
            migrated = _bring_up_to_date(payload.database, summary, key)
            kept_key = (keep_key, keep_key_set_at) if keep_key is not None else None
            _note_restore(payload.database, key, summary, actor, now, paths, kept_key)
            _single_file(payload.database, key)
            os.replace(payload.database, staged_database)
        if payload.key_file is not None:
            write_synced(staged_keys, payload.key_file)
        kept = _keep_current(paths)
    except BaseException as error:
        for staged in (staged_database, staged_keys):
            staged.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _not_restored(error, paths) from error
        raise
    try:
        _swap(paths, keys_restored=payload.key_file is not None)
    except OSError as error:
        raise BackupFailed(
            "The restore could not finish putting the records in place "
            f"({error.strerror or 'unknown error'}). Close Involve and open it again: it "
            "finishes the restore as it starts. The records from before are kept as "
            f"{kept.name if kept else 'they were'}.",
            detail=f"errno {error.errno}",
        ) from error
    log.info("Restored backup %d (schema %s)", summary.sequence, summary.schema_revision)
    return RestoreResult(kept, summary, migrated)


def _not_restored(error: OSError, paths: AppPaths) -> BackupFailed:
    if error.errno in FULL_ERRNOS:
        return BackupFailed(
            f"There is not enough space on {drive_name(paths.data_dir)} to restore: the "
            "restored records and a copy of the current ones both need room. Free some space "
            "and try again. Nothing was changed.",
            detail=f"errno {error.errno}",
        )
    return BackupFailed(
        f"Involve could not restore the backup ({error.strerror or 'unknown error'}). "
        "Nothing was changed.",
        detail=f"errno {error.errno}",
    )


def finish_interrupted_restore(paths: AppPaths) -> bool:
    """At start-up, before the database is opened: complete a restore stopped mid-swap, and
    remove temporary folders a stopped backup or restore left. True when a swap was finished."""
    if not paths.data_dir.is_dir():
        return False
    for leftover in (*paths.data_dir.glob(".involve-verify-*"), *paths.data_dir.glob(".backup-*")):
        shutil.rmtree(leftover, ignore_errors=True)
    for partial in partial_files(paths):
        partial.unlink(missing_ok=True)  # half-written by a run that was stopped
    finished = _finish_swap(paths)
    for staged in (STAGED_DATABASE, STAGED_KEYS):
        (paths.data_dir / staged).unlink(missing_ok=True)  # prepared, but never marked to use
    return finished


def partial_files(paths: AppPaths) -> list[Path]:
    """Files a stopped run left half-written: a kept copy before a restore, a local copy.
    Only these names; a user's own files are never touched."""
    from involve_desktop.backup.local_copies import local_folder

    found = list(paths.data_dir.glob(f"{KEPT_PREFIX}*.partial"))
    folder = local_folder(paths)
    if folder.is_dir():
        found += folder.glob(".involve-copy-*.partial")
    return [path for path in found if path.is_file()]


def _bring_up_to_date(database: Path, summary: BackupSummary, key: bytes | None) -> bool:
    """Upgrade a backup from an older version, in its temporary folder; refuse a newer one."""
    if summary.schema_revision == SCHEMA_HEAD:
        return False
    from involve_desktop.db.migrate import known_revisions
    from involve_desktop.db.startup import upgrade_with_copy

    if summary.schema_revision not in known_revisions():
        raise newer_backup(summary.app_version)
    upgrade_with_copy(database, summary.schema_revision, None, key=key)
    if sqlite_file.integrity_check(database, key=key):
        raise BackupFailed("The backup's records did not pass their check after the upgrade.")
    return True


def _note_restore(
    database: Path,
    key: bytes | None,
    summary: BackupSummary,
    actor: Actor | None,
    now: datetime,
    paths: AppPaths,
    keep_key: tuple[BackupKey, datetime | None] | None,
) -> None:
    """The audit entry, the sequence number and the backup key in use now, written into the
    restored records."""
    from involve_desktop.db.engine import Database
    from involve_desktop.db.models import Staff
    from involve_desktop.services.audit import AuditAction, record
    from involve_desktop.services.backup_settings import raise_sequence, store_key

    restored = Database(database, key=key)
    try:
        with restored.session_scope() as session:
            # The restored staff list may differ: name the actor only if they are in it.
            member = session.get(Staff, actor.staff_id) if actor is not None else None
            who = actor if member is not None and actor and member.name == actor.name else None
            record(session, who, AuditAction.RESTORED_BACKUP, "backup", summary.sequence, at=now)
            # Local copies made since must stay "newer" than anything made after the restore.
            raise_sequence(session, max(summary.sequence, highest_local_sequence(paths)))
            if keep_key is not None:
                store_key(session, keep_key[0], now=keep_key[1] or now)
    finally:
        restored.close()


def _single_file(database: Path, key: bytes | None) -> None:
    """Fold the write-ahead log in, so the database is one file that can be renamed alone."""
    sqlite_file.checkpoint(database, key=key)
    for suffix in _COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if companion.exists() and companion.stat().st_size and suffix != "-shm":
            raise BackupFailed("The restored records could not be made ready to use.")
        companion.unlink(missing_ok=True)
    if sqlite_file.integrity_check(database, key=key):
        raise BackupFailed("The restored records did not pass their final check.")
    fsync_file(database)


def _keep_current(paths: AppPaths) -> Path | None:
    """Copy the current database (with its log) and key file to dated names; None if none.

    A byte copy, not the backup API: the database is closed, and its key may not be known here.
    Each copy is written under a temporary name and renamed when complete.
    """
    if not paths.database.exists():
        return None
    kept = stamped_name(paths.data_dir, KEPT_PREFIX)
    pairs = [
        (paths.database.with_name(paths.database.name + s), kept.with_name(kept.name + s))
        for s in ("-wal", "-journal")
    ]
    pairs.append((paths.key_file, kept.with_suffix(".keys")))
    pairs.append((paths.database, kept))  # last: its name is what says the copy is complete
    for source, target in pairs:
        if source.exists():
            partial = target.with_name(target.name + ".partial")
            shutil.copyfile(source, partial)
            fsync_file(partial)
            os.replace(partial, target)
    return kept


def _swap(paths: AppPaths, *, keys_restored: bool) -> None:
    marker = paths.data_dir / MARKER_NAME
    write_synced(marker, json.dumps({"keys_restored": keys_restored}).encode("utf-8"))
    fsync_folder(paths.data_dir)
    _finish_swap(paths)


def _finish_swap(paths: AppPaths) -> bool:
    marker = paths.data_dir / MARKER_NAME
    if not marker.exists():
        return False
    try:
        keys_restored = bool(json.loads(marker.read_text(encoding="utf-8"))["keys_restored"])
    except (OSError, ValueError, KeyError, TypeError):
        keys_restored = (paths.data_dir / STAGED_KEYS).exists()
    staged_database = paths.data_dir / STAGED_DATABASE
    if staged_database.exists():
        # The old log must go before the new file takes the name, or SQLite would replay it.
        for suffix in _COMPANIONS:
            paths.database.with_name(paths.database.name + suffix).unlink(missing_ok=True)
        os.replace(staged_database, paths.database)
    staged_keys = paths.data_dir / STAGED_KEYS
    if staged_keys.exists():
        os.replace(staged_keys, paths.key_file)
    elif not keys_restored:
        # A backup of unencrypted records: a key file left beside them would not open them.
        paths.key_file.unlink(missing_ok=True)
    fsync_folder(paths.data_dir)
    marker.unlink()
    fsync_folder(paths.data_dir)
    return True
