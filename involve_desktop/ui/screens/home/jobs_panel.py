"""Today's jobs: one line for each thing that needs attention, with its count in the words
and a button that opens exactly those records in one click (services/home_jobs.py counts
them with the lists' own filters). A job with nothing to do is not shown; with none at
all, the panel says so.

Overdue is said in words ("Overdue: …") and in bold, never by colour alone. The buttons have
no Alt+letter of their own: their words change with the jobs, so they could clash.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from involve_desktop.services.home_jobs import Job, JobKind
from involve_desktop.ui.widgets.heading import heading

TITLE = "Today\u2019s jobs"
NOTHING_TO_DO = "Nothing needs doing today."
WORKING = "Looking for what needs doing\u2026"
OVERDUE = "Overdue"
# Where each job's button leads, for its tooltip: "Opens the Claims list, showing the …".
PLACES = {
    JobKind.CLAIMS_TO_APPROVE: "Claims list",
    JobKind.CLAIMS_TO_PAY: "Claims list",
    JobKind.CONSENT_REVIEWS: "register",
    JobKind.ATTENDANCE_NOT_RECORDED: "Activities list",
    JobKind.IMPACT_OVERDUE: "Activities list",
    JobKind.NOT_TOLD: "\u201cYou said, we did\u201d list",
    JobKind.PLAN_OVERDUE: "action plan",
    JobKind.RETENTION: "retention window",
}


def job_words(job: Job) -> str:
    """The line as shown and read: the job's text, with overdue said first."""
    return f"{OVERDUE}: {job.text}." if job.overdue else f"{job.text}."


def job_tip(job: Job) -> str:
    """What the button opens, for a list ("Opens the Claims list, showing the 2 claims
    waiting for approval"); nothing for a one-off job, whose button says it all."""
    place = PLACES.get(job.kind)
    return f"Opens the {place}, showing the {job.text}" if place else ""


class JobsPanel(QWidget):
    """`job_chosen(Job)` when a job's button is pressed."""

    job_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs: list[Job] = []
        self.lines: dict[JobKind, tuple[QLabel, QPushButton]] = {}
        self.title = heading(TITLE)
        # Not a Tab stop, but it can hold the focus when the job that had it is done.
        self.title.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.status = QLabel(WORKING)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Today\u2019s jobs")
        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.grid_holder)

    def show_jobs(self, jobs: Sequence[Job]) -> None:
        """Lay out the jobs afresh: the grid is rebuilt, so the Tab order is the shown order."""
        self.jobs = list(jobs)
        had_focus = next(
            (kind for kind, (_label, button) in self.lines.items() if button.hasFocus()), None
        )
        for label, button in self.lines.values():
            label.deleteLater()
            button.deleteLater()
        self.lines = {}
        for row, job in enumerate(self.jobs):
            label = QLabel(job_words(job))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            if job.overdue:
                font = label.font()
                font.setBold(True)
                label.setFont(font)
            button = QPushButton(job.action)
            button.setAccessibleName(f"{job.action}: {job.text}")
            button.setToolTip(job_tip(job))
            button.clicked.connect(lambda _checked=False, chosen=job: self.job_chosen.emit(chosen))
            label.setBuddy(button)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignTop)
            self.lines[job.kind] = (label, button)
        self.status.setText("" if self.jobs else NOTHING_TO_DO)
        self.status.setVisible(not self.jobs)
        if had_focus is not None:
            # Someone using the keyboard stays where they were, not thrown out of the window.
            kept = self.lines[had_focus][1] if had_focus in self.lines else self.title
            kept.show()  # the layout would show it later, too late to take the focus
            kept.setFocus(Qt.FocusReason.OtherFocusReason)

    def counts(self) -> dict[JobKind, int]:
        """The count of each job shown, for tests and for the screen's own description."""
        return {job.kind: job.count for job in self.jobs}

    def button(self, kind: JobKind) -> QPushButton:
        return self.lines[kind][1]
