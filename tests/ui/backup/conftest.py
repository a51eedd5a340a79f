"""A charity with encrypted records, its administrator signed in, and backup keys derived
quickly (the real Argon2id settings are measured by `make bench`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from involve_desktop.app import AppContext
from involve_desktop.backup.drives import Drive
from involve_desktop.db.engine import Database
from involve_desktop.db.sqlite_file import read_startup_facts
from involve_desktop.paths import AppPaths
from involve_desktop.services.demo import build_demo
from involve_desktop.services.protection import start_new_records
from involve_desktop.services.staff import slot_id
from tests.backup.helpers import quick_backup_key  # noqa: F401
from tests.conftest import EXAMPLE_ORGANISATION

TODAY = date(2026, 11, 26)
ADMIN = "Priya Shah"
PASSWORD = "lighthouse pebble orchard"
RECOVERY = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"
PASSPHRASE = "copper meadow river stone"
PEOPLE = 12
ORGANISATION = "Riverside Voices (demo)"  # the demo charity's name


@pytest.fixture
def backup_ctx(qapp, paths: AppPaths) -> Iterator[AppContext]:
    """Encrypted records with a key file and 12 invented people, as after a real sign-in."""
    context = signed_in(paths)
    yield context
    context.close()


def signed_in(paths: AppPaths, *, people: int = PEOPLE) -> AppContext:
    signed = start_new_records(paths, EXAMPLE_ORGANISATION, ADMIN, PASSWORD, RECOVERY)
    database = Database(paths.database, key=signed.key)
    try:
        with database.session_scope() as session:
            build_demo(session, people=people, today=TODAY)
    finally:
        database.close()
    context = AppContext(
        paths,
        read_startup_facts(paths.database, key=signed.key),
        key=signed.key,
        actor=signed.actor,
        slot_id=slot_id(signed.actor.staff_id),
    )
    context.database()
    return context


def stick(tmp_path: Path, label: str = "KINGSTON (E:)", free: int = 8_000_000_000) -> Drive:
    """A folder standing in for a mounted USB stick, as `removable_drives` lists one."""
    folder = tmp_path / "stick"
    folder.mkdir(exist_ok=True)
    return Drive(label, folder, free)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour)
