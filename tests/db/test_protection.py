"""New records start encrypted; old plain ones are converted once, verified, and cleaned up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.key_slots import WrongSecret
from involve_desktop.db.startup import DatabaseState, inspect_database
from involve_desktop.domain.recovery_key import RECOVERY_SLOT
from involve_desktop.services import protection
from involve_desktop.services.staff import slot_id
from tests.conftest import EXAMPLE_ORGANISATION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
PASSWORD = "lighthouse pebble orchard"
RECOVERY = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"


def test_new_records_are_encrypted_and_open_with_the_administrators_password(paths):
    made = protection.start_new_records(
        paths, EXAMPLE_ORGANISATION, "Priya Shah", PASSWORD, RECOVERY
    )
    assert b"Greenfield" not in paths.database.read_bytes()
    assert not list(paths.data_dir.glob("involve.db.new*"))
    key = protection.sign_in(paths, slot_id(made.actor.staff_id), PASSWORD)
    assert key == made.key == protection.sign_in(paths, RECOVERY_SLOT, RECOVERY)
    assert inspect_database(paths.database, key=key).state is DatabaseState.CURRENT
    database = Database(paths.database, key=key)
    with database.session_scope() as session:
        actor = protection.record_sign_in(session, slot_id(made.actor.staff_id))
    database.close()
    assert actor.name == "Priya Shah"
    with pytest.raises(WrongSecret):
        protection.sign_in(paths, slot_id(made.actor.staff_id), "not the password at all")


def test_plain_records_are_protected_once_with_their_data_and_no_plain_copies_left(paths):
    shutil.copy(FIXTURES / "0001_foundation.db", paths.database)
    from involve_desktop.db.startup import prepare_database

    prepare_database(paths.database)  # upgrading keeps a plain copy next to it
    assert list(paths.data_dir.glob("involve-before-upgrade-*.db"))
    names_before = (
        sqlite_file.connect(paths.database)
        .execute("SELECT first_name FROM person ORDER BY id")
        .fetchall()
    )

    made = protection.protect_existing_records(paths, "Priya Shah", PASSWORD, RECOVERY)

    raw = b"".join(path.read_bytes() for path in paths.data_dir.glob("involve*.db*"))
    assert not any(name.encode() in raw for (name,) in names_before if len(name) > 3)
    assert not list(paths.data_dir.glob("involve-before-upgrade-*.db")), "plain copies removed"
    connection = sqlite_file.connect(paths.database, key=made.key)
    assert (
        connection.execute("SELECT first_name FROM person ORDER BY id").fetchall() == names_before
    )
    connection.close()
