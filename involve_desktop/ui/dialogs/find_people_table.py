"""The table of people found for an activity: one row per candidate, ticked to choose them.

The list is already filtered and ordered by the service (a few thousand rows at most), so the
model holds the candidates themselves and the shared table model serves them by id. Space
ticks the current row whichever column has focus.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from involve_desktop.domain.dates import short_date
from involve_desktop.services.find_people import Candidate
from involve_desktop.ui.widgets.lazy_table import Index, LazyTableModel

CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
CHECK_ROLE = Qt.ItemDataRole.CheckStateRole


class CandidatesModel(LazyTableModel[Candidate]):
    """The candidates, already in memory: the shared table model serves them by id."""

    NAME, WHY, LAST_INVOLVED, CONTACT = range(4)
    HEADERS = ("Name", "Why they fit", "Last involved", "How they like to be contacted")

    chosen_changed = Signal()

    def __init__(self) -> None:
        super().__init__(self._rows_for)
        self.candidates: list[Candidate] = []
        self.by_id: dict[int, Candidate] = {}
        self.ticked: set[int] = set()

    def set_candidates(self, candidates: list[Candidate]) -> None:
        self.candidates = list(candidates)
        self.by_id = {candidate.id: candidate for candidate in candidates}
        self.ticked &= set(self.by_id)
        self.set_ids(list(self.by_id))
        self.chosen_changed.emit()

    def chosen(self) -> list[Candidate]:
        """The ticked candidates, in the list's order."""
        return [candidate for candidate in self.candidates if candidate.id in self.ticked]

    def choose_all(self, chosen: bool) -> None:
        self.ticked = set(self.by_id) if chosen else set()
        if self.candidates:
            last = len(self.candidates) - 1
            self.dataChanged.emit(
                self.index(0, self.NAME), self.index(last, self.NAME), [CHECK_ROLE]
            )
        self.chosen_changed.emit()

    def toggle(self, row: int) -> None:
        if 0 <= row < len(self.candidates):
            checked = self.candidates[row].id in self.ticked
            self.setData(self.index(row, self.NAME), UNCHECKED if checked else CHECKED, CHECK_ROLE)

    def remove(self, person_ids: Iterable[int]) -> None:
        gone = set(person_ids)
        self.set_candidates([c for c in self.candidates if c.id not in gone])

    def _rows_for(self, ids: list[int]) -> list[Candidate]:
        return [self.by_id[person_id] for person_id in ids if person_id in self.by_id]

    # --- QAbstractTableModel ------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def cell(self, row: Candidate, column: int, role: int) -> object:
        if role == CHECK_ROLE and column == self.NAME:
            return CHECKED if row.id in self.ticked else UNCHECKED
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self.text(row, column)
            if column == self.NAME:
                return f"{text}, {'chosen' if row.id in self.ticked else 'not chosen'}"
            return text
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != CHECK_ROLE or not index.isValid() or index.column() != self.NAME:
            return False
        candidate = self.candidates[index.row()]
        if Qt.CheckState(value) == CHECKED:  # type: ignore[call-overload]
            self.ticked.add(candidate.id)
        else:
            self.ticked.discard(candidate.id)
        self.dataChanged.emit(index, index, [CHECK_ROLE])
        self.chosen_changed.emit()
        return True

    # --- what each cell says ------------------------------------------------------------

    def text(self, candidate: Candidate, column: int) -> str:
        if column == self.NAME:
            return candidate.name
        if column == self.WHY:
            return candidate.why[:1].upper() + candidate.why[1:]
        if column == self.LAST_INVOLVED:
            return short_date(candidate.last_involved_on) or "Not yet"
        if column == self.CONTACT:
            return candidate.contact_method.label if candidate.contact_method else "Not recorded"
        return ""


class CandidatesTable(QTableView):
    """Rows picked whole; Space ticks or unticks the current row from any column."""

    def __init__(self, model: CandidatesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CandidatesModel.WHY, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(CandidatesModel.NAME, self.fontMetrics().averageCharWidth() * 32)

    def fit_columns(self) -> None:
        """The short columns as wide as their words (Qt looks at the first 1,000 rows)."""
        for column in (CandidatesModel.LAST_INVOLVED, CandidatesModel.CONTACT):
            self.resizeColumnToContents(column)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            model = self.model()
            assert isinstance(model, CandidatesModel)
            model.toggle(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)
