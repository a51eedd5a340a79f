"""A short list edited in place, one line of inputs per entry: the vehicles and their mileage
rates, the kinds of expense, the benefits figures.

Each entry is a row of ordinary inputs rather than cells of a table, so every input is
reached by Tab, has its own name for screen readers ("Vehicle 2, rate per mile") and can carry
a message underneath. The lists are a handful of entries, never hundreds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.ui.widgets.form_section import FieldError

Value = TypeVar("Value")


@dataclass(frozen=True)
class RowColumn:
    header: str  # shown above the column
    spoken: str  # said after the entry's number: "Vehicle 2, rate per mile"
    stretch: int = 1


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: int  # the input to put the cursor in
    message: str


@dataclass
class Entry:
    inputs: list[QWidget]
    remove_button: QPushButton
    error: FieldError


class EditableRows(QWidget):
    """`new_inputs` makes one entry's inputs, in the order of `columns`."""

    changed = Signal()

    def __init__(
        self,
        what: str,
        columns: Sequence[RowColumn],
        new_inputs: Callable[[], list[QWidget]],
        *,
        add_text: str,
        empty_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.what = what
        self.columns = tuple(columns)
        self.new_inputs = new_inputs
        self.entries: list[Entry] = []
        self.editable = True
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(4)
        self.headers = [QLabel(column.header) for column in self.columns]
        for index, (label, column) in enumerate(zip(self.headers, self.columns, strict=True)):
            font = QFont(label.font())
            font.setBold(True)
            label.setFont(font)
            self.grid.setColumnStretch(index, column.stretch)
        self.empty_label = QLabel(empty_text)
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(self.add_entry)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addStretch(1)  # spare height below the list, not between its rows
        self._lay_out()

    def set_entries(
        self, values: Sequence[Value], fill: Callable[[list[QWidget], Value], None]
    ) -> None:
        """Show saved entries; `fill` puts one value into one entry's inputs."""
        for entry in self.entries:
            self._discard(entry)
        self.entries = []
        for value in values:
            inputs = self._new_entry().inputs
            fill(inputs, value)
            for field in inputs:
                if isinstance(field, QLineEdit):
                    field.setCursorPosition(0)  # a long name shows its start, not its end
        self._lay_out()

    def rows(self) -> list[list[QWidget]]:
        return [entry.inputs for entry in self.entries]

    def add_entry(self) -> None:
        entry = self._new_entry()
        self._lay_out()
        entry.inputs[0].setFocus()
        self.changed.emit()

    def remove_entry(self, entry: Entry) -> None:
        index = self.entries.index(entry)
        self.entries.remove(entry)
        self._discard(entry)
        self._lay_out()
        following = self.entries[index] if index < len(self.entries) else None
        (following.inputs[0] if following else self.add_button).setFocus()
        self.changed.emit()

    def show_problems(self, problems: Sequence[RowProblem]) -> QWidget | None:
        """A message under each entry named; returns the first one's input, to focus."""
        firsts = {problem.row: problem for problem in reversed(problems)}
        for row, entry in enumerate(self.entries):
            entry.error.show_message("")  # also clears what screen readers were told
            if row in firsts:
                # Told to screen readers at the input it is about.
                entry.error.field = entry.inputs[firsts[row].column]
                entry.error.show_message(firsts[row].message)
        first = next((p for p in problems if 0 <= p.row < len(self.entries)), None)
        return self.entries[first.row].inputs[first.column] if first else None

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        for entry in self.entries:
            self._set_entry_editable(entry)
        self.add_button.setVisible(editable)

    def _new_entry(self) -> Entry:
        inputs = self.new_inputs()
        remove_button = QPushButton("Remove")
        error = FieldError(inputs[0])
        entry = Entry(inputs, remove_button, error)
        remove_button.clicked.connect(lambda: self.remove_entry(entry))
        for field in inputs:
            if isinstance(field, QLineEdit):
                field.textEdited.connect(lambda _text: self.changed.emit())
                if not field.toolTip():  # the whole text, for names longer than the box
                    field.textChanged.connect(field.setToolTip)
            elif isinstance(field, QComboBox):
                field.activated.connect(lambda _index: self.changed.emit())
        self.entries.append(entry)
        self._set_entry_editable(entry)
        return entry

    def _set_entry_editable(self, entry: Entry) -> None:
        for field in entry.inputs:
            if isinstance(field, QLineEdit):
                field.setReadOnly(not self.editable)
            else:
                field.setEnabled(self.editable)
        entry.remove_button.setVisible(self.editable)

    def _discard(self, entry: Entry) -> None:
        for widget in (*entry.inputs, entry.remove_button, entry.error):
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()

    def _lay_out(self) -> None:
        """Place the entries in order, number them for screen readers, and make Tab walk
        them in the order they are shown (Qt would put a new entry's inputs last)."""
        for column, label in enumerate(self.headers):
            self.grid.addWidget(label, 0, column)
        for row, entry in enumerate(self.entries):
            number = f"{self.what.capitalize()} {row + 1}"
            for column, field in enumerate(entry.inputs):
                self.grid.addWidget(field, 1 + 2 * row, column)
                field.show()  # now, not when the layout gets round to it: it may take the cursor
                field.setAccessibleName(f"{number}, {self.columns[column].spoken}")
            self.grid.addWidget(entry.remove_button, 1 + 2 * row, len(self.columns))
            entry.remove_button.setVisible(self.editable)
            self.grid.addWidget(entry.error, 2 + 2 * row, 0, 1, len(self.columns))
            entry.remove_button.setAccessibleName(f"Remove {number.lower()}")
        for label in self.headers:
            label.setVisible(bool(self.entries))
        self.empty_label.setVisible(not self.entries)
        chain = [field for entry in self.entries for field in (*entry.inputs, entry.remove_button)]
        # The Add button keeps its place: the entries of a list filled earlier sit before it.
        tab_through(self, [*chain, self.add_button], start=self.add_button)


def tab_through(
    container: QWidget, widgets: Sequence[QWidget], *, start: QWidget | None = None
) -> None:
    """Make Tab walk `widgets` in this order, at the place `container` has in its window.

    Qt puts a widget made after the window was built at the end of the Tab order, so lists
    that are filled again need putting back where they are shown: after the last focusable
    widget before `start` (the container, or a widget of its that stays put in the order,
    such as an Add button) that is not the container's own."""
    anchor = start or container
    before = anchor.previousInFocusChain()
    while before is not anchor and (
        before.focusPolicy() == Qt.FocusPolicy.NoFocus or container.isAncestorOf(before)
    ):
        before = before.previousInFocusChain()
    chain = [before, *widgets] if before is not anchor else list(widgets)
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
