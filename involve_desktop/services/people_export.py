"""The People list as a spreadsheet: the people the screen shows, in its order.

XLSX for Excel (bold, frozen header row, columns wide enough to read, dates as real dates)
or CSV (UTF-8 with the byte-order mark, without which Excel shows "SiÃ¢n" for Siân). Only
everyday details go out: nothing sensitive, no notes, no dates of birth, and no email or
phone for anyone whose consent to be contacted was not given or has been withdrawn. The file
is written under a temporary name and renamed when complete, so a half-written list never
exists under the name the user chose; each export is in the audit trail.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from involve_desktop.domain.people import ContactMethod
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.export_files import (
    ExportProblem,
    clean_cell,
    save_atomically,
    write_csv,
)
from involve_desktop.services.people_list import PeopleFilter, matching_ids, rows_for
from involve_desktop.services.permissions import Actor

log = logging.getLogger(__name__)

# (header, width in characters) for each column, in order.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("First name", 16),
    ("Last name", 18),
    ("Preferred name", 16),
    ("Roles", 28),
    ("Interests", 30),
    ("Participation level", 18),
    ("Taking part", 24),
    ("Consent review", 15),
    ("Last involved", 14),
    ("May be contacted", 16),
    ("Email", 32),
    ("Phone", 18),
    ("Contact method", 16),
)
FORMATS = (".xlsx", ".csv")
BATCH = 1000  # people read at a time, so a list of 20,000 never sits in memory whole
EXCEL_DATE = "dd/mm/yyyy"
MAX_SHEET_TITLE = 31


def export_people(
    session: Session,
    actor: Actor | None,
    chosen: PeopleFilter,
    path: Path,
    *,
    sheet_title: str = "People",
    today: date | None = None,
) -> int:
    """Write everyone matching `chosen` to `path` (.xlsx or .csv); return how many."""
    if path.suffix.lower() not in FORMATS:
        raise ExportProblem("Please save the list as an Excel workbook (.xlsx) or as CSV (.csv).")
    today = today or date.today()
    ids = matching_ids(session, chosen, today=today)
    rows = _rows(session, ids, today)
    if path.suffix.lower() == ".xlsx":
        save_atomically(path, lambda temporary: _write_xlsx(temporary, rows, sheet_title))
    else:
        header = [title for title, _width in COLUMNS]
        save_atomically(path, lambda temporary: write_csv(temporary, header, rows))
    audit.record(session, actor, AuditAction.EXPORTED_PEOPLE_LIST, f"{len(ids):,} people")
    log.info("Exported a list of %d people as %s", len(ids), path.suffix.lower())
    return len(ids)


def _rows(session: Session, ids: list[int], today: date) -> Iterator[list[object]]:
    """Each person's cells in the order of COLUMNS; dates stay dates."""
    for start in range(0, len(ids), BATCH):
        for row in rows_for(session, ids[start : start + BATCH]):
            allowed = row.may_be_contacted(today)
            yield [
                row.first_name,
                row.last_name,
                row.preferred_name,
                "; ".join(row.roles),
                "; ".join(row.interests),
                row.participation_level.label,
                row.taking_part.label,
                row.consent_review_on,
                row.last_involved_on,
                "Yes" if allowed else "No",
                row.email if allowed else "",
                row.phone if allowed else "",
                ContactMethod(row.contact_method).label if row.contact_method else "",
            ]


def _write_xlsx(path: Path, rows: Iterator[list[object]], sheet_title: str) -> None:
    import openpyxl  # imported here: only an export or import needs it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(sheet_title))
    sheet.freeze_panes = "A2"
    for index, (_header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for title, _width in COLUMNS:
        cell = WriteOnlyCell(sheet, title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    def cell_for(value: object) -> object:
        value = clean_cell(value)
        if isinstance(value, date):
            cell = WriteOnlyCell(sheet, value)
            cell.number_format = EXCEL_DATE
            return cell
        if isinstance(value, str) and value.startswith("="):
            # openpyxl would write a formula; a name or email must stay the text it is.
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"
            return cell
        return value

    for row in rows:
        sheet.append([cell_for(value) for value in row])
    workbook.save(path)


def _sheet_title(title: str) -> str:
    """A name Excel accepts for a sheet: 31 characters at most, none of []:*?/\\."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", title).strip()
    return cleaned[:MAX_SHEET_TITLE] or "People"
