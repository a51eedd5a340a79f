"""A choice of the charity's financial years: this year and the ones before it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.financial_year import (
    DEFAULT_YEAR_START,
    YearStart,
    recent_years,
    year_label,
)
from involve_desktop.services.organisation import load_organisation
from involve_desktop.ui import ops

YEARS_BACK = 6


class YearPicker(QComboBox):
    """`period()` is the chosen year's first and last day, or None for "All years"."""

    period_changed = Signal()

    def __init__(
        self,
        today: date,
        *,
        any_year: str = "",  # e.g. "All years"; '' offers only real years
        ahead: int = 0,  # years after this one offered too (a budget planned for next year)
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.any_year = any_year
        self.ahead = ahead
        self.periods: list[tuple[date, date] | None] = []
        self.currentIndexChanged.connect(lambda _index: self.period_changed.emit())

    def load_year_start(self, ctx: AppContext) -> None:
        """Fill the list for the year start saved in the organisation's settings."""
        organisation = ops.query(ctx, load_organisation)
        self.set_year_start(organisation.year_start if organisation else DEFAULT_YEAR_START)

    def set_year_start(self, start: YearStart) -> None:
        """Fill the list for the charity's year start, keeping the year chosen if it can."""
        chosen = self.period()
        years = recent_years(self.today, start, back=YEARS_BACK - 1, ahead=self.ahead)
        this_year = years[self.ahead]  # newest first: any years ahead come before this one
        self.blockSignals(True)
        self.clear()
        self.periods = ([None] if self.any_year else []) + list(years)
        for period in self.periods:
            self.addItem(self._label(period, this_year))
        if chosen in self.periods:
            self.setCurrentIndex(self.periods.index(chosen))
        else:
            self.setCurrentIndex(0 if self.any_year else self.periods.index(this_year))
        self.blockSignals(False)

    def _label(self, period: tuple[date, date] | None, this_year: tuple[date, date]) -> str:
        if period is None:
            return self.any_year
        first = period[0]
        if period == this_year:
            return year_label(first) + " (this year)"
        if first.year == this_year[0].year + 1:
            return year_label(first) + " (next year)"
        return year_label(first)

    def period(self) -> tuple[date, date] | None:
        index = self.currentIndex()
        return self.periods[index] if 0 <= index < len(self.periods) else None

    def choose(self, period: tuple[date, date] | None) -> None:
        if period in self.periods:
            self.setCurrentIndex(self.periods.index(period))
