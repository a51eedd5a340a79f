"""Reading a backup back whole: every chunk checked, the database inside integrity-checked.

`verify_backup` is what "Backup complete" rests on (run on the file just written, through a
fresh handle) and what `involve verify` runs; `inspect_backup` is the same reading, used before
a restore to show what a backup holds. Neither changes anything outside a temporary folder.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from involve_desktop import __version__
from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.payload import Payload, read_payload, snapshot_facts
from involve_desktop.backup.problems import BackupProblem, DamagedBackup
from involve_desktop.backup.sealed_file import Header, SealedReader, read_header
from involve_desktop.db import sqlite_file


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, for the user to see before restoring it."""

    organisation: str
    made_at: datetime  # aware, in UTC: show it in local time
    people: int
    app_version: str
    schema_revision: str
    encrypted: bool
    sequence: int


@dataclass(frozen=True)
class OpenedBackup:
    """A backup read and checked, with its database in a temporary folder."""

    header: Header
    payload: Payload
    summary: BackupSummary


def verify_backup(
    file: Path,
    passphrase: str | None,
    *,
    backup_key: BackupKey | None = None,
    work_dir: Path | None = None,
) -> BackupSummary:
    """Read and check everything in `file`; return what it holds, or raise a `BackupProblem`.

    `backup_key` is the app's stored key: when the file was sealed with it, no passphrase is
    needed and no key derivation runs. `work_dir` is where the database is unpacked for its
    check (the data folder in the app, so it stays on the computer's own disk).
    """
    with open_backup(file, passphrase, backup_key=backup_key, work_dir=work_dir) as opened:
        return opened.summary


def inspect_backup(
    file: Path,
    passphrase: str | None,
    *,
    backup_key: BackupKey | None = None,
    work_dir: Path | None = None,
) -> BackupSummary:
    """What a backup holds, shown before a restore; it reads and checks everything."""
    return verify_backup(file, passphrase, backup_key=backup_key, work_dir=work_dir)


def needs_passphrase(file: Path, *, backup_key: BackupKey | None = None) -> bool:
    """Whether opening `file` needs the passphrase typed: it is encrypted, and not with the
    stored key. Reads the header only; raises `BackupProblem` for a file that is not one."""
    try:
        with open(file, "rb") as handle:
            header = read_header(handle, file.name)
    except OSError as error:
        raise BackupProblem(
            f"Involve could not read {file.name}. Check the name and try again.",
            detail=type(error).__name__,
        ) from error
    if not header.encrypted or header.kdf is None:
        return False
    return backup_key is None or not backup_key.opens(header.kdf)


def made_by_newer_app(app_version: str) -> bool:
    """Whether a backup was made by a later version of Involve than this one (it may hold
    what this version would lose or misread, even at a schema this version knows)."""
    return _version_numbers(app_version) > _version_numbers(__version__)


def _version_numbers(version: str) -> tuple[int, ...]:
    numbers = []
    for part in version.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        numbers.append(int(digits) if digits else 0)
    return tuple(numbers)


def key_for(
    file: Path, backup_key: BackupKey | None, database_key: bytes | None
) -> BackupKey | None:
    """The key to open `file` with, in the signed-in app: for a local copy sealed with the
    database key, the key derived from it; else the stored backup key. A file that cannot be
    read gets the stored key: opening it then says what is wrong."""
    try:
        with open(file, "rb") as handle:
            header = read_header(handle, file.name)
    except (OSError, BackupProblem):
        return backup_key
    if header.encrypted and header.kdf is None and database_key is not None:
        return BackupKey.from_database_key(database_key)
    return backup_key


@contextmanager
def open_backup(
    file: Path,
    passphrase: str | None,
    *,
    backup_key: BackupKey | None = None,
    work_dir: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[OpenedBackup]:
    """The checked backup, its database unpacked in a folder removed when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix=".involve-verify-", dir=work_dir))
    try:
        yield _read_and_check(file, passphrase, backup_key, folder, progress)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _read_and_check(
    file: Path,
    passphrase: str | None,
    backup_key: BackupKey | None,
    folder: Path,
    progress: Callable[[int], None] | None,
) -> OpenedBackup:
    try:
        with open(file, "rb") as raw:
            source: BinaryIO = _Counting(raw, progress) if progress else raw
            reader = SealedReader(
                source, passphrase=passphrase, backup_key=backup_key, name=file.name
            )
            payload = read_payload(reader, folder)  # type: ignore[arg-type]
            if not reader.read_to_end():
                raise _inside_damaged()
    except FileNotFoundError as error:
        raise BackupProblem(f"There is no file {file}. Check the name and try again.") from error
    except OSError as error:
        raise BackupProblem(
            f"Involve could not read {file.name}. If it is on a USB stick, check that the stick "
            "is plugged in, then try again.",
            detail=type(error).__name__,
        ) from error
    manifest = payload.manifest
    header = reader.header
    if (manifest.sequence, manifest.made_at) != (header.sequence, header.made_at):
        raise _inside_damaged()
    key = payload.database_key if manifest.database_encrypted else None
    if sqlite_file.integrity_check(payload.database, key=key):
        raise _inside_damaged()
    try:
        facts = snapshot_facts(payload.database, key)
    except sqlite_file.driver(key).Error as error:
        raise _inside_damaged() from error
    if (facts.revision, facts.people) != (manifest.schema_revision, manifest.people):
        raise _inside_damaged()
    try:
        made_at = datetime.fromisoformat(manifest.made_at.replace("Z", "+00:00")).astimezone(UTC)
    except (ValueError, OverflowError) as error:
        raise _inside_damaged() from error
    summary = BackupSummary(
        organisation=manifest.organisation,
        made_at=made_at,
        people=manifest.people,
        app_version=manifest.app_version,
        schema_revision=manifest.schema_revision,
        encrypted=header.encrypted,
        sequence=manifest.sequence,
    )
    return OpenedBackup(header, payload, summary)


def _inside_damaged() -> DamagedBackup:
    return DamagedBackup(
        "This backup opened, but the records inside did not pass their check, so it cannot be "
        "used. Please use another backup."
    )


class _Counting:
    """A file read through, telling `progress` how many bytes have been read so far."""

    def __init__(self, raw: BinaryIO, progress: Callable[[int], None]) -> None:
        self._raw = raw
        self._progress = progress
        self._done = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self._done += len(data)
        self._progress(self._done)
        return data
