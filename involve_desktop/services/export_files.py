"""Saving a file the user asked for (a list, a CSV, a sheet of labels), the same safe way each time.

The whole file is written under a hidden temporary name beside the chosen one, flushed to the
disk, and renamed when complete, so a half-written file never exists under the name the user
chose and an older file of that name survives a failure, a power cut included. Problems
become plain messages that say what to do. CSV cells that a spreadsheet program would run as
a formula are made plain text, and control characters are taken out of every cell.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from involve_desktop.domain.dates import short_date
from involve_desktop.domain.person_record import lines
from involve_desktop.errors import KnownError

# Spreadsheet programs run a CSV cell that starts like a formula; a leading apostrophe makes it
# plain text. Phone numbers such as "+44 7700 900123" are left as they are.
_FORMULA_START = ("=", "@", "+", "-", "\t", "\r")
_PHONE_LIKE = re.compile(r"^\+?[0-9 ()\-.]+$")
CSV_ENCODING = "utf-8-sig"  # with the byte-order mark that tells Excel it is UTF-8


class ExportProblem(KnownError):
    """The file could not be written; the message says what to do."""


def save_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(temporary)` for a hidden file beside `path`, then rename it to `path`."""
    try:
        temporary = _write_temporary(path, write)
    except OSError as problem:
        raise ExportProblem(
            f"Involve could not write in the folder “{path.parent.name or path.parent}” "
            f"({problem.strerror or 'write failed'}). Check there is space on the drive, or "
            "choose another folder."
        ) from None
    try:
        os.replace(temporary, path)
    except OSError:
        raise ExportProblem(
            f"Involve could not save “{path.name}”: a file of that name may be open in "
            "another program. Close it there, or choose another name, and try again."
        ) from None
    finally:
        temporary.unlink(missing_ok=True)
    _flush_folder(path.parent)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """UTF-8 with the byte-order mark, without which Excel shows "SiÃ¢n" for Siân."""
    with path.open("w", encoding=CSV_ENCODING, newline="") as file:
        write_csv_to(file, header, rows)


def write_csv_to(file: TextIO, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """The rows as CSV into a file already open (in CSV_ENCODING, with newline="")."""
    writer = csv.writer(file)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])


def clean_cell(value: object) -> object:
    """Text without control characters (pasted in long ago), which would stop Excel opening
    the file at all; other values as they are."""
    return lines(value) if isinstance(value, str) else value


def csv_cell(value: object) -> str:
    """A cell as text: dates the UK way, formula-like text made harmless."""
    value = clean_cell(value)
    if isinstance(value, date):
        return short_date(value)
    text = str(value) if value is not None else ""
    if text.startswith(_FORMULA_START) and not _PHONE_LIKE.match(text):
        return "'" + text
    return text


def _write_temporary(path: Path, write: Callable[[Path], None]) -> Path:
    """The whole file under a hidden name beside `path` (so the rename cannot cross drives)."""
    handle, name = tempfile.mkstemp(prefix=".involve-export-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        # On the disk before it takes the chosen name: a rename can reach the disk before
        # the file's contents do, leaving an empty file under that name after a power cut.
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _flush_folder(folder: Path) -> None:
    """Put the rename itself on the disk, where the system allows a folder to be opened
    (Windows does not, and records the rename with the file)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems (network drives) cannot: the file is saved all the same
    finally:
        os.close(handle)
