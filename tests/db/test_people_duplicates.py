"""Likely duplicates and merging two records, on a real encrypted database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select

from involve_desktop.db.models import AuditEvent, Person, Staff
from involve_desktop.domain.people import Barrier, ParticipationLevel
from involve_desktop.domain.person_record import Consent, PersonDetails, TrainingEntry
from involve_desktop.domain.roles import Role
from involve_desktop.errors import KnownError
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people import (
    PersonNotFound,
    level_history,
    load_person,
    save_person,
)
from involve_desktop.services.people_duplicates import (
    ARCHIVED,
    SAME_BIRTH,
    SAME_EMAIL,
    SAME_FIRST_NAME,
    SAME_NAME,
    SAME_PHONE,
    SIMILAR,
    VERY_SIMILAR,
    find_likely_duplicates,
)
from involve_desktop.services.people_lifecycle import PERSON_LINKS, PersonLink, link_to_person
from involve_desktop.services.people_list import PeopleFilter, matching_ids
from involve_desktop.services.people_merge import describe_merge, merge_people, merge_sides
from involve_desktop.services.permissions import Actor, NotAllowed

BORN = date(1984, 6, 2)


def actor_with(database, role: Role) -> Actor:
    with database.session_scope() as session:
        member = Staff(name=f"Test {role.value}", role=role.value)
        session.add(member)
        session.flush()
        return Actor(member.id, member.name, role)


@pytest.fixture
def admin(database) -> Actor:
    return actor_with(database, Role.ADMINISTRATOR)


def add(database, first: str, last: str = "", **fields) -> int:
    with database.session_scope() as session:
        return save_person(session, None, PersonDetails(first, last, **fields))


def likely(database, first: str, last: str = "", **fields):
    with database.session_scope() as session:
        return find_likely_duplicates(session, PersonDetails(first, last, **fields))


# --- finding ---------------------------------------------------------------------------


def test_accents_and_apostrophes_do_not_hide_a_name(database):
    zoe = add(database, "Zoë", "O'Brien")
    lukasz = add(database, "Łukasz", "Wiśniewski")
    [match] = likely(database, "Zoe", "OBrien")
    assert (match.person_id, match.name, match.reasons) == (zoe, "Zoë O'Brien", (SAME_NAME,))
    [match] = likely(database, "Lukasz", "Wisniewski")
    assert match.person_id == lukasz


def test_first_and_last_name_swapped_or_misspelt_are_found(database):
    sian = add(database, "Siân", "ap Gwilym")
    john = add(database, "John", "Smith")
    assert [m.person_id for m in likely(database, "Gwilym", "Sian ap")] == [sian]
    [match] = likely(database, "Jon", "Smith")
    assert (match.person_id, match.reasons) == (john, (VERY_SIMILAR,))


def test_the_same_phone_number_written_differently_is_found(database):
    ayesha = add(database, "Ayesha", "Qureshi", phone="07700 900123")
    for typed in ("07700900123", "+44 7700 900123", "(07700) 900-123", "07700.900.123"):
        matches = likely(database, "Someone", "Else", phone=typed)
        assert [(m.person_id, m.reasons) for m in matches] == [(ayesha, (SAME_PHONE,))], typed
    assert likely(database, "Someone", "Else", phone="07700 900124") == []


def test_an_email_address_matches_in_any_case(database):
    sam = add(database, "Sam", "Jones", email="Sam.Jones@Example.org")
    [match] = likely(database, "Samuel", "Brown", email=" sam.jones@example.ORG")
    assert (match.person_id, match.reasons) == (sam, (SAME_EMAIL,))
    assert match.email == "Sam.Jones@Example.org"


def test_a_common_first_name_alone_is_not_a_match(database):
    add(database, "John", "Smith", date_of_birth=BORN)
    add(database, "John", "Brown")
    assert likely(database, "John", "Taylor") == []
    assert likely(database, "John") == []
    # Sharing only a birthday is common in a register of thousands.
    assert likely(database, "Mary", "Jones", date_of_birth=BORN) == []


def test_a_similar_name_counts_only_with_the_same_date_of_birth(database):
    john = add(database, "John", "Smith", date_of_birth=BORN)
    assert likely(database, "Jon", "Smyth") == []
    [match] = likely(database, "Jon", "Smyth", date_of_birth=BORN)
    assert (match.person_id, match.reasons) == (john, (SAME_BIRTH, SIMILAR))


def test_a_changed_surname_is_found_by_first_name_and_date_of_birth(database):
    sarah = add(database, "Sarah", "Jones", date_of_birth=BORN)
    [match] = likely(database, "Sarah", "Khan", date_of_birth=BORN)
    assert (match.person_id, match.reasons) == (sarah, (SAME_BIRTH, SAME_FIRST_NAME))


def test_a_preferred_name_is_compared_too(database):
    sam = add(database, "Samuel", "Okafor-Smith", preferred_name="Sam")
    [match] = likely(database, "Sam", "Okafor Smith")
    assert (match.person_id, match.name) == (sam, "Sam (Samuel Okafor-Smith)")


def test_archived_records_are_found_and_say_so(database):
    from involve_desktop.services.people_lifecycle import set_archived

    old = add(database, "Dafydd", "Llywelyn")
    with database.session_scope() as session:
        set_archived(session, None, [old], True)
    [match] = likely(database, "Dafydd", "Llywelyn")
    assert match.archived and match.reasons == (SAME_NAME, ARCHIVED)


def test_likeliest_first_within_the_limit_and_the_record_itself_left_out(database):
    by_email = add(database, "Chidera", "Okafor", email="chidera@example.org")
    by_name = add(database, "Chidera", "Okafor")
    ids = [m.person_id for m in likely(database, "Chidera", "Okafor", email="chidera@example.org")]
    assert ids == [by_email, by_name]
    with database.session_scope() as session:
        details = load_person(session, by_email)
        others = find_likely_duplicates(session, details, exclude_id=by_email, limit=1)
    assert [m.person_id for m in others] == [by_name]


def test_an_empty_register_has_no_duplicates(database):
    assert likely(database, "Anyone", email="a@example.org", phone="0123 456789") == []


# --- merging ---------------------------------------------------------------------------


@pytest.fixture
def two_records(database) -> tuple[int, int]:
    """The same person twice: each record holds things the other lacks."""
    kept = add(
        database,
        "Ayesha",
        "Qureshi",
        email="ayesha@example.org",
        roles=("Carer", "Trustee"),
        barriers=frozenset({Barrier.TRANSPORT}),
        training=(TrainingEntry("Safeguarding", date(2024, 1, 10)),),
        participation_level=ParticipationLevel.CONTRIBUTING,
        notes="Prefers mornings.",
        joined_on=date(2023, 5, 1),
    )
    other = add(
        database,
        "Ayesha",
        "Qureshi",
        date_of_birth=BORN,
        phone="07700 900123",
        email="a.qureshi@example.org",
        roles=("Carer", "Campaigner"),
        interests=("Research",),
        barriers=frozenset({Barrier.TRANSPORT, Barrier.TIMING}),
        training=(TrainingEntry("Recruitment panel"),),
        participation_level=ParticipationLevel.LEADING,
        notes="Met at the spring fair.",
        consent=Consent(given_on=date(2024, 3, 1), to_contact=True),
        joined_on=date(2022, 9, 1),
    )
    return kept, other


def test_merging_keeps_every_linked_record(database, admin, two_records):
    kept, other = two_records
    with database.session_scope() as session:
        merge_people(session, admin, keep_id=kept, merge_id=other, today=date(2026, 3, 3))
    with database.session_scope() as session:
        person = load_person(session, kept)
        history = level_history(session, kept)
        with pytest.raises(PersonNotFound):
            load_person(session, other)
        audited = session.scalars(select(AuditEvent.action).where(AuditEvent.subject_id == kept))
        assert AuditAction.MERGED_PEOPLE in list(audited)
    assert person.roles == ("Campaigner", "Carer", "Trustee")
    assert person.interests == ("Research",)
    assert person.barriers == {Barrier.TRANSPORT, Barrier.TIMING}
    assert {entry.title for entry in person.training} == {"Safeguarding", "Recruitment panel"}
    # The higher level is taken (people move up far more than down); both histories stay.
    assert person.participation_level is ParticipationLevel.LEADING
    assert sorted(to for _day, _from, to in history) == ["contributing", "leading"]


def test_merging_fills_blanks_and_never_overwrites(database, admin, two_records):
    kept, other = two_records
    with database.session_scope() as session:
        merge_people(session, admin, keep_id=kept, merge_id=other, today=date(2026, 3, 3))
    with database.session_scope() as session:
        person = load_person(session, kept)
    assert person.date_of_birth == BORN
    assert person.phone == "07700 900123"
    assert person.email == "ayesha@example.org"  # filled on both: the kept one stays
    assert person.notes == (
        "Prefers mornings.\n\nMet at the spring fair.\n\n"
        "From a record merged into this one on 3 March 2026:\n"
        "email address: a.qureshi@example.org"
    )
    assert person.consent.given_on == date(2024, 3, 1) and person.consent.to_contact
    assert person.joined_on == date(2022, 9, 1)


def test_merging_leaves_the_kept_record_findable_by_everything(database, admin, two_records):
    kept, other = two_records
    with database.session_scope() as session:
        merge_people(session, admin, keep_id=other, merge_id=kept)
    with database.session_scope() as session:
        assert matching_ids(session, PeopleFilter(text="ayesha")) == [other]
        assert matching_ids(session, PeopleFilter(text="trustee")) == [other]
        [match] = find_likely_duplicates(session, PersonDetails("Ayesha", "Qureshi"))
    assert match.person_id == other


def test_the_preview_says_what_will_happen(database, two_records):
    kept, other = two_records
    with database.session_scope() as session:
        older, newer = merge_sides(session, other, kept)
        preview = describe_merge(session, kept, other)
    assert (older.person_id, newer.person_id) == (kept, other)
    assert older.roles == ("Carer", "Trustee") and older.email == "ayesha@example.org"
    assert preview.sentences() == [
        "Filled in from Ayesha Qureshi\u2019s record: date of birth and phone number.",
        "Written together from both records: notes.",
        "Added to the notes, because the records differ: email address.",
        "Also kept: the higher participation level, the more recent consent decision and "
        "the earlier date joined.",
        # Carer and transport are on both: only Campaigner, Research and timing move.
        "Moved to Ayesha Qureshi\u2019s record: 2 roles and interests, 1 barrier, "
        "1 participation level change and 1 training record.",
        "Then Ayesha Qureshi\u2019s record is removed.",
    ]


def test_a_withdrawal_of_consent_and_a_current_record_win(database, admin, two_records):
    from involve_desktop.services.people_lifecycle import set_archived

    kept, other = two_records
    withdrawn = Consent(given_on=date(2023, 1, 5), withdrawn_on=date(2025, 2, 1))
    with database.session_scope() as session:
        details = load_person(session, kept)
        save_person(session, admin, replace(details, consent=withdrawn), kept)
        set_archived(session, admin, [kept], True)
        # The other record's consent is newer than the kept one's but older than its withdrawal.
        assert describe_merge(session, kept, other).taken == (
            "the higher participation level",
            "the earlier date joined",
            "a place in everyday lists (only one record was archived)",
        )
        merge_people(session, admin, keep_id=kept, merge_id=other)
    with database.session_scope() as session:
        assert load_person(session, kept).consent == withdrawn
        assert session.get(Person, kept).archived is False


def test_a_table_added_by_a_later_area_is_merged_too(database, admin, two_records):
    kept, other = two_records
    attendance = Table(
        "test_attendance",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("person_id", Integer),
        Column("activity", String(50)),
    )
    with database.session_scope() as session:
        attendance.create(session.connection())
        session.execute(insert(attendance), [{"person_id": other, "activity": "Panel"}])
    link_to_person(PersonLink(attendance, "person_id", "attendance", "attendances"))
    try:
        with database.session_scope() as session:
            assert describe_merge(session, kept, other).moving[-1].label == "attendance"
            merge_people(session, admin, keep_id=kept, merge_id=other)
        with database.session_scope() as session:
            assert session.scalars(select(attendance.c.person_id)).all() == [kept]
    finally:
        PERSON_LINKS[:] = [link for link in PERSON_LINKS if link.table is not attendance]


def test_only_a_role_that_may_delete_people_can_merge(database, two_records):
    kept, other = two_records
    staff = actor_with(database, Role.STAFF)
    with database.session_scope() as session, pytest.raises(NotAllowed, match="delete people"):
        merge_people(session, staff, keep_id=kept, merge_id=other)
    with database.session_scope() as session:
        assert session.scalar(select(Person.id).where(Person.id == other)) == other


def test_a_record_cannot_be_merged_with_itself(database, admin, two_records):
    kept, _other = two_records
    with database.session_scope() as session, pytest.raises(KnownError, match="same record"):
        merge_people(session, admin, keep_id=kept, merge_id=kept)


def test_the_more_recent_taking_part_decision_stands(database, admin, two_records):
    from involve_desktop.domain.people import TakingPart

    kept, other = two_records
    with database.session_scope() as session:
        earlier = replace(load_person(session, kept), taking_part_since=date(2023, 5, 1))
        save_person(session, admin, earlier, kept)
        details = load_person(session, other)
        stepping_back = replace(
            details,
            taking_part=TakingPart.NOT_NOW,
            taking_part_since=date(2026, 2, 1),
            taking_part_reason="Caring for her mother",
        )
        save_person(session, admin, stepping_back, other)
        merge_people(session, admin, keep_id=kept, merge_id=other)
        person = load_person(session, kept)
    assert person.taking_part is TakingPart.NOT_NOW
    assert person.taking_part_reason == "Caring for her mother"
