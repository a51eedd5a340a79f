"""The register's services on a real encrypted database: save, history, sensitive data,
search and filters, archive and delete."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent, LevelChange, Person, PersonSearchWords, Staff
from involve_desktop.domain.people import (
    Barrier,
    BenefitsAffected,
    ConsentRecorded,
    ContactMethod,
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
)
from involve_desktop.domain.roles import Role
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people import (
    PersonNotFound,
    level_history,
    load_person,
    open_sensitive,
    save_person,
)
from involve_desktop.services.people_lifecycle import delete_person, linked_records, set_archived
from involve_desktop.services.people_list import PeopleFilter, SortColumn, matching_ids, rows_for
from involve_desktop.services.permissions import Actor, NotAllowed
from involve_desktop.services.person_lists import add_option, list_options

TODAY = date(2026, 11, 26)

WHOLE_PERSON = PersonDetails(
    first_name="Siân",
    last_name="ap Gwilym",
    preferred_name="Sian",
    pronouns="she/her",
    date_of_birth=date(1984, 3, 9),
    email="sian@example.org",
    phone="07700 900123",
    address="1 Heol y Bont\nAberaeron",
    contact_method=ContactMethod.EMAIL,
    best_times="Weekday mornings",
    roles=("Carer", "Peer mentor"),
    interests=("Research",),
    participation_level=ParticipationLevel.CONTRIBUTING,
    taking_part=TakingPart.NOT_NOW,
    taking_part_since=date(2026, 9, 1),
    taking_part_reason="Caring for her father this autumn",
    barriers=frozenset({Barrier.CARING, Barrier.OTHER}),
    other_barrier="Bus route withdrawn",
    consent=Consent(
        given_on=date(2025, 1, 10),
        to_contact=True,
        to_keep_support_needs=True,
        to_quotes=True,
        recorded_how=ConsentRecorded.SIGNED_FORM,
        review_on=date(2027, 1, 10),
    ),
    payment_method=PaymentMethod.BANK_TRANSFER,
    training=(TrainingEntry("Recruitment panel training", date(2026, 5, 4), "Half day"),),
    notes="Prefers papers by email.",
    joined_on=date(2025, 1, 10),
    sensitive=SensitiveDetails("Step-free access", "Asthma", BenefitsAffected.YES),
)


@pytest.fixture
def actor(database) -> Actor:
    return _staff(database, "Priya Shah", Role.ADMINISTRATOR)


def _staff(database, name: str, role: Role) -> Actor:
    with database.session_scope() as session:
        staff = Staff(name=name, role=role.value)
        session.add(staff)
        session.flush()
        return Actor(staff.id, name, role)


def add(database, actor, details: PersonDetails, today: date = TODAY) -> int:
    with database.session_scope() as session:
        return save_person(session, actor, details, today=today)


def test_a_whole_person_is_saved_and_read_back(database, actor):
    person_id = add(database, actor, WHOLE_PERSON)
    with database.session_scope() as session:
        loaded = load_person(session, person_id)
        assert loaded == replace(WHOLE_PERSON, sensitive=None)
        assert level_history(session, person_id) == [(TODAY, "", "contributing")]
        actions = session.scalars(select(AuditEvent.action)).all()
        assert actions == [AuditAction.CHANGED_PERSON]


def test_a_change_of_level_is_kept_in_the_history(database, actor):
    earlier = replace(WHOLE_PERSON, taking_part_since=None)
    person_id = add(database, actor, earlier, today=date(2026, 1, 1))
    promoted = replace(earlier, participation_level=ParticipationLevel.LEADING)
    with database.session_scope() as session:
        save_person(session, actor, promoted, person_id, today=TODAY)
        save_person(session, actor, replace(promoted, notes="No level change"), person_id)
        assert level_history(session, person_id) == [
            (date(2026, 1, 1), "", "contributing"),
            (TODAY, "contributing", "leading"),
        ]
        staff_ids = session.scalars(select(LevelChange.staff_id)).all()
        assert set(staff_ids) == {actor.staff_id}


def test_a_new_taking_part_status_without_a_date_is_dated_today(database, actor):
    person_id = add(database, actor, WHOLE_PERSON)
    stepping_back = replace(
        WHOLE_PERSON, taking_part=TakingPart.DOES_NOT_WISH, taking_part_since=None
    )
    with database.session_scope() as session:
        save_person(session, actor, stepping_back, person_id, today=TODAY)
        assert load_person(session, person_id).taking_part_since == TODAY


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"first_name": "  "}, "first_name", "first name"),
        ({"email": "sian.example.org"}, "email", "cannot be an email"),
        ({"phone": "12"}, "phone", "at least 6 digits"),
        ({"date_of_birth": date(2027, 1, 1)}, "date_of_birth", "future"),
        (
            {"consent": Consent(given_on=date(2026, 1, 1), review_on=date(2025, 1, 1))},
            "consent_review_on",
            "after the date consent was given",
        ),
        (
            {"consent": Consent(given_on=date(2026, 1, 1), withdrawn_on=date(2025, 12, 1))},
            "consent_withdrawn_on",
            "before it was given",
        ),
        ({"training": (TrainingEntry(""),)}, "training", "needs a title"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(
    database, actor, change, field, words
):
    with database.session_scope() as session, pytest.raises(ValidationFailed) as refused:
        save_person(session, actor, replace(WHOLE_PERSON, **change), today=TODAY)
    assert words in refused.value.errors[field]
    with database.session_scope() as session:
        assert session.scalar(select(Person.id)) is None


def test_sensitive_details_are_opened_on_request_and_each_opening_is_audited(database, actor):
    person_id = add(database, actor, WHOLE_PERSON)
    with database.session_scope() as session:
        assert open_sensitive(session, actor, person_id) == WHOLE_PERSON.sensitive
        # Saved without opening them, they are kept as they were.
        save_person(session, actor, replace(WHOLE_PERSON, sensitive=None), person_id)
        assert open_sensitive(session, actor, person_id) == WHOLE_PERSON.sensitive
        opened = session.scalars(
            select(AuditEvent.subject_id).where(AuditEvent.action == AuditAction.OPENED_SENSITIVE)
        ).all()
        assert opened == [person_id, person_id]


def test_roles_and_interests_extend_the_charitys_lists_without_duplicates(database, actor):
    add(database, actor, replace(WHOLE_PERSON, roles=("carer", "Young ambassador")))
    with database.session_scope() as session:
        roles = list_options(session, OptionKind.ROLE)
        assert "Young ambassador" in roles
        assert "carer" not in roles and "Carer" in roles
        assert add_option(session, actor, OptionKind.INTEREST, "  research ") == "Research"
        with pytest.raises(ValidationFailed):
            add_option(session, actor, OptionKind.INTEREST, "   ")


NAMES = [
    ("Zoë", "O'Brien"),
    ("Łukasz", "Wiśniewski"),
    ("Chidera", "Okafor-Smith"),
    ("芳", "王"),
    ("Siân", "ap Gwilym"),
    ("Zoe", "Adams"),
]


@pytest.fixture
def register(database, actor) -> dict[str, int]:
    ids = {}
    for number, (first, last) in enumerate(NAMES):
        ids[first + last] = add(
            database,
            actor,
            PersonDetails(
                first_name=first,
                last_name=last,
                roles=("Trustee",) if number % 2 else ("Carer",),
                interests=("Governance",) if number == 2 else (),
                participation_level=list(ParticipationLevel)[number % 4],
                joined_on=date(2024, 1, 1),
            ),
        )
    return ids


def names(database, chosen: PeopleFilter) -> list[str]:
    with database.session_scope() as session:
        return [row.name for row in rows_for(session, matching_ids(session, chosen, today=TODAY))]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("zoe", ["Zoe Adams", "Zoë O'Brien"]),
        ("ZOË", ["Zoe Adams", "Zoë O'Brien"]),
        ("obrien", ["Zoë O'Brien"]),
        ("o'bri", ["Zoë O'Brien"]),
        ("lukasz wis", ["Łukasz Wiśniewski"]),
        ("smith", ["Chidera Okafor-Smith"]),
        ("王", ["芳 王"]),
        ("王芳", ["芳 王"]),  # written without a space, as Chinese names are
        ("sian gwil", ["Siân ap Gwilym"]),
        ("governance", ["Chidera Okafor-Smith"]),
        ("100%", []),
        ("a_", []),
    ],
)
def test_search_ignores_accents_case_and_punctuation(database, register, typed, expected):
    assert names(database, PeopleFilter(text=typed)) == expected


def test_the_list_is_ordered_by_surname_with_accents_and_case_aside(database, register):
    assert names(database, PeopleFilter()) == [
        "Zoe Adams",
        "Siân ap Gwilym",
        "Zoë O'Brien",
        "Chidera Okafor-Smith",
        "Łukasz Wiśniewski",
        "芳 王",
    ]


def test_filters_combine_in_sql(database, register):
    trustees_contributing = PeopleFilter(role="Trustee", level=ParticipationLevel.CONTRIBUTING)
    assert names(database, trustees_contributing) == ["Zoe Adams", "Łukasz Wiśniewski"]
    assert names(database, PeopleFilter(interest="Governance")) == ["Chidera Okafor-Smith"]
    leading_first = names(database, PeopleFilter(sort=SortColumn.LEVEL, descending=True))
    assert leading_first[0] == "芳 王"


def test_consent_due_and_not_involved_respect_the_choice_not_to_take_part(database, actor):
    due = add(
        database,
        actor,
        PersonDetails(
            first_name="Due",
            consent=Consent(given_on=date(2024, 12, 1), review_on=date(2026, 12, 10)),
            joined_on=date(2020, 1, 1),
        ),
    )
    add(
        database,
        actor,
        PersonDetails(
            first_name="Withdrawn",
            consent=Consent(
                given_on=date(2024, 1, 1),
                review_on=date(2026, 1, 1),
                withdrawn_on=date(2025, 6, 1),
            ),
            joined_on=date(2024, 1, 1),
            taking_part=TakingPart.DOES_NOT_WISH,
        ),
    )
    recent = add(database, actor, PersonDetails(first_name="Recent", joined_on=date(2026, 6, 1)))
    assert names(database, PeopleFilter(consent_review_due=True)) == ["Due"]
    # Withdrawn does not wish to take part: never flagged as not involved lately.
    assert names(database, PeopleFilter(not_involved_for_a_year=True)) == ["Due"]
    with database.session_scope() as session:
        session.get(Person, due).last_involved_on = date(2026, 3, 1)
        session.get(Person, recent).last_involved_on = date(2026, 11, 1)
    assert names(database, PeopleFilter(not_involved_for_a_year=True)) == []
    assert names(database, PeopleFilter(sort=SortColumn.LAST_INVOLVED, descending=True)) == [
        "Recent",
        "Due",
        "Withdrawn",  # never involved: last whichever way the list is sorted
    ]


def test_archived_people_leave_everyday_lists_and_come_back(database, actor, register):
    person_id = register["Zoë" + "O'Brien"]
    with database.session_scope() as session:
        assert set_archived(session, actor, [person_id], True) == 1
    assert "Zoë O'Brien" not in names(database, PeopleFilter())
    assert names(database, PeopleFilter(archived=True)) == ["Zoë O'Brien"]
    with database.session_scope() as session:
        set_archived(session, actor, [person_id], False)
    assert "Zoë O'Brien" in names(database, PeopleFilter(text="zoe"))


def test_delete_says_what_goes_and_removes_it_all(database, actor):
    person_id = add(database, actor, WHOLE_PERSON)
    with database.session_scope() as session:
        going = {item.label: item.count for item in linked_records(session, person_id)}
        assert going == {
            "roles and interests": 3,
            "barriers": 2,
            "participation level change": 1,
            "training record": 1,
        }
        delete_person(session, actor, person_id)
    with database.session_scope() as session:
        assert session.get(Person, person_id) is None
        assert session.scalar(select(PersonSearchWords.person_id)) is None
        assert session.scalar(select(LevelChange.id)) is None
        with pytest.raises(PersonNotFound):
            load_person(session, person_id)


def test_only_roles_allowed_to_delete_people_can(database):
    staff = _staff(database, "Tom Reed", Role.STAFF)
    person_id = add(database, staff, WHOLE_PERSON)
    with database.session_scope() as session, pytest.raises(NotAllowed) as refused:
        delete_person(session, staff, person_id)
    assert "does not allow you to delete people" in refused.value.message


def test_invisible_control_characters_never_reach_the_register(database, actor):
    pasted = replace(
        WHOLE_PERSON, first_name="Si\x07ân\t", address="1 Heol y Bont\r\nAberaeron\x0c"
    )
    person_id = add(database, actor, pasted)
    with database.session_scope() as session:
        saved = load_person(session, person_id)
    assert saved.first_name == "Siân"
    assert saved.address == "1 Heol y Bont\nAberaeron"


def test_sorting_by_preferred_name_puts_those_without_one_last(database, actor, register):
    add(database, actor, PersonDetails("Samuel", "Zed", preferred_name="Sam"))
    for descending in (False, True):
        chosen = PeopleFilter(sort=SortColumn.PREFERRED_NAME, descending=descending)
        assert names(database, chosen)[0] == "Samuel Zed"  # the only preferred name


def test_the_demo_charity_has_activities_with_attendance_and_impact(database):
    from sqlalchemy import func

    from involve_desktop.db.models import Activity, AttendanceRecord, ImpactRecord
    from involve_desktop.services.demo import build_demo

    with database.session_scope() as session:
        summary = build_demo(session, people=200, seed=5, today=TODAY)
        assert summary.activities == 20
        assert session.scalar(select(func.count()).select_from(Activity)) == 20
        assert session.scalar(select(func.count()).select_from(AttendanceRecord)) >= 60
        assert session.scalar(select(func.count()).select_from(ImpactRecord)) >= 1
        # Last involved follows from attendance: never after today.
        latest = session.scalar(select(func.max(Person.last_involved_on)))
        assert latest <= TODAY
