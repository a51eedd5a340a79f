"""Run slow work in a background thread while a progress dialog keeps the window alive.

`run_with_progress` shows a busy bar for work that cannot count its steps;
`run_with_steps` gives the work a `progress(done, total)` callback and shows a real bar.
The work never touches a widget: it runs on its own thread, and the callback only stores
the latest count, which the GUI thread reads on its poll timer.

Nothing else may start meanwhile: until the dialog shows (quick work shows none), clicks and
keys are swallowed, and once it shows it is modal. `still_running()` tells the main window,
which will not close while work is running: the work may be writing a file or reading the
records, and closing would close the records under it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog, QWidget

R = TypeVar("R")
Progress = Callable[[int, int], None]
POLL_MS = 50
# Quick work finishes before this and shows no dialog at all, so nothing flickers.
SHOW_AFTER_MS = 300
# What each run in progress is doing, as a sentence for someone closing the app, newest last.
# Only the GUI thread touches it.
_RUNNING: list[str] = []
_USER_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletRelease,
    }
)


def work_in_progress() -> bool:
    """True while work started here has not finished."""
    return bool(_RUNNING)


def still_running() -> str | None:
    """What is still running, said as a sentence ("A PDF is still being made."); None when
    nothing is."""
    return _RUNNING[-1] if _RUNNING else None


class _SwallowInput(QObject):
    """Drops clicks and keys meant for any window while installed on the application."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() in _USER_INPUT


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


def run_with_progress(
    parent: QWidget | None, title: str, label: str, work: Callable[[], R], *, still: str = ""
) -> R:
    """Return `work()`'s result, or raise what it raised, showing a busy dialog meanwhile.
    `still` says what is running to someone closing the app ("A PDF is still being made.")."""
    return _run(parent, title, label, lambda _progress: work(), still=still, bar_format=None)


def run_with_steps(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Callable[[Progress], R],
    *,
    still: str = "",
    bar_format: str = "%v of %m",
) -> R:
    """Return `work(progress)`'s result, or raise what it raised. The work calls
    `progress(done, total)` (from its own thread) as it goes, and the dialog's bar follows,
    its text in `bar_format` (QProgressBar's: %v done, %m in all, %p percent), worded for
    what is counted, e.g. "%v of %m pages printed"."""
    return _run(parent, title, label, work, still=still, bar_format=bar_format)


def _run(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Callable[[Progress], R],
    *,
    still: str,
    bar_format: str | None,
) -> R:
    outcome: dict[str, object] = {}
    latest = _LatestCount()
    counted = bar_format is not None

    def target() -> None:
        try:
            outcome["result"] = work(latest.put)
        except BaseException as error:  # handed back to the caller's thread below
            outcome["error"] = error

    dialog = _dialog(parent, title, label, bar_format)
    worker = threading.Thread(target=target, name=title, daemon=True)
    loop = QEventLoop()
    started = time.monotonic()
    application = QApplication.instance()
    # Until the modal dialog shows, a second click could start the same work again.
    swallow = _SwallowInput()

    def tick() -> None:
        _show_count(dialog, latest.take())
        if not worker.is_alive():
            if counted:
                dialog.setValue(dialog.maximum())  # done, whatever the last count said
            loop.quit()
        elif not dialog.isVisible() and time.monotonic() - started >= SHOW_AFTER_MS / 1000:
            dialog.show()
            application.removeEventFilter(swallow)

    timer = QTimer()
    timer.timeout.connect(tick)
    _RUNNING.append(still or f"\u201c{title}\u201d is not finished yet.")
    application.installEventFilter(swallow)
    try:
        worker.start()
        timer.start(POLL_MS)
        loop.exec()
    finally:
        timer.stop()
        application.removeEventFilter(swallow)
        # The loop ends early only when the application is told to quit: the work may be
        # writing a file or holding the records, so it is let finish before anything closes.
        if worker.is_alive():
            worker.join()
        _RUNNING.pop()
        dialog.close()
        dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]


def _dialog(
    parent: QWidget | None, title: str, label: str, bar_format: str | None
) -> QProgressDialog:
    # A busy bar is 0 to 0; a counted one starts at 0 of 1 until the work says how many.
    dialog = QProgressDialog(label, "", 0, 0 if bar_format is None else 1, parent)
    if bar_format is not None:
        bar = QProgressBar()
        bar.setFormat(bar_format)
        bar.setRange(0, 1)
        dialog.setBar(bar)
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
