"""Run slow work in a background thread while a progress dialog keeps the window alive.

`run_with_progress` shows a busy bar for work that cannot count its steps;
`run_with_steps` gives the work a `progress(done, total)` callback and shows a real bar.
The work never touches a widget: it runs on its own thread, and the callback only stores
the latest count, which the GUI thread reads on its poll timer. The dialog is modal, so a
second click on the button that started the work cannot start it again meanwhile.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

R = TypeVar("R")
Progress = Callable[[int, int], None]
POLL_MS = 50
# Quick work finishes before this and shows no dialog at all, so nothing flickers.
SHOW_AFTER_MS = 300


class _LatestCount:
    """The newest (done, total) from the worker thread, for the GUI thread to pick up."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count: tuple[int, int] | None = None

    def put(self, done: int, total: int) -> None:
        with self._lock:
            self._count = (done, total)

    def take(self) -> tuple[int, int] | None:
        with self._lock:
            count, self._count = self._count, None
        return count


def run_with_progress(parent: QWidget | None, title: str, label: str, work: Callable[[], R]) -> R:
    """Return `work()`'s result, or raise what it raised, showing a busy dialog meanwhile."""
    return _run(parent, title, label, lambda _progress: work(), counted=False)


def run_with_steps(
    parent: QWidget | None, title: str, label: str, work: Callable[[Progress], R]
) -> R:
    """Return `work(progress)`'s result, or raise what it raised. The work calls
    `progress(done, total)` (from its own thread) as it goes, and the dialog's bar follows."""
    return _run(parent, title, label, work, counted=True)


def _run(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Callable[[Progress], R],
    *,
    counted: bool,
) -> R:
    outcome: dict[str, object] = {}
    latest = _LatestCount()

    def target() -> None:
        try:
            outcome["result"] = work(latest.put)
        except BaseException as error:  # handed back to the caller's thread below
            outcome["error"] = error

    dialog = _dialog(parent, title, label, counted)
    worker = threading.Thread(target=target, name=title, daemon=True)
    loop = QEventLoop()
    started = time.monotonic()

    def tick() -> None:
        _show_count(dialog, latest.take())
        if not worker.is_alive():
            if counted:
                dialog.setValue(dialog.maximum())  # done, whatever the last count said
            loop.quit()
        elif not dialog.isVisible() and time.monotonic() - started >= SHOW_AFTER_MS / 1000:
            dialog.show()

    timer = QTimer()
    timer.timeout.connect(tick)
    worker.start()
    timer.start(POLL_MS)
    loop.exec()
    timer.stop()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]


def _dialog(parent: QWidget | None, title: str, label: str, counted: bool) -> QProgressDialog:
    # A busy bar is 0 to 0; a counted one starts at 0 of 1 until the work says how many.
    dialog = QProgressDialog(label, "", 0, 1 if counted else 0, parent)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    # Shown by the poll timer, not by Qt's own estimate, which waits 4 s for a busy bar.
    dialog.setMinimumDuration(2**30)
    dialog.setWindowModality(
        Qt.WindowModality.WindowModal if parent is not None else Qt.WindowModality.ApplicationModal
    )
    dialog.setAccessibleName(title)
    dialog.hide()
    return dialog


def _show_count(dialog: QProgressDialog, count: tuple[int, int] | None) -> None:
    if count is None:
        return
    done, total = count
    total = max(total, 1)
    if dialog.maximum() != total:
        dialog.setMaximum(total)
    dialog.setValue(min(max(done, 0), total))
