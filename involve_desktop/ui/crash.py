"""What happens when Involve hits a bug: log it, and say so kindly (ui/dialogs/crash_dialog.py).

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
from PySide6.QtWidgets import QApplication

from involve_desktop import __version__
from involve_desktop.errors import KnownError

log = logging.getLogger("involve_desktop.crash")


def describe(exc_type: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(exc_type, error, tb)
    return f"Involve {__version__}\n" + "".join(lines)


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
        if isinstance(error, KnownError):
            # Not a bug: something the user can act on (a refused action, a full disk).
            log.warning("Told the user: %s", type(error).__name__)
            if QApplication.instance() is not None:
                from involve_desktop.ui import prompts

                prompts.show_problem(QApplication.activeWindow(), "Involve", error.message)
            return
        details = describe(exc_type, error, tb)
        log.error("Unexpected error:\n%s", details)
        if QApplication.instance() is None or self._showing:
            return
        # Imported only when needed: dialog classes cost start-up time (decision 002).
        from involve_desktop.ui.dialogs.crash_dialog import CrashDialog

        self._showing = True
        try:
            CrashDialog(details, self.log_dir, QApplication.activeWindow()).exec()
        finally:
            self._showing = False

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        error = args.exc_value or args.exc_type()
        self._thread_errors.raised.emit((args.exc_type, error, args.exc_traceback))
