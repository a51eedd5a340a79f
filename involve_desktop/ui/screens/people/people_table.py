"""The People table's model: the ids that match, in SQL's order (services/people_list.py),
with rows fetched a block at a time as they are shown (ui/widgets/lazy_table.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from PySide6.QtCore import Qt

from involve_desktop.domain.dates import short_date
from involve_desktop.domain.people import TakingPart
from involve_desktop.services.people_list import (
    CONSENT_REVIEW_WARNING_DAYS,
    PersonRow,
    SortColumn,
)
from involve_desktop.ui.widgets.lazy_table import LazyTableModel


class PeopleTableModel(LazyTableModel[PersonRow]):
    NAME, PREFERRED_NAME, ROLES, LEVEL, TAKING_PART, CONSENT_REVIEW, LAST_INVOLVED = range(7)
    HEADERS = (
        "Name",
        "Preferred name",
        "Roles",
        "Level",
        "Taking part",
        "Consent review",
        "Last involved",
    )
    SORT_COLUMNS: ClassVar[dict[int, SortColumn]] = {
        NAME: SortColumn.NAME,
        PREFERRED_NAME: SortColumn.PREFERRED_NAME,
        LEVEL: SortColumn.LEVEL,
        TAKING_PART: SortColumn.TAKING_PART,
        CONSENT_REVIEW: SortColumn.CONSENT_REVIEW,
        LAST_INVOLVED: SortColumn.LAST_INVOLVED,
    }

    def __init__(self, fetch_rows: Callable[[list[int]], list[PersonRow]], today: date) -> None:
        super().__init__(fetch_rows)
        self.today = today

    def cell(self, row: PersonRow, column: int, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TAKING_PART:
            return self.taking_part_text(row)
        return None

    # --- what each cell says ------------------------------------------------------------

    def text(self, row: PersonRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.PREFERRED_NAME:
            return row.preferred_name
        if column == self.ROLES:
            return ", ".join(row.roles)
        if column == self.LEVEL:
            return row.participation_level.label
        if column == self.TAKING_PART:
            return self.taking_part_text(row)
        if column == self.CONSENT_REVIEW:
            return self.consent_text(row)
        if column == self.LAST_INVOLVED:
            return self.last_involved_text(row)
        return ""

    def taking_part_text(self, row: PersonRow) -> str:
        # "Not at the moment" shows what gets in the way, so staff can think what would help.
        if row.taking_part is TakingPart.NOT_NOW and row.barriers:
            return f"{row.taking_part.label}: " + ", ".join(
                barrier.label.lower() for barrier in row.barriers
            )
        return row.taking_part.label

    def consent_text(self, row: PersonRow) -> str:
        # Said in words, not colour alone: "(due)" and "(overdue)" stand out when read aloud.
        if row.consent_withdrawn_on is not None and row.consent_withdrawn_on <= self.today:
            return f"Withdrawn {short_date(row.consent_withdrawn_on)}"
        review = row.consent_review_on
        if review is None:
            return ""
        if review < self.today:
            return f"{short_date(review)} (overdue)"
        if (review - self.today).days <= CONSENT_REVIEW_WARNING_DAYS:
            return f"{short_date(review)} (due)"
        return short_date(review)

    def last_involved_text(self, row: PersonRow) -> str:
        if row.last_involved_on is not None:
            return short_date(row.last_involved_on)
        return "" if row.taking_part is TakingPart.DOES_NOT_WISH else "Not yet"
