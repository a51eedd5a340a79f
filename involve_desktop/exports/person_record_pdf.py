"""Everything we hold about a person, as a PDF, for a subject access request.

First what the document is and the day it was produced, then every detail of the person's
record in the register's groups (the sensitive sections included, under their own heading),
every record linked to them, their claims with lines and receipts, and the audit trail's
entries about them. Each part says so plainly when there is nothing in it, so the reader
knows it was looked for.

Wide tables (a claim's lines, the audit trail) are set one record to a block in large
print, where seven columns of 16 pt text would not fit across a page.

Takes `report_person.PersonRecordReport`; set on the shared page (exports/document.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from involve_desktop.domain.formatting import long_date
from involve_desktop.exports.document import (
    Styles,
    bold,
    heading,
    table,
    text,
)
from involve_desktop.exports.document_parts import DocumentPart, writer

if TYPE_CHECKING:
    from involve_desktop.services.report_person import (
        Field,
        PersonRecordReport,
        RecordTable,
    )

SUBJECT = "Everything we hold about a person (subject access request)"
KEEP_SAFE = (
    "This document holds sensitive information: health, support and access needs, and "
    "whether payments may affect benefits. Give it only to the person it is about, or to "
    "someone they have asked us in writing to give it to, and keep it safe."
)
MOST_COLUMNS_IN_LARGE_PRINT = 4
# Shares of the page's width for the tables whose columns are known; others share equally.
WIDTHS: dict[str, tuple[float, ...]] = {
    "Participation level history": (1.4, 1.4, 1.4, 1.4),
    "Training": (2.2, 1.4, 2.4),
    "Activities": (3, 1.5, 1.5, 1.3),
    "Groups holding a budget": (1.8, 0.8, 3.4),
    "Actions in the plan they are doing": (3.4, 1, 1.1, 1.5),
    "Lines": (1.45, 0.9, 2.3, 1.8, 0.9, 0.9, 1),
    "Receipts": (2.4, 1.4, 1, 1.6, 1.4),
    "Who has worked on their record (the audit trail)": (1.6, 1.4, 2.3, 1.2),
}
NUMERIC: dict[str, tuple[int, ...]] = {"Lines": (4, 5, 6), "Receipts": (2,)}


def person_record_part(data: PersonRecordReport, look: Styles) -> DocumentPart:
    """Everything held about the person in `data`."""
    story = [
        text(data.title, look.title),
        text(data.what_it_is, look.body),
        text([bold("Produced on: "), long_date(data.produced_on)], look.body),
        text([bold("Record number: "), str(data.person_id)], look.body),
        text([bold("Keep it safe. "), KEEP_SAFE], look.body),
        heading("Their record", 0, look),
    ]
    for group in data.groups:
        story += [heading(group.heading, 1, look), _fields(group.fields, look)]
    story.append(heading("Records linked to them", 0, look))
    for linked in data.linked:
        story += _record_table(linked, look, 1)
    story.append(heading("Claims", 0, look))
    if not data.claims:
        story.append(text(data.claims_empty, look.body))
    for claim in data.claims:
        story += [heading(claim.heading, 1, look), _fields(claim.fields, look)]
        story += _record_table(claim.lines, look, 2)
        story += _record_table(claim.receipts, look, 2)
    story += _record_table(data.audit, look, 0)
    return DocumentPart(data.title, SUBJECT, story)


write_person_record_pdf = writer(person_record_part)


def _fields(fields: Sequence[Field], look: Styles):  # type: ignore[no-untyped-def]
    return table(("Detail", "What we hold"), [(f.label, f.value) for f in fields], (2, 3.4), look)


def _record_table(records: RecordTable, look: Styles, level: int) -> list:
    story = [heading(records.heading, level, look)]
    if records.note:
        story.append(text(records.note, look.small))
    if not records.rows:
        story.append(text(records.empty, look.body))
        return story
    if len(records.columns) == 1:
        # A plain list (roles, interests, barriers) reads better without a table's frame.
        story += [text(f"\u2022 {row[0]}", look.body) for row in records.rows]
        return story
    if look.options.large_print and len(records.columns) > MOST_COLUMNS_IN_LARGE_PRINT:
        # One block per record: the column names down the left, this record's values right.
        for number, row in enumerate(records.rows, start=1):
            story.append(
                table(
                    (f"{_singular(records.heading)} {number}", ""),
                    list(zip(records.columns, row, strict=True)),
                    (2, 3.4),
                    look,
                )
            )
        return story
    widths = WIDTHS.get(records.heading.split(" of ")[0])
    if widths is None or len(widths) != len(records.columns):
        widths = tuple(1.0 for _ in records.columns)
    story.append(
        table(
            records.columns,
            records.rows,
            widths,
            look,
            numeric_columns=NUMERIC.get(records.heading.split(" of ")[0], ()),
        )
    )
    return story


def _singular(heading_words: str) -> str:
    """'Lines of claim 12' → 'Line', for numbering one record's block in large print."""
    word = heading_words.split(" (")[0].split(" of ")[0]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
