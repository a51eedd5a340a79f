"""The service the Backup screen and the CLI call: settings, number, file, and the note."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from involve_desktop.backup.problems import PassphraseNeeded
from involve_desktop.backup.verify import verify_backup
from involve_desktop.db.engine import Database
from involve_desktop.db.models import AuditEvent
from involve_desktop.domain.roles import Role
from involve_desktop.services import backup_settings
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.backups import back_up, local_copy_on_close
from involve_desktop.services.permissions import Actor, NotAllowed
from tests.backup.helpers import ADMIN, NOW, PASSPHRASE, files_in, new_charity

STAFF = Actor(1, ADMIN, Role.ADMINISTRATOR)


@pytest.fixture
def charity(tmp_path):
    paths, key = new_charity(tmp_path / "data", people=5)
    database = Database(paths.database, key=key)
    yield paths, key, database
    database.close()


@pytest.fixture
def stick(tmp_path):
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def test_backing_up_uses_the_stored_key_and_notes_when_and_where(charity, stick):
    paths, key, database = charity
    with database.session_scope() as session:
        backup_settings.set_passphrase(session, STAFF, PASSPHRASE)

    # As the screen's drive buttons say: a drive `backup.drives` listed as removable.
    result = back_up(
        database, paths, key, stick, STAFF, now=NOW, place="KINGSTON (E:)", removable=True
    )

    assert verify_backup(result.path, PASSPHRASE).sequence == result.sequence == 1
    with database.session_scope() as session:
        settings = backup_settings.load(session)
        made = session.scalars(
            select(AuditEvent).where(AuditEvent.action == AuditAction.MADE_BACKUP)
        ).all()
    assert settings.last_removable_backup_at == NOW
    assert settings.last_removable_backup_place == "KINGSTON (E:)"
    assert not backup_settings.backup_due(settings, NOW.date())
    assert [(event.staff_id, event.subject_id) for event in made] == [(1, 1)]


def test_a_folder_on_this_disk_is_not_counted_as_a_backup_to_a_stick(charity, stick):
    paths, key, database = charity
    with database.session_scope() as session:
        backup_settings.set_passphrase(session, STAFF, PASSPHRASE)

    result = back_up(database, paths, key, stick, STAFF, now=NOW)

    assert verify_backup(result.path, PASSPHRASE).sequence == 1
    with database.session_scope() as session:
        settings = backup_settings.load(session)
        made = session.scalars(
            select(AuditEvent).where(AuditEvent.action == AuditAction.MADE_BACKUP)
        ).all()
    assert settings.last_removable_backup_at is None
    assert backup_settings.backup_due(settings, NOW.date()), "the reminder still shows"
    assert len(made) == 1, "still in the audit trail"


def test_with_no_passphrase_set_an_encrypted_backup_asks_for_one_first(charity, stick):
    paths, key, database = charity
    with pytest.raises(PassphraseNeeded, match="Set a backup passphrase first"):
        back_up(database, paths, key, stick, STAFF, now=NOW)
    assert files_in(stick) == []
    with database.session_scope() as session:
        assert backup_settings.load(session).sequence == 0


def test_an_unencrypted_backup_when_asked_for_is_named_so_in_the_audit_trail(charity, stick):
    paths, key, database = charity
    result = back_up(database, paths, key, stick, STAFF, now=NOW, encrypt=False)
    assert verify_backup(result.path, None).encrypted is False
    with database.session_scope() as session:
        [event] = session.scalars(
            select(AuditEvent).where(AuditEvent.action == AuditAction.MADE_BACKUP)
        ).all()
    assert event.subject_kind == "unencrypted backup"
    assert len(event.subject_kind) <= 40


@pytest.mark.parametrize("actor", [Actor(1, ADMIN, Role.STAFF), None])
def test_only_an_administrator_may_make_an_unencrypted_backup(charity, stick, actor):
    paths, key, database = charity
    with pytest.raises(NotAllowed):
        back_up(database, paths, key, stick, actor, now=NOW, encrypt=False)
    assert files_in(stick) == []


def test_closing_the_app_makes_one_local_copy_a_day(charity):
    paths, key, database = charity
    first = local_copy_on_close(database, paths, key, now=NOW)
    again = local_copy_on_close(database, paths, key, now=NOW + timedelta(hours=2))
    tomorrow = local_copy_on_close(database, paths, key, now=NOW + timedelta(days=1))

    assert first is not None and tomorrow is not None
    assert again is None
    assert (first.sequence, tomorrow.sequence) == (1, 2)
    assert len(files_in(paths.data_dir / "backups")) == 2
    with database.session_scope() as session:
        settings = backup_settings.load(session)
    assert settings.last_local_copy_at == NOW + timedelta(days=1)
    # Local copies do not count as a backup to a removable drive.
    assert settings.last_removable_backup_at is None
