"""The statement a group holding a delegated budget is given: one A4 page that says in plain
words how much they have left, then what people were paid through claims, what else was
spent and what the group decided.

Claims are given as counts and totals, never with names: fees are earnings, and what one
person earns is theirs to share (it can matter to anyone on benefits). The group's own
spending and decisions are listed one by one.

Set in the shipped DejaVu Sans (accented names print as written). Long lists run onto more
pages, each with the tables' headings repeated and "page n of m" at the foot.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.money import format_pence
from involve_desktop.exports.fonts import body_font

if TYPE_CHECKING:
    from involve_desktop.services.budget_groups import BudgetStatement, ClaimTotals

MM = 72 / 25.4  # PDF points in a millimetre
A4 = (210 * MM, 297 * MM)
MARGIN = 18 * MM
FRAME_PADDING = 6  # reportlab's frames keep text this many points inside the margins
BODY_POINTS = 10
RULE_GREY = (0.6, 0.6, 0.6)
HEADING_GREY = (0.9, 0.9, 0.9)  # table headings, marked by words and a rule too

NO_NAMES = "Claims are added up without names: what each person is paid is private to them."


def statement_title(statement: BudgetStatement) -> str:
    return f"{statement.budget_name} \u2014 statement for the group"


def summary_sentences(statement: BudgetStatement) -> list[str]:
    """The statement's opening, in plain words: what is left, then how it got there."""
    allocated = format_pence(statement.allocated_pence)
    remaining = statement.remaining_pence
    if remaining >= 0:
        first = f"You have {format_pence(remaining)} left of {allocated}."
    else:
        first = f"You have spent {format_pence(-remaining)} more than the {allocated} budget."
    said = [first]
    used = format_pence(statement.paid_pence)
    if statement.committed_pence:
        said.append(
            f"{used} is paid or spent, and {format_pence(statement.committed_pence)} is "
            "approved and waiting to be paid."
        )
    else:
        said.append(f"{used} is paid or spent so far.")
    if statement.waiting_pence:
        said.append(
            f"Claims of {format_pence(statement.waiting_pence)} are waiting for approval; "
            "they are not taken off until they are approved."
        )
    return said


def claim_sentences(statement: BudgetStatement) -> list[str]:
    """What people were paid, are owed and have asked for, as counts and totals."""
    steps = (
        ("Paid to people for their time and costs", statement.paid_claims),
        ("Approved, to be paid", statement.approved_claims),
        ("Waiting for approval (not taken off yet)", statement.waiting_claims),
    )
    if not any(totals.claims for _words, totals in steps):
        return ["No claims against this budget yet."]
    return [f"{words}: {_claims_and_money(totals)}." for words, totals in steps]


def _claims_and_money(totals: ClaimTotals) -> str:
    if not totals.claims:
        return "none"
    count = f"{totals.claims:,} claim{'' if totals.claims == 1 else 's'}"
    return (
        f"{count}, {format_pence(totals.total_pence)} (fees {format_pence(totals.fees_pence)}, "
        f"costs {format_pence(totals.expenses_pence)})"
    )


def write_statement(path: Path, statement: BudgetStatement, *, made_on: date) -> int:
    """Write the statement as a PDF at `path`; return how many pages it took."""
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = _Styles(body_font())
    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * MM,  # room for the footer
        title=f"{statement.budget_name} statement",
        author=statement.organisation_name,
        creator="Involve",
        pageCompression=1,
    )
    story: list = [
        Paragraph(escape(statement.organisation_name), styles.small),
        Paragraph(escape(statement_title(statement)), styles.title),
        Paragraph(escape(f"Financial year {statement.year_label}."), styles.body),
        Paragraph(escape(_held_by(statement)), styles.body),
    ]
    if statement.project.strip():
        story.append(
            Paragraph(_with_breaks(f"What the group is doing: {statement.project}"), styles.body)
        )
    story += [
        Spacer(0, 3 * MM),
        Paragraph(escape(summary_sentences(statement)[0]), styles.summary),
        *[Paragraph(escape(text), styles.body) for text in summary_sentences(statement)[1:]],
        Spacer(0, 2 * MM),
        _figures_table(statement, styles),
    ]
    story += [
        Paragraph("Claims", styles.heading),
        *[Paragraph(escape(text), styles.body) for text in claim_sentences(statement)],
        Paragraph(escape(NO_NAMES), styles.small),
    ]
    story += _section(
        "Other spending",
        ("Date", "What it was for", "Amount"),
        [
            (long_date(spend.spent_on), spend.description, format_pence(spend.amount_pence))
            for spend in statement.spends
        ],
        (0.2, 0.65, 0.15),
        "Nothing else spent from this budget yet.",
        styles,
    )
    story += _section(
        "What the group decided",
        ("Date", "Decision", "Amount"),
        [
            (
                long_date(decision.decided_on),
                decision.decision,
                format_pence(decision.amount_pence) if decision.amount_pence is not None else "",
            )
            for decision in statement.decisions
        ],
        (0.2, 0.65, 0.15),
        "No decisions recorded yet.",
        styles,
    )
    pages: list[int] = []
    foot = f"{statement.budget_name} {statement.year_label}, made on {long_date(made_on)}"
    document.build(story, canvasmaker=_numbered_canvas(styles.font, foot, pages))
    return pages[0]


def _held_by(statement: BudgetStatement) -> str:
    group = ", ".join(statement.holders) if statement.holders else "nobody listed yet"
    return f"Held by: {group}."


def _with_breaks(text: str) -> str:
    return "<br/>".join(escape(part) for part in text.splitlines())


class _Styles:
    def __init__(self, font: str) -> None:
        from reportlab.lib.styles import ParagraphStyle

        self.font = font
        self.body = ParagraphStyle("body", fontName=font, fontSize=BODY_POINTS, leading=13)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=9, leading=11)
        self.title = ParagraphStyle(
            "title", parent=self.body, fontSize=16, leading=20, spaceBefore=2, spaceAfter=4
        )
        self.summary = ParagraphStyle(
            "summary", parent=self.body, fontSize=14, leading=18, spaceAfter=2
        )
        self.heading = ParagraphStyle(
            "heading",
            parent=self.body,
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,  # never a heading alone at the foot of a page
        )
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=9, leading=11)
        self.figure = ParagraphStyle("figure", parent=self.cell, alignment=2)  # right


def _figures_table(statement: BudgetStatement, styles: _Styles):  # type: ignore[no-untyped-def]
    """The sum written out: given, less what went out, gives what is left."""
    paid_claims = statement.paid_pence - statement.other_spend_pence
    left = statement.remaining_pence
    rows = [
        ("Given to the group", format_pence(statement.allocated_pence)),
        ("Claims paid", f"\u2212 {format_pence(paid_claims)}"),
        ("Other spending", f"\u2212 {format_pence(statement.other_spend_pence)}"),
        ("Claims approved, to be paid", f"\u2212 {format_pence(statement.committed_pence)}"),
        (
            "Left" if left >= 0 else "Over budget by",
            format_pence(left) if left >= 0 else format_pence(-left),
        ),
    ]
    return _table(rows, (0.45, 0.2), styles, heading=False, total_row=True)


def _section(
    title: str,
    headings: Sequence[str],
    rows: list[Sequence[str]],
    widths: Sequence[float],
    when_empty: str,
    styles: _Styles,
) -> list:
    from reportlab.platypus import Paragraph

    heading = Paragraph(escape(title), styles.heading)
    if not rows:
        return [heading, Paragraph(escape(when_empty), styles.body)]
    return [heading, _table([tuple(headings), *rows], widths, styles, heading=True)]


def _table(  # type: ignore[no-untyped-def]
    rows: list[Sequence[str]],
    widths: Sequence[float],
    styles: _Styles,
    *,
    heading: bool,
    total_row: bool = False,
):
    """Text in every cell wraps; the last column is a figure, set right; a heading row is
    repeated at the top of every page the table runs onto."""
    from reportlab.platypus import Paragraph, Table, TableStyle

    room = A4[0] - 2 * MARGIN
    last = len(widths) - 1
    cells = [
        [
            Paragraph(_with_breaks(text), styles.figure if column == last else styles.cell)
            for column, text in enumerate(row)
        ]
        for row in rows
    ]
    table = Table(
        cells,
        colWidths=[room * share for share in widths],
        repeatRows=1 if heading else 0,
        hAlign="LEFT",
    )
    commands: list = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE_GREY),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if heading:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADING_GREY),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, (0, 0, 0)),
        ]
    if total_row:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, (0, 0, 0)))
    table.setStyle(TableStyle(commands))
    return table


def _numbered_canvas(font: str, foot: str, pages: list[int]):  # type: ignore[no-untyped-def]
    """A canvas that holds its pages back until the end, so each foot can say 'page n of m'."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            pages.append(total)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self.setFont(font, 8)
                self.drawString(MARGIN + FRAME_PADDING, MARGIN, foot)
                self.drawRightString(
                    A4[0] - MARGIN - FRAME_PADDING, MARGIN, f"Page {number} of {total}"
                )
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas
