"""Restoring: onto a fresh PC, over current records (kept first), from an older version, and
never touching the current records when anything stops part-way."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from involve_desktop.backup import restore as restoring
from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.make_backup import make_backup
from involve_desktop.backup.problems import (
    BackupFailed,
    DamagedBackup,
    NewerBackup,
    WrongPassphrase,
)
from involve_desktop.backup.restore import finish_interrupted_restore, restore_backup
from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.models import AuditEvent
from involve_desktop.db.revision import SCHEMA_HEAD
from involve_desktop.domain.roles import Role
from involve_desktop.paths import AppPaths
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.permissions import Actor, NotAllowed
from tests.backup.helpers import (
    NOW,
    PASSPHRASE,
    dump,
    files_in,
    key_from_password,
    new_charity,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "db"
LATER = datetime(2026, 12, 3, 10, 0)
# The restore adds its own audit entry and may raise the sequence: compared separately.
NOTED = ("audit_event", "backup_settings")


@pytest.fixture
def made(tmp_path):
    """A charity's records, and an encrypted backup of them on a stick."""
    paths, key = new_charity(tmp_path / "old-pc")
    stick = tmp_path / "stick"
    stick.mkdir()
    result = make_backup(
        paths,
        key,
        BackupKey.from_passphrase(PASSPHRASE),
        stick,
        organisation="",
        now=NOW,
        sequence=9,
    )
    return paths, key, result.path


def snapshot_bytes(paths: AppPaths) -> dict[str, bytes]:
    """Every file of the current records, byte for byte."""
    return {
        path.name: path.read_bytes()
        for path in paths.data_dir.iterdir()
        if path.is_file() and path.name.startswith("involve.")
    }


def test_a_backup_restores_onto_a_fresh_pc_and_staff_sign_in_with_their_passwords(made, tmp_path):
    old, old_key, backup = made
    fresh = AppPaths(tmp_path / "new-pc" / "Involve")  # not even created yet

    result = restore_backup(backup, PASSPHRASE, fresh, now=LATER)

    assert result.kept_copy is None
    assert not result.migrated
    assert (result.summary.people, result.summary.sequence) == (12, 9)
    assert files_in(fresh.data_dir) == ["involve.db", "involve.keys"]
    # The administrator's own password opens the restored records.
    key = key_from_password(fresh)
    assert key == old_key
    assert dump(fresh.database, key, leave_out=NOTED) == dump(old.database, key, leave_out=NOTED)
    database = Database(fresh.database, key=key)
    with database.session_scope() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (last.action, last.subject_kind, last.subject_id) == (
            AuditAction.RESTORED_BACKUP,
            "backup",
            9,
        )
        assert last.at == LATER
    database.close()


def test_restoring_over_current_records_keeps_them_first(made, tmp_path):
    old, old_key, backup = made
    current, current_key = new_charity(tmp_path / "this-pc", people=4, seed=99)
    before = snapshot_bytes(current)

    result = restore_backup(backup, PASSPHRASE, current, now=LATER)

    kept = result.kept_copy
    assert kept is not None and kept.name.startswith("involve-before-restore-")
    assert kept.read_bytes() == before["involve.db"]
    assert kept.with_suffix(".keys").read_bytes() == before["involve.keys"]
    # The kept copy opens with its own key, as it was.
    assert len(dump(kept, current_key)["person"]) == 4
    # The restored records are the backup's, opened by the backup's key file.
    assert key_from_password(current) == old_key
    assert dump(current.database, old_key, leave_out=NOTED) == dump(
        old.database, old_key, leave_out=NOTED
    )


def test_only_administrators_may_restore(made, tmp_path):
    _, _, backup = made
    current, _ = new_charity(tmp_path / "this-pc", people=2)
    before = snapshot_bytes(current)
    with pytest.raises(NotAllowed):
        restore_backup(
            backup, PASSPHRASE, current, now=LATER, actor=Actor(1, "Priya Shah", Role.STAFF)
        )
    assert snapshot_bytes(current) == before


def test_an_administrator_restoring_is_named_in_the_restored_trail(made, tmp_path):
    _, _, backup = made
    current, _ = new_charity(tmp_path / "this-pc", people=2)
    restore_backup(
        backup,
        PASSPHRASE,
        current,
        now=LATER,
        actor=Actor(1, "Priya Shah", Role.ADMINISTRATOR),
    )
    connection = sqlite_file.connect(current.database, key=key_from_password(current))
    row = connection.execute("SELECT staff_id, action FROM audit_event ORDER BY id DESC").fetchone()
    connection.close()
    assert row == (1, AuditAction.RESTORED_BACKUP)


@pytest.mark.parametrize(
    "fault",
    [
        "wrong passphrase",
        "damaged backup",
        "newer schema",
        "disk full keeping the copy",
        "drive error writing the key file",
    ],
)
def test_a_restore_stopped_part_way_leaves_the_current_records_byte_for_byte(
    made, tmp_path, monkeypatch, fault
):
    old, old_key, backup = made
    current, _ = new_charity(tmp_path / "this-pc", people=4, seed=99)
    before = snapshot_bytes(current)
    passphrase = PASSPHRASE
    expected: type[Exception] = BackupFailed
    if fault == "wrong passphrase":
        passphrase, expected = "not the passphrase", WrongPassphrase
    elif fault == "damaged backup":
        raw = bytearray(backup.read_bytes())
        raw[len(raw) // 2] ^= 0x10
        backup.write_bytes(bytes(raw))
        expected = DamagedBackup
    elif fault == "newer schema":
        backup = newer_backup(old, old_key, tmp_path)
        expected = NewerBackup
    elif fault == "disk full keeping the copy":

        def full(source, target):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(restoring.shutil, "copyfile", full)
    else:

        def failing(path, data):
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(restoring, "write_synced", failing)

    with pytest.raises(expected):
        restore_backup(backup, passphrase, current, now=LATER)

    after = snapshot_bytes(current)
    assert after == before
    leftovers = [
        name
        for name in files_in(current.data_dir)
        if name.startswith(".") or name.endswith(".restoring")
    ]
    assert leftovers == []
    if fault == "newer schema":
        with pytest.raises(NewerBackup, match="newer version of Involve"):
            restore_backup(backup, passphrase, current, now=LATER)


def newer_backup(paths: AppPaths, key: bytes, tmp_path: Path) -> Path:
    """A backup made by a later version: its schema revision is one this app does not know."""
    future = AppPaths(tmp_path / "future-pc")
    shutil.copytree(paths.data_dir, future.data_dir)
    connection = sqlite_file.connect(future.database, key=key)
    connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    connection.close()
    stick = tmp_path / "future-stick"
    stick.mkdir()
    return make_backup(future, key, None, stick, organisation="", now=NOW, sequence=1).path


def test_the_backup_key_in_use_now_is_kept_in_the_restored_records(made, tmp_path):
    from involve_desktop.services import backup_settings

    _, old_key, backup = made
    current, _ = new_charity(tmp_path / "this-pc", people=4, seed=99)
    now_key = BackupKey.from_passphrase("velvet harbour pine lantern")
    set_at = datetime(2026, 11, 30, 9, 0)

    restore_backup(backup, PASSPHRASE, current, now=LATER, keep_key=now_key, keep_key_set_at=set_at)

    restored = Database(current.database, key=old_key)
    try:
        with restored.session_scope() as session:
            settings = backup_settings.load(session)
    finally:
        restored.close()
    assert settings.backup_key == now_key
    assert settings.passphrase_set_at == set_at


def test_a_backup_from_a_newer_app_at_a_known_schema_is_refused_and_nothing_changes(
    tmp_path, monkeypatch
):
    from involve_desktop.backup import make_backup as making

    old, key = new_charity(tmp_path / "newer-pc", people=3)
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(making, "__version__", "9.4")
    backup = make_backup(old, key, None, stick, organisation="", now=NOW, sequence=1).path
    current, _ = new_charity(tmp_path / "this-pc", people=4, seed=99)
    before = snapshot_bytes(current)

    with pytest.raises(NewerBackup) as refused:
        restore_backup(backup, None, current, now=LATER)

    assert refused.value.message == (
        "This backup was made by a newer version of Involve (9.4). Install that version or "
        "newer to restore it."
    )
    assert snapshot_bytes(current) == before


def test_a_backup_from_an_older_version_is_brought_up_to_date(tmp_path):
    # GIVEN a backup of records made by the version before (the shipped 0006 fixture)
    old = AppPaths(tmp_path / "old-pc")
    old.data_dir.mkdir()
    shutil.copy(FIXTURES / "0006_learning_cycle.db", old.database)
    stick = tmp_path / "stick"
    stick.mkdir()
    backup = make_backup(old, None, None, stick, organisation="", now=NOW, sequence=3).path
    people_before = people_in_columns_of(old.database, old.database)

    # WHEN it is restored on a fresh PC
    fresh = AppPaths(tmp_path / "new-pc")
    result = restore_backup(backup, None, fresh, now=LATER)

    # THEN it is upgraded, its people intact
    assert result.migrated
    assert result.summary.schema_revision == "0006_learning_cycle"
    assert sqlite_file.read_revision(fresh.database) == SCHEMA_HEAD
    # (in every column the old revision had: later revisions add their own)
    assert people_in_columns_of(old.database, fresh.database) == people_before
    assert not fresh.key_file.exists()


def people_in_columns_of(old: Path, path: Path) -> list[tuple]:
    """Every person in `path`, in the columns the person table of `old` has."""
    connection = sqlite_file.connect(old, read_only=True)
    try:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(person)")]
    finally:
        connection.close()
    connection = sqlite_file.connect(path, read_only=True)
    try:
        listed = ", ".join(f'"{name}"' for name in columns)
        return connection.execute(f"SELECT {listed} FROM person ORDER BY id").fetchall()
    finally:
        connection.close()


def test_a_stop_between_the_two_renames_is_finished_at_the_next_start(made, tmp_path, monkeypatch):
    # GIVEN a restore that stops after the database is in place but before the key file
    old, old_key, backup = made
    current, _ = new_charity(tmp_path / "this-pc", people=4, seed=99)
    real_replace = os.replace

    def stop_at_the_key_file(source, target):
        if Path(source).name == restoring.STAGED_KEYS:
            raise OSError(errno.EIO, "the power went here")
        real_replace(source, target)

    monkeypatch.setattr(restoring.os, "replace", stop_at_the_key_file)
    with pytest.raises(BackupFailed, match="finishes the restore as it starts"):
        restore_backup(backup, PASSPHRASE, current, now=LATER)
    monkeypatch.setattr(restoring.os, "replace", real_replace)

    # WHEN the app starts again
    assert finish_interrupted_restore(current)

    # THEN the restore is complete: the staff's passwords open the restored records
    assert key_from_password(current) == old_key
    assert dump(current.database, old_key, leave_out=NOTED) == dump(
        old.database, old_key, leave_out=NOTED
    )
    assert not finish_interrupted_restore(current)


CHILD = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from pathlib import Path
    from involve_desktop.backup import backup_key, restore
    from involve_desktop.paths import AppPaths
    backup_key.BACKUP_KDF = {"memory_kib": 1024, "iterations": 1, "parallelism": 1}

    data, backup, step = sys.argv[1:4]
    real = getattr(restore, step)

    def pause_then(*args, **kwargs):
        print("PART-WAY", flush=True)
        time.sleep(30)
        return real(*args, **kwargs)

    setattr(restore, step, pause_then)
    restore.restore_backup(Path(backup), "copper meadow river stone", AppPaths(Path(data)),
                           now=datetime(2026, 12, 3, 10, 0))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is POSIX")
@pytest.mark.parametrize("step", ["_bring_up_to_date", "_note_restore", "_keep_current", "_swap"])
def test_killing_the_app_mid_restore_leaves_the_records_as_they_were(made, tmp_path, step):
    _, _, backup = made
    current, current_key = new_charity(tmp_path / "this-pc", people=4, seed=99)
    before = snapshot_bytes(current)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(current.data_dir), str(backup), step],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "PART-WAY"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)

    finish_interrupted_restore(current)
    assert snapshot_bytes(current) == before
    assert key_from_password(current) == current_key
    assert not [name for name in files_in(current.data_dir) if name.endswith(".restoring")]


def test_half_written_files_from_stopped_runs_are_removed_at_the_next_start(tmp_path):
    from involve_desktop.backup.local_copies import local_copy_name, local_folder

    current, _ = new_charity(tmp_path / "this-pc", people=4, seed=99)
    kept = current.data_dir / f"{restoring.KEPT_PREFIX}2026-11-26-1645.db.partial"
    kept.write_bytes(b"half a copy")
    local_folder(current).mkdir()
    copy = local_folder(current) / f".{local_copy_name(3, NOW)}.partial"
    copy.write_bytes(b"half a local copy")
    mine = local_folder(current) / "notes.partial"
    mine.write_bytes(b"the user's own file")

    finish_interrupted_restore(current)

    assert not kept.exists() and not copy.exists()
    assert mine.read_bytes() == b"the user's own file"
