"""Budgets: the money set aside for each financial year, for the whole of involvement or for
one fund or project, with what is allocated, committed (approved claims not yet paid), paid
and left, and a total for the year.

A budget handed to a group of people from the register shows the group's record under the
list (`group_panel.py`). Budgets are changed by staff who may change the payment policy;
the group's record is kept by any staff member.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.financial_year import year_label
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.roles import Permission, can
from involve_desktop.errors import KnownError
from involve_desktop.services.budgets import (
    BudgetFigures,
    budget_figures,
    delete_budget,
    figures_for,
    load_budget,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.screens.budgets.group_panel import GroupPanel
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.records_model import (
    Column,
    Index,
    RecordsTableModel,
    records_table,
    size_columns_to,
)
from involve_desktop.ui.widgets.table_selection import select_rows, table_key
from involve_desktop.ui.widgets.year_picker import YearPicker

TOTAL_ID = 0  # the totals row is not a budget
NOT_ALLOWED_TIP = "Only staff who may change the payment policy can change budgets."
EXPLAINED = (
    "Committed is approved claims not yet paid. Paid is paid claims and other spending "
    "recorded against the budget. Remaining is what is left after both."
)
COLUMN_SAMPLES = (
    "Young people's steering group",
    "Who spends it",  # the heading is wider than what it holds
    "£100,000.00",
    "£100,000.00",
    "£100,000.00",
    "£100,000.00 over",
)


def remaining_text(pence: int) -> str:
    """What is left, or how far over, in words: never a minus sign or a colour alone."""
    return format_pence(pence) if pence >= 0 else f"{format_pence(-pence)} over"


def year_total(year_start: date, rows: list[BudgetFigures]) -> BudgetFigures:
    return BudgetFigures(
        TOTAL_ID,
        year_start,
        "Total for the year",
        sum(row.allocated_pence for row in rows),
        sum(row.committed_pence for row in rows),
        sum(row.paid_pence for row in rows),
        False,
    )


def _who_spends(row: BudgetFigures) -> str:
    if row.budget_id == TOTAL_ID:
        return ""
    return "A group" if row.delegated else "The charity"


COLUMNS = (
    Column[BudgetFigures]("Budget", lambda row: row.name),
    Column[BudgetFigures]("Who spends it", _who_spends),
    Column[BudgetFigures]("Allocated", lambda row: format_pence(row.allocated_pence), figure=True),
    Column[BudgetFigures]("Committed", lambda row: format_pence(row.committed_pence), figure=True),
    Column[BudgetFigures]("Paid", lambda row: format_pence(row.paid_pence), figure=True),
    Column[BudgetFigures](
        "Remaining",
        lambda row: remaining_text(row.remaining_pence),
        lambda row: (
            f"{format_pence(-row.remaining_pence)} more is approved or paid than was allocated"
            if row.remaining_pence < 0
            else ""
        ),
        figure=True,
    ),
)


class BudgetsTableModel(RecordsTableModel[BudgetFigures]):
    """The year's budgets, then their total in bold (and called a total, so bold is not the
    only sign)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.record_at(index.row()) if index.isValid() else None
        if row is not None and row.budget_id == TOTAL_ID and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


class BudgetsScreen(Screen):
    can_create = True

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.today = today or date.today()
        self.editor: QWidget | None = None
        actor = ctx.actor
        self.may_change = actor is not None and can(actor.role, Permission.CHANGE_PAYMENT_POLICY)
        self.title = heading("Budgets")
        self.year = YearPicker(self.today, ahead=1)
        self.year.setAccessibleName("Financial year")
        year_label_widget = QLabel("&Year:")
        year_label_widget.setBuddy(self.year)
        self.model = BudgetsTableModel(COLUMNS)
        self.table = records_table(self.model, "Budgets for the year")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        size_columns_to(self.table, COLUMN_SAMPLES)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.explained = QLabel(EXPLAINED)
        self.explained.setWordWrap(True)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What was just done")
        self.add_button = QPushButton("&Add budget\u2026")
        self.add_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton("Ed&it\u2026")
        self.edit_button.setToolTip("Enter, or double-click a row")
        self.delete_button = QPushButton("&Delete\u2026")
        self.add_button.setEnabled(self.may_change)
        if not self.may_change:
            for button in (self.add_button, self.edit_button, self.delete_button):
                button.setToolTip(NOT_ALLOWED_TIP)
        self.group = GroupPanel(ctx, self.today, fixed_today=today)
        self.group.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(year_label_widget)
        top.addWidget(self.year)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.explained)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.group, 2)

        self.year.period_changed.connect(self.refresh)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for key in ("Return", "Enter"):
            table_key(key, self.table, self.edit_selected)
        table_key(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        self.add_button.clicked.connect(self.start_new)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        ctx.events.data_changed.connect(self._data_changed)
        self.year.load_year_start(ctx)
        self.refresh()

    # --- the list ------------------------------------------------------------------------

    def show_year(self, period: tuple[date, date]) -> None:
        """One financial year's budgets (Home's chart of the year leads here)."""
        self.year.choose(period)

    def year_start(self) -> date:
        period = self.year.period()
        return period[0] if period else self.today

    def refresh(self) -> None:
        chosen = self.selected()
        rows = ops.query(self.ctx, budget_figures, self.year_start())
        shown = [*rows, year_total(self.year_start(), rows)] if rows else []
        self.model.set_records(shown)
        how = (
            "Add one with \u201cAdd budget\u201d."
            if self.may_change
            else "Those who set the payment policy add them."
        )
        self.empty_label.setText(
            "" if rows else f"No budgets for {year_label(self.year_start())} yet. {how}"
        )
        self.empty_label.setVisible(not rows)
        if chosen is not None:
            self.select_budget(chosen.budget_id)
        self._selection_changed()

    def selected(self) -> BudgetFigures | None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.record_at(rows[0].row()) if len(rows) == 1 else None
        return row if row is not None and row.budget_id != TOTAL_ID else None

    def select_budget(self, budget_id: int) -> None:
        ids = [row.budget_id for row in self.model.records]
        if budget_id in ids:
            select_rows(self.table, [ids.index(budget_id)])

    def _selection_changed(self) -> None:
        chosen = self.selected()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(self.may_change and chosen is not None)
        project = ""
        if chosen is not None and chosen.delegated:
            project = ops.query(self.ctx, load_budget, chosen.budget_id).project
        self.group.show_budget(chosen, project)

    def _data_changed(self, kind: str) -> None:
        # Claims, payments, people and the year's start all move the figures; the query
        # is a handful of rows, so anything but the audit trail refreshes the list.
        if kind == "organisation":
            self.year.load_year_start(self.ctx)
        if kind != "audit":
            self.refresh()

    # --- changing budgets ----------------------------------------------------------------

    def start_new(self) -> None:
        if self.may_change:
            self.open_editor(None)

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and self.may_change:
            self.open_editor(chosen.budget_id)

    def open_editor(self, budget_id: int | None) -> None:
        from involve_desktop.ui.screens.budgets.budget_editor import BudgetEditor

        editor = BudgetEditor(
            self.ctx, budget_id, self, year_start=self.year_start(), today=self.today
        )
        editor.saved.connect(self._saved)
        editor.finished.connect(lambda _result: editor.deleteLater())
        self.editor = editor
        editor.open()  # window-modal, without a nested event loop

    def _saved(self, budget_id: int) -> None:
        figures = ops.query(self.ctx, figures_for, budget_id)
        period = next(
            (p for p in self.year.periods if p is not None and p[0] == figures.year_start), None
        )
        if period is not None and period != self.year.period():
            self.year.choose(period)  # a budget saved for another year is shown there
        self.select_budget(budget_id)
        self.message.setText(f"Saved the budget \u201c{figures.label}\u201d.")

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not self.may_change:
            return
        question = (
            f"Delete the budget \u201c{chosen.label}\u201d ({format_pence(chosen.allocated_pence)} "
            "allocated)?"
        )
        if chosen.delegated:
            question += " The record of the group holding it, and their decisions, go with it."
        question += "\n\nThis cannot be undone."
        if not prompts.ask_yes_no(self, "Delete budget", question, "Delete"):
            return
        try:
            ops.change(self.ctx, "budgets", delete_budget, self.ctx.actor, chosen.budget_id)
        except KnownError as problem:
            prompts.show_problem(self, "The budget was not deleted", problem.message)
            return
        self.message.setText(f"Deleted the budget \u201c{chosen.label}\u201d.")
