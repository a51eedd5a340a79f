"""Backing up as the app and the CLI do it: settings read, a number taken, the file made and
checked, and the backup noted, each in its own short unit of work.

The file itself is made outside any unit of work: it reads the database through SQLite's
backup API, which must not wait on a transaction this process holds. Both functions are
headless and safe on a worker thread; `progress(done, total)` follows the bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.local_copies import local_copy_due, make_local_copy_if_due
from involve_desktop.backup.make_backup import BackupResult, make_backup
from involve_desktop.backup.problems import PassphraseNeeded
from involve_desktop.db.engine import Database
from involve_desktop.domain.roles import Permission
from involve_desktop.drive_safety import DriveKind, drive_kind
from involve_desktop.paths import AppPaths
from involve_desktop.services import backup_settings
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.permissions import Actor, NotAllowed, require


def back_up(
    database: Database,
    paths: AppPaths,
    database_key: bytes | None,
    folder: Path,
    actor: Actor | None,
    *,
    now: datetime,
    encrypt: bool = True,
    key: BackupKey | None = None,
    place: str = "",
    removable: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BackupResult:
    """Back up to `folder` (a removable drive or a chosen folder) and note it.

    Sealed with the stored backup key, or with `key` when none is stored (the CLI derives one
    for a single backup); `encrypt=False` makes an unencrypted file, after the screen's warning.
    `place` is what the status bar shows ("KINGSTON (E:)"); the folder when left out.
    `removable` is True for a drive `backup.drives` listed; None asks `drive_kind`. Only a
    backup to a removable drive counts as "the last backup to a stick": a folder on this
    disk is lost with the PC. Only those who may change settings may make an unencrypted
    one: it protects nothing.
    """
    if not encrypt:
        if actor is None:
            raise NotAllowed("Only an administrator may make a backup without encryption.")
        require(actor, Permission.CHANGE_SETTINGS)
    with database.session_scope() as session:
        settings = backup_settings.load(session)
        details = load_organisation(session)
        sealing = (settings.backup_key or key) if encrypt else None
        if encrypt and sealing is None:
            raise PassphraseNeeded(
                "Set a backup passphrase first: an administrator sets it in the Backup area "
                "of the app, so the backup can be encrypted."
            )
        sequence = backup_settings.next_sequence(session)
    if removable is None:
        removable = drive_kind(folder) is DriveKind.REMOVABLE
    result = make_backup(
        paths,
        database_key,
        sealing,
        folder,
        organisation=details.name if details else "",
        now=now,
        sequence=sequence,
        progress=progress,
    )
    with database.session_scope() as session:
        backup_settings.record_backup(
            session,
            result,
            removable=True,
            on_removable_drive=removable,
            place=place or str(folder),
            actor=actor,
            encrypted=sealing is not None,
        )
    return result


def local_copy_on_close(
    database: Database, paths: AppPaths, database_key: bytes | None, *, now: datetime
) -> BackupResult | None:
    """Today's automatic local copy, thinning the older ones; None when one exists today."""
    with database.session_scope() as session:
        settings = backup_settings.load(session)
        if not local_copy_due(settings.last_local_copy_at, now):
            return None
        details = load_organisation(session)
        sequence = backup_settings.next_sequence(session)
    result = make_local_copy_if_due(
        paths,
        database_key,
        settings.backup_key,
        organisation=details.name if details else "",
        now=now,
        last_copy_at=settings.last_local_copy_at,
        sequence=sequence,
    )
    if result is not None:
        with database.session_scope() as session:
            backup_settings.record_backup(session, result, removable=False)
    return result
