"""Claims: every payment claim, by status, with what waits to be approved or paid, and the
payment runs that paid them.

The list is a view over SQL (claims_table.py; 50,000 claims cost a list of ids and a
screenful of rows); the status tabs count what each step holds under the other filters,
and the line under the table adds up the money of everything listed. The editor is
`ClaimEditor`. A second tab lists the payment runs; more tabs can join `self.tabs`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.money import format_pence
from involve_desktop.services.claim_list import (
    ClaimOrder,
    ClaimRow,
    ClaimTotals,
    budget_choices,
    listed_totals,
    matching_claim_ids,
    rows_for,
    status_counts,
)
from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from involve_desktop.ui import ops
from involve_desktop.ui.pdf_save import pdf_button, save_pdf
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.screens.claims.claims_filters import ClaimFilterBar
from involve_desktop.ui.screens.claims.claims_table import ClaimsTableModel
from involve_desktop.ui.screens.claims.payment_run_dialog import PaymentRunDialog, save_run_csv
from involve_desktop.ui.screens.claims.payment_runs_tab import PaymentRunsTab
from involve_desktop.ui.screens.claims.person_totals_tab import PersonTotalsTab
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.records_model import records_table, size_columns_to
from involve_desktop.ui.widgets.table_selection import select_rows, table_key

if TYPE_CHECKING:
    from involve_desktop.ui.dialogs.claim_editor import ClaimEditor

# Typical values, so the columns fit their usual contents in the user's own font size.
COLUMN_SAMPLES = (
    "12345",
    "Chidera Okafor-Smith",
    "30/12/2026",
    "Young people's steering group",
    "£1,234.50",
    "£1,234.50",
    "£1,234.50",
    "Paid 30/12/2026",
    "Payment method",
)
# What a claim's row shows comes from people, budgets and activities as well as claims.
WATCHED_KINDS = ("claims", "people", "budgets", "activities", "organisation")
CLAIMS_TAB, RUNS_TAB = 0, 1


def totals_text(totals: ClaimTotals) -> str:
    """'128 claims · £4,310.50 (fees £3,000.00, expenses £1,310.50)'."""
    if not totals.count:
        return "No claims listed."
    noun = "claim" if totals.count == 1 else "claims"
    return (
        f"{totals.count:,} {noun} \u00b7 {format_pence(totals.total_pence)} "
        f"(fees {format_pence(totals.fees_pence)}, "
        f"expenses {format_pence(totals.expenses_pence)})"
    )


class ClaimsScreen(Screen):
    can_search = True
    can_create = True

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.fixed_today = today  # tests fix the day; a PDF is otherwise dated at the click
        self.today = today or date.today()
        self.filters = ClaimFilterBar(ctx)
        self.model = ClaimsTableModel(self._fetch_rows)
        self.table = self._make_table()
        self.totals_label = QLabel()
        self.totals_label.setAccessibleName("How many claims are listed and their total")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What was just done")
        self.editor: ClaimEditor | None = None  # the claim editor open, if any
        self.opened_claim_id: int | None = None  # the claim it was opened on (None: a new one)
        self.new_button = QPushButton("&New claim")
        self.new_button.setToolTip("Ctrl+N")
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Enter, or double-click a row")
        self.pay_button = QPushButton("P&ay approved claims\u2026")
        self.pay_button.setToolTip("Mark approved claims paid together, as one payment run")
        self.export_button = QPushButton("Export r&un\u2026")
        self.export_button.setToolTip(
            "Save the payment run of the chosen paid claim as a CSV file again"
        )
        self.blank_button = pdf_button(
            "Blan&k claim form\u2026",
            "A claim form with the current rates, to print for paper claims",
        )
        self.runs_tab = PaymentRunsTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._claims_page(), "&Claims")
        self.tabs.addTab(self.runs_tab, "Payment &runs")
        self.totals_tab = PersonTotalsTab(ctx)
        self.tabs.addTab(self.totals_tab, "&Totals by person")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Claims"))
        layout.addWidget(self.tabs, 1)

        self.filters.filter_changed.connect(self.refresh)
        self.model.sort_requested.connect(self._sort)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for key in ("Return", "Enter"):
            table_key(key, self.table, self.open_selected)
        self.new_button.clicked.connect(self.start_new)
        self.open_button.clicked.connect(self.open_selected)
        self.pay_button.clicked.connect(self.pay_approved)
        self.export_button.clicked.connect(self.export_run)
        self.blank_button.clicked.connect(
            lambda: save_pdf(
                ctx, self, DocumentRequest(DocumentKind.CLAIM_FORM), today=self.fixed_today
            )
        )
        ctx.events.data_changed.connect(self._data_changed)
        self._load_budgets()
        self.refresh()

    def _claims_page(self) -> QWidget:
        actions = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.blank_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.pay_button)
        actions.addWidget(self.export_button)
        under = QHBoxLayout()
        under.addWidget(self.message, 1)
        under.addWidget(self.totals_label)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(under)
        layout.addLayout(actions)
        return page

    def _make_table(self) -> QTableView:
        table = records_table(self.model, "Claims")
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSortingEnabled(True)
        size_columns_to(table, COLUMN_SAMPLES)
        return table

    # --- the list ------------------------------------------------------------------------

    def _fetch_rows(self, claim_ids: list[int]) -> list[ClaimRow]:
        return ops.query(self.ctx, rows_for, claim_ids)

    def _load_budgets(self) -> None:
        self.filters.set_budgets(ops.query(self.ctx, budget_choices))

    def refresh(self) -> None:
        """Ask the database again which claims match, keeping the selection."""
        chosen = self.selected_id()
        current = self.filters.current()
        self.model.set_ids(ops.query(self.ctx, matching_claim_ids, current, self.filters.order))
        self.filters.set_counts(ops.query(self.ctx, status_counts, current))
        self.totals_label.setText(totals_text(ops.query(self.ctx, listed_totals, current)))
        self._show_sort()
        if chosen is not None:
            self.select_claim(chosen)
        self._update_buttons()

    def _sort(self, column: object, descending: bool) -> None:
        self.filters.order = ClaimOrder(column, descending)  # type: ignore[arg-type]
        self.refresh()

    def _show_sort(self) -> None:
        columns = {sort: column for column, sort in self.model.SORT_COLUMNS.items()}
        order = self.filters.order
        way = Qt.SortOrder.DescendingOrder if order.descending else Qt.SortOrder.AscendingOrder
        self.model.show_sort(self.table.horizontalHeader(), columns[order.column], way)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1 or rows[0].row() >= len(self.model.ids):
            return None
        return self.model.ids[rows[0].row()]

    def selected_row(self) -> ClaimRow | None:
        chosen = self.selected_id()
        return self.model.row_at(self.model.row_of(chosen)) if chosen is not None else None

    def select_claim(self, claim_id: int) -> None:
        row = self.model.row_of(claim_id)
        select_rows(self.table, [row] if row >= 0 else [])

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.open_button.setEnabled(row is not None)
        self.export_button.setEnabled(row is not None and row.payment_run_id is not None)

    def _data_changed(self, kind: str) -> None:
        if kind not in WATCHED_KINDS:
            return
        if kind == "budgets":
            self._load_budgets()
        self.refresh()
        self.runs_tab.refresh_when_shown()

    # --- Screen --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(CLAIMS_TAB)
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def show_status(self, status: ClaimStatus | None) -> None:
        """Show one status tab ('what waits to be approved'), the filters as they are."""
        self.tabs.setCurrentIndex(CLAIMS_TAB)
        self.filters.show_status(status)

    def show_only_status(self, status: ClaimStatus | None) -> None:
        """One status tab with every other filter taken off (search, person, dates, budget),
        so the list is exactly what Home's job counted."""
        self.tabs.setCurrentIndex(CLAIMS_TAB)
        self.filters.clear()
        self.filters.show_status(status)

    def show_person(self, person_id: int, name: str) -> None:
        """Show every claim of one person (from their record, say)."""
        self.tabs.setCurrentIndex(CLAIMS_TAB)
        self.filters.show_person(person_id, name)

    def start_new(self) -> None:
        self.open_editor(None, person_id=self.filters.person[0] if self.filters.person else None)

    def open_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.open_editor(chosen)

    def open_editor(self, claim_id: int | None, *, person_id: int | None = None) -> None:
        from involve_desktop.ui.dialogs.claim_editor import ClaimEditor

        editor = ClaimEditor(self.ctx, claim_id, self, person_id=person_id)
        editor.saved.connect(self._saved)
        editor.finished.connect(lambda _result: editor.deleteLater())
        self.editor = editor
        self.opened_claim_id = claim_id
        editor.open()  # window-modal, without a nested event loop

    def _saved(self, claim_id: int) -> None:
        """A new claim (or correction) the filters hide is shown, not lost; a step taken by
        a claim already listed keeps the filters the user chose and says what happened."""
        is_new = claim_id != self.opened_claim_id
        shown = self.model.row_of(claim_id) >= 0
        if is_new and not shown:
            self.filters.clear(every_status=True)
            shown = True
        if shown:
            self.select_claim(claim_id)
        editor = self.editor
        record = editor.record if editor is not None and editor.claim_id == claim_id else None
        if is_new or record is None:
            self.message.setText(f"Saved claim {claim_id}.")
            return
        status = record.status
        said = "a draft" if status is ClaimStatus.DRAFT else status.label.lower()
        hidden = "" if shown else " The filters chosen do not show it."
        self.message.setText(f"Claim {claim_id} is now {said}.{hidden}")

    def pay_approved(self) -> None:
        dialog = PaymentRunDialog(self.ctx, self, today=self.today)
        dialog.paid.connect(self._paid)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.payment_dialog = dialog
        dialog.open()

    def _paid(self, run_id: int, said: str) -> None:
        self.message.setText(said)
        self.runs_tab.select_run(run_id)

    def export_run(self) -> None:
        row = self.selected_row()
        if row is None or row.payment_run_id is None:
            return
        saved = save_run_csv(self.ctx, self, row.payment_run_id)
        if saved is not None:
            self.message.setText(f"Saved the payment run as {saved.name}.")
