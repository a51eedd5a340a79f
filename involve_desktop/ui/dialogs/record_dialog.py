"""What every dialog that edits a record shares: a title, Cancel and Save (Ctrl+S) with a
line saying whether there are unsaved changes, and a question before unsaved changes are lost.

A subclass sets `what_is_edited` ("this record"), implements `save()` (True when saved and
closed), calls `set_dirty(True)` when the user changes something, and puts `title_label`
and `button_bar()` in its layout.
"""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from involve_desktop.ui import prompts
from involve_desktop.ui.widgets.cell_edits import commit_cell_edits
from involve_desktop.ui.widgets.heading import heading


def not_saved_message(problems: int) -> str:
    things = "one thing needs" if problems == 1 else f"{problems} things need"
    return f"Not saved: {things} correcting (marked \u26a0)."


class RecordDialog(QDialog):
    what_is_edited = "this record"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dirty = False
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName("Whether the changes are saved")
        self.title_label = heading("")
        self.cancel_button = QPushButton("Cancel")
        self.save_button = QPushButton("&Save")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._save_requested)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._save_requested)

    def button_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.state_label, 1)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.save_button)
        return bar

    def set_title(self, title: str) -> None:
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.title_label.setAccessibleName(title)

    def _save_requested(self) -> None:
        commit_cell_edits(self)
        self.save()

    def save(self) -> bool:
        """Each kind of record saves itself here: True when saved, False (problems shown)."""
        return False

    def set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.state_label.setText("Unsaved changes." if dirty else "")

    def reject(self) -> None:
        # A cell still being typed in counts as a change, so closing asks before losing it.
        commit_cell_edits(self)
        if self.dirty:
            choice = prompts.ask_unsaved_changes(self, self.what_is_edited)
            if choice is prompts.UnsavedChoice.CANCEL:
                return
            if choice is prompts.UnsavedChoice.SAVE:
                self.save()
                return
        self.set_dirty(False)
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        commit_cell_edits(self)
        if self.dirty:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
