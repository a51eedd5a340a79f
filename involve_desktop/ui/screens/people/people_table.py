"""The People table's model: holds only the ids that match, fetches rows as they are shown.

Sorting and filtering happen in SQL (services/people_list.py); the model asks for rows a
block at a time, so 20,000 people cost a list of ints and a screenful of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from involve_desktop.domain.dates import short_date
from involve_desktop.domain.people import TakingPart
from involve_desktop.services.people_list import (
    CONSENT_REVIEW_WARNING_DAYS,
    PersonRow,
    SortColumn,
)

Index = QModelIndex | QPersistentModelIndex
BLOCK = 100


class PeopleTableModel(QAbstractTableModel):
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
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    # A header click: the screen asks the database for the new order.
    sort_requested = Signal(object, bool)

    def __init__(self, fetch_rows: Callable[[list[int]], list[PersonRow]], today: date) -> None:
        super().__init__()
        self.fetch_rows = fetch_rows
        self.today = today
        self.ids: list[int] = []
        self.cache: dict[int, PersonRow] = {}

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self.ids = ids
        self.cache.clear()
        self.endResetModel()

    def row_at(self, row: int) -> PersonRow | None:
        if not 0 <= row < len(self.ids):
            return None
        person_id = self.ids[row]
        if person_id not in self.cache:
            start = (row // BLOCK) * BLOCK
            block = [pid for pid in self.ids[start : start + BLOCK] if pid not in self.cache]
            for fetched in self.fetch_rows(block):
                self.cache[fetched.id] = fetched
        return self.cache.get(person_id)

    def row_of(self, person_id: int) -> int:
        try:
            return self.ids.index(person_id)
        except ValueError:
            return -1

    # --- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == self.ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.TAKING_PART:
            return self.taking_part_text(row)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column in self.SORT_COLUMNS:
            self.sort_requested.emit(
                self.SORT_COLUMNS[column], order == Qt.SortOrder.DescendingOrder
            )

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
