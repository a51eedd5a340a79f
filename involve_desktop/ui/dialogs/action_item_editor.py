"""Add or change one item of the action plan: what is to be done and why it matters (its
standards area and cycle stage), who does it, how, where and by when, and its progress notes.

An item raised by a yearly evaluation says which finding it answers. An item of a replaced
strategy's plan is shown read-only. Problems are shown at the field; closing with unsaved
changes asks first.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.learning_cycle import CycleStage, StandardsArea
from involve_desktop.domain.plan_records import ActionItemDetails
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.action_plan import (
    NOTE,
    NOTED_ON,
    ActionItemRecord,
    add_progress,
    load_item,
    plan_period,
    save_item,
)
from involve_desktop.services.staff import list_staff
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.dialogs.record_dialog import RecordDialog, not_saved_message
from involve_desktop.ui.widgets.action_item_form import ActionItemForm
from involve_desktop.ui.widgets.action_people import ActionPeople
from involve_desktop.ui.widgets.action_progress import ActionProgressNotes

KIND = "action plan"
USUAL_SIZE = (1040, 640)  # at the usual font size; larger text asks for more
READ_ONLY_NOTE = (
    "This is the plan of a strategy that has been replaced, so it is kept as it was and "
    "cannot be changed."
)


class ActionItemEditor(RecordDialog):
    """`saved(item_id)` follows every save (of the item or a progress note)."""

    saved = Signal(int)
    what_is_edited = "this action"

    def __init__(
        self,
        ctx: AppContext,
        strategy_id: int,
        item_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        area: StandardsArea | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.strategy_id = strategy_id
        self.item_id = item_id
        self.today = today or date.today()
        self.form = ActionItemForm()
        self.people = ActionPeople(ctx)
        self.notes = ActionProgressNotes(self.today)
        self.raised_by = QLabel()
        self.raised_by.setWordWrap(True)
        self.raised_by.setAccessibleName("The evaluation that raised it")
        self.read_only_note = QLabel(READ_ONLY_NOTE)
        self.read_only_note.setWordWrap(True)
        self._lay_out()
        self.item_edited = False  # the item's own fields, as apart from a note being typed
        self.form.changed.connect(self._item_changed)
        self.people.changed.connect(self._item_changed)
        self.notes.typed.connect(self._note_typed)
        self.notes.add_requested.connect(self.add_note)
        self._load(area)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Room for everything in the user's font (at least the usual size), never larger
        than the screen it opens on."""
        wanted = self.sizeHint().expandedTo(QSize(*USUAL_SIZE))
        screen = (self.parentWidget() or self).screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            wanted = wanted.boundedTo(screen.availableGeometry().size())
        self.resize(wanted)

    def _lay_out(self) -> None:
        right = QVBoxLayout()
        right.addWidget(self.people)
        right.addSpacing(self.fontMetrics().height())
        right.addWidget(self.notes, 1)
        columns = QHBoxLayout()
        columns.addWidget(self.form, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.raised_by)
        layout.addWidget(self.read_only_note)
        layout.addLayout(columns, 1)
        layout.addLayout(self.button_bar())

    # --- loading -------------------------------------------------------------------------

    def _load(self, area: StandardsArea | None) -> None:
        start, end, _title, read_only = ops.query(self.ctx, plan_period, self.strategy_id)
        record: ActionItemRecord | None = None
        if self.item_id is None:
            details = ActionItemDetails(
                action="",
                area=area or StandardsArea.PRACTICE,
                stage=CycleStage.IMPLEMENTATION,
                staff_id=self.ctx.actor.staff_id if self.ctx.actor else None,
            )
        else:
            record = ops.query(self.ctx, load_item, self.item_id)
            details = record.details
            read_only = record.read_only
        self.form.fill_staff(ops.query(self.ctx, list_staff), details.staff_id)
        self.form.load(details, (start, end))
        self.people.load(record.people if record else ())
        self.notes.show_notes(record.progress if record else ())
        raised = record.raised_by if record else None
        self.raised_by.setVisible(raised is not None)
        if raised is not None:
            self.raised_by.setText(f"Raised by the {raised.year} evaluation: {raised.finding}")
        self.read_only = read_only
        self.read_only_note.setVisible(read_only)
        if read_only:
            self.form.set_read_only()
            self.people.set_read_only()
            self.notes.close_for_new_notes("No new notes: the plan is kept as it was.")
            self.save_button.setVisible(False)
            self.cancel_button.setText("Close")
        if self.item_id is None:
            self.set_title("New action")
        else:
            self.set_title("Action (read-only)" if read_only else "Action")
        self.form.action.setFocus()
        self.item_edited = False
        self.set_dirty(False)

    def _item_changed(self) -> None:
        self.item_edited = True
        self.set_dirty(True)

    def _note_typed(self) -> None:
        self.set_dirty(self.item_edited or self.notes.pending())

    # --- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """Save (and the note typed, if any) and close; False with the problems shown."""
        if self.read_only or not self._save_item():
            return False
        if self.notes.pending() and not self._save_note():
            return False
        self.set_dirty(False)
        self.accept()
        return True

    def add_note(self) -> None:
        """Save the note typed now; a new item is saved first, so the note has an item."""
        if self.read_only:
            return
        if not self.notes.pending():
            self.notes.show_errors({NOTE: "Please write what happened."})
            return
        if self.item_id is None and not self._save_item():
            return
        if self._save_note():
            self.set_dirty(self.item_edited)
            if not self.item_edited:
                self.state_label.setText("Note added.")
            self.notes.note.setFocus()

    def _save_item(self) -> bool:
        try:
            details = self.form.details(self.people.person_ids())
            self.item_id = ops.change(
                self.ctx,
                KIND,
                save_item,
                self.ctx.actor,
                self.strategy_id,
                self.item_id,
                details,
                self.today,
            )
        except ValidationFailed as problem:
            self.form.show_errors(problem.errors)
            self.state_label.setText(not_saved_message(len(problem.errors)))
            return False
        except KnownError as problem:
            prompts.show_problem(self, "The action was not saved", problem.message)
            return False
        self.form.show_errors({})
        self.set_title("Action")
        self.item_edited = False
        self.set_dirty(self.notes.pending())
        self.saved.emit(self.item_id)
        return True

    def _save_note(self) -> bool:
        assert self.item_id is not None
        try:
            noted_on = self.notes.noted_on.date()
        except ValueError as problem:
            self.notes.show_errors({NOTED_ON: str(problem)})
            return False
        try:
            ops.change(
                self.ctx,
                KIND,
                add_progress,
                self.ctx.actor,
                self.item_id,
                noted_on,
                self.notes.note.text(),
                today=self.today,
            )
        except ValidationFailed as problem:
            self.notes.show_errors(problem.errors)
            self.state_label.setText("The note is not saved yet: see the message under it.")
            return False
        except KnownError as problem:
            prompts.show_problem(self, "The note was not saved", problem.message)
            return False
        self.notes.clear_new()
        self.notes.show_notes(ops.query(self.ctx, load_item, self.item_id).progress)
        self.saved.emit(self.item_id)
        return True
