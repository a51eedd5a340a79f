"""How backups are described on screen and in the status bar: ages, sizes, moments.

Plain functions of the settings and a fixed day, so the words can be tested on any date.
"""

from __future__ import annotations

from datetime import date, datetime

from involve_desktop.backup.verify import made_by_newer_app
from involve_desktop.domain.formatting import long_date
from involve_desktop.services.backup_settings import BackupState, backup_due

NO_BACKUP_YET = "No backup to a stick yet"


def days_ago(day: date, today: date) -> str:
    """'today', 'yesterday', '3 days ago'; a day after today (a clock put back) is 'today'."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days:,} days ago"


def last_backup_text(state: BackupState, today: date) -> str:
    """The status bar's words: 'Last backup to a stick: 3 days ago' or that there is none."""
    last = state.last_removable_backup_at
    if last is None:
        return NO_BACKUP_YET
    return f"Last backup to a stick: {days_ago(last.date(), today)}"


def reminder_text(state: BackupState, today: date) -> str:
    """Why a backup is due, said gently, with the charity's own interval."""
    every = f"every {state.interval_days} day{'s' if state.interval_days != 1 else ''}"
    last = state.last_removable_backup_at
    if last is None:
        return (
            "Your records have never been backed up to a USB stick or another drive. "
            f"Your organisation chose to back up {every}."
        )
    return (
        f"Your last backup to a stick was {days_ago(last.date(), today)}. Your organisation "
        f"chose to back up {every}."
    )


def status_summary(state: BackupState, today: date) -> str:
    """The Backup screen's first line: when and where, and whether one is due."""
    last = state.last_removable_backup_at
    if last is None:
        return "\u26a0 Your records have not been backed up to a USB stick or another drive yet."
    where = state.last_removable_backup_place
    place = f" to {where}" if where else ""
    text = f"The last backup was made {days_ago(last.date(), today)} ({moment(last)}){place}."
    if backup_due(state, today):
        return f"\u26a0 {text} A new one is due."
    return f"\u2714 {text}"


def moment(when: datetime) -> str:
    """'3 March 2026 at 14:05', in this computer's time (stored times may be UTC or local)."""
    local = when.astimezone() if when.tzinfo is not None else when
    return f"{long_date(local.date())} at {local:%H:%M}"


def size_text(size_bytes: int) -> str:
    """'2.4 MB', '14.2 GB': sizes as drives are sold, in thousands."""
    for unit, scale in (("GB", 1_000_000_000), ("MB", 1_000_000)):
        if size_bytes >= scale:
            return f"{size_bytes / scale:,.1f} {unit}"
    return f"{max(size_bytes, 0) / 1_000:,.0f} KB"


def newer_than_this_app(app_version: str) -> bool:
    """Whether a backup was made by a later version of Involve than this one."""
    return made_by_newer_app(app_version)
