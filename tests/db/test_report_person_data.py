"""Everything held about a person (a subject access request), gathered from a real database:
every column of their record and of every table linked to them, nothing of anyone else's."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date

import pytest

from involve_desktop.db.models import Base, Person, personal_columns
from involve_desktop.domain.formatting import long_date
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people import PersonNotFound
from involve_desktop.services.people_lifecycle import PERSON_LINKS
from involve_desktop.services.report_person import (
    PERSON_FIELDS,
    SEARCH_WORDS_LABEL,
    PersonRecordReport,
    note_person_exported,
    person_record,
)
from involve_desktop.services.report_person_links import PRINTED_COLUMNS, SECTIONS
from tests.db.report_person_helpers import LUKASZ, SIAN, TODAY, TwoPeople, build_two_people


@pytest.fixture
def two(database) -> TwoPeople:
    return build_two_people(database)


def report_for(database, person_id: int, actor=None) -> PersonRecordReport:
    with database.session_scope() as session:
        return person_record(session, actor, person_id, TODAY)


def all_text(report: PersonRecordReport) -> str:
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)

    walk(astuple(report))
    return "\n".join(found)


def fields_of(report: PersonRecordReport) -> dict[str, str]:
    return {field.column: field.value for group in report.groups for field in group.fields}


def table(report: PersonRecordReport, heading: str):
    return next(found for found in report.linked if found.heading == heading)


def test_every_column_of_the_person_table_is_printed():
    # A column added to `person` later prints under "Other details" by its own name; this
    # says the labelled list has not drifted from the table either.
    assert set(PERSON_FIELDS) == {column.name for column in Person.__table__.columns}


def test_every_personal_column_of_every_table_is_printed():
    linked = {link.table.name for link in PERSON_LINKS}
    for name, schema in Base.metadata.tables.items():
        personal = set(personal_columns(schema))
        if not personal or name == "person":
            continue
        if name in PRINTED_COLUMNS:
            missing = personal - PRINTED_COLUMNS[name]
            assert not missing, f"{name}: {sorted(missing)} are not in the person's document"
        else:
            # A linked table with no section of its own prints every column.
            assert name in linked, f"{name} holds personal data but is linked to nobody"
    for name, columns in PRINTED_COLUMNS.items():
        assert columns <= set(Base.metadata.tables[name].columns.keys()), name


def test_every_linked_table_has_a_section_or_prints_plainly(database, two, monkeypatch):
    covered = set(SECTIONS) | {"claim", "person_search_words"}
    assert {link.table.name for link in PERSON_LINKS} <= covered
    # A table linked later, with no section yet, still prints its rows.
    monkeypatch.delitem(SECTIONS, "budget_holder")
    report = report_for(database, two.sian)
    plain = table(report, "Places in groups holding a budget")
    assert plain.columns == ("Budget id",)
    assert len(plain.rows) == 1


def test_every_value_of_the_persons_record_is_there(database, two):
    report = report_for(database, two.sian)
    fields = fields_of(report)
    assert report.name == "Sîan Fach (Siân ap Gwilym)"
    assert report.produced_on == TODAY
    assert long_date(TODAY) in report.what_it_is
    for column, expected in {
        "first_name": "Siân",
        "last_name": "ap Gwilym",
        "preferred_name": "Sîan Fach",
        "pronouns": "hi/ei",
        "date_of_birth": "1 March 1971",
        "email": SIAN.email,
        "phone": SIAN.phone,
        "address": SIAN.address,
        "contact_method": "Post",
        "best_times": SIAN.best_times,
        "participation_level": "Leading",
        "taking_part": "Not at the moment",
        "taking_part_since": "1 September 2026",
        "taking_part_reason": SIAN.taking_part_reason,
        "other_barrier": SIAN.other_barrier,
        "support_needs": "Large print papers and a hearing loop",
        "health_notes": "Arthritis in both hands",
        "benefits_affected": "Yes",
        "consent_given_on": "2 May 2024",
        "consent_to_quotes": "Yes",
        "consent_to_photos": "No",
        "consent_recorded_how": "Signed paper form",
        "consent_review_on": "2 May 2027",
        "payment_method": "Cheque",
        "employment_status": "Self-employed",
        "notes": SIAN.notes,
        "joined_on": "2 May 2024",
        "last_involved_on": "1 June 2026",
        "involved_before_records_on": "30 April 2024",
    }.items():
        assert fields[column] == expected, column
    assert "ap gwilym" in fields["words"]
    labels = {field.label for group in report.groups for field in group.fields}
    assert SEARCH_WORDS_LABEL in labels
    assert {group.heading for group in report.groups} >= {
        "Support, access, health and benefits (sensitive)",
        "Consent",
    }


def test_every_linked_record_is_there(database, two):
    report = report_for(database, two.sian)
    assert table(report, "Roles").rows == (("Carer",),)
    assert table(report, "Interests").rows == (("Research",),)
    assert set(table(report, "Barriers to taking part").rows) == {("Transport",), ("Other",)}
    history = table(report, "Participation level history").rows
    assert [(row[1], row[2], row[3]) for row in history] == [
        ("Added to the register", "Collaborating", "Priya Shah"),
        ("Collaborating", "Leading", "Priya Shah"),
    ]
    assert table(report, "Training").rows == (
        ("Recriwtio diogel", "3 February 2025", "Hyfforddiant ar-lein"),
    )
    assert table(report, "Activities").rows == (
        ("Panel cyfweld / interview panel", "1 June 2026", "Cadeirydd", "Attended"),
    )
    assert table(report, "Groups holding a budget").rows[0][:2] == ("Grŵp y Fro", "2026/27")
    assert table(report, "Actions in the plan they are doing").rows[0][0] == (
        "Cyfieithu'r papurau i'r Gymraeg"
    )
    assert table(report, "Yearly evaluations they took part in").rows[0][0] == "2025/26"


def test_claims_come_with_their_lines_and_receipts_by_file_name(database, two):
    report = report_for(database, two.sian)
    assert [claim.heading for claim in report.claims] == [
        f"Claim {two.claim_ids[0]} \u00b7 submitted",
        f"Claim {two.claim_ids[1]} \u00b7 draft",
    ]
    first = report.claims[0]
    fields = {field.label: field.value for field in first.fields}
    assert fields["Fees"] == "£37.50"
    assert fields["Mileage and expenses"] == "£12.40"
    assert fields["Budget"] == "Grŵp y Fro 2026/27"
    assert fields["To be paid by"] == "Cheque"
    assert fields["Submitted"].endswith("by Tom Reed")
    assert [row[1] for row in first.lines.rows] == ["Fee", "Expense"]
    assert first.lines.rows[0][3] == "Panel cyfweld / interview panel"
    assert "Trên o Benarth" in first.lines.rows[1][2]
    assert first.receipts.rows[0][0] == "tocyn-tren-caerdydd.pdf"


def test_the_audit_trail_about_them_names_staff(database, two):
    with database.session_scope() as session:
        note_person_exported(session, two.admin, two.sian)
    report = report_for(database, two.sian)
    entries = {(row[1], row[2], row[3]) for row in report.audit.rows}
    assert ("Priya Shah", "changed a person", "Their record") in entries
    assert ("Tom Reed", "made a claim", f"Claim {two.claim_ids[0]}") in entries
    assert ("Tom Reed", "submitted a claim", f"Claim {two.claim_ids[0]}") in entries
    assert ("Priya Shah", AuditAction.EXPORTED_PERSON, "Their record") in entries
    assert f"Claim {two.other_claim_id}" not in {row[3] for row in report.audit.rows}


def test_nothing_about_anyone_else(database, two):
    text = all_text(report_for(database, two.sian))
    assert LUKASZ.sensitive is not None
    for theirs in (
        "Łukasz",
        "Wiśniewski",
        LUKASZ.email,
        LUKASZ.phone,
        "Żółkiewskiego",
        LUKASZ.notes,
        LUKASZ.best_times,
        LUKASZ.sensitive.support_needs,
        LUKASZ.sensitive.health_notes,
        "Szkolenie z rekrutacji",
        "Spotkanie w Gdańsku",
        "Grupa Bałtycka",
        "Parking przy dworcu",
        "Tłumaczenie ulotek na polski",
    ):
        assert theirs not in text


def test_a_person_no_longer_there_is_said_so(database):
    with database.session_scope() as session, pytest.raises(PersonNotFound):
        person_record(session, None, 9999, date(2026, 11, 26))
