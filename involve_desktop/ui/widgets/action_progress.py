"""An action's progress notes, oldest first, and a new one typed in place: the day it
happened (today unless changed) and what happened.

The dialog saves a note the user has typed (with "Add note" or with the item's Save), so a
note is never lost by forgetting the button. Mnemonics: Pro&gress, On da&y, What &happened,
Add &note (G Y H N), chosen with the item form's.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain.dates import short_date
from involve_desktop.services.action_plan import NOTE, NOTED_ON, ProgressNote
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.form_section import FieldError
from involve_desktop.ui.widgets.people_finder import EnterKey
from involve_desktop.ui.widgets.records_model import (
    Column,
    RecordsTableModel,
    records_table,
    size_columns_to,
)

COLUMNS = (
    Column[ProgressNote]("Date", lambda note: short_date(note.noted_on)),
    Column[ProgressNote](
        "What happened", lambda note: " ".join(note.note.split()), lambda note: note.note
    ),
    Column[ProgressNote]("By", lambda note: note.staff_name),
)


class ActionProgressNotes(QWidget):
    """`add_requested` when "Add note" is pressed; `typed` when the new note changes."""

    add_requested = Signal()
    typed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.model = RecordsTableModel[ProgressNote](COLUMNS)
        self.table = records_table(self.model, "Progress notes")
        size_columns_to(self.table, ("30/11/2026", "Met the panel", "Priya Shah"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)  # a note is read whole, not cut at the column's edge
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        label = QLabel("Pro&gress notes:")
        label.setBuddy(self.table)
        self.empty = QLabel("No progress noted yet.")
        self.noted_on = DateField()
        self.noted_on.setAccessibleName("Day it happened")
        self.noted_on.setMaximumWidth(self.noted_on.fontMetrics().horizontalAdvance("0") * 16)
        self.note = QLineEdit()
        self.note.setAccessibleName("What happened")
        self.note.setPlaceholderText("For example: met the panel, they chose three changes")
        self.add_button = QPushButton("Add &note")
        self.add_button.setToolTip("Save this note now")
        self.date_error = FieldError(self.noted_on)
        self.note_error = FieldError(self.note)
        self.closed = QLabel()
        self.closed.setWordWrap(True)
        day_label = QLabel("On da&y:")
        day_label.setBuddy(self.noted_on)
        note_label = QLabel("What &happened:")
        note_label.setBuddy(self.note)
        new_note = QGridLayout()
        new_note.addWidget(note_label, 0, 0)
        new_note.addWidget(self.note, 0, 1, 1, 3)
        new_note.addWidget(day_label, 1, 0)
        new_note.addWidget(self.noted_on, 1, 1)
        new_note.addWidget(self.add_button, 1, 3)
        new_note.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(new_note)
        layout.addWidget(self.date_error)
        layout.addWidget(self.note_error)
        layout.addWidget(self.closed)
        self.noted_on.set_date(today)
        self.add_button.clicked.connect(self.add_requested)
        # Enter adds the note, and is kept from also pressing the dialog's Save.
        EnterKey(self.note, self.add_requested.emit)
        self.note.textChanged.connect(lambda _text: self.typed.emit())

    def show_notes(self, notes: tuple[ProgressNote, ...]) -> None:
        self.model.set_records(notes)
        self.empty.setVisible(not notes)
        if notes:
            self.table.scrollToBottom()

    def pending(self) -> bool:
        """A note has been typed and not yet saved."""
        return bool(self.note.text().strip())

    def clear_new(self) -> None:
        self.note.clear()
        self.noted_on.set_date(self.today)
        self.show_errors({})

    def show_errors(self, errors: dict[str, str]) -> None:
        self.date_error.show_message(errors.get(NOTED_ON, ""))
        self.note_error.show_message(errors.get(NOTE, ""))
        if errors.get(NOTED_ON):
            self.noted_on.setFocus()
        elif errors.get(NOTE):
            self.note.setFocus()

    def close_for_new_notes(self, why: str) -> None:
        """No new notes here (a replaced plan's item), with why in words."""
        for widget in (self.noted_on, self.note, self.add_button):
            widget.setEnabled(False)
        self.closed.setText(why)
