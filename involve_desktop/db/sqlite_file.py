"""The one module that talks to the SQLite file directly.

Everything specific to SQLite lives here: connection settings, integrity checks, the backup
API for consistent copies, and the quick read of start-up facts that lets the window open
before SQLAlchemy is imported. Everything else goes through the engine in `engine.py`, whose
connections come from `connect()` below.

Every function takes an optional `key`: with it, the file is an SQLCipher database opened with
that raw 256-bit key (sqlcipher3, imported only then); without it, plain SQLite.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32_000


def driver(key: bytes | None) -> ModuleType:
    """The DB-API module for a plain (`key` None) or an encrypted database."""
    if key is None:
        return sqlite3
    from sqlcipher3 import dbapi2

    return dbapi2


def connect(path: Path, *, key: bytes | None = None, read_only: bool = False) -> Any:
    """Open the database with Involve's settings (see docs/decisions/001-sqlite-settings.md)."""
    module = driver(key)
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")
    connection = module.connect(
        uri, uri=True, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        if key is not None:
            # A raw key: SQLCipher skips its own key derivation (0.2 ms instead of 213 ms).
            connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Pages are decrypted into this cache: at SQLite's default 2 MB, Home's figures for
        # a large register read and decrypt the same pages again (280 ms against 216 ms
        # with 20,000 people). It is filled only as pages are read.
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if not read_only:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
    except module.Error:
        connection.close()
        raise
    return connection


def quick_check(path: Path, *, key: bytes | None = None) -> list[str]:
    """Problems SQLite finds in the file's structure (fast); empty when it is sound."""
    return _check(path, "PRAGMA quick_check", key)


def integrity_check(path: Path, *, key: bytes | None = None) -> list[str]:
    """The thorough check, used around upgrades and copies; empty when the file is sound."""
    problems = _check(path, "PRAGMA integrity_check", key)
    if not problems:
        broken = _rows(path, "PRAGMA foreign_key_check", key)
        problems = [f"broken link in table {row[0]}" for row in broken]
    return problems


def _check(path: Path, pragma: str, key: bytes | None) -> list[str]:
    try:
        rows = _rows(path, pragma, key)
    except driver(key).DatabaseError as error:
        return [str(error)]
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def _rows(path: Path, sql: str, key: bytes | None) -> list[tuple[object, ...]]:
    connection = connect(path, key=key, read_only=True)
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


def read_revision(path: Path, *, key: bytes | None = None) -> str | None:
    """The Alembic revision stored in the file, or None when it has none."""
    connection = connect(path, key=key, read_only=True)
    try:
        return _revision(connection, key)
    finally:
        connection.close()


def read_startup_facts(path: Path, *, key: bytes | None = None) -> StartupFacts:
    connection = connect(path, key=key, read_only=True)
    try:
        revision = _revision(connection, key)
        try:
            row = connection.execute(
                "SELECT name, people_word_singular, people_word_plural FROM organisation"
            ).fetchone()
        except driver(key).OperationalError:
            row = None
        if row is None:
            return StartupFacts(revision)
        return StartupFacts(revision, *row)
    finally:
        connection.close()


def _revision(connection: Any, key: bytes | None) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except driver(key).OperationalError:
        return None
    return row[0] if row else None


def copy_database(source: Path, destination: Path, *, key: bytes | None = None) -> None:
    """A consistent copy through SQLite's backup API, written under a temporary name first.

    An encrypted database gives an encrypted copy under the same key.
    """
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    source_connection = connect(source, key=key, read_only=True)
    try:
        target = driver(key).connect(partial)
        try:
            if key is not None:
                target.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            source_connection.backup(target)
            # A copy is a single file: no write-ahead log to carry around with it.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    finally:
        source_connection.close()
    _fsync(partial)
    os.replace(partial, destination)


def restore_database(copy: Path, live: Path, *, key: bytes | None = None) -> None:
    """Put a copy's content back into the live file, page by page, through the backup API."""
    source = connect(copy, key=key, read_only=True)
    try:
        target = connect(live, key=key)
        try:
            source.backup(target)
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
    finally:
        source.close()


def checkpoint(path: Path, *, key: bytes | None = None) -> None:
    """Fold the write-ahead log back into the main file, e.g. before the app closes."""
    connection = connect(path, key=key)
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


def encrypt_database(plain: Path, encrypted: Path, key: bytes) -> None:
    """Write an encrypted copy of a plain database (SQLCipher's `sqlcipher_export`).

    The copy is made under a temporary name and renamed only when complete; the plain file
    is not changed.
    """
    partial = encrypted.with_name(encrypted.name + ".partial")
    partial.unlink(missing_ok=True)
    connection = driver(key).connect(str(plain), isolation_level=None)
    try:
        connection.execute(
            "ATTACH DATABASE ? AS encrypted KEY \"x'" + key.hex() + "'\"", (str(partial),)
        )
        connection.execute("SELECT sqlcipher_export('encrypted')")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
    _fsync(partial)
    os.replace(partial, encrypted)
