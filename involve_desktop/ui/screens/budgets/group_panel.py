"""The record of a budget handed to a group, under the Budgets list: who is in the group
(people from the register), what they decided, what was spent other than through claims, and
the group's statement as a PDF.

Each change is saved as it is made, by any staff member, and the list of budgets above
follows (`data_changed("budgets")`). Tabs not shown may reuse each other's Alt+letters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.dates import short_date
from involve_desktop.domain.money import format_pence
from involve_desktop.errors import KnownError
from involve_desktop.services.budget_groups import (
    Decision,
    Holder,
    Spend,
    decisions,
    delete_decision,
    delete_spend,
    holders,
    set_holders,
    spending,
)
from involve_desktop.services.budgets import BudgetFigures
from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.pdf_save import save_pdf
from involve_desktop.ui.screens.budgets.group_entries import DecisionDialog, SpendDialog
from involve_desktop.ui.widgets.add_people_dialog import AddPeopleDialog
from involve_desktop.ui.widgets.records_model import Column, RecordsTableModel, records_table
from involve_desktop.ui.widgets.table_selection import select_rows, table_key

GROUP_TAB, DECISIONS_TAB, SPENDING_TAB = range(3)
Entry = TypeVar("Entry", Decision, Spend)


def one_line(text: str) -> str:
    return " ".join(text.split())


def holder_name(holder: Holder) -> str:
    return holder.name + (" (archived)" if holder.archived else "")


class EntryList(QWidget, Generic[Entry]):
    """A table of a group's decisions or spending with Add, Open and Remove."""

    def __init__(
        self,
        name: str,
        columns: Sequence[Column[Entry]],
        add_text: str,
        open_dialog: Callable[[Entry | None], None],
        remove: Callable[[Entry], None],
    ) -> None:
        super().__init__()
        self.open_dialog = open_dialog
        self.remove = remove
        self.model = RecordsTableModel[Entry](columns)
        self.table = records_table(self.model, name)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the words
        self.add_button = QPushButton(add_text)
        self.open_button = QPushButton("&Open\u2026")
        self.open_button.setToolTip("Enter, or double-click a row")
        self.remove_button = QPushButton("Remo&ve\u2026")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        for key in ("Return", "Enter"):
            table_key(key, self.table, self.open_selected)
        table_key(QKeySequence.StandardKey.Delete, self.table, self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_entries(self, entries: Sequence[Entry]) -> None:
        chosen = self.selected()
        self.model.set_records(entries)
        ids = [entry.id for entry in entries]
        if chosen is not None and chosen.id in ids:
            select_rows(self.table, [ids.index(chosen.id)])
        self._update_buttons()

    def select_id(self, entry_id: int) -> None:
        ids = [entry.id for entry in self.model.records]
        if entry_id in ids:
            select_rows(self.table, [ids.index(entry_id)])

    def selected(self) -> Entry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if len(rows) == 1 else None

    def open_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open_dialog(entry)

    def remove_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.remove(entry)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)


class GroupPanel(QWidget):
    """Shown under the list when the budget chosen is handed to a group."""

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
        self.budget_id: int | None = None
        self.budget_name = ""
        self.holders: list[Holder] = []
        self.dialog: QDialog | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.project = QLabel()
        self.project.setWordWrap(True)
        self.project.setAccessibleName("What the group is doing")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._group_page(), "The gro&up")
        self.decisions = EntryList[Decision](
            "The group's decisions",
            (
                Column("Date", lambda d: short_date(d.decided_on)),
                Column("Decision", lambda d: one_line(d.decision), lambda d: d.decision),
                Column("Amount", lambda d: _amount(d.amount_pence), figure=True),
                Column("Recorded by", lambda d: d.recorded_by),
            ),
            "Add a decisio&n\u2026",
            self._open_decision,
            self._remove_decision,
        )
        self.spending = EntryList[Spend](
            "Spending other than claims",
            (
                Column("Date", lambda s: short_date(s.spent_on)),
                Column("What it was for", lambda s: s.description, lambda s: s.description),
                Column("Amount", lambda s: format_pence(s.amount_pence), figure=True),
                Column("Recorded by", lambda s: s.recorded_by),
            ),
            "Add spe&nding\u2026",
            self._open_spend,
            self._remove_spend,
        )
        self.tabs.addTab(self.decisions, "De&cisions")
        self.tabs.addTab(self.spending, "S&pending other than claims")
        self.statement_button = QPushButton("S&tatement PDF\u2026")
        self.statement_button.setToolTip("Save the group's one-page statement to give them")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What was just done for the group")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.statement_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.project)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.statement_button.clicked.connect(self.save_statement)

    def _group_page(self) -> QWidget:
        self.holder_model = RecordsTableModel[Holder]([Column("Name", holder_name)])
        self.holder_table = records_table(self.holder_model, "People in the group")
        self.add_holder_button = QPushButton("Add &someone\u2026")
        self.add_holder_button.setToolTip("Find people on the register to add to the group")
        self.remove_holder_button = QPushButton("Re&move from the group")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_holder_button)
        buttons.addWidget(self.remove_holder_button)
        buttons.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.holder_table, 1)
        layout.addLayout(buttons)
        self.add_holder_button.clicked.connect(self.find_holders)
        self.remove_holder_button.clicked.connect(self.remove_holders)
        table_key(QKeySequence.StandardKey.Delete, self.holder_table, self.remove_holders)
        self.holder_table.selectionModel().selectionChanged.connect(
            lambda: self.remove_holder_button.setEnabled(bool(self._chosen_holders()))
        )
        self.remove_holder_button.setEnabled(False)
        return page

    # --- showing -------------------------------------------------------------------------

    def show_budget(self, figures: BudgetFigures | None, project: str = "") -> None:
        """Show this budget's group (None: hide the panel)."""
        if figures is None or not figures.delegated:
            if self.budget_id is not None:
                self.message.clear()
            self.budget_id = None
            self.setVisible(False)
            return
        if figures.budget_id != self.budget_id:
            self.message.clear()
        self.budget_id = figures.budget_id
        self.budget_name = figures.name
        self.title.setText(f"<b>{figures.label}</b> is handed to a group")
        self.title.setAccessibleName(f"{figures.label} is handed to a group")
        self.project.setText(f"What the group is doing: {project}" if project.strip() else "")
        self.project.setVisible(bool(project.strip()))
        self.refresh()
        self.setVisible(True)

    def refresh(self) -> None:
        if self.budget_id is None:
            return
        self.holders = ops.query(self.ctx, holders, self.budget_id)
        self.holder_model.set_records(self.holders)
        self.remove_holder_button.setEnabled(False)
        self.decisions.set_entries(ops.query(self.ctx, decisions, self.budget_id))
        self.spending.set_entries(ops.query(self.ctx, spending, self.budget_id))
        people = len(self.holders)
        self.tabs.setTabText(GROUP_TAB, f"The gro&up ({people})")
        self.tabs.setTabText(DECISIONS_TAB, f"De&cisions ({len(self.decisions.model.records)})")
        self.tabs.setTabText(
            SPENDING_TAB, f"S&pending other than claims ({len(self.spending.model.records)})"
        )

    # --- the group -----------------------------------------------------------------------

    def find_holders(self) -> None:
        if self.budget_id is None:
            return
        self.dialog = AddPeopleDialog(
            self,
            self.ctx,
            title=f"Add to the group holding \u201c{self.budget_name}\u201d",
            added_as="to the group",
            already_in="in the group",
            already_listed=[holder.person_id for holder in self.holders],
            add=lambda person_id, _name: self.add_holder(person_id),
        )
        self.dialog.open()

    def add_holder(self, person_id: int) -> None:
        if self.budget_id is None:
            return
        wanted = [holder.person_id for holder in self.holders] + [person_id]
        self._set_holders(wanted)

    def _chosen_holders(self) -> list[Holder]:
        rows = sorted({index.row() for index in self.holder_table.selectionModel().selectedRows()})
        return [self.holders[row] for row in rows if row < len(self.holders)]

    def remove_holders(self) -> None:
        leaving = self._chosen_holders()
        if not leaving or self.budget_id is None:
            return
        gone = {holder.person_id for holder in leaving}
        self._set_holders([h.person_id for h in self.holders if h.person_id not in gone])
        names = ", ".join(holder.name for holder in leaving)
        self.message.setText(f"Took {names} out of the group. They stay on the register.")

    def _set_holders(self, person_ids: list[int]) -> None:
        assert self.budget_id is not None
        try:
            ops.change(self.ctx, "budgets", set_holders, self.ctx.actor, self.budget_id, person_ids)
        except KnownError as problem:
            prompts.show_problem(self, "The group was not changed", problem.message)
            self.refresh()

    # --- decisions and spending ----------------------------------------------------------

    def _open_decision(self, decision: Decision | None) -> None:
        if self.budget_id is not None:
            dialog = DecisionDialog(self.ctx, self.budget_id, decision, self, today=self.today)
            dialog.saved.connect(self.decisions.select_id)
            self._open(dialog)

    def _open_spend(self, spend: Spend | None) -> None:
        if self.budget_id is not None:
            dialog = SpendDialog(self.ctx, self.budget_id, spend, self, today=self.today)
            dialog.saved.connect(self.spending.select_id)
            self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()  # window-modal, without a nested event loop

    def _remove_decision(self, decision: Decision) -> None:
        question = (
            f"Remove the decision of {short_date(decision.decided_on)}, "
            f"\u201c{_shortened(decision.decision)}\u201d, from the group's record?"
        )
        if prompts.ask_yes_no(self, "Remove the decision", question, "Remove"):
            self._remove(delete_decision, decision.id, "Removed the decision.")

    def _remove_spend(self, spend: Spend) -> None:
        question = (
            f"Remove \u201c{spend.description}\u201d ({format_pence(spend.amount_pence)}, "
            f"{short_date(spend.spent_on)})? The budget's figures are worked out again "
            "without it."
        )
        if prompts.ask_yes_no(self, "Remove the spending", question, "Remove"):
            self._remove(delete_spend, spend.id, f"Removed \u201c{spend.description}\u201d.")

    def _remove(self, service: Callable[..., None], entry_id: int, said: str) -> None:
        try:
            ops.change(self.ctx, "budgets", service, self.ctx.actor, entry_id)
        except KnownError as problem:
            prompts.show_problem(self, "Nothing was removed", problem.message)
            self.refresh()
            return
        self.message.setText(said)

    # --- the statement -------------------------------------------------------------------

    def save_statement(self) -> None:
        if self.budget_id is None:
            return
        request = DocumentRequest(DocumentKind.BUDGET_STATEMENT, budget_id=self.budget_id)
        path = save_pdf(self.ctx, self, request, today=self.fixed_today)
        if path is not None:
            self.message.setText(f"Saved the group's statement to \u201c{path.name}\u201d.")


def _amount(pence: int | None) -> str:
    return format_pence(pence) if pence is not None else ""


def _shortened(text: str, most: int = 80) -> str:
    flat = one_line(text)
    return flat if len(flat) <= most else flat[: most - 1] + "\u2026"
