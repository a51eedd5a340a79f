"""What happens when Involve hits a bug: log it, and say so kindly, never with a traceback.

The details (the traceback, without local variables, so no personal data) go to the log and
to the clipboard on request, for whoever supports the charity.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop import __version__
from involve_desktop.ui import prompts

log = logging.getLogger("involve_desktop.crash")


def describe(exc_type: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(exc_type, error, tb)
    return f"Involve {__version__}\n" + "".join(lines)


class CrashDialog(QDialog):
    """'Something went wrong', with 'Copy details' and 'Open log folder'."""

    def __init__(self, details: str, log_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.log_dir = log_dir
        self.setWindowTitle("Something went wrong")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        message = QLabel(
            "<p><b>Involve ran into a problem it did not expect.</b></p>"
            "<p>Everything you had saved is safe. The last change you were making may not "
            "have been saved: please check it.</p>"
            "<p>If this keeps happening, press <b>Copy details</b> and send them to whoever "
            "supports Involve for you. The details contain no names or notes.</p>"
        )
        message.setWordWrap(True)
        self.message_label = message
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Copy details")
        self.open_logs_button = QPushButton("&Open log folder")
        self.close_button = QPushButton("Close")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_logs_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.open_logs_button.clicked.connect(lambda: prompts.open_folder(self.log_dir))
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(buttons)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("Details copied")


class _ThreadErrors(QObject):
    """Carries an error from a worker thread to the main thread, where dialogs live."""

    raised = Signal(object)


class CrashHandler:
    """Installed as `sys.excepthook` (and for threads); shows one dialog at a time."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self._showing = False
        self._thread_errors = _ThreadErrors()
        self._thread_errors.raised.connect(lambda args: self.handle(*args))

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def handle(
        self, exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        details = describe(exc_type, error, tb)
        log.error("Unexpected error:\n%s", details)
        if QApplication.instance() is None or self._showing:
            return
        self._showing = True
        try:
            CrashDialog(details, self.log_dir, QApplication.activeWindow()).exec()
        finally:
            self._showing = False

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        error = args.exc_value or args.exc_type()
        self._thread_errors.raised.emit((args.exc_type, error, args.exc_traceback))
