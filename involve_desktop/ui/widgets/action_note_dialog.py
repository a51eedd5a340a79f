"""A progress note added straight from the action plan's list: what happened today, with a
problem (an empty note, say) shown under the note itself rather than in a message box, and
what was typed kept until it is added or the user chooses to drop it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.ui import prompts
from involve_desktop.ui.dialogs.record_dialog import RecordDialog
from involve_desktop.ui.widgets.form_section import FieldError


class ActionNoteDialog(RecordDialog):
    """`add_note(text)` saves the note, raising ValidationFailed with field messages; the
    dialog closes (accepted) once it has saved."""

    what_is_edited = "this note"

    def __init__(
        self, action: str, add_note: Callable[[str], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.add_note = add_note
        self.set_title("Add a progress note")
        self.note = QLineEdit()
        self.note.setAccessibleName("What happened")
        hint = "For example: met the panel, they chose three changes"
        self.note.setPlaceholderText(hint)
        self.note.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        label = QLabel(f"What &happened on \u201c{action}\u201d today:")
        label.setWordWrap(True)
        label.setBuddy(self.note)
        self.note_error = FieldError(self.note)
        self.save_button.setText("&Add note")
        self.save_button.setToolTip("Add the note (Ctrl+S)")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(label)
        layout.addWidget(self.note)
        layout.addWidget(self.note_error)
        layout.addStretch(1)
        layout.addLayout(self.button_bar())
        self.note.textChanged.connect(lambda text: self.set_dirty(bool(text.strip())))
        self.note.setFocus()
        self.adjustSize()  # tall enough for the question however it wraps

    def save(self) -> bool:
        try:
            self.add_note(self.note.text())
        except ValidationFailed as problem:
            # Every message of a note belongs to the one field the user can put right here.
            self.note_error.show_message(" ".join(problem.errors.values()))
            self.state_label.setText("Not added yet: see the message above.")
            self.note.setFocus()
            self.adjustSize()  # room for the message
            return False
        except KnownError as problem:
            # Not the note's fault (the action was deleted meanwhile, say): nothing to retry.
            prompts.show_problem(self, "The note was not added", problem.message)
            self.set_dirty(False)
            self.reject()
            return False
        self.set_dirty(False)
        self.accept()
        return True
