"""Pieces shared by the sections of the person editor: the section base, choice boxes, and
the gate in front of sensitive information."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.form_section import FormSection

Choice = TypeVar("Choice", bound=StrEnum)
NOT_SAID = "Not recorded"
SENSITIVE_MARK = "Sensitive"


class PersonSection(FormSection):
    """One section of the editor. Subclasses fill `load` and `apply_to`."""

    title = ""
    sensitive = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_fields: dict[str, DateField] = {}

    def load(self, details: PersonDetails) -> None:
        """Show a person's details (changes made here are not the user's)."""

    def apply_to(self, details: PersonDetails) -> PersonDetails:
        """The details with this section's inputs applied."""
        return details

    def add_date_row(self, field_name: str, label_text: str) -> DateField:
        field = DateField()
        field.textChanged.connect(self.notify_changed)
        self.add_row(field_name, label_text, field)
        self.date_fields[field_name] = field
        return field

    def date_problems(self) -> dict[str, str]:
        """Dates that cannot be read, by field, checked before anything else."""
        return {
            name: problem
            for name, field in self.date_fields.items()
            if (problem := field.problem())
        }

    def dated(self, field_name: str):  # type: ignore[no-untyped-def]
        return self.date_fields[field_name].date()


def choice_box(choices: Iterable[Choice], accessible_name: str, blank: str = NOT_SAID) -> QComboBox:
    box = QComboBox()
    if blank:
        box.addItem(blank, "")
    for choice in choices:
        box.addItem(choice.label, choice.value)  # type: ignore[attr-defined]
    box.setAccessibleName(accessible_name)
    return box


def show_choice(box: QComboBox, choice: StrEnum | None) -> None:
    index = box.findData(choice.value if choice is not None else "")
    box.setCurrentIndex(max(index, 0))


def chosen(box: QComboBox, kind: type[Choice]) -> Choice | None:
    value = box.currentData()
    return kind(value) if value else None


class SensitiveGate(QWidget):
    """Covers special-category information until someone asks to see it (and that is audited).

    `content` holds the fields; `open_requested` asks the editor to load them.
    """

    open_requested = Signal()

    def __init__(self, content: QWidget, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.notice = QLabel(
            f"{SENSITIVE_MARK}: {what} is special-category information. It is shown only when "
            "you ask, and each time it is opened is written in the audit trail."
        )
        self.notice.setWordWrap(True)
        self.show_button = QPushButton(f"Show {what}")
        self.show_button.setAccessibleName(f"Show {what}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.show_button)
        layout.addWidget(content)
        content.setVisible(False)
        self.show_button.clicked.connect(self.open_requested.emit)

    @property
    def is_open(self) -> bool:
        return not self.content.isHidden()

    def reveal(self) -> None:
        self.show_button.setVisible(False)
        self.content.setVisible(True)
        self.notice.setText(f"{SENSITIVE_MARK}: handle with care; do not copy it elsewhere.")

    def refuse(self, reason: str) -> None:
        self.show_button.setEnabled(False)
        self.notice.setText(f"{SENSITIVE_MARK}: {reason}")
