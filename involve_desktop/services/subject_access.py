"""Everything held about a person as data files, for a subject access request: one zip beside
the PDF, for someone who wants their data in a form a computer can read.

The zip holds `person.json` (every detail of their record, each by its label in words and
the name of the column it is kept in, with their claims), one CSV for each kind of linked
record, their receipts as the files that were handed in (under `receipts/`), and a README
saying what each file is and the day it was made. Everything comes from
`report_person.person_record`, the data the PDF prints, so the two never disagree: the PDF
prints the words, the files give the values as stored beside them (dates as YYYY-MM-DD,
money as whole pence and in pounds).

The zip is written under a temporary name and renamed when whole. Making it is recorded in
the audit trail (by record number, never a name): the entry is written before the rename and
committed right after it (`save_subject_access`). If the entry cannot be written, or cannot
be committed, no file is left. Only a crash or power cut in the moment between the rename and
the commit leaves a zip with no entry.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from involve_desktop.db.money_models import ClaimReceipt
from involve_desktop.domain.formatting import long_date
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.export_files import CSV_ENCODING, save_atomically, write_csv_to
from involve_desktop.services.people import PERSON
from involve_desktop.services.permissions import Actor
from involve_desktop.services.report_documents import (
    DocumentKind,
    DocumentRequest,
    suggested_file_name,
)
from involve_desktop.services.report_person import (
    ClaimEntry,
    Field,
    Pence,
    PersonRecordReport,
    RecordTable,
    Step,
    in_words,
    person_record,
)

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
README = "README.txt"
PERSON_JSON = "person.json"
CLAIMS_CSV = "claims.csv"
CLAIM_LINES_CSV = "claim-lines.csv"
RECEIPTS_CSV = "receipts.csv"
AUDIT_CSV = "audit-trail.csv"
RECEIPTS_FOLDER = "receipts/"
CLAIM_NUMBER = "Claim number"
SAVED_AS = "Saved in this zip as"
# Characters no file system takes in a name (and control characters), made a dash.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
NAME_LIMIT = 80  # characters of a receipt's own name kept, its type included


@dataclass(frozen=True)
class SubjectAccessSummary:
    target: Path
    person_id: int
    files: tuple[str, ...]  # every file in the zip, in the order written
    receipts: int


@dataclass(frozen=True)
class DataFile:
    """One CSV of the zip: its name, what it holds in words, its header and rows."""

    name: str
    about: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def suggested_zip_name(session: Session, person_id: int, today: date) -> str:
    """The PDF's name with "data files" and .zip: by record number, never by name."""
    pdf = suggested_file_name(
        session, DocumentRequest(DocumentKind.PERSON, person_id=person_id), today
    )
    return f"{Path(pdf).stem} (data files).zip"


def write_subject_access_zip(
    session: Session,
    actor: Actor | None,
    person_id: int,
    target: Path,
    today: date,
    progress: Progress | None = None,
) -> SubjectAccessSummary:
    """Save everything held about the person at `target` as a zip of data files, and record
    it in the audit trail (flushed before the zip takes its name). The actor must be allowed
    to see sensitive details. `progress(done, total)` counts the files written."""
    report = person_record(session, actor, person_id, today)
    files = data_files(report)
    receipts = receipt_names(report)
    names = (
        README,
        PERSON_JSON,
        *(found.name for found in files),
        *(name for _id, name in receipts),
    )
    made = datetime.now()

    def write(temporary: Path) -> None:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(_entry(README, made), readme(report, files, len(receipts)))
            archive.writestr(_entry(PERSON_JSON, made), person_json(report, files))
            _step(progress, 2, len(names))
            for done, found in enumerate(files, start=3):
                with archive.open(_entry(found.name, made), "w") as raw:
                    text = io.TextIOWrapper(raw, encoding=CSV_ENCODING, newline="")
                    write_csv_to(text, found.header, found.rows)
                    text.flush()
                    text.detach()
                _step(progress, done, len(names))
            for done, (receipt_id, name) in enumerate(receipts, start=3 + len(files)):
                content = session.scalar(
                    select(ClaimReceipt.content).where(ClaimReceipt.id == receipt_id)
                )
                archive.writestr(_entry(name, made), content or b"")
                _step(progress, done, len(names))
        # Before the rename, so that a failure to write the entry leaves no file.
        audit.record(session, actor, AuditAction.EXPORTED_SUBJECT_ACCESS_DATA, PERSON, person_id)
        session.flush()

    save_atomically(target, write)
    log.info("Saved a person's data files: %d files, %d receipts", len(names), len(receipts))
    return SubjectAccessSummary(target, person_id, names, len(receipts))


def save_subject_access(
    database: Any,
    actor: Actor | None,
    person_id: int,
    target: Path,
    today: date,
    progress: Progress | None = None,
) -> SubjectAccessSummary:
    """`write_subject_access_zip` in a unit of work of its own (for the app's worker thread
    and `involve export`). Should the audit entry fail to commit, the zip is removed."""
    summary: SubjectAccessSummary | None = None
    try:
        with database.session_scope() as session:
            summary = write_subject_access_zip(session, actor, person_id, target, today, progress)
    except BaseException:
        if summary is not None:
            target.unlink(missing_ok=True)
        raise
    return summary


# --- what goes in the zip ------------------------------------------------------------------


def data_files(report: PersonRecordReport) -> list[DataFile]:
    """A CSV for each kind of linked record, the claims, their lines and receipts, and the
    audit trail's entries about them, in the order the PDF prints them."""
    files: list[DataFile] = []
    taken: set[str] = {README, PERSON_JSON, CLAIMS_CSV, CLAIM_LINES_CSV, RECEIPTS_CSV, AUDIT_CSV}
    for table in report.linked:
        name = _file_name(table.heading, taken)
        files.append(_table_file(name, table))
    files.extend(_claim_files(report))
    files.append(_table_file(AUDIT_CSV, report.audit))
    return files


def receipt_names(report: PersonRecordReport) -> list[tuple[int, str]]:
    """(receipt id, name in the zip) of every receipt, named so no two are alike."""
    return [found for claim in report.claims for found in _receipts_of(claim)]


def safe_name(stored: str) -> str:
    """A receipt's name as it was handed in, safe on any system: no folders, no characters
    a file system refuses, not too long (its type kept)."""
    name = _UNSAFE.sub("-", stored.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .-")
    if len(name) > NAME_LIMIT:
        _stem, dot, suffix = name.rpartition(".")
        keep = f"{dot}{suffix}" if dot and len(suffix) <= 10 else ""
        name = name[: NAME_LIMIT - len(keep)].rstrip(" .-") + keep
    return name or "receipt"


def person_json(report: PersonRecordReport, files: Sequence[DataFile]) -> str:
    content = {
        "what_this_is": report.what_it_is,
        "made_on": report.produced_on.isoformat(),
        "organisation": report.organisation,
        "record_number": report.person_id,
        "name": report.name,
        "details": [
            {"section": group.heading, **_json_field(field)}
            for group in report.groups
            for field in group.fields
        ],
        "claims": [
            {
                "claim_number": claim.claim_id,
                "details": [_json_field(field) for field in claim.fields],
                "lines": len(claim.lines.rows),
                "receipts": len(claim.receipt_ids),
            }
            for claim in report.claims
        ],
        "files": [
            {"file": found.name, "what_it_holds": found.about, "rows": len(found.rows)}
            for found in files
        ],
    }
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def readme(report: PersonRecordReport, files: Sequence[DataFile], receipts: int) -> str:
    said = [
        f"{report.title}, as data files",
        f"Made on {long_date(report.produced_on)} ({report.produced_on.isoformat()}).",
        "",
        report.what_it_is,
        "",
        "The same is printed, in words, in the PDF of everything we hold about them.",
        "",
        "Keep these files safe: they hold sensitive details (support needs, health, "
        "benefits, payments and contact details).",
        "",
        "Dates are written YYYY-MM-DD (times YYYY-MM-DDTHH:MM:SS). Money is given twice: in "
        "whole pence, in the column marked (pence), and in pounds. The CSV files are UTF-8 "
        "text and open in Excel, LibreOffice or any spreadsheet program.",
        "",
        "The files:",
        "",
        f"{PERSON_JSON}: every detail of their record, sensitive ones included, each with its "
        "label in words (label), the name it is kept under (column), the value as kept (value) "
        "and as the PDF says it (in_words); then their claims, and a list of these files.",
    ]
    for found in files:
        rows = f"{len(found.rows)} {'row' if len(found.rows) == 1 else 'rows'}"
        said.append(f"{found.name}: {found.about} ({rows}). Columns: {', '.join(found.header)}.")
    said.append(
        f"{RECEIPTS_FOLDER}: the receipts handed in with their claims, as the files given "
        f"({receipts}); {RECEIPTS_CSV} says which claim each is for."
    )
    return "\n".join(said) + "\n"


def _claim_files(report: PersonRecordReport) -> list[DataFile]:
    claims: list[dict[str, object]] = []
    for claim in report.claims:
        cells: dict[str, object] = {CLAIM_NUMBER: claim.claim_id}
        for field in claim.fields:
            cells.update(_cells(field.label, field.stored, field.value))
        claims.append(cells)
    header: dict[str, None] = {}
    for cells in claims:
        header.update(dict.fromkeys(cells))
    line_header, line_rows = _joined([(c.claim_id, c.lines) for c in report.claims], ())
    receipt_header, receipt_rows = _joined(
        [(claim.claim_id, claim.receipts) for claim in report.claims],
        [name for _id, name in receipt_names(report)],
    )
    return [
        DataFile(
            CLAIMS_CSV,
            "their claims, one a line: status, dates, amounts and who handled each step",
            tuple(header),
            tuple(tuple(cells.get(column, "") for column in header) for cells in claims),
        ),
        DataFile(CLAIM_LINES_CSV, "the lines of their claims", line_header, line_rows),
        DataFile(RECEIPTS_CSV, "the receipts kept with their claims", receipt_header, receipt_rows),
    ]


def _receipts_of(claim: ClaimEntry) -> list[tuple[int, str]]:
    folder = f"{RECEIPTS_FOLDER}claim-{claim.claim_id}-receipt-"
    return [
        (receipt_id, f"{folder}{receipt_id}-{safe_name(row[0])}")
        for receipt_id, row in zip(claim.receipt_ids, claim.receipts.rows, strict=True)
    ]


def _joined(
    tables: list[tuple[int, RecordTable]], saved_as: Sequence[str]
) -> tuple[tuple[str, ...], tuple[tuple[object, ...], ...]]:
    """The rows of one kind of table from every claim, each with its claim number (and the
    name a receipt is saved under, when `saved_as` is given)."""
    header: tuple[str, ...] = (CLAIM_NUMBER,)
    rows: list[tuple[object, ...]] = []
    for claim_id, table in tables:
        table_header, table_rows = _converted(table)
        header = (CLAIM_NUMBER, *table_header)
        rows.extend((claim_id, *row) for row in table_rows)
    if saved_as:
        header = (*header, SAVED_AS)
        rows = [(*row, name) for row, name in zip(rows, saved_as, strict=True)]
    return header, tuple(rows)


def _table_file(name: str, table: RecordTable) -> DataFile:
    header, rows = _converted(table)
    about = table.heading[0].lower() + table.heading[1:]
    return DataFile(name, f"{about}{f' ({table.note})' if table.note else ''}", header, rows)


def _converted(table: RecordTable) -> tuple[tuple[str, ...], tuple[tuple[object, ...], ...]]:
    """A table's header and rows with each cell as the data files give it."""
    header: list[str] = []
    rows: list[list[object]] = [[] for _row in table.rows]
    for index, column in enumerate(table.columns):
        cells = [
            dict(_cells(column, stored[index], words[index]))
            for stored, words in zip(table.data_rows, table.rows, strict=True)
        ]
        names = list(dict.fromkeys(key for found in cells for key in found)) or [column]
        header.extend(names)
        for row, found in zip(rows, cells, strict=True):
            row.extend(found.get(key, "") for key in names)
    return tuple(header), tuple(tuple(row) for row in rows)


def _cells(label: str, stored: object, words: str) -> list[tuple[str, object]]:
    """One value as the columns a CSV gives it: money in pence and in pounds, a step as
    when and by whom, the rest as one cell."""
    if isinstance(stored, Pence):
        return [(f"{label} (pence)", int(stored)), (label, words)]
    if isinstance(stored, Step):
        return [(label, _iso(stored.when)), (f"{label} by", stored.by)]
    return [(label, _plain(stored))]


def _plain(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return _iso(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, bytes):
        return in_words(value)
    return value


def _json_field(field: Field) -> dict[str, object]:
    stored = field.stored
    found: dict[str, object] = {"label": field.label, "column": field.column}
    if isinstance(stored, Pence):
        found.update(value=int(stored), unit="pence")
    elif isinstance(stored, Step):
        found.update(value=_iso(stored.when), by=stored.by or None)
    elif isinstance(stored, date | datetime):
        found["value"] = _iso(stored)
    elif isinstance(stored, bytes):
        found["value"] = in_words(stored)
    elif stored is None or isinstance(stored, bool | int | str):
        found["value"] = stored
    else:
        found["value"] = str(stored)
    found["in_words"] = field.value
    return found


def _iso(value: date | datetime) -> str:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value.isoformat()


def _file_name(heading: str, taken: set[str]) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-") or "records"
    name, number = f"{stem}.csv", 2
    while name in taken:
        name, number = f"{stem}-{number}.csv", number + 1
    taken.add(name)
    return name


def _entry(name: str, made: datetime) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, made.timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def _step(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
