"""Reading and writing money and quantities the way people type them."""

from __future__ import annotations

import pytest

from involve_desktop.domain.money import (
    NotAnAmount,
    format_pence,
    format_quantity,
    format_rate,
    line_amount,
    parse_pence,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("£1,234.50", 123450),
        (" £ 3.07 ", 307),
        ("50p", 50),
        (".75", 75),
        ("0", 0),
    ],
)
def test_amounts_are_read_as_people_write_them(typed: str, pence: int):
    assert parse_pence(typed) == pence


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Please enter an amount"),
        ("abc", "is not an amount of money"),
        ("12.345", "at most two figures after the point"),
        ("-3", "less than nothing"),
        ("1.5p", "Pence are whole numbers"),
        ("12,50", "with a point, not a comma"),
        ("1,2345", "with a point, not a comma"),
        ("1,23,456", "not an amount of money"),
    ],
)
def test_what_is_not_an_amount_is_said_plainly(typed: str, message: str):
    with pytest.raises(NotAnAmount, match=message):
        parse_pence(typed)


def test_below_nothing_only_where_allowed_and_written_with_a_minus():
    assert parse_pence("-£12.00", negative_allowed=True) == -1200
    assert parse_pence("\u221212", negative_allowed=True) == -1200
    assert format_pence(-1200) == "-£12.00"
    assert format_pence(123456789) == "£1,234,567.89"


def test_rates_under_a_pound_are_said_in_pence():
    assert (format_rate(45), format_rate(2500)) == ("45p", "£25.00")


def test_quantities_keep_the_places_they_are_allowed():
    assert parse_quantity("12.3", places=1) == 1230
    assert format_quantity(1230) == "12.3"
    assert format_quantity(200) == "2"
    with pytest.raises(NotAnAmount, match=r"at most 1 figure after the point, like 12\.3"):
        parse_quantity("12.34", places=1)


def test_a_line_rounds_halves_away_from_nothing():
    assert line_amount(1230, 45) == 554  # 12.3 miles at 45p is 553.5p
    assert line_amount(-1230, 45) == -554
    assert line_amount(167, 2500) == 4175


def test_a_decimal_comma_is_never_read_as_a_thousands_separator():
    with pytest.raises(NotAnAmount, match="with a point, not a comma"):
        parse_quantity("1,5")  # not fifteen hours
    assert parse_quantity("1,000") == 100_000
