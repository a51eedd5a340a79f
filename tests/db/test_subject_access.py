"""Everything held about a person as data files (a zip for a subject access request), made
from a real database: the JSON and CSVs parse, hold every personal column, agree with the
PDF's data, carry the receipts byte for byte, and making it is in the audit trail."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent, Person, personal_columns
from involve_desktop.db.money_models import ClaimReceipt
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people import PersonNotFound
from involve_desktop.services.report_person import Pence, person_record
from involve_desktop.services.subject_access import (
    AUDIT_CSV,
    CLAIM_LINES_CSV,
    CLAIMS_CSV,
    PERSON_JSON,
    README,
    RECEIPTS_CSV,
    safe_name,
    save_subject_access,
    suggested_zip_name,
    write_subject_access_zip,
)
from tests.db.report_person_helpers import SIAN, TODAY, TwoPeople, build_two_people


@pytest.fixture
def two(database) -> TwoPeople:
    return build_two_people(database)


@pytest.fixture
def out(tmp_path) -> Path:
    """A folder of its own (the database lives in tmp_path too)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def make_zip(database, two: TwoPeople, target: Path, person_id: int | None = None):
    return save_subject_access(database, two.admin, person_id or two.sian, target, TODAY)


def csv_rows(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    raw = archive.read(name)
    assert raw.startswith(b"\xef\xbb\xbf"), f"{name} has no byte-order mark for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_zip_holds_a_readme_the_json_a_csv_per_kind_and_the_receipts(database, two, out):
    target = out / "sian.zip"
    summary = make_zip(database, two, target)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert names == list(summary.files)
        for expected in (README, PERSON_JSON, CLAIMS_CSV, CLAIM_LINES_CSV, RECEIPTS_CSV, AUDIT_CSV):
            assert expected in names
        for kind in (
            "activities.csv",
            "participation-level-history.csv",
            "training.csv",
            "roles.csv",
            "interests.csv",
            "actions-in-the-plan-they-are-doing.csv",
            "yearly-evaluations-they-took-part-in.csv",
            "feedback-that-names-them.csv",
        ):
            assert kind in names
        readme = archive.read(README).decode("utf-8")
    assert "26 November 2026 (2026-11-26)" in readme
    for name in names:
        if name != README and not name.startswith("receipts/"):
            assert f"{name}:" in readme, f"the README does not say what {name} is"
    assert summary.receipts == 1
    # Nothing left beside it under a temporary name.
    assert [found.name for found in out.iterdir()] == ["sian.zip"]


def test_every_column_of_the_person_is_in_the_json_by_label_and_column(database, two, out):
    target = out / "sian.zip"
    make_zip(database, two, target)
    with zipfile.ZipFile(target) as archive:
        content = json.loads(archive.read(PERSON_JSON).decode("utf-8"))
    details = {detail["column"]: detail for detail in content["details"]}
    every = {column.name for column in Person.__table__.columns}
    assert every <= set(details)
    assert set(personal_columns(Person.__table__)) <= set(details)
    assert details["first_name"] == {
        "section": "About them",
        "label": "First name",
        "column": "first_name",
        "value": "Siân",
        "in_words": "Siân",
    }
    assert details["date_of_birth"]["value"] == "1971-03-01"
    assert details["date_of_birth"]["in_words"] == "1 March 1971"
    assert details["health_notes"]["value"] == SIAN.sensitive.health_notes
    assert details["consent_to_photos"]["value"] is False
    assert details["contact_method"]["value"] == "post"
    assert content["made_on"] == "2026-11-26"
    assert content["record_number"] == two.sian


def test_the_figures_are_the_ones_the_pdf_prints(database, two, out):
    target = out / "sian.zip"
    make_zip(database, two, target)
    with database.session_scope() as session:
        report = person_record(session, two.admin, two.sian, TODAY)
    with zipfile.ZipFile(target) as archive:
        content = json.loads(archive.read(PERSON_JSON).decode("utf-8"))
        claims = csv_rows(archive, CLAIMS_CSV)
        lines = csv_rows(archive, CLAIM_LINES_CSV)
        activities = csv_rows(archive, "activities.csv")
    # Every detail says in words exactly what the PDF says.
    printed = {field.column: field.value for group in report.groups for field in group.fields}
    assert {detail["column"]: detail["in_words"] for detail in content["details"]} == printed
    # Each kind of linked record has a CSV of as many rows as the PDF's table.
    with zipfile.ZipFile(target) as archive:
        listed = {found["file"]: found["rows"] for found in content["files"]}
        for table, name in zip(report.linked, list(listed)[: len(report.linked)], strict=True):
            assert len(csv_rows(archive, name)) == len(table.rows) == listed[name], name
    # Money as whole pence and in pounds, claim by claim, as the PDF has it.
    for claim, row, entry in zip(report.claims, claims, content["claims"], strict=True):
        fees = next(field for field in claim.fields if field.column == "fees_pence")
        assert isinstance(fees.stored, Pence)
        assert row["Claim number"] == str(claim.claim_id) == str(entry["claim_number"])
        assert row["Fees (pence)"] == str(int(fees.stored))
        assert row["Fees"] == fees.value
        fees_json = next(found for found in entry["details"] if found["column"] == "fees_pence")
        assert (fees_json["value"], fees_json["in_words"]) == (int(fees.stored), fees.value)
    # A step taken is given as when (ISO 8601) and by whom.
    assert [row["Made by"] for row in claims] == ["Tom Reed", "Tom Reed"]
    assert all(row["Made"].startswith("2026-") and "T" in row["Made"] for row in claims)
    printed_lines = [row for claim in report.claims for row in claim.lines.rows]
    assert [row["Amount"] for row in lines] == [row[-1] for row in printed_lines]
    pence = [row[-1] for claim in report.claims for row in claim.lines.stored]
    assert [int(row["Amount (pence)"]) for row in lines] == pence
    assert 12_40 in pence  # the fares, as entered
    assert activities == [
        {
            "Activity": "Panel cyfweld / interview panel",
            "Date": "2026-06-01",
            "Role": "Cadeirydd",
            "Attendance": "Attended",
        }
    ]


def test_receipts_are_the_files_handed_in_byte_for_byte(database, two, out):
    target = out / "sian.zip"
    make_zip(database, two, target)
    with database.session_scope() as session:
        receipt = session.scalars(select(ClaimReceipt)).one()
        content = receipt.content
    with zipfile.ZipFile(target) as archive:
        listed = csv_rows(archive, RECEIPTS_CSV)
        assert len(listed) == 1
        saved_as = listed[0]["Saved in this zip as"]
        assert saved_as.startswith("receipts/claim-")
        assert saved_as.endswith("tocyn-tren-caerdydd.pdf")
        assert archive.read(saved_as) == content == b"%PDF"


def test_nothing_of_anyone_else_is_in_it(database, two, out):
    target = out / "sian.zip"
    make_zip(database, two, target)
    with zipfile.ZipFile(target) as archive:
        everything = "\n".join(
            archive.read(name).decode("utf-8-sig")
            for name in archive.namelist()
            if not name.startswith("receipts/")
        )
    for theirs in ("Łukasz", "Wiśniewski", "Cukrzyca", "Parking przy dworcu", "Grupa Bałtycka"):
        assert theirs not in everything


def test_making_it_is_in_the_audit_trail_by_number_only(database, two, out):
    make_zip(database, two, out / "sian.zip")
    with database.session_scope() as session:
        entries = session.scalars(
            select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORTED_SUBJECT_ACCESS_DATA)
        ).all()
        assert [(e.subject_kind, e.subject_id, e.staff_id) for e in entries] == [
            ("person", two.sian, two.admin.staff_id)
        ]
    assert len(AuditAction.EXPORTED_SUBJECT_ACCESS_DATA) <= 40  # the column's width


def test_no_file_is_left_when_the_audit_entry_cannot_be_written(database, two, out, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise RuntimeError("the audit trail cannot be written")

    monkeypatch.setattr(audit, "record", refuse)
    with pytest.raises(RuntimeError):
        make_zip(database, two, out / "sian.zip")
    assert list(out.iterdir()) == []


def test_a_file_already_there_is_kept_when_it_fails(database, two, out, monkeypatch):
    target = out / "sian.zip"
    target.write_bytes(b"older")
    with database.session_scope() as session, pytest.raises(PersonNotFound):
        write_subject_access_zip(session, two.admin, 99_999, target, TODAY)
    assert target.read_bytes() == b"older"


def test_the_suggested_name_gives_the_record_number_not_the_name(database, two):
    with database.session_scope() as session:
        name = suggested_zip_name(session, two.sian, TODAY)
    assert name == f"Everything we hold, record {two.sian}, 2026-11-26 (data files).zip"


@pytest.mark.parametrize(
    ("stored", "safe"),
    [
        ("tocyn-tren-caerdydd.pdf", "tocyn-tren-caerdydd.pdf"),
        ("..\\..\\Windows\\evil.exe", "evil.exe"),
        ("../../etc/passwd", "passwd"),
        ('rachunek: "Żabka"?.jpg', "rachunek- -Żabka-.jpg"),
        ("..", "receipt"),
        ("x" * 200 + ".jpeg", "x" * 75 + ".jpeg"),
    ],
)
def test_receipt_names_are_made_safe(stored, safe):
    assert safe_name(stored) == safe
