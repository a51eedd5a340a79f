"""Participation: how many people sit at each level, by role, how that moved over the year,
and which activities coming up offer a way in at each level.

Most people take part a little and a few a lot; that is normal. The point of the screen is
to see where a way in is missing. Every chart stands with its figures beside it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.level_history import LEVELS
from involve_desktop.domain.people import ParticipationLevel
from involve_desktop.services.participation import (
    WAYS_IN_DAYS_AHEAD,
    LevelFigures,
    ParticipationSpread,
    RoleFigures,
    WayIn,
    participation_spread,
    ways_in,
)
from involve_desktop.ui import ops
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.pyramid_chart import PyramidBar, PyramidChart
from involve_desktop.ui.widgets.records_model import Column, RecordsTableModel, records_table
from involve_desktop.ui.widgets.year_picker import YearPicker

TITLE = "Participation"
WATCHED_KINDS = ("people", "activities", "organisation")
START_OF_YEAR = "start of year"
NONE_COMING = "None coming up \u2014 consider offering one."


def signed(number: int) -> str:
    """'+3', '\u22122', '0': a change, with a real minus sign."""
    return f"+{number:,}" if number > 0 else f"\u2212{-number:,}" if number < 0 else "0"


def level_columns(current: bool) -> list[Column[LevelFigures]]:
    def figure(header: str, value, tip: str = "") -> Column[LevelFigures]:  # type: ignore[no-untyped-def]
        return Column(header, value, (lambda _f: tip) if tip else None, figure=True)

    columns = [
        Column[LevelFigures]("Level", lambda f: f.level.label),
        figure("Now" if current else "End of year", lambda f: f"{f.now:,}"),
        figure("Start of year", lambda f: f"{f.at_start:,}", "As the year began"),
        figure("Change", lambda f: signed(f.change)),
        figure("New this year", lambda f: f"{f.joined:,}", "Joined the register this year"),
        figure("Moved in", lambda f: f"{f.moved_in:,}", "Moved to this level this year"),
        figure("Moved out", lambda f: f"{f.moved_out:,}", "Moved from this level this year"),
    ]
    if current:
        columns.append(figure("Taking part now", lambda f: f"{f.taking_part:,}"))
    return columns


def role_columns() -> list[Column[RoleFigures]]:
    columns = [Column[RoleFigures]("Role", lambda r: r.role or "No role recorded")]
    for position, level in enumerate(LEVELS):
        columns.append(Column(level.label, lambda r, p=position: f"{r.by_level[p]:,}", figure=True))
    columns.append(Column("All levels", lambda r: f"{r.total:,}", figure=True))
    return columns


def fit_to_contents(table: QTableView) -> None:
    """A short table of figures shown whole, as wide and tall as its cells, never scrolled."""
    table.horizontalHeader().setStretchLastSection(False)
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


def way_in_line(way: WayIn) -> str:
    kind = f" ({way.kind})" if way.kind else ""
    return f"{long_date(way.held_on)} \u2014 {way.title}{kind}"


class ParticipationScreen(Screen):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.today = today or date.today()
        self.spread: ParticipationSpread | None = None
        self.stale = False
        self.title = heading(TITLE)
        self.year = YearPicker(self.today)
        self.year.setAccessibleName("Financial year")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("The year in a few words")
        self.chart = PyramidChart()
        self.copy_button = QPushButton("&Copy chart as image")
        self.copy_button.setToolTip("Paste it into a report, a slide or an email")
        self.copied = QLabel()
        self.levels_model = RecordsTableModel[LevelFigures](level_columns(True))
        self.levels_table = records_table(self.levels_model, "People at each level")
        self.levels_heading = QLabel()
        self.roles_model = RecordsTableModel[RoleFigures](role_columns())
        self.roles_table = records_table(self.roles_model, "Levels by role")
        for table in (self.levels_table, self.roles_table):
            fit_to_contents(table)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.ways_box = QGroupBox(f"Ways in coming up, the next {WAYS_IN_DAYS_AHEAD} days")
        self.ways_form = QFormLayout(self.ways_box)
        self.ways: dict[ParticipationLevel, QLabel] = {}
        for level in LEVELS:
            shown = QLabel()
            shown.setWordWrap(True)
            shown.setAccessibleName(f"Ways in at {level.label}")
            power = next(power for power in PowerShared if power.level_offered is level)
            self.ways_form.addRow(QLabel(f"<b>{level.label}</b> ({power.label.lower()}):"), shown)
            self.ways[level] = shown
        self._lay_out()
        self.year.period_changed.connect(self.refresh)
        self.copy_button.clicked.connect(self.copy_chart)
        ctx.events.data_changed.connect(self._data_changed)
        self.year.load_year_start(self.ctx)
        self.refresh()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        year_label = QLabel("&Year:")
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button)
        copy_row.addWidget(self.copied, 1)
        tables = QVBoxLayout()
        for label, table in (
            (self.levels_heading, self.levels_table),
            (QLabel("<b>By role</b>"), self.roles_table),
        ):
            label.setBuddy(table)
            tables.addWidget(label)
            tables.addWidget(table)
        tables.addWidget(self.note)
        tables.addStretch(1)
        # One column: side by side, the tables and the ways in need more width than an old
        # office screen has, and the chart's figures were cut off.
        lower = QVBoxLayout()
        lower.addLayout(tables)
        lower.addWidget(self.ways_box)
        content = QWidget()
        body = QVBoxLayout(content)
        body.addWidget(self.summary)
        body.addWidget(self.chart)
        body.addLayout(copy_row)
        body.addLayout(lower)
        body.addStretch(1)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroller, 1)

    # --- figures -------------------------------------------------------------------------

    def refresh(self) -> None:
        period = self.year.period()
        if period is None:
            return
        spread = ops.query(self.ctx, participation_spread, self.today, period)
        self.spread = spread
        terms = self.ctx.terms
        when = "now" if spread.current else f"on {long_date(spread.as_of)}"
        self.chart.set_figures(
            [
                PyramidBar(figures.level.label, figures.now, figures.at_start)
                for figures in spread.levels
            ],
            caption=f"{terms.plural_title} at each level, {long_date(spread.as_of)}",
            counted=terms.count,
            earlier_name=START_OF_YEAR,
        )
        self.levels_model.set_columns(level_columns(spread.current))
        self.levels_model.set_records(spread.levels)
        self.roles_model.set_records(spread.roles)
        for table in (self.levels_table, self.roles_table):
            table.resizeColumnsToContents()
        self.levels_table.setAccessibleName(f"{terms.plural_title} at each level")
        self.levels_heading.setText(f"<b>{terms.plural_title} at each level</b>")
        self.summary.setText(self._summary_text(spread, when))
        self.note.setText(
            f"Everyone on the register is counted at their level, including {terms.plural} "
            "not taking part at the moment. Archived records are left out. Someone with "
            "several roles is counted once in each role. The start of the year is as things "
            f"stood on {long_date(spread.first)} before anything recorded that day."
        )
        self._show_ways_in()

    def _summary_text(self, spread: ParticipationSpread, when: str) -> str:
        terms = self.ctx.terms
        first = f"{terms.count(spread.total_now)} on the register {when}"
        if spread.current:
            first += f", {spread.taking_part:,} of them taking part at the moment"
        during = (
            f"Since the year began on {long_date(spread.first)}"
            if spread.current
            else f"From {long_date(spread.first)} to {long_date(spread.last)}"
        )
        up = "moved up a level" if spread.moved_up == 1 else "moved up"
        return (
            f"{first}. {during}: {spread.joined:,} new, "
            f"{spread.moved_up:,} {up} and {spread.moved_down:,} moved down "
            f"(from {terms.count(spread.total_at_start)} at the start)."
        )

    def _show_ways_in(self) -> None:
        found = ops.query(self.ctx, ways_in, self.today)
        for level, label in self.ways.items():
            ways = found.get(level, [])
            label.setText("\n".join(way_in_line(way) for way in ways) or NONE_COMING)

    def show_year(self, period: tuple[date, date]) -> None:
        """One financial year's figures (Home's chart of the year leads here)."""
        self.year.choose(period)

    def copy_chart(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.chart.grab())
        self.copied.setText("Copied: paste it into a document or an email.")

    # --- changes -------------------------------------------------------------------------

    def _data_changed(self, kind: str) -> None:
        if kind not in WATCHED_KINDS:
            return
        if kind == "organisation":
            self.year.load_year_start(self.ctx)
        # Reading the whole history takes a moment on a big register: a screen out of sight
        # catches up when it is shown again.
        self.stale = not self.isVisible()
        if not self.stale:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self.stale:
            self.stale = False
            self.refresh()
        super().showEvent(event)
