"""Shared by the backup tests: quick key derivation, a signed-up charity, and table dumps."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.key_slots import KeyFile
from involve_desktop.domain.recovery_key import new_recovery_key
from involve_desktop.paths import AppPaths, ensure_writable
from involve_desktop.services.demo import build_demo
from involve_desktop.services.protection import start_new_records
from tests.conftest import EXAMPLE_ORGANISATION

ADMIN = "Priya Shah"
PASSWORD = "kettle garden bicycle lantern"
PASSPHRASE = "copper meadow river stone"
NOW = datetime(2026, 11, 26, 16, 45)
TODAY = date(2026, 11, 26)
QUICK_KDF = {"memory_kib": 1024, "iterations": 1, "parallelism": 1}


@pytest.fixture(autouse=True)
def quick_backup_key(monkeypatch):
    """Argon2id at 1 MiB for backup keys too: the real 64 MiB is measured by `make bench`."""
    from involve_desktop.backup import backup_key

    monkeypatch.setattr(backup_key, "BACKUP_KDF", dict(QUICK_KDF))


def new_charity(folder: Path, *, people: int = 12, seed: int = 5) -> tuple[AppPaths, bytes]:
    """A data folder as the first-run wizard leaves it, with invented people; its key."""
    paths = AppPaths(folder)
    ensure_writable(paths)
    signed = start_new_records(paths, EXAMPLE_ORGANISATION, ADMIN, PASSWORD, new_recovery_key())
    database = Database(paths.database, key=signed.key)
    try:
        with database.session_scope() as session:
            build_demo(session, people=people, seed=seed, today=TODAY)
    finally:
        database.close()
    return paths, signed.key


def key_from_password(paths: AppPaths, name: str = ADMIN, password: str = PASSWORD) -> bytes:
    """Sign in as staff do: the key file and a password open the database key."""
    keys = KeyFile.load(paths.key_file)
    return keys.unlock(keys.slot_named(name), password)


def dump(path: Path, key: bytes | None, *, leave_out: tuple[str, ...] = ()) -> dict[str, list]:
    """Every row of every table (sorted), by table name."""
    connection = sqlite_file.connect(path, key=key, read_only=True)
    try:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if name not in leave_out
        ]
        return {
            name: sorted(map(repr, connection.execute(f'SELECT * FROM "{name}"').fetchall()))
            for name in names
        }
    finally:
        connection.close()


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())
