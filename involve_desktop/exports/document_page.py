"""The page every Involve PDF is printed on: A4, the organisation at the top of each page, and
"Page n of m · Made on 26 November 2026" at the foot.

The foot needs the page count before any page is finished, so the canvas holds its pages
back until the document ends and then writes each foot (reportlab's "numbered canvas"
pattern, one pass however long the document). Used through `document.build_pdf`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from involve_desktop.exports.fonts import CJK_FONT, font_for, markup, text_width

log = logging.getLogger(__name__)

MM = 72 / 25.4  # PDF points in a millimetre
A4 = (210 * MM, 297 * MM)
MARGIN = 18 * MM
FRAME_PADDING = 6  # reportlab's frames keep text this many points inside the margins
RULE_GREY = (0.55, 0.55, 0.55)
LOGO_HEIGHT = 13 * MM
LOGO_WIDTH = 45 * MM
TEXT_LEFT = MARGIN + FRAME_PADDING
TEXT_RIGHT = A4[0] - MARGIN - FRAME_PADDING


@dataclass(frozen=True)
class PageLook:
    """What the page template draws around the story (sizes grow with large print)."""

    organisation_name: str
    charity_number: str
    logo: bytes | None
    title: str
    foot: str  # "Made on 26 November 2026"
    font: str
    bold_font: str
    name_points: float
    foot_points: float
    # Large print sets the title on a line of its own above "Page n of m · Made on …":
    # at 16 pt the two do not share one line and leave the title readable.
    foot_lines: int = 1

    @property
    def footer_height(self) -> float:
        return self.foot_points * (1.4 + FOOT_LINE * (self.foot_lines - 1)) + 5 * MM


@dataclass(frozen=True)
class HeaderLayout:
    """The top of the page, measured once per document: the organisation's name as it wraps
    beside the logo (two lines at most) and the height the story must keep clear of."""

    name: Any  # a wrapped reportlab Paragraph, drawn on every page
    name_height: float
    logo_size: tuple[float, float] | None
    height: float


FOOT_LINE = 1.25  # the foot's line spacing, in multiples of its size
NAME_LINES = 2  # a longer name is cut with an ellipsis: the header must not eat the page


def header_layout(look: PageLook, logo: Any) -> HeaderLayout:
    """Measure the header at the width the name really has (the logo's room taken off), so
    the story starts below the name however it wraps."""
    logo_size = None
    logo_room = 0.0
    if logo is not None:
        image_width, image_height = logo.getSize()
        scale = min(LOGO_HEIGHT / image_height, LOGO_WIDTH / image_width)
        logo_size = (image_width * scale, image_height * scale)
        logo_room = logo_size[0] + 4 * MM
    room = TEXT_RIGHT - TEXT_LEFT - logo_room
    name = _name_paragraph(look, room)
    name_height = name.height
    text_height = name_height + (look.foot_points * 1.5 if look.charity_number else 0)
    logo_height = logo_size[1] if logo_size else 0.0
    return HeaderLayout(name, name_height, logo_size, max(text_height, logo_height) + 4 * MM)


def _name_paragraph(look: PageLook, room: float) -> Any:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle(
        "page-name",
        fontName=look.font,
        fontSize=look.name_points,
        leading=look.name_points * 1.25,
        # Chinese and Japanese names have no spaces to wrap at; reportlab's CJK wrapping
        # breaks between their characters and still keeps Latin words whole.
        wordWrap="CJK" if _has_cjk(look.organisation_name) else None,
    )
    words = look.organisation_name
    cut = False
    while True:
        shown = words.rstrip(" ,;:-") + "\u2026" if cut else words
        name = Paragraph(markup(shown, bold=True, points=look.name_points), style)
        name.wrap(room, A4[1])
        widest = max(name.getActualLineWidths0(), default=0.0)
        fits = len(name.blPara.lines) <= NAME_LINES and widest <= room + 0.5
        if fits or len(words) <= 1:
            return name
        words, cut = words[:-1], True


def _has_cjk(text: str) -> bool:
    return any(font_for(ch) == CJK_FONT for ch in text if not ch.isspace())


def logo_reader(logo: bytes | None) -> Any:
    """A reportlab image for the logo, or None when there is none or it cannot be read
    (a damaged logo must not stop a pack from printing)."""
    if not logo:
        return None
    from reportlab.lib.utils import ImageReader

    try:
        reader = ImageReader(BytesIO(logo))
        reader.getSize()
    except Exception:  # Pillow raises many kinds for a file that is not an image
        log.warning("The organisation's logo could not be read; PDFs are made without it")
        return None
    return reader


def draw_header(canvas: Any, look: PageLook, logo: Any, layout: HeaderLayout) -> None:
    """The organisation's name (and charity number) at the top left, the logo at the right,
    a rule beneath."""
    top = A4[1] - MARGIN
    if logo is not None and layout.logo_size is not None:
        drawn_width, drawn_height = layout.logo_size
        canvas.drawImage(
            logo,
            TEXT_RIGHT - drawn_width,
            top - drawn_height,
            drawn_width,
            drawn_height,
            mask="auto",
        )
    layout.name.drawOn(canvas, TEXT_LEFT, top - layout.name_height)
    if look.charity_number:
        canvas.setFont(look.font, look.foot_points)
        canvas.drawString(
            TEXT_LEFT,
            top - layout.name_height - look.foot_points * 1.2,
            f"Registered charity number {look.charity_number}",
        )
    rule_y = top - layout.height + 2 * MM
    canvas.setStrokeColorRGB(*RULE_GREY)
    canvas.setLineWidth(0.6)
    canvas.line(TEXT_LEFT, rule_y, TEXT_RIGHT, rule_y)


def draw_footer(canvas: Any, look: PageLook, number: int, total: int, title: str) -> None:
    y = MARGIN
    title_y = y + look.foot_points * FOOT_LINE * (look.foot_lines - 1)
    rule_y = title_y + look.foot_points * 1.5
    canvas.setStrokeColorRGB(*RULE_GREY)
    canvas.setLineWidth(0.4)
    canvas.line(TEXT_LEFT, rule_y, TEXT_RIGHT, rule_y)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(look.font, look.foot_points)
    page_words = f"Page {number} of {total} \u00b7 {look.foot}"
    canvas.drawRightString(TEXT_RIGHT, y, page_words)
    room = TEXT_RIGHT - TEXT_LEFT
    if look.foot_lines == 1:
        room -= canvas.stringWidth(page_words, look.font, look.foot_points) + 6 * MM
    title = fitted(title, look.foot_points, room)
    if title:
        _draw_line(canvas, title, look, TEXT_LEFT, title_y)


def _draw_line(canvas: Any, words: str, look: PageLook, x: float, baseline: float) -> None:
    """One line of text with font fallback (a title may hold a name in any script)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    leading = look.foot_points * 1.2
    style = ParagraphStyle("page-foot", fontName=look.font, fontSize=look.foot_points,
                           leading=leading)  # fmt: skip
    line = Paragraph(markup(words, points=look.foot_points), style)
    line.wrap(A4[0], leading * 2)
    # reportlab sets a paragraph's first baseline its font size below the paragraph's top.
    line.drawOn(canvas, x, baseline - (line.height - look.foot_points))


def fitted(words: str, points: float, room: float) -> str:
    """`words` cut with an ellipsis to fit `room` points (the title is a reminder, not news)."""
    if text_width(words, points) <= room:
        return words
    while words and text_width(words + "\u2026", points) > room:
        words = words[:-1]
    return words.rstrip() + "\u2026" if words else ""


def numbered_canvas(
    look: PageLook,
    pages: list[int],
    on_page: Callable[[int], None] | None = None,
    finish_page: Callable[[Any, int], None] | None = None,
    title_on: Callable[[int], str] | None = None,
):
    """A canvas class that holds its pages back until the end, so each foot can say
    "page n of m"; `pages` receives the page count. `finish_page(canvas, number)` draws
    what could only be known at the end (the contents) on each page before it is written;
    `title_on(number)` names the document at the foot of that page (the look's title if not
    given)."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            # Bookmarks and links name their page by this counter, which reportlab moves on
            # only when a page is really written: move it on now, and back for save().
            self._doc.pageCounter += 1
            if on_page is not None:
                on_page(len(self._held))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            pages.append(total)
            self._doc.pageCounter -= total
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                if finish_page is not None:
                    finish_page(self, number)
                title = title_on(number) if title_on is not None else look.title
                draw_footer(self, look, number, total, title)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas
