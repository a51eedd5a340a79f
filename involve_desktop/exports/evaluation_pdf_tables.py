"""Tables for the evaluation report that stay readable in large print.

At 16 pt a five-column table leaves a dozen letters to a column, and words break in the
middle ("Collaborat-ing"). So in large print a wide table is set as two columns: the row's
name, then each other cell on a line of its own under its heading in bold. The words are
the same either way, and the heading row still repeats on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from involve_desktop.exports.document import Bold, Styles, bold, table, text

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

# Up to this many columns print as they are in large print too.
NARROW_ENOUGH = 3
DETAILS = "Details"
# A table this short is kept on one page; a longer one runs on with its heading row repeated.
SHORT_TABLE_ROWS = 12
ROOM_FOR_A_CAPTION = 14  # in body lines: a caption and a short table (kept whole) under it
ROOM_FOR_A_START = 20  # in body lines: a heading, a sentence, a table's heading and a row


def caption(words: str, look: Styles) -> list[Flowable]:
    """A table's name, moved to the next page with the table when too little room is left
    for the name and the table's first rows (keepWithNext would move the whole table)."""
    from reportlab.platypus import CondPageBreak

    return [CondPageBreak(look.body_points * ROOM_FOR_A_CAPTION), text(words, look.small)]


def section_start(look: Styles) -> Flowable:
    """Put before a heading with a table under it: a new page when too little room is left
    for the heading to have anything under it (a heading is kept only with the paragraph
    after it, and keeping whole tables with it would leave pages half empty)."""
    from reportlab.platypus import CondPageBreak

    return CondPageBreak(look.body_points * ROOM_FOR_A_START)


def fitted_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    look: Styles,
    *,
    numeric_columns: Sequence[int] = (),
    bold_last_row: bool = False,
) -> Flowable:
    """`document.table` normally; in large print, a wide table as name-and-details rows.
    `bold_last_row` marks a totals row. A short table of one line to a row is kept whole on
    one page; others run on (rows set as details are tall, and would leave gaps)."""
    from reportlab.platypus import KeepTogether

    made = _table(header, rows, widths, look, numeric_columns, bold_last_row)
    made.spaceAfter = look.body_points * 0.8
    return (
        KeepTogether([made])
        if len(rows) <= SHORT_TABLE_ROWS and not stacked(header, look)
        else made
    )


def stacked(header: Sequence[str], look: Styles) -> bool:
    """Whether a table with these columns is set as name-and-details rows."""
    return look.options.large_print and len(header) > NARROW_ENOUGH


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    look: Styles,
    numeric_columns: Sequence[int],
    bold_last_row: bool,
) -> Flowable:
    if not stacked(header, look):
        cells: list[list[str | Flowable]] = [list(row) for row in rows]
        if bold_last_row and cells:
            cells[-1] = [_bold_cell(value, column in numeric_columns, look)
                         for column, value in enumerate(rows[-1])]  # fmt: skip
        return table(header, cells, widths, look, numeric_columns=numeric_columns)
    details_rows: list[list[str | Flowable]] = []
    for position, row in enumerate(rows):
        parts: list[str | Bold] = []
        for column, value in enumerate(row[1:], start=1):
            parts += [bold(("\n" if parts else "") + f"{header[column]}: "), value]
        name: str | Flowable = row[0]
        if bold_last_row and position == len(rows) - 1:
            name = text([bold(row[0])], look.cell)
        details_rows.append([name, text(parts, look.cell)])
    return table((header[0], DETAILS), details_rows, (1.0, 1.3), look)


def _bold_cell(value: str, figure: bool, look: Styles) -> Flowable:
    return text([bold(value)], look.cell_figure if figure else look.cell)
