"""Automatic local copies in `<data folder>/backups/`, so a bad day can be undone without a stick.

A copy is an ordinary sealed backup (checked the same way), made at most once a day when the
app closes: sealed with the stored backup key when there is one, else with a key derived from the
database key (HKDF, "database-key" in the header): the database key travels inside every copy,
and must never sit in a file readable without signing in. Records that are not encrypted at
all get an unencrypted copy, which holds no key.

Copies are thinned to one a day for a week, one a week for five weeks and one a month for a
year. Which copy is "newest" goes by the sequence number in its name, never by the clock
alone: when a PC's clock jumps (Anki's thinning went wrong that way), the newest three copies
by sequence are still never removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.durable import remove_quietly
from involve_desktop.backup.make_backup import SUFFIX, BackupResult, make_backup
from involve_desktop.paths import AppPaths

LOCAL_FOLDER = "backups"
KEEP_NEWEST = 3
DAILY_DAYS = 7
WEEKLY_DAYS = DAILY_DAYS + 5 * 7
MONTHLY_MONTHS = 12
_NAME = re.compile(r"^involve-copy-(\d{6,})-(\d{4})(\d{2})(\d{2})-\d{4}" + re.escape(SUFFIX) + "$")


@dataclass(frozen=True)
class LocalCopy:
    path: Path
    sequence: int
    made_on: date


def local_folder(paths: AppPaths) -> Path:
    return paths.data_dir / LOCAL_FOLDER


def local_copy_name(sequence: int, now: datetime) -> str:
    return f"involve-copy-{sequence:06d}-{now:%Y%m%d-%H%M}{SUFFIX}"


def list_local_copies(paths: AppPaths) -> list[LocalCopy]:
    """The local copies, by their names; files with other names are never touched."""
    folder = local_folder(paths)
    if not folder.is_dir():
        return []
    copies = []
    for path in folder.iterdir():
        found = _NAME.match(path.name)
        if found is None:
            continue
        sequence, year, month, day = (int(part) for part in found.groups())
        try:
            copies.append(LocalCopy(path, sequence, date(year, month, day)))
        except ValueError:
            continue
    return sorted(copies, key=lambda copy: copy.sequence, reverse=True)


def highest_local_sequence(paths: AppPaths) -> int:
    return max((copy.sequence for copy in list_local_copies(paths)), default=0)


def local_copy_due(last_copy_at: datetime | None, now: datetime) -> bool:
    """At most one a day: due when none was made on this calendar day (either way a clock
    moved, a different day is due)."""
    return last_copy_at is None or last_copy_at.date() != now.date()


def make_local_copy_if_due(
    paths: AppPaths,
    database_key: bytes | None,
    backup_key: BackupKey | None,
    *,
    organisation: str,
    now: datetime,
    last_copy_at: datetime | None,
    sequence: int,
) -> BackupResult | None:
    """Make today's copy and thin the rest; None when one was made today already.

    Ask `local_copy_due` first when taking `sequence` from the settings costs a number.
    """
    if not local_copy_due(last_copy_at, now):
        return None
    folder = local_folder(paths)
    folder.mkdir(parents=True, exist_ok=True)
    result = make_backup(
        paths,
        database_key,
        local_sealing_key(database_key, backup_key),
        folder,
        organisation=organisation,
        now=now,
        sequence=sequence,
        file_name=local_copy_name(sequence, now),
    )
    for copy in thin(list_local_copies(paths), now.date()):
        remove_quietly(copy.path)
    return result


def local_sealing_key(database_key: bytes | None, backup_key: BackupKey | None) -> BackupKey | None:
    """The stored backup key; before one is set, a key derived from the database key, so the
    database key inside the copy is never readable from the file alone. None only for
    records that are not encrypted at all (the copy then holds no key)."""
    if backup_key is not None:
        return backup_key
    return BackupKey.from_database_key(database_key) if database_key is not None else None


def thin(copies: Sequence[LocalCopy], today: date) -> list[LocalCopy]:
    """The copies to remove: all but the newest in each day (last 7 days), ISO week (the 5
    weeks before) and month (to 12 months back), and never the newest three by sequence."""
    newest_first = sorted(copies, key=lambda copy: copy.sequence, reverse=True)
    keep = {copy.path for copy in newest_first[:KEEP_NEWEST]}
    taken: set[tuple[object, ...]] = set()
    for copy in newest_first:
        bucket = _bucket(copy.made_on, today)
        if bucket is not None and bucket not in taken:
            taken.add(bucket)
            keep.add(copy.path)
    return [copy for copy in copies if copy.path not in keep]


def _bucket(made_on: date, today: date) -> tuple[object, ...] | None:
    # A copy dated after today was made while the clock ran ahead: count it as today's.
    made_on = min(made_on, today)
    age = (today - made_on).days
    if age < DAILY_DAYS:
        return ("day", made_on)
    if age < WEEKLY_DAYS:
        year, week, _ = made_on.isocalendar()
        return ("week", year, week)
    months = (today.year - made_on.year) * 12 + today.month - made_on.month
    if months < MONTHLY_MONTHS:
        return ("month", made_on.year, made_on.month)
    return None
