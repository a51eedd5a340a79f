"""The year at a glance: the financial year's figures as charts, with the same figures beside
each chart as a table, a "Copy as image" button and a way into the records behind it.

The figures are `year_figures.year_figures`, the function the yearly evaluation and the
annual report use, and the tables' rows are the evaluation's own (year_figure_rows.py), so
the three always agree. The screen works the figures out (on a worker, for a big register)
and hands them to `show_figures`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.formatting import long_date
from involve_desktop.services.year_figures import YearFigures
from involve_desktop.services.year_figures_money import ALL_BUDGETS
from involve_desktop.services.year_figures_share import Share
from involve_desktop.services.year_figures_work import NO_KIND
from involve_desktop.ui.announce import show_and_announce
from involve_desktop.ui.screens.home import destinations
from involve_desktop.ui.screens.home.charts import BarChart, BarFigures, Measure, described
from involve_desktop.ui.text_size import set_relative_size
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.pyramid_chart import PyramidBar, PyramidChart
from involve_desktop.ui.widgets.year_figure_rows import (
    BUDGET_HEADERS,
    budget_rows,
    impact_rows,
    kind_rows,
    level_headers,
    level_rows,
    new_rows,
    power_rows,
    rows_text,
)
from involve_desktop.ui.widgets.year_figures_panel import FigureTable, words
from involve_desktop.ui.widgets.year_picker import YearPicker

TITLE = "The year at a glance"
WORKING = "Working out the figures\u2026"
START_OF_YEAR = "start of the year"
CHART_CHARACTERS = 64  # the narrowest a chart is drawn beside its tables, in characters
COPIED = "Copied: paste it into a document, a slide or an email."


class Section(QWidget):
    """A heading, the figures' sentence, the chart with its tables beside it, and the two
    buttons. `records_wanted` asks for the records behind the chart."""

    records_wanted = Signal()

    def __init__(self, title: str, chart: QWidget, tables: Sequence[FigureTable]) -> None:
        super().__init__()
        self.chart = chart
        self.tables = list(tables)
        self.heading = heading(title)
        set_relative_size(self.heading, 1.2)  # under the panel's own heading
        self.sentence = words(name=f"{title}: in words")
        self.copy_button = QPushButton("Copy as image")
        self.records_button = QPushButton("Show the records")
        self.copied = QLabel()
        self.copied.setAccessibleName("What was just copied")
        self.set_title(title)
        beside = QVBoxLayout()
        for table in self.tables:
            # Whole beside the chart: the chart gives up the room, not the figures.
            table.view.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            beside.addWidget(table.view)
        beside.addStretch(1)
        body = self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        body.addWidget(chart, 1)
        body.addLayout(beside, 0)  # the tables whole; the chart takes what is left
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.records_button)
        buttons.addWidget(self.copied, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.sentence)
        column.addLayout(body)
        column.addLayout(buttons)
        self.copy_button.clicked.connect(self.copy_image)
        self.records_button.clicked.connect(self.records_wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The tables beside the chart when there is room for both, else under it (large
        text, a narrow window), so neither is squeezed."""
        tables = max((table.view.sizeHint().width() for table in self.tables), default=0)
        room = self.width() - tables
        wide = room >= self.fontMetrics().averageCharWidth() * CHART_CHARACTERS
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.body.direction() != direction:
            self.body.setDirection(direction)
        super().resizeEvent(event)

    def set_title(self, title: str) -> None:
        self.heading.setText(title)
        self.heading.setAccessibleName(title)
        self.copy_button.setAccessibleName(f"Copy the chart \u201c{title}\u201d as an image")
        self.records_button.setAccessibleName(f"Show the records behind \u201c{title}\u201d")

    def copy_image(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.chart.grab())
        show_and_announce(self.copied, COPIED)

    def show_text(self, sentence: str, has_chart: bool = True) -> None:
        self.sentence.setText(sentence)
        self.chart.setVisible(has_chart)
        self.copy_button.setVisible(has_chart)
        self.copied.clear()
        self.copied.setAccessibleDescription("")


class GlancePanel(QWidget):
    """`year_chosen` when the user picks another year; `records_wanted(Destination)` when
    they ask for the records behind a chart or a row of its table."""

    year_chosen = Signal()
    records_wanted = Signal(object)

    def __init__(self, ctx: AppContext, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: YearFigures | None = None
        self.title = heading(TITLE)
        self.year = YearPicker(today)
        self.year.setAccessibleName("Financial year")
        year_label = QLabel("&Year:")
        year_label.setBuddy(self.year)
        self.working = QLabel(WORKING)
        self.working.setAccessibleName("Working out the figures")
        self.pyramid = PyramidChart()
        self.tables = {
            "levels": FigureTable("By level", ["Level", "Took part", "On the register"]),
            "new": FigureTable("New this year", ["New this year", "Number"]),
            "kinds": FigureTable("Activities by kind", ["Kind", "Activities"]),
            "power": FigureTable("Activities by power shared", ["Power shared", "Activities"]),
            "impact": FigureTable("Impact recorded and reported back", ["Measure", "Share"]),
            "budgets": FigureTable("Spending against the year's budgets", BUDGET_HEADERS),
        }
        self.charts = {
            key: BarChart(name)
            for key, name in (
                ("kinds", "Activities by kind"),
                ("power", "Activities by power shared"),
                ("impact", "Impact recorded and reported back"),
                ("budgets", "Spending against budget"),
            )
        }
        tables = self.tables
        self.sections = {
            "people": Section("People", self.pyramid, [tables["levels"], tables["new"]]),
            "kinds": Section("Activities by kind", self.charts["kinds"], [tables["kinds"]]),
            "power": Section("Activities by power shared", self.charts["power"], [tables["power"]]),
            "impact": Section(
                "Impact recorded and reported back", self.charts["impact"], [tables["impact"]]
            ),
            "budgets": Section(
                "Spending against budget", self.charts["budgets"], [tables["budgets"]]
            ),
        }
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(year_label)
        top.addWidget(self.year)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.working)
        for section in self.sections.values():
            layout.addWidget(section)
            section.setVisible(False)
        self._connect()
        self.year.load_year_start(ctx)

    def _connect(self) -> None:
        self.year.period_changed.connect(self.year_chosen)
        leads: dict[str, Callable[[tuple[date, date]], destinations.Destination]] = {
            "people": destinations.participation_in,
            "kinds": lambda period: destinations.activities_of(period),
            "power": lambda period: destinations.activities_of(period),
            "impact": destinations.impact_in,
            "budgets": destinations.budgets_in,
        }
        for key, lead in leads.items():
            self.sections[key].records_wanted.connect(lambda lead=lead: self._want(lead))
        # A row of a table leads to its own records: Enter or a double-click.
        self.tables["kinds"].view.activated.connect(lambda index: self._kind_row(index.row()))
        self.tables["power"].view.activated.connect(lambda index: self._power_row(index.row()))
        self.tables["new"].view.activated.connect(
            lambda _index: self.records_wanted.emit(destinations.register())
        )

    def period(self) -> tuple[date, date] | None:
        return self.year.period()

    def _want(self, lead: Callable[[tuple[date, date]], destinations.Destination]) -> None:
        period = self.period()
        if period is not None:
            self.records_wanted.emit(lead(period))

    def _kind_row(self, row: int) -> None:
        period = self.period()
        if self.figures is None or period is None or row >= len(self.figures.activities.by_kind):
            return
        kind = self.figures.activities.by_kind[row].label
        chosen = "" if kind == NO_KIND else kind  # the list cannot pick "no kind": all of them
        self.records_wanted.emit(destinations.activities_of(period, kind=chosen))

    def _power_row(self, row: int) -> None:
        period = self.period()
        if self.figures is None or period is None or row >= len(self.figures.activities.by_power):
            return
        power = self.figures.activities.by_power[row].power
        self.records_wanted.emit(destinations.activities_of(period, power=power))

    # --- figures -------------------------------------------------------------------------

    def show_working(self, working: bool) -> None:
        self.working.setVisible(working)

    def show_figures(self, figures: YearFigures) -> None:
        self.figures = figures
        self.show_working(False)
        self._show_people(figures)
        self._show_activities(figures)
        self._show_impact(figures)
        self._show_budgets(figures)
        for section in self.sections.values():
            section.setVisible(True)

    def _show_people(self, figures: YearFigures) -> None:
        terms, spread = figures.terms, figures.people.spread
        section = self.sections["people"]
        section.set_title(f"{terms.plural_title} involved")
        section.show_text(f"{figures.people.summary} {figures.new_people.summary}")
        self.pyramid.set_figures(
            [PyramidBar(level.level.label, level.now, level.at_start) for level in spread.levels],
            caption=f"{terms.plural_title} at each level, {long_date(spread.as_of)}",
            counted=terms.count,
            earlier_name=START_OF_YEAR,
        )
        self.tables["levels"].show(level_rows(figures), level_headers(figures))
        self.tables["levels"].view.setAccessibleName(f"{terms.plural_title} by level")
        self.tables["new"].show(new_rows(figures))
        self.tables["new"].view.setAccessibleName(f"New {terms.plural}")

    def _show_activities(self, figures: YearFigures) -> None:
        held = figures.activities
        title = f"Activities by kind, {figures.label}"
        rows = kind_rows(figures)
        self.charts["kinds"].show_figures(
            BarFigures(
                title,
                tuple(f"{row.label}: {row.count:,}" for row in held.by_kind),
                (Measure("Activities", tuple(row.count for row in held.by_kind)),),
                described(title, [rows_text(rows)]) if rows else f"{title}: none.",
            )
        )
        self.tables["kinds"].show(rows)
        self.sections["kinds"].show_text(held.summary, has_chart=bool(held.by_kind))
        self.tables["kinds"].view.setVisible(bool(held.by_kind))
        title = f"Activities by power shared, {figures.label}"
        top_first = list(reversed(held.by_power))  # as the pyramid: the most power on top
        self.charts["power"].show_figures(
            BarFigures(
                title,
                tuple(f"{row.power.label}: {row.count:,}" for row in top_first),
                (Measure("Activities", tuple(row.count for row in top_first)),),
                described(title, [rows_text(power_rows(figures))]),
            )
        )
        self.tables["power"].show(power_rows(figures))
        shared = "Power shared is how much say the people involved had, from step 1 to 4."
        self.sections["power"].show_text(shared, has_chart=held.total > 0)

    def _show_impact(self, figures: YearFigures) -> None:
        impact = figures.impact
        title = f"Impact recorded and reported back, {figures.label}"
        shares = (
            ("With an impact record", impact.with_impact, "no activities yet"),
            ("Reported back", impact.told, "no records yet"),
        )
        self.charts["impact"].show_figures(
            BarFigures(
                title,
                tuple(f"{name}: {_percent(share, none)}" for name, share, none in shares),
                (Measure("Share", tuple(share.percent or 0 for _n, share, _none in shares)),),
                described(title, [rows_text(impact_rows(figures))]),
                unit="%",
            )
        )
        self.tables["impact"].show(impact_rows(figures))
        self.sections["impact"].show_text(impact.summary)

    def _show_budgets(self, figures: YearFigures) -> None:
        money = figures.money
        title = f"Spending against budget, {figures.label}"
        budgets = list(money.budgets)
        names = [budget.name for budget in budgets]
        allocated = [budget.allocated_pence for budget in budgets]
        committed = [budget.committed_pence for budget in budgets]
        paid = [budget.paid_pence for budget in budgets]
        if len(budgets) > 1:
            names.append(ALL_BUDGETS)
            allocated.append(money.allocated_pence)
            committed.append(money.committed_pence)
            paid.append(money.budget_paid_pence)
        rows = self._budget_table(figures)
        self.charts["budgets"].show_figures(
            BarFigures(
                title,
                tuple(names),
                (
                    Measure("Allocated", _pounds(allocated)),
                    Measure("Committed", _pounds(committed)),
                    Measure("Paid", _pounds(paid)),
                ),
                described(title, [rows]) if budgets else f"{title}: no budget is set.",
                unit="\u00a3",
            )
        )
        self.sections["budgets"].show_text(money.summary, has_chart=bool(budgets))
        self.tables["budgets"].view.setVisible(bool(budgets))

    def _budget_table(self, figures: YearFigures) -> str:
        rows = budget_rows(figures)
        self.tables["budgets"].show(rows)
        return " ".join(
            f"{row.label}: "
            + ", ".join(
                f"{header.lower()} {figure}"
                for header, figure in zip(BUDGET_HEADERS[1:], row.figures, strict=True)
            )
            + "."
            for row in rows
        )


def _percent(share: Share, when_none: str) -> str:
    """'47%' on the chart (the counts are in the table beside); words when there is none."""
    return when_none if share.percent is None else f"{share.percent}%"


def _pounds(pence: Sequence[int]) -> tuple[int, ...]:
    """To the nearest pound for the bars and their labels (£99.99 is £100, not £99); the
    exact sums are in the table beside."""
    return tuple((amount + 50) // 100 for amount in pence)
