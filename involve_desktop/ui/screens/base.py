"""What every screen in the main window can be asked to do."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from involve_desktop.app import AppContext


class Screen(QWidget):
    """A screen in the main window. Override what applies; the defaults say 'not here'."""

    can_search = False
    can_create = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def confirm_leave(self) -> bool:
        """Called before the user moves away or closes: False keeps them here."""
        return True

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in this screen's search box."""

    def start_new(self) -> None:
        """Ctrl+N: start a new record of the kind this screen lists."""
