"""Who approves claims and who pays them: a tick for each duty beside each active staff member.

A role that cannot approve claims (a staff member's) cannot be named as an approver, and the
row says why in words rather than only greying the tick out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from involve_desktop.services.payment_policy import ClaimDuty
from involve_desktop.ui.widgets.editable_rows import tab_through
from involve_desktop.ui.widgets.form_section import FieldError

INTRO = (
    "Two people see every payment: someone named here approves a claim, and someone named "
    "here pays it. Nobody can approve a claim they made or sent in themselves."
)
CANNOT_APPROVE = "A staff member's role cannot approve claims (roles are set in Staff)."


@dataclass(frozen=True)
class DutyRow:
    duty: ClaimDuty
    approves: QCheckBox
    pays: QCheckBox


class ClaimDutiesForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DutyRow] = []
        self.row_widgets: list[QWidget] = []
        self.editable = True
        self.first_problem: QWidget | None = None  # where the cursor goes after a failed save
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.table = QWidget()
        self.grid = QGridLayout(self.table)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(4, 1)
        for column, text in enumerate(("Staff member", "Role")):
            header = QLabel(text)
            font = QFont(header.font())
            font.setBold(True)
            header.setFont(font)
            self.grid.addWidget(header, 0, column)
        self.error = FieldError(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def load(self, duties: list[ClaimDuty]) -> None:
        for widget in self.row_widgets:
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.rows, self.row_widgets = [], []
        for row, duty in enumerate(duties, start=1):
            approves = QCheckBox("Approves claims")
            approves.setChecked(duty.approves)
            approves.setAccessibleName(f"{duty.name} approves claims")
            pays = QCheckBox("Pays claims")
            pays.setChecked(duty.pays)
            pays.setAccessibleName(f"{duty.name} pays claims")
            why = QLabel("" if duty.may_approve else CANNOT_APPROVE)
            why.setWordWrap(True)
            if not duty.may_approve:
                approves.setToolTip(CANNOT_APPROVE)
                approves.setAccessibleDescription(CANNOT_APPROVE)
            cells = (QLabel(duty.name), QLabel(duty.role.label), approves, pays, why)
            for column, widget in enumerate(cells):
                self.grid.addWidget(widget, row, column)
            for box in (approves, pays):
                box.clicked.connect(lambda _checked: self.changed.emit())
            self.rows.append(DutyRow(duty, approves, pays))
            self.row_widgets += cells
        self.error.show_message("")
        self.set_editable(self.editable)
        tab_through(self.table, [box for row in self.rows for box in (row.approves, row.pays)])

    def approvers(self) -> set[int]:
        return {row.duty.staff_id for row in self.rows if row.approves.isChecked()}

    def payers(self) -> set[int]:
        return {row.duty.staff_id for row in self.rows if row.pays.isChecked()}

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Show the message about approvers under the list; return any others."""
        self.error.show_message(errors.get("approvers", ""))
        enabled = [row.approves for row in self.rows if row.approves.isEnabled()]
        self.first_problem = enabled[0] if "approvers" in errors and enabled else None
        return [message for key, message in errors.items() if key != "approvers"]

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        for row in self.rows:
            row.approves.setEnabled(editable and row.duty.may_approve)
            row.pays.setEnabled(editable)
