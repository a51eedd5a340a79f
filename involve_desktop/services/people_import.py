"""Importing people from a spreadsheet: a preview that explains every problem, then one save.

`preview_import` reads each row through the chosen mapping into a `PersonDetails`, or into
plain-English problems that name the row and column as the user sees them; rows that look
like someone already in the register (or an earlier row) are set apart. Nothing is written
until `import_people`, which adds the chosen rows in one transaction, so a failure part-way
saves nothing. The rows it writes are the ones `save_person` writes for each person; it is
a separate path only because 5,000 one-by-one saves (a flush each) would take minutes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import LevelChange, Person, PersonOption, person_chosen_option
from involve_desktop.domain.import_columns import ImportField, mapping_problems
from involve_desktop.domain.people import OptionKind
from involve_desktop.domain.person_record import PersonDetails, display_name, validate_person
from involve_desktop.domain.search_words import fold
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people import copy_into, option_ids, refresh_search_words
from involve_desktop.services.people_duplicates import SAME_EMAIL, SAME_PHONE, phone_key
from involve_desktop.services.people_import_rows import ReadyPerson, RowReader
from involve_desktop.services.permissions import Actor
from involve_desktop.services.spreadsheet_files import Sheet

log = logging.getLogger(__name__)

SAME_NAME_AND_BIRTH = "same name and date of birth"
BATCH = 500  # ids per IN (...) list, well under SQLite's limit on bound values


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be imported, with one message per thing that is wrong."""

    row_number: int
    messages: tuple[str, ...]


@dataclass(frozen=True)
class PossibleDuplicate:
    """A row that reads well but may be someone already known; `reason` says who and why."""

    person: ReadyPerson
    reason: str


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do. Plain data: the UI shows it, then hands it back to import."""

    file_name: str
    ready: tuple[ReadyPerson, ...]
    possible_duplicates: tuple[PossibleDuplicate, ...]
    problems: tuple[RowProblem, ...]
    empty_rows: int = 0
    notes: tuple[str, ...] = ()
    new_roles: tuple[str, ...] = ()
    new_interests: tuple[str, ...] = ()

    @property
    def row_count(self) -> int:
        return len(self.ready) + len(self.possible_duplicates) + len(self.problems)

    def to_import(self, include_possible_duplicates: bool) -> list[ReadyPerson]:
        """The people an import adds, in the order of the spreadsheet."""
        chosen = list(self.ready)
        if include_possible_duplicates:
            chosen += [duplicate.person for duplicate in self.possible_duplicates]
        return sorted(chosen, key=lambda person: person.row_number)


@dataclass(frozen=True)
class ImportSummary:
    added: int
    skipped: int  # rows with problems, and possible duplicates that were left out


class MappingNotReady(KnownError):
    """The columns are not yet matched to fields in a way that can be imported."""


def preview_import(
    session: Session, sheet: Sheet, mapping: list[ImportField], *, today: date | None = None
) -> ImportPreview:
    """Every row read and checked against the register; nothing is written."""
    today = today or date.today()
    problems = mapping_problems(mapping, sheet.column_names)
    if problems:
        raise MappingNotReady(" ".join(problems))
    reader = RowReader(sheet.column_names, mapping, today)
    register = _KnownPeople.from_register(session)
    in_file = _KnownPeople()
    ready: list[ReadyPerson] = []
    duplicates: list[PossibleDuplicate] = []
    row_problems: list[RowProblem] = []
    for row in sheet.rows:
        outcome = reader.read(row)
        if not isinstance(outcome, ReadyPerson):
            row_problems.append(RowProblem(row.number, tuple(outcome)))
            continue
        keys = _identity_of(outcome.details)
        reason = _duplicate_reason(outcome, keys, register, in_file)
        in_file.add(keys, f"row {row.number}")
        if reason:
            duplicates.append(PossibleDuplicate(outcome, reason))
        else:
            ready.append(outcome)
    every = [*ready, *(duplicate.person for duplicate in duplicates)]
    log.info(
        "Previewed an import: %d ready, %d possible duplicates, %d with problems",
        len(ready),
        len(duplicates),
        len(row_problems),
    )
    return ImportPreview(
        file_name=sheet.file_name,
        ready=tuple(ready),
        possible_duplicates=tuple(duplicates),
        problems=tuple(row_problems),
        empty_rows=sheet.empty_rows,
        notes=sheet.notes,
        new_roles=_new_options(session, OptionKind.ROLE, (p.details.roles for p in every)),
        new_interests=_new_options(
            session, OptionKind.INTEREST, (p.details.interests for p in every)
        ),
    )


def import_people(
    session: Session,
    actor: Actor | None,
    preview: ImportPreview,
    *,
    include_possible_duplicates: bool = False,
    today: date | None = None,
) -> ImportSummary:
    """Add the previewed people in the caller's transaction: all of them, or (on error) none."""
    today = today or date.today()
    chosen = preview.to_import(include_possible_duplicates)
    for item in chosen:
        # The preview was checked, but perhaps yesterday: the date rules move with today.
        errors = validate_person(item.details, today)
        if errors:
            raise ValidationFailed(errors)
    now = datetime.now()
    people = [_new_person(item, today, now) for item in chosen]
    session.add_all(people)
    session.flush()
    ids = [person.id for person in people]
    staff_id = actor.staff_id if actor else None
    if people:
        session.execute(
            insert(LevelChange),
            [
                {
                    "person_id": person.id,
                    "changed_on": today,
                    "from_level": "",
                    "to_level": person.participation_level,
                    "staff_id": staff_id,
                }
                for person in people
            ],
        )
    links = _option_links(session, ids, [item.details for item in chosen])
    for start in range(0, len(links), BATCH * 4):
        session.execute(insert(person_chosen_option), links[start : start + BATCH * 4])
    for start in range(0, len(ids), BATCH):
        refresh_search_words(session, ids[start : start + BATCH])
    audit.record(session, actor, AuditAction.IMPORTED_PEOPLE, f"{len(ids):,} people")
    summary = ImportSummary(added=len(ids), skipped=preview.row_count - len(ids))
    log.info("Imported %d people; %d rows left out", summary.added, summary.skipped)
    return summary


def _new_person(item: ReadyPerson, today: date, now: datetime) -> Person:
    # As `save_person` does for someone new: joined today unless a date was given, and
    # taking part (or not) since today.
    details = replace(item.details, taking_part_since=item.details.taking_part_since or today)
    person = Person(joined_on=details.joined_on or today)
    copy_into(person, details)
    person.last_involved_on = item.last_involved_on
    person.involved_before_records_on = item.last_involved_on
    person.updated_at = now
    return person


def _option_links(
    session: Session, person_ids: list[int], details: list[PersonDetails]
) -> list[dict[str, int]]:
    """Rows linking each person to their roles and interests, adding names new to the lists."""
    links: list[dict[str, int]] = []
    for kind, chosen in (
        (OptionKind.ROLE, [person.roles for person in details]),
        (OptionKind.INTEREST, [person.interests for person in details]),
    ):
        # One spelling per folded name, the first seen ('Carer' before 'carer'): `option_ids`
        # answers one (id, stored name) for each, in the order given.
        spellings: dict[str, str] = {}
        for names in chosen:
            for name in names:
                spellings.setdefault(name.casefold(), name)
        found = option_ids(session, kind, list(spellings.values()))
        id_of = {key: option_id for key, (option_id, _name) in zip(spellings, found, strict=True)}
        for person_id, person_names in zip(person_ids, chosen, strict=True):
            for option_id in dict.fromkeys(id_of[name.casefold()] for name in person_names):
                links.append({"person_id": person_id, "option_id": option_id})
    return links


def _new_options(
    session: Session, kind: OptionKind, chosen: Iterator[tuple[str, ...]]
) -> tuple[str, ...]:
    """Roles or interests in the file that the charity's list does not have yet."""
    known = {
        name.casefold()
        for name in session.scalars(select(PersonOption.name).where(PersonOption.kind == kind))
    }
    new: dict[str, str] = {}
    for names in chosen:
        for name in names:
            if name.casefold() not in known:
                new.setdefault(name.casefold(), name)
    return tuple(sorted(new.values(), key=str.casefold))


class _KnownPeople:
    """Who is already known, by folded name with date of birth, by email and by phone."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, object], str] = {}  # (what, key) → who

    @classmethod
    def from_register(cls, session: Session) -> _KnownPeople:
        known = cls()
        details = ("first_name", "last_name", "preferred_name", "date_of_birth", "email", "phone")
        for row in session.execute(select(*(getattr(Person, column) for column in details))):
            name = display_name(row.first_name, row.last_name, row.preferred_name)
            keys = _identity(row.first_name, row.last_name, row.date_of_birth, row.email, row.phone)
            known.add(keys, name)
        return known

    def add(self, keys: list[tuple[str, object]], who: str) -> None:
        for key in keys:
            self.found.setdefault(key, who)

    def match(self, keys: list[tuple[str, object]]) -> tuple[str, str] | None:
        """(who, what they share) for the first detail in common, or None."""
        for key in keys:
            if key in self.found:
                return self.found[key], key[0]
        return None


def _identity(
    first: str, last: str, birth: date | None, email: str, phone: str
) -> list[tuple[str, object]]:
    """The details that, shared, suggest the same person: (what is shared, its folded value)."""
    keys: list[tuple[str, object]] = []
    if birth is not None:
        keys.append((SAME_NAME_AND_BIRTH, (fold(first).strip(), fold(last).strip(), birth)))
    if email.strip():
        keys.append((SAME_EMAIL, email.strip().casefold()))
    if phone_key(phone):
        keys.append((SAME_PHONE, phone_key(phone)))
    return keys


def _identity_of(details: PersonDetails) -> list[tuple[str, object]]:
    return _identity(
        details.first_name, details.last_name, details.date_of_birth, details.email, details.phone
    )


def _duplicate_reason(
    person: ReadyPerson,
    keys: list[tuple[str, object]],
    register: _KnownPeople,
    in_file: _KnownPeople,
) -> str | None:
    in_register = register.match(keys)
    if in_register is not None:
        who, what = in_register
        return f"Row {person.row_number} may already be in the register: {who} has the {what}."
    earlier = in_file.match(keys)
    if earlier is not None:
        who, what = earlier
        return f"Row {person.row_number} may be the same person as {who} ({what})."
    return None
