"""A sheet of address labels: 21 to an A4 page in the common L7160 layout (3 across, 7 down,
63.5 by 38.1 mm), the kind sold in every stationer's for laser and inkjet printers.

Each label is a list of lines (a name, then the address), set in the shipped DejaVu Sans so
accented names print correctly. Text too long for a label is set smaller, down to a size
still readable on an envelope, and only then shortened with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from involve_desktop.exports.fonts import body_font, missing_characters
from involve_desktop.services.contact_lists import address_labels, note_labels_given_out
from involve_desktop.services.export_files import save_atomically

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from involve_desktop.services.permissions import Actor

MM = 72 / 25.4  # PDF points in a millimetre
A4_MM = (210.0, 297.0)
LARGEST_POINTS = 11.0
SMALLEST_POINTS = 7.0
LEADING = 1.2  # line height as a multiple of the font size
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class LabelSheet:
    """Where labels sit on the page, in millimetres from the top left corner."""

    name: str
    across: int
    down: int
    width: float
    height: float
    left: float
    top: float
    step_across: float  # from one label's left edge to the next one's
    step_down: float
    padding: float = 4.0  # text kept this far inside the label's edge

    @property
    def per_page(self) -> int:
        return self.across * self.down


L7160 = LabelSheet(
    "L7160", across=3, down=7, width=63.5, height=38.1, left=7.2, top=15.15, step_across=66.04,
    step_down=38.1, padding=5.0,
)  # fmt: skip


@dataclass(frozen=True)
class LabelsWritten:
    labels: int
    pages: int
    unprintable: int  # labels with characters the font cannot show (Chinese, for example)


def save_address_labels(
    session: Session,
    actor: Actor | None,
    person_ids: list[int],
    path: Path,
    *,
    today: date | None = None,
    prefer_post_only: bool = True,
    outlines: bool = False,
) -> LabelsWritten:
    """Save a sheet of labels for the chosen people who prefer post and have an address
    (`services.contact_lists.address_labels` chooses them) at `path`, and record it in the
    audit trail. Raises `ExportProblem` when there are no labels to print."""
    chosen = address_labels(session, person_ids, today=today, prefer_post_only=prefer_post_only)
    written: list[LabelsWritten] = []
    save_atomically(
        path,
        lambda temporary: written.append(write_labels(temporary, chosen.labels, outlines=outlines)),
    )
    note_labels_given_out(session, actor, chosen)
    return written[0]


def write_labels(
    path: Path,
    labels: Sequence[Sequence[str]],
    *,
    sheet: LabelSheet = L7160,
    title: str = "Address labels",
    outlines: bool = False,
) -> LabelsWritten:
    """Write one label per entry of `labels` (its lines) to a PDF at `path`.

    `outlines` draws each label's edge, for checking the layout on plain paper.
    """
    from reportlab.pdfgen.canvas import Canvas

    font = body_font()
    canvas = Canvas(str(path), pagesize=(A4_MM[0] * MM, A4_MM[1] * MM), pageCompression=1)
    # The file's own title is shown by PDF readers: no names in it.
    canvas.setTitle(title)
    canvas.setCreator("Involve")
    unprintable = 0
    for number, lines in enumerate(labels):
        if number and number % sheet.per_page == 0:
            canvas.showPage()
        slot = number % sheet.per_page
        x, y = _corner(sheet, slot)
        if outlines:
            canvas.setLineWidth(0.3)
            canvas.rect(x, y, sheet.width * MM, sheet.height * MM)
        clean = [" ".join(line.split()) for line in lines if line.strip()]
        unprintable += bool(missing_characters("".join(clean)))
        _draw_label(canvas, font, sheet, x, y, clean)
    pages = max(1, -(-len(labels) // sheet.per_page))
    canvas.showPage()
    canvas.save()
    return LabelsWritten(labels=len(labels), pages=pages, unprintable=unprintable)


def _corner(sheet: LabelSheet, slot: int) -> tuple[float, float]:
    """The bottom-left corner of label number `slot` on the page, in points."""
    column, row = slot % sheet.across, slot // sheet.across
    left = sheet.left + column * sheet.step_across
    bottom = A4_MM[1] - sheet.top - row * sheet.step_down - sheet.height
    return left * MM, bottom * MM


def _draw_label(canvas, font: str, sheet: LabelSheet, x: float, y: float, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    room_across = (sheet.width - 2 * sheet.padding) * MM
    room_down = (sheet.height - 2 * sheet.padding) * MM
    size, shown = _fitting(lines, font, room_across, room_down)
    step = size * LEADING
    if len(shown) * step - (step - size) > room_down:
        # More lines than fit even at the smallest size: the last one shown says so.
        shown = shown[: max(1, int((room_down + step - size) // step))]
        shown[-1] = shown[-1] + ELLIPSIS
    # The block of lines sits in the middle of the label, top to bottom.
    block = step * (len(shown) - 1) + size
    baseline = y + sheet.height * MM / 2 + block / 2 - size * 0.8
    canvas.setFont(font, size)
    for line in shown:
        text = line
        while stringWidth(text, font, size) > room_across and len(text) > 1:
            text = text[:-2] + ELLIPSIS
        canvas.drawString(x + sheet.padding * MM, baseline, text)
        baseline -= step


def _fitting(
    lines: list[str], font: str, room_across: float, room_down: float
) -> tuple[float, list[str]]:
    """The largest size (in half points, at least SMALLEST_POINTS) at which every line fits,
    long lines wrapped at spaces; and the lines as wrapped at that size."""
    size = LARGEST_POINTS
    while True:
        wrapped = [part for line in lines for part in _wrapped(line, font, size, room_across)]
        tall = size * LEADING * (len(wrapped) - 1) + size
        if size <= SMALLEST_POINTS or (
            tall <= room_down and all(_width(line, font, size) <= room_across for line in wrapped)
        ):
            return size, wrapped
        size -= 0.5


def _wrapped(line: str, font: str, size: float, room: float) -> list[str]:
    """A line too wide for the label, broken at spaces (a single long word stays whole)."""
    parts: list[str] = []
    for word in line.split(" "):
        if parts and _width(f"{parts[-1]} {word}", font, size) <= room:
            parts[-1] = f"{parts[-1]} {word}"
        else:
            parts.append(word)
    return parts


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))
