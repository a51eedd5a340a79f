"""Before a new person is added: they may already be in the register.

Asked calmly, as a check rather than an error: the user can open the existing record, add
the new one anyway (two people can share a name) or go back to the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain.formatting import long_date
from involve_desktop.services.people_duplicates import DuplicateMatch
from involve_desktop.ui.widgets.heading import heading


class DuplicateAction(Enum):
    SAVE_ANYWAY = "save anyway"
    OPEN_EXISTING = "open existing"
    GO_BACK = "go back"


@dataclass(frozen=True)
class DuplicateAnswer:
    action: DuplicateAction
    person_id: int | None = None  # the record to open, with OPEN_EXISTING

    @classmethod
    def save_anyway(cls) -> DuplicateAnswer:
        return cls(DuplicateAction.SAVE_ANYWAY)

    @classmethod
    def open_existing(cls, person_id: int) -> DuplicateAnswer:
        return cls(DuplicateAction.OPEN_EXISTING, person_id)

    @classmethod
    def go_back(cls) -> DuplicateAnswer:
        return cls(DuplicateAction.GO_BACK)


COLUMNS = ("Name", "Date of birth", "Email", "Why it may be them")


def match_cells(match: DuplicateMatch) -> tuple[str, str, str, str]:
    """The match as one row of the table, in COLUMNS order."""
    why = ", ".join(match.reasons)
    born = long_date(match.date_of_birth) if match.date_of_birth else ""
    return match.name, born, match.email, why[:1].upper() + why[1:]


class PossibleDuplicatesDialog(QDialog):
    """Shows the likely matches; `answer()` says what the user chose (Escape: go back)."""

    def __init__(
        self, matches: list[DuplicateMatch], person_word: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.matches = list(matches)
        self._answer = DuplicateAnswer.go_back()
        self.setWindowTitle(f"Is this a new {person_word}?")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)

        intro = QLabel(
            f"Before adding a new {person_word}, please check whether they are one of these. "
            f"Keeping one record for each {person_word} keeps their history in one place."
        )
        intro.setWordWrap(True)
        self.match_list = QTreeWidget()
        self.match_list.setAccessibleName(f"Records that may be the same {person_word}")
        self.match_list.setHeaderLabels(COLUMNS)
        self.match_list.setRootIsDecorated(False)
        self.match_list.setAlternatingRowColors(True)
        for match in self.matches:
            cells = match_cells(match)
            item = QTreeWidgetItem(list(cells))
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, ". ".join(filter(None, cells)))
            self.match_list.addTopLevelItem(item)
        self._fit_to_matches()
        list_label = QLabel(f"&Records that may be the same {person_word}:")
        list_label.setBuddy(self.match_list)

        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("&Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_anyway_button = buttons.addButton(
            f"&Add as a new {person_word} anyway", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.go_back_button = buttons.addButton("&Go back", QDialogButtonBox.ButtonRole.RejectRole)
        self.add_anyway_button.setAccessibleName(f"Add as a new {person_word} anyway")
        self.go_back_button.setAccessibleName("Go back to the form")
        self.open_button.clicked.connect(self.open_selected)
        self.add_anyway_button.clicked.connect(self.add_anyway)
        self.go_back_button.clicked.connect(self.reject)
        self.match_list.currentItemChanged.connect(self._name_open_button)
        self.match_list.itemDoubleClicked.connect(self.open_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("This may be someone already in the register"))
        layout.addWidget(intro)
        layout.addWidget(list_label)
        layout.addWidget(self.match_list)
        layout.addWidget(buttons)
        # Opening the record already there is the likeliest right answer, and undoes nothing.
        self.open_button.setDefault(True)
        self.match_list.setCurrentItem(self.match_list.topLevelItem(0))
        self.match_list.setFocus()

    def answer(self) -> DuplicateAnswer:
        return self._answer

    def selected(self) -> DuplicateMatch | None:
        item = self.match_list.currentItem()
        row = self.match_list.indexOfTopLevelItem(item) if item is not None else -1
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def open_selected(self) -> None:
        match = self.selected()
        if match is not None:
            self._answer = DuplicateAnswer.open_existing(match.person_id)
            self.accept()

    def add_anyway(self) -> None:
        self._answer = DuplicateAnswer.save_anyway()
        self.accept()

    def reject(self) -> None:
        self._answer = DuplicateAnswer.go_back()
        super().reject()

    def _name_open_button(self, *_items: object) -> None:
        match = self.selected()
        self.open_button.setEnabled(match is not None)
        name = match.name if match is not None else "the selected record"
        # "&&" keeps an ampersand in a name from becoming a keyboard shortcut.
        self.open_button.setText(f"&Open {name.replace('&', '&&')}")
        self.open_button.setAccessibleName(f"Open {name}\u2019s record")

    def _fit_to_matches(self) -> None:
        """Tall enough for the matches (a handful at most), wide enough to read every reason
        without scrolling sideways, within the screen."""
        table = self.match_list
        for column in range(len(COLUMNS)):
            table.resizeColumnToContents(column)
        rows = max(len(self.matches), 3) * max(table.sizeHintForRow(0), 1)
        frame = 2 * table.frameWidth() + table.fontMetrics().height() // 2  # a little air below
        table.setFixedHeight(rows + table.header().sizeHint().height() + frame)
        needed = sum(table.columnWidth(column) for column in range(len(COLUMNS))) + 60
        available = self.screen().availableGeometry().width() * 9 // 10
        self.setMinimumWidth(min(max(self.minimumWidth(), needed), available))
