"""The same database layer on an SQLCipher file: nothing readable on disk, everything works."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.migrate import MIGRATIONS_DIR
from involve_desktop.db.models import Person
from involve_desktop.db.revision import SCHEMA_HEAD
from involve_desktop.db.startup import (
    DatabaseState,
    inspect_database,
    prepare_database,
    upgrade_with_copy,
)
from involve_desktop.errors import DatabaseProblem
from involve_desktop.services.organisation import load_organisation, save_organisation
from involve_desktop.services.people import count_people
from tests.conftest import EXAMPLE_ORGANISATION
from tests.db.test_migrations import BROKEN_REVISION, dump

# A fixed raw key keeps tests fast: no key derivation at any connection.
KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
CANARY = "Wilhelmina Canary-Fothergill"


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "involve.db"
    prepare_database(path, key=KEY)
    database = Database(path, key=KEY)
    with database.session_scope() as session:
        save_organisation(session, EXAMPLE_ORGANISATION)
        session.add(
            Person(first_name=CANARY, notes=f"{CANARY} likes Tuesdays", joined_on=date.today())
        )
    database.close()
    sqlite_file.checkpoint(path, key=KEY)
    return path


def test_no_name_or_note_is_readable_in_the_file(encrypted: Path):
    raw = b"".join(p.read_bytes() for p in encrypted.parent.glob("involve.db*"))
    assert CANARY.encode() not in raw
    assert b"Greenfield" not in raw
    assert not raw.startswith(b"SQLite format 3")


def test_the_services_work_on_the_encrypted_file(encrypted: Path):
    database = Database(encrypted, key=KEY)
    try:
        with database.session_scope() as session:
            assert load_organisation(session).name == "Greenfield Carers Network"
            assert count_people(session) == 1
        with pytest.raises(IntegrityError), database.session_scope() as session:
            session.add(
                Person(first_name="X", participation_level="nonsense", joined_on=date.today())
            )
    finally:
        database.close()


def test_the_start_up_checks_see_a_sound_current_file(encrypted: Path):
    status = inspect_database(encrypted, thorough=True, key=KEY)
    assert status.state is DatabaseState.CURRENT
    facts = sqlite_file.read_startup_facts(encrypted, key=KEY)
    assert facts.organisation_name == "Greenfield Carers Network"


def test_without_the_right_key_the_file_is_not_opened(encrypted: Path):
    assert inspect_database(encrypted, key=OTHER_KEY).state is DatabaseState.DAMAGED
    assert inspect_database(encrypted).state is DatabaseState.DAMAGED


def test_copies_of_an_encrypted_file_are_encrypted_too(encrypted: Path):
    copy = encrypted.with_name("involve-copy.db")
    sqlite_file.copy_database(encrypted, copy, key=KEY)
    assert CANARY.encode() not in copy.read_bytes()
    assert dump(copy, KEY) == dump(encrypted, KEY)


def test_a_failed_upgrade_puts_the_encrypted_file_back(encrypted: Path, tmp_path: Path):
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0002_broken.py").write_text(BROKEN_REVISION.format(head=SCHEMA_HEAD))
    before = dump(encrypted, KEY)
    with pytest.raises(DatabaseProblem, match="exactly as it was"):
        upgrade_with_copy(encrypted, SCHEMA_HEAD, scripts, key=KEY)
    assert dump(encrypted, KEY) == before


def test_a_plain_database_can_be_converted_without_changing_it(plain_database, tmp_path: Path):
    plain = plain_database.path
    plain_database.close()
    sqlite_file.checkpoint(plain)
    before = dump(plain, None)
    converted = tmp_path / "converted.db"

    sqlite_file.encrypt_database(plain, converted, KEY)

    assert dump(plain, None) == before, "the plain file is left as it was"
    assert dump(converted, KEY) == dump(plain, None)
    assert b"Greenfield" not in converted.read_bytes()
    assert inspect_database(converted, thorough=True, key=KEY).state is DatabaseState.CURRENT
