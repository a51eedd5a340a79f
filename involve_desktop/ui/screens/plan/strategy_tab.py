"""Plan → Strategy: the versions of the involvement strategy, and the one chosen, to read or
edit.

Any staff member writes a draft. The current version can be edited (its review date, say)
only by those who may sign off plans, since it was approved as it stands; to others it is
read-only, and they write a new version instead. A replaced version is shown as it was.
A new version starts as a copy of the current one. Making a draft current needs a role that
may sign off plans, and moves the old version's unfinished actions to the new plan. Unsaved
edits are never dropped without asking: not when another version is chosen, nor when the
user leaves the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.learning_cycle import StrategyStatus
from involve_desktop.domain.plan_records import StrategyRecord
from involve_desktop.domain.roles import Permission, can
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from involve_desktop.services.strategy import (
    STRATEGY,
    delete_draft,
    list_strategies,
    make_current,
    make_current_problems,
    new_version,
    review_flag,
    save_strategy,
    start_first_strategy,
    suggested_first_strategy,
    unfinished_items_count,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.dialogs.record_dialog import not_saved_message
from involve_desktop.ui.pdf_save import pdf_button, save_saved_pdf
from involve_desktop.ui.widgets.policy_rates_form import scrolled
from involve_desktop.ui.widgets.policy_versions_page import settle_unsaved
from involve_desktop.ui.widgets.refresh_when_shown import RefreshWhenShown
from involve_desktop.ui.widgets.strategy_form import StrategyForm
from involve_desktop.ui.widgets.strategy_parts import (
    NoStrategyYet,
    ReviewBanner,
    unfinished_words,
    version_label,
    version_note,
)

R = TypeVar("R")
EMPTY_PAGE, FORM_PAGE = range(2)
ACTION_PLAN = "action plan"  # the kind announced when actions move to a new version's plan
WHO_MAY_MAKE_CURRENT = "Only an approver or an administrator can make a strategy current."
WHO_MAY_CHANGE_CURRENT = (
    "Approvers and administrators change the current strategy. To propose a change, write "
    "a new version with \u201cNew version\u201d: it is a draft until it is approved."
)
NEW_FIRST = "A new strategy, not saved yet: save it as a draft, then make it current once approved."


class StrategyTab(QWidget):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fixed_today = today  # tests fix the day; a PDF is otherwise dated at the click
        self.today = today or date.today()
        self.may_sign_off = ctx.actor is not None and can(ctx.actor.role, Permission.SIGN_OFF_PLANS)
        self.records: list[StrategyRecord] = []
        self.shown: StrategyRecord | None = None  # None with the form showing: a first strategy
        self.dirty = False
        self.saving = False

        self.versions = QComboBox()
        self.versions.setAccessibleName("Version")
        self.versions.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        versions_label = QLabel("&Version:")
        versions_label.setBuddy(self.versions)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName("About this version")
        self.banner = ReviewBanner()
        self.form = StrategyForm(ctx.terms)
        self.empty = NoStrategyYet(ctx.terms)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(scrolled(self.form))

        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName("Whether the strategy is saved")
        self.who_may = QLabel(WHO_MAY_MAKE_CURRENT)
        self.who_may.setWordWrap(True)
        self.new_button = QPushButton("&New version\u2026")
        self.new_button.setToolTip("Start a draft that is a copy of the current version")
        self.make_current_button = QPushButton("&Make current\u2026")
        self.delete_button = QPushButton("&Delete draft\u2026")
        self.undo_button = QPushButton("&Undo changes")
        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip("Save the strategy (Ctrl+S)")
        self.pdf_button = pdf_button("Save &as PDF\u2026", "The version shown, as saved, to print")

        top = QHBoxLayout()
        top.addWidget(versions_label)
        top.addWidget(self.versions)
        top.addWidget(self.note, 1)
        self.top = QWidget()
        self.top.setLayout(top)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        for button in (
            self.pdf_button,
            self.new_button,
            self.make_current_button,
            self.delete_button,
            self.undo_button,
            self.save_button,
        ):
            buttons.addWidget(button)
        self.button_bar = QWidget()
        bar = QVBoxLayout(self.button_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.who_may)
        bar.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.top)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.button_bar)

        self.versions.activated.connect(self._version_chosen)
        self.form.changed.connect(self._edited)
        self.empty.write_button.clicked.connect(self.write_first)
        self.banner.button.clicked.connect(self._banner_clicked)
        self.new_button.clicked.connect(self.start_new)
        self.make_current_button.clicked.connect(self.make_current)
        self.delete_button.clicked.connect(self.delete_draft)
        self.undo_button.clicked.connect(self.undo_changes)
        self.save_button.clicked.connect(self.save)
        self.pdf_button.clicked.connect(self.save_as_pdf)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresher = RefreshWhenShown(self, self._refresh_from_elsewhere)
        ctx.events.data_changed.connect(self._data_changed)
        self.reload()

    # What the user sees

    def reload(self, show_id: int | None = None) -> None:
        """Every version as saved, showing `show_id` (else the one shown, else the current,
        else the newest). Unsaved edits are dropped: callers settle them first."""
        self.records = ops.query(self.ctx, list_strategies)
        by_id = {record.id: record for record in self.records}
        wanted = show_id if show_id in by_id else (self.shown.id if self.shown else None)
        if wanted not in by_id:
            current = self._with_status(StrategyStatus.CURRENT)
            wanted = current.id if current else (self.records[0].id if self.records else None)
        self.shown = by_id.get(wanted) if wanted is not None else None
        self.versions.clear()
        for record in self.records:
            self.versions.addItem(version_label(record, self.records), record.id)
        if self.shown is None:
            self._show_empty()
            return
        self.versions.setCurrentIndex(self.records.index(self.shown))
        self.form.load(self.shown.details)
        self._set_dirty(False)
        self.pages.setCurrentIndex(FORM_PAGE)
        self._update_controls()

    def _show_empty(self) -> None:
        self.pages.setCurrentIndex(EMPTY_PAGE)
        self._set_dirty(False)
        self._update_controls()

    def _update_controls(self) -> None:
        """Which buttons and notes apply to the version shown, and to the user's role."""
        shown = self.shown
        writing_first = shown is None and self.pages.currentIndex() == FORM_PAGE
        has_form = writing_first or shown is not None
        editable = self._editable()
        is_draft = shown is not None and shown.status is StrategyStatus.DRAFT
        is_current = shown is not None and shown.status is StrategyStatus.CURRENT
        self.top.setVisible(has_form)
        self.button_bar.setVisible(has_form)
        if writing_first:
            self.versions.clear()
            self.versions.addItem("Version 1 \u00b7 New, not saved yet", None)
            self.note.setText(NEW_FIRST)
        elif shown is not None:
            self.note.setText(version_note(shown, self.records))
        self.form.set_read_only(not editable)
        self.save_button.setVisible(editable)
        self.undo_button.setVisible(editable)
        self.new_button.setVisible(bool(self.records))
        self.make_current_button.setVisible(is_draft)
        self.make_current_button.setEnabled(self.may_sign_off)
        self.make_current_button.setToolTip("" if self.may_sign_off else WHO_MAY_MAKE_CURRENT)
        self.who_may.setText(WHO_MAY_CHANGE_CURRENT if is_current else WHO_MAY_MAKE_CURRENT)
        self.who_may.setVisible((is_draft or is_current) and not self.may_sign_off)
        self.delete_button.setVisible(is_draft)
        current = self._with_status(StrategyStatus.CURRENT)
        draft = self._with_status(StrategyStatus.DRAFT)
        flag = review_flag(current, self.today) if current is not None else ""
        if is_draft:
            flag = ""  # the new version the flag asks for is the one being written
        self.banner.show_flag(flag, draft.version if draft else None)

    def _editable(self) -> bool:
        """A new first strategy and a draft, for anyone; the current version, for those who
        may sign off plans; never a replaced one."""
        shown = self.shown
        if shown is None:
            return self.pages.currentIndex() == FORM_PAGE
        if shown.status is StrategyStatus.CURRENT:
            return self.may_sign_off
        return shown.status is StrategyStatus.DRAFT

    def _with_status(self, status: StrategyStatus) -> StrategyRecord | None:
        return next((record for record in self.records if record.status is status), None)

    # Editing

    def _edited(self) -> None:
        if not self._editable():
            return  # read-only: only the app itself (tidying a date) changes its fields
        self._set_dirty(True)
        self.state_label.setText("You have unsaved changes.")

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty)
        self.undo_button.setEnabled(dirty)
        if not dirty:
            self.state_label.setText("")

    def has_unsaved_changes(self) -> bool:
        return self.dirty

    def write_first(self) -> None:
        """Fill the form with a suggested first strategy; nothing is saved until Save."""
        suggested = ops.query(self.ctx, suggested_first_strategy, self.today)
        self.shown = None
        self.pages.setCurrentIndex(FORM_PAGE)
        self.form.load(suggested)
        self._update_controls()
        self._set_dirty(True)  # not saved yet, so leaving asks
        self.state_label.setText("Not saved yet.")
        self.form.title.setFocus()

    def save(self) -> bool:
        """Save what is shown; False (and the problems shown at their fields) when it cannot."""
        if not self.dirty or not self._editable():
            return True
        try:
            details = self.form.read()
            if self.shown is None:
                saved_id = self._change(start_first_strategy, details)
            else:
                saved_id = self._change(save_strategy, self.shown.id, details).id
        except ValidationFailed as problem:
            self.form.show_errors(problem.errors)
            self.state_label.setText(not_saved_message(len(problem.errors)))
            return False
        except KnownError as problem:
            prompts.show_problem(self, "The strategy was not saved", problem.message)
            return False
        self.reload(saved_id)
        self.state_label.setText("Saved.")
        return True

    def undo_changes(self) -> None:
        if self.shown is None:
            self._show_empty()
        else:
            self.reload(self.shown.id)
        self.state_label.setText("Changes undone.")

    def confirm_leave(self) -> bool:
        """Before the user moves away: save or drop unsaved edits, or stay (False)."""
        return not self.dirty or settle_unsaved(self, "the strategy", self.save, self.undo_changes)

    def _version_chosen(self, index: int) -> None:
        chosen = self.versions.itemData(index)
        if self.shown is not None and chosen == self.shown.id:
            return
        if not self.confirm_leave():
            self.versions.setCurrentIndex(self.records.index(self.shown) if self.shown else 0)
            return
        self.reload(chosen)

    def save_as_pdf(self) -> None:
        """The version shown, as saved: unsaved edits are saved first, after asking."""
        save_saved_pdf(
            self.ctx,
            self,
            lambda: (
                DocumentRequest(DocumentKind.STRATEGY, strategy_id=self.shown.id)
                if self.shown is not None
                else None
            ),
            unsaved=self.dirty and self._editable(),
            what="the strategy",
            save=self.save,
            today=self.fixed_today,
        )

    # Versions

    def start_new(self) -> None:
        """New version…: a draft copied from the current one (or the first strategy)."""
        if not self.records:
            if self.pages.currentIndex() == EMPTY_PAGE:
                self.write_first()
            return
        draft = self._with_status(StrategyStatus.DRAFT)
        if draft is not None:
            if self.confirm_leave():
                self.reload(draft.id)
                self.state_label.setText(
                    f"There is already a draft (version {draft.version}): carry on with it, "
                    "or delete it first."
                )
            return
        if not self.confirm_leave():
            return
        source = self._with_status(StrategyStatus.CURRENT) or self.records[0]
        number = max(record.version for record in self.records) + 1
        question = (
            f"Start version {number} as a copy of version {source.version}? It is a draft "
            "until it is approved and made current; until then the current strategy stays "
            "as it is."
        )
        if not prompts.ask_yes_no(self, "New version", question, f"Start version {number}"):
            return
        try:
            draft_id = self._change(new_version)
        except KnownError as problem:
            prompts.show_problem(self, "No new version was started", problem.message)
            self.reload()
            return
        self.reload(draft_id)
        self.state_label.setText(f"Version {number} started as a copy of version {source.version}.")
        self.form.title.setFocus()

    def make_current(self) -> None:
        shown = self.shown
        if shown is None or shown.status is not StrategyStatus.DRAFT:
            return
        if self.dirty and not self.save():
            return
        shown = self.shown
        assert shown is not None
        problems = make_current_problems(shown, self.today)
        if problems:
            self._show_at_fields(problems)
            return
        old = self._with_status(StrategyStatus.CURRENT)
        question = f"Make version {shown.version} the current strategy?"
        if old is not None:
            count = ops.query(self.ctx, unfinished_items_count, old.id)
            question += f" Version {old.version} will be kept as it was"
            question += (
                f", and its {unfinished_words(count)} "
                f"{'moves' if count == 1 else 'move'} to version {shown.version}'s plan."
                if count
                else "."
            )
        title = "Make current"
        if not prompts.ask_yes_no(self, title, question, f"Make version {shown.version} current"):
            return
        try:
            moved = self._change(make_current, shown.id, self.today)
        except KnownError as refused:
            prompts.show_problem(self, "Not made current", refused.message)
            return
        if moved:
            self.ctx.events.data_changed.emit(ACTION_PLAN)
        self.reload(shown.id)
        moved_words = f"; {unfinished_words(moved)} moved to its plan" if moved else ""
        self.state_label.setText(
            f"Version {shown.version} is now the current strategy{moved_words}."
        )

    def _show_at_fields(self, problems: dict[str, str]) -> None:
        """Mark what stops the draft being made current, and take the user to the first."""
        fields = {name: text for name, text in problems.items() if name in self.form.errors}
        if not fields:
            prompts.show_problem(self, "Not made current yet", " ".join(problems.values()))
            return
        self.form.show_errors(fields)
        first = next(error for name, error in self.form.errors.items() if name in fields)
        page = self.pages.widget(FORM_PAGE)
        if isinstance(page, QScrollArea):
            page.ensureWidgetVisible(first.field)
            # The message has only just appeared: bring it into sight once it is laid out.
            QTimer.singleShot(0, lambda: page.ensureWidgetVisible(first))
        count = "one thing needs" if len(fields) == 1 else f"{len(fields)} things need"
        self.state_label.setText(
            f"Not made current yet: {count} putting right first (marked \u26a0)."
        )

    def delete_draft(self) -> None:
        shown = self.shown
        if shown is None or shown.status is not StrategyStatus.DRAFT:
            return
        question = (
            f"Delete the draft, version {shown.version}? What is written in it will be lost. "
            "The current strategy is not changed."
        )
        if not prompts.ask_yes_no(self, "Delete draft", question, "Delete the draft"):
            return
        try:
            self._change(delete_draft, shown.id)
        except KnownError as problem:
            prompts.show_problem(self, "The draft was not deleted", problem.message)
            return
        self.shown = None
        self.reload()
        self.state_label.setText(f"The draft, version {shown.version}, was deleted.")

    def _banner_clicked(self) -> None:
        draft = self._with_status(StrategyStatus.DRAFT)
        if draft is None:
            self.start_new()
        elif self.confirm_leave():
            self.reload(draft.id)

    def _change(self, service: Callable[..., R], *args: object) -> R:
        """Run a strategy service as the signed-in staff member; this tab shows the result
        itself, so its own announcement does not reload it a second time."""
        self.saving = True
        try:
            return ops.change(self.ctx, STRATEGY, service, self.ctx.actor, *args)
        finally:
            self.saving = False

    # Changes made elsewhere

    def _data_changed(self, kind: str) -> None:
        if kind == "organisation":
            self.form.set_terms(self.ctx.terms)
            self.empty.set_terms(self.ctx.terms)
        elif kind == STRATEGY and not self.saving:
            self.refresher.request(kind)

    def _refresh_from_elsewhere(self) -> None:
        """Another part of the app changed the strategy: show it, unless the user is editing
        (their edits are kept, and Save tells them if the version has moved on)."""
        if not self.dirty:
            self.reload()
