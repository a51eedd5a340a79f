"""Figures read again after data changes: at once when they are on screen, otherwise when they
are next shown, so a hidden tab or section costs nothing while other work goes on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class RefreshWhenShown(QObject):
    """Connect `request` to `data_changed`: `refresh` runs now or when `widget` is shown.

    Changes of the `ignored` kinds leave the figures as they are. Being a child of the
    widget, it is disconnected when the widget goes, so a closed editor is never refreshed.
    """

    def __init__(
        self, widget: QWidget, refresh: Callable[[], None], *, ignored: tuple[str, ...] = ()
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.refresh = refresh
        self.ignored = ignored
        self.stale = False
        widget.installEventFilter(self)

    def request(self, kind: str = "") -> None:
        if kind in self.ignored:
            return
        if self.widget.isVisible():
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.refresh()
        return False
