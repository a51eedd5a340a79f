"""Home's reads run on threads of their own: garbage is never collected there (Qt objects
must be freed on the GUI thread), and closing the records waits for the reads still running."""

from __future__ import annotations

import gc
import threading
import time

from PySide6.QtWidgets import QApplication

from involve_desktop.services import home_jobs
from involve_desktop.services.claim_workflow import approve_claim
from involve_desktop.services.home_jobs import JobKind
from involve_desktop.ui import ops
from involve_desktop.ui.gc_on_gui_thread import GarbageCollector, collect_on_gui_thread
from involve_desktop.ui.screens.home import home_screen
from tests.ui.test_home_screen import busy, open_home  # noqa: F401


class _Marker:
    """Says on which thread it was freed."""

    def __init__(self, freed_on: list[str]) -> None:
        self.freed_on = freed_on
        self.itself = self  # a cycle: only the garbage collector frees it

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def test_garbage_made_on_a_reader_thread_is_collected_on_the_gui_thread(qtbot, qapp):
    freed_on: list[str] = []

    def make_garbage() -> None:
        _Marker(freed_on)
        for _ in range(50_000):  # far past the youngest generation's threshold
            cycle: list[object] = []
            cycle.append(cycle)

    reader = threading.Thread(target=make_garbage, name="reader")
    reader.start()
    reader.join()
    assert freed_on == []  # nothing was collected on the reader
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5_000)
    assert freed_on == [threading.main_thread().name]
    assert not gc.isenabled()
    assert collect_on_gui_thread(qapp) is qapp.findChild(GarbageCollector)  # installed once


def test_closing_waits_for_homes_reads_still_running(qtbot, ctx, monkeypatch):
    window, home = open_home(qtbot, ctx)
    started: list[bool] = []
    finished: list[bool] = []
    real = home_jobs.todays_jobs

    def slow_jobs(session, today):
        started.append(True)
        time.sleep(0.5)
        found = real(session, today)
        finished.append(True)
        return found

    monkeypatch.setattr(home_screen, "todays_jobs", slow_jobs)
    home.load()
    window.close()
    ctx.close()
    assert started and finished == started  # the reads ended before the records closed
    assert ctx.wait_for_readers(0)


def test_choosing_another_year_while_the_jobs_are_read_does_not_lose_them(
    qtbot, ctx, monkeypatch, request
):
    records = request.getfixturevalue("busy")
    _window, home = open_home(qtbot, ctx)
    real = home_jobs.todays_jobs

    def slow_jobs(session, today):
        time.sleep(0.3)
        return real(session, today)

    monkeypatch.setattr(home_screen, "todays_jobs", slow_jobs)
    assert home.jobs.counts()[JobKind.CLAIMS_TO_APPROVE] == 2
    with ctx.database().session_scope() as session:
        approve_claim(session, records["admin"], records["waiting"][0])
    home.load()  # as data_changed does
    home.load(jobs=False)  # another year chosen before the jobs came back
    qtbot.waitUntil(lambda: not home.loading, timeout=5_000)
    assert home.jobs.counts()[JobKind.CLAIMS_TO_APPROVE] == 1


def test_the_focused_job_keeps_the_focus_when_the_jobs_are_read_again(qtbot, ctx, request):
    records = request.getfixturevalue("busy")
    _window, home = open_home(qtbot, ctx)
    home.jobs.button(JobKind.PLAN_OVERDUE).setFocus()
    qtbot.waitUntil(home.jobs.button(JobKind.PLAN_OVERDUE).hasFocus)
    ops.change(ctx, "claims", approve_claim, records["admin"], records["waiting"][0])
    qtbot.waitUntil(lambda: home.jobs.counts().get(JobKind.CLAIMS_TO_APPROVE) == 1)
    assert QApplication.focusWidget() is home.jobs.button(JobKind.PLAN_OVERDUE)

    # When the focused job is done, the focus goes to the list's heading, not out of the window.
    home.jobs.button(JobKind.CLAIMS_TO_APPROVE).setFocus()
    qtbot.waitUntil(home.jobs.button(JobKind.CLAIMS_TO_APPROVE).hasFocus)
    ops.change(ctx, "claims", approve_claim, records["admin"], records["waiting"][1])
    qtbot.waitUntil(lambda: JobKind.CLAIMS_TO_APPROVE not in home.jobs.counts())
    assert QApplication.focusWidget() is home.jobs.title
