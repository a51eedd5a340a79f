"""Helpers for driving widgets like a person: typing any text, reading what is shown.

QTest.keyClicks only knows ASCII and aborts on "Siân" or "王芳"; the people a charity works
with have such names, so the tests type them key event by key event.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(widget, event)


def shown_text(label: QWidget) -> str:
    """What a person reads in a label, with rich text turned into plain words."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def show_active(qtbot, widget: QWidget) -> None:
    """Show a window and wait until it is the active one, so shortcuts and focus work."""
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
