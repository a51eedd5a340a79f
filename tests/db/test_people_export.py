"""Exporting the People list to XLSX and CSV from a real encrypted database, and reading the
files back as Excel and a CSV reader would."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent
from involve_desktop.domain.people import ContactMethod, ParticipationLevel, TakingPart
from involve_desktop.domain.person_record import Consent, PersonDetails, SensitiveDetails
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people import save_person
from involve_desktop.services.people_export import COLUMNS, ExportProblem, export_people
from involve_desktop.services.people_lifecycle import set_archived
from involve_desktop.services.people_list import PeopleFilter, SortColumn
from involve_desktop.services.permissions import Actor
from tests.db.register_helpers import staff_member

TODAY = date(2026, 11, 26)
HEADERS = [title for title, _width in COLUMNS]
SIAN = PersonDetails(
    first_name="Siân",
    last_name="ap Gwilym",
    preferred_name="Sian",
    date_of_birth=date(1984, 3, 9),
    email="sian@example.org",
    phone="+44 7700 900123",
    contact_method=ContactMethod.TEXT,
    roles=("Carer", "Volunteer"),
    interests=("Research",),
    participation_level=ParticipationLevel.CONTRIBUTING,
    consent=Consent(given_on=date(2025, 1, 10), to_contact=True, review_on=date(2027, 1, 10)),
    notes="Private note that stays in Involve",
    sensitive=SensitiveDetails(support_needs="Wheelchair user", health_notes="Diabetes"),
)
ZOE = PersonDetails(
    first_name="Zoë",
    last_name="O'Brien",
    roles=("Member",),
    taking_part=TakingPart.NOT_NOW,
    phone="07700 900456",
)
MISCHIEF = PersonDetails(
    first_name='=HYPERLINK("http://x")', last_name="Zed", preferred_name="@Sam", roles=("Carer",)
)


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def actor(database) -> Actor:
    actor = staff_member(database)
    with database.session_scope() as session:
        for details in (ZOE, SIAN, MISCHIEF, PersonDetails(first_name="Archie", last_name="Ved")):
            person_id = save_person(session, actor, details, today=TODAY)
        set_archived(session, actor, [person_id], True)
    return actor


def export(database, actor, path: Path, chosen: PeopleFilter | None = None) -> int:
    with database.session_scope() as session:
        return export_people(
            session, actor, chosen or PeopleFilter(), path, sheet_title="Experts", today=TODAY
        )


def test_the_xlsx_is_a_tidy_workbook_with_real_dates(database, actor, out):
    path = out / "list.xlsx"
    assert export(database, actor, path) == 3  # the archived record is not on the list
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Experts"
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["K"].width == 32
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    # In the list's order: by surname, "ap Gwilym" with the As.
    assert [row[1] for row in rows] == ["ap Gwilym", "O'Brien", "Zed"]
    assert rows[0] == [
        "Siân",
        "ap Gwilym",
        "Sian",
        "Carer; Volunteer",
        "Research",
        "Contributing",
        "Taking part",
        datetime(2027, 1, 10),
        None,
        "Yes",
        "sian@example.org",
        "+44 7700 900123",
        "Text message",
    ]
    assert sheet["H2"].number_format == "dd/mm/yyyy"
    assert sheet["A4"].value == '=HYPERLINK("http://x")'
    assert sheet["A4"].data_type == "s"  # shown as the text it is, never run as a formula
    assert list(out.iterdir()) == [path]  # the temporary file was renamed, not left


def test_the_csv_opens_in_excel_with_accents_and_no_formulas(database, actor, out):
    path = out / "list.csv"
    export(database, actor, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the mark to read UTF-8
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == HEADERS
    assert rows[1][:3] == ["Siân", "ap Gwilym", "Sian"]
    assert rows[1][7] == "10/01/2027"
    assert rows[1][9:12] == ["Yes", "sian@example.org", "+44 7700 900123"]  # phone as it is
    assert rows[2][6] == "Not at the moment"
    # No consent to be contacted on record: no contact details leave Involve.
    assert rows[2][9:12] == ["No", "", ""]
    assert rows[3][:3] == ['\'=HYPERLINK("http://x")', "Zed", "'@Sam"]


def test_nothing_sensitive_or_private_leaves_in_the_export(database, actor, out):
    for name in ("list.xlsx", "list.csv"):
        export(database, actor, out / name)
    sheet = openpyxl.load_workbook(out / "list.xlsx").active
    everything = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    everything += (out / "list.csv").read_text(encoding="utf-8-sig")
    for private in ("Wheelchair", "Diabetes", "Private note", "1984"):
        assert private not in everything


def test_the_export_is_the_filtered_list_in_its_order_and_is_audited(database, actor, out):
    path = out / "carers.xlsx"
    chosen = PeopleFilter(role="Carer", sort=SortColumn.NAME, descending=True)
    assert export(database, actor, path, chosen) == 2
    sheet = openpyxl.load_workbook(path).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Zed",
        "ap Gwilym",
    ]
    with database.session_scope() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORTED_PEOPLE_LIST)
        ).all()
        assert [(e.staff_id, e.subject_kind) for e in events] == [(actor.staff_id, "2 people")]


def test_a_file_that_cannot_be_written_leaves_the_old_one_and_no_audit(database, actor, out):
    with pytest.raises(ExportProblem, match="could not write in the folder"):
        export(database, actor, out / "missing folder" / "list.xlsx")
    with pytest.raises(ExportProblem, match=r"\.xlsx\) or as CSV"):
        export(database, actor, out / "list.pdf")
    # A folder where the file should be stands in for a file Excel holds open.
    (out / "busy.xlsx").mkdir()
    with pytest.raises(ExportProblem, match="may be open in another program"):
        export(database, actor, out / "busy.xlsx")
    assert [p.name for p in out.iterdir()] == ["busy.xlsx"]
    with database.session_scope() as session:
        assert (
            session.scalars(select(AuditEvent.action)).all().count(AuditAction.EXPORTED_PEOPLE_LIST)
            == 0
        )
