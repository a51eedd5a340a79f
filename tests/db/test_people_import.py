"""Importing people from real CSV and XLSX files (tests/fixtures/import) into a real encrypted
database: what is read, what every broken row is told, and that a failure saves nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from involve_desktop.db.models import (
    AuditEvent,
    LevelChange,
    Person,
    PersonOption,
    PersonSearchWords,
    person_chosen_option,
)
from involve_desktop.domain.import_columns import ImportField, guess_mapping
from involve_desktop.domain.people import OptionKind, ParticipationLevel, TakingPart
from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people import count_people, level_history, load_person, save_person
from involve_desktop.services.people_import import (
    ImportPreview,
    MappingNotReady,
    import_people,
    preview_import,
)
from involve_desktop.services.people_list import PeopleFilter, matching_ids
from involve_desktop.services.permissions import Actor
from involve_desktop.services.spreadsheet_files import (
    WINDOWS_1252_NOTE,
    SpreadsheetProblem,
    read_spreadsheet,
)
from tests.db.register_helpers import staff_member

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
TODAY = date(2026, 11, 26)


@pytest.fixture
def actor(database) -> Actor:
    return staff_member(database)


def preview_of(database, name: str, mapping: list[ImportField] | None = None) -> ImportPreview:
    sheet = read_spreadsheet(FIXTURES / name)
    with database.session_scope() as session:
        return preview_import(
            session, sheet, mapping or guess_mapping(list(sheet.headers)), today=TODAY
        )


def import_file(database, actor, name: str, **options) -> tuple[ImportPreview, object]:
    preview = preview_of(database, name)
    with database.session_scope() as session:
        return preview, import_people(session, actor, preview, today=TODAY, **options)


def person_called(database, words: str) -> PersonDetails:
    with database.session_scope() as session:
        [person_id] = matching_ids(session, PeopleFilter(text=words), today=TODAY)
        return load_person(session, person_id)


def problems(preview: ImportPreview) -> list[str]:
    return [message for row in preview.problems for message in row.messages]


def test_a_good_csv_brings_in_everyone_with_their_names_as_written(database, actor):
    preview, summary = import_file(database, actor, "people_good.csv")
    assert (summary.added, summary.skipped) == (6, 0)
    assert preview.notes == ()
    assert preview.new_roles == ("Youth panel",)
    sian = person_called(database, "sian gwilym")
    assert (sian.first_name, sian.last_name, sian.pronouns) == ("Siân", "ap Gwilym", "she/her")
    assert sian.date_of_birth == date(1985, 3, 14)
    assert sian.address == "3 Heol y Bont\nCaerdydd\nCF10 1AA"  # address lines and postcode
    assert sian.roles == ("Carer", "Volunteer")
    assert sian.interests == ("Service design",)
    assert sian.participation_level is ParticipationLevel.CONTRIBUTING
    assert sian.consent.given_on == date(2024, 4, 1)
    assert sian.consent.review_on == date(2026, 4, 1)
    assert sian.joined_on == date(2024, 4, 1)
    assert sian.notes == "Prefers papers in Welsh"
    # Found without accents, as the register finds everyone.
    assert person_called(database, "lukasz").last_name == "Wiśniewski"
    assert person_called(database, "obrien").preferred_name == "Zo"
    assert person_called(database, "王").first_name == "芳"
    chidera = person_called(database, "okafor smith")
    assert chidera.taking_part is TakingPart.NOT_NOW
    assert chidera.interests == ("Events", "Peer support")
    with database.session_scope() as session:
        [event] = session.scalars(select(AuditEvent)).all()
        assert (event.action, event.staff_id) == (AuditAction.IMPORTED_PEOPLE, actor.staff_id)
        assert event.subject_kind == "6 people"
        assert level_history(session, session.scalar(select(func.min(Person.id)))) == [
            (TODAY, "", "contributing")
        ]
        assert (
            "Youth panel"
            in session.scalars(
                select(PersonOption.name).where(PersonOption.kind == OptionKind.ROLE.value)
            ).all()
        )


def test_the_import_writes_the_very_rows_that_saving_one_by_one_writes(database, actor):
    preview, _summary = import_file(database, actor, "people_good.csv")
    with database.session_scope() as session:
        imported = session.scalars(select(Person.id).order_by(Person.id)).all()
        saved = [
            save_person(session, actor, person.details, today=TODAY) for person in preview.ready
        ]
    with database.session_scope() as session:
        for imported_id, saved_id in zip(imported, saved, strict=True):
            assert rows_of(session, imported_id) == rows_of(session, saved_id)


def rows_of(session, person_id: int) -> dict[str, object]:
    """Everything stored for one person, without ids and clocks."""
    person = session.get(Person, person_id)
    columns = {
        column.name: getattr(person, column.key)
        for column in Person.__table__.columns
        if column.name not in ("id", "created_at", "updated_at")
    }
    return {
        "person": columns,
        "levels": session.execute(
            select(
                LevelChange.changed_on,
                LevelChange.from_level,
                LevelChange.to_level,
                LevelChange.staff_id,
            ).where(LevelChange.person_id == person_id)
        ).all(),
        "options": sorted(
            session.scalars(
                select(PersonOption.name)
                .join(person_chosen_option)
                .where(person_chosen_option.c.person_id == person_id)
            )
        ),
        "words": session.scalar(
            select(PersonSearchWords.words).where(PersonSearchWords.person_id == person_id)
        ),
    }


def test_a_good_xlsx_reads_real_date_cells_the_same_as_the_csv(database, actor):
    from_csv = preview_of(database, "people_good.csv")
    from_xlsx = preview_of(database, "people_good.xlsx")
    assert [p.details for p in from_xlsx.ready] == [p.details for p in from_csv.ready]


def test_a_windows_1252_file_is_read_and_the_user_is_told_how(database, actor):
    preview, summary = import_file(database, actor, "people_windows1252.csv")
    assert summary.added == 4
    assert preview.notes == (WINDOWS_1252_NOTE,)
    assert [p.details.display_name for p in preview.ready] == [
        "Siân Evans",
        "Zoë Müller",
        "José Núñez",
        "Renée Côté",
    ]
    assert preview.ready[0].details.notes == "Paid in £20 vouchers"
    assert preview.ready[3].details.notes == "Prefers “plain” English"


def test_semicolons_and_the_byte_order_mark_are_understood(database):
    sheet = read_spreadsheet(FIXTURES / "people_semicolons.csv")
    assert sheet.headers == ("Forename", "Family name", "DOB", "Email", "Telephone", "Notes")
    preview = preview_of(database, "people_semicolons.csv")
    first = preview.ready[0].details
    assert (first.first_name, first.date_of_birth) == ("Małgorzata", date(1970, 10, 9))
    assert first.notes == "Mornings, not evenings"
    assert preview.ready[2].details.last_name == "Sørensen"


def test_every_broken_row_is_explained_by_row_and_column(database, actor):
    preview, summary = import_file(database, actor, "people_broken.csv")
    assert preview.notes == ("2 empty rows were skipped.",)
    assert problems(preview) == [
        "Row 4, Date of birth (“31/02/1980”): 31 February 1980 does not exist. "
        "Please check the day.",
        "Row 4, Email (“ben@example”): This cannot be an email address: it needs one @ and a "
        "domain, like name@example.org.",
        "Row 6, First name: This is empty, and every record needs a first name (or the name "
        "they go by).",
        "Row 7, Date of birth (“next Tuesday”): This is not a date we can read. Type a date "
        "like 25/12/1980 or 25 Dec 1980.",
        "Row 7, Level: “Expert” is not one of the participation levels. Please use Observing, "
        "Contributing, Collaborating or Leading.",
        "Row 7, Phone (“12”): A phone number needs at least 6 digits.",
        "Row 8, Date of birth (“01/01/2090”): A date of birth cannot be in the future.",
        "Row 9, Consent review (“01/01/2024”): The review date must come after the date "
        "consent was given.",
        "Row 11, Date of birth (“12/13/1985”): There is no month 13. Type a date like "
        "25/12/1980 or 25 Dec 1980.",
    ]
    assert [d.reason for d in preview.possible_duplicates] == [
        "Row 10 may be the same person as row 2 (same name and date of birth)."
    ]
    assert (summary.added, summary.skipped) == (1, 7)
    with database.session_scope() as session:
        assert count_people(session) == 1


def test_date_cells_typed_text_and_lost_formats_all_read_as_dates(database):
    preview = preview_of(database, "people_mixed_dates.xlsx")
    assert preview.notes == ("Only the first sheet, “People”, was read.",)
    read = {
        p.details.first_name: (p.details.date_of_birth, p.details.joined_on) for p in preview.ready
    }
    assert read == {
        "Grace": (date(1980, 12, 25), date(2023, 4, 1)),
        "Hamza": (date(1980, 12, 25), date(2023, 4, 1)),
        "Iona": (date(1975, 9, 3), date(2022, 1, 10)),
        "Jack": (date(1980, 1, 1), date(2021, 6, 30)),
    }
    assert problems(preview) == [
        "Row 6, Date of birth (“31/04/1990”): 31 April 1990 does not exist. Please check the day."
    ]


def test_someone_already_in_the_register_is_set_apart_until_the_user_says(database, actor):
    with database.session_scope() as session:
        save_person(
            session,
            actor,
            PersonDetails(first_name="Zoe", last_name="OBrien", email="ZOE.OBRIEN@example.net"),
            today=TODAY,
        )
        save_person(session, actor, PersonDetails(first_name="A", phone="07700900103"), today=TODAY)
    preview = preview_of(database, "people_good.csv")
    assert [d.reason for d in preview.possible_duplicates] == [
        "Row 3 may already be in the register: Zoe OBrien has the same email address.",
        "Row 4 may already be in the register: A has the same phone number.",
    ]
    with database.session_scope() as session:
        left_out = import_people(session, actor, preview, today=TODAY)
    assert (left_out.added, left_out.skipped) == (4, 2)
    with database.session_scope() as session:
        both = import_people(session, actor, preview, include_possible_duplicates=True, today=TODAY)
        assert both.added == 6
        assert count_people(session) == 2 + 4 + 6


def test_a_failure_part_way_through_saves_nothing(database, actor):
    # GIVEN the database refuses a write part-way (as a full disk would)
    with database.session_scope() as session:
        session.execute(
            text(
                "CREATE TRIGGER refuse_third BEFORE INSERT ON person_search_words "
                "WHEN (SELECT count(*) FROM person_search_words) >= 2 "
                "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
        )
    preview = preview_of(database, "people_good.csv")
    # WHEN the import runs into it
    with pytest.raises(DatabaseError), database.session_scope() as session:
        import_people(session, actor, preview, today=TODAY)
    # THEN nothing of it is left: no people, no new roles, no history, no audit entry
    with database.session_scope() as session:
        assert count_people(session, include_archived=True) == 0
        assert session.scalar(select(func.count()).select_from(LevelChange)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0
        assert "Youth panel" not in session.scalars(select(PersonOption.name)).all()


def test_the_mapping_must_name_a_first_name_and_each_field_once(database):
    sheet = read_spreadsheet(FIXTURES / "people_good.csv")
    mapping = guess_mapping(list(sheet.headers))
    no_name = [ImportField.IGNORE if f is ImportField.FIRST_NAME else f for f in mapping]
    twice = [ImportField.EMAIL if f is ImportField.PHONE else f for f in mapping]
    with database.session_scope() as session:
        with pytest.raises(MappingNotReady, match="holds the first name"):
            preview_import(session, sheet, no_name, today=TODAY)
        with pytest.raises(MappingNotReady, match="Email is chosen for E-mail and Mobile"):
            preview_import(session, sheet, twice, today=TODAY)


def test_a_full_name_column_is_split_at_the_first_space(database, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Name,Role\nSiân ap Gwilym,carer\nCher,\n", encoding="utf-8")
    sheet = read_spreadsheet(path)
    assert guess_mapping(list(sheet.headers)) == [ImportField.FULL_NAME, ImportField.ROLES]
    with database.session_scope() as session:
        result = preview_import(session, sheet, guess_mapping(list(sheet.headers)), today=TODAY)
    names = [(p.details.first_name, p.details.last_name) for p in result.ready]
    assert names == [("Siân", "ap Gwilym"), ("Cher", "")]
    assert result.new_roles == ()  # "carer" is the list's own "Carer"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0", "cannot read .xls files"),
        ("empty.csv", b"", "is empty: there is nothing to import"),
        ("header.csv", b"First name,Surname\r\n\r\n", "has a header row but nothing below it"),
        ("fake.xlsx", b"PK\x03\x04 not really", "could not be read as an Excel workbook"),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "does not look like a spreadsheet"),
    ],
)
def test_files_that_cannot_be_read_are_refused_in_plain_words(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SpreadsheetProblem, match=expected):
        read_spreadsheet(path)


def test_utf16_from_excels_unicode_text_is_read(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("First name\tSurname\r\nZoë\tO'Brien\r\n".encode("utf-16"))
    sheet = read_spreadsheet(path)
    assert sheet.headers == ("First name", "Surname")
    assert sheet.rows[0].cells == ("Zoë", "O'Brien")


def test_values_too_long_for_the_register_are_caught(database, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(f"First name,Pronouns\n{'A' * 101},{'x' * 41}\n", encoding="utf-8")
    sheet = read_spreadsheet(path)
    with database.session_scope() as session:
        result = preview_import(session, sheet, guess_mapping(list(sheet.headers)), today=TODAY)
    [row] = result.problems
    assert [message.split(": ", 1)[1] for message in row.messages] == [
        "This is longer than 100 characters. Please shorten it.",
        "This is longer than 40 characters. Please shorten it.",
    ]


@pytest.mark.slow
def test_five_thousand_rows_import_in_one_go(database, actor):
    preview, summary = import_file(database, actor, "people_5000.xlsx")
    assert (summary.added, summary.skipped) == (4990, 10)
    assert len(preview.problems) == 10
    with database.session_scope() as session:
        assert count_people(session) == 4990
        assert session.scalar(select(func.count()).select_from(PersonSearchWords)) == 4990
        assert session.scalar(select(func.count()).select_from(LevelChange)) == 4990
