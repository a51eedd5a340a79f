"""Charts for printed documents, drawn with reportlab.graphics and readable in black and white.

Every bar carries its number, so a chart never stands without its figures and a grey
photocopy loses nothing. Series differ by grey level and by hatching, never by colour alone,
and the legend shows the same swatches. Sizes follow the document's styles, so large print
gives large charts. Each function returns a flowable the width of the text.

    story.append(bar_chart(["Meetings", "Surveys"], [12, 4], title="Activities", look=look))
    story.append(pyramid([("Observing", 120), ("Taking part", 45), ("Leading", 3)], look=look))
    story.append(grouped_bars(["Youth group"], [("Allocated", [250000]), ("Paid", [180050])],
                              title="Spend against budget", look=look))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from involve_desktop.domain.money import format_pence
from involve_desktop.exports.fonts import ARABIC_FONT, BODY_FONT, register, runs, visual_arabic

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from involve_desktop.exports.document import Styles


@dataclass(frozen=True)
class Swatch:
    """How one series is filled: a grey level (0 black, 1 white) and hatching or not."""

    grey: float
    hatched: bool


# Told apart on a grey printout: light, dark, hatched on white, hatched on mid grey.
SWATCHES = (Swatch(0.82, False), Swatch(0.35, False), Swatch(1.0, True), Swatch(0.6, True))
# The pyramid's rungs, from the bottom (widest) up: darker at the base.
PYRAMID_GREYS = (0.45, 0.6, 0.72, 0.84, 0.92)


def _count(value: int) -> str:
    return f"{value:,}"


def bar_chart(
    labels: Sequence[str],
    values: Sequence[int],
    *,
    title: str,
    look: Styles,
    value_format: Callable[[int], str] = _count,
) -> Drawing:
    """Horizontal bars, one a line, each with its label on the left and its value after it."""
    return grouped_bars(labels, [("", values)], title=title, look=look, value_format=value_format)


def grouped_bars(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    title: str,
    look: Styles,
    value_format: Callable[[int], str] = format_pence,
) -> Drawing:
    """For each category a bar per series (e.g. allocated and paid, in pence shown as £),
    told apart by grey and hatching, with a legend when there is more than one series."""
    from reportlab.graphics.shapes import Drawing, Line

    sizes = _Sizes(look)
    named = len(series) > 1
    label_width = _label_column(categories, sizes)
    value_width = max(
        (sizes.width_of(value_format(value)) for _name, values in series for value in values),
        default=0,
    )
    bar_room = max(sizes.width - label_width - value_width - 3 * sizes.gap, sizes.width * 0.2)
    largest = max((max(values, default=0) for _name, values in series), default=0) or 1
    bar_height = sizes.points * 1.25
    group_height = bar_height * len(series) + sizes.gap * 1.2
    legend_height = sizes.line if named else 0
    height = sizes.title_line + legend_height + group_height * len(categories) + sizes.gap
    drawing = Drawing(sizes.width, height)
    _title(drawing, title, sizes, height)
    if named:
        _legend(drawing, [name for name, _values in series], sizes, height - sizes.title_line)
    top = height - sizes.title_line - legend_height
    bars_left = label_width + sizes.gap
    for row, category in enumerate(categories):
        group_top = top - row * group_height
        label_y = group_top - (bar_height * len(series)) / 2 - sizes.points * 0.35
        _string(drawing, label_width, label_y, category, sizes, end=True)
        for index, (_name, values) in enumerate(series):
            value = values[row] if row < len(values) else 0
            y = group_top - (index + 1) * bar_height
            width = bar_room * max(value, 0) / largest
            _bar(drawing, bars_left, y, width, bar_height * 0.86, SWATCHES[index % len(SWATCHES)])
            text_y = y + bar_height * 0.43 - sizes.points * 0.35
            _string(drawing, bars_left + width + sizes.gap / 2, text_y, value_format(value), sizes)
    # The axis the bars start from.
    axis_bottom = top - group_height * len(categories) + sizes.gap
    drawing.add(Line(bars_left, axis_bottom, bars_left, top, strokeWidth=0.8))
    return drawing


def pyramid(levels: Sequence[tuple[str, int]], *, look: Styles, title: str = "") -> Drawing:
    """The participation pyramid: one centred bar per level, the first level given (e.g.
    Observing) at the bottom, each bar as wide as its count of people, the count beside it."""
    from reportlab.graphics.shapes import Drawing

    sizes = _Sizes(look)
    label_width = _label_column([label for label, _count in levels], sizes)
    count_width = max((sizes.width_of(_count(count)) for _label, count in levels), default=0)
    room = sizes.width - label_width - count_width - 3 * sizes.gap
    middle = label_width + sizes.gap + room / 2
    largest = max((count for _label, count in levels), default=0) or 1
    bar_height = sizes.points * 2
    title_line = sizes.title_line if title else 0
    height = title_line + bar_height * len(levels) + sizes.gap
    drawing = Drawing(sizes.width, height)
    if title:
        _title(drawing, title, sizes, height)
    for rung, (label, count) in enumerate(levels):
        y = sizes.gap + rung * bar_height
        # A level nobody is at still shows a sliver, so the shape reads as a pyramid.
        width = max(room * count / largest, 2.0)
        grey = PYRAMID_GREYS[min(rung, len(PYRAMID_GREYS) - 1)]
        _bar(drawing, middle - width / 2, y, width, bar_height * 0.88, Swatch(grey, False))
        text_y = y + bar_height * 0.44 - sizes.points * 0.35
        _string(drawing, label_width, text_y, label, sizes, end=True)
        _string(drawing, middle + width / 2 + sizes.gap / 2, text_y, _count(count), sizes)
    return drawing


class _Sizes:
    """Type sizes and gaps for one chart, grown with large print."""

    def __init__(self, look: Styles) -> None:
        self.font = look.font
        self.bold_font = look.bold_font
        self.points = float(look.cell.fontSize)
        self.width = look.width
        self.gap = self.points * 0.7
        self.line = self.points * 1.8
        self.title_line = self.points * 2.4

    def width_of(self, text: str, font: str | None = None) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, font or self.font, self.points)


def _label_column(labels: Sequence[str], sizes: _Sizes) -> float:
    widest = max((_drawn_width(label, sizes) for label in labels), default=0.0)
    return min(widest, sizes.width * 0.38)


def _pieces(text: str) -> list[tuple[str, str]]:
    """(font, characters) pieces a chart label is drawn in: each run in a font that has its
    letters, Urdu and Arabic joined and right to left (as `fonts.markup` does for text)."""
    found = []
    for name, run in runs(text):
        register(name)
        found.append((name, visual_arabic(run) if name == ARABIC_FONT else run))
    return found


def _drawn_width(text: str, sizes: _Sizes, font: str | None = None) -> float:
    return sum(
        sizes.width_of(run, font if font and name == BODY_FONT else name)
        for name, run in _pieces(text)
    )


def _string(
    drawing: Any,
    x: float,
    y: float,
    text: str,
    sizes: _Sizes,
    *,
    end: bool = False,
    font: str | None = None,
    points: float | None = None,
) -> None:
    """Draw `text` starting at x (or ending at x), run by run; `font` replaces the body font
    (for bold titles)."""
    from reportlab.graphics.shapes import String

    points = points or sizes.points
    scale = points / sizes.points
    if end:
        x -= _drawn_width(text, sizes, font) * scale
    for name, run in _pieces(text):
        face = font if font and name == BODY_FONT else name
        drawing.add(String(x, y, run, fontName=face, fontSize=points))
        x += sizes.width_of(run, face) * scale


def _title(drawing: Any, title: str, sizes: _Sizes, height: float) -> None:
    y = height - sizes.points * 1.4
    _string(drawing, 0, y, title, sizes, font=sizes.bold_font, points=sizes.points * 1.15)


def _legend(drawing: Any, names: Sequence[str], sizes: _Sizes, top: float) -> None:
    x = 0.0
    y = top - sizes.points * 1.2
    for index, name in enumerate(names):
        _bar(drawing, x, y, sizes.points * 1.6, sizes.points, SWATCHES[index % len(SWATCHES)])
        x += sizes.points * 2.1
        _string(drawing, x, y + sizes.points * 0.15, name, sizes)
        x += sizes.width_of(name) + sizes.points * 1.6


def _bar(drawing: Any, x: float, y: float, width: float, height: float, swatch: Swatch) -> None:
    from reportlab.graphics.shapes import Line, Rect
    from reportlab.lib.colors import Color, black

    grey = Color(swatch.grey, swatch.grey, swatch.grey)
    drawing.add(Rect(x, y, width, height, fillColor=grey, strokeColor=black, strokeWidth=0.6))
    if not swatch.hatched:
        return
    step = 4.0
    offset = -height
    while offset < width:
        # A 45° line from the bar's bottom edge to its top, cut at its left and right ends.
        x0, y0 = x + offset, y
        x1, y1 = x + offset + height, y + height
        if x0 < x:
            y0 += x - x0
            x0 = x
        if x1 > x + width:
            y1 -= x1 - (x + width)
            x1 = x + width
        if x0 < x1:
            drawing.add(Line(x0, y0, x1, y1, strokeColor=black, strokeWidth=0.5))
        offset += step
