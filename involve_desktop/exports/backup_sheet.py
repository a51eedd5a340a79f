"""The backup passphrase's "keep this safe" sheet: one A4 page to print and lock away.

The passphrase itself is never printed or written to the PDF: a file on a disk is exactly
what it must not be kept in. The sheet has a box to write it in by hand, what it opens,
who set it and when, and how to restore on another computer with nothing but a backup file
and the passphrase. It is made like every other printed document (the organisation's name
and logo on the page, large print when asked) and saved under a temporary name first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from involve_desktop.domain.formatting import long_date
from involve_desktop.exports.document import (
    MM,
    DocumentHeader,
    PdfOptions,
    Styles,
    bold,
    heading,
    text,
)
from involve_desktop.exports.document_parts import DocumentPart, writer
from involve_desktop.services.export_files import save_atomically

TITLE = "Backup passphrase: keep this safe"
FILE_NAME = "Backup passphrase - keep this safe.pdf"
WRITING_LINES = 2


@dataclass(frozen=True)
class SheetFacts:
    organisation: str
    set_on: date | None  # when the passphrase was set; None before it is
    set_by: str  # the administrator who is printing it (who set it is in the audit trail)


def sheet_part(facts: SheetFacts, look: Styles) -> DocumentPart:
    organisation = facts.organisation or "your organisation"
    when = f" on {long_date(facts.set_on)}" if facts.set_on else ""
    story: list[Any] = [
        heading(TITLE, 0, look),
        text(
            [
                "This sheet is for the passphrase that locks the backups of ",
                bold(organisation),
                f"\u2019s Involve records. It was set{when}.",
            ],
            look.body,
        ),
        text([bold("Write the passphrase here, by hand, exactly as it was typed:")], look.body),
        _writing_box(look),
        heading("What it opens", 1, look),
        text(
            "Every Involve backup file (named \u201cInvolve backup \u2026 .involve-backup\u201d) "
            "made since then opens with this passphrase, on any computer. Whoever has a backup "
            "file and this passphrase can read every record in it.",
            look.body,
        ),
        text(
            "Keep this sheet locked away, and never with the backup sticks. Involve does not "
            "keep the passphrase, and nobody can get it back for you.",
            look.body,
        ),
        text(
            "If the passphrase is changed, backups made before still open only with the old "
            "one: keep the old sheet until those backups are no longer needed.",
            look.body,
        ),
        heading("Restoring on another computer", 1, look),
        text(
            "1. Install Involve. When it starts for the first time, choose "
            "\u201cRestore from a backup file\u201d.",
            look.body,
        ),
        text(
            "2. Choose the newest backup file, and type the passphrase from this sheet.",
            look.body,
        ),
        text(
            "3. Check what the backup holds (organisation, date, number of people), then "
            "restore it. Staff sign in with their own passwords as before.",
            look.body,
        ),
        text(
            f"Printed by {facts.set_by or 'an administrator'}. Keep the recovery key sheet "
            "as safely as this one.",
            look.small,
        ),
    ]
    return DocumentPart(TITLE, "Where to keep the backup passphrase", story)


def _writing_box(look: Styles) -> Any:
    """An empty ruled box, tall enough for a long passphrase in ordinary handwriting."""
    from reportlab.platypus import Table, TableStyle

    row_height = 14 * MM * look.scale
    box = Table([[""] for _line in range(WRITING_LINES)], colWidths=[look.width],
                rowHeights=[row_height] * WRITING_LINES, hAlign="LEFT")  # fmt: skip
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, (0, 0, 0)),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, (0.5, 0.5, 0.5)),
            ]
        )
    )
    return box


write_backup_sheet_pdf = writer(sheet_part)


def make_backup_sheet(
    database: Any, printed_by: str, target: Path, made_on: date, *, large_print: bool = False
) -> int:
    """Read the letterhead and when the passphrase was set, then write the sheet; its pages.
    Headless: call it from a worker thread."""
    from involve_desktop.services.backup_settings import load
    from involve_desktop.services.organisation import load_organisation

    with database.session_scope() as session:
        details = load_organisation(session)
        set_at = load(session).passphrase_set_at
    name = details.name if details else ""
    facts = SheetFacts(name, set_at.date() if set_at else None, printed_by)
    header = DocumentHeader(
        name, details.logo if details else None, details.charity_number if details else ""
    )
    return save_backup_sheet(facts, header, target, made_on, large_print=large_print)


def save_backup_sheet(
    facts: SheetFacts,
    header: DocumentHeader,
    target: Path,
    made_on: date,
    *,
    large_print: bool = False,
) -> int:
    """Write the sheet to `target` (whole, or not at all); return its page count."""
    pages: list[int] = []

    def write(temporary: Path) -> None:
        options = PdfOptions(large_print=large_print)
        pages.append(write_backup_sheet_pdf(facts, temporary, header, options, made_on))

    save_atomically(target, write)
    return pages[0]
