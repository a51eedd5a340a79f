"""Slow work runs in the background while a progress dialog keeps the window alive."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog

from involve_desktop.ui.progress import run_with_progress, run_with_steps


def test_the_work_runs_off_the_main_thread_and_its_result_comes_back(qapp):
    seen = {}

    def work() -> int:
        seen["thread"] = threading.current_thread()
        time.sleep(0.4)  # longer than the dialog's 300 ms delay, so it is shown
        return 42

    assert run_with_progress(None, "Upgrading", "Please wait", work) == 42
    assert seen["thread"] is not threading.main_thread()


def test_an_error_in_the_work_is_raised_to_the_caller(qapp):
    def work() -> None:
        raise ValueError("the upgrade failed")

    with pytest.raises(ValueError, match="the upgrade failed"):
        run_with_progress(None, "Upgrading", "Please wait", work)


def _progress_dialog() -> QProgressDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
    return next((dialog for dialog in found if dialog.isVisible()), None)


def test_a_busy_dialog_is_shown_while_slow_work_runs(qapp):
    seen = {}

    def work() -> None:
        time.sleep(0.6)

    def look() -> None:
        seen.setdefault("dialog", _progress_dialog())

    QTimer.singleShot(450, look)
    run_with_progress(None, "Upgrading", "Please wait", work)
    assert seen["dialog"] is not None, "shown after 300 ms, not Qt's own 4 s"
    assert seen["dialog"].windowTitle() == "Upgrading"


def test_counted_work_moves_a_real_bar_while_the_window_stays_responsive(qapp):
    ticks = []
    responsive = QTimer()
    responsive.timeout.connect(lambda: ticks.append(time.monotonic()))
    responsive.start(20)
    bar_values: list[int] = []
    shown_half = threading.Event()

    def watch() -> None:
        dialog = _progress_dialog()
        if dialog is None:
            return
        bar = dialog.findChild(QProgressBar)
        if not bar_values:
            bar.valueChanged.connect(bar_values.append)
            bar_values.append(bar.value())
        if (dialog.value(), dialog.maximum()) == (2, 4):
            shown_half.set()

    watcher = QTimer()
    watcher.timeout.connect(watch)
    watcher.start(10)

    def work(progress) -> str:
        progress(1, 4)
        time.sleep(0.4)
        progress(2, 4)
        # Waits for the GUI thread to show 2 of 4: proof the count crosses the threads.
        assert shown_half.wait(5)
        progress(3, 4)
        time.sleep(0.1)
        return "printed"

    try:
        result = run_with_steps(None, "Printing", "Printing the plan\u2026", work)
    finally:
        responsive.stop()
        watcher.stop()
    assert result == "printed"
    assert len(ticks) >= 10, "the window's own timers ran while the work did"
    assert bar_values[-1] == 4, "the bar reaches the end"
    assert bar_values == sorted(bar_values)


def test_an_error_in_counted_work_is_raised_to_the_caller(qapp):
    def work(progress) -> None:
        progress(1, 2)
        raise OSError("the printer went away")

    with pytest.raises(OSError, match="printer went away"):
        run_with_steps(None, "Printing", "Printing\u2026", work)
