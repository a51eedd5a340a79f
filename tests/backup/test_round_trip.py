"""Property: for any small set of records, restoring a backup of them gives exactly the same
rows in every table."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.make_backup import make_backup
from involve_desktop.backup.restore import restore_backup
from involve_desktop.db.engine import Database
from involve_desktop.db.key_slots import KdfParameters
from involve_desktop.db.startup import prepare_database
from involve_desktop.domain.activity_record import ActivityDetails
from involve_desktop.domain.person_record import PersonDetails, TrainingEntry
from involve_desktop.domain.roles import Role
from involve_desktop.paths import AppPaths
from involve_desktop.services.activities import save_activity
from involve_desktop.services.attendance import set_attendance
from involve_desktop.services.organisation import save_organisation
from involve_desktop.services.people import save_person
from tests.backup.helpers import NOW, PASSPHRASE, QUICK_KDF, dump
from tests.conftest import EXAMPLE_ORGANISATION, TEST_KEY
from tests.db.register_helpers import staff_member

NAMES = st.sampled_from(
    ["Siân", "Zoë", "Łukasz", "Wiśniewski", "O'Brien", "Okafor-Smith", "ap Gwilym", "王芳", "Ann"]
)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40).map(
    str.strip
)
DAYS = st.dates(min_value=date(1930, 1, 1), max_value=date(2026, 11, 26))

person = st.builds(
    PersonDetails,
    first_name=NAMES,
    last_name=NAMES,
    notes=TEXT,
    date_of_birth=st.none() | DAYS,
    training=st.lists(
        st.builds(TrainingEntry, title=NAMES, completed_on=st.none() | DAYS), max_size=2
    ).map(tuple),
)
activity = st.builds(
    ActivityDetails, title=NAMES, purpose=TEXT.map("To hear {}".format), held_on=DAYS, notes=TEXT
)


@pytest.fixture(scope="module")
def template() -> Path:
    """An encrypted database at the current schema with the organisation (made once)."""
    folder = Path(tempfile.mkdtemp(prefix="involve-round-trip-"))
    path = folder / "involve.db"
    prepare_database(path, key=TEST_KEY)
    database = Database(path, key=TEST_KEY)
    with database.session_scope() as session:
        save_organisation(session, EXAMPLE_ORGANISATION)
    database.close()
    yield path
    shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(person, min_size=0, max_size=5),
    activities=st.lists(activity, min_size=0, max_size=3),
    attendance=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 2)), max_size=6),
)
def test_restore_of_a_backup_gives_exactly_the_same_rows(
    template, tmp_path_factory, people, activities, attendance
):
    root = tmp_path_factory.mktemp("case")
    paths = AppPaths(root / "data")
    paths.data_dir.mkdir()
    shutil.copy(template, paths.database)
    database = Database(paths.database, key=TEST_KEY)
    admin = staff_member(database, Role.ADMINISTRATOR)
    with database.session_scope() as session:
        person_ids = [save_person(session, admin, details, today=NOW.date()) for details in people]
        activity_ids = [save_activity(session, admin, details) for details in activities]
        for person_index, activity_index in attendance:
            if person_index < len(person_ids) and activity_index < len(activity_ids):
                set_attendance(
                    session,
                    admin,
                    activity_ids[activity_index],
                    person_ids[person_index],
                    today=NOW.date(),
                )
    database.close()
    before = dump(paths.database, TEST_KEY)
    assert len(before["person"]) == len(people)
    assert len(before["activity"]) == len(activities)
    stick = root / "stick"
    stick.mkdir()
    key = BackupKey.for_file(KdfParameters(**QUICK_KDF, salt=bytes(16)), PASSPHRASE)
    backup = make_backup(paths, TEST_KEY, key, stick, organisation="", now=NOW, sequence=1).path

    restored = AppPaths(root / "other-pc")
    restore_backup(backup, PASSPHRASE, restored, now=NOW)

    after = dump(restored.database, TEST_KEY)
    # The restore notes itself in the trail (one row more) and nothing else differs.
    audit_after = after.pop("audit_event")
    audit_before = before.pop("audit_event")
    assert len(audit_after) == len(audit_before) + 1
    assert set(audit_before) <= set(audit_after)
    after.pop("backup_settings"), before.pop("backup_settings")
    assert after == before
