"""Making a backup: complete and checked, or nothing with a backup's name; faults injected at
the target file (disk full, drive gone) and a real `kill -9` part-way."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from involve_desktop.backup import make_backup as making
from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.make_backup import backup_file_name, make_backup, safe_name_part
from involve_desktop.backup.problems import BackupFailed
from involve_desktop.backup.restore import finish_interrupted_restore
from involve_desktop.backup.verify import needs_passphrase, verify_backup
from involve_desktop.db import sqlite_file
from tests.backup.helpers import NOW, PASSPHRASE, files_in, new_charity

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def charity(tmp_path):
    return new_charity(tmp_path / "data")


@pytest.fixture
def stick(tmp_path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def backup(charity, folder, key=None, **kwargs):
    paths, database_key = charity
    return make_backup(
        paths,
        database_key,
        key,
        folder,
        organisation="Greenfield Carers Network",
        now=NOW,
        sequence=kwargs.pop("sequence", 7),
        **kwargs,
    )


def test_a_backup_is_one_checked_file_named_for_the_charity_and_the_day(charity, stick):
    key = BackupKey.from_passphrase(PASSPHRASE)
    counts = []

    result = backup(charity, stick, key, progress=lambda done, total: counts.append((done, total)))

    # Named from the records' own organisation (the demo's, here).
    assert files_in(stick) == [
        "Involve backup Riverside Voices (demo) 2026-11-26 1645.involve-backup"
    ]
    assert result.path == stick / files_in(stick)[0]
    assert result.size_bytes == result.path.stat().st_size
    assert (result.people, result.sequence) == (12, 7)
    # Progress rises to the whole, written then read back.
    assert counts[-1][0] == counts[-1][1]
    assert [done for done, _ in counts] == sorted(done for done, _ in counts)
    # The data folder keeps no temporary folders.
    assert not [name for name in files_in(charity[0].data_dir) if name.startswith(".")]

    summary = verify_backup(result.path, PASSPHRASE)
    assert summary.organisation == "Riverside Voices (demo)"
    assert (summary.people, summary.sequence, summary.encrypted) == (12, 7, True)
    assert summary.made_at.isoformat().startswith("2026-11-26")


def test_no_names_or_notes_can_be_read_in_the_file(charity, stick):
    paths, database_key = charity
    connection = sqlite_file.connect(paths.database, key=database_key, read_only=True)
    names = [row[0] for row in connection.execute("SELECT last_name FROM person")]
    connection.close()
    for key in (BackupKey.from_passphrase(PASSPHRASE), None):
        raw = backup(charity, stick, key).path.read_bytes()
        # Even unencrypted, the database inside is SQLCipher's: no name shows.
        assert not [name for name in names if len(name) > 3 and name.encode() in raw]


def test_a_second_backup_in_the_same_minute_gets_its_own_name(charity, stick):
    first = backup(charity, stick, sequence=1)
    second = backup(charity, stick, sequence=2)
    assert first.path != second.path
    assert second.path.name.endswith(" (2).involve-backup")
    assert verify_backup(first.path, None).sequence == 1


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Greenfield Carers Network", "Greenfield Carers Network"),
        ('Voices: "North/South" <2026>?', "Voices- -North-South- -2026-"),
        ("...", "records"),
        ("Siân's Café\n", "Siân's Café"),
    ],
)
def test_names_are_safe_on_any_drive(name, safe):
    assert safe_name_part(name) == safe
    assert "/" not in backup_file_name(name, NOW)


def test_a_missing_folder_is_said_before_anything_is_written(charity, tmp_path):
    with pytest.raises(BackupFailed, match="check that the stick is plugged in"):
        backup(charity, tmp_path / "E-drive")


class FailingFile:
    """The target file, failing as a full or vanished drive does after `allow` bytes."""

    def __init__(self, real, allow: int, error: OSError) -> None:
        self.real, self.allow, self.error = real, allow, error

    def write(self, data) -> int:
        if self.allow < len(data):
            raise self.error
        self.allow -= len(data)
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.real.close()


def fail_after(monkeypatch, allow: int, error: OSError) -> None:
    real_open = making._open_target
    monkeypatch.setattr(
        making, "_open_target", lambda path: FailingFile(real_open(path), allow, error)
    )


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "There is not enough space on /"),
        (OSError(errno.EIO, "Input/output error"), "The drive was removed"),
        (OSError(errno.ENODEV, "No such device"), "The drive was removed"),
        (OSError(errno.EACCES, "Permission denied"), "could not write the backup"),
    ],
)
def test_a_drive_that_fills_up_or_goes_away_leaves_no_file_and_says_so(
    charity, stick, monkeypatch, error, message
):
    fail_after(monkeypatch, 300_000, error)
    with pytest.raises(BackupFailed, match=message) as raised:
        backup(charity, stick, BackupKey.from_passphrase(PASSPHRASE))
    assert (
        "No backup file" in raised.value.message
        or "no file" in raised.value.message
        or (error.errno == errno.EACCES)
    )
    assert files_in(stick) == []
    assert not [name for name in files_in(charity[0].data_dir) if name.startswith(".")]


def test_a_file_that_reads_back_wrong_is_not_kept(charity, stick, monkeypatch):
    # A drive that accepts the bytes but keeps one of them wrong (a failing stick).
    class Corrupting(FailingFile):
        def write(self, data) -> int:
            if len(data) > 100_000:
                data = bytearray(data)
                data[50_000] ^= 0xFF
            return self.real.write(data)

    real_open = making._open_target
    monkeypatch.setattr(making, "_open_target", lambda path: Corrupting(real_open(path), 0, None))
    with pytest.raises(BackupFailed, match="did not read back correctly"):
        backup(charity, stick, BackupKey.from_passphrase(PASSPHRASE))
    assert files_in(stick) == []


def test_damaged_records_are_not_backed_up(charity, stick):
    paths, database_key = charity
    sqlite_file.checkpoint(paths.database, key=database_key)
    with open(paths.database, "r+b") as handle:
        handle.seek(5 * 4096 + 100)
        handle.write(os.urandom(2000))
    with pytest.raises(BackupFailed, match="did not pass their check"):
        backup(charity, stick)
    assert files_in(stick) == []


CHILD = textwrap.dedent(
    """
    import sys
    from datetime import datetime
    from pathlib import Path
    from involve_desktop.backup import backup_key
    from involve_desktop.backup.make_backup import make_backup
    backup_key.BACKUP_KDF = {"memory_kib": 1024, "iterations": 1, "parallelism": 1}
    from involve_desktop.paths import AppPaths

    data, stick, database_key, kill_at = sys.argv[1:5]
    said = []

    def progress(done, total):
        # Tell the parent once the given share of the work is done, then keep going slowly.
        if not said and done >= total * float(kill_at):
            said.append(True)
            print("PART-WAY", flush=True)
        if said:
            import time
            time.sleep(0.05)

    make_backup(AppPaths(Path(data)), bytes.fromhex(database_key),
                backup_key.BackupKey.from_passphrase("copper meadow river stone"), Path(stick),
                organisation="Greenfield", now=datetime(2026, 11, 26, 16, 45), sequence=1,
                progress=progress)
    print("DONE", flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is POSIX")
@pytest.mark.parametrize("kill_at", ["0.1", "0.45", "0.75", "0.99"])
def test_killing_the_app_mid_backup_never_leaves_a_file_with_a_backups_name(
    tmp_path, stick, kill_at
):
    paths, database_key = new_charity(tmp_path / "data", people=300)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(paths.data_dir), str(stick), database_key.hex(), kill_at],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "PART-WAY"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    # A file with a backup's name is always a whole, good backup; killed while writing (the
    # first half of the work), only a hidden partial file is left.
    named = [name for name in files_in(stick) if not name.startswith(".")]
    for name in named:
        assert verify_backup(stick / name, PASSPHRASE).sequence == 1
    if float(kill_at) < 0.5:
        assert named == []
        assert [name.endswith(".partial") for name in files_in(stick)] == [True]
    # The next start tidies the temporary folder the backup was using.
    finish_interrupted_restore(paths)
    assert not [name for name in files_in(paths.data_dir) if name.startswith(".")]
    # The records themselves are untouched and sound.
    assert sqlite_file.integrity_check(paths.database, key=database_key) == []


def test_whether_the_passphrase_must_be_typed_is_known_from_the_header(charity, stick):
    key = BackupKey.from_passphrase(PASSPHRASE)
    sealed = backup(charity, stick, key, sequence=1).path
    plain = backup(charity, stick, None, sequence=2).path
    assert needs_passphrase(sealed)
    assert not needs_passphrase(sealed, backup_key=key)
    assert needs_passphrase(sealed, backup_key=BackupKey.from_passphrase("another one entirely"))
    assert not needs_passphrase(plain)
