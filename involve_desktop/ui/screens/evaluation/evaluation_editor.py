"""The editor of one yearly evaluation: its tabs, Save (Ctrl+S), Undo changes, Sign off, and
Delete for one started by mistake (only while in progress, and never once a finding is in the
plan: the service refuses that in words).

It saves part-way as often as the user likes. Signing off saves first, checks with the same
rule as the service what is still unanswered (shown as a list that takes the user to each
question), then asks. A signed-off evaluation is shown read-only; its findings can still be
added to the action plan, which changes the plan and not the evaluation.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.evaluation_rules import (
    EvaluationDetails,
    SignOffProblem,
    sign_off_problems,
)
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.roles import Permission, can
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.evaluation_actions import raise_action
from involve_desktop.services.evaluation_records import EvaluationRecord, SignOffRefused
from involve_desktop.services.evaluations import (
    delete_evaluation,
    earlier_ratings,
    load_evaluation,
    save_evaluation,
    sign_off,
)
from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.pdf_save import pdf_button, save_saved_pdf
from involve_desktop.ui.screens.evaluation.evaluation_tab import EvaluationTab
from involve_desktop.ui.screens.evaluation.figures_tab import FiguresTab
from involve_desktop.ui.screens.evaluation.findings_tab import FindingsTab
from involve_desktop.ui.screens.evaluation.how_well_tab import HowWellTab
from involve_desktop.ui.screens.evaluation.looking_back_tab import LookingBackTab
from involve_desktop.ui.screens.evaluation.sign_off_problems import SignOffProblemsPanel
from involve_desktop.ui.screens.evaluation.standards_tab import StandardsTab
from involve_desktop.ui.screens.evaluation.who_tab import HELD_ON, WhoTookPartTab
from involve_desktop.ui.widgets.heading import heading

SAVED = "Saved. You can finish it later."
WHO_SIGNS_OFF = "Approvers and administrators sign off the evaluation."


def signed_off_words(record: EvaluationRecord) -> str:
    """'Signed off by Priya Shah on 2 March 2027.'"""
    by = f" by {record.signed_off_by}" if record.signed_off_by else ""
    on = f" on {long_date(record.signed_off_at.date())}" if record.signed_off_at else ""
    return f"Signed off{by}{on}. It is kept as it was; its findings can still go into the plan."


class EvaluationEditor(QWidget):
    """`changed_saved()` after anything was written, so the screen refreshes its list;
    `deleted()` after the evaluation shown was deleted (the editor then shows nothing)."""

    changed_saved = Signal()
    deleted = Signal()

    def __init__(
        self,
        ctx: AppContext,
        today: date,
        parent: QWidget | None = None,
        *,
        fixed_today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.fixed_today = fixed_today  # tests fix the day; a PDF is otherwise dated at the click
        self.record: EvaluationRecord | None = None
        self.dirty = False
        actor = ctx.actor
        self.may_sign_off = actor is not None and can(actor.role, Permission.SIGN_OFF_PLANS)
        self.title = heading("")
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.who = WhoTookPartTab(ctx)
        self.looking_back = LookingBackTab()
        self.how_well = HowWellTab()
        self.standards = StandardsTab()
        self.figures = FiguresTab(ctx, today)
        self.findings = FindingsTab()
        self.findings.set_may_raise(actor is not None)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Evaluation parts")
        self.tabs.tabBar().setAccessibleName("Evaluation parts")
        self.pages: list[EvaluationTab] = []
        for page, title in (
            (self.who, "&Who took part"),
            (self.looking_back, "&Looking back"),
            (self.how_well, "How well &it went"),
            (self.standards, "S&tandards"),
            (self.figures, "Figu&res"),
            (self.findings, "&Actions arising"),
        ):
            self.add_page(page, title)
        self.problems = SignOffProblemsPanel()
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName("Whether the changes are saved")
        self.signed_line = QLabel()
        self.signed_line.setWordWrap(True)
        self.signed_line.setAccessibleName("Signed off")
        self.undo_button = QPushButton("&Undo changes")
        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.sign_off_button = QPushButton("Sig&n off\u2026")
        # Every letter of "Delete" is taken on this screen; it is reached with Tab.
        self.delete_button = QPushButton("Delete\u2026")
        self.delete_button.setAccessibleName("Delete this evaluation")
        self.pdf_button = pdf_button("Save as &PDF\u2026", "The evaluation as saved, to print")
        self.who_signs = QLabel(WHO_SIGNS_OFF)
        self.who_signs.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(self.state, 1)
        bar.addWidget(self.signed_line, 1)
        bar.addWidget(self.who_signs, 1)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.sign_off_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.about)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.problems)
        column.addLayout(bar)

        self.undo_button.clicked.connect(self.undo)
        self.save_button.clicked.connect(self.save)
        self.sign_off_button.clicked.connect(self.sign_off)
        self.delete_button.clicked.connect(self.delete)
        self.pdf_button.clicked.connect(self.save_as_pdf)
        self.findings.raise_requested.connect(self.raise_finding)
        self.problems.go_to.connect(self.go_to)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._show_state()

    def add_page(self, page: EvaluationTab, title: str) -> None:
        page.changed.connect(lambda: self.set_dirty(True))
        self.pages.append(page)
        self.tabs.addTab(page, title)

    # --- loading and the state shown -------------------------------------------------

    def open_evaluation(self, evaluation_id: int) -> None:
        self.show_record(ops.query(self.ctx, load_evaluation, evaluation_id))
        self.state.setText("")

    def show_record(self, record: EvaluationRecord) -> None:
        self.record = record
        earlier = ops.query(self.ctx, earlier_ratings, record.year_first)
        for page in self.pages:
            page.load(record, earlier)
            page.set_read_only(record.is_signed_off)
        self.title.setText(f"Evaluation of {record.label}")
        self.title.setAccessibleName(self.title.text())
        # Signed off, it says when it was held, not a due date worked out from today's Settings.
        state = "" if record.is_signed_off else f" \u00b7 {record.status.label}"
        self.about.setText(
            f"The financial year {long_date(record.year_first)} to {long_date(record.year_last)}"
            f"{state} \u00b7 {record.dates_text}"
        )
        self.problems.show_problems([])
        self.set_dirty(False)
        self._show_state()

    def set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        if dirty:
            self.state.setText("Unsaved changes.")
        self.undo_button.setEnabled(dirty)

    def _show_state(self) -> None:
        record = self.record
        signed = record is not None and record.is_signed_off
        for button in (self.undo_button, self.save_button):
            button.setVisible(record is not None and not signed)
        self.sign_off_button.setVisible(record is not None and not signed and self.may_sign_off)
        self.delete_button.setVisible(record is not None and not signed)
        self.pdf_button.setVisible(record is not None)
        self.who_signs.setVisible(record is not None and not signed and not self.may_sign_off)
        self.signed_line.setVisible(signed)
        self.signed_line.setText(signed_off_words(record) if record and signed else "")
        self.state.setVisible(not signed)
        self.undo_button.setEnabled(self.dirty)

    def details(self) -> EvaluationDetails:
        """What is typed, as the service takes it; raises NotADate for the date."""
        assert self.record is not None
        answers = dict(self.record.details.answers)  # retired questions keep their answers
        for page in self.pages:
            answers.update(page.answers())
        return EvaluationDetails(
            held_on=self.who.held_on_date(),
            who_took_part=self.who.who_took_part.toPlainText(),
            person_ids=self.who.person_ids(),
            served_involved=self.who.served_involved(),
            served_involved_how=self.who.served_how.toPlainText(),
            answers=answers,
        )

    def go_to(self, key: str) -> None:
        """Show the tab with the question `key` and put the cursor in its answer."""
        for index, page in enumerate(self.pages):
            widget = page.field_for(key)
            if widget is not None:
                self.tabs.setCurrentIndex(index)
                page.go_to(widget)
                return

    # --- saving ----------------------------------------------------------------------

    def undo(self) -> None:
        if self.record is not None:
            self.open_evaluation(self.record.id)

    def save(self) -> bool:
        record = self.record
        if record is None or record.is_signed_off:
            return False
        if self.who.show_date_problem():
            self.state.setText("Not saved: the date it was held needs correcting (marked \u26a0).")
            self.go_to(HELD_ON)
            return False
        try:
            saved = ops.change(
                self.ctx,
                "evaluation",
                save_evaluation,
                self.ctx.actor,
                record.id,
                self.details(),
                self.findings.drafts(),
            )
        except ValidationFailed as failed:
            self._show_errors(failed.errors)
            return False
        except KnownError as problem:
            prompts.show_problem(self, "The evaluation was not saved", problem.message)
            return False
        self.show_record(saved)
        self.state.setText(SAVED)
        self.changed_saved.emit()
        return True

    def save_as_pdf(self) -> None:
        """The evaluation open, as saved: unsaved answers are saved first, after asking."""
        save_saved_pdf(
            self.ctx,
            self,
            lambda: (
                DocumentRequest(DocumentKind.EVALUATION, evaluation_id=self.record.id)
                if self.record is not None
                else None
            ),
            unsaved=self.dirty,
            what="the evaluation",
            save=self.save,
            today=self.fixed_today,
        )

    def _show_errors(self, errors: dict[str, str]) -> None:
        count = len(errors)
        things = "one thing needs" if count == 1 else f"{count} things need"
        self.state.setText(f"Not saved: {things} correcting (marked \u26a0).")
        first = self.findings.show_errors(errors)
        if first is not None:
            self.tabs.setCurrentWidget(self.findings)
            self.findings.go_to(first)
            return
        for key in errors:
            self.go_to(key)
            return

    def sign_off(self) -> None:
        record = self.record
        if record is None or record.is_signed_off or not self.may_sign_off:
            return
        if self.dirty and not self.save():
            return
        problems = sign_off_problems(self.details())
        if problems:
            self.show_problems(problems)
            return
        question = f"Sign off the {record.label} evaluation? It will then be kept as it is."
        if not prompts.ask_yes_no(self, "Sign off the evaluation", question, "Sign off"):
            return
        try:
            ops.change(self.ctx, "evaluation", sign_off, self.ctx.actor, record.id, datetime.now())
        except SignOffRefused as refused:
            self.show_problems(refused.problems)
            return
        except KnownError as problem:
            prompts.show_problem(self, "The evaluation was not signed off", problem.message)
            return
        self.open_evaluation(record.id)
        self.changed_saved.emit()
        self.signed_line.setFocus()

    def delete(self) -> None:
        """Delete an evaluation started by mistake, after asking: what is typed is lost."""
        record = self.record
        if record is None or record.is_signed_off:
            return
        question = (
            f"Delete the {record.label} evaluation? Everything typed in it will be lost, "
            "saved or not, and the year will have no evaluation."
        )
        if not prompts.ask_yes_no(self, "Delete the evaluation", question, "Delete"):
            return
        try:
            ops.change(self.ctx, "evaluation", delete_evaluation, self.ctx.actor, record.id)
        except KnownError as problem:
            prompts.show_problem(self, "The evaluation was not deleted", problem.message)
            return
        self.record = None
        self.set_dirty(False)
        self._show_state()
        self.deleted.emit()

    def show_problems(self, problems: list[SignOffProblem]) -> None:
        self.problems.show_problems(problems)
        self.state.setText(SAVED + " It cannot be signed off yet.")
        self.go_to(problems[0].key)

    # --- actions arising -------------------------------------------------------------

    def raise_finding(self, row: int) -> None:
        """Put one finding into the action plan, saving what is typed first (it is the
        user's click, and the finding needs to be saved to be linked)."""
        if self.record is None:
            return
        if (self.dirty or self.findings.rows[row].saved is None) and not self.save():
            return
        saved = self.findings.rows[row].saved
        if saved is None:
            return
        try:
            ops.change(self.ctx, "action plan", raise_action, self.ctx.actor, saved.id, self.today)
        except KnownError as problem:
            prompts.show_problem(self, "Not added to the action plan", problem.message)
            return
        self.show_record(ops.query(self.ctx, load_evaluation, self.record.id))
        self.state.setText(f"Finding {row + 1} is in the action plan.")
        self.changed_saved.emit()
        shown = self.findings.rows[row]
        self.findings.go_to(shown.finding)
