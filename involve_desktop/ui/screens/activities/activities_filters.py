"""The search box and filters above the Activities table.

A practice prompt ("3 past activities have no attendance recorded") can put its own filter
on the list; the bar then says in a line what is shown, with "Show all" to go back. Every
choice is kept while the user moves around the app, because the screen is kept.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain.financial_year import YearStart, recent_years, year_label
from involve_desktop.services.activity_list import ActivityFilter, ActivitySort, When
from involve_desktop.services.staff import StaffMember
from involve_desktop.ui.widgets.flow_layout import flow_row, labelled
from involve_desktop.ui.widgets.typing_pause import after_typing

YEARS_BACK = 6
WHEN_LABELS = {When.ALL: "All", When.UPCOMING: "Upcoming", When.PAST: "Past"}
# The natural order for each: what comes next first, or what happened last first.
WHEN_NEWEST_FIRST = {When.ALL: True, When.UPCOMING: False, When.PAST: True}


def prompt_description(chosen: ActivityFilter) -> str:
    """What a practice prompt's filter shows, in words; '' for an everyday filter."""
    parts = []
    if chosen.attendance_not_recorded:
        parts.append("past activities where nobody's attendance has been recorded")
    if chosen.impact_overdue_weeks is not None:
        parts.append(
            f"activities held over {chosen.impact_overdue_weeks} weeks ago with no impact recorded"
        )
    if chosen.impact_not_told:
        parts.append(
            "activities with a \u201cyou said, we did\u201d not yet reported back to the "
            "people involved"
        )
    if chosen.power_shared is not None:
        parts.append(f"activities where \u201c{chosen.power_shared.label}\u201d")
    return "; ".join(parts)


def financial_years(today: date, start: YearStart) -> list[tuple[str, tuple[date, date]]]:
    """Next year, this year and the years before, each labelled for the list."""
    names = {1: " (next year)", 0: " (this year)", -1: " (last year)"}
    years = recent_years(today, start, back=YEARS_BACK, ahead=1)
    return [
        (year_label(first) + names.get(1 - index, ""), (first, last))
        for index, (first, last) in enumerate(years)
    ]


class ActivityFilterBar(QWidget):
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sort = ActivitySort.DATE
        self.descending = True
        self.prompt: ActivityFilter | None = None
        self.periods: dict[str, tuple[date, date]] = {}
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Type words from the title (Ctrl+F)")
        self.search.setAccessibleName("Search activities by title")
        self.when = self._combo(
            "When", [(label, when.value) for when, label in WHEN_LABELS.items()]
        )
        self.kind = self._combo("Kind")
        self.area = self._combo("Area")
        self.year = self._combo("Financial year")
        self.lead = self._combo("Lead staff member")
        self.no_impact = QCheckBox("&No impact recorded yet")
        self.clear_button = QPushButton("Clear fil&ters")
        self.showing = QLabel()
        self.showing.setWordWrap(True)
        self.showing.setAccessibleName("What the list is showing")
        self.show_all_button = QPushButton("Show a&ll")
        self.prompt_line = QWidget()
        prompt_row = QHBoxLayout(self.prompt_line)
        prompt_row.setContentsMargins(0, 0, 0, 0)
        prompt_row.addWidget(self.showing, 1)
        prompt_row.addWidget(self.show_all_button)
        self.prompt_line.setVisible(False)

        search_row = labelled("&Search:", self.search)
        # The filters wrap onto more lines when the text is large or the window narrow.
        filters = flow_row(
            labelled("&When:", self.when),
            labelled("&Kind:", self.kind),
            labelled("A&rea:", self.area),
            labelled("&Year:", self.year),
            labelled("Led &by:", self.lead),
            self.no_impact,
            self.clear_button,
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(search_row)
        column.addWidget(filters)
        column.addWidget(self.prompt_line)

        self.typing_timer = after_typing(self.search, self.filter_changed.emit)
        self.search.returnPressed.connect(self.apply_typing_now)
        self.when.currentIndexChanged.connect(self._when_changed)
        for box in (self.kind, self.area, self.year, self.lead):
            box.currentIndexChanged.connect(lambda _index: self.filter_changed.emit())
        self.no_impact.toggled.connect(lambda _on: self.filter_changed.emit())
        self.clear_button.clicked.connect(self.clear)
        self.show_all_button.clicked.connect(self.clear)

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.search, self.when, self.kind, self.area, self.year, self.lead, self.no_impact)

    @staticmethod
    def _combo(name: str, items: list[tuple[str, str]] | None = None) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(f"Filter by {name.lower()}")
        for text, value in items or [("Any", "")]:
            box.addItem(text, value)
        return box

    def set_options(
        self,
        kinds: list[str],
        areas: list[str],
        years: list[tuple[str, tuple[date, date]]],
        staff: list[StaffMember],
    ) -> None:
        """Refill the lists, keeping what was chosen."""
        self.periods.update((first.isoformat(), (first, last)) for _label, (first, last) in years)
        choices = (
            (self.kind, "Any kind", [(name, name) for name in kinds]),
            (self.area, "Any area", [(name, name) for name in areas]),
            (self.year, "Any year", [(label, first.isoformat()) for label, (first, _) in years]),
            (self.lead, "Anyone", [(_staff_name(member), str(member.id)) for member in staff]),
        )
        for box, anything, items in choices:
            _refill(box, [(anything, ""), *items], box.currentData())

    def apply_typing_now(self) -> None:
        if self.typing_timer.isActive():
            self.typing_timer.stop()
            self.filter_changed.emit()

    def current(self) -> ActivityFilter:
        prompt = self.prompt or ActivityFilter()
        lead = self.lead.currentData()
        return ActivityFilter(
            text=self.search.text(),
            when=When(self.when.currentData()),
            kind=self.kind.currentData(),
            area=self.area.currentData(),
            period=self.periods.get(self.year.currentData()),
            lead_staff_id=int(lead) if lead else None,
            no_impact_yet=self.no_impact.isChecked(),
            attendance_not_recorded=prompt.attendance_not_recorded,
            impact_overdue_weeks=prompt.impact_overdue_weeks,
            impact_not_told=prompt.impact_not_told,
            power_shared=prompt.power_shared,
            sort=self.sort,
            descending=self.descending,
        )

    def is_filtered(self) -> bool:
        everything = ActivityFilter(sort=self.sort, descending=self.descending)
        shown = self.current()
        return replace(shown, text=shown.text.strip()) != everything

    def show_filter(self, chosen: ActivityFilter) -> None:
        """Show exactly this filter (a practice prompt's), saying what it is."""
        self._quietly(lambda: self._set_widgets(chosen))
        self.sort, self.descending = chosen.sort, chosen.descending
        description = prompt_description(chosen)
        self.prompt = chosen if description else None
        self.showing.setText(f"Showing: {description}." if description else "")
        self.prompt_line.setVisible(bool(description))
        self.filter_changed.emit()

    def clear(self) -> None:
        self.show_filter(ActivityFilter(sort=self.sort, descending=WHEN_NEWEST_FIRST[When.ALL]))

    def _set_widgets(self, chosen: ActivityFilter) -> None:
        self.search.setText(chosen.text)
        for box, value in (
            (self.when, chosen.when.value),
            (self.kind, chosen.kind),
            (self.area, chosen.area),
            (self.year, chosen.period[0].isoformat() if chosen.period else ""),
            (self.lead, str(chosen.lead_staff_id or "")),
        ):
            box.setCurrentIndex(max(box.findData(value), 0))
        self.no_impact.setChecked(chosen.no_impact_yet)

    def _quietly(self, change) -> None:  # type: ignore[no-untyped-def]
        for widget in self.widgets:
            widget.blockSignals(True)
        change()
        for widget in self.widgets:
            widget.blockSignals(False)
        self.typing_timer.stop()

    def _when_changed(self, _index: int) -> None:
        if self.sort is ActivitySort.DATE:
            self.descending = WHEN_NEWEST_FIRST[When(self.when.currentData())]
        self.filter_changed.emit()


def _staff_name(member: StaffMember) -> str:
    return member.name if member.active else f"{member.name} (no longer active)"


def _refill(box: QComboBox, items: list[tuple[str, str]], keep: str) -> None:
    box.blockSignals(True)
    box.clear()
    for text, value in items:
        box.addItem(text, value)
    box.setCurrentIndex(max(box.findData(keep), 0))
    box.blockSignals(False)
