"""Tick any number of entries from one of the charity's lists, and add to the list in place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.services.people import MAX_OPTION_NAME


class ChoiceList(QWidget):
    """`what` names one entry ('role', 'interest') for the add box and accessible names."""

    changed = Signal()

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.list = QListWidget()
        self.list.setAccessibleName(f"{what.capitalize()}s")
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.new_entry = QLineEdit()
        self.new_entry.setMaxLength(MAX_OPTION_NAME)
        self.new_entry.setPlaceholderText(f"Another {what}, not in the list")
        self.new_entry.setAccessibleName(f"New {what}")
        self.add_button = QPushButton(f"Add {what}")
        self.add_button.setEnabled(False)
        adding = QHBoxLayout()
        adding.addWidget(self.new_entry, 1)
        adding.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(adding)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.new_entry.textChanged.connect(
            lambda text: self.add_button.setEnabled(bool(text.strip()))
        )
        self.new_entry.returnPressed.connect(self.add_typed)
        self.add_button.clicked.connect(self.add_typed)

    def set_options(self, options: list[str], ticked: tuple[str, ...] | list[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        ticked_keys = {name.casefold() for name in ticked}
        for name in dict.fromkeys([*options, *ticked]):
            self._add_item(name, name.casefold() in ticked_keys)
        self.list.blockSignals(False)

    def ticked(self) -> tuple[str, ...]:
        return tuple(
            item.text()
            for index in range(self.list.count())
            if (item := self.list.item(index)).checkState() == Qt.CheckState.Checked
        )

    def add_typed(self) -> None:
        """Tick the typed entry, adding it to the list if it is new (saved with the person)."""
        name = " ".join(self.new_entry.text().split())
        if not name:
            return
        for index in range(self.list.count()):
            item = self.list.item(index)
            if item.text().casefold() == name.casefold():
                item.setCheckState(Qt.CheckState.Checked)
                self.list.setCurrentItem(item)
                break
        else:
            self.list.setCurrentItem(self._add_item(name, True))
            self.changed.emit()
        self.new_entry.clear()

    def _add_item(self, name: str, ticked: bool) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.addItem(item)
        return item
