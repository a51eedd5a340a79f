"""Everything we hold about a person, read back from the PDF: every personal and sensitive
field of a hand-built person (names in Welsh), their activities and claims, and nothing about
anyone else (a Polish name), in normal and large print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from involve_desktop.db.models import Person, personal_columns, sensitive_columns
from involve_desktop.exports.document import DocumentHeader, PdfOptions
from involve_desktop.exports.person_record_pdf import write_person_record_pdf
from involve_desktop.services.report_person import PersonRecordReport, person_record
from tests.db.report_person_helpers import LUKASZ, TODAY, TwoPeople, build_two_people
from tests.exports.pdf_checks import blank_pages

MADE_ON = date(2026, 11, 26)
HEADER = DocumentHeader("Greenfield Carers Network", charity_number="1098765")


@pytest.fixture
def two(database) -> TwoPeople:
    return build_two_people(database)


@pytest.fixture
def sian(database, two) -> PersonRecordReport:
    with database.session_scope() as session:
        return person_record(session, two.admin, two.sian, TODAY)


def pages_of(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def written(report: PersonRecordReport, tmp_path: Path, large: bool = False) -> tuple[int, str]:
    path = tmp_path / f"person-{large}.pdf"
    count = write_person_record_pdf(report, path, HEADER, PdfOptions(large_print=large), MADE_ON)
    pages = pages_of(path)
    assert len(pages) == count
    assert blank_pages(path) == [], "a page with nothing between its header and foot"
    return count, " ".join(pages)


def words(value: str) -> str:
    return " ".join(value.split())


@pytest.mark.parametrize("large", [False, True])
def test_every_personal_and_sensitive_field_is_printed(sian, tmp_path, large):
    _count, printed = written(sian, tmp_path, large)
    by_column = {field.column: field for group in sian.groups for field in group.fields}
    table = Person.__table__
    for column in [*personal_columns(table), *sensitive_columns(table)]:
        assert column in by_column, f"{column} is not in the document"
        field = by_column[column]
        assert words(field.label) in printed, column
        assert words(field.value) in printed, column
    for value in (
        "Siân",
        "ap Gwilym",
        "Tŷ Gwyn 12 Heol y Frenhines Caerdydd CF10 2AA",
        "Large print papers and a hearing loop",
        "Arthritis in both hands",
        "Bws hwyr o Benarth",
        "Support, access, health and benefits (sensitive)",
    ):
        assert value in printed
    assert "Produced on: 26 November 2026" in printed
    assert "subject access request" in printed
    assert "Page 1 of" in printed


def test_linked_records_claims_and_receipts_are_printed(sian, two, tmp_path):
    _count, printed = written(sian, tmp_path)
    for value in (
        "Carer",
        "Research",
        "Transport",
        "Recriwtio diogel",
        "Panel cyfweld / interview panel",
        "Cadeirydd",
        "Attended",
        "Grŵp y Fro",
        "Cyfieithu'r papurau i'r Gymraeg",
        "2025/26",
        f"Claim {two.claim_ids[0]} · submitted",
        f"Claim {two.claim_ids[1]} · draft",
        "£37.50",
        "£12.40",
        "Trên o Benarth",
        "tocyn-tren-caerdydd.pdf",
        "Tom Reed",
        "Priya Shah",
        "changed a person",
        "submitted a claim",
    ):
        assert value in printed, value


@pytest.mark.parametrize("large", [False, True])
def test_nothing_about_anyone_else_is_printed(sian, tmp_path, large):
    _count, printed = written(sian, tmp_path, large)
    assert LUKASZ.sensitive is not None
    for theirs in (
        "Łukasz",
        "Wiśniewski",
        LUKASZ.email,
        LUKASZ.phone,
        "Żółkiewskiego",
        LUKASZ.notes,
        LUKASZ.sensitive.health_notes,
        LUKASZ.sensitive.support_needs,
        "Spotkanie w Gdańsku",
        "Parking przy dworcu",
        "Grupa Bałtycka",
    ):
        assert theirs not in printed


def test_large_print_runs_to_more_pages(sian, tmp_path):
    normal, _ = written(sian, tmp_path)
    large, _ = written(sian, tmp_path, large=True)
    assert large > normal >= 2


def test_a_person_with_little_recorded_says_what_was_looked_for(database, tmp_path):
    from involve_desktop.domain.person_record import PersonDetails
    from involve_desktop.services.people import save_person

    with database.session_scope() as session:
        person_id = save_person(session, None, PersonDetails("王芳"), today=TODAY)
        report = person_record(session, None, person_id, TODAY)
    _count, printed = written(report, tmp_path)
    assert "王芳" in printed
    for said in ("No claims.", "Not invited to any activity.", "No training recorded."):
        assert said in printed


def test_feedback_whose_source_names_them_is_printed_and_nobody_elses(database, two, tmp_path):
    from tests.db.impact_helpers import add_impact

    add_impact(
        database,
        "The bus times make evening meetings impossible for me.",
        source="Phone call from SIAN AP GWILYM",  # any case or accent, as typed
        decided="Meetings move to the afternoon.",
        today=date(2026, 10, 5),
    )
    add_impact(database, "More notice of dates, please.", source="Fach ap Gwilym on email")
    add_impact(database, "A hearing loop in every room.", source="Łukasz Wiśniewski, by letter")
    with database.session_scope() as session:
        report = person_record(session, two.admin, two.sian, TODAY)
    _count, printed = written(report, tmp_path)
    section = printed.split("Feedback that names them")[1]
    assert "Phone call from SIAN AP GWILYM" in section
    assert "The bus times make evening meetings impossible for me." in section
    assert "Meetings move to the afternoon." in section
    assert "5 October 2026" in section
    # "Sîan Fach" is the name she prefers: "Fach ap Gwilym" is neither that nor her name.
    assert "More notice of dates" not in printed
    assert "hearing loop in every room" not in printed and "Łukasz" not in printed
