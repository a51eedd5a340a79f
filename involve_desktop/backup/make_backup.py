"""Making one backup file: snapshot, seal, fsync, read back, and only then the final name.

The order is what makes a pulled stick or a killed app harmless: the file is written as
`.<final name>.partial`, flushed and fsynced, then read back whole through a fresh handle
(every chunk decrypted, the database inside integrity-checked, the manifest compared), and
renamed to its final name only after that. Any failure removes the partial file. So a file
with a backup's name is always a complete, checked backup.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from involve_desktop import __version__
from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.durable import fsync_folder, remove_quietly
from involve_desktop.backup.payload import DATABASE_NAME, Manifest, snapshot_facts, write_payload
from involve_desktop.backup.problems import BackupFailed, BackupProblem
from involve_desktop.backup.sealed_file import SealedWriter
from involve_desktop.backup.verify import open_backup
from involve_desktop.db import sqlite_file
from involve_desktop.paths import AppPaths

log = logging.getLogger(__name__)

SUFFIX = ".involve-backup"
Progress = Callable[[int, int], None]

# Windows answers for a drive that went away mid-write (winerror), beside the POSIX errnos.
_GONE_ERRNOS = {errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO, errno.ESTALE, errno.EROFS}
_GONE_WINERRORS = {21, 31, 55, 1167}  # not ready, device failure, net gone, not connected
FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_UNSAFE_IN_NAMES = re.compile(r'[<>:"/\\|?*]+')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
MAX_NAME_PART = 60


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    people: int
    verified_at: datetime  # the `now` the backup was made for: it takes seconds, not minutes
    sequence: int


def backup_file_name(organisation: str, now: datetime) -> str:
    """`Involve backup <Organisation> <YYYY-MM-DD HHMM>.involve-backup`, safe on any drive."""
    return f"Involve backup {safe_name_part(organisation)} {now:%Y-%m-%d %H%M}{SUFFIX}"


def safe_name_part(text: str) -> str:
    """`text` with the characters Windows or a USB stick's FAT refuse replaced."""
    cleaned = " ".join(_UNSAFE_IN_NAMES.sub("-", _CONTROL.sub(" ", text)).split())[:MAX_NAME_PART]
    return cleaned.strip(" .") or "records"


def make_backup(
    paths: AppPaths,
    database_key: bytes | None,
    backup_key: BackupKey | None,
    folder: Path,
    *,
    organisation: str,
    now: datetime,
    sequence: int,
    progress: Progress | None = None,
    file_name: str | None = None,
) -> BackupResult:
    """Write a checked backup of the database into `folder`; raise `BackupFailed` if not.

    `backup_key` None makes an unencrypted backup (the screen warns first). `file_name`
    replaces the usual name (local copies use their own). `progress(done, total)` counts
    bytes written and then read back.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise BackupFailed(
            f"Involve cannot find the folder {folder}. If it is on a USB stick, check that the "
            "stick is plugged in, then try again."
        )
    if not paths.database.exists():
        raise BackupFailed("There are no records here to back up yet.")
    try:
        work = Path(tempfile.mkdtemp(prefix=".backup-", dir=paths.data_dir))
    except OSError as error:
        raise _write_problem(error, paths.data_dir, 0) from error
    partial: Path | None = None
    try:
        snapshot = work / DATABASE_NAME
        manifest = _snapshot(paths, database_key, snapshot, organisation, now, sequence)
        name = file_name or backup_file_name(manifest.organisation, now)
        final = _free_name(folder / name)
        partial = folder / f".{final.name}.partial"
        total = 2 * snapshot.stat().st_size
        report = _reporter(progress, total)
        try:
            _write_sealed(partial, manifest, snapshot, paths, database_key, backup_key, report)
            with open_backup(
                partial, None, backup_key=backup_key, work_dir=work, progress=report.second_half
            ) as opened:
                if opened.payload.manifest != manifest:
                    raise BackupFailed("The backup read back differently from how it was written.")
            os.replace(partial, final)
            partial = None
            fsync_folder(folder)
        except OSError as error:
            raise _write_problem(error, folder, total // 2) from error
        except BackupProblem as error:
            if isinstance(error, BackupFailed):
                raise
            raise BackupFailed(
                f"The backup did not read back correctly from {folder}, so it was not kept. "
                "The drive may be failing: please try another one.",
                detail=type(error).__name__,
            ) from error
        report.done()
        size = final.stat().st_size
        log.info("Backup %d written and checked (%d bytes)", sequence, size)
        return BackupResult(final, size, manifest.people, now, sequence)
    finally:
        if partial is not None:
            remove_quietly(partial)
        shutil.rmtree(work, ignore_errors=True)


def _snapshot(
    paths: AppPaths,
    database_key: bytes | None,
    snapshot: Path,
    organisation: str,
    now: datetime,
    sequence: int,
) -> Manifest:
    """A checked backup-API copy of the live database, and the manifest that describes it."""
    damaged = BackupFailed(
        "Your records did not pass their check, so no backup was made (a backup of damaged "
        "records would not help). Please restart Involve, which checks them and offers the "
        "newest good copy, or ask for help."
    )
    try:
        sqlite_file.copy_database(paths.database, snapshot, key=database_key)
    except OSError as error:
        raise _write_problem(error, paths.data_dir, 0) from error
    except sqlite_file.driver(database_key).DatabaseError as error:
        raise damaged from error
    if sqlite_file.integrity_check(snapshot, key=database_key):
        raise damaged
    facts = snapshot_facts(snapshot, database_key)
    return Manifest(
        app_version=__version__,
        schema_revision=facts.revision or "",
        organisation=facts.organisation or organisation,
        people=facts.people,
        made_at=now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        sequence=sequence,
        database_encrypted=database_key is not None,
    )


def _write_sealed(
    partial: Path,
    manifest: Manifest,
    snapshot: Path,
    paths: AppPaths,
    database_key: bytes | None,
    backup_key: BackupKey | None,
    report: _Reporter,
) -> None:
    key_file = paths.key_file.read_bytes() if paths.key_file.exists() else None
    with _open_target(partial) as target:
        writer = SealedWriter(
            target,
            backup_key,
            made_at=manifest.made_at,
            app_version=manifest.app_version,
            sequence=manifest.sequence,
            progress=report.first_half,
        )
        write_payload(
            writer,  # type: ignore[arg-type]
            manifest,
            snapshot,
            key_file=key_file,
            database_key=database_key,
        )
        writer.close()
        target.flush()
        os.fsync(target.fileno())


def _open_target(partial: Path) -> BinaryIO:
    """The partial file, opened for writing (the one place bytes go to the target drive)."""
    return open(partial, "wb")


class _Reporter:
    """Turns bytes sealed and bytes read back into one `progress(done, total)`."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self._progress = progress
        self._half = max(total // 2, 1)
        self._total = 2 * self._half

    def first_half(self, done: int) -> None:
        if self._progress is not None:
            self._progress(min(done, self._half), self._total)

    def second_half(self, done: int) -> None:
        if self._progress is not None:
            self._progress(self._half + min(done, self._half), self._total)

    def done(self) -> None:
        if self._progress is not None:
            self._progress(self._total, self._total)


def _reporter(progress: Progress | None, total: int) -> _Reporter:
    return _Reporter(progress, total)


def _free_name(wanted: Path) -> Path:
    """`wanted`, or `<stem> (2)<suffix>` and so on when a file has that name already."""
    candidate, number = wanted, 2
    while candidate.exists():
        candidate = wanted.with_name(f"{wanted.stem} ({number}){wanted.suffix}")
        number += 1
    return candidate


def _write_problem(error: OSError, folder: Path, needed: int) -> BackupFailed:
    log.warning("A backup could not be written (errno %s)", error.errno)
    drive = drive_name(folder)
    if error.errno in FULL_ERRNOS:
        size = f" (the backup needs about {_megabytes(needed)})" if needed else ""
        return BackupFailed(
            f"There is not enough space on {drive}{size}. Free some space or choose another "
            "drive, then back up again. No backup file was left there.",
            detail=f"errno {error.errno}",
        )
    if error.errno in _GONE_ERRNOS or getattr(error, "winerror", None) in _GONE_WINERRORS:
        return BackupFailed(
            f"The drive was removed, or stopped answering, before the backup to {drive} was "
            "finished. Put it back and back up again; no file that looks like a backup was "
            "left behind.",
            detail=f"errno {error.errno}",
        )
    return BackupFailed(
        f"Involve could not write the backup to {folder} ({error.strerror or 'unknown error'}). "
        "Check that you may save files there, or choose another drive.",
        detail=f"errno {error.errno}",
    )


def drive_name(folder: Path) -> str:
    """How to name the drive that holds `folder`: `E:\\` on Windows, its mount point elsewhere."""
    if sys.platform == "win32":
        return folder.anchor or str(folder)
    current = folder
    while not os.path.ismount(current) and current.parent != current:
        current = current.parent
    return str(current)


def _megabytes(size: int) -> str:
    return f"{max(1, round(size / 1_000_000)):,} MB"
