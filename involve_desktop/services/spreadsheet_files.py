"""Reading a spreadsheet a charity already keeps (CSV or Excel's XLSX) into plain rows.

Row numbers are the ones the user sees in their spreadsheet program, so a message about
"row 14" sends them to the right line. Wholly empty rows are skipped and counted. CSV files
come in many encodings: UTF-8 (with or without the mark Excel adds), UTF-16 from Excel's
"Unicode text", and otherwise Windows-1252, which older Excel on Windows writes; the user is
told when the last guess was made, since only they can see whether the accents look right.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from involve_desktop.domain.import_columns import cell_text, column_letter
from involve_desktop.errors import KnownError

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = (",", ";", "\t")
WINDOWS_1252_NOTE = (
    "This file was saved by an older program with a different set of letters, so Involve "
    "read it the way older Excel writes files. Please check that names with accents look "
    "right in the preview."
)
DAMAGED_CHARACTERS_NOTE = (
    "Some characters in this file could not be read and are shown as \ufffd. Please check "
    "the names in the preview, or save the file again in Excel as “CSV UTF-8”."
)


class SpreadsheetProblem(KnownError):
    """The file cannot be read as a spreadsheet; the message says what to do."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet program shows it; the header is usually row 1
    cells: tuple[object, ...]


@dataclass(frozen=True)
class Sheet:
    """The first sheet of a file: its headers, its rows with data, and what was noticed."""

    file_name: str
    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]
    empty_rows: int = 0
    notes: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        """Each column as the user knows it: its header, or 'Column C' when it has none."""
        return [
            header or f"Column {column_letter(index)}" for index, header in enumerate(self.headers)
        ]

    def samples(self, column: int, count: int = 3) -> list[str]:
        """The first few values in a column, to show beside the choice of field."""
        found: list[str] = []
        for row in self.rows:
            text = cell_text(row.cells[column]).replace("\n", ", ")
            if text:
                found.append(text)
                if len(found) == count:
                    break
        return found


def read_spreadsheet(path: Path) -> Sheet:
    """The first sheet of a CSV or XLSX file; raises `SpreadsheetProblem` in plain words."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise SpreadsheetProblem(
            f"Involve cannot read {suffix} files. Please open it in your spreadsheet program "
            "and save a copy as an Excel workbook (.xlsx) or as CSV, then choose that copy."
        )
    try:
        if suffix in XLSX_SUFFIXES or (suffix not in CSV_SUFFIXES and zipfile.is_zipfile(path)):
            return _read_xlsx(path)
        return _read_csv(path)
    except OSError:
        raise SpreadsheetProblem(
            f"Involve could not open “{path.name}”. It may have been moved, or be open in "
            "another program that keeps it locked. Close it there and try again."
        ) from None


def _read_csv(path: Path) -> Sheet:
    text, notes = _decode(path.read_bytes())
    if "\x00" in text:
        raise SpreadsheetProblem(
            f"“{path.name}” does not look like a spreadsheet saved as CSV. Please choose a "
            ".csv or .xlsx file."
        )
    delimiter = _delimiter(text)
    try:
        raw_rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise SpreadsheetProblem(
            f"“{path.name}” could not be read as CSV: a quoted value may not be closed. "
            "Please open it in your spreadsheet program and save it again."
        ) from None
    return _sheet(path.name, enumerate(raw_rows, start=1), notes)


def _decode(data: bytes) -> tuple[str, list[str]]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), []
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            return body.decode("utf-8"), []
        except UnicodeDecodeError:
            return body.decode("utf-8", errors="replace"), [DAMAGED_CHARACTERS_NOTE]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        # Five byte values have no character in Windows-1252; they become the mark U+FFFD.
        text = data.decode("cp1252", errors="replace")
        notes = [WINDOWS_1252_NOTE]
        if "\ufffd" in text:
            notes.append(DAMAGED_CHARACTERS_NOTE)
        return text, notes


def _delimiter(text: str) -> str:
    """The separator that splits the header line into the most columns (a comma on a tie)."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {
        delimiter: len(next(csv.reader([first_line], delimiter=delimiter), []))
        for delimiter in DELIMITERS
    }
    return max(DELIMITERS, key=lambda delimiter: counts[delimiter])


def _read_xlsx(path: Path) -> Sheet:
    import openpyxl  # imported here: only an import needs it, and it takes a while to load
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError):
        raise SpreadsheetProblem(
            f"“{path.name}” could not be read as an Excel workbook. It may be damaged, or "
            "another kind of file renamed. Please open it in Excel and save it again as .xlsx."
        ) from None
    try:
        if not workbook.worksheets:
            raise SpreadsheetProblem(f"“{path.name}” has no sheets to read.")
        sheet = workbook.worksheets[0]
        notes = []
        if len(workbook.worksheets) > 1:
            notes.append(f"Only the first sheet, “{sheet.title}”, was read.")
        # Some programs write a wrong size into the file; reading without it reads every row.
        sheet.reset_dimensions()
        return _sheet(path.name, enumerate(sheet.iter_rows(min_row=1, values_only=True), 1), notes)
    finally:
        workbook.close()


def _sheet(file_name: str, numbered_rows, notes: list[str]) -> Sheet:  # type: ignore[no-untyped-def]
    header: tuple[object, ...] | None = None
    rows: list[SheetRow] = []
    empty_run = empty_total = 0
    for number, cells in numbered_rows:
        trimmed = _without_trailing_blanks(tuple(cells))
        if not trimmed:
            empty_run += 1
            continue
        # Empty rows count only between rows with data, not the formatted blanks at the end.
        if header is not None:
            empty_total += empty_run
        empty_run = 0
        if header is None:
            header = trimmed
        else:
            rows.append(SheetRow(number, trimmed))
    if header is None:
        raise SpreadsheetProblem(f"“{file_name}” is empty: there is nothing to import.")
    if not rows:
        raise SpreadsheetProblem(f"“{file_name}” has a header row but nothing below it.")
    width = max(len(header), *(len(row.cells) for row in rows))
    if empty_total:
        plural = "row was" if empty_total == 1 else "rows were"
        notes.append(f"{empty_total:,} empty {plural} skipped.")
    return Sheet(
        file_name=file_name,
        headers=tuple(cell_text(cell) for cell in _padded(header, width)),
        rows=tuple(SheetRow(row.number, _padded(row.cells, width)) for row in rows),
        empty_rows=empty_total,
        notes=tuple(notes),
    )


def _without_trailing_blanks(cells: tuple[object, ...]) -> tuple[object, ...]:
    end = len(cells)
    while end and _blank(cells[end - 1]):
        end -= 1
    return cells[:end]


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _padded(cells: tuple[object, ...], width: int) -> tuple[object, ...]:
    return cells + (None,) * (width - len(cells))
