"""The action plan of the current strategy: what is to be done, by whom and when, overdue
first, with what moved since this staff member last looked.

The first time the tab is shown in a session, the previous look is read to mark the rows
others moved since, and the new look is recorded at once (so the next session starts from
now); moving to another tab and back keeps the marks until "Mark all as seen". The current
plan is shown unless a replaced one was chosen in the picker; those are read, not changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.learning_cycle import ItemStatus
from involve_desktop.domain.plan_records import period_text
from involve_desktop.errors import KnownError
from involve_desktop.services.action_plan import (
    add_progress,
    delete_item,
    last_look,
    load_item,
    note_look,
    set_status,
)
from involve_desktop.services.action_plan_rows import (
    PlanChoice,
    PlanCounts,
    PlanRow,
    plan_choices,
    plan_counts,
    plan_rows,
)
from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from involve_desktop.services.staff import list_staff
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.pdf_save import pdf_button, save_pdf
from involve_desktop.ui.screens.plan.action_plan_filters import PlanFilters
from involve_desktop.ui.screens.plan.action_plan_table import (
    PlanTableModel,
    action_text,
    size_plan_columns,
)
from involve_desktop.ui.widgets.action_note_dialog import ActionNoteDialog
from involve_desktop.ui.widgets.flow_layout import flow_row
from involve_desktop.ui.widgets.records_model import records_table
from involve_desktop.ui.widgets.table_selection import select_rows, table_key

KIND = "action plan"
WATCHED = ("action plan", "strategy", "evaluation", "people", "organisation")
NO_CURRENT_STRATEGY = (
    "There is no current strategy yet. Write the strategy and make it current on the "
    "Strategy tab; its action plan then starts here."
)
READ_ONLY_NOTE = "This strategy has been replaced: its plan is kept as it was, to read."
NO_PLAN_FOR_NEW = (
    "Make a strategy current first, on the Strategy tab: new actions go in its action plan."
)
REPLACED_PLAN_FOR_NEW = (
    "This plan belongs to a replaced strategy, so it takes no new actions. Choose the "
    "current plan to add one."
)


def summary_text(counts: PlanCounts, since: datetime | None) -> str:
    """'3 overdue · 2 moved since you last looked · 12 open of 20'."""
    parts = [f"{counts.overdue} overdue"]
    if since is not None:
        parts.append(f"{counts.moved} moved since you last looked")
    parts.append(f"{counts.open} open of {counts.total}")
    return " \u00b7 ".join(parts)


class ActionPlanTab(QWidget):
    """`strategy_wanted` asks the screen to show the Strategy tab (there is no plan yet)."""

    strategy_wanted = Signal()

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fixed_today = today  # tests fix the day; a PDF is otherwise dated at the click
        self.today = today or date.today()
        self.clock = clock
        self.since: datetime | None = None  # the look before this session's, or "seen" time
        self.looked = False  # this session's look is taken once, on the first show
        self.picked_id: int | None = None  # a replaced plan the user chose to read
        self.choices: list[PlanChoice] = []
        self.editor: QWidget | None = None
        self.no_plan = QLabel(NO_CURRENT_STRATEGY)
        self.no_plan.setWordWrap(True)
        self.go_button = QPushButton("Go to the Strategy ta&b")
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName("The plan and its period")
        self.plan_picker = QComboBox()
        self.plan_picker.setAccessibleName("Which strategy's plan")
        self.plan_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.plan_picker.setMinimumContentsLength(
            20
        )  # a long strategy name must not widen the window
        self.plan_label = QLabel("&Plan:")
        self.plan_label.setBuddy(self.plan_picker)
        self.summary = QLabel()
        self.summary.setAccessibleName("How the plan stands")
        self.seen_button = QPushButton("Ma&rk all as seen")
        self.seen_button.setToolTip(
            "Clear the Moved marks: from now on, only what others change is marked"
        )
        self.read_only_note = QLabel(READ_ONLY_NOTE)
        self.read_only_note.setWordWrap(True)
        self.filters = PlanFilters()
        self.model = PlanTableModel()
        self.table = records_table(self.model, "The action plan")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.column_sizer = size_plan_columns(self.table)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.new_button = QPushButton("&New action\u2026")
        self.new_button.setToolTip("Ctrl+N")
        self.open_button = QPushButton("&Open\u2026")
        self.open_button.setToolTip("Enter, or double-click a row")
        self.note_button = QPushButton("Add progress no&te\u2026")
        self.done_button = QPushButton("Mar&k done")
        self.delete_button = QPushButton("&Delete\u2026")
        self.pdf_button = pdf_button(
            "Save &what is shown as PDF\u2026", "The plan as filtered here"
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What was just done")
        self._lay_out()
        self._connect()
        self.reload()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.plan_label)
        top.addWidget(self.plan_picker)
        seen = QHBoxLayout()
        seen.addWidget(self.summary, 1)
        seen.addWidget(self.seen_button)
        # The buttons wrap onto a second line when large text makes the row too long.
        buttons = flow_row(
            self.new_button,
            self.open_button,
            self.note_button,
            self.done_button,
            self.delete_button,
            self.pdf_button,
        )
        self.content = QWidget()
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(top)
        inner.addLayout(seen)
        inner.addWidget(self.read_only_note)
        inner.addWidget(self.filters)
        inner.addWidget(self.table, 1)
        inner.addWidget(self.empty)
        inner.addWidget(buttons)
        go = QHBoxLayout()
        go.addWidget(self.go_button)
        go.addStretch(1)
        self.no_plan_box = QWidget()
        empty = QVBoxLayout(self.no_plan_box)
        empty.setContentsMargins(0, 0, 0, 0)
        empty.addWidget(self.no_plan)
        empty.addLayout(go)
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_plan_box)
        layout.addWidget(self.content, 1)
        layout.addWidget(self.message)
        self.stretch_below = QWidget()  # without a plan, the words stay at the top
        layout.addWidget(self.stretch_below, 1)

    def _connect(self) -> None:
        self.filters.changed.connect(self.refresh_rows)
        self.plan_picker.currentIndexChanged.connect(lambda _index: self._plan_picked())
        self.go_button.clicked.connect(self.strategy_wanted)
        self.seen_button.clicked.connect(self.mark_all_seen)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for key in ("Return", "Enter"):
            table_key(key, self.table, self.open_selected)
        table_key(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        self.new_button.clicked.connect(self.start_new)
        self.open_button.clicked.connect(self.open_selected)
        self.note_button.clicked.connect(self.add_note_to_selected)
        self.done_button.clicked.connect(self.mark_selected_done)
        self.delete_button.clicked.connect(self.delete_selected)
        self.pdf_button.clicked.connect(self.save_as_pdf)
        self.ctx.events.data_changed.connect(self._data_changed)

    # --- the session's look ---------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.message.clear()  # what was just done belongs to the last visit
            self._take_look()
            self.reload()

    def _take_look(self) -> None:
        """Once a session: keep the previous look to compare against, record this one."""
        actor = self.ctx.actor
        if self.looked or actor is None:
            return
        self.looked = True
        self.since = ops.query(self.ctx, last_look, actor.staff_id)
        self._note_look(self.clock())

    def _note_look(self, when: datetime) -> None:
        # A look is this staff member's own bookmark: nothing any screen shows changes, so
        # it is written without announcing a change (a query's unit of work commits too).
        if self.ctx.actor is not None:
            ops.query(self.ctx, note_look, self.ctx.actor.staff_id, when)

    def mark_all_seen(self) -> None:
        self.since = self.clock()
        self._note_look(self.since)
        self.filters.moved.setChecked(False)
        self.reload()
        self.message.setText("Marked everything as seen.")

    def viewer_id(self) -> int | None:
        return self.ctx.actor.staff_id if self.ctx.actor is not None else None

    # --- the plan shown ------------------------------------------------------------------

    def confirm_leave(self) -> bool:
        return True  # every change is saved in the editor, which asks for itself

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def strategy_id(self) -> int | None:
        index = self.plan_picker.currentIndex()
        return self.choices[index].strategy_id if 0 <= index < len(self.choices) else None

    def chosen_plan(self) -> PlanChoice | None:
        index = self.plan_picker.currentIndex()
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def reload(self) -> None:
        """Read the plans, the staff and the rows again. The current plan is shown (after
        "Make current", the new one its unfinished actions moved to), unless the user chose
        a replaced plan in the picker and it is still there."""
        self.choices = ops.query(self.ctx, plan_choices)
        has_current = bool(self.choices) and not self.choices[0].read_only
        self.plan_picker.blockSignals(True)
        self.plan_picker.clear()
        for choice in self.choices:
            when = "Current" if not choice.read_only else "Replaced"
            self.plan_picker.addItem(f"{when}: {choice.title} (version {choice.version})")
        ids = [choice.strategy_id for choice in self.choices]
        if self.picked_id not in ids:
            self.picked_id = None
        self.plan_picker.setCurrentIndex(ids.index(self.picked_id) if self.picked_id else 0)
        self.plan_picker.blockSignals(False)
        several = len(self.choices) > 1
        self.plan_picker.setVisible(several)
        self.plan_label.setVisible(several)
        # With no current strategy, older plans are still there to read from the picker.
        self.no_plan_box.setVisible(not has_current)
        self.content.setVisible(bool(self.choices))
        self.stretch_below.setVisible(not self.choices)
        self.filters.fill_staff(ops.query(self.ctx, list_staff, include_inactive=False))
        self._plan_chosen()

    def _plan_picked(self) -> None:
        plan = self.chosen_plan()
        self.picked_id = plan.strategy_id if plan is not None and plan.read_only else None
        self._plan_chosen()

    def _plan_chosen(self) -> None:
        plan = self.chosen_plan()
        if plan is None:
            return
        self.title.setText(
            f"Action plan for {plan.title} \u00b7 {period_text(plan.period_start, plan.period_end)}"
        )
        self.read_only_note.setVisible(plan.read_only)
        self.new_button.setEnabled(not plan.read_only)
        self.refresh_rows()

    def refresh_rows(self) -> None:
        plan = self.chosen_plan()
        if plan is None:
            return
        chosen = self.selected()
        viewer = self.viewer_id()
        counts = ops.query(self.ctx, plan_counts, plan.strategy_id, self.today, self.since, viewer)
        self.summary.setText(summary_text(counts, self.since))
        self.seen_button.setEnabled(counts.moved > 0)
        self.filters.show_counts(counts)
        view = self.filters.view()
        rows = ops.query(
            self.ctx, plan_rows, plan.strategy_id, view, self.today, self.since, viewer
        )
        self.model.set_records(rows)
        if not counts.total:
            how = "" if plan.read_only else " Add the first with \u201cNew action\u201d."
            self.empty.setText(f"Nothing in this plan yet.{how}")
        else:
            self.empty.setText("" if rows else "No actions match what is chosen above.")
        self.empty.setVisible(not rows)
        if chosen is not None:
            self.select_item(chosen.id)
        self._update_buttons()

    def selected(self) -> PlanRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if len(rows) == 1 else None

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row is not None:
            select_rows(self.table, [row])
        return row is not None

    def show_item(self, item_id: int) -> None:
        """Show this item selected (an evaluation has just raised it, say)."""
        try:
            record = ops.query(self.ctx, load_item, item_id)
        except KnownError as problem:
            self.message.setText(problem.message)
            return
        ids = [choice.strategy_id for choice in self.choices]
        if record.strategy_id in ids:
            self.plan_picker.setCurrentIndex(ids.index(record.strategy_id))
        if not self.select_item(item_id):
            self.filters.show_everything()
            self.refresh_rows()
            self.select_item(item_id)
        self.table.setFocus()

    def _selection_changed(self) -> None:
        self.message.clear()  # it spoke of the row chosen before
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        plan = self.chosen_plan()
        writable = row is not None and plan is not None and not plan.read_only
        self.open_button.setEnabled(row is not None)
        self.note_button.setEnabled(writable)
        self.delete_button.setEnabled(writable)
        self.done_button.setEnabled(writable and row is not None and row.status.is_open)

    def _data_changed(self, kind: str) -> None:
        # Hidden, the next visit reads everything again when the tab is shown.
        if kind in WATCHED and self.isVisible():
            self.reload()

    def save_as_pdf(self) -> None:
        """The plan chosen, filtered as on screen, "moved" marks as this session sees them."""
        plan = self.chosen_plan()
        if plan is None:
            return
        request = DocumentRequest(
            DocumentKind.ACTION_PLAN,
            strategy_id=plan.strategy_id,
            plan_view=self.filters.view(),
            plan_since=self.since,
        )
        save_pdf(self.ctx, self, request, today=self.fixed_today)

    # --- changing the plan ---------------------------------------------------------------

    def start_new(self) -> None:
        """Ctrl+N and New action…; says why nothing opens when the plan takes no actions."""
        plan = self.chosen_plan()
        has_current = bool(self.choices) and not self.choices[0].read_only
        if plan is None or not has_current:
            self.message.setText(NO_PLAN_FOR_NEW)
        elif plan.read_only:
            self.message.setText(REPLACED_PLAN_FOR_NEW)
        else:
            self.open_editor(None)

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_editor(row.id)

    def open_editor(self, item_id: int | None) -> None:
        from involve_desktop.ui.dialogs.action_item_editor import ActionItemEditor

        plan = self.chosen_plan()
        if plan is None:
            return
        area = self.filters.view().area if item_id is None else None
        editor = ActionItemEditor(
            self.ctx, plan.strategy_id, item_id, self, today=self.today, area=area
        )
        editor.saved.connect(self._saved)
        editor.finished.connect(lambda _result: editor.deleteLater())
        self.editor = editor
        editor.open()  # window-modal, without a nested event loop

    def _saved(self, item_id: int) -> None:
        if not self.select_item(item_id):
            self.filters.show_everything()
            self.refresh_rows()
            self.select_item(item_id)
        self.message.setText("Saved the action.")

    def add_note_to_selected(self) -> None:
        row = self.selected()
        if row is None or not self.note_button.isEnabled():
            return

        def add_note(note: str) -> None:
            ops.change(
                self.ctx,
                KIND,
                add_progress,
                self.ctx.actor,
                row.id,
                self.today,
                note,
                today=self.today,
                now=self.clock(),
            )
            self.message.setText(f"Added a progress note to \u201c{action_text(row)}\u201d.")

        dialog = ActionNoteDialog(action_text(row), add_note, self)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.editor = dialog
        dialog.open()  # window-modal, without a nested event loop

    def mark_selected_done(self) -> None:
        row = self.selected()
        if row is None or not self.done_button.isEnabled():
            return
        try:
            ops.change(
                self.ctx,
                KIND,
                set_status,
                self.ctx.actor,
                row.id,
                ItemStatus.DONE,
                "",
                self.today,
                now=self.clock(),
            )
        except KnownError as problem:
            prompts.show_problem(self, "The action was not marked done", problem.message)
            return
        self.message.setText(f"Marked \u201c{action_text(row)}\u201d as done.")

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or not self.delete_button.isEnabled():
            return
        question = (
            f"Delete the action \u201c{action_text(row)}\u201d and its progress notes?\n\n"
            "If it will not be done, you can mark it dropped instead and say why, so the "
            "next evaluation can learn from it.\n\nThis cannot be undone."
        )
        if not prompts.ask_yes_no(self, "Delete action", question, "Delete"):
            return
        try:
            ops.change(self.ctx, KIND, delete_item, self.ctx.actor, row.id)
        except KnownError as problem:
            prompts.show_problem(self, "The action was not deleted", problem.message)
            return
        self.message.setText(f"Deleted the action \u201c{action_text(row)}\u201d.")
