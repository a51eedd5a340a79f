"""The yearly evaluation: the reminder across the top, the evaluations by year on the left
with a way to start one for a year not yet evaluated, and the chosen one's editor.

Refreshed when evaluations, the plan, the strategy or the organisation change, but never
while the open evaluation has unsaved edits: those are the user's until they save or undo.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.financial_year import year_label
from involve_desktop.errors import KnownError
from involve_desktop.services.evaluation_reminder import EvaluationReminder, evaluation_reminder
from involve_desktop.services.evaluations import (
    list_evaluations,
    start_evaluation,
    years_to_evaluate,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.screens.evaluation.evaluation_editor import EvaluationEditor
from involve_desktop.ui.screens.evaluation.reminder_banner import ReminderBanner
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.refresh_when_shown import RefreshWhenShown

TITLE = "Yearly evaluation"
REFRESHED_BY = ("evaluation", "action plan", "strategy", "organisation")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTHING_CHOSEN = (
    "Choose an evaluation from the list, or start one for a year. It can be saved part-way "
    "and finished later."
)


class EvaluationScreen(Screen):
    can_create = True

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.today = today or date.today()
        self.title = heading(TITLE)
        self.banner = ReminderBanner()
        self.list = QListWidget()
        self.list.setAccessibleName("Evaluations by year")
        list_label = QLabel("E&valuations:")
        list_label.setBuddy(self.list)
        self.empty_list = QLabel("None yet.")
        self.years = QComboBox()
        self.years.setAccessibleName("Year to start an evaluation for")
        years_label = QLabel("Start one for the &year:")
        years_label.setBuddy(self.years)
        self.start_button = QPushButton("Start an evaluation")
        self.start_button.setAccessibleName("Start an evaluation for the year chosen")
        self.no_years = QLabel("Every recent year has an evaluation.")
        self.no_years.setWordWrap(True)
        self.editor = EvaluationEditor(ctx, self.today, fixed_today=today)
        self.nothing = QLabel(NOTHING_CHOSEN)
        self.nothing.setWordWrap(True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.right = QStackedWidget()
        self.right.addWidget(self.nothing)
        self.right.addWidget(self.editor)

        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.list, 1)
        left.addWidget(self.empty_list)
        left.addSpacing(12)
        left.addWidget(years_label)
        left.addWidget(self.years)
        left.addWidget(self.start_button)
        left.addWidget(self.no_years)
        # With no evaluations the list is hidden: this keeps "None yet." and the start
        # controls together at the top instead of spread down the column.
        left.addStretch(0)
        self.left_column = left
        left_box = QWidget()
        left_box.setLayout(left)
        # As narrow as the list's second line allows, to leave the editor room for its tabs.
        left_box.setFixedWidth(
            left_box.fontMetrics().horizontalAdvance("held on 30 September 2026") + 40
        )
        self.list.setWordWrap(True)
        body = QHBoxLayout()
        body.addWidget(left_box)
        body.addWidget(self.right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)

        self.list.currentItemChanged.connect(self._chosen)
        self.start_button.clicked.connect(self.start_chosen_year)
        self.banner.start_requested.connect(self._start_from_reminder)
        self.banner.open_requested.connect(self.open_evaluation)
        self.editor.changed_saved.connect(self.refresh_list)
        self.editor.deleted.connect(self._evaluation_deleted)
        self.refresher = RefreshWhenShown(self, self.refresh)
        ctx.events.data_changed.connect(self._data_changed)
        self.shown_id: int | None = None
        self.refresh()
        if self.list.count():
            self.open_evaluation(int(self.list.item(0).data(ID_ROLE)))  # the newest year

    # --- the list and the reminder ---------------------------------------------------

    def _data_changed(self, kind: str) -> None:
        if kind in REFRESHED_BY:
            self.refresher.request(kind)

    def refresh(self) -> None:
        self.refresh_list()
        if self.shown_id is not None and not self.editor.dirty:
            try:
                self.editor.open_evaluation(self.shown_id)
            except KnownError:  # deleted meanwhile: nothing to show
                self._show_nothing()

    def refresh_list(self) -> None:
        summaries = ops.query(self.ctx, list_evaluations, self.today)
        self.list.blockSignals(True)
        self.list.clear()
        for summary in summaries:
            item = QListWidgetItem(f"{summary.status_text}\n{summary.dates_text}")
            item.setData(ID_ROLE, summary.id)
            self.list.addItem(item)
            if summary.id == self.shown_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.empty_list.setVisible(not summaries)
        self.list.setVisible(bool(summaries))
        self.left_column.setStretch(self.left_column.count() - 1, 0 if summaries else 1)
        self.years.clear()
        for first, _last in ops.query(self.ctx, years_to_evaluate, self.today):
            self.years.addItem(year_label(first), first)
        # The most recent year still without an evaluation: after a start, not an old one.
        self.years.setCurrentIndex(0)
        has_years = self.years.count() > 0
        for widget in (self.years, self.start_button):
            widget.setEnabled(has_years)
        self.no_years.setVisible(not has_years)
        self.banner.show_reminder(ops.query(self.ctx, evaluation_reminder, self.today))

    def _chosen(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        evaluation_id = int(item.data(ID_ROLE))
        if evaluation_id == self.shown_id:
            return
        if not self.confirm_leave():
            # Stay on the evaluation with the unsaved edits.
            self.list.blockSignals(True)
            self.list.setCurrentItem(previous)
            self.list.blockSignals(False)
            return
        self.open_evaluation(evaluation_id)

    def open_evaluation(self, evaluation_id: int) -> None:
        """Show this evaluation in the editor and pick it in the list."""
        if evaluation_id != self.shown_id and not self.confirm_leave():
            return
        self.shown_id = evaluation_id
        self.editor.open_evaluation(evaluation_id)
        self.right.setCurrentWidget(self.editor)
        self.refresh_list()

    def _show_nothing(self) -> None:
        self.shown_id = None
        self.right.setCurrentWidget(self.nothing)

    def _evaluation_deleted(self) -> None:
        self._show_nothing()
        self.refresh_list()
        (self.list if self.list.count() else self.years).setFocus()

    # --- starting one ----------------------------------------------------------------

    def start_new(self) -> None:
        """Ctrl+N: to the year chooser."""
        self.years.setFocus()

    def start_chosen_year(self) -> None:
        first = self.years.currentData()
        if first is not None:
            self.start_year(first)

    def _start_from_reminder(self, reminder: EvaluationReminder) -> None:
        self.start_year(reminder.year_first)

    def start_year(self, year_first: date) -> None:
        if not self.confirm_leave():
            return
        try:
            evaluation_id = ops.change(
                self.ctx, "evaluation", start_evaluation, self.ctx.actor, year_first, self.today
            )
        except KnownError as problem:
            prompts.show_problem(self, "The evaluation was not started", problem.message)
            self.refresh_list()
            return
        self.open_evaluation(evaluation_id)
        self.editor.tabs.setCurrentIndex(0)
        self.editor.who.held_on.setFocus()

    # --- leaving ---------------------------------------------------------------------

    def confirm_leave(self) -> bool:
        if not self.editor.dirty:
            return True
        choice = prompts.ask_unsaved_changes(self, "the evaluation")
        if choice is prompts.UnsavedChoice.SAVE:
            return self.editor.save()
        if choice is prompts.UnsavedChoice.DISCARD:
            self.editor.undo()
            return True
        return False
