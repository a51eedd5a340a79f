"""Reading dates the way people in the UK type them, for forms and spreadsheet imports."""

from __future__ import annotations

import re
from datetime import date, datetime

from involve_desktop.domain.financial_year import MONTH_NAMES

DATE_HINT = "Type a date like 25/12/1980 or 25 Dec 1980."
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_WORDED = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_MONTHS = (
    {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
    | {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
    | {"sept": 9}
)


class NotADate(ValueError):
    """The text cannot be read as a date; the message says why in plain words."""


def parse_date(text: str) -> date | None:
    """'25/12/1980', '25-12-80', '1980-12-25', '25 December 1980' → a date; '' → None.

    Day comes before month, as in the UK. Two-digit years are read as the most recent
    matching year not in the future (so '80' is 1980 and '05' is 2005).
    """
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        return None
    numeric = _NUMERIC.match(cleaned)
    if numeric:
        first, second, third = numeric.groups()
        if len(first) == 4:
            return _real_date(int(first), int(second), int(third), text)
        return _real_date(_full_year(third), int(second), int(first), text)
    worded = _WORDED.match(cleaned)
    if worded:
        day, month_name, year = worded.groups()
        month = _MONTHS.get(month_name)
        if month is None:
            raise NotADate(f"“{month_name}” is not a month. {DATE_HINT}")
        return _real_date(int(year), month, int(day), text)
    raise NotADate(f"This is not a date we can read. {DATE_HINT}")


def as_date(value: object) -> date | None:
    """A spreadsheet cell (a date, a date-time or text) as a date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value))


def short_date(day: date | None) -> str:
    """'25/12/1980', the way the form fields show dates; '' for none."""
    return f"{day:%d/%m/%Y}" if day else ""


def _full_year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    if len(text) == 2:
        this_year = date.today().year
        year = 2000 + int(text)
        return year if year <= this_year else year - 100
    raise NotADate(f"The year should have 4 digits. {DATE_HINT}")


def _real_date(year: int, month: int, day: int, original: str) -> date:
    if not 1 <= month <= 12:
        raise NotADate(f"There is no month {month}. {DATE_HINT}")
    try:
        return date(year, month, day)
    except ValueError:
        raise NotADate(
            f"{day} {MONTH_NAMES[month - 1]} {year} does not exist. Please check the day."
        ) from None
