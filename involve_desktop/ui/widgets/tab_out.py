"""Ctrl+Tab (and Ctrl+Shift+Tab) leave a widget that keeps Tab for itself, such as a table
edited cell by cell: Qt's tables move to the next cell on Ctrl+Tab too, which would trap a
keyboard user inside the table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


class CtrlTabLeaves(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        backwards = event.key() == Qt.Key.Key_Backtab or (
            event.key() == Qt.Key.Key_Tab and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        target = self._next_outside(backwards)
        if target is not None:
            target.setFocus(
                Qt.FocusReason.BacktabFocusReason if backwards else Qt.FocusReason.TabFocusReason
            )
        return True

    def _next_outside(self, backwards: bool) -> QWidget | None:
        """The next widget in the Tab order that is not the widget or inside it."""
        candidate = self.widget
        for _step in range(1000):  # the chain is a ring; stop at its end
            candidate = (
                candidate.previousInFocusChain() if backwards else candidate.nextInFocusChain()
            )
            if candidate is self.widget:
                return None
            if (
                not self.widget.isAncestorOf(candidate)
                and candidate.isVisible()
                and candidate.isEnabled()
                and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            ):
                return candidate
        return None
