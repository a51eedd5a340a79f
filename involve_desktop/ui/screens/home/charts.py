"""Horizontal bar charts for Home, drawn with QtCharts and made to be read in grey.

Every bar has its number: in the bar's own name on the axis ("We consult: 12"), so a bar of
nought is labelled too, and a chart never needs its colours to be read. Where a chart has
several measures (allocated and spent), their fills differ by shade and by pattern, with a
dark outline, as `pyramid_chart.py` draws; the legend shows the same fills. Screen readers
get the figures as the chart's accessible description, and the same figures stand beside
the chart as a table (glance_panel.py).

QtCharts is imported the first time a chart is drawn, not when the app starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from involve_desktop.ui import colours
from involve_desktop.ui.widgets.pyramid_chart import FILLS

BAR_ROOM = 2.2  # text lines of height for each bar, so names and bars breathe
BAR_ROOM_SEVERAL = 1.5  # bars side by side under one name need less each
MIN_ROWS = 2
SINGLE_FILL = QColor("#9a9a9a")  # one measure: a mid grey, dark-outlined, under dark text


@dataclass(frozen=True)
class Measure:
    """One measure drawn for every category (a QBarSet): 'Allocated', say."""

    name: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class BarFigures:
    """What a chart shows: its categories, already named with their numbers, top first."""

    title: str
    categories: tuple[str, ...]
    measures: tuple[Measure, ...]
    description: str  # the figures in words, for screen readers
    unit: str = ""  # '%' for shares, '£' for money in whole pounds


def fill_for(position: int) -> tuple[QColor, Qt.BrushStyle]:
    return FILLS[position % len(FILLS)]


class BarChart(QWidget):
    """A horizontal bar chart; `show_figures` draws it (again)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures: BarFigures | None = None
        self.view = None  # the QChartView, made at the first drawing
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so its figures are read
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)

    def show_figures(self, figures: BarFigures) -> None:
        from PySide6.QtCharts import QChartView

        self.figures = figures
        self.setAccessibleName(figures.title)
        self.setAccessibleDescription(figures.description)
        self.setToolTip(figures.description)
        if self.view is None:
            self.view = QChartView()
            self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.column.addWidget(self.view)
        self.view.setAccessibleName(figures.title)
        self.view.setAccessibleDescription(figures.description)
        old = self.view.chart()
        self.view.setChart(_make_chart(figures, self.palette(), self.font()))
        if old is not None:
            old.deleteLater()
        several = len(figures.measures) > 1
        bars = max(len(figures.categories), MIN_ROWS) * len(figures.measures)
        # Room for every bar and its name, the title, the value axis and any legend.
        lines = bars * (BAR_ROOM_SEVERAL if several else BAR_ROOM) + (6 if several else 4)
        self.setFixedHeight(int(self.fontMetrics().height() * lines))

    def changeEvent(self, event: QEvent) -> None:
        # A larger text size: the chart's words are drawn again at the new size.
        if event.type() == QEvent.Type.FontChange and self.figures is not None:
            self.show_figures(self.figures)
        super().changeEvent(event)

    def image(self):  # type: ignore[no-untyped-def]
        """The chart as a picture, as it is on screen."""
        return self.grab()

    def copy_image(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.image())


def _make_chart(figures: BarFigures, palette: QPalette, font):  # type: ignore[no-untyped-def]
    from PySide6.QtCharts import (
        QAbstractBarSeries,
        QBarCategoryAxis,
        QBarSet,
        QChart,
        QHorizontalBarSeries,
        QValueAxis,
    )

    ink = palette.color(QPalette.ColorRole.Text)
    chart = QChart()
    chart.setTitle(figures.title)
    chart.setTitleFont(_bold(font))
    chart.setTitleBrush(QBrush(ink))
    chart.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    series = QHorizontalBarSeries()
    # Categories are listed top first; the chart draws the first at the bottom.
    order = list(reversed(range(len(figures.categories))))
    several = len(figures.measures) > 1
    for position, measure in enumerate(figures.measures):
        bar_set = QBarSet(measure.name)
        colour, pattern = (
            fill_for(position) if several else (SINGLE_FILL, Qt.BrushStyle.SolidPattern)
        )
        brush = QBrush(colour, pattern)
        if pattern is not Qt.BrushStyle.SolidPattern:
            # A bar set takes one brush: the pattern's lines in the text colour on the
            # chart's own ground, so it differs from the solid fills in grey and still shows
            # on a dark theme.
            brush = QBrush(ink, pattern)
        bar_set.setBrush(brush)
        bar_set.setPen(QPen(colours.chart_outline(palette), 1.5))
        bar_set.setLabelColor(ink)
        bar_set.setLabelFont(font)
        bar_set.append([measure.values[index] for index in order])
        series.append(bar_set)
    series.setBarWidth(0.8 if several else 0.6)
    if several:
        # Several bars to a name: each says its own number at its end.
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat(_bar_label_format(figures.unit))
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([figures.categories[index] for index in order])
    categories.setLabelsFont(font)
    categories.setLabelsBrush(QBrush(ink))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    values = QValueAxis()
    largest = max((max(m.values, default=0) for m in figures.measures), default=0)
    step = tick_step(100 if figures.unit == "%" else largest)
    values.setTickType(QValueAxis.TickType.TicksDynamic)
    values.setTickAnchor(0)
    values.setTickInterval(step)
    values.setRange(0, 100 if figures.unit == "%" else step * max(-(-largest // step), 1))
    # Whole numbers only; the pound sign is in the axis's title, since the axis's own
    # format cannot print it on every system.
    values.setLabelFormat("%d%%" if figures.unit == "%" else "%d")
    if figures.unit == "\u00a3":
        values.setTitleText("Pounds (\u00a3)")
        values.setTitleFont(font)
        values.setTitleBrush(QBrush(ink))
    values.setLabelsFont(font)
    values.setLabelsBrush(QBrush(ink))
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    legend = chart.legend()
    legend.setVisible(len(figures.measures) > 1)
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    legend.setFont(font)
    legend.setLabelColor(ink)
    return chart


def tick_step(largest: int) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving at most five steps to `largest`."""
    scale = 1
    while True:
        for step in (scale, 2 * scale, 5 * scale):
            if largest <= step * 5:
                return step
        scale *= 10


def _bar_label_format(unit: str) -> str:
    if unit == "%":
        return "@value%"
    if unit == "\u00a3":
        return "\u00a3@value"
    return "@value"


def _bold(font):  # type: ignore[no-untyped-def]
    bold = type(font)(font)
    bold.setBold(True)
    return bold


def described(title: str, lines: Sequence[str]) -> str:
    """'Activities by kind. Workshop: 12. Panel: 3.'"""
    return " ".join([f"{title}.", *(f"{line}." for line in lines)])
