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

from involve_desktop.exports.fonts import markup

log = logging.getLogger(__name__)

MM = 72 / 25.4  # PDF points in a millimetre
A4 = (210 * MM, 297 * MM)
MARGIN = 18 * MM
FRAME_PADDING = 6  # reportlab's frames keep text this many points inside the margins
RULE_GREY = (0.55, 0.55, 0.55)
LOGO_HEIGHT = 13 * MM
LOGO_WIDTH = 45 * MM


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

    @property
    def header_height(self) -> float:
        text = self.name_points * 1.3 + (self.foot_points * 1.4 if self.charity_number else 0)
        return max(text, LOGO_HEIGHT if self.logo else 0) + 4 * MM

    @property
    def footer_height(self) -> float:
        return self.foot_points * 1.4 + 5 * MM


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


def draw_header(canvas: Any, look: PageLook, logo: Any) -> None:
    """The organisation's name (and charity number) at the top left, the logo at the right,
    a rule beneath."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    width, height = A4
    top = height - MARGIN
    left = MARGIN + FRAME_PADDING
    right = width - MARGIN - FRAME_PADDING
    logo_room = 0.0
    if logo is not None:
        image_width, image_height = logo.getSize()
        scale = min(LOGO_HEIGHT / image_height, LOGO_WIDTH / image_width)
        drawn_width, drawn_height = image_width * scale, image_height * scale
        canvas.drawImage(
            logo,
            right - drawn_width,
            top - drawn_height,
            drawn_width,
            drawn_height,
            mask="auto",
        )
        logo_room = drawn_width + 4 * MM
    name_style = ParagraphStyle(
        "page-name",
        fontName=look.font,
        fontSize=look.name_points,
        leading=look.name_points * 1.25,
    )
    name = Paragraph(markup(look.organisation_name, bold=True, points=look.name_points), name_style)
    _width, name_height = name.wrap(right - left - logo_room, look.name_points * 3)
    name.drawOn(canvas, left, top - name_height)
    if look.charity_number:
        canvas.setFont(look.font, look.foot_points)
        canvas.drawString(
            left,
            top - name_height - look.foot_points * 1.3,
            f"Registered charity number {look.charity_number}",
        )
    rule_y = height - MARGIN - look.header_height + 2 * MM
    canvas.setStrokeColorRGB(*RULE_GREY)
    canvas.setLineWidth(0.6)
    canvas.line(left, rule_y, right, rule_y)


def draw_footer(canvas: Any, look: PageLook, number: int, total: int, title: str) -> None:
    width, _height = A4
    left = MARGIN + FRAME_PADDING
    right = width - MARGIN - FRAME_PADDING
    y = MARGIN
    canvas.setStrokeColorRGB(*RULE_GREY)
    canvas.setLineWidth(0.4)
    canvas.line(left, y + look.foot_points * 1.5, right, y + look.foot_points * 1.5)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(look.font, look.foot_points)
    page_words = f"Page {number} of {total} \u00b7 {look.foot}"
    canvas.drawRightString(right, y, page_words)
    room = right - left - canvas.stringWidth(page_words, look.font, look.foot_points) - 6 * MM
    title = _fitted(canvas, title, look.font, look.foot_points, room)
    if title:
        canvas.drawString(left, y, title)


def _fitted(canvas: Any, text: str, font: str, points: float, room: float) -> str:
    """`text` cut with an ellipsis to fit `room` points (the title is a reminder, not news)."""
    if canvas.stringWidth(text, font, points) <= room:
        return text
    while text and canvas.stringWidth(text + "\u2026", font, points) > room:
        text = text[:-1]
    return text.rstrip() + "\u2026" if text else ""


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
