"""The backup settings: the stored key, who may set it, the sequence, the gentle reminder,
and revision 0007 upgrading and stepping back."""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from involve_desktop.backup.make_backup import BackupResult
from involve_desktop.backup.sealed_file import SealedReader, SealedWriter
from involve_desktop.db.backup_models import BackupSettings
from involve_desktop.db.models import AuditEvent, sensitive_columns
from involve_desktop.db.startup import prepare_database
from involve_desktop.domain.roles import Role
from involve_desktop.errors import ValidationFailed
from involve_desktop.services import backup_settings
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.permissions import NotAllowed
from tests.backup.helpers import (
    PASSPHRASE,
    quick_backup_key,  # noqa: F401
)
from tests.db.register_helpers import staff_member
from tests.db.test_migrations import FIXTURES, TABLES, rows, step_back

TODAY = date(2026, 11, 26)


def result(sequence: int, at: datetime) -> BackupResult:
    return BackupResult(Path("/media/stick/backup.involve-backup"), 1000, 12, at, sequence)


def test_a_new_database_has_the_settings_row_with_no_passphrase(database):
    with database.session_scope() as session:
        settings = backup_settings.load(session)
    assert not settings.passphrase_set
    assert settings.interval_days == 7
    assert settings.sequence == 0
    assert settings.last_removable_backup_at is None


def test_an_administrator_sets_the_passphrase_and_only_its_key_is_stored(database):
    admin = staff_member(database, Role.ADMINISTRATOR)
    with database.session_scope() as session:
        key = backup_settings.set_passphrase(session, admin, PASSPHRASE, now=datetime(2026, 11, 1))
    with database.session_scope() as session:
        settings = backup_settings.load(session)
        row = session.get(BackupSettings, 1)
        stored = [row.kdf_salt, row.backup_key, row.passphrase_set_at]
        audit = session.scalars(select(AuditEvent.action)).all()
    assert settings.backup_key == key
    assert stored == [key.kdf.salt, key.key, datetime(2026, 11, 1)]
    assert PASSPHRASE.encode() not in b"".join(part for part in stored[:2])
    assert AuditAction.CHANGED_SETTINGS in audit
    # What it seals, the passphrase alone opens.
    target = io.BytesIO()
    writer = SealedWriter(target, settings.backup_key, made_at="x", app_version="0", sequence=1)
    writer.write(b"records")
    writer.close()
    reader = SealedReader(io.BytesIO(target.getvalue()), passphrase=PASSPHRASE)
    assert reader.read() == b"records"


def test_the_stored_key_is_marked_secret():
    assert "backup_key" in sensitive_columns(BackupSettings.__table__)
    assert not BackupSettings.__table__.c.backup_key.info.get("personal")


def test_staff_may_not_set_the_passphrase_and_weak_ones_are_refused(database):
    member = staff_member(database, Role.STAFF, name="Tom Reed")
    admin = staff_member(database, Role.ADMINISTRATOR)
    with database.session_scope() as session, pytest.raises(NotAllowed):
        backup_settings.set_passphrase(session, member, PASSPHRASE)
    with database.session_scope() as session, pytest.raises(ValidationFailed) as refused:
        backup_settings.set_passphrase(session, admin, "password1")
    assert "passphrase" in refused.value.errors
    with database.session_scope() as session:
        assert not backup_settings.load(session).passphrase_set


def test_each_backup_takes_the_next_number_and_a_restore_never_goes_back(database):
    with database.session_scope() as session:
        assert [backup_settings.next_sequence(session) for _ in range(3)] == [1, 2, 3]
        backup_settings.raise_sequence(session, 10)
        backup_settings.raise_sequence(session, 4)
        assert backup_settings.next_sequence(session) == 11


def test_a_removable_backup_resets_the_reminder_and_is_audited(database):
    admin = staff_member(database, Role.ADMINISTRATOR)
    at = datetime(2026, 11, 20, 16, 45)
    with database.session_scope() as session:
        backup_settings.dismiss_reminder(session, TODAY)
        backup_settings.record_backup(
            session, result(5, at), removable=True, place="KINGSTON (E:)", actor=admin
        )
        backup_settings.record_backup(session, result(6, at), removable=False)
    with database.session_scope() as session:
        settings = backup_settings.load(session)
        made = session.scalars(
            select(AuditEvent).where(AuditEvent.action == AuditAction.MADE_BACKUP)
        ).all()
    assert settings.last_removable_backup_at == at
    assert settings.last_removable_backup_place == "KINGSTON (E:)"
    assert settings.last_local_copy_at == at
    assert settings.nag_dismissed_on is None
    assert settings.sequence == 6
    assert [(event.staff_id, event.subject_id) for event in made] == [(admin.staff_id, 5)]


def test_a_backup_is_due_after_the_interval_and_the_reminder_waits_after_not_now(database):
    admin = staff_member(database, Role.ADMINISTRATOR)
    with database.session_scope() as session:
        backup_settings.set_interval(session, admin, 14)
        settings = backup_settings.load(session)
    assert backup_settings.backup_due(settings, TODAY)  # never backed up
    with database.session_scope() as session:
        backup_settings.record_backup(
            session, result(1, datetime(2026, 11, 10, 9, 0)), removable=True
        )
        settings = backup_settings.load(session)
    assert not backup_settings.backup_due(settings, date(2026, 11, 23))
    assert backup_settings.backup_due(settings, date(2026, 11, 24))
    assert backup_settings.should_remind(settings, date(2026, 11, 24))
    with database.session_scope() as session:
        backup_settings.dismiss_reminder(session, date(2026, 11, 24))
        settings = backup_settings.load(session)
    assert not backup_settings.should_remind(settings, date(2026, 11, 26))
    assert backup_settings.should_remind(settings, date(2026, 11, 27))
    with database.session_scope() as session, pytest.raises(ValidationFailed):
        backup_settings.set_interval(session, admin, 0)


def test_records_from_before_backups_gain_the_settings_and_keep_their_data(tmp_path: Path):
    # GIVEN the last database made before backups (0006)
    database = tmp_path / "involve.db"
    shutil.copy(FIXTURES / "0006_learning_cycle.db", database)
    strategies = rows(database, "SELECT * FROM strategy ORDER BY id")
    people = rows(database, "SELECT id, first_name, last_name FROM person ORDER BY id")

    prepare_database(database)

    # THEN the single settings row holds the defaults, and nothing else changed
    settings = "SELECT id, interval_days, sequence, backup_key FROM backup_settings"
    assert rows(database, settings) == [(1, 7, 0, None)]
    assert rows(database, "SELECT * FROM strategy ORDER BY id") == strategies
    assert rows(database, "SELECT id, first_name, last_name FROM person ORDER BY id") == people


def test_revision_0007_steps_back_cleanly(tmp_path: Path):
    database = tmp_path / "involve.db"
    shutil.copy(FIXTURES / "0006_learning_cycle.db", database)
    tables_before = rows(database, TABLES)
    strategies = rows(database, "SELECT * FROM strategy ORDER BY id")
    prepare_database(database)

    step_back(database, "0006_learning_cycle")

    assert sorted(rows(database, TABLES)) == sorted(tables_before)
    assert rows(database, "SELECT * FROM strategy ORDER BY id") == strategies


def test_the_0007_fixture_keeps_its_backup_settings():
    query = "SELECT interval_days, sequence, kdf_memory_kib FROM backup_settings"
    assert rows(FIXTURES / "0007_backup.db", query) == [(14, 12, 65536)]
