"""`involve backup --to DIR`, `involve restore FILE`, `involve verify FILE`, with no display.

They call the same `backup/` functions as the app's Backup screen. The backup passphrase comes
from `INVOLVE_BACKUP_PASSPHRASE` (for scripts) or is asked for in a terminal; signing in (for
the database key, and to know who restores) uses `INVOLVE_USER` / `INVOLVE_PASSWORD` as the
other commands do. `verify` needs no sign-in and exits 0 only for a good backup.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from involve_desktop.errors import KnownError
from involve_desktop.paths import AppPaths

EXIT_OK = 0
EXIT_PROBLEM = 1
PASSPHRASE_ENV = "INVOLVE_BACKUP_PASSPHRASE"
Unlock = Callable[[AppPaths], tuple[bytes | None, Any]]


def add_backup_parsers(commands: Any, unlock: Unlock) -> None:
    backup = commands.add_parser(
        "backup",
        help="back up the records to a folder or drive, checked after writing",
        description="Write one backup file into DIR, read it back and check it. It is sealed "
        "with the backup passphrase set in Involve; with none set, give one in "
        f"{PASSPHRASE_ENV} or when asked.",
    )
    backup.add_argument("--to", required=True, type=Path, metavar="DIR", help="where to put it")
    backup.add_argument(
        "--no-encryption",
        action="store_true",
        help="do not encrypt (anyone who has the file can read the records)",
    )
    backup.set_defaults(run=functools.partial(run_backup, unlock=unlock))

    restore = commands.add_parser(
        "restore",
        help="put a backup's records in place of the current ones (kept as a dated copy)",
    )
    restore.add_argument("file", type=Path, help="the .involve-backup file")
    restore.set_defaults(run=functools.partial(run_restore, unlock=unlock))

    verify = commands.add_parser(
        "verify", help="check a backup file; exit status 0 only when it is good"
    )
    verify.add_argument("file", type=Path, help="the .involve-backup file")
    verify.set_defaults(run=run_verify)


def run_backup(paths: AppPaths, args: argparse.Namespace, *, unlock: Unlock) -> int:
    from involve_desktop.backup.backup_key import BackupKey
    from involve_desktop.db.engine import Database
    from involve_desktop.services import backup_settings
    from involve_desktop.services.backups import back_up
    from involve_desktop.services.organisation import load_organisation

    if not paths.database.exists():
        raise KnownError(f"There is no Involve database at {paths.database} to back up.")
    key, actor = unlock(paths)
    database = Database(paths.database, key=key)
    try:
        one_off = None
        if not args.no_encryption:
            with database.session_scope() as session:
                stored = backup_settings.load(session).backup_key
                details = load_organisation(session)
            if stored is None:
                # None set in Involve yet: a key for this backup alone (not stored).
                name = details.name if details else ""
                one_off = BackupKey.from_passphrase(_new_passphrase(name))
        result = back_up(
            database,
            paths,
            key,
            args.to,
            actor,
            now=datetime.now(),
            encrypt=not args.no_encryption,
            key=one_off,
            place=str(args.to.resolve()),
        )
    finally:
        database.close()
    if args.no_encryption:
        print("Warning: this backup is not encrypted.", file=sys.stderr)
    print(
        f"Backup complete and checked: {result.path} "
        f"({_size(result.size_bytes)}, {_people(result.people)})."
    )
    return EXIT_OK


def run_verify(paths: AppPaths, args: argparse.Namespace) -> int:
    from involve_desktop.backup.verify import verify_backup

    summary = verify_backup(args.file, _passphrase_if_sealed(args.file))
    print(
        f"The backup is good: {summary.organisation}, made {_when(summary.made_at)} by "
        f"Involve {summary.app_version}, {_people(summary.people)}"
        f"{'' if summary.encrypted else ', not encrypted'}."
    )
    return EXIT_OK


def run_restore(paths: AppPaths, args: argparse.Namespace, *, unlock: Unlock) -> int:
    from involve_desktop.backup.restore import restore_backup
    from involve_desktop.instance_lock import InstanceLock
    from involve_desktop.paths import ensure_writable

    ensure_writable(paths)
    with InstanceLock(paths.lock_file):
        # Replacing records needs an administrator's sign-in; a fresh PC has nobody yet.
        records_here = paths.database.exists() and paths.database.stat().st_size > 0
        actor = unlock(paths)[1] if records_here else None
        if records_here and actor is None:
            raise KnownError(
                "Restoring in place of the records here needs an administrator to sign in, and "
                "these records have no sign-in (they are not encrypted). Open Involve, which "
                "offers to protect them with passwords, then run involve restore again."
            )
        result = restore_backup(
            args.file, _passphrase_if_sealed(args.file), paths, now=datetime.now(), actor=actor
        )
    summary = result.summary
    print(
        f"Restored {summary.organisation} as backed up {_when(summary.made_at)} "
        f"({_people(summary.people)})."
    )
    if result.migrated:
        print("The backup came from an older version of Involve and was brought up to date.")
    if result.kept_copy is not None:
        print(f"The records that were here before are kept as {result.kept_copy}.")
    return EXIT_OK


def finish_interrupted_restore(paths: AppPaths) -> None:
    """Before a command opens the records: finish a restore stopped between its renames (as
    the app does at start), so a command never reads or changes the records it replaced."""
    from involve_desktop.backup.restore import MARKER_NAME
    from involve_desktop.backup.restore import finish_interrupted_restore as finish
    from involve_desktop.instance_lock import InstanceLock

    marker = paths.data_dir / MARKER_NAME
    if not marker.exists():
        return
    reason = "its files could not be put in place"
    with InstanceLock(paths.lock_file):  # not while Involve itself is open and restoring
        try:
            finish(paths)
        except OSError as error:
            reason = error.strerror or reason
    if marker.exists():
        raise KnownError(
            f"The restore could not finish: {reason}. Close other programs that may be using "
            "the Involve folder and run the command again."
        )


def _passphrase_if_sealed(file: Path) -> str | None:
    """The passphrase, asked for only when the file's header says it is encrypted."""
    from involve_desktop.backup.verify import needs_passphrase

    if not needs_passphrase(file):
        return None
    return os.environ.get(PASSPHRASE_ENV) or _ask("Backup passphrase: ")


def _new_passphrase(organisation: str) -> str:
    """A passphrase for this backup alone, when none is set in Involve (not stored)."""
    from involve_desktop.domain.passwords import password_problem

    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is None:
        passphrase = _ask("No backup passphrase is set in Involve. Choose one for this backup: ")
        if _ask("Type it again: ") != passphrase:
            raise KnownError("The two passphrases are different. Nothing was backed up.")
    problem = password_problem(passphrase, about=(organisation,))
    if problem:
        raise KnownError(f"That passphrase is too easy to guess. {problem}")
    return passphrase


def _ask(prompt: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise KnownError(
            f"This needs the backup passphrase: set {PASSPHRASE_ENV}, or run the command in a "
            "terminal so it can ask for it."
        )
    import getpass

    return getpass.getpass(prompt)


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%d %B %Y at %H:%M")


def _people(count: int) -> str:
    from involve_desktop.domain.formatting import count_of_people

    return count_of_people(count)


def _size(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"
