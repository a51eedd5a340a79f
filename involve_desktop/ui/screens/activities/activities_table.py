"""The Activities table's model: the ids that match, in SQL's order
(services/activity_list.py), with rows fetched a block at a time as they are shown
(ui/widgets/lazy_table.py). Every cell is said in words: power shared as "●●○○ We consult"
on screen and "We consult, step 2 of 4" to a screen reader."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from PySide6.QtCore import Qt

from involve_desktop.domain.dates import short_date
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.services.activity_list import ActivityRow, ActivitySort
from involve_desktop.ui.widgets.activity_details import power_spoken, power_text
from involve_desktop.ui.widgets.lazy_table import LazyTableModel


class ActivitiesTableModel(LazyTableModel[ActivityRow]):
    DATE, TITLE, KIND, AREA, POWER, LEAD, ATTENDED, IMPACT = range(8)
    HEADERS = (
        "Date",
        "Title",
        "Kind",
        "Area",
        "Power shared",
        "Lead",
        "Attended",
        "Impact records",
    )
    SORT_COLUMNS: ClassVar[dict[int, ActivitySort]] = {
        DATE: ActivitySort.DATE,
        TITLE: ActivitySort.TITLE,
        POWER: ActivitySort.POWER,
    }

    def __init__(
        self,
        fetch_rows: Callable[[list[int]], list[ActivityRow]],
        today: date,
        terms: PeopleTerms,
    ) -> None:
        super().__init__(fetch_rows)
        self.today = today
        self.terms = terms

    def cell(self, row: ActivityRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                power_spoken(row.power_shared) if column == self.POWER else self.text(row, column)
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tip(row, column)
        return None

    # --- what each cell says ------------------------------------------------------------

    def text(self, row: ActivityRow, column: int) -> str:
        if column == self.DATE:
            return short_date(row.held_on)
        if column == self.POWER:
            return power_text(row.power_shared)
        if column == self.ATTENDED:
            return self.attended_text(row)
        if column == self.IMPACT:
            return self.impact_text(row)
        plain = {
            self.TITLE: row.title,
            self.KIND: row.kind,
            self.AREA: row.area,
            self.LEAD: row.lead,
        }
        return plain.get(column, "")

    def attended_text(self, row: ActivityRow) -> str:
        if not row.invited:
            return "None listed"
        if row.held_on >= self.today and not row.attended:
            return f"{row.invited} invited"
        return f"{row.attended} of {row.invited}"

    def impact_text(self, row: ActivityRow) -> str:
        if row.impact_records:
            return str(row.impact_records)
        # A past activity with no impact is a gap; a coming one simply has none yet.
        return "None yet" if row.held_on < self.today else ""

    def tip(self, row: ActivityRow, column: int) -> str | None:
        if column == self.POWER:
            return power_spoken(row.power_shared)
        if column == self.ATTENDED and row.invited:
            return f"{row.attended} of the {self.terms.count(row.invited)} listed attended"
        return None
