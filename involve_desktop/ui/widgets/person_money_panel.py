"""What one person has claimed: each financial year, then the months and weeks of a chosen
year, with fees (earnings, which can matter for benefits and tax) apart from mileage and
expenses (costs paid back). Shown in the person's record, under their payment details.

Money counts from the day a claim is submitted, on the date of the work each line is for;
drafts and rejected claims are left out (services/money_totals.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.money import format_pence
from involve_desktop.services.money_totals import (
    PeriodTotal,
    person_month_totals,
    person_week_totals,
    person_year_totals,
)
from involve_desktop.ui import ops
from involve_desktop.ui.widgets.records_model import (
    Column,
    RecordsTableModel,
    records_table,
    size_columns_to,
)
from involve_desktop.ui.widgets.refresh_when_shown import RefreshWhenShown

NO_CLAIMS = "No claims yet."
FEES_HEADER = "Fees"
COSTS_HEADER = "Mileage and expenses"
EXPLAINED = (
    "Fees are payment for time and expertise: they can count as earnings for benefits and "
    "tax. Mileage and expenses pay back what the person spent. Counted from when a claim is "
    "submitted, on the date of the work; drafts and rejected claims are left out."
)
PERIOD_ROWS_SHOWN = 8  # months and weeks scroll past this many rows
SCROLL_BAR_ROOM = 18
COLUMN_SAMPLES = ("Week of 30 September 2026", "£10,000.00", COSTS_HEADER, "£10,000.00")


def money_columns(period_header: str) -> list[Column[PeriodTotal]]:
    return [
        Column[PeriodTotal](period_header, lambda t: t.label),
        Column[PeriodTotal](FEES_HEADER, lambda t: format_pence(t.fees_pence), figure=True),
        Column[PeriodTotal](COSTS_HEADER, lambda t: format_pence(t.expenses_pence), figure=True),
        Column[PeriodTotal]("Total", lambda t: format_pence(t.total_pence), figure=True),
    ]


def with_total(totals: Sequence[PeriodTotal], label: str) -> list[PeriodTotal]:
    """The periods and, when there is more than one, a last row adding them up."""
    if len(totals) < 2:
        return list(totals)
    total = PeriodTotal(
        label,
        min(t.first for t in totals),
        max(t.last for t in totals),
        sum(t.fees_pence for t in totals),
        sum(t.expenses_pence for t in totals),
    )
    return [*totals, total]


def fit_height(table: QTableView, rows: int) -> None:
    """Tall enough for the header and `rows` rows (more rows scroll)."""
    row = table.verticalHeader().defaultSectionSize()
    header = table.horizontalHeader().sizeHint().height()
    table.setFixedHeight(header + row * max(rows, 1) + 2 * table.frameWidth())


class PersonMoneyPanel(QWidget):
    """`set_person(person_id)` shows that person's money; None (a new record) shows that
    there are no claims yet."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: int | None = None
        self.years: list[PeriodTotal] = []
        self.empty_label = QLabel(NO_CLAIMS)
        self.empty_label.setAccessibleName("Claims")
        self.years_model = RecordsTableModel[PeriodTotal](money_columns("Financial year"))
        self.years_table = self._table(
            self.years_model, "Totals for each financial year", scrolls=False
        )
        self.year_box = QComboBox()
        self.year_box.setAccessibleName("Financial year to show by month and week")
        year_label = QLabel("Financial &year:")
        year_label.setBuddy(self.year_box)
        self.months_model = RecordsTableModel[PeriodTotal](money_columns("Month"))
        self.months_table = self._table(self.months_model, "Totals for each month")
        self.weeks_model = RecordsTableModel[PeriodTotal](money_columns("Week (Monday to Sunday)"))
        self.weeks_table = self._table(self.weeks_model, "Totals for each week")
        self.periods = QTabWidget()
        self.periods.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.periods.setAccessibleName("The chosen year by month or by week")
        self.periods.addTab(self.months_table, "By month")
        self.periods.addTab(self.weeks_table, "By week")
        explained = QLabel(EXPLAINED)
        explained.setWordWrap(True)

        choose_year = QHBoxLayout()
        choose_year.addWidget(year_label)
        choose_year.addWidget(self.year_box)
        choose_year.addStretch(1)
        self.details = QWidget()
        column = QVBoxLayout(self.details)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.years_table)
        column.addLayout(choose_year)
        column.addWidget(self.periods)
        column.addWidget(explained)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.details)

        self.year_box.currentIndexChanged.connect(lambda _index: self._show_periods())
        self.periods.currentChanged.connect(lambda _index: self._fit_periods())
        # A claim saved elsewhere while the record is open changes the figures shown here.
        self.when_shown = RefreshWhenShown(self, self.refresh)
        ctx.events.data_changed.connect(self.when_shown.request)
        self._show_years()

    @staticmethod
    def _table(
        model: RecordsTableModel[PeriodTotal], name: str, *, scrolls: bool = True
    ) -> QTableView:
        """A table just wide enough for its four columns, so figures sit by their labels."""
        table = records_table(model, name)
        table.horizontalHeader().setStretchLastSection(False)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        size_columns_to(table, COLUMN_SAMPLES)
        header = table.horizontalHeader()
        room = SCROLL_BAR_ROOM if scrolls else 0
        table.setFixedWidth(header.length() + 2 * table.frameWidth() + room)
        return table

    def set_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.refresh()

    def refresh(self) -> None:
        chosen = self.chosen_year()
        self.years = (
            ops.query(self.ctx, person_year_totals, self.person_id)
            if self.person_id is not None
            else []
        )
        self._show_years(chosen)

    def chosen_year(self) -> PeriodTotal | None:
        index = self.year_box.currentIndex()
        return self.years[index] if 0 <= index < len(self.years) else None

    def choose_year(self, label: str) -> None:
        """Show the months and weeks of the year labelled `label` ('2026/27')."""
        index = self.year_box.findText(label)
        if index >= 0:
            self.year_box.setCurrentIndex(index)

    def _show_years(self, keep: PeriodTotal | None = None) -> None:
        self.empty_label.setVisible(not self.years)
        self.details.setVisible(bool(self.years))
        self.years_model.set_records(with_total(self.years, "All years"))
        fit_height(self.years_table, self.years_model.rowCount())
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItems([year.label for year in self.years])
        firsts = [year.first for year in self.years]
        if keep is not None and keep.first in firsts:
            self.year_box.setCurrentIndex(firsts.index(keep.first))
        self.year_box.blockSignals(False)
        self._show_periods()

    def _show_periods(self) -> None:
        year = self.chosen_year()
        if year is None or self.person_id is None:
            self.months_model.set_records([])
            self.weeks_model.set_records([])
            return
        months = ops.query(self.ctx, person_month_totals, self.person_id, year.first)
        weeks = ops.query(self.ctx, person_week_totals, self.person_id, year.first)
        for model, table, totals in (
            (self.months_model, self.months_table, months),
            (self.weeks_model, self.weeks_table, weeks),
        ):
            model.set_records(with_total(totals, f"Total for {year.label}"))
            fit_height(table, min(model.rowCount(), PERIOD_ROWS_SHOWN))
        self._fit_periods()

    def _fit_periods(self) -> None:
        """The tabs as tall as the table shown (a tab widget keeps the tallest page's height)."""
        table = self.periods.currentWidget()
        frame = self.periods.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
        tabs = self.periods.tabBar().sizeHint().height()
        self.periods.setFixedHeight(tabs + table.maximumHeight() + 2 * frame + 2)
