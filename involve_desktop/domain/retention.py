"""The retention rule, with no database in sight: how long a person's records are kept after
their last involvement, and whether today is past that point.

The period is whole years, 1 to 50, six by default. There is no "keep until I decide": UK
GDPR asks a charity to set how long it keeps personal data, and nothing is ever removed
without a person choosing it (the routine only lists who is past the point), so a period
that is long enough does all that "keep" would, without leaving records kept for ever.
"""

from __future__ import annotations

from datetime import date

DEFAULT_RETENTION_YEARS = 6
MIN_RETENTION_YEARS = 1
MAX_RETENTION_YEARS = 50


def years_before(today: date, years: int) -> date:
    """The same day `years` whole years earlier; 29 February falls back to the 28th."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def retention_cutoff(today: date, years: int) -> date:
    """People whose last involvement is before this day are past the retention point: kept
    for `years` whole years after it, up to and including the anniversary."""
    return years_before(today, years)


def retention_rule_text(years: int) -> str:
    unit = "year" if years == 1 else "years"
    return f"Records are kept for {years} {unit} after a person's last involvement"


def validate_retention_years(years: int) -> str | None:
    """A plain message when the period is out of range, otherwise None."""
    if not MIN_RETENTION_YEARS <= years <= MAX_RETENTION_YEARS:
        return (
            f"Choose between {MIN_RETENTION_YEARS} and {MAX_RETENTION_YEARS} whole years "
            "to keep records after a person's last involvement."
        )
    return None
