"""Search as you type, with a short pause that gathers fast typing into one search."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit

TYPING_PAUSE_MS = 120


def after_typing(edit: QLineEdit, action: Callable[[], None]) -> QTimer:
    """Run `action` once typing in `edit` pauses; the timer is returned to stop or test."""
    timer = QTimer(edit)
    timer.setSingleShot(True)
    timer.setInterval(TYPING_PAUSE_MS)
    timer.timeout.connect(action)
    edit.textChanged.connect(lambda _text: timer.start())
    return timer
