"""Reading spreadsheet cells for an import: headers guessed, dates and choices understood
however they were typed, and anything else refused with a message, never a crash."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from involve_desktop.domain.dates import MONTH_NAMES
from involve_desktop.domain.import_columns import (
    EXCEL_EPOCH,
    ImportField,
    NotUnderstood,
    cell_text,
    column_letter,
    guess_mapping,
    read_choice,
    read_date,
    read_list,
    read_phone,
    read_yes_no,
)
from involve_desktop.domain.people import (
    ContactMethod,
    ParticipationLevel,
    PaymentMethod,
    TakingPart,
)

CHOICES = (ParticipationLevel, TakingPart, ContactMethod, PaymentMethod)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))


@given(dates)
def test_a_date_reads_back_however_the_spreadsheet_holds_it(day):
    written = [
        day,
        datetime(day.year, day.month, day.day, 0, 0),
        f"{day:%d/%m/%Y}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day:%Y-%m-%d}",
        f"{day:%d.%m.%Y}",
        f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}",
        f" {day.day} {MONTH_NAMES[day.month - 1][:3].upper()} {day.year} ",
        (day - EXCEL_EPOCH).days,  # a date cell whose format was lost
        float((day - EXCEL_EPOCH).days),
    ]
    for cell in written:
        assert read_date(cell) == day, cell


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.booleans()))
def test_any_other_cell_is_a_date_none_or_a_plain_refusal(cell):
    try:
        result = read_date(cell)
    except NotUnderstood as problem:
        assert str(problem).endswith((".", "Please check the day."))
    else:
        assert result is None or isinstance(result, date)


def spelled(draw_case: list[bool], text: str, joiner: str) -> str:
    letters = [
        ch.upper() if upper else ch.lower() for ch, upper in zip(text, draw_case, strict=False)
    ]
    return "  " + "".join(letters + list(text[len(letters) :])).replace(" ", joiner) + " "


@given(
    st.sampled_from([member for kind in CHOICES for member in kind]),
    st.lists(st.booleans(), max_size=40),
    st.sampled_from([" ", "  ", "_", "-"]),
    st.booleans(),
)
def test_a_choice_reads_back_by_label_or_value_in_any_case(member, cases, joiner, by_value):
    text = member.value.replace("_", " ") if by_value else member.label
    assert read_choice(type(member), spelled(cases, text, joiner), "choices") is member


@given(st.sampled_from(CHOICES), st.text(max_size=30))
def test_any_other_text_is_a_choice_or_a_refusal_that_lists_the_choices(kind, text):
    try:
        result = read_choice(kind, text, "choices")
    except NotUnderstood as problem:
        assert all(member.label in str(problem) for member in kind)
    else:
        assert result is None or isinstance(result, kind)


def test_an_empty_choice_is_no_choice():
    assert read_choice(ParticipationLevel, "  ", "levels") is None


def test_dates_that_do_not_exist_are_named():
    with pytest.raises(NotUnderstood, match="31 February 1980 does not exist"):
        read_date("31/02/1980")
    with pytest.raises(NotUnderstood, match="This number is not a date"):
        read_date(-3)
    with pytest.raises(NotUnderstood):
        read_date(True)
    assert read_date(EXCEL_EPOCH + timedelta(days=1)) == date(1899, 12, 31)


def test_headers_charities_write_are_recognised():
    headers = [
        "Forename",
        "Family name",
        "D.O.B.",
        "E-mail address",
        "Telephone number",
        "Address line 1",
        "Address line 2",
        "Post code",
        "Known as",
        "Interested in",
        "Member since",
        "Favourite colour",
        "Email",  # a second email column is left for the user to choose
        "",
    ]
    assert guess_mapping(headers) == [
        ImportField.FIRST_NAME,
        ImportField.LAST_NAME,
        ImportField.DATE_OF_BIRTH,
        ImportField.EMAIL,
        ImportField.PHONE,
        ImportField.ADDRESS,
        ImportField.ADDRESS,
        ImportField.ADDRESS,
        ImportField.PREFERRED_NAME,
        ImportField.INTERESTS,
        ImportField.JOINED,
        ImportField.IGNORE,
        ImportField.IGNORE,
        ImportField.IGNORE,
    ]


def test_cells_become_the_text_a_person_sees():
    assert cell_text(None) == ""
    assert cell_text(7700900123.0) == "7700900123"
    assert cell_text(2.5) == "2.5"
    assert cell_text(True) == "Yes"
    assert cell_text(datetime(1980, 12, 25, 0, 0)) == "25/12/1980"
    assert cell_text("  Flat 2 \n\n 10  Quay Street ") == "Flat 2\n10 Quay Street"


def test_lists_and_yes_or_no():
    assert read_list("Carer;  Volunteer, peer mentor,,") == ["Carer", "Volunteer", "peer mentor"]
    assert [read_yes_no(word) for word in ("Yes", "y", "TRUE", "x", "No", "", "0")] == [
        True, True, True, True, False, False, False,
    ]  # fmt: skip
    with pytest.raises(NotUnderstood, match="is not yes or no"):
        read_yes_no("maybe")


def test_columns_are_lettered_as_in_a_spreadsheet():
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_a_phone_number_kept_as_a_number_gets_its_leading_zero_back():
    assert read_phone(7700900123) == "07700900123"
    assert read_phone(7700900123.0) == "07700900123"
    assert read_phone("07700 900123") == "07700 900123"
    assert read_phone(441174960106) == "441174960106"  # with a country code: left alone
