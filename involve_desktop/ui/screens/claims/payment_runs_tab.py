"""The Payment runs tab: every run made, the latest first, with the claims it paid, and any
run saved again as a CSV file (a lost file, or a second copy for the bank)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.dates import short_date
from involve_desktop.domain.money import format_pence
from involve_desktop.services.payment_runs import RunSummary, run_rows, runs
from involve_desktop.ui import ops
from involve_desktop.ui.screens.claims.payment_run_dialog import (
    CLAIM_COLUMNS,
    CLAIM_SAMPLES,
    claims_and_money,
    save_run_csv,
)
from involve_desktop.ui.widgets.records_model import (
    Column,
    RecordsTableModel,
    records_table,
    size_columns_to,
)
from involve_desktop.ui.widgets.table_selection import select_rows, table_key

RUN_COLUMNS: tuple[Column[RunSummary], ...] = (
    Column("Paid on", lambda run: short_date(run.paid_on)),
    Column("Claims", lambda run: f"{run.claims:,}", figure=True),
    Column("Total", lambda run: format_pence(run.total_pence), figure=True),
    Column("Made by", lambda run: run.made_by),
    Column("Note", lambda run: run.note, tooltip=lambda run: run.note),
)
RUN_SAMPLES = ("30/12/2026", "Claims", "£12,345.50", "Chidera Okafor-Smith")


class PaymentRunsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runs_model: RecordsTableModel[RunSummary] = RecordsTableModel(RUN_COLUMNS)
        self.runs_table = records_table(self.runs_model, "Payment runs")
        self.runs_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        size_columns_to(self.runs_table, RUN_SAMPLES)
        self.claims_model = RecordsTableModel(CLAIM_COLUMNS)
        self.claims_table = records_table(self.claims_model, "Claims paid in the chosen run")
        size_columns_to(self.claims_table, CLAIM_SAMPLES)
        self.claims_label = QLabel()
        self.claims_label.setAccessibleName("Which run's claims are shown")
        self.empty_label = QLabel(
            "No payment runs yet. When approved claims are paid with \u201cPay approved "
            "claims\u2026\u201d on the Claims tab, each run is listed here."
        )
        self.empty_label.setWordWrap(True)
        self.export_button = QPushButton("E&xport run\u2026")
        self.export_button.setToolTip("Save the chosen run as a CSV file again")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What was just done")

        claims_part = QWidget()
        claims_column = QVBoxLayout(claims_part)
        claims_column.setContentsMargins(0, 0, 0, 0)
        claims_column.addWidget(self.claims_label)
        claims_column.addWidget(self.claims_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.runs_table)
        split.addWidget(claims_part)
        split.setChildrenCollapsible(False)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(split, 1)
        layout.addLayout(actions)

        self.runs_table.selectionModel().selectionChanged.connect(self._show_claims)
        self.export_button.clicked.connect(self.export_selected)
        for key in ("Return", "Enter"):
            table_key(key, self.runs_table, self.export_selected)
        # Read when first shown, not when the Claims screen opens: adding up every run
        # reads every paid claim, and most visits never look at this tab.
        self.stale = True
        self.wanted_run: int | None = None

    def showEvent(self, event: QShowEvent) -> None:
        if self.stale:
            self.refresh()
        super().showEvent(event)

    def refresh_when_shown(self) -> None:
        """The runs changed: list them again now if shown, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def refresh(self) -> None:
        """List the runs again, keeping the chosen one (or the one asked for)."""
        self.stale = False
        chosen = self.selected_run()
        wanted = self.wanted_run or (chosen.id if chosen is not None else None)
        self.wanted_run = None
        listed = ops.query(self.ctx, runs)
        self.runs_model.set_records(listed)
        self.empty_label.setVisible(not listed)
        ids = [run.id for run in listed]
        row = ids.index(wanted) if wanted in ids else 0
        select_rows(self.runs_table, [row] if ids else [])
        self._show_claims()

    def selected_run(self) -> RunSummary | None:
        rows = self.runs_table.selectionModel().selectedRows()
        return self.runs_model.record_at(rows[0].row()) if len(rows) == 1 else None

    def select_run(self, run_id: int) -> None:
        """Choose this run, now or when the runs are next listed."""
        ids = [run.id for run in self.runs_model.records]
        if self.stale or run_id not in ids:
            self.wanted_run = run_id
        else:
            select_rows(self.runs_table, [ids.index(run_id)])

    def _show_claims(self) -> None:
        run = self.selected_run()
        self.export_button.setEnabled(run is not None)
        if run is None:
            self.claims_model.set_records([])
            self.claims_label.setText("")
            return
        self.claims_model.set_records(ops.query(self.ctx, run_rows, run.id))
        by = f" by {run.made_by}" if run.made_by else ""
        paid = claims_and_money(run.claims, run.total_pence)
        self.claims_label.setText(f"Paid on {short_date(run.paid_on)}{by}: {paid}")

    def export_selected(self) -> None:
        run = self.selected_run()
        if run is None:
            return
        saved = save_run_csv(self.ctx, self, run.id)
        if saved is not None:
            self.message.setText(f"Saved the run of {short_date(run.paid_on)} as {saved.name}.")
