"""A contents list laid out in one pass: used through `document.contents` and `build_pdf`.

reportlab's own TableOfContents lays the whole document out twice or more until the page
numbers settle, which doubles the time a 40-page pack takes. Here the contents pages are
reserved first (their number follows from how many headings the story holds, each entry one
line), the document is laid out once while the headings note their pages, and the entries
are written onto the reserved pages when the canvas writes the footers, with each entry a
link to its heading.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from involve_desktop.exports.document import Styles

CONTENTS_LEVELS = 2  # headings of level 0 and 1 are listed


@dataclass(frozen=True)
class Entry:
    level: int
    title: str
    markup: str
    page: int
    key: str


@dataclass(frozen=True)
class Slot:
    """Room on one page kept for contents entries, in absolute page points."""

    page: int
    left: float
    top: float
    width: float
    height: float


@dataclass
class Contents:
    """What one document's contents list needs: reserved room and the headings found."""

    look: Styles
    slots: list[Slot] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    def line_height(self, level: int) -> float:
        return self.look.body.leading * (1.55 if level == 0 else 1.2)


def marker() -> Any:
    """Where `build_pdf` puts the reserved contents pages."""
    from reportlab.platypus import Flowable

    class ContentsMarker(Flowable):
        involve_contents = True

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            return

    return ContentsMarker()


def slot_flowables(pages: int, contents: Contents) -> list:
    """Flowables that keep `pages` pages (the first one from where the list starts) for
    the contents, recording where that room is."""
    from reportlab.platypus import Flowable, PageBreak

    class ContentsRoom(Flowable):
        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            self.width = availWidth
            # One point short of the whole frame, so what follows starts a new page
            # without leaving an empty one.
            self.height = max(availHeight - 1, 0)
            return self.width, self.height

        def draw(self) -> None:
            canvas = self.canv
            left, top = canvas.absolutePosition(0, self.height)
            contents.slots.append(Slot(canvas.getPageNumber(), left, top, self.width, self.height))

    found: list = []
    for index in range(pages):
        if index:
            found.append(PageBreak())
        found.append(ContentsRoom())
    return found


def headings_in(story: list) -> Iterator[Any]:
    """The headings to be listed, in order, including those kept together with what follows."""
    for item in story:
        level = getattr(item, "outline_level", None)
        if level is not None and level < CONTENTS_LEVELS:
            yield item
        inner = getattr(item, "_content", None)
        if isinstance(inner, list):
            yield from headings_in(inner)


def pages_needed(story: list, contents: Contents, page_room: float) -> int:
    """Pages the list takes, counted with room to spare: a page too many is blank at the
    end of the contents; too few would lose entries."""
    look = contents.look
    title_room = look.headings[0].leading + look.headings[0].spaceBefore + look.body.leading * 2
    total = sum(contents.line_height(item.outline_level) for item in headings_in(story))
    first = max(page_room - title_room, 0.0)
    if total <= first:
        return 1
    return 1 + math.ceil((total - first) / (page_room - look.body.leading))


def draw_entries(canvas: Any, page: int, contents: Contents) -> None:
    """Write the entries that fall on this reserved page (called as each page is written)."""
    look = contents.look
    remaining = list(contents.entries)
    for slot in contents.slots:
        y = slot.top
        while remaining and y - contents.line_height(remaining[0].level) >= slot.top - slot.height:
            entry = remaining.pop(0)
            y -= contents.line_height(entry.level)
            if slot.page == page:
                _draw_entry(canvas, entry, slot, y, look)


def _draw_entry(canvas: Any, entry: Entry, slot: Slot, baseline: float, look: Styles) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    points = look.body_points
    font = look.bold_font if entry.level == 0 else look.font
    indent = 0.0 if entry.level == 0 else points * 1.5
    number = str(entry.page)
    number_width = stringWidth(number, font, points)
    style = ParagraphStyle("contents-entry", parent=look.body, fontName=font, spaceAfter=0)
    room = slot.width - indent - number_width - points * 2
    title, height = _one_line(entry, style, room)
    title_width = max(title.getActualLineWidths0() or [0.0])
    left = slot.left + indent
    # A paragraph's first baseline sits one font size below its top.
    title.drawOn(canvas, left, baseline - height + points)
    right = slot.left + slot.width
    canvas.setFont(font, points)
    canvas.drawRightString(right, baseline, number)
    # The dotted leader, from the title to the page number.
    dot_width = stringWidth(" .", look.font, points)
    start = left + title_width + points * 0.5
    end = right - number_width - points * 0.5
    if end > start:
        canvas.setFont(look.font, points)
        canvas.drawRightString(end, baseline, " ." * int((end - start) / dot_width))
    canvas.linkRect(
        "",
        entry.key,
        (slot.left, baseline - points * 0.35, right, baseline + points),
        relative=0,
        # reportlab numbers annotations per page state, which the held pages repeat.
        name=f"contents-link-{entry.key}",
    )


def _one_line(entry: Entry, style: Any, room: float) -> tuple[Any, float]:
    """The entry's title as a one-line paragraph, cut short with an ellipsis if need be."""
    from reportlab.platypus import Paragraph

    from involve_desktop.exports.fonts import markup

    bold = entry.level == 0
    title = Paragraph(entry.markup, style)
    _width, height = title.wrap(room, style.leading * 10)
    words = entry.title.split()
    while height > style.leading * 1.5 and len(words) > 1:
        words.pop()
        cut = markup(" ".join(words).rstrip(",;:") + "\u2026", bold=bold)
        title = Paragraph(cut, style)
        _width, height = title.wrap(room, style.leading * 10)
    return title, height
