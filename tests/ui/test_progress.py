"""Slow work runs in the background while a progress dialog keeps the window alive; nothing
else can be started meanwhile, and the work is never cut off half done.

The tests wait on what they look for (events between the threads, `qtbot.waitUntil`), never
on sleeps of a given length, so a slow machine only makes them slower."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog, QPushButton

from involve_desktop.ui import progress
from involve_desktop.ui.progress import (
    run_with_progress,
    run_with_steps,
    still_running,
    work_in_progress,
)

LONG = 30  # seconds: how long a test waits for what it expects before it fails


def _progress_dialog() -> QProgressDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
    return next((dialog for dialog in found if dialog.isVisible()), None)


def watch(action) -> QTimer:  # type: ignore[no-untyped-def]
    """Run `action` every 10 ms on the GUI thread (inside the runner's own loop)."""
    timer = QTimer()
    timer.timeout.connect(action)
    timer.start(10)
    return timer


def test_the_work_runs_off_the_main_thread_and_its_result_comes_back(qapp):
    seen = {}

    def work() -> int:
        seen["thread"] = threading.current_thread()
        return 42

    assert run_with_progress(None, "Upgrading", "Please wait", work) == 42
    assert seen["thread"] is not threading.main_thread()


def test_an_error_in_the_work_is_raised_to_the_caller(qapp):
    def work() -> None:
        raise ValueError("the upgrade failed")

    with pytest.raises(ValueError, match="the upgrade failed"):
        run_with_progress(None, "Upgrading", "Please wait", work)
    assert not work_in_progress()


def test_a_busy_dialog_is_shown_while_slow_work_runs(qapp):
    seen = {}
    shown = threading.Event()

    def look() -> None:
        dialog = _progress_dialog()
        if dialog is not None and not shown.is_set():
            seen["dialog"] = dialog
            seen["title"] = dialog.windowTitle()
            shown.set()

    def work() -> None:
        # Ends only once the GUI thread has seen the dialog, however slow the machine.
        assert shown.wait(LONG), "shown after 300 ms, not Qt's own 4 s"

    looker = watch(look)
    try:
        run_with_progress(None, "Upgrading", "Please wait", work)
    finally:
        looker.stop()
    assert seen["title"] == "Upgrading"
    assert _progress_dialog() is None, "closed when the work is done"


def test_counted_work_moves_a_real_bar_while_the_window_stays_responsive(qapp):
    ticks = []
    responsive = QTimer()
    responsive.timeout.connect(lambda: ticks.append(1))
    responsive.start(5)
    bar_values: list[int] = []
    texts: list[str] = []
    shown_half = threading.Event()

    def look() -> None:
        dialog = _progress_dialog()
        if dialog is None:
            return
        bar = dialog.findChild(QProgressBar)
        if not bar_values:
            bar.valueChanged.connect(bar_values.append)
            bar_values.append(bar.value())
        if (dialog.value(), dialog.maximum()) == (2, 4) and len(ticks) >= 10:
            texts.append(bar.text())
            shown_half.set()

    def work(count) -> str:
        count(1, 4)
        count(2, 4)
        # Waits for the GUI thread to show 2 of 4 (proof the count crosses the threads) and
        # for the window's own timer to have run meanwhile (proof it is not frozen).
        assert shown_half.wait(LONG)
        count(3, 4)
        return "printed"

    looker = watch(look)
    try:
        result = run_with_steps(
            None, "Printing", "Printing the plan\u2026", work, bar_format="%v of %m pages printed"
        )
    finally:
        responsive.stop()
        looker.stop()
    assert result == "printed"
    assert texts[0] == "2 of 4 pages printed", "the bar says what it counts, not 50%"
    assert bar_values[-1] == 4, "the bar reaches the end"
    assert bar_values == sorted(bar_values)


def test_an_error_in_counted_work_is_raised_to_the_caller(qapp):
    def work(count) -> None:
        count(1, 2)
        raise OSError("the printer went away")

    with pytest.raises(OSError, match="printer went away"):
        run_with_steps(None, "Printing", "Printing\u2026", work)


def test_while_work_runs_it_says_so_and_clicks_before_the_dialog_are_dropped(qtbot, monkeypatch):
    # The dialog never shows in this test, however slow the machine: its clicks are dropped.
    monkeypatch.setattr(progress, "SHOW_AFTER_MS", 10**9)
    button = QPushButton("Save as PDF\u2026")
    qtbot.addWidget(button)
    button.show()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    seen: list[tuple[bool, str | None]] = []
    tried = threading.Event()

    def try_clicking() -> None:
        if tried.is_set():
            return
        seen.append((work_in_progress(), still_running()))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.keyClick(button, Qt.Key.Key_Space)
        tried.set()

    def work() -> str:
        assert tried.wait(LONG)
        return "made"

    clicker = watch(try_clicking)
    try:
        assert (
            run_with_progress(
                None, "Saving", "Saving\u2026", work, still="A PDF is still being made."
            )
            == "made"
        )
    finally:
        clicker.stop()
    assert seen == [(True, "A PDF is still being made.")]
    assert clicks == [], "the click and the key meant for the window were dropped"
    assert (work_in_progress(), still_running()) == (False, None)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert clicks == [True], "clicks work again afterwards"


QUITTING = """
import os, sys, threading, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from involve_desktop.ui.progress import run_with_steps, still_running

app = QApplication([])
told_to_quit = threading.Event()

def quit_now():
    QApplication.exit(0)  # as when the last window closes: every event loop is told to end
    told_to_quit.set()

def work(count):
    assert told_to_quit.wait(30)
    time.sleep(0.2)  # still writing after the loop has ended
    return "written"

QTimer.singleShot(0, quit_now)
print("result:", run_with_steps(None, "Saving the PDF", "Making it", work), still_running())
"""


def test_quitting_while_work_runs_lets_it_finish_and_hands_back_its_result(tmp_path: Path):
    script = tmp_path / "quitting.py"
    script.write_text(QUITTING)
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert "result: written None" in done.stdout
