"""A payment run: tick the approved claims being paid, say the day, mark them paid in one
step, then save the run as a CSV file for whoever makes the payments.

A paid claim can never be changed, so nothing is paid by accident: every claim starts
unticked ("Tick all" is one click away), Enter never presses Pay, and before paying the
dialog asks, naming how many claims, how much and the day. Only the payers named in the
payment policy can mark claims paid: anyone else is told so, plainly, before they start.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.dates import short_date
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.money import format_pence
from involve_desktop.errors import KnownError
from involve_desktop.services.claim_list import ClaimRow
from involve_desktop.services.claim_workflow import make_payment_run
from involve_desktop.services.payment_policy import is_designated
from involve_desktop.services.payment_runs import (
    RunSummary,
    approved_claims,
    payment_run_csv,
    run_summary,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.save_folder import choose_save_path, remember_folder
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.records_model import (
    Column,
    RecordsTableModel,
    records_table,
    size_columns_to,
)

Index = QModelIndex | QPersistentModelIndex
NOT_A_PAYER = (
    "Only the payers named in the payment policy can mark claims paid. An administrator "
    "can name you in Settings \u2192 Payment policy."
)
MAX_NOTE = 200
# The text that may run long comes last, where the table stretches it; money in between.
CLAIM_COLUMNS: tuple[Column[ClaimRow], ...] = (
    Column("Claim", lambda row: str(row.id), figure=True),
    Column("Name", lambda row: row.person_name),
    Column("Total", lambda row: money_either_way(row.total_pence), figure=True),
    Column("Payment method", lambda row: row.payment_method),
    Column("Work date", lambda row: short_date(row.work_date)),
    Column("What for", lambda row: row.what_for, tooltip=lambda row: row.what_for),
)
CLAIM_SAMPLES = (
    "12345",
    "Chidera Okafor-Smith",
    "£1,234.50 to come back",
    "Payment method",
    "30/12/2026",
)


def claims_and_money(count: int, pence: int) -> str:
    return f"{count:,} claim{'' if count == 1 else 's'} ({format_pence(pence)})"


def money_either_way(pence: int) -> str:
    """A correction's total below nothing is money the person gives back, not a payment."""
    return f"{format_pence(-pence)} to come back" if pence < 0 else format_pence(pence)


def settled_words(totals: list[int]) -> tuple[str, str]:
    """What is marked and how: ('2 claims (£112.50)', 'paid'), or with corrections
    ('3 to pay (£123.75) and 1 to take back (£41.25)', 'as settled')."""
    paying = [pence for pence in totals if pence >= 0]
    back = [-pence for pence in totals if pence < 0]
    if not back:
        return claims_and_money(len(paying), sum(paying)), "paid"
    parts = [f"{len(paying):,} to pay ({format_pence(sum(paying))})"] if paying else []
    parts.append(f"{len(back):,} to take back ({format_pence(sum(back))})")
    return " and ".join(parts), "as settled"


def save_run_csv(ctx: AppContext, parent: QWidget | None, run_id: int) -> Path | None:
    """Ask where to save a run's CSV, save it (audited) and return the file; None if not."""
    try:
        run: RunSummary = ops.query(ctx, run_summary, run_id)
    except KnownError as problem:
        prompts.show_problem(parent, "The run was not saved", problem.message)
        return None
    path = choose_save_path(
        ctx,
        parent,
        "Save the payment run",
        "CSV file (*.csv)",
        run.file_name,
        suffixes=(".csv",),
        what="this payment run",
    )
    if path is None:
        return None
    try:
        ops.change(ctx, "audit", payment_run_csv, ctx.actor, run_id, path)
    except KnownError as problem:
        prompts.show_problem(parent, "The run was not saved", problem.message)
        return None
    remember_folder(ctx, path)
    return path


class TickedClaimsModel(RecordsTableModel[ClaimRow]):
    """Approved claims with a tick in the first column; none ticked when first listed, and
    a claim listed again (after a refresh) keeps its tick."""

    ticks_changed = Signal()

    def __init__(self) -> None:
        super().__init__((Column("Pay", lambda _row: ""), *CLAIM_COLUMNS))
        self.ticked: set[int] = set()

    def set_records(self, records: list[ClaimRow]) -> None:  # type: ignore[override]
        self.ticked &= {record.id for record in records}
        super().set_records(records)
        self.ticks_changed.emit()

    def ticked_rows(self) -> list[ClaimRow]:
        return [record for record in self.records if record.id in self.ticked]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is not None and index.column() == 0:
            if role == Qt.ItemDataRole.CheckStateRole:
                checked = record.id in self.ticked
                return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return "Ticked to pay" if record.id in self.ticked else "Not ticked"
        return super().data(index, role)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is None or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        self._tick(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)  # type: ignore[call-overload]
        return True

    def toggle(self, row: int) -> None:
        record = self.record_at(row)
        if record is not None:
            self._tick(row, record.id not in self.ticked)

    def tick_all(self, on: bool) -> None:
        self.ticked = {record.id for record in self.records} if on else set()
        if self.records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.records) - 1, 0))
        self.ticks_changed.emit()

    def _tick(self, row: int, on: bool) -> None:
        record = self.records[row]
        if on:
            self.ticked.add(record.id)
        else:
            self.ticked.discard(record.id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
        self.ticks_changed.emit()


class SpaceTicks(QObject):
    """Space ticks or unticks the current row, whichever cell of it has the focus."""

    def __init__(self, table: QTableView, model: TickedClaimsModel) -> None:
        super().__init__(table)
        self.table = table
        self.model = model
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and self.table.currentIndex().isValid()
        ):
            self.model.toggle(self.table.currentIndex().row())
            return True
        return False


class PaymentRunDialog(QDialog):
    """`paid(run_id, what)` once claims are marked paid; `what` says it in a sentence."""

    paid = Signal(int, str)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Pay approved claims")
        self.model = TickedClaimsModel()
        self.table = records_table(self.model, "Approved claims to pay")
        size_columns_to(self.table, ("Pay ", *CLAIM_SAMPLES))
        SpaceTicks(self.table, self.model)
        intro = QLabel(
            "Tick the approved claims paid in this run (Space ticks or unticks a row). They "
            "are marked paid together, on the day below, once you have said yes; then you "
            "can save the run as a CSV file for whoever makes the payments."
        )
        intro.setWordWrap(True)
        self.not_payer = QLabel(f"\u26a0 {NOT_A_PAYER}")
        self.not_payer.setWordWrap(True)
        self.not_payer.setAccessibleName("Who can mark claims paid")
        self.ticked_label = QLabel()
        self.ticked_label.setAccessibleName("What is ticked")
        self.tick_all_button = QPushButton("Tick &all")
        self.untick_all_button = QPushButton("&Untick all")
        self.paid_on = DateField()
        self.paid_on.setAccessibleName("Day the claims are paid")
        self.paid_on.set_date(today or date.today())
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setAccessibleName("Note about this run")
        self.note.setPlaceholderText("For example: November fees, paid by bank transfer")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Why the claims were not marked paid")
        self.cancel_button = QPushButton("Cancel")
        self.pay_button = QPushButton()
        # Paying cannot be undone, so Enter in the date or the note must never press it; nor
        # any other button, which a dialog would otherwise make the default when it opens
        # (Tick all, or Cancel, which would drop the ticks and the note). Space presses them.
        for button in (
            self.tick_all_button,
            self.untick_all_button,
            self.cancel_button,
            self.pay_button,
        ):
            button.setAutoDefault(False)
        self._lay_out(intro)

        self.model.ticks_changed.connect(self._show_ticked)
        self.tick_all_button.clicked.connect(lambda: self.model.tick_all(True))
        self.untick_all_button.clicked.connect(lambda: self.model.tick_all(False))
        self.cancel_button.clicked.connect(self.reject)
        self.pay_button.clicked.connect(self.mark_paid)
        self.may_pay = ctx.actor is not None and ops.query(
            ctx, is_designated, ctx.actor.staff_id, to_pay=True
        )
        self.not_payer.setVisible(not self.may_pay)
        self.load()
        self.paid_on.setMaximumWidth(self.fontMetrics().averageCharWidth() * 20)
        self.resize(self.table.horizontalHeader().length() + 320, 580)

    def _lay_out(self, intro: QLabel) -> None:
        ticks = QHBoxLayout()
        ticks.addWidget(self.ticked_label, 1)
        ticks.addWidget(self.tick_all_button)
        ticks.addWidget(self.untick_all_button)
        form = QFormLayout()
        paid_label = QLabel("&Paid on:")
        paid_label.setBuddy(self.paid_on)
        note_label = QLabel("&Note:")
        note_label.setBuddy(self.note)
        form.addRow(paid_label, self.paid_on)
        form.addRow(note_label, self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.pay_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Pay approved claims"))
        layout.addWidget(intro)
        layout.addWidget(self.not_payer)
        layout.addWidget(self.table, 1)
        layout.addLayout(ticks)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

    def load(self) -> None:
        """List the claims waiting to be paid now; those still listed keep their ticks."""
        self.model.set_records(ops.query(self.ctx, approved_claims))
        self.table.setFocus()
        if self.model.records:
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _show_ticked(self) -> None:
        ticked = self.model.ticked_rows()
        paying = sum(row.total_pence for row in ticked if row.total_pence >= 0)
        back = sum(row.total_pence for row in ticked if row.total_pence < 0)
        waiting = len(self.model.records)
        if not waiting:
            self.ticked_label.setText("No claims are approved and waiting to be paid.")
        else:
            money = format_pence(paying) + (f", {money_either_way(back)}" if back else "")
            self.ticked_label.setText(f"{len(ticked):,} of {waiting:,} ticked: {money}")
        what, how = settled_words([row.total_pence for row in ticked])
        self.pay_button.setText(f"&Mark {what} {how}")
        self.pay_button.setEnabled(bool(ticked) and self.may_pay)
        for button in (self.tick_all_button, self.untick_all_button):
            button.setEnabled(bool(waiting))

    def mark_paid(self) -> None:
        ticked = self.model.ticked_rows()
        paid_on_problem = self.paid_on.problem()
        if paid_on_problem or self.paid_on.date() is None:
            self._say(paid_on_problem or "Please say the day the claims are paid.")
            self.paid_on.setFocus()
            return
        paid_on = self.paid_on.date()
        assert paid_on is not None and self.ctx.actor is not None
        what, how = settled_words([row.total_pence for row in ticked])
        if not prompts.ask_yes_no(
            self,
            "Mark claims paid",
            f"Mark {what} {how} on {long_date(paid_on)}? Paid claims cannot be changed afterwards.",
            "Mark paid",
        ):
            return
        try:
            run_id = ops.change(
                self.ctx,
                "claims",
                make_payment_run,
                self.ctx.actor,
                [row.id for row in ticked],
                paid_on,
                self.note.text(),
            )
        except KnownError as problem:
            self._say(problem.message)
            self.load()  # another person may have paid or changed some of them
            return
        said = f"Marked {what} {how} on {short_date(paid_on)}."
        if prompts.ask_yes_no(
            self,
            "Save the payment run?",
            f"{said}\n\nSave the run as a CSV file for whoever makes the payments? You can "
            "save it again at any time from the Payment runs tab.",
            "Save CSV\u2026",
        ):
            saved = save_run_csv(self.ctx, self, run_id)
            if saved is not None:
                said += f" Saved the run as {saved.name}."
        self.paid.emit(run_id, said)
        self.accept()

    def _say(self, problem: str) -> None:
        self.problem.setText(f"\u26a0 {problem}")
