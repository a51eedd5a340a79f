"""Automatic local copies: at most one a day, thinned by day, week and month, and the newest
by sequence always kept whatever the clock says."""

from __future__ import annotations

import base64
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.local_copies import (
    KEEP_NEWEST,
    LocalCopy,
    highest_local_sequence,
    list_local_copies,
    local_copy_due,
    local_copy_name,
    local_folder,
    make_local_copy_if_due,
    thin,
)
from involve_desktop.backup.problems import PassphraseNeeded, WrongPassphrase
from involve_desktop.backup.verify import open_backup, verify_backup
from tests.backup.helpers import NOW, PASSPHRASE, TODAY, new_charity


def copies_on(days_ago: list[int], today: date = TODAY) -> list[LocalCopy]:
    """One copy per entry, made `days_ago` before today, in order (the sequence rises)."""
    return [
        LocalCopy(Path(f"copy-{number}"), number, today - timedelta(days=ago))
        for number, ago in enumerate(days_ago, start=1)
    ]


def kept(copies: list[LocalCopy], today: date = TODAY) -> list[int]:
    removed = thin(copies, today)
    return sorted(copy.sequence for copy in copies if copy not in removed)


def test_a_year_of_daily_copies_thins_to_days_weeks_and_months():
    # 400 days of copies, one a day, oldest first
    copies = copies_on(list(range(399, -1, -1)))
    staying = set(kept(copies))
    remaining = [copy for copy in copies if copy.sequence in staying]
    ages = sorted((TODAY - copy.made_on).days for copy in remaining)
    assert ages[:7] == [0, 1, 2, 3, 4, 5, 6]
    assert len([age for age in ages if 7 <= age < 42]) in (5, 6)  # five weeks, one cut by age
    assert max(ages) < 366
    assert len(remaining) <= 7 + 6 + 12


def test_the_newest_three_by_sequence_stay_when_the_clock_went_back():
    # The clock was set back two years: the three newest copies look ancient.
    copies = copies_on([3, 2, 1, 0, 800, 800, 800])
    assert {5, 6, 7} <= set(kept(copies))


def test_copies_dated_in_the_future_count_as_today():
    # The clock ran a month ahead for a while, then was put right.
    copies = copies_on([0, -30, -29, -28, 0])
    assert kept(copies) == [3, 4, 5]  # today's newest, plus the newest three


today_strategy = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
ages_strategy = st.lists(st.integers(min_value=-40, max_value=500), max_size=60)


@settings(max_examples=300)
@given(ages=ages_strategy, today=today_strategy)
def test_thinning_rules_hold_for_any_set_of_copies(ages, today):
    copies = copies_on(ages, today)
    removed = thin(copies, today)
    remaining = [copy for copy in copies if copy not in removed]

    # It only removes copies it was given, each once.
    assert len(set(removed)) == len(removed)
    assert all(copy in copies for copy in removed)
    # The newest three by sequence always stay.
    newest = sorted(copies, key=lambda copy: copy.sequence)[-KEEP_NEWEST:]
    assert all(copy in remaining for copy in newest)
    # Each of the last seven days that had a copy keeps one (a copy dated in the future,
    # made while the clock ran ahead, counts as today's).
    for ago in range(7):
        day = today - timedelta(days=ago)
        if any(min(copy.made_on, today) == day for copy in copies):
            assert any(min(copy.made_on, today) == day for copy in remaining), ago
    # Bounded: the newest three, seven days, six ISO weeks, thirteen months.
    assert len(remaining) <= KEEP_NEWEST + 7 + 6 + 13
    # Thinning again removes nothing more.
    assert thin(remaining, today) == []


def test_a_local_copy_is_due_once_a_calendar_day():
    assert local_copy_due(None, NOW)
    assert not local_copy_due(NOW.replace(hour=8), NOW)
    assert local_copy_due(NOW - timedelta(days=1), NOW)
    # A clock put back still gives a different day, so a copy is made.
    assert local_copy_due(NOW + timedelta(days=3), NOW)


@pytest.fixture
def charity(tmp_path):
    return new_charity(tmp_path / "data", people=3)


def test_local_copies_are_made_at_most_daily_and_thinned(charity):
    paths, database_key = charity
    key = BackupKey.from_passphrase(PASSPHRASE)
    last = None
    # Twenty days of closing the app twice a day
    for day in range(20):
        for hour in (12, 17):
            now = datetime(2026, 11, 1, hour) + timedelta(days=day)
            result = make_local_copy_if_due(
                paths,
                database_key,
                key,
                organisation="",
                now=now,
                last_copy_at=last,
                sequence=highest_local_sequence(paths) + 1,
            )
            if result is not None:
                last = now
    copies = list_local_copies(paths)
    assert [copy.sequence for copy in copies][:3] == [20, 19, 18]
    assert len(copies) < 20
    assert len({copy.made_on for copy in copies}) == len(copies)  # one a day at most
    # Each is a whole, checked backup sealed with the stored key.
    newest = verify_backup(copies[0].path, None, backup_key=key)
    assert (newest.sequence, newest.encrypted) == (20, True)


def test_before_a_passphrase_is_set_copies_are_sealed_with_the_database_key(charity):
    paths, database_key = charity
    result = make_local_copy_if_due(
        paths, database_key, None, organisation="", now=NOW, last_copy_at=None, sequence=1
    )
    assert result is not None
    assert result.path.parent == local_folder(paths)
    assert result.path.name == local_copy_name(1, NOW)
    # The database key never sits readable in the copy, in any form.
    for copy in local_folder(paths).iterdir():
        raw = copy.read_bytes()
        for form in (database_key, database_key.hex().encode(), base64.b64encode(database_key)):
            assert form not in raw
    with pytest.raises(PassphraseNeeded):
        verify_backup(result.path, None)
    with pytest.raises(PassphraseNeeded):
        verify_backup(result.path, PASSPHRASE)
    opened = verify_backup(result.path, None, backup_key=BackupKey.from_database_key(database_key))
    assert (opened.encrypted, opened.sequence) == (True, 1)
    with pytest.raises(WrongPassphrase):
        verify_backup(result.path, None, backup_key=BackupKey.from_database_key(bytes(32)))


def test_copies_of_records_that_are_not_encrypted_hold_no_key(plain_database, paths):
    result = make_local_copy_if_due(
        paths, None, None, organisation="", now=NOW, last_copy_at=None, sequence=1
    )
    assert result is not None
    with open_backup(result.path, None, work_dir=paths.data_dir) as opened:
        assert opened.payload.database_key is None
        assert opened.summary.encrypted is False


def test_other_files_in_the_backups_folder_are_never_touched(charity):
    paths, database_key = charity
    folder = local_folder(paths)
    folder.mkdir()
    mine = folder / "Involve backup kept by hand.involve-backup"
    mine.write_bytes(b"the user's own file")
    old = datetime(2024, 1, 1, 12)
    for number in range(1, 6):
        (folder / local_copy_name(number, old)).write_bytes(b"")
    make_local_copy_if_due(
        paths, database_key, None, organisation="", now=NOW, last_copy_at=None, sequence=6
    )
    assert mine.read_bytes() == b"the user's own file"
    assert [copy.sequence for copy in list_local_copies(paths)] == [6, 5, 4]
