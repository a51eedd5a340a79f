"""The people from the register doing an action with the staff member who leads it: a list,
"Find someone…" (the register's own finder, in a small window) and "Remove".

Mnemonics: &People, F&ind, Re&move (P I M), chosen with the item form's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.ui.widgets.add_people_dialog import AddPeopleDialog
from involve_desktop.ui.widgets.table_selection import table_key

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ActionPeople(QWidget):
    """`changed` when someone is added or removed."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: AddPeopleDialog | None = None
        self.read_only = False
        plural = ctx.terms.plural
        self.list = QListWidget()
        self.list.setAccessibleName(f"{ctx.terms.plural_title} from the register doing it")
        self.list.setMaximumHeight(self.list.fontMetrics().lineSpacing() * 5 + 12)
        label = QLabel(f"&People from the register ({plural}):")
        label.setBuddy(self.list)
        self.find_button = QPushButton("F&ind someone\u2026")
        self.find_button.setToolTip(f"Find {plural} on the register to do this with you")
        self.remove_button = QPushButton("Re&move")
        self.remove_button.setToolTip("Take the chosen person off this action (Delete)")
        self.remove_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.find_button.clicked.connect(self.find_people)
        self.remove_button.clicked.connect(self.remove_chosen)
        table_key(QKeySequence.StandardKey.Delete, self.list, self.remove_chosen)
        self.list.currentRowChanged.connect(self._update_buttons)

    def load(self, people: tuple[tuple[int, str], ...]) -> None:
        self.list.clear()
        for person_id, name in people:
            self._append(person_id, name)
        self._update_buttons()

    def person_ids(self) -> tuple[int, ...]:
        return tuple(int(self.list.item(row).data(ID_ROLE)) for row in range(self.list.count()))

    def add(self, person_id: int, name: str) -> None:
        if person_id in self.person_ids():
            return
        self._append(person_id, name)
        self._update_buttons()
        self.changed.emit()

    def remove_chosen(self) -> None:
        row = self.list.currentRow()
        if row < 0 or not self.remove_button.isEnabled():
            return
        self.list.takeItem(row)
        self._update_buttons()
        self.changed.emit()

    def find_people(self) -> None:
        self.dialog = AddPeopleDialog(
            self,
            self.ctx,
            title=f"Add {self.ctx.terms.plural} to the action",
            added_as="to the action",
            already_in="doing it",
            already_listed=self.person_ids(),
            add=self.add,
        )
        self.dialog.open()

    def set_read_only(self) -> None:
        self.find_button.setEnabled(False)
        self.remove_button.setEnabled(False)
        self.read_only = True

    def _append(self, person_id: int, name: str) -> None:
        item = QListWidgetItem(name)
        item.setData(ID_ROLE, person_id)
        self.list.addItem(item)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(not self.read_only and self.list.currentRow() >= 0)
