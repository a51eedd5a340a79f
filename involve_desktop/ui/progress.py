"""Run slow work in a background thread while a progress dialog keeps the window alive."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

R = TypeVar("R")
POLL_MS = 50


def run_with_progress(parent: QWidget | None, title: str, label: str, work: Callable[[], R]) -> R:
    """Return `work()`'s result, or raise what it raised, showing a busy dialog meanwhile."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed back to the caller's thread below
            outcome["error"] = error

    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)
    dialog.setAccessibleName(title)
    worker = threading.Thread(target=target, name=title, daemon=True)
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    worker.start()
    timer.start(POLL_MS)
    loop.exec()
    timer.stop()
    dialog.close()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
