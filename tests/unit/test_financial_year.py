"""The financial year: which start dates are allowed, which year a day falls in, its label."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from involve_desktop.domain.financial_year import (
    YearStart,
    validate_year_start,
    year_containing,
    year_label,
)

APRIL = YearStart(month=4, day=1)
JANUARY = YearStart(month=1, day=1)


def test_29_february_is_refused_with_a_plain_reason():
    message = validate_year_start(2, 29)
    assert message is not None
    assert "29 February" in message
    assert "most years" in message


def test_31_april_is_refused_naming_the_days_in_april():
    message = validate_year_start(4, 31)
    assert message == "April has 30 days, so 31 is not a date."


@pytest.mark.parametrize(("month", "day"), [(4, 1), (1, 1), (2, 28), (12, 31), (3, 31)])
def test_real_dates_are_accepted(month, day):
    assert validate_year_start(month, day) is None


@pytest.mark.parametrize("month", [0, 13, -1])
def test_a_month_that_does_not_exist_is_refused(month):
    assert validate_year_start(month, 1) == "Please choose the month the financial year starts."


def test_day_zero_is_refused():
    assert validate_year_start(5, 0) is not None


def test_the_last_day_before_an_april_start_belongs_to_the_year_before():
    assert year_containing(date(2026, 3, 31), APRIL) == (date(2025, 4, 1), date(2026, 3, 31))


def test_the_first_day_of_an_april_start_opens_a_new_year():
    assert year_containing(date(2026, 4, 1), APRIL) == (date(2026, 4, 1), date(2027, 3, 31))


def test_a_january_start_follows_the_calendar_year():
    assert year_containing(date(2026, 1, 1), JANUARY) == (date(2026, 1, 1), date(2026, 12, 31))
    assert year_containing(date(2025, 12, 31), JANUARY) == (date(2025, 1, 1), date(2025, 12, 31))


def test_a_year_ending_in_february_of_a_leap_year_includes_29_february():
    first, last = year_containing(date(2024, 2, 29), YearStart(month=3, day=1))
    assert (first, last) == (date(2023, 3, 1), date(2024, 2, 29))


def test_labels():
    assert year_label(date(2026, 4, 1)) == "2026/27"
    assert year_label(date(2026, 1, 1)) == "2026"
    assert year_label(date(1999, 4, 1)) == "1999/00"
    assert year_label(date(2009, 10, 1)) == "2009/10"


@st.composite
def year_starts(draw):
    month = draw(st.integers(min_value=1, max_value=12))
    # 2001 is not a leap year, so this excludes 29 February just as the rules do.
    day = draw(st.integers(min_value=1, max_value=calendar.monthrange(2001, month)[1]))
    assert validate_year_start(month, day) is None
    return YearStart(month=month, day=day)


@settings(max_examples=500, deadline=None, database=None)
@given(
    start=year_starts(),
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
)
def test_every_day_lies_in_a_whole_year_that_joins_the_next(start, day):
    first, last = year_containing(day, start)

    assert first <= day <= last
    assert (first.month, first.day) == (start.month, start.day)
    assert (last - first).days + 1 in (365, 366)
    following = last + timedelta(days=1)
    assert year_containing(following, start)[0] == following
    assert year_containing(last, start) == (first, last)


def test_recent_years_run_newest_first_from_next_year_back():
    from datetime import date

    from involve_desktop.domain.financial_year import YearStart, recent_years

    years = recent_years(date(2026, 11, 26), YearStart(4, 1), back=2, ahead=1)
    assert years == [
        (date(2027, 4, 1), date(2028, 3, 31)),
        (date(2026, 4, 1), date(2027, 3, 31)),
        (date(2025, 4, 1), date(2026, 3, 31)),
        (date(2024, 4, 1), date(2025, 3, 31)),
    ]
