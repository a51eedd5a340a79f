"""Slow work runs in the background while a progress dialog keeps the window alive."""

from __future__ import annotations

import threading
import time

import pytest

from involve_desktop.ui.progress import run_with_progress


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
