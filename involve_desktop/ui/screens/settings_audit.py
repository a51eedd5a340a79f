"""Settings → Audit trail: who did what and when, newest first; administrators only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.formatting import long_date
from involve_desktop.services import audit, staff
from involve_desktop.ui import ops

COLUMNS = ("When", "Who", "What", "Record")
ACTIONS = [value for name, value in vars(audit.AuditAction).items() if name.isupper()]


class AuditTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.staff_box = QComboBox()
        self.action_box = QComboBox()
        self.action_box.addItem("Everything", None)
        for action in sorted(ACTIONS):
            self.action_box.addItem(action.capitalize(), action)
        filters = QFormLayout()
        row = QHBoxLayout()
        row.addLayout(filters)
        filters.addRow("&Who:", self.staff_box)
        filters.addRow("Wh&at:", self.action_box)
        self.staff_box.setAccessibleName("Who")
        self.action_box.setAccessibleName("What")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName("Audit trail")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.staff_box.currentIndexChanged.connect(self.reload)
        self.action_box.currentIndexChanged.connect(self.reload)
        ctx.events.data_changed.connect(lambda _kind: self.isVisible() and self.reload())
        self._fill_staff()
        self.reload()

    def _fill_staff(self) -> None:
        self.staff_box.blockSignals(True)
        self.staff_box.addItem("Everyone", None)
        for member in ops.query(self.ctx, staff.list_staff):
            self.staff_box.addItem(member.name, member.id)
        self.staff_box.blockSignals(False)

    def reload(self) -> None:
        entries = ops.query(
            self.ctx,
            audit.list_events,
            self.ctx.actor,
            staff_id=self.staff_box.currentData(),
            action=self.action_box.currentData(),
        )
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            when = f"{long_date(entry.at.date())} {entry.at:%H:%M}"
            for column, text in enumerate((when, entry.staff_name, entry.action, entry.subject)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.reload()
        super().showEvent(event)
