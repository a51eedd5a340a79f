"""Everything we hold about one person, for a subject access request: every field of their
record (the sensitive sections included) and every record linked to them, with the date it
was produced.

Nothing is picked by hand that could go stale. The person's fields are every column of the
`person` table, labelled here where a label is known and by the column's own name
otherwise, so a column added later still prints. The linked records are read through
`people_lifecycle.PERSON_LINKS`, the list delete and merge use: a table added there later
prints as a plain table of its rows until it is given a section of its own
(`report_person_links.py`). The tests compare both against `personal_columns()`.

Plain frozen data (every value already in words) for `exports/person_record_pdf.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Person, PersonSearchWords
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.people import (
    BenefitsAffected,
    ConsentRecorded,
    ContactMethod,
    EmploymentStatus,
    ParticipationLevel,
    PaymentMethod,
    TakingPart,
)
from involve_desktop.domain.person_record import display_name
from involve_desktop.domain.roles import Permission
from involve_desktop.domain.terms import DEFAULT_TERMS, PeopleTerms
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.people import PERSON, PersonNotFound
from involve_desktop.services.permissions import Actor, require

NOT_RECORDED = "Not recorded"
WHAT_IT_IS = (
    "This is everything {organisation} holds about {name} on {day}: every detail of their "
    "record, the sensitive sections included, and every record linked to them. It was made "
    "in answer to a request to see it (a subject access request)."
)

ABOUT = "About them"
CONTACT = "How to contact them"
TAKING_PART = "Taking part"
SENSITIVE = "Support, access, health and benefits (sensitive)"
CONSENT = "Consent"
PAYMENT = "Payment"
KEEPING = "Notes and record keeping"
OTHER = "Other details"
GROUP_ORDER = (ABOUT, CONTACT, TAKING_PART, SENSITIVE, CONSENT, PAYMENT, KEEPING, OTHER)

# Column -> (section, label, the choice its stored value is one of). Columns not named here
# print under OTHER by their own name, so a column added later is never left out.
PERSON_FIELDS: dict[str, tuple[str, str, type[StrEnum] | None]] = {
    "id": (KEEPING, "Record number", None),
    "first_name": (ABOUT, "First name", None),
    "last_name": (ABOUT, "Last name", None),
    "preferred_name": (ABOUT, "Name they prefer", None),
    "pronouns": (ABOUT, "Pronouns", None),
    "date_of_birth": (ABOUT, "Date of birth", None),
    "email": (CONTACT, "Email", None),
    "phone": (CONTACT, "Phone", None),
    "address": (CONTACT, "Address", None),
    "contact_method": (CONTACT, "Best way to contact them", ContactMethod),
    "best_times": (CONTACT, "Best times", None),
    "participation_level": (TAKING_PART, "Participation level", ParticipationLevel),
    "taking_part": (TAKING_PART, "Taking part now", TakingPart),
    "taking_part_since": (TAKING_PART, "Since", None),
    "taking_part_reason": (TAKING_PART, "Reason given", None),
    "other_barrier": (TAKING_PART, "Another barrier, in their words", None),
    "joined_on": (TAKING_PART, "Joined", None),
    "last_involved_on": (TAKING_PART, "Last involved", None),
    "involved_before_records_on": (TAKING_PART, "Last involved before these records", None),
    "support_needs": (SENSITIVE, "Support and access needs", None),
    "health_notes": (SENSITIVE, "Health", None),
    "benefits_affected": (SENSITIVE, "Payments may affect their benefits", BenefitsAffected),
    "consent_given_on": (CONSENT, "Consent given on", None),
    "consent_to_contact": (CONSENT, "To be contacted", None),
    "consent_to_keep_support_needs": (CONSENT, "To keep their support needs", None),
    "consent_to_photos": (CONSENT, "To photographs", None),
    "consent_to_quotes": (CONSENT, "To their words being quoted", None),
    "consent_recorded_how": (CONSENT, "How consent was recorded", ConsentRecorded),
    "consent_review_on": (CONSENT, "Consent to be reviewed on", None),
    "consent_withdrawn_on": (CONSENT, "Consent withdrawn on", None),
    "payment_method": (PAYMENT, "How they like to be paid", PaymentMethod),
    "employment_status": (PAYMENT, "Employment", EmploymentStatus),
    "notes": (KEEPING, "Notes", None),
    "sort_key": (KEEPING, "Name as sorted in lists", None),
    "archived": (KEEPING, "Archived", None),
    "anonymised_on": (KEEPING, "Anonymised on", None),
    "created_at": (KEEPING, "Record made", None),
    "updated_at": (KEEPING, "Record last changed", None),
}
SEARCH_WORDS_LABEL = "Words the record is found by"


class Pence(int):
    """An amount of money in pence, marked so the data files give it as a number and in
    pounds (`services/subject_access.py`)."""


@dataclass(frozen=True)
class Step:
    """A step a claim went through, for the data files: when, and who took it ("" if no one
    is recorded)."""

    when: date | datetime
    by: str


@dataclass(frozen=True)
class Field:
    label: str
    value: str  # in words: dates written out, choices by their label, NOT_RECORDED if empty
    column: str  # the column it came from, so tests can check none is missing
    # The same detail as kept, for the data files: a date, Pence, a Step, True or False,
    # a number or text as stored; None when nothing is recorded.
    stored: object = None


@dataclass(frozen=True)
class FieldGroup:
    heading: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class RecordTable:
    """Linked records of one kind: a table with a heading, or `empty` when there are none."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str
    note: str = ""
    # The same rows for the data files, where a cell is more than its words: dates as
    # dates, money as Pence, nothing recorded as None. Empty when the words are all.
    stored: tuple[tuple[object, ...], ...] = ()

    @property
    def data_rows(self) -> tuple[tuple[object, ...], ...]:
        return self.stored or self.rows


@dataclass(frozen=True)
class ClaimEntry:
    """One claim: its details, its lines and the receipts kept with them."""

    heading: str  # "Claim 12 · paid"
    fields: tuple[Field, ...]
    lines: RecordTable
    receipts: RecordTable
    claim_id: int
    receipt_ids: tuple[int, ...]  # in the order of the receipts' rows


@dataclass(frozen=True)
class PersonRecordReport:
    organisation: str
    terms: PeopleTerms
    person_id: int
    name: str
    produced_on: date
    what_it_is: str
    groups: tuple[FieldGroup, ...]
    linked: tuple[RecordTable, ...]  # roles, interests, barriers, history, activities…
    claims: tuple[ClaimEntry, ...]
    claims_empty: str
    audit: RecordTable

    @property
    def title(self) -> str:
        return f"Everything we hold about {self.name}"


def person_record(
    session: Session, actor: Actor | None, person_id: int, today: date
) -> PersonRecordReport:
    """Everything held about the person, as on `today`. The sensitive sections are included,
    so the actor must be allowed to see them."""
    # Imported here: the linked-records modules import this one's data shapes.
    from involve_desktop.services.report_person_claims import claims_of
    from involve_desktop.services.report_person_feedback import feedback_naming
    from involve_desktop.services.report_person_links import audit_about, linked

    if actor is not None:
        require(actor, Permission.SEE_SENSITIVE)
    person = session.get(Person, person_id)
    if person is None:
        raise PersonNotFound()
    organisation = load_organisation(session)
    name = display_name(person.first_name, person.last_name, person.preferred_name)
    organisation_name = organisation.name if organisation is not None else "the charity"
    claims, claim_ids, receipt_ids = claims_of(session, person_id)
    return PersonRecordReport(
        organisation=organisation.name if organisation is not None else "",
        terms=organisation.terms if organisation is not None else DEFAULT_TERMS,
        person_id=person_id,
        name=name,
        produced_on=today,
        what_it_is=WHAT_IT_IS.format(
            organisation=organisation_name, name=name, day=long_date(today)
        ),
        groups=person_groups(session, person),
        linked=(*linked(session, person_id), feedback_naming(session, person)),
        claims=claims,
        claims_empty="No claims.",
        audit=audit_about(session, person_id, claim_ids, receipt_ids),
    )


def note_person_exported(session: Session, actor: Actor | None, person_id: int) -> None:
    """Record in the audit trail that everything held about the person was exported."""
    audit.record(session, actor, AuditAction.EXPORTED_PERSON, PERSON, person_id)


def person_groups(session: Session, person: Person) -> tuple[FieldGroup, ...]:
    """Every column of the person's row, grouped and in words; the search words too."""
    grouped: dict[str, list[Field]] = {group: [] for group in GROUP_ORDER}
    for column in Person.__table__.columns:
        section, label, choice = PERSON_FIELDS.get(
            column.name, (OTHER, column.name.replace("_", " ").capitalize(), None)
        )
        value = getattr(person, column.key)
        grouped[section].append(Field(label, in_words(value, choice), column.name, value))
    words = session.scalar(
        select(PersonSearchWords.words).where(PersonSearchWords.person_id == person.id)
    )
    grouped[KEEPING].append(Field(SEARCH_WORDS_LABEL, in_words(words), "words", words))
    return tuple(FieldGroup(group, tuple(fields)) for group, fields in grouped.items() if fields)


def in_words(value: object, choice: type[StrEnum] | None = None) -> str:
    """A stored value as a reader would say it."""
    if value is None or value == "":
        return NOT_RECORDED
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return f"{long_date(value.date())}, {value:%H:%M}"
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, bytes):
        return f"A file of {len(value):,} bytes"
    if choice is not None and isinstance(value, str):
        try:
            return str(getattr(choice(value), "label", value))
        except ValueError:
            return value
    # The sort key keeps names apart with an invisible separator: printed as a space.
    return "".join(" " if ch < " " and ch != "\n" else ch for ch in str(value))
