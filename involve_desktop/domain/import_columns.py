"""What a spreadsheet column can hold when people are imported, and how its cells are read.

Pure rules, no files and no database: the guess of which column is which (from the headers
charities actually write), the check that a mapping makes sense, and the readers for date,
choice and yes/no cells, each failing with a message a charity worker can act on.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from enum import Enum, StrEnum
from typing import TypeVar

from involve_desktop.domain.dates import NotADate, as_date
from involve_desktop.domain.formatting import and_list
from involve_desktop.domain.person_record import line

Choice = TypeVar("Choice", bound=StrEnum)

# Excel counts days from 30 December 1899; a date cell that lost its format arrives as that
# number. Beyond the serial of 31/12/2199 a number is not a date anyone meant.
EXCEL_EPOCH = date(1899, 12, 30)
LAST_EXCEL_SERIAL = 109_574
YES_WORDS = frozenset({"yes", "y", "true", "1", "x", "\u2713", "\u2714"})
NO_WORDS = frozenset({"no", "n", "false", "0", ""})
UK_DIGITS_AFTER_ZERO = 10  # 07700 900123 is 11 digits; as a number, 7700900123
LIST_SEPARATORS = re.compile(r"[;,\n]")


class ImportField(Enum):
    """A field of a person's record that a column can fill; `label` is shown in the mapping."""

    IGNORE = "Ignore this column"
    FIRST_NAME = "First name"
    LAST_NAME = "Last name"
    FULL_NAME = "Full name (first word is the first name)"
    PREFERRED_NAME = "Preferred name"
    PRONOUNS = "Pronouns"
    DATE_OF_BIRTH = "Date of birth"
    EMAIL = "Email"
    PHONE = "Phone"
    ADDRESS = "Address (or a part of it)"
    CONTACT_METHOD = "How they like to be contacted"
    ROLES = "Roles"
    INTERESTS = "Interests"
    LEVEL = "Participation level"
    TAKING_PART = "Taking part"
    CONSENT_GIVEN = "Consent given on"
    CONSENT_TO_CONTACT = "Consent to contact (yes or no)"
    CONSENT_REVIEW = "Consent review date"
    PAYMENT_METHOD = "Payment method"
    JOINED = "Joined on"
    LAST_INVOLVED = "Last involved on"
    NOTES = "Notes"

    @property
    def label(self) -> str:
        return str(self.value)


# Fields several columns may fill: their cells are joined (an address spread over lines 1-3
# and a postcode, roles in two columns). Every other field takes one column at most.
MULTI_COLUMN_FIELDS = frozenset(
    {ImportField.ADDRESS, ImportField.ROLES, ImportField.INTERESTS, ImportField.NOTES}
)

# Headers as people write them, folded by `_header_words`; checked whole first, then by the
# start of the header ("address line 2", "email address", "mobile number").
_EXACT_HEADERS: dict[str, ImportField] = {
    **dict.fromkeys(
        ("first name", "firstname", "forename", "forenames", "given name", "first"),
        ImportField.FIRST_NAME,
    ),
    **dict.fromkeys(
        ("surname", "last name", "lastname", "family name", "second name", "last"),
        ImportField.LAST_NAME,
    ),
    **dict.fromkeys(("name", "full name", "fullname"), ImportField.FULL_NAME),
    **dict.fromkeys(
        ("known as", "preferred name", "goes by", "nickname", "preferred"),
        ImportField.PREFERRED_NAME,
    ),
    **dict.fromkeys(("pronouns", "pronoun"), ImportField.PRONOUNS),
    **dict.fromkeys(
        ("dob", "d o b", "date of birth", "birth date", "birthday"), ImportField.DATE_OF_BIRTH
    ),
    **dict.fromkeys(("email", "e mail", "email address"), ImportField.EMAIL),
    **dict.fromkeys(("mobile", "phone", "telephone", "tel", "mob", "landline"), ImportField.PHONE),
    **dict.fromkeys(
        ("address", "postcode", "post code", "town", "city", "county"), ImportField.ADDRESS
    ),
    **dict.fromkeys(
        ("contact method", "preferred contact", "contact by", "contact preference"),
        ImportField.CONTACT_METHOD,
    ),
    **dict.fromkeys(("roles", "role"), ImportField.ROLES),
    **dict.fromkeys(("interests", "interest", "interested in"), ImportField.INTERESTS),
    **dict.fromkeys(("level", "participation level", "participation"), ImportField.LEVEL),
    **dict.fromkeys(("status", "taking part"), ImportField.TAKING_PART),
    **dict.fromkeys(
        ("consent date", "consent given", "consent given on", "date of consent"),
        ImportField.CONSENT_GIVEN,
    ),
    **dict.fromkeys(
        ("consent to contact", "ok to contact", "can contact"), ImportField.CONSENT_TO_CONTACT
    ),
    **dict.fromkeys(
        ("consent review", "consent review date", "review date", "review consent"),
        ImportField.CONSENT_REVIEW,
    ),
    **dict.fromkeys(
        ("payment method", "payment", "paid by", "payment preference"), ImportField.PAYMENT_METHOD
    ),
    **dict.fromkeys(
        ("joined", "joined on", "date joined", "start date", "member since"), ImportField.JOINED
    ),
    **dict.fromkeys(
        ("last involved", "last involved on", "last activity", "last attended"),
        ImportField.LAST_INVOLVED,
    ),
    **dict.fromkeys(("notes", "note", "comments", "comment"), ImportField.NOTES),
}
_HEADER_STARTS: tuple[tuple[str, ImportField], ...] = (
    ("address", ImportField.ADDRESS),
    ("email", ImportField.EMAIL),
    ("e mail", ImportField.EMAIL),
    ("mobile", ImportField.PHONE),
    ("phone", ImportField.PHONE),
    ("telephone", ImportField.PHONE),
    ("first name", ImportField.FIRST_NAME),
    ("date of birth", ImportField.DATE_OF_BIRTH),
    ("consent review", ImportField.CONSENT_REVIEW),
    ("notes", ImportField.NOTES),
)


class NotUnderstood(ValueError):
    """A cell that cannot be read for its field; the message says why in plain words."""


def guess_mapping(headers: list[str]) -> list[ImportField]:
    """A field for each column from its header; a field already taken leaves the next ignored."""
    mapping: list[ImportField] = []
    for header in headers:
        field = _field_for_header(header)
        if field in mapping and field not in MULTI_COLUMN_FIELDS:
            field = ImportField.IGNORE
        mapping.append(field)
    return mapping


def mapping_problems(mapping: list[ImportField], column_names: list[str]) -> list[str]:
    """Why this mapping cannot be used yet; empty when it can."""
    problems: list[str] = []
    chosen = set(mapping)
    if not chosen & {ImportField.FIRST_NAME, ImportField.FULL_NAME}:
        problems.append("Choose the column that holds the first name (or the full name).")
    if {ImportField.FIRST_NAME, ImportField.FULL_NAME} <= chosen:
        problems.append("Choose either a first name column or a full name column, not both.")
    for field in sorted(chosen - MULTI_COLUMN_FIELDS - {ImportField.IGNORE}, key=_position):
        columns = [name for name, used in zip(column_names, mapping, strict=True) if used is field]
        if len(columns) > 1:
            problems.append(
                f"{field.label} is chosen for {and_list(columns)}. Choose it for one column only."
            )
    return problems


def cell_text(value: object) -> str:
    """Any cell as the text a person sees in it (a whole number without '.0')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    # Spaces are tidied within each line; the lines of an address cell are kept; invisible
    # control characters go.
    cleaned = (" ".join(line(text).split()) for text in str(value).splitlines())
    return "\n".join(text for text in cleaned if text)


def read_phone(value: object) -> str:
    """A phone number; one kept as a number in Excel has lost its leading 0, given back here."""
    text = cell_text(value)
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if is_number and len(text) == UK_DIGITS_AFTER_ZERO and text.isdigit():
        return "0" + text
    return text


def read_date(value: object) -> date | None:
    """A date cell, a date typed as text (UK order), or a date that lost its Excel format."""
    if isinstance(value, bool):
        raise NotUnderstood("This is not a date we can read. Type a date like 25/12/1980.")
    if isinstance(value, int | float):
        if 1 <= value <= LAST_EXCEL_SERIAL:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise NotUnderstood("This number is not a date. Type a date like 25/12/1980.")
    try:
        return as_date(value.strip() if isinstance(value, str) else value)
    except NotADate as problem:
        raise NotUnderstood(str(problem)) from None


def read_choice(kind: type[Choice], text: str, what: str) -> Choice | None:
    """One of a fixed list, by its label or stored value, whatever the case and spacing."""
    wanted = _choice_words(text)
    if not wanted:
        return None
    for member in kind:
        if wanted in (_choice_words(member.label), _choice_words(member.value)):  # type: ignore[attr-defined]
            return member
    allowed = [member.label for member in kind]  # type: ignore[attr-defined]
    raise NotUnderstood(
        f"“{text.strip()}” is not one of the {what}. Please use {_or_list(allowed)}."
    )


def read_yes_no(text: str) -> bool:
    word = text.strip().casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise NotUnderstood(f"“{text.strip()}” is not yes or no. Please write Yes or No.")


def read_list(text: str) -> list[str]:
    """'Carer; Volunteer' or 'Carer, Volunteer' → ['Carer', 'Volunteer']."""
    return [
        part for part in (" ".join(piece.split()) for piece in LIST_SEPARATORS.split(text)) if part
    ]


def split_full_name(text: str) -> tuple[str, str]:
    """'Siân ap Gwilym' → ('Siân', 'ap Gwilym'): the first word, then the rest."""
    first, _space, rest = " ".join(text.split()).partition(" ")
    return first, rest


def column_letter(index: int) -> str:
    """0 → 'A', 26 → 'AA', as a spreadsheet names its columns."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _field_for_header(header: str) -> ImportField:
    words = _header_words(header)
    if not words:
        return ImportField.IGNORE
    if words in _EXACT_HEADERS:
        return _EXACT_HEADERS[words]
    for start, field in _HEADER_STARTS:
        if words.startswith(start):
            return field
    return ImportField.IGNORE


def _header_words(header: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", header.casefold()).replace("_", " ").split())


def _choice_words(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


def _position(field: ImportField) -> int:
    return list(ImportField).index(field)


def _or_list(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" or {items[-1]}" if len(items) > 1 else "".join(items)
