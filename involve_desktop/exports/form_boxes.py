"""Boxes for writing in by hand on a printed form: labelled boxes, ruled rows, tick boxes
with words, and a bold table cell for totals. Sizes grow with large print (`Styles.scale`).

reportlab is imported inside functions only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from involve_desktop.exports.document import MM, Styles, bold, table, text

TICKED = "\u2612"  # ☒
UNTICKED = "\u2610"  # ☐
BOX_GREY = (0.25, 0.25, 0.25)  # dark enough to show on any printer
WRITING_ROW_MM = 8  # room for handwriting in a ruled row


def bold_cell(words: str, look: Styles, figure: bool = False) -> Any:
    """A table cell in bold (a total)."""
    return text([bold(words)], look.cell_figure if figure else look.cell)


def tick_choices(choices: Sequence[str], chosen: str | None, look: Styles) -> list:
    """Each way to be paid with a tick box before its words, in two columns."""
    from reportlab.platypus import Table, TableStyle

    cells = [
        text(f"{TICKED if choice == chosen else UNTICKED}  {choice}", look.body)
        for choice in choices
    ]
    half = (len(cells) + 1) // 2
    rows = [[cells[index], cells[index + half] if index + half < len(cells) else ""]
            for index in range(half)]  # fmt: skip
    grid = Table(rows, colWidths=[look.width * 0.4, look.width * 0.6], hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [grid]


def write_in_boxes(fields: Sequence[tuple[str, str, float]], height_mm: float, look: Styles) -> Any:
    """Labelled boxes side by side: (label, what is already written, share of the width).
    `height_mm` is the room to write in (grown for large print); 0 fits the text."""
    from reportlab.platypus import Table, TableStyle

    gap = 4 * MM
    room = look.width - gap * (len(fields) - 1)
    total = sum(share for _label, _value, share in fields)
    widths: list[float] = []
    labels: list[Any] = []
    values: list[Any] = []
    for index, (label, value, share) in enumerate(fields):
        if index:
            widths.append(gap)
            labels.append("")
            values.append("")
        widths.append(room * share / total)
        labels.append(text(label, look.small))
        values.append(text(value, look.body))
    height = height_mm * MM * look.scale if height_mm else None
    boxes = Table([labels, values], colWidths=widths, rowHeights=[None, height], hAlign="LEFT")
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * look.scale),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 1),
        ("TOPPADDING", (0, 1), (-1, 1), 3 * look.scale),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 4 * look.scale),
    ]
    commands += [
        ("BOX", (column, 1), (column, 1), 0.9, BOX_GREY) for column in range(0, len(widths), 2)
    ]
    boxes.setStyle(TableStyle(commands))
    return boxes


def ruled_rows(
    headings: Sequence[str],
    shares: Sequence[float],
    rows: int,
    look: Styles,
    *,
    tick_column: int | None = None,
) -> Any:
    """A table of empty rows, ruled on every side, tall enough to write in by hand."""
    from reportlab.platypus import Spacer, TableStyle

    height = WRITING_ROW_MM * MM * look.scale
    empty = [
        [
            Spacer(1, height) if column == 0 else (UNTICKED if column == tick_column else "")
            for column in range(len(headings))
        ]
        for _ in range(rows)
    ]
    result = table(headings, empty, shares, look)
    result.setStyle(
        TableStyle(
            [
                ("GRID", (0, 1), (-1, -1), 0.6, BOX_GREY),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 1), (-1, -1), "CENTER"),
            ]
        )
    )
    return result


def column_shares(
    look: Styles, normal: tuple[float, ...], large: tuple[float, ...]
) -> tuple[float, ...]:
    """Column shares: large print gives figures and dates more room, so "£150.00" and
    "26 November 2026" do not break."""
    return large if look.options.large_print else normal


def gap(look: Styles) -> Any:
    from reportlab.platypus import Spacer

    return Spacer(1, 4 * MM * look.scale)
