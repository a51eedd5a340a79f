"""A screen's title: larger and bold, relative to the user's own font size."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from involve_desktop.ui.text_size import set_relative_size


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    set_relative_size(label, 1.5)
    label.setAccessibleName(text)
    return label
