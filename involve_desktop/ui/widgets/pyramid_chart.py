"""A pyramid of centred bars, the broad base at the bottom, each bar named and numbered.

Made to be read in grey and by people who do not see colour: the bars differ by shade and by
pattern, each has a dark outline, and every bar has its name on the left and its number and
share on the right in text. An earlier figure (such as the start of the year) is drawn as a
dashed outline over the bar, and said in words beside the number. Screen readers get the
same figures as the accessible description. Home and the reports use the same widget.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from involve_desktop.ui import colours

ACCENT = QColor(colours.CHART_FILLS[3])  # the one dark accent: the top of the pyramid
# A fixed dark outline, for charts drawn on a light background only; the pyramid outlines
# in the palette's text colour (colours.chart_outline), which also shows on a dark theme.
OUTLINE = QColor("#202020")
# From the base up: light to dark, each with its own pattern so they differ without shade.
FILLS = (
    (QColor(colours.CHART_FILLS[0]), Qt.BrushStyle.SolidPattern),
    (QColor(colours.CHART_FILLS[1]), Qt.BrushStyle.BDiagPattern),
    (QColor(colours.CHART_FILLS[2]), Qt.BrushStyle.CrossPattern),
    (ACCENT, Qt.BrushStyle.SolidPattern),
)
PATTERN_INK = QColor(colours.PATTERN_INK)
GAP = 6
BAR_INSET = 5  # room above and below a bar for the dashed outline of the earlier figure
PADDING = 10


@dataclass(frozen=True)
class PyramidBar:
    label: str
    value: int
    earlier: int | None = None  # drawn dashed and said as "was N"


def share(value: int, total: int) -> str:
    """'55%'; '<1%' for a small share that would round to nothing."""
    if total == 0:
        return "0%"
    percent = round(100 * value / total)
    return "<1%" if value and percent == 0 else f"{percent}%"


class PyramidChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: tuple[PyramidBar, ...] = ()
        self.caption = ""
        self.counted: Callable[[int], str] = lambda n: f"{n:,}"
        self.earlier_name = "earlier"
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so its figures can be read
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(960)  # wider bars say nothing more
        self.setAccessibleName("Pyramid chart")

    def set_figures(
        self,
        bars: Sequence[PyramidBar],
        *,
        caption: str = "",
        counted: Callable[[int], str] | None = None,
        earlier_name: str = "earlier",
    ) -> None:
        """`bars` from the base up; `counted(120)` says '120 members'."""
        self.bars = tuple(bars)
        self.caption = caption
        self.counted = counted or (lambda n: f"{n:,}")
        self.earlier_name = earlier_name
        self.setAccessibleName(caption or "Pyramid chart")
        self.setAccessibleDescription(self.description())
        self.setToolTip(self.description().replace(". ", ".\n"))
        self.updateGeometry()
        self.update()

    def total(self) -> int:
        return sum(bar.value for bar in self.bars)

    def figure_text(self, bar: PyramidBar) -> str:
        text = f"{self.counted(bar.value)} ({share(bar.value, self.total())})"
        if bar.earlier is not None:
            text += f"; {self.earlier_name}: {bar.earlier:,}"
        return text

    def description(self) -> str:
        """The figures in words, top of the pyramid first, as a reader would say them."""
        return " ".join(f"{bar.label}: {self.figure_text(bar)}." for bar in reversed(self.bars))

    # --- drawing ---------------------------------------------------------------------------

    def _row_height(self) -> int:
        return self.fontMetrics().height() * 2 + 4

    def _caption_height(self) -> int:
        return self.fontMetrics().height() + GAP if self.caption else 0

    def _legend(self) -> str:
        if any(bar.earlier is not None for bar in self.bars):
            return f"Dashed outline: {self.earlier_name}."
        return ""

    def sizeHint(self) -> QSize:
        rows = max(len(self.bars), 1)
        height = PADDING * 2 + self._caption_height() + rows * (self._row_height() + GAP)
        height += self.fontMetrics().height() + GAP if self._legend() else 0
        return QSize(720, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text_colour = palette.color(QPalette.ColorRole.Text)
        metrics = self.fontMetrics()
        top = PADDING
        if self.caption:
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(PADDING, top, self.width() - 2 * PADDING, metrics.height()),
                Qt.AlignmentFlag.AlignLeft,
                self.caption,
            )
            top += self._caption_height()
        label_width = max((metrics.horizontalAdvance(bar.label) for bar in self.bars), default=0)
        figure_width = max(
            (metrics.horizontalAdvance(self.figure_text(bar)) for bar in self.bars), default=0
        )
        left = PADDING + label_width + GAP * 2
        right = self.width() - PADDING - figure_width - GAP * 2
        span = max(right - left, 20)
        middle = left + span / 2
        largest = max((max(bar.value, bar.earlier or 0) for bar in self.bars), default=0)
        row_height = self._row_height()
        for position, bar in enumerate(reversed(self.bars)):
            level = len(self.bars) - 1 - position
            y = top + position * (row_height + GAP)
            row = QRectF(PADDING, y, self.width() - 2 * PADDING, row_height)
            painter.setPen(text_colour)
            align = Qt.AlignmentFlag.AlignVCenter
            painter.drawText(row, align | Qt.AlignmentFlag.AlignLeft, bar.label)
            painter.drawText(row, align | Qt.AlignmentFlag.AlignRight, self.figure_text(bar))
            self._draw_bar(painter, level, bar.value, largest, middle, span, y, row_height)
            if bar.earlier is not None:
                self._draw_earlier(painter, text_colour, bar.earlier, largest, middle, span, y)
        if self._legend():
            y = top + len(self.bars) * (row_height + GAP)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(PADDING, y, self.width() - 2 * PADDING, metrics.height() + GAP),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._legend(),
            )
        painter.end()

    def _bar_rect(
        self, value: int, largest: int, middle: float, span: float, y: float, height: float
    ) -> QRectF:
        width = span * value / largest if largest else 0
        if value and width < 3:
            width = 3  # a small number is still seen
        return QRectF(middle - width / 2, y, width, height)

    def _draw_bar(
        self,
        painter: QPainter,
        level: int,
        value: int,
        largest: int,
        middle: float,
        span: float,
        y: float,
        height: float,
    ) -> None:
        rect = self._bar_rect(value, largest, middle, span, y + BAR_INSET, height - 2 * BAR_INSET)
        colour, pattern = FILLS[min(level, len(FILLS) - 1)]
        outline = colours.chart_outline(self.palette())
        painter.setPen(QPen(outline, 1.5))
        painter.setBrush(QBrush(colour))
        painter.drawRect(rect)
        if pattern is not Qt.BrushStyle.SolidPattern:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(PATTERN_INK, pattern))
            painter.drawRect(rect)
        if value == 0:  # nothing at this level: a thin dashed mark where the bar would be
            painter.setPen(QPen(outline, 1, Qt.PenStyle.DashLine))
            painter.drawLine(int(middle), int(y + 4), int(middle), int(y + height - 4))

    def _draw_earlier(
        self,
        painter: QPainter,
        ink: QColor,
        earlier: int,
        largest: int,
        middle: float,
        span: float,
        y: float,
    ) -> None:
        rect = self._bar_rect(earlier, largest, middle, span, y, self._row_height())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # A light line under the dashes keeps them visible on the darkest bar.
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 3))
        painter.drawRect(rect)
        painter.setPen(QPen(ink, 2, Qt.PenStyle.DashLine))
        painter.drawRect(rect)
