"""Start-up never harms a database: newer ones are refused, damaged ones are not written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.startup import (
    DamagedDatabase,
    DatabaseState,
    good_copies,
    inspect_database,
    prepare_database,
    replace_with_copy,
)
from involve_desktop.errors import DatabaseProblem
from tests.conftest import TEST_KEY


def settle(path: Path) -> bytes:
    """Fold the write-ahead log in, then read the file's bytes."""
    sqlite_file.checkpoint(path, key=TEST_KEY)
    return path.read_bytes()


def test_connections_use_the_safe_settings(database: Database):
    with database.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(database: Database):
    path = database.path
    database.close()
    connection = sqlite_file.connect(path, key=TEST_KEY)
    connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    connection.close()
    before = settle(path)

    with pytest.raises(DatabaseProblem, match="newer version of Involve"):
        prepare_database(path, key=TEST_KEY)

    assert path.read_bytes() == before
    assert not list(path.parent.glob("involve-before-upgrade-*"))


def test_a_damaged_file_is_not_opened_and_the_newest_good_copy_is_offered(database: Database):
    # GIVEN a good copy from earlier, and then a damaged live file
    path = database.path
    database.close()
    copy = path.with_name("involve-before-upgrade-0001_foundation-20261101-090000.db")
    sqlite_file.copy_database(path, copy, key=TEST_KEY)
    for companion in path.parent.glob("involve.db-*"):
        companion.unlink()
    damaged_bytes = b"this is not a database any more " * 200
    path.write_bytes(damaged_bytes)

    # WHEN the app starts, it refuses and offers the copy
    with pytest.raises(DamagedDatabase) as refused:
        prepare_database(path, key=TEST_KEY)
    assert path.read_bytes() == damaged_bytes
    assert refused.value.good_copies == [copy]
    assert "damaged" in refused.value.message

    # AND going back to the copy keeps the damaged file, renamed
    kept = replace_with_copy(path, copy, key=TEST_KEY)
    assert kept.read_bytes() == damaged_bytes
    assert inspect_database(path, thorough=True, key=TEST_KEY).state is DatabaseState.CURRENT


def test_damaged_copies_are_not_offered(tmp_path: Path):
    (tmp_path / "involve-before-upgrade-x-1.db").write_bytes(b"rubbish" * 100)
    assert good_copies(tmp_path) == []


def test_a_file_that_is_not_an_involve_database_is_not_touched(tmp_path: Path):
    path = tmp_path / "involve.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE something_else (x)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DamagedDatabase, match="damaged"):
        prepare_database(path)
    assert path.read_bytes() == before


def test_an_empty_file_is_treated_as_a_new_database(tmp_path: Path):
    path = tmp_path / "involve.db"
    path.touch()
    assert prepare_database(path).state is DatabaseState.CURRENT
