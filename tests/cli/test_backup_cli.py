"""`involve backup`, `involve verify`, `involve restore` on real data folders."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from involve_desktop.cli import DEMO_PASSWORD, main
from involve_desktop.db.engine import Database
from involve_desktop.db.models import AuditEvent
from involve_desktop.domain.roles import Role
from involve_desktop.services import backup_settings
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.demo import DEMO_ADMINISTRATOR
from involve_desktop.services.permissions import Actor
from tests.backup.helpers import (
    PASSPHRASE,
    key_from_password,
    quick_backup_key,  # noqa: F401
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def credentials(monkeypatch):
    monkeypatch.setenv("INVOLVE_USER", DEMO_ADMINISTRATOR)
    monkeypatch.setenv("INVOLVE_PASSWORD", DEMO_PASSWORD)
    monkeypatch.setenv("INVOLVE_BACKUP_PASSPHRASE", PASSPHRASE)


@pytest.fixture
def demo(tmp_path, capsys) -> Path:
    folder = tmp_path / "data"
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    assert main(["--data-dir", str(folder), "demo", "--people", "15"]) == 0
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    capsys.readouterr()
    return folder


@pytest.fixture
def stick(tmp_path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def run(capsys, data_dir, *args):
    status = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return status, out, err


def demo_key(folder: Path) -> bytes:
    from involve_desktop.paths import AppPaths

    return key_from_password(AppPaths(folder), DEMO_ADMINISTRATOR, DEMO_PASSWORD)


def the_backup(stick: Path) -> Path:
    (found,) = stick.glob("*.involve-backup")
    return found


def test_backup_then_verify_says_what_it_holds(capsys, demo, stick):
    status, out, err = run(capsys, demo, "backup", "--to", str(stick))
    assert (status, err) == (0, "")
    assert "Backup complete and checked" in out
    assert "15 people" in out

    status, out, err = run(capsys, demo, "verify", str(the_backup(stick)))
    assert (status, err) == (0, "")
    assert "The backup is good: Riverside Voices (demo)" in out
    assert "not encrypted" not in out

    # The backup is noted: when and where, and who made it.
    database = Database(demo / "involve.db", key=demo_key(demo))
    with database.session_scope() as session:
        settings = backup_settings.load(session)
        actions = session.scalars(select(AuditEvent.action)).all()
    database.close()
    # A folder on this disk (as tmp_path is) is not a backup to a stick.
    assert settings.last_removable_backup_at is None
    assert settings.sequence == 1
    assert AuditAction.MADE_BACKUP in actions


def test_verify_fails_with_plain_words_for_each_kind_of_bad_file(
    capsys, demo, stick, monkeypatch, tmp_path
):
    assert run(capsys, demo, "backup", "--to", str(stick))[0] == 0
    good = the_backup(stick)
    damaged = tmp_path / "damaged.involve-backup"
    raw = bytearray(good.read_bytes())
    raw[len(raw) // 2] ^= 0x04
    damaged.write_bytes(bytes(raw))
    not_backup = tmp_path / "notes.txt"
    not_backup.write_text("shopping list")

    for file, words in [
        (damaged, "damaged from byte"),
        (not_backup, "notes.txt is not an Involve backup"),
        (tmp_path / "missing.involve-backup", "could not read missing.involve-backup"),
    ]:
        status, out, err = run(capsys, demo, "verify", str(file))
        assert (status, out) == (1, ""), file
        assert words in err
        assert "Traceback" not in err

    monkeypatch.setenv("INVOLVE_BACKUP_PASSPHRASE", "not the passphrase")
    status, _, err = run(capsys, demo, "verify", str(good))
    assert status == 1
    assert "The passphrase does not open this backup" in err


def test_without_a_passphrase_a_script_is_told_how_to_give_one(capsys, demo, stick, monkeypatch):
    monkeypatch.delenv("INVOLVE_BACKUP_PASSPHRASE")
    status, _, err = run(capsys, demo, "backup", "--to", str(stick))
    assert status == 1
    assert "INVOLVE_BACKUP_PASSPHRASE" in err
    assert list(stick.iterdir()) == []


def test_a_weak_passphrase_is_refused(capsys, demo, stick, monkeypatch):
    monkeypatch.setenv("INVOLVE_BACKUP_PASSPHRASE", "password")
    status, _, err = run(capsys, demo, "backup", "--to", str(stick))
    assert status == 1
    assert "too easy to guess" in err
    assert list(stick.iterdir()) == []


def test_the_stored_passphrase_key_needs_no_passphrase_to_back_up(capsys, demo, stick, monkeypatch):
    database = Database(demo / "involve.db", key=demo_key(demo))
    with database.session_scope() as session:
        backup_settings.set_passphrase(
            session, Actor(1, DEMO_ADMINISTRATOR, Role.ADMINISTRATOR), PASSPHRASE
        )
    database.close()
    monkeypatch.delenv("INVOLVE_BACKUP_PASSPHRASE")
    assert run(capsys, demo, "backup", "--to", str(stick))[0] == 0

    monkeypatch.setenv("INVOLVE_BACKUP_PASSPHRASE", PASSPHRASE)
    assert run(capsys, demo, "verify", str(the_backup(stick)))[0] == 0


def test_an_unencrypted_backup_warns_and_verifies_without_a_passphrase(
    capsys, demo, stick, monkeypatch
):
    status, _, err = run(capsys, demo, "backup", "--to", str(stick), "--no-encryption")
    assert status == 0
    assert "not encrypted" in err
    monkeypatch.delenv("INVOLVE_BACKUP_PASSPHRASE")
    status, out, _ = run(capsys, demo, "verify", str(the_backup(stick)))
    assert status == 0
    assert "not encrypted" in out


def test_restore_onto_a_fresh_pc_then_check_finds_it_sound(capsys, demo, stick, tmp_path):
    assert run(capsys, demo, "backup", "--to", str(stick))[0] == 0
    fresh = tmp_path / "new-pc"

    status, out, err = run(capsys, fresh, "restore", str(the_backup(stick)))
    assert (status, err) == (0, "")
    assert "Restored Riverside Voices (demo)" in out
    assert "kept as" not in out

    status, out, _ = run(capsys, fresh, "check")
    assert status == 0
    assert "15 people" in out


def test_restore_over_records_keeps_them_first(capsys, demo, stick):
    assert run(capsys, demo, "backup", "--to", str(stick))[0] == 0
    status, out, err = run(capsys, demo, "restore", str(the_backup(stick)))
    assert (status, err) == (0, "")
    kept = list(demo.glob("involve-before-restore-*.db"))
    assert len(kept) == 1
    assert str(kept[0]) in out


@pytest.mark.skipif(os.name == "nt", reason="runs the installed entry point the POSIX way")
def test_verify_as_a_real_program_exits_0_only_for_a_good_backup(capsys, demo, stick, tmp_path):
    assert run(capsys, demo, "backup", "--to", str(stick), "--no-encryption")[0] == 0
    bad = tmp_path / "bad.involve-backup"
    bad.write_bytes(the_backup(stick).read_bytes()[:-10])
    statuses = [
        subprocess.run(
            [sys.executable, "-m", "involve_desktop.cli", "verify", str(file)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).returncode
        for file in (the_backup(stick), bad)
    ]
    assert statuses == [0, 1]


def test_restore_over_records_with_no_sign_in_is_refused(capsys, demo, stick, tmp_path):
    from involve_desktop.db.startup import prepare_database

    assert run(capsys, demo, "backup", "--to", str(stick))[0] == 0
    plain = tmp_path / "plain-pc"
    plain.mkdir()
    prepare_database(plain / "involve.db")  # records from before encryption: nobody signs in
    before = (plain / "involve.db").read_bytes()

    status, out, err = run(capsys, plain, "restore", str(the_backup(stick)))

    assert (status, out) == (1, "")
    assert "needs an administrator to sign in" in err
    assert (plain / "involve.db").read_bytes() == before
    assert not list(plain.glob("involve-before-restore-*"))


def test_a_command_first_finishes_a_restore_stopped_between_its_renames(
    capsys, demo, stick, monkeypatch
):
    import errno

    from involve_desktop.backup import restore as restoring
    from involve_desktop.backup.problems import BackupFailed
    from involve_desktop.paths import AppPaths

    assert run(capsys, demo, "backup", "--to", str(stick))[0] == 0
    real_replace = os.replace

    def stop_at_the_key_file(source, target):
        if Path(source).name == restoring.STAGED_KEYS:
            raise OSError(errno.EIO, "the power went here")
        real_replace(source, target)

    monkeypatch.setattr(restoring.os, "replace", stop_at_the_key_file)
    with pytest.raises(BackupFailed):
        restoring.restore_backup(
            the_backup(stick), PASSPHRASE, AppPaths(demo), now=datetime(2026, 12, 1)
        )
    monkeypatch.setattr(restoring.os, "replace", real_replace)
    assert (demo / restoring.MARKER_NAME).exists()

    status, out, err = run(capsys, demo, "check")

    assert (status, err) == (0, "")
    assert "15 people" in out
    assert not (demo / restoring.MARKER_NAME).exists()
    assert not list(demo.glob("*.restoring"))
