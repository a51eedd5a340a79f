"""Opening the database safely at start-up.

The order is fixed: check the file → if an upgrade is due, keep a copy next to it → upgrade,
one transaction per revision → check again → on any failure put the copy's content back.
A file from a newer version of the app, or a damaged one, is never opened for writing.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from involve_desktop.db import sqlite_file
from involve_desktop.db.revision import SCHEMA_HEAD
from involve_desktop.errors import DatabaseProblem

log = logging.getLogger(__name__)

COPY_PREFIX = "involve-before-upgrade-"
DAMAGED_PREFIX = "involve-damaged-"


class DatabaseState(StrEnum):
    MISSING = "missing"
    CURRENT = "current"
    OUT_OF_DATE = "out of date"
    NEWER = "newer"
    DAMAGED = "damaged"


@dataclass(frozen=True)
class DatabaseStatus:
    state: DatabaseState
    revision: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        return {
            DatabaseState.MISSING: "There is no database here yet.",
            DatabaseState.CURRENT: (
                f"The database is sound and up to date (schema {self.revision})."
            ),
            DatabaseState.OUT_OF_DATE: (
                f"The database is sound but was made by an older version (schema {self.revision}). "
                "Open Involve to upgrade it; a copy is kept first."
            ),
            DatabaseState.NEWER: (
                f"This database was saved by a newer version of Involve (schema {self.revision}). "
                "This version cannot use it safely and has left it untouched. Please install "
                "the newer version of Involve, or restore a backup made with this version."
            ),
            DatabaseState.DAMAGED: (
                "The database file is damaged, so Involve has not changed it. "
                "You can go back to the newest good copy, or ask for help with the damaged file."
            ),
        }[self.state]


class DamagedDatabase(DatabaseProblem):
    """The file failed its check; `good_copies` lists copies to go back to, newest first."""

    def __init__(self, message: str, good_copies: list[Path]) -> None:
        super().__init__(message)
        self.good_copies = good_copies


def inspect_database(
    path: Path, *, thorough: bool = False, key: bytes | None = None
) -> DatabaseStatus:
    """Say what state the file is in, without changing it."""
    if not path.exists() or path.stat().st_size == 0:
        return DatabaseStatus(DatabaseState.MISSING)
    check = sqlite_file.integrity_check if thorough else sqlite_file.quick_check
    problems = check(path, key=key)
    if problems:
        return DatabaseStatus(DatabaseState.DAMAGED, problems=problems)
    revision = sqlite_file.read_revision(path, key=key)
    if revision == SCHEMA_HEAD:
        return DatabaseStatus(DatabaseState.CURRENT, revision)
    if revision is None:
        return DatabaseStatus(
            DatabaseState.DAMAGED, problems=["the file is not an Involve database"]
        )
    from involve_desktop.db.migrate import known_revisions

    if revision in known_revisions():
        return DatabaseStatus(DatabaseState.OUT_OF_DATE, revision)
    return DatabaseStatus(DatabaseState.NEWER, revision)


def prepare_database(
    path: Path, *, script_location: Path | None = None, key: bytes | None = None
) -> DatabaseStatus:
    """Make the file ready for this version, or raise a `DatabaseProblem` with a plain message."""
    status = inspect_database(path, key=key)
    if status.state is DatabaseState.CURRENT:
        return status
    if status.state is DatabaseState.MISSING:
        _upgrade(path, script_location, key)
        log.info("Created a new database at schema %s", SCHEMA_HEAD)
        return inspect_database(path, key=key)
    if status.state is DatabaseState.NEWER:
        raise DatabaseProblem(status.message)
    if status.state is DatabaseState.DAMAGED:
        log.error("Database failed its check (%d problems)", len(status.problems))
        raise DamagedDatabase(status.message, good_copies(path.parent, key=key))
    upgrade_with_copy(path, status.revision or "none", script_location, key=key)
    return inspect_database(path, key=key)


def upgrade_with_copy(
    path: Path, from_revision: str, script_location: Path | None, *, key: bytes | None = None
) -> Path:
    """Upgrade, keeping a copy named with the old revision and the time; return the copy."""
    copy = stamped_name(path.parent, f"{COPY_PREFIX}{from_revision}-")
    sqlite_file.copy_database(path, copy, key=key)
    log.info("Upgrading the database from schema %s; copy kept as %s", from_revision, copy.name)
    try:
        _upgrade(path, script_location, key)
        problems = sqlite_file.integrity_check(path, key=key)
        if problems:
            raise RuntimeError(f"integrity check after upgrade: {problems[:3]}")
    except Exception as error:
        log.exception("Upgrade failed; putting the copy back")
        sqlite_file.restore_database(copy, path, key=key)
        raise DatabaseProblem(
            "Involve could not upgrade the database to this version, so it has put your data "
            f"back exactly as it was. A copy is also kept as {copy.name}. Please contact "
            "whoever supports Involve for you, and keep using the previous version until then.",
            detail=f"{type(error).__name__}",
        ) from error
    return copy


def _upgrade(path: Path, script_location: Path | None, key: bytes | None) -> None:
    from involve_desktop.db import migrate

    migrate.upgrade_to_head(path, script_location or migrate.MIGRATIONS_DIR, key=key)


def good_copies(folder: Path, *, key: bytes | None = None) -> list[Path]:
    """Copies of the database in `folder` that pass their check, newest first."""
    candidates = sorted(
        folder.glob("involve-*.db"), key=lambda copy: copy.stat().st_mtime, reverse=True
    )
    return [
        copy
        for copy in candidates
        if not copy.name.startswith(DAMAGED_PREFIX) and not sqlite_file.quick_check(copy, key=key)
    ]


def stamped_name(folder: Path, prefix: str) -> Path:
    """`<prefix><date-time>.db` in `folder`, never the name of a file already there."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{prefix}{stamp}.db"
    number = 2
    while candidate.exists():
        candidate = folder / f"{prefix}{stamp}-{number}.db"
        number += 1
    return candidate


def set_aside(path: Path, prefix: str) -> Path:
    """Rename the database, with its journal files, to a new stamped name; return it."""
    kept = stamped_name(path.parent, prefix)
    os.replace(path, kept)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, kept.with_name(kept.name + suffix))
    return kept


def replace_with_copy(path: Path, copy: Path, *, key: bytes | None = None) -> Path:
    """Set the damaged file aside (kept, renamed) and put the copy in its place."""
    damaged = set_aside(path, DAMAGED_PREFIX)
    sqlite_file.copy_database(copy, path, key=key)
    log.info("Replaced a damaged database with the copy %s", copy.name)
    return damaged
