"""The prompts that keep practice honest, above the activity list (and later on Home).

Up to three lines, each with the number of activities concerned and a "Show them" button that
asks for exactly those activities (`filter_requested(ActivityFilter)`). A line with nothing
to do is hidden, and so is the whole box when everything is done. The counts come from
`services/practice_prompts.py`, the same function Home uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.services.activity_list import ActivityFilter
from involve_desktop.services.practice_prompts import PracticePromptCounts, practice_prompts
from involve_desktop.ui import ops

WATCHED_KINDS = ("activities", "people", "organisation")
YOU_SAID_WE_DID = "\u201cyou said, we did\u201d"


@dataclass(frozen=True)
class PromptLine:
    key: str
    sentence: str  # "4 past activities have no attendance recorded"
    button_name: str  # "Show the 4 past activities with no attendance recorded"
    count: int
    filter: ActivityFilter


def _activities(count: int, past: bool = False) -> tuple[str, str]:
    """('4 past activities', 'have') or ('1 activity', 'has')."""
    noun = "activity" if count == 1 else "activities"
    return f"{count:,} {'past ' if past else ''}{noun}", "has" if count == 1 else "have"


def prompt_lines(counts: PracticePromptCounts, terms: PeopleTerms) -> list[PromptLine]:
    """One line for each prompt, in the order the work is done."""
    attendance, has = _activities(counts.attendance_not_recorded, past=True)
    overdue, has_overdue = _activities(counts.impact_overdue)
    untold, has_untold = _activities(counts.impact_not_told)
    weeks = f"held more than {counts.impact_due_weeks} weeks ago"
    not_told = f"a {YOU_SAID_WE_DID} not yet reported back to the {terms.plural} involved"
    return [
        PromptLine(
            "attendance",
            f"{attendance} {has} no attendance recorded",
            f"Show the {attendance} with no attendance recorded",
            counts.attendance_not_recorded,
            counts.attendance_filter,
        ),
        PromptLine(
            "impact_overdue",
            f"{overdue} {weeks} {has_overdue} no {YOU_SAID_WE_DID} record",
            f"Show the {overdue} {weeks} with no {YOU_SAID_WE_DID} record",
            counts.impact_overdue,
            counts.impact_overdue_filter,
        ),
        PromptLine(
            "impact_not_told",
            f"{untold} {has_untold} {not_told}",
            f"Show the {untold} with {not_told}",
            counts.impact_not_told,
            counts.impact_not_told_filter,
        ),
    ]


class PracticePrompts(QFrame):
    filter_requested = Signal(object)  # an ActivityFilter
    wanted = False  # whether there is anything to do, so the box should show

    def __init__(
        self, ctx: AppContext, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Still to do after activities")
        self.lines: dict[str, tuple[QLabel, QPushButton]] = {}
        self.filters: dict[str, ActivityFilter] = {}
        grid = QGridLayout(self)
        title = QLabel("<b>Still to do after activities</b>")
        grid.addWidget(title, 0, 0, 1, 3)
        for row, key in enumerate(("attendance", "impact_overdue", "impact_not_told"), start=1):
            label = QLabel()  # one line each, so every button sits just after its sentence
            label.setWordWrap(True)  # but wrapped when large text would make the line too long
            button = QPushButton("Show them")
            button.clicked.connect(lambda _checked=False, key=key: self._show(key))
            grid.addWidget(label, row, 0)
            grid.addWidget(button, row, 1)
            self.lines[key] = (label, button)
        grid.setColumnStretch(2, 1)  # each button stays beside its sentence
        ctx.events.data_changed.connect(self._data_changed)
        self.refresh()

    def refresh(self) -> None:
        self.counts = ops.query(self.ctx, practice_prompts, self.today)
        lines = prompt_lines(self.counts, self.ctx.terms)
        for line in lines:
            label, button = self.lines[line.key]
            label.setText(f"\u2022 {line.sentence}.")
            button.setAccessibleName(line.button_name)
            button.setToolTip(line.button_name)
            self.filters[line.key] = line.filter
            label.setVisible(line.count > 0)
            button.setVisible(line.count > 0)
        self.wanted = any(line.count for line in lines)
        self._apply_visibility()

    def _apply_visibility(self) -> None:
        # Showing a widget with no parent yet would open it as a window of its own.
        if self.parentWidget() is not None or not self.wanted:
            self.setVisible(self.wanted)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            self._apply_visibility()
        return super().event(event)

    def visible_lines(self) -> list[str]:
        """The sentences shown, for tests and for Home to say the same."""
        return [label.text() for label, _button in self.lines.values() if not label.isHidden()]

    def _show(self, key: str) -> None:
        self.filter_requested.emit(self.filters[key])

    def _data_changed(self, kind: str) -> None:
        if kind in WATCHED_KINDS:
            self.refresh()
