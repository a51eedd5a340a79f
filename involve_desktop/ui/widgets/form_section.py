"""A block of labelled inputs that shows problems at the field they belong to.

Messages appear in words under the input (with a warning sign, not colour alone) and are
also given to screen readers as the input's accessible description.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from involve_desktop.ui.colours import error_style


class FieldError(QLabel):
    """The message under one input; hidden when there is nothing to say."""

    def __init__(self, field: QWidget) -> None:
        super().__init__()
        self.field = field
        self.setWordWrap(True)
        self.setStyleSheet(error_style())
        self.setVisible(False)

    def show_message(self, message: str) -> None:
        self.setText(f"\u26a0 {message}" if message else "")
        self.setVisible(bool(message))
        self.field.setAccessibleDescription(message)


class FormSection(QWidget):
    """Rows of label + input + message. Subclasses call `add_row` for each field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer = QVBoxLayout(self)
        outer.addLayout(self.form)
        outer.addStretch(1)  # spare height goes below the fields, not between them
        self.errors: dict[str, FieldError] = {}
        self.loading = False

    def notify_changed(self, *_args: object) -> None:
        """Connect inputs' change signals here; changes made by `load()` are not the user's."""
        if not self.loading:
            self.changed.emit()

    def add_row(
        self, field_name: str, label_text: str, field: QWidget, input_widget: QWidget | None = None
    ) -> FieldError:
        """Add a labelled row; `input_widget` is the control that takes focus (default `field`)."""
        target = input_widget or field
        label = QLabel(label_text)
        label.setBuddy(target)
        # A group of controls (radio buttons, ticks) is named as a group: each control
        # inside keeps its own words ("Taking part"), which the label must not replace.
        named = field if input_widget is not None else target
        named.setAccessibleName(label_text.replace("&", "").rstrip(":"))
        error = FieldError(target)
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(field)
        column.addWidget(error)
        self.form.addRow(label, cell)
        self.errors[field_name] = error
        return error

    def show_errors(self, errors: dict[str, str]) -> bool:
        """Show the messages for this section's fields; focus the first; True if any."""
        first: QWidget | None = None
        for name, label in self.errors.items():
            message = errors.get(name, "")
            label.show_message(message)
            if message and first is None:
                first = label.field
        if first is not None:
            first.setFocus()
        return first is not None
