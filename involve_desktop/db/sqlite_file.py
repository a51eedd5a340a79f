"""The one module that talks to the SQLite file with the standard library.

Everything specific to SQLite lives here: connection settings, integrity checks, the backup
API for consistent copies, and the quick read of start-up facts that lets the window open
before SQLAlchemy is imported. Everything else goes through the engine in `engine.py`, whose
connections come from `connect()` below.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

BUSY_TIMEOUT_MS = 5000


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open the database with Involve's settings (see docs/decisions/001-sqlite-settings.md)."""
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")
    connection = sqlite3.connect(
        uri, uri=True, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def quick_check(path: Path) -> list[str]:
    """Problems SQLite finds in the file's structure (fast); empty when it is sound."""
    return _check(path, "PRAGMA quick_check")


def integrity_check(path: Path) -> list[str]:
    """The thorough check, used around upgrades and copies; empty when the file is sound."""
    problems = _check(path, "PRAGMA integrity_check")
    if not problems:
        problems = [
            f"broken link in table {row[0]}" for row in _rows(path, "PRAGMA foreign_key_check")
        ]
    return problems


def _check(path: Path, pragma: str) -> list[str]:
    try:
        rows = _rows(path, pragma)
    except sqlite3.DatabaseError as error:
        return [str(error)]
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = connect(path, read_only=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


@dataclass(frozen=True)
class StartupFacts:
    """What the main window needs to open: the schema revision and how to name things."""

    revision: str | None
    organisation_name: str | None = None
    term_singular: str | None = None
    term_plural: str | None = None


def read_revision(path: Path) -> str | None:
    """The Alembic revision stored in the file, or None when it has none."""
    connection = connect(path, read_only=True)
    try:
        return _revision(connection)
    finally:
        connection.close()


def read_startup_facts(path: Path) -> StartupFacts:
    connection = connect(path, read_only=True)
    try:
        revision = _revision(connection)
        try:
            row = connection.execute(
                "SELECT name, people_word_singular, people_word_plural FROM organisation"
            ).fetchone()
        except sqlite3.OperationalError:
            row = None
        if row is None:
            return StartupFacts(revision)
        return StartupFacts(revision, *row)
    finally:
        connection.close()


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def copy_database(source: Path, destination: Path) -> None:
    """A consistent copy through SQLite's backup API, written under a temporary name first."""
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    source_connection = connect(source, read_only=True)
    try:
        target = sqlite3.connect(partial)
        try:
            source_connection.backup(target)
            # A copy is a single file: no write-ahead log to carry around with it.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    finally:
        source_connection.close()
    _fsync(partial)
    os.replace(partial, destination)


def restore_database(copy: Path, live: Path) -> None:
    """Put a copy's content back into the live file, page by page, through the backup API."""
    source = connect(copy, read_only=True)
    try:
        target = connect(live)
        try:
            source.backup(target)
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
    finally:
        source.close()


def checkpoint(path: Path) -> None:
    """Fold the write-ahead log back into the main file, e.g. before the app closes."""
    connection = connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
