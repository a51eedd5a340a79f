"""Contact lists for the people chosen for an activity: their email addresses to paste into
an email, a CSV to mail-merge or phone round, and a sheet of address labels for those who
prefer post.

Everyone is checked again as the addresses are copied or the file is written, because a
record can change while the list is open: a person whose consent has been withdrawn or has
lapsed, who is no longer taking part, or who has been archived is left out. Each file is
written safely (`export_files.save_atomically`); each list given out is recorded in the audit
trail, saying what was made and for how many, never who.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Person
from involve_desktop.domain.find_people import address_lines, name_on_post, wants_a_label
from involve_desktop.domain.people import ContactMethod, TakingPart
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.export_files import ExportProblem, save_atomically, write_csv
from involve_desktop.services.find_people import CONTACT_COLUMNS, may_be_contacted
from involve_desktop.services.permissions import Actor

log = logging.getLogger(__name__)

ADDRESS_COLUMNS = 5  # address lines beyond the fifth are joined onto it
CSV_HEADER = (
    "Name",
    "Preferred name",
    "Email",
    "Phone",
    "How they like to be contacted",
    *(f"Address line {number}" for number in range(1, ADDRESS_COLUMNS + 1)),
)
BATCH = 500  # ids per IN (...), well under SQLite's limit on bound values


@dataclass(frozen=True)
class Contact:
    id: int
    name: str  # first and last name, as recorded
    preferred_name: str
    name_on_post: str  # the name they go by, then their surname
    email: str
    phone: str
    contact_method: ContactMethod | None
    address_lines: tuple[str, ...]


def contactable(session: Session, person_ids: list[int], *, today: date) -> list[Contact]:
    """The people among `person_ids` who may be contacted today, in the order given."""
    found: dict[int, Contact] = {}
    wanted = list(dict.fromkeys(person_ids))
    for start in range(0, len(wanted), BATCH):
        rows = session.execute(
            select(*CONTACT_COLUMNS).where(
                Person.id.in_(wanted[start : start + BATCH]),
                Person.archived.is_(False),
                Person.taking_part == TakingPart.TAKING_PART.value,
                may_be_contacted(today),
            )
        )
        for row in rows:
            found[row.id] = Contact(
                id=row.id,
                name=" ".join(part for part in (row.first_name, row.last_name) if part),
                preferred_name=row.preferred_name,
                name_on_post=name_on_post(row.first_name, row.last_name, row.preferred_name),
                email=row.email,
                phone=row.phone,
                contact_method=ContactMethod(row.contact_method) if row.contact_method else None,
                address_lines=tuple(address_lines(row.address)),
            )
    return [found[person_id] for person_id in wanted if person_id in found]


def contactable_emails(
    session: Session,
    actor: Actor | None,
    person_ids: list[int],
    *,
    today: date | None = None,
) -> tuple[list[str], int]:
    """The email addresses of the chosen people who may still be contacted, in the order
    given, and how many of those have no email address recorded."""
    people = contactable(session, person_ids, today=today or date.today())
    emails = [person.email for person in people if person.email]
    if emails:
        _audit(session, actor, f"email addresses of {_people(len(emails))}")
    return emails, len(people) - len(emails)


def contact_list_csv(
    session: Session,
    actor: Actor | None,
    person_ids: list[int],
    path: Path,
    *,
    today: date | None = None,
) -> int:
    """Write the chosen people's contact details to a CSV at `path`; return how many."""
    people = contactable(session, person_ids, today=today or date.today())
    rows = [_csv_row(person) for person in people]
    save_atomically(path, lambda temporary: write_csv(temporary, CSV_HEADER, rows))
    _audit(session, actor, f"contact list of {_people(len(people))}")
    return len(people)


@dataclass(frozen=True)
class LabelsToPrint:
    """The address labels for a sheet (each a name, then the address's lines), in the order
    the people were found; exports/address_labels.py prints them."""

    labels: tuple[tuple[str, ...], ...]

    @property
    def people(self) -> int:
        return len(self.labels)


def address_labels(
    session: Session,
    person_ids: list[int],
    *,
    today: date | None = None,
    prefer_post_only: bool = True,
) -> LabelsToPrint:
    """The labels for the chosen people who prefer post and have an address (with
    `prefer_post_only` False: everyone chosen who has an address). Raises `ExportProblem`
    when there are none."""
    people = [
        person
        for person in contactable(session, person_ids, today=today or date.today())
        if wants_a_label(person.contact_method, "\n".join(person.address_lines), prefer_post_only)
    ]
    if not people:
        raise ExportProblem(
            "None of the people chosen prefer post and have an address recorded, so there are "
            "no labels to print."
        )
    return LabelsToPrint(tuple((person.name_on_post, *person.address_lines) for person in people))


def note_labels_given_out(session: Session, actor: Actor | None, chosen: LabelsToPrint) -> None:
    """Record a sheet of labels given out (for how many, never who)."""
    _audit(session, actor, f"address labels for {_people(chosen.people)}")


def _csv_row(person: Contact) -> list[str]:
    lines = list(person.address_lines)
    if len(lines) > ADDRESS_COLUMNS:
        lines[ADDRESS_COLUMNS - 1 :] = [", ".join(lines[ADDRESS_COLUMNS - 1 :])]
    lines += [""] * (ADDRESS_COLUMNS - len(lines))
    method = person.contact_method.label if person.contact_method else ""
    return [person.name, person.preferred_name, person.email, person.phone, method, *lines]


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count:,} people"


def _audit(session: Session, actor: Actor | None, what: str) -> None:
    """One entry for a list given out: what it was and for how many, never who."""
    audit.record(session, actor, AuditAction.EXPORTED_PEOPLE_LIST, what)
    log.info("Gave out the %s", what)
