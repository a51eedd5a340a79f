"""The Claims table's model: the ids that match, in SQL's order (services/claim_list.py),
with rows fetched a block at a time as they are shown (ui/widgets/lazy_table.py). Money is
right-aligned as £1,234.50 so columns of figures line up; status is said in words."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt

from involve_desktop.domain.dates import short_date
from involve_desktop.domain.money import format_pence
from involve_desktop.services.claim_list import ClaimRow, ClaimSort
from involve_desktop.ui.widgets.lazy_table import LazyTableModel

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def status_text(row: ClaimRow) -> str:
    """'Paid 30/11/2026', 'Submitted': a paid claim says when."""
    if row.paid_on is not None:
        return f"{row.status.label} {short_date(row.paid_on)}"
    return row.status.label


class ClaimsTableModel(LazyTableModel[ClaimRow]):
    NUMBER, PERSON, WORK_DATE, WHAT_FOR, FEES, EXPENSES, TOTAL, STATUS, METHOD, BUDGET = range(10)
    HEADERS = (
        "Claim",
        "Name",
        "Work date",
        "What for",
        "Fees",
        "Expenses",
        "Total",
        "Status",
        "Payment method",
        "Budget",
    )
    SORT_COLUMNS: ClassVar[dict[int, ClaimSort]] = {
        NUMBER: ClaimSort.NUMBER,
        PERSON: ClaimSort.PERSON,
        WORK_DATE: ClaimSort.WORK_DATE,
        TOTAL: ClaimSort.TOTAL,
        STATUS: ClaimSort.STATUS,
    }
    MONEY_COLUMNS = (FEES, EXPENSES, TOTAL)

    def cell(self, row: ClaimRow, column: int, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.NUMBER,
            *self.MONEY_COLUMNS,
        ):
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == self.WHAT_FOR:
            return row.what_for
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and orientation == Qt.Orientation.Horizontal
            and section in (self.NUMBER, *self.MONEY_COLUMNS)
        ):
            return RIGHT
        return super().headerData(section, orientation, role)

    def text(self, row: ClaimRow, column: int) -> str:
        if column == self.NUMBER:
            return str(row.id)
        if column == self.WORK_DATE:
            return short_date(row.work_date)
        if column == self.FEES:
            return format_pence(row.fees_pence)
        if column == self.EXPENSES:
            return format_pence(row.expenses_pence)
        if column == self.TOTAL:
            return format_pence(row.total_pence)
        if column == self.STATUS:
            return status_text(row)
        plain = {
            self.PERSON: row.person_name,
            self.WHAT_FOR: row.what_for,
            self.METHOD: row.payment_method,
            self.BUDGET: row.budget,
        }
        return plain.get(column, "")
