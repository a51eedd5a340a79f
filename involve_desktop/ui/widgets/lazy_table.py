"""A table model over a long list kept in SQL: it holds only the ids that match, in the
database's order, and fetches whole rows a block at a time as they are shown (Anki's browse
table). 50,000 records cost a list of ints and a screenful of rows.

Subclasses give `HEADERS`, the columns a header click may sort by (`SORT_COLUMNS`, sent to
the screen as `sort_requested`, which asks the database again), and `cell` (what a row says
in a column for a role); `ROW_ROLE` gives back the whole row. A click on a column that cannot
be sorted leaves the order as it is, and so the arrow stays where it was; a screen that puts
the arrow somewhere itself says so with `show_sort`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QApplication, QHeaderView

Index = QModelIndex | QPersistentModelIndex
BLOCK = 100


class HasId(Protocol):
    @property
    def id(self) -> int: ...


Row = TypeVar("Row", bound=HasId)


class LazyTableModel(QAbstractTableModel, Generic[Row]):
    HEADERS: tuple[str, ...] = ()
    SORT_COLUMNS: ClassVar[dict[int, Any]] = {}
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    # A header click: the screen asks the database for the new order.
    sort_requested = Signal(object, bool)

    def __init__(self, fetch_rows: Callable[[list[int]], list[Row]]) -> None:
        super().__init__()
        self.fetch_rows = fetch_rows
        self.ids: list[int] = []
        self.cache: dict[int, Row] = {}
        # Where the sort arrow belongs: the column the list is sorted by, and which way.
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_ids(self, ids: list[int]) -> None:
        """The matching records, in order; rows are fetched again as they are shown."""
        self.beginResetModel()
        self.ids = ids
        self.cache.clear()
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        if not 0 <= row < len(self.ids):
            return None
        wanted_id = self.ids[row]
        if wanted_id not in self.cache:
            start = (row // BLOCK) * BLOCK
            block = [rid for rid in self.ids[start : start + BLOCK] if rid not in self.cache]
            for fetched in self.fetch_rows(block):
                self.cache[fetched.id] = fetched
        return self.cache.get(wanted_id)

    def row_of(self, record_id: int) -> int:
        try:
            return self.ids.index(record_id)
        except ValueError:
            return -1

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
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == self.ROW_ROLE:
            return row
        return self.cell(row, index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> object:
        """What a cell shows for `role`; each list's model says (None: nothing)."""
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column in self.SORT_COLUMNS:
            self.sorted_by = (column, order)
            self.sort_requested.emit(
                self.SORT_COLUMNS[column], order == Qt.SortOrder.DescendingOrder
            )
            return
        # The header has already moved its arrow to a column the database cannot sort by;
        # the order has not changed, so the arrow goes back to the column it is sorted by.
        if self.sorted_by is not None:
            for header in self._headers():
                _put_sort_indicator(header, *self.sorted_by)

    def show_sort(self, header: QHeaderView, column: int, order: Qt.SortOrder) -> None:
        """Show the list's own order (the screen's choice, not a click) without asking for
        it again."""
        self.sorted_by = (column, order)
        _put_sort_indicator(header, column, order)

    def _headers(self) -> list[QHeaderView]:
        """The table headers showing this model (a model is not told its views)."""
        return [
            widget
            for widget in QApplication.allWidgets()
            if isinstance(widget, QHeaderView)
            and widget.orientation() == Qt.Orientation.Horizontal
            and widget.model() is self
        ]


def _put_sort_indicator(header: QHeaderView, column: int, order: Qt.SortOrder) -> None:
    blocked = header.blockSignals(True)
    header.setSortIndicator(column, order)
    header.blockSignals(blocked)
