"""The rates of one version of the payment policy: fees for time and expertise, mileage per
vehicle, what can be claimed back (with an optional most per line), the receipt rule and notes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain.claims import FeeUnit, LineKind, PolicyDetails, Rate
from involve_desktop.services.payment_policy import MAX_RATE_NAME
from involve_desktop.ui.widgets.editable_rows import EditableRows, RowColumn, RowProblem
from involve_desktop.ui.widgets.form_section import FieldError
from involve_desktop.ui.widgets.money_field import MoneyField
from involve_desktop.ui.widgets.person_sections import text_box

FEE_COLUMNS = 2  # fee fields side by side, so the rates fit without scrolling


def scrolled(content: QWidget) -> QScrollArea:
    """A page of the payment policy that scrolls when the window is too small for it."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not the frame
    area.setWidget(content)
    return area


def amount_field(*, optional: bool = False) -> MoneyField:
    """A money field as wide as the largest rate, so names beside it have the room."""
    field = MoneyField(optional=optional)
    field.setMaximumWidth(field.fontMetrics().horizontalAdvance("£10,000.00") + 40)
    return field


def rate_inputs(*, amount_optional: bool) -> list[QWidget]:
    name = QLineEdit()
    name.setMaxLength(MAX_RATE_NAME)
    # Wide enough for a usual name at any text size; the page scrolls rather than clip it.
    name.setMinimumWidth(name.fontMetrics().horizontalAdvance("Motorcycle") + 24)
    return [name, amount_field(optional=amount_optional)]


def show_rate(inputs: list[QWidget], rate: Rate) -> None:
    name, amount = inputs
    assert isinstance(name, QLineEdit) and isinstance(amount, MoneyField)
    name.setText(rate.name)
    amount.set_pence(rate.unit_pence)


class PolicyRatesForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loading = False
        self.first_problem: QWidget | None = None  # where the cursor goes after a failed save
        self.other_fees: tuple[Rate, ...] = ()  # fee units the app does not offer, kept as saved
        self.fees: dict[FeeUnit, MoneyField] = {}
        self.fee_errors: dict[FeeUnit, FieldError] = {}
        fees_box = QGroupBox("Fees for time and expertise")
        fees_grid = QGridLayout(fees_box)
        for index, unit in enumerate(FeeUnit):
            row, column = divmod(index, FEE_COLUMNS)
            field = amount_field(optional=True)
            field.setAccessibleName(f"Fee {unit.label.lower()}")
            field.textEdited.connect(self._edited)
            label = QLabel(f"{unit.label}:")
            label.setBuddy(field)
            self.fees[unit] = field
            self.fee_errors[unit] = FieldError(field)
            fees_grid.addWidget(label, 2 * row, 2 * column)
            fees_grid.addWidget(field, 2 * row, 2 * column + 1)
            # The message may run under the next label: a long one then leaves the fields put.
            fees_grid.addWidget(self.fee_errors[unit], 2 * row + 1, 2 * column + 1, 1, 2)
        fees_grid.addWidget(
            QLabel("Leave a rate empty where you do not pay by that unit."), 4, 0, 1, 5
        )
        fees_grid.setColumnStretch(2 * FEE_COLUMNS, 1)

        self.vehicles = EditableRows(
            "vehicle",
            (RowColumn("Vehicle", "name", 1), RowColumn("Rate per mile", "rate per mile", 0)),
            lambda: rate_inputs(amount_optional=False),
            add_text="Add a veh&icle",
            empty_text="No mileage is paid.",
        )
        self.expenses = EditableRows(
            "expense",
            (
                RowColumn("What can be claimed", "what can be claimed", 1),
                RowColumn("Most per line", "most per line", 0),
            ),
            lambda: rate_inputs(amount_optional=True),
            add_text="Add a &kind of expense",
            empty_text="Nothing can be claimed back.",
        )
        for rows in (self.vehicles, self.expenses):
            rows.changed.connect(self._edited)

        self.receipt_needed = QCheckBox("A receipt is needed for expenses over")
        self.receipt_over = amount_field()
        self.receipt_over.setAccessibleName("A receipt is needed for expenses over this amount")
        self.receipt_error = FieldError(self.receipt_over)
        self.receipt_needed.toggled.connect(self._receipt_rule_toggled)
        self.receipt_over.textEdited.connect(self._edited)
        self.notes = text_box(2)
        self.notes.setAccessibleName("Notes about these rates")
        self.notes.textChanged.connect(self._edited)

        layout = QVBoxLayout(self)
        layout.addWidget(fees_box)
        lists = QHBoxLayout()
        lists.addWidget(self._box("Mileage", self.vehicles), 2)
        lists.addWidget(self._box("What can be claimed back", self.expenses), 3)
        layout.addLayout(lists)
        receipts_box = QGroupBox("Receipts")
        receipt_grid = QGridLayout(receipts_box)
        receipt_grid.addWidget(self.receipt_needed, 0, 0, 1, 2)
        receipt_grid.addWidget(self.receipt_over, 1, 0)
        receipt_grid.addWidget(self.receipt_error, 2, 0, 1, 2)
        receipt_grid.setColumnStretch(1, 1)
        receipt_grid.setRowStretch(3, 1)
        last_row = QHBoxLayout()
        last_row.addWidget(receipts_box, 2)
        last_row.addWidget(self._box("Notes", self.notes), 3)
        layout.addLayout(last_row)
        layout.addStretch(1)

    @staticmethod
    def _box(title: str, content: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        column = QVBoxLayout(box)
        column.addWidget(content)
        return box

    def load(self, details: PolicyDetails) -> None:
        """Show a version's rates (not a change of the user's)."""
        self.loading = True
        fees = {rate.name: rate for rate in details.rates_of(LineKind.FEE)}
        for unit, field in self.fees.items():
            rate = fees.get(unit.value)
            field.set_pence(rate.unit_pence if rate else None)
        units = {unit.value for unit in FeeUnit}
        self.other_fees = tuple(rate for name, rate in fees.items() if name not in units)
        self.vehicles.set_entries(details.rates_of(LineKind.MILEAGE), show_rate)
        self.expenses.set_entries(details.rates_of(LineKind.EXPENSE), show_rate)
        self.receipt_needed.setChecked(details.receipt_over_pence is not None)
        self.receipt_over.set_pence(details.receipt_over_pence)
        self._receipt_rule_toggled()
        self.notes.setPlainText(details.notes)
        self.show_errors({})
        self.loading = False

    def read(self, effective_from: date) -> PolicyDetails | None:
        """The rates as typed; None, with each problem shown at its field, when an amount
        cannot be read (the service checks the rest)."""
        fees: list[Rate] = []
        problems: list[QWidget] = []
        for unit, field in self.fees.items():
            message = field.problem()
            self.fee_errors[unit].show_message(message)
            if message:
                problems.append(field)
            elif (pence := field.pence()) is not None:
                fees.append(Rate(LineKind.FEE, unit.value, pence))
        vehicles = self._read_rows(self.vehicles, LineKind.MILEAGE, problems)
        expenses = self._read_rows(self.expenses, LineKind.EXPENSE, problems)
        receipt_over = None
        message = self.receipt_over.problem() if self.receipt_needed.isChecked() else ""
        self.receipt_error.show_message(message)
        if message:
            problems.append(self.receipt_over)
        elif self.receipt_needed.isChecked():
            receipt_over = self.receipt_over.pence()
        self.first_problem = problems[0] if problems else None
        if problems:
            return None
        return PolicyDetails(
            effective_from=effective_from,
            rates=(*fees, *self.other_fees, *vehicles, *expenses),
            receipt_over_pence=receipt_over,
            notes=self.notes.toPlainText().strip(),
        )

    @staticmethod
    def _read_rows(rows: EditableRows, kind: LineKind, problems: list[QWidget]) -> list[Rate]:
        rates: list[Rate] = []
        row_problems: list[RowProblem] = []
        for index, (name, amount) in enumerate(rows.rows()):
            assert isinstance(name, QLineEdit) and isinstance(amount, MoneyField)
            if not name.text().strip() and not amount.text().strip():
                continue  # an entry added and left empty is no entry
            if message := amount.problem():
                row_problems.append(RowProblem(index, 1, message))
            else:
                rates.append(Rate(kind, name.text().strip(), amount.pence()))
        if first := rows.show_problems(row_problems):
            problems.append(first)
        return rates

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Show the service's messages at their fields and return any that belong to no
        field here."""
        placed: set[str] = set()
        focus: list[QWidget] = []
        for unit, field in self.fees.items():
            key = f"{LineKind.FEE.value} {unit.value}"
            self.fee_errors[unit].show_message(errors.get(key, ""))
            if key in errors:
                placed.add(key)
                focus.append(field)
        for rows, kind in ((self.vehicles, LineKind.MILEAGE), (self.expenses, LineKind.EXPENSE)):
            row_problems = []
            for index, (name, _amount) in enumerate(rows.rows()):
                assert isinstance(name, QLineEdit)
                key = f"{kind.value} {name.text().strip()}"
                if key in errors:  # a name in the list twice is marked at both
                    row_problems.append(RowProblem(index, 0, errors[key]))
                    placed.add(key)
            if first := rows.show_problems(row_problems):
                focus.append(first)
        self.receipt_error.show_message(errors.get("receipt_over", ""))
        if "receipt_over" in errors:
            placed.add("receipt_over")
            focus.append(self.receipt_over)
        self.first_problem = focus[0] if focus else None
        return [message for key, message in errors.items() if key not in placed]

    def set_editable(self, editable: bool) -> None:
        for field in (*self.fees.values(), self.receipt_over):
            field.setReadOnly(not editable)
        self.vehicles.set_editable(editable)
        self.expenses.set_editable(editable)
        self.receipt_needed.setEnabled(editable)
        self.notes.setReadOnly(not editable)

    def _receipt_rule_toggled(self) -> None:
        self.receipt_over.setEnabled(self.receipt_needed.isChecked())
        self._edited()

    def _edited(self) -> None:
        if not self.loading:
            self.changed.emit()
