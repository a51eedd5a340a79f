"""Home: where Involve opens. What needs doing today, and how involvement is going this year.

Today's jobs come first (services/home_jobs.py), then the year at a glance
(services/year_figures.py, the evaluation's and the annual report's own figures). Both are
worked out on worker threads, side by side, so the window never freezes on a big register;
each is drawn as it comes in, and `ready` is emitted when both are.

Home reads everything again when data changes anywhere in the app (the single
`data_changed` signal): at once when it is on screen, otherwise when it is next shown. It
never polls.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.services.home_jobs import Job, JobKind, todays_jobs
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.practice_prompts import DEFAULT_IMPACT_DUE_WEEKS
from involve_desktop.services.year_figures import year_figures
from involve_desktop.ui import ops
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.screens.home.destinations import job_destination
from involve_desktop.ui.screens.home.early import early_result, take_early
from involve_desktop.ui.screens.home.glance_panel import GlancePanel
from involve_desktop.ui.screens.home.jobs_panel import JobsPanel
from involve_desktop.ui.widgets.refresh_when_shown import RefreshWhenShown

JOBS, FIGURES = "jobs", "figures"


class Worker(QObject):
    """Runs each read on a thread of its own (SQLite reads side by side, so the jobs and
    the figures take as long as the slower of them) and hands each result back on the GUI
    thread as `finished(generation, part, result)`; a result that is an exception is
    raised there, so the crash handler says it as any other problem."""

    finished = Signal(int, str, object)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def run(self, generation: int, part: str, step: Callable[[], Any]) -> None:
        # Started through the context, which waits for it before the records close.
        self.ctx.start_reader(partial(self._work, generation, part, step), f"home {part}")

    def _work(self, generation: int, part: str, step: Callable[[], Any]) -> None:
        try:
            result: Any = step()
        except Exception as problem:  # handed to the GUI thread, raised there
            result = problem
        # RuntimeError: the screen has gone (the window closed meanwhile).
        with contextlib.suppress(RuntimeError):
            self.finished.emit(generation, part, result)


class HomeScreen(Screen):
    ready = Signal()  # today's jobs and the year's figures are drawn
    go_to = Signal(object)  # a Destination: the main window opens it

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.fixed_today = today
        self.generations: dict[str, int] = {}  # the latest reading asked for, of each part
        self.waiting: set[str] = set()
        self.jobs = JobsPanel()
        self.glance = GlancePanel(ctx, self.today())
        self.worker = Worker(ctx, self)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.jobs)
        column.addSpacing(self.fontMetrics().height())
        column.addWidget(self.glance)
        column.addStretch(1)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(content)
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what is inside
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroller)
        self.scroller = scroller

        self.worker.finished.connect(self._arrived)
        self.jobs.job_chosen.connect(self.open_job)
        self.glance.records_wanted.connect(self.go_to)
        self.glance.year_chosen.connect(lambda: self.load(jobs=False))
        self.when_shown = RefreshWhenShown(self, self.load)
        ctx.events.data_changed.connect(self._data_changed)
        self.load()

    def today(self) -> date:
        return self.fixed_today or date.today()

    # --- loading -------------------------------------------------------------------------

    def load(self, *, jobs: bool = True) -> None:
        """Work out the jobs (unless only the year changed), then the figures, on a worker."""
        today, period = self.today(), self.glance.period()
        early_jobs, early_figures = take_early(self.ctx)

        def read_jobs() -> Any:
            found = early_result(early_jobs, today)
            return found if found is not None else ops.query(self.ctx, todays_jobs, today)

        def read_figures() -> Any:
            assert period is not None
            found = early_result(early_figures, today, period)
            return found if found is not None else ops.query(self.ctx, year_figures, *period, today)

        steps: list[tuple[str, Callable[[], Any]]] = []
        if jobs:
            steps.append((JOBS, read_jobs))
        if period is not None:
            steps.append((FIGURES, read_figures))
        # Each part counts its own readings: a newer reading of the figures (another year
        # chosen) must not throw away the jobs still on their way, nor the other way round.
        for part, step in steps:
            self.generations[part] = self.generations.get(part, 0) + 1
            self.waiting.add(part)
            self.worker.run(self.generations[part], part, step)
        self.glance.show_working(FIGURES in self.waiting)

    def _arrived(self, generation: int, part: str, result: object) -> None:
        if generation != self.generations.get(part):
            return  # a newer reading of this part is on its way
        if isinstance(result, Exception):
            self.waiting.discard(part)
            self.glance.show_working(False)
            raise result
        if part == JOBS:
            self.jobs.show_jobs(result)  # type: ignore[arg-type]
        else:
            self.glance.show_figures(result)  # type: ignore[arg-type]
        self.waiting.discard(part)
        if not self.waiting:
            self.ready.emit()

    @property
    def loading(self) -> bool:
        return bool(self.waiting)

    def _data_changed(self, kind: str) -> None:
        if kind == "organisation":
            self.glance.year.load_year_start(self.ctx)  # the year may start on another day
        self.when_shown.request(kind)

    # --- jobs ----------------------------------------------------------------------------

    def open_job(self, job: Job) -> None:
        """The list (or dialog) behind a job, showing exactly what its count counted."""
        if job.kind is JobKind.RETENTION:
            from involve_desktop.ui.dialogs.retention_dialog import RetentionDialog

            # Window-modal, without a nested event loop, as the record editors open.
            self.retention_dialog = RetentionDialog(self.ctx, self, today=self.fixed_today)
            self.retention_dialog.finished.connect(self.retention_dialog.deleteLater)
            self.retention_dialog.open()
            return
        organisation = ops.query(self.ctx, load_organisation)
        weeks = organisation.impact_due_weeks if organisation else DEFAULT_IMPACT_DUE_WEEKS
        destination = job_destination(job.kind, weeks)
        if destination is not None:
            self.go_to.emit(destination)
