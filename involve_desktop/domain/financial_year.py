"""The charity's financial year, which starts on a day and month the charity chooses."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_NAMES: tuple[str, ...] = tuple(calendar.month_name[1:])


@dataclass(frozen=True)
class YearStart:
    """The day and month a financial year starts, e.g. 1 April."""

    month: int
    day: int

    def __str__(self) -> str:
        return f"{self.day} {MONTH_NAMES[self.month - 1]}"


DEFAULT_YEAR_START = YearStart(month=4, day=1)


def validate_year_start(month: int, day: int) -> str | None:
    """A plain message when the day and month cannot start a year; None when they can."""
    if not 1 <= month <= 12:
        return "Please choose the month the financial year starts."
    if month == 2 and day == 29:
        return "A year cannot start on 29 February, because most years do not have one."
    # 2001 is not a leap year, so this is the strictest calendar a start date must fit.
    days_in_month = calendar.monthrange(2001, month)[1]
    if not 1 <= day <= days_in_month:
        return f"{MONTH_NAMES[month - 1]} has {days_in_month} days, so {day} is not a date."
    return None


def year_containing(day: date, start: YearStart) -> tuple[date, date]:
    """First and last day of the financial year that contains `day`."""
    this_year_start = date(day.year, start.month, start.day)
    first = (
        this_year_start if day >= this_year_start else date(day.year - 1, start.month, start.day)
    )
    last = date(first.year + 1, start.month, start.day) - timedelta(days=1)
    return first, last


def year_label(first_day: date) -> str:
    """'2026/27' for a year starting in 2026, or '2026' when it starts on 1 January."""
    if (first_day.month, first_day.day) == (1, 1):
        return str(first_day.year)
    return f"{first_day.year}/{(first_day.year + 1) % 100:02d}"


def recent_years(
    today: date, start: YearStart, *, back: int, ahead: int = 0
) -> list[tuple[date, date]]:
    """Financial years as (first day, last day), newest first: from `ahead` years after the
    current one to `back` years before it."""
    first, _ = year_containing(today, start)
    return [
        year_containing(date(first.year + offset, first.month, first.day), start)
        for offset in range(ahead, -back - 1, -1)
    ]
