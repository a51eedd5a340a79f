"""The shared foundation of every printed Involve document (strategy, plan, reports, packs).

A document is a list of reportlab flowables made with the helpers here, handed to
`build_pdf`, which sets it on A4 pages with the organisation's name and logo at the top of
every page and "Page n of m · Made on 26 November 2026" at the foot, fills in the PDF's title,
author and subject, and turns headings into bookmarks (and a contents list when asked).

    from involve_desktop.exports.document import (
        DocumentHeader, PdfOptions, bold, build_pdf, heading, styles, table, text,
    )
    look = styles(options)
    story = [
        heading("Action plan", 0, look),
        text("Plain words, escaped for you: <, & and 王芳 print as written.", look.body),
        text(["Owner: ", bold(name)], look.body),
        table(("Action", "Due", "Cost"), rows, (5, 2, 1.2), look, numeric_columns=(2,)),
    ]
    pages = build_pdf(path, "Action plan 2026", story, header, options, made_on)

Rules the helpers keep so documents cannot get them wrong:
- Text goes in as plain strings and is always escaped; bold fragments are `bold("...")`.
- Every string goes through font fallback (exports/fonts.markup), so names in Welsh, Polish,
  Urdu and Chinese print; Urdu is joined and set right to left.
- Large print (`PdfOptions(large_print=True)`) makes the body 16 pt and scales everything
  else with it, tables and charts included (`Styles.scale`).
- Tables repeat their heading row on every page they run onto, wrap long text, set figures
  to the right, and mark the heading row with a grey fill and a black rule (still clear
  when printed in black and white).

reportlab is imported inside functions only: importing this module costs nothing at start.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from involve_desktop.domain.formatting import long_date
from involve_desktop.exports.document_contents import (
    CONTENTS_LEVELS,
    Contents,
    Entry,
    draw_entries,
    pages_needed,
    slot_flowables,
)
from involve_desktop.exports.document_contents import marker as contents_marker
from involve_desktop.exports.document_flow import BuildProgress, heading_keeper
from involve_desktop.exports.document_page import (
    A4,
    FRAME_PADDING,
    MARGIN,
    MM,
    PageLook,
    draw_header,
    header_layout,
    logo_reader,
    numbered_canvas,
)
from involve_desktop.exports.document_table import fitted_widths, needed_width
from involve_desktop.exports.fonts import BOLD_FONT, body_font, bold_font, markup

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Paragraph, Table

__all__ = [
    "A4",
    "MM",
    "Bold",
    "DocumentHeader",
    "PdfOptions",
    "Styles",
    "bold",
    "build_pdf",
    "contents",
    "heading",
    "styles",
    "table",
    "text",
]

NORMAL_BODY_POINTS = 10.5
LARGE_BODY_POINTS = 16.0
HEADER_GREY = (0.86, 0.86, 0.86)  # table heading rows; a black rule marks them too
ROW_RULE_GREY = (0.65, 0.65, 0.65)


@dataclass(frozen=True)
class DocumentHeader:
    """Who the document is from, printed at the top of every page."""

    organisation_name: str
    logo: bytes | None = None  # PNG or JPEG bytes as stored; scaled to fit the header
    charity_number: str = ""


@dataclass(frozen=True)
class PdfOptions:
    large_print: bool = False


@dataclass(frozen=True)
class Bold:
    """A fragment of text set in bold (see `bold`)."""

    text: str


def bold(words: str) -> Bold:
    return Bold(words)


@dataclass(frozen=True)
class Styles:
    """Paragraph styles for one document, all in the shipped body font (bold via its bold
    face). `scale` is 1 normally and larger for large print: multiply any other size (chart
    text, gaps, drawing sizes) by it."""

    options: PdfOptions
    font: str
    bold_font: str
    scale: float
    body: ParagraphStyle
    small: ParagraphStyle  # notes, sources, captions
    title: ParagraphStyle  # a document's title on its first page
    headings: tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]  # levels 0, 1, 2
    cell: ParagraphStyle
    cell_figure: ParagraphStyle  # right-aligned figures in tables
    cell_header: ParagraphStyle
    cell_header_figure: ParagraphStyle
    # Set by a pack: every heading of a document bookmarked one level under the document's
    # own entry. Only the outline and contents move; the printed heading keeps its look.
    outline_shift: int = 0

    @property
    def width(self) -> float:
        """The width text is set in, in points."""
        return A4[0] - 2 * MARGIN - 2 * FRAME_PADDING

    @property
    def body_points(self) -> float:
        return float(self.body.fontSize)


def styles(options: PdfOptions) -> Styles:
    """The styles for a document printed with `options` (large print: body 16 pt)."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    font = body_font()
    heavy = bold_font()
    size = LARGE_BODY_POINTS if options.large_print else NORMAL_BODY_POINTS
    scale = size / NORMAL_BODY_POINTS

    def style(name: str, points: float, **more: Any) -> ParagraphStyle:
        more.setdefault("fontName", font)
        # No paragraph leaves its last line alone at the top of a page (a widow); reportlab
        # already keeps a first line from being left alone at the foot of one.
        return ParagraphStyle(
            name, fontSize=points, leading=round(points * 1.3, 1), allowWidows=0, **more
        )

    body = style("body", size, spaceAfter=size * 0.45)
    # Large print keeps every line at 16 pt or more: small print is only small normally.
    small_points = size if options.large_print else 8.5
    cell_points = size if options.large_print else 9.0
    headings = tuple(
        style(
            f"heading{level}",
            size * grow,
            fontName=heavy,
            spaceBefore=size * before,
            spaceAfter=size * after,
            keepWithNext=1,  # never a heading alone at the foot of a page
        )
        for level, (grow, before, after) in enumerate(
            ((1.55, 0.9, 0.5), (1.25, 0.8, 0.35), (1.05, 0.6, 0.25))
        )
    )
    cell = style("cell", cell_points)
    cell_header = style("cell-header", cell_points, fontName=heavy)
    return Styles(
        options=options,
        font=font,
        bold_font=heavy,
        scale=scale,
        body=body,
        small=style("small", small_points, spaceAfter=small_points * 0.4),
        title=style("title", size * 2, fontName=heavy, spaceAfter=size * 0.8),
        headings=headings,  # type: ignore[arg-type]
        cell=cell,
        cell_figure=style("cell-figure", cell_points, alignment=TA_RIGHT),
        cell_header=cell_header,
        cell_header_figure=style("cell-header-figure", cell_points, fontName=heavy,
                                 alignment=TA_RIGHT),
    )  # fmt: skip


def text(content: str | Sequence[str | Bold], style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped, with font fallback for any script). Give a list to
    mix plain and `bold(...)` fragments. Line breaks in the text are kept."""
    from reportlab.platypus import Paragraph

    return Paragraph(_markup(content, style), style)


def _markup(content: str | Sequence[str | Bold], style: ParagraphStyle) -> str:
    points = float(style.fontSize)
    heavy = style.fontName == BOLD_FONT
    if isinstance(content, str):
        return markup(content, bold=heavy, points=points)
    return "".join(
        markup(part.text, bold=True, points=points)
        if isinstance(part, Bold)
        else markup(part, bold=heavy, points=points)
        for part in content
    )


_heading_keys = itertools.count(1)


def heading(title: str, level: int, look: Styles) -> Flowable:
    """A heading (level 0, 1 or 2) that is also a PDF bookmark; levels 0 and 1 are listed
    in the contents when the document has one. Never left alone at the foot of a page."""
    from reportlab.platypus import Paragraph

    level = max(0, min(2, level))
    outline_level = level + look.outline_shift

    class Heading(Paragraph):
        """Adds itself to the PDF's outline where it is drawn."""

        outline_title = title
        outline_key = new_outline_key()
        outline_markup = markup(title, bold=outline_level == 0, points=look.body_points)

        def draw(self) -> None:
            add_to_outline(self)
            super().draw()

    Heading.outline_level = outline_level
    return Heading(_markup(title, look.headings[level]), look.headings[level])


def add_to_outline(flowable: Any) -> None:
    """Bookmark where `flowable` is drawn, under its `outline_title` and `outline_level`."""
    canvas = flowable.canv
    # The outline refuses to skip a level (a level 2 straight after a level 0), so a heading
    # is shown one under the nearest heading before it that asked for a higher level: two
    # level 2 headings after a level 0 are siblings at level 1, not parent and child.
    asked: list[int] = canvas.__dict__.setdefault("_involve_outline_asked", [])
    while asked and asked[-1] >= flowable.outline_level:
        asked.pop()
    shown = len(asked)
    asked.append(flowable.outline_level)
    canvas.bookmarkHorizontal(flowable.outline_key, 0, flowable.height)
    canvas.addOutlineEntry(flowable.outline_title, flowable.outline_key, shown, closed=shown > 0)


def new_outline_key() -> str:
    return f"heading-{next(_heading_keys)}"


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    col_widths: Sequence[float],
    look: Styles,
    *,
    numeric_columns: Sequence[int] = (),
    keep_last_rows: int = 0,
) -> Table:
    """A table the width of the text. `col_widths` are shares of that width (any positive
    numbers; (3, 1) gives three quarters and one quarter). Strings are wrapped paragraphs,
    set right in `numeric_columns`; a flowable (a chart, a bold paragraph) is placed as is.
    The heading row repeats on every page the table runs onto. `keep_last_rows` rows at
    the end stay on one page (a total is never alone at the top of a page)."""
    from reportlab.platypus import Table, TableStyle

    figures = {column % len(header) for column in numeric_columns} if header else set()
    padding = 3 * look.scale
    needed = [
        max(
            needed_width(
                [header[column]], look.bold_font, look.cell.fontSize, whole=False,
                padding=padding + 1,
            ),
            # Figures never wrap; text wraps between words only, never inside one (large
            # print once broke "Administrator" across two lines).
            needed_width(
                [row[column] for row in rows if isinstance(row[column], str)], look.font,
                look.cell.fontSize, whole=column in figures, padding=padding + 1,
            ),
        )
        for column in range(len(col_widths))
    ]  # fmt: skip
    widths = fitted_widths(col_widths, look.width, needed)

    def cell(value: str | Flowable, column: int, *, heading_row: bool) -> Any:
        if not isinstance(value, str):
            return value
        if heading_row:
            style = look.cell_header_figure if column in figures else look.cell_header
        else:
            style = look.cell_figure if column in figures else look.cell
        return text(value, style)

    data = [[cell(value, column, heading_row=True) for column, value in enumerate(header)]]
    data += [
        [cell(value, column, heading_row=False) for column, value in enumerate(row)] for row in rows
    ]
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding + 1),
        ("LEFTPADDING", (0, 0), (-1, -1), padding + 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding + 1),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, (0, 0, 0)),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, (0, 0, 0)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, ROW_RULE_GREY),
    ]
    if 1 < keep_last_rows <= len(rows):
        commands.append(("NOSPLIT", (0, -keep_last_rows), (-1, -1)))
    result = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    result.setStyle(TableStyle(commands))
    return result


def contents(look: Styles, title: str = "Contents") -> list[Flowable]:
    """A contents list of the document's level 0 and 1 headings with their page numbers,
    each a link to its page. Put it in the story where it should print (after a cover, say)
    and follow it with a PageBreak; `build_pdf` keeps as many pages as the list needs."""
    from reportlab.platypus import Paragraph

    # The contents' own title is no bookmark: it would list itself.
    return [Paragraph(_markup(title, look.headings[0]), look.headings[0]), contents_marker()]


def build_pdf(
    target: Path | BinaryIO,
    title: str,
    story: list,
    header: DocumentHeader,
    options: PdfOptions,
    made_on: date,
    *,
    subject: str = "",
    with_contents: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Set `story` on A4 pages and write the PDF to `target`; return the page count.

    `with_contents` puts a contents list on the first page(s) (unless the story already
    holds one made by `contents`). The document is laid out once either way.
    `progress(done, total)` is called as the flowables are laid out (at most once per 1%)
    and once more with done == total at the end, on the thread that builds.
    """
    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate

    look = styles(options)
    story = list(story)
    if with_contents and not any(_is_contents(item) for item in story):
        story = [*contents(look), PageBreak(), *story]
    page_look = PageLook(
        organisation_name=header.organisation_name,
        charity_number=header.charity_number,
        logo=header.logo,
        title=title,
        foot=f"Made on {long_date(made_on)}",
        font=look.font,
        bold_font=look.bold_font,
        name_points=(16 if options.large_print else 11),
        foot_points=(16 if options.large_print else 8),
        foot_lines=(2 if options.large_print else 1),
    )
    logo = logo_reader(header.logo)
    top = header_layout(page_look, logo)
    frame_height = A4[1] - 2 * MARGIN - top.height - page_look.footer_height
    listing = Contents(look)
    for index, item in enumerate(story):
        if _is_contents(item):
            pages = pages_needed(story, listing, frame_height)
            story[index : index + 1] = slot_flowables(pages, listing)
            break
    frame = Frame(MARGIN, MARGIN + page_look.footer_height, A4[0] - 2 * MARGIN, frame_height)
    ticker = BuildProgress(progress, len(story))

    # A pack's documents each name themselves at the foot of their own pages.
    running_titles: dict[int, str] = {}

    class Document(BaseDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:
            ticker.step()
            part_title = getattr(flowable, "part_title", None)
            if part_title is not None:
                running_titles[self.page] = part_title
            level = getattr(flowable, "outline_level", None)
            if level is not None and level < CONTENTS_LEVELS:
                listing.entries.append(
                    Entry(
                        level,
                        flowable.outline_title,
                        flowable.outline_markup,
                        self.page,
                        flowable.outline_key,
                    )
                )

    document = Document(
        target if not isinstance(target, Path) else str(target),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=header.organisation_name,
        subject=subject,
        creator="Involve",
        lang="en-GB",
        pageCompression=1,
        keepTogetherClass=heading_keeper(look.body.leading * 6, frame_height),
        pageTemplates=[
            PageTemplate(
                id="page",
                frames=[frame],
                onPage=lambda canvas, _doc: draw_header(canvas, page_look, logo, top),
            )
        ],
    )
    counted: list[int] = []

    def finish_page(canvas: Any, number: int) -> None:
        if listing.slots:
            draw_entries(canvas, number, listing)

    def title_on(number: int) -> str:
        started = [page for page in running_titles if page <= number]
        return running_titles[max(started)] if started else title

    document.build(
        story, canvasmaker=numbered_canvas(page_look, counted, None, finish_page, title_on)
    )
    ticker.finish()
    return counted[-1]


def _is_contents(item: object) -> bool:
    return bool(getattr(item, "involve_contents", False))
