"""People and activities made straight in the database for the 'find people' tests, with
exactly the facts the rules read (the register's own save would date and tidy them)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import (
    AttendanceRecord,
    Person,
    PersonOption,
    person_chosen_option,
)
from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.activity_record import ActivityDetails
from involve_desktop.domain.find_people import PersonFacts
from involve_desktop.domain.people import ContactMethod, OptionKind, ParticipationLevel, TakingPart
from involve_desktop.domain.person_record import Consent
from involve_desktop.domain.search_words import sort_key
from involve_desktop.services.activities import save_activity

TODAY = date(2026, 11, 26)
CONTACTABLE = Consent(
    given_on=TODAY - timedelta(days=200), to_contact=True, review_on=TODAY + timedelta(days=300)
)


def facts(
    level: ParticipationLevel = ParticipationLevel.CONTRIBUTING,
    *interests: str,
    taking_part: TakingPart = TakingPart.TAKING_PART,
    consent: Consent = CONTACTABLE,
    archived: bool = False,
    last_involved_on: date | None = None,
) -> PersonFacts:
    return PersonFacts(
        taking_part, level, consent, frozenset(interests), archived, last_involved_on
    )


def add_person(
    session: Session,
    person: PersonFacts,
    first_name: str,
    last_name: str = "",
    *,
    email: str = "",
    address: str = "",
    contact_method: ContactMethod | None = None,
    preferred_name: str = "",
) -> int:
    """A person with these facts; their interests are found (or added) by name."""
    row = Person(
        first_name=first_name,
        last_name=last_name,
        preferred_name=preferred_name,
        sort_key=sort_key(first_name, last_name),
        email=email,
        address=address,
        contact_method=contact_method.value if contact_method else "",
        participation_level=person.level.value,
        taking_part=person.taking_part.value,
        consent_given_on=person.consent.given_on,
        consent_to_contact=person.consent.to_contact,
        consent_review_on=person.consent.review_on,
        consent_withdrawn_on=person.consent.withdrawn_on,
        archived=person.archived,
        last_involved_on=person.last_involved_on,
        joined_on=TODAY - timedelta(days=1000),
    )
    session.add(row)
    session.flush()
    for name in person.interests:
        session.execute(
            insert(person_chosen_option).values(
                person_id=row.id, option_id=interest_id(session, name)
            )
        )
    return row.id


def interest_id(session: Session, name: str) -> int:
    found = session.scalar(
        select(PersonOption.id).where(
            PersonOption.kind == OptionKind.INTEREST.value, PersonOption.name == name
        )
    )
    if found is None:
        option = PersonOption(kind=OptionKind.INTEREST.value, name=name)
        session.add(option)
        session.flush()
        found = option.id
    return found


def add_activity(
    session: Session, area: str = "Research", power: PowerShared = PowerShared.CONSULT
) -> int:
    details = ActivityDetails(
        title=f"{area or 'Open'} group", purpose="To hear views", held_on=TODAY, area=area,
        power_shared=power,
    )  # fmt: skip
    return save_activity(session, None, details)


def clear_people(session: Session) -> None:
    for statement in (
        delete(AttendanceRecord),
        delete(person_chosen_option),
        delete(Person),
    ):
        session.execute(statement)
