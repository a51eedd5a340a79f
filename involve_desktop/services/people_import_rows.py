"""One spreadsheet row read into a person's details, or into what is wrong with it.

Every message names the row and the column as the user sees them in their spreadsheet
("Row 14, Date of birth (“31/02/1980”): 31 February 1980 does not exist. Please check the
day."), so they can put it right there and import again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from involve_desktop.db.models import Person
from involve_desktop.domain import person_record
from involve_desktop.domain.import_columns import (
    ImportField,
    NotUnderstood,
    cell_text,
    read_choice,
    read_date,
    read_list,
    read_phone,
    read_yes_no,
    split_full_name,
)
from involve_desktop.domain.people import (
    ContactMethod,
    ParticipationLevel,
    PaymentMethod,
    TakingPart,
)
from involve_desktop.domain.person_record import Consent, PersonDetails, validate_person
from involve_desktop.services.spreadsheet_files import SheetRow

T = TypeVar("T")
Choice = TypeVar("Choice", bound=StrEnum)
SHOWN_VALUE_LENGTH = 40
MISSING_NAME = "This is empty, and every record needs a first name (or the name they go by)."

# validate_person's field names → the import fields whose column a message should name.
VALIDATED_FIELDS: dict[str, tuple[ImportField, ...]] = {
    person_record.FIRST_NAME: (ImportField.FIRST_NAME, ImportField.FULL_NAME),
    person_record.EMAIL: (ImportField.EMAIL,),
    person_record.PHONE: (ImportField.PHONE,),
    person_record.DATE_OF_BIRTH: (ImportField.DATE_OF_BIRTH,),
    person_record.CONSENT_GIVEN_ON: (ImportField.CONSENT_GIVEN,),
    person_record.CONSENT_REVIEW_ON: (ImportField.CONSENT_REVIEW,),
}
# Details that must fit their column in the register, and the import fields they come from.
LENGTH_LIMITED: tuple[tuple[str, tuple[ImportField, ...]], ...] = (
    ("first_name", (ImportField.FIRST_NAME, ImportField.FULL_NAME)),
    ("last_name", (ImportField.LAST_NAME, ImportField.FULL_NAME)),
    ("preferred_name", (ImportField.PREFERRED_NAME,)),
    ("pronouns", (ImportField.PRONOUNS,)),
    ("email", (ImportField.EMAIL,)),
    ("phone", (ImportField.PHONE,)),
)


@dataclass(frozen=True)
class ReadyPerson:
    """A row that can be imported: the person, and when they last took part if it was given."""

    row_number: int
    details: PersonDetails
    last_involved_on: date | None = None


class RowReader:
    """Reads rows through one mapping of columns to fields."""

    def __init__(self, column_names: list[str], mapping: list[ImportField], today: date) -> None:
        self.column_names = column_names
        self.today = today
        self.columns: dict[ImportField, list[int]] = {}
        for index, field in enumerate(mapping):
            if field is not ImportField.IGNORE:
                self.columns.setdefault(field, []).append(index)

    def read(self, row: SheetRow) -> ReadyPerson | list[str]:
        """The person in this row, or the list of what is wrong with it."""
        cells = _RowCells(self, row)
        first, last = cells.text(ImportField.FIRST_NAME), cells.text(ImportField.LAST_NAME)
        if ImportField.FULL_NAME in self.columns:
            first, last = split_full_name(cells.text(ImportField.FULL_NAME))
        details = PersonDetails(
            first_name=first,
            last_name=last,
            preferred_name=cells.text(ImportField.PREFERRED_NAME),
            pronouns=cells.text(ImportField.PRONOUNS),
            date_of_birth=cells.date(ImportField.DATE_OF_BIRTH),
            email=cells.text(ImportField.EMAIL),
            phone=cells.read_cell(ImportField.PHONE, read_phone) or "",
            address=cells.text(ImportField.ADDRESS, joiner="\n"),
            contact_method=cells.choice(
                ImportField.CONTACT_METHOD, ContactMethod, "ways of being contacted"
            ),
            roles=tuple(read_list(cells.text(ImportField.ROLES, joiner=";"))),
            interests=tuple(read_list(cells.text(ImportField.INTERESTS, joiner=";"))),
            participation_level=cells.choice(
                ImportField.LEVEL, ParticipationLevel, "participation levels"
            )
            or ParticipationLevel.OBSERVING,
            taking_part=cells.choice(ImportField.TAKING_PART, TakingPart, "taking-part choices")
            or TakingPart.TAKING_PART,
            consent=Consent(
                given_on=cells.date(ImportField.CONSENT_GIVEN),
                to_contact=bool(cells.read(ImportField.CONSENT_TO_CONTACT, read_yes_no)),
                review_on=cells.date(ImportField.CONSENT_REVIEW),
            ),
            payment_method=cells.choice(
                ImportField.PAYMENT_METHOD, PaymentMethod, "payment methods"
            ),
            notes=cells.text(ImportField.NOTES, joiner="\n"),
            joined_on=cells.date(ImportField.JOINED),
        )
        last_involved = cells.date(ImportField.LAST_INVOLVED)
        if last_involved is not None and last_involved > self.today:
            cells.problem((ImportField.LAST_INVOLVED,), "This date cannot be in the future.")
        cells.check(details)
        if cells.problems:
            return cells.problems
        return ReadyPerson(row.number, details, last_involved)

    def message(self, row: SheetRow, fields: tuple[ImportField, ...], message: str) -> str:
        """'Row 14, Date of birth (“31/02/1980”): …', naming the first column of `fields`."""
        index = next((self.columns[f][0] for f in fields if f in self.columns), None)
        if index is None:
            return f"Row {row.number}: {message}"
        value = cell_text(row.cells[index]).replace("\n", ", ")
        if len(value) > SHOWN_VALUE_LENGTH:
            value = value[: SHOWN_VALUE_LENGTH - 1] + "\u2026"
        shown = f" (“{value}”)" if value and value not in message else ""
        return f"Row {row.number}, {self.column_names[index]}{shown}: {message}"


class _RowCells:
    """The cells of one row by field, collecting a message for each one that cannot be read."""

    def __init__(self, reader: RowReader, row: SheetRow) -> None:
        self.reader = reader
        self.row = row
        self.problems: list[str] = []

    def text(self, field: ImportField, joiner: str = " ") -> str:
        parts = (cell_text(self.row.cells[i]) for i in self.reader.columns.get(field, ()))
        return joiner.join(part for part in parts if part)

    def read(self, field: ImportField, reader: Callable[[str], T]) -> T | None:
        return self.read_cell(field, lambda cell: reader(cell_text(cell)))

    def read_cell(self, field: ImportField, reader: Callable[[object], T]) -> T | None:
        columns = self.reader.columns.get(field)
        if not columns:
            return None
        try:
            return reader(self.row.cells[columns[0]])
        except NotUnderstood as problem:
            self.problem((field,), str(problem))
            return None

    def date(self, field: ImportField) -> date | None:
        # From the cell itself: a real date, or the number Excel keeps a date as.
        return self.read_cell(field, read_date)

    def choice(self, field: ImportField, kind: type[Choice], what: str) -> Choice | None:
        return self.read(field, lambda text: read_choice(kind, text, what))

    def problem(self, fields: tuple[ImportField, ...], message: str) -> None:
        self.problems.append(self.reader.message(self.row, fields, message))

    def check(self, details: PersonDetails) -> None:
        """The register's own rules, and that each detail fits its place in the register."""
        errors = validate_person(details, self.reader.today)
        for field, message in errors.items():
            if field == person_record.FIRST_NAME:
                message = MISSING_NAME
            self.problem(VALIDATED_FIELDS.get(field, ()), message)
        for attribute, fields in LENGTH_LIMITED:
            limit = Person.__table__.c[attribute].type.length
            if len(getattr(details, attribute)) > limit:
                self.problem(fields, f"This is longer than {limit} characters. Please shorten it.")
