"""The people register: read and save a whole person, and the charity's lists of roles and
interests. Listing and searching live in `people_list.py`; archive, delete and merge in
`people_lifecycle.py`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import (
    LevelChange,
    Person,
    PersonBarrier,
    PersonOption,
    PersonSearchWords,
    TrainingRecord,
    person_chosen_option,
)
from involve_desktop.domain.people import (
    Barrier,
    BenefitsAffected,
    ConsentRecorded,
    ContactMethod,
    EmploymentStatus,
    OptionKind,
    ParticipationLevel,
    PaymentMethod,
    TakingPart,
)
from involve_desktop.domain.person_record import (
    Consent,
    PersonDetails,
    SensitiveDetails,
    TrainingEntry,
    line,
    lines,
    validate_person,
)
from involve_desktop.domain.roles import Permission
from involve_desktop.domain.search_words import searchable_text, sort_key
from involve_desktop.errors import LIST_REFRESHED, KnownError, ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.permissions import Actor, require

PERSON = "person"
Choice = TypeVar("Choice", bound=StrEnum)
MAX_OPTION_NAME = 80


class PersonNotFound(KnownError):
    """The record was deleted or merged (perhaps in another window) since the list was shown."""

    def __init__(self) -> None:
        super().__init__(
            "This person's record is no longer in the register.", on_screen=LIST_REFRESHED
        )


def count_people(session: Session, *, include_archived: bool = False) -> int:
    query = select(func.count()).select_from(Person)
    if not include_archived:
        query = query.where(Person.archived.is_(False))
    return session.scalar(query) or 0


def load_person(session: Session, person_id: int) -> PersonDetails:
    """Everything but the sensitive sections, which `open_sensitive` gives on request."""
    person = _get(session, person_id)
    return PersonDetails(
        first_name=person.first_name,
        last_name=person.last_name,
        preferred_name=person.preferred_name,
        pronouns=person.pronouns,
        date_of_birth=person.date_of_birth,
        email=person.email,
        phone=person.phone,
        address=person.address,
        contact_method=_choice(ContactMethod, person.contact_method),
        best_times=person.best_times,
        roles=tuple(_chosen(session, person_id, OptionKind.ROLE)),
        interests=tuple(_chosen(session, person_id, OptionKind.INTEREST)),
        participation_level=ParticipationLevel(person.participation_level),
        taking_part=TakingPart(person.taking_part),
        taking_part_since=person.taking_part_since,
        taking_part_reason=person.taking_part_reason,
        barriers=frozenset(
            Barrier(value)
            for value in session.scalars(
                select(PersonBarrier.barrier).where(PersonBarrier.person_id == person_id)
            )
        ),
        other_barrier=person.other_barrier,
        consent=Consent(
            given_on=person.consent_given_on,
            to_contact=person.consent_to_contact,
            to_keep_support_needs=person.consent_to_keep_support_needs,
            to_photos=person.consent_to_photos,
            to_quotes=person.consent_to_quotes,
            recorded_how=_choice(ConsentRecorded, person.consent_recorded_how),
            review_on=person.consent_review_on,
            withdrawn_on=person.consent_withdrawn_on,
        ),
        payment_method=_choice(PaymentMethod, person.payment_method),
        employment_status=_choice(EmploymentStatus, person.employment_status),
        training=tuple(
            TrainingEntry(row.title, row.completed_on, row.notes)
            for row in session.scalars(
                select(TrainingRecord)
                .where(TrainingRecord.person_id == person_id)
                .order_by(TrainingRecord.completed_on, TrainingRecord.id)
            )
        ),
        notes=person.notes,
        joined_on=person.joined_on,
    )


def open_sensitive(session: Session, actor: Actor, person_id: int) -> SensitiveDetails:
    """Support needs, health and benefits: allowed by role, and every opening is audited."""
    require(actor, Permission.SEE_SENSITIVE)
    person = _get(session, person_id)
    audit.record(session, actor, AuditAction.OPENED_SENSITIVE, PERSON, person_id)
    return SensitiveDetails(
        support_needs=person.support_needs,
        health_notes=person.health_notes,
        benefits_affected=_choice(BenefitsAffected, person.benefits_affected),
    )


def save_person(
    session: Session,
    actor: Actor | None,
    details: PersonDetails,
    person_id: int | None = None,
    *,
    today: date | None = None,
) -> int:
    """Add a person (no id) or save changes to one; return their id.

    A change of participation level is written to their history; a change of taking-part
    status without a date is dated today. Raises `ValidationFailed` with field messages.
    """
    today = today or date.today()
    errors = validate_person(details, today)
    if errors:
        raise ValidationFailed(errors)
    if details.sensitive is not None and actor is not None:
        require(actor, Permission.SEE_SENSITIVE)
    if person_id is None:
        person = Person(joined_on=details.joined_on or today)
        session.add(person)
        previous_level, previous_status = "", None
    else:
        person = _get(session, person_id)
        previous_level, previous_status = person.participation_level, person.taking_part
    details = _dated_status(details, previous_status, today)
    copy_into(person, details)
    person.updated_at = datetime.now()
    session.flush()
    if details.participation_level.value != previous_level:
        session.add(
            LevelChange(
                person_id=person.id,
                changed_on=today,
                from_level=previous_level,
                to_level=details.participation_level.value,
                staff_id=actor.staff_id if actor else None,
            )
        )
    _replace_links(session, person.id, details)
    audit.record(session, actor, AuditAction.CHANGED_PERSON, PERSON, person.id)
    return person.id


def level_history(session: Session, person_id: int) -> list[tuple[date, str, str]]:
    """(date, from level, to level), oldest first; '' as 'from' marks when they were added."""
    rows = session.execute(
        select(LevelChange.changed_on, LevelChange.from_level, LevelChange.to_level)
        .where(LevelChange.person_id == person_id)
        .order_by(LevelChange.changed_on, LevelChange.id)
    )
    return [(row.changed_on, row.from_level, row.to_level) for row in rows]


def refresh_search_words(session: Session, person_ids: list[int]) -> None:
    """Rebuild the words these people are found by (after a save, import or merge)."""
    if not person_ids:
        return
    names = {
        row.id: [row.first_name, row.last_name, row.preferred_name]
        for row in session.execute(
            select(Person.id, Person.first_name, Person.last_name, Person.preferred_name).where(
                Person.id.in_(person_ids)
            )
        )
    }
    for person_id, option_name in session.execute(
        select(person_chosen_option.c.person_id, PersonOption.name)
        .join(PersonOption, PersonOption.id == person_chosen_option.c.option_id)
        .where(person_chosen_option.c.person_id.in_(person_ids))
    ):
        names[person_id].append(option_name)
    session.execute(delete(PersonSearchWords).where(PersonSearchWords.person_id.in_(person_ids)))
    if names:
        session.execute(
            insert(PersonSearchWords),
            [{"person_id": pid, "words": searchable_text(parts)} for pid, parts in names.items()],
        )


def _get(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise PersonNotFound()
    return person


def _choice(kind: type[Choice], value: str) -> Choice | None:
    return kind(value) if value else None


def _chosen(session: Session, person_id: int, kind: OptionKind) -> list[str]:
    return list(
        session.scalars(
            select(PersonOption.name)
            .join(person_chosen_option, PersonOption.id == person_chosen_option.c.option_id)
            .where(person_chosen_option.c.person_id == person_id, PersonOption.kind == kind.value)
            .order_by(func.lower(PersonOption.name))
        )
    )


def _dated_status(details: PersonDetails, previous: str | None, today: date) -> PersonDetails:
    if details.taking_part.value != previous and details.taking_part_since is None:
        return replace(details, taking_part_since=today)
    return details


def copy_into(person: Person, details: PersonDetails) -> None:
    """Set a person's row from their details (saving one person, or importing many)."""
    person.first_name = line(details.first_name)
    person.last_name = line(details.last_name)
    person.preferred_name = line(details.preferred_name)
    person.sort_key = sort_key(person.first_name, person.last_name)
    person.pronouns = line(details.pronouns)
    person.date_of_birth = details.date_of_birth
    person.email = line(details.email)
    person.phone = line(details.phone)
    person.address = lines(details.address)
    person.contact_method = details.contact_method.value if details.contact_method else ""
    person.best_times = line(details.best_times)
    person.participation_level = details.participation_level.value
    person.taking_part = details.taking_part.value
    person.taking_part_since = details.taking_part_since
    person.taking_part_reason = lines(details.taking_part_reason)
    person.other_barrier = line(details.other_barrier) if Barrier.OTHER in details.barriers else ""
    consent = details.consent
    person.consent_given_on = consent.given_on
    person.consent_to_contact = consent.to_contact
    person.consent_to_keep_support_needs = consent.to_keep_support_needs
    person.consent_to_photos = consent.to_photos
    person.consent_to_quotes = consent.to_quotes
    person.consent_recorded_how = consent.recorded_how.value if consent.recorded_how else ""
    person.consent_review_on = consent.review_on
    person.consent_withdrawn_on = consent.withdrawn_on
    person.payment_method = details.payment_method.value if details.payment_method else ""
    person.employment_status = details.employment_status.value if details.employment_status else ""
    person.notes = lines(details.notes)
    if details.joined_on is not None:
        person.joined_on = details.joined_on
    if details.sensitive is not None:
        sensitive = details.sensitive
        person.support_needs = lines(sensitive.support_needs)
        person.health_notes = lines(sensitive.health_notes)
        person.benefits_affected = (
            sensitive.benefits_affected.value if sensitive.benefits_affected else ""
        )


def _replace_links(session: Session, person_id: int, details: PersonDetails) -> None:
    session.execute(
        delete(person_chosen_option).where(person_chosen_option.c.person_id == person_id)
    )
    chosen = option_ids(session, OptionKind.ROLE, details.roles) + option_ids(
        session, OptionKind.INTEREST, details.interests
    )
    if chosen:
        session.execute(
            insert(person_chosen_option),
            [{"person_id": person_id, "option_id": option_id} for option_id, _ in chosen],
        )
    session.execute(delete(PersonBarrier).where(PersonBarrier.person_id == person_id))
    if details.barriers:
        session.execute(
            insert(PersonBarrier),
            [{"person_id": person_id, "barrier": b.value} for b in sorted(details.barriers)],
        )
    session.execute(delete(TrainingRecord).where(TrainingRecord.person_id == person_id))
    if details.training:
        session.execute(
            insert(TrainingRecord),
            [
                {
                    "person_id": person_id,
                    "title": line(entry.title),
                    "completed_on": entry.completed_on,
                    "notes": lines(entry.notes),
                }
                for entry in details.training
            ],
        )
    refresh_search_words(session, [person_id])


def option_ids(
    session: Session, kind: OptionKind, names: tuple[str, ...] | list[str]
) -> list[tuple[int, str]]:
    """(id, name as stored) for each name, adding names the list does not have yet.

    Names match without regard to case, so 'carer' from a spreadsheet is the list's 'Carer'.
    """
    existing = {
        name.casefold(): (option_id, name)
        for option_id, name in session.execute(
            select(PersonOption.id, PersonOption.name).where(PersonOption.kind == kind.value)
        )
    }
    found: dict[str, tuple[int, str]] = {}
    for name in names:
        cleaned = line(" ".join(name.split()))[:MAX_OPTION_NAME].strip()
        key = cleaned.casefold()
        if not cleaned or key in found:
            continue
        if key not in existing:
            option = PersonOption(kind=kind.value, name=cleaned)
            session.add(option)
            session.flush()
            existing[key] = (option.id, option.name)
        found[key] = existing[key]
    return list(found.values())
