"""Draft claims for the people who came to a paid activity, each with a fee line at the rate
in force on the day.

The preview says, for everyone who attended, what their claim would be or why none is made
(they chose not to be paid, or already have a claim for it); nothing is saved until the user
presses "Make N draft claims", and each claim can be changed before it is submitted.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.claims import FeeUnit
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.money import (
    MAX_LINE_PENCE,
    format_pence,
    format_quantity,
    format_rate,
)
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.activities import load_activity
from involve_desktop.services.claims_from_activity import (
    AttendanceClaim,
    AttendancePreview,
    fee_units_available,
    make_claims_from_attendance,
    preview_claims,
)
from involve_desktop.ui import ops
from involve_desktop.ui.widgets.claim_lines_table import ONE, UNIT_WORDS
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.records_model import (
    Column,
    Index,
    RecordsTableModel,
    records_table,
    size_columns_to,
)

WARNING = "\u26a0 "
CHECK = Qt.ItemDataRole.CheckStateRole
COLUMN_SAMPLES = ("Chidera Okafor-Smith (Chi)", "How many", "£150.00", "£1,234.50")


def within_line_limit(person: AttendanceClaim) -> AttendanceClaim:
    """A fee over what one line may be (a long activity paid by the hour) would be refused
    when the claims are made: the row says so and is left unticked."""
    if not person.will_claim or person.amount_pence <= MAX_LINE_PENCE:
        return person
    limit = format_pence(MAX_LINE_PENCE)
    return replace(
        person,
        why_not=f"{format_pence(person.amount_pence)} is over the {limit} one line may be: "
        "make this claim by hand in parts.",
    )


class PreviewModel(RecordsTableModel[AttendanceClaim]):
    """Everyone who came, ticked for a claim unless there is a reason not to make one."""

    ticked_changed = Signal()

    def __init__(self) -> None:
        super().__init__(
            (
                Column("Name", lambda person: person.name),
                Column("How many", self._quantity, figure=True),
                Column("Rate", self._rate, figure=True),
                Column("Amount", self._amount, figure=True),
                Column("Why no claim", lambda person: person.why_not),
            )
        )
        self.ticked: set[int] = set()
        self.unit = FeeUnit.HOUR.value

    def set_preview(self, people: tuple[AttendanceClaim, ...], unit: str = "") -> None:
        self.unit = unit or self.unit
        people = tuple(within_line_limit(person) for person in people)
        self.ticked = {person.person_id for person in people if person.will_claim}
        self.set_records(people)
        self.ticked_changed.emit()

    def ticked_people(self) -> list[AttendanceClaim]:
        return [person for person in self.records if person.person_id in self.ticked]

    def _quantity(self, person: AttendanceClaim) -> str:
        if not person.will_claim:
            return ""
        words = UNIT_WORDS.get(self.unit, (self.unit, self.unit))
        number = person.quantity_hundredths
        return f"{format_quantity(number)} {words[0] if number == ONE else words[1]}"

    def _rate(self, person: AttendanceClaim) -> str:
        return format_rate(person.unit_pence) if person.will_claim else ""

    def _amount(self, person: AttendanceClaim) -> str:
        return format_pence(person.amount_pence) if person.will_claim else ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        person = self.record_at(index.row()) if index.isValid() else None
        if person is None:
            return Qt.ItemFlag.NoItemFlags
        if not person.will_claim:
            return Qt.ItemFlag.ItemIsSelectable  # shown, greyed, and the reason said in words
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        person = self.record_at(index.row()) if index.isValid() else None
        if person is not None and role == CHECK and index.column() == 0:
            ticked = person.person_id in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: object, role: int = CHECK) -> bool:
        person = self.record_at(index.row()) if index.isValid() else None
        if person is None or role != CHECK or not person.will_claim:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:  # type: ignore[call-overload]
            self.ticked.add(person.person_id)
        else:
            self.ticked.discard(person.person_id)
        self.dataChanged.emit(index, index)
        self.ticked_changed.emit()
        return True


class ClaimsFromActivityDialog(QDialog):
    """`made(claim_ids)` once the draft claims are saved."""

    made = Signal(list)

    def __init__(self, ctx: AppContext, activity_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.activity_id = activity_id
        self.preview: AttendancePreview | None = None
        activity = ops.query(ctx, load_activity, activity_id)
        self.setWindowTitle(f"Make claims for \u201c{activity.title}\u201d")
        title = heading(f"Make claims for \u201c{activity.title}\u201d")
        about = QLabel(
            f"Held on {long_date(activity.held_on)}. One draft claim for each person ticked, "
            "with a fee line at the payment policy's rate for that day. Each claim can be "
            "changed (mileage, expenses, receipts) before it is submitted."
        )
        about.setWordWrap(True)
        self.unit = QComboBox()
        self.unit.setAccessibleName("Pay per")
        unit_label = QLabel("&Pay per:")
        unit_label.setBuddy(self.unit)
        self.rate_label = QLabel()
        self.rate_label.setWordWrap(True)
        self.rate_label.setAccessibleName("The rate used")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Why claims cannot be made")
        self.model = PreviewModel()
        self.table = records_table(self.model, "Who attended, and their claims")
        size_columns_to(self.table, COLUMN_SAMPLES, 30)
        self.summary = QLabel()
        self.summary.setAccessibleName("How many claims will be made")
        self.cancel_button = QPushButton("Cancel")
        self.make_button = QPushButton()
        self.make_button.setDefault(True)

        unit_row = QHBoxLayout()
        unit_row.addWidget(unit_label)
        unit_row.addWidget(self.unit)
        unit_row.addWidget(self.rate_label, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.make_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(about)
        layout.addLayout(unit_row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.cancel_button.clicked.connect(self.reject)
        self.make_button.clicked.connect(self.make_claims)
        self.unit.currentIndexChanged.connect(lambda _index: self.show_preview())
        self.model.ticked_changed.connect(self._show_count)
        self._load_units(activity.held_on)
        self.resize(780, 520)

    def _load_units(self, held_on) -> None:  # type: ignore[no-untyped-def]
        units = ops.query(self.ctx, fee_units_available, self.activity_id)
        self.unit.blockSignals(True)
        for unit in units:
            self.unit.addItem(unit.value, unit.value)
        self.unit.blockSignals(False)
        if not units:
            self._cannot(
                f"The payment policy in force on {long_date(held_on)} has no fee rates, so "
                "claims cannot be made from attendance yet. Add the charity's rates in "
                "Settings \u2192 Payment policy."
            )
            self.unit.setEnabled(False)
            return
        self.show_preview()

    def show_preview(self) -> None:
        unit = FeeUnit(self.unit.currentData())
        try:
            self.preview = ops.query(self.ctx, preview_claims, self.activity_id, unit)
        except KnownError as problem:
            self._cannot(problem.message)
            return
        self.rate_label.setText(self.preview.rate_text[:1].upper() + self.preview.rate_text[1:])
        self.model.set_preview(self.preview.people, unit.value)
        if not self.preview.people:
            self._cannot(
                "Nobody is marked as attended for this activity. Record who attended in the "
                "activity first."
            )
            return
        self.message.setVisible(False)
        self.table.setCurrentIndex(self.model.index(0, 0))

    def _cannot(self, message: str) -> None:
        self.preview = None
        self.model.set_preview(())
        self.rate_label.setText("")
        self.message.setText(WARNING + message)
        self.message.setVisible(True)
        self._show_count()

    def _show_count(self) -> None:
        ticked = self.model.ticked_people()
        count = len(ticked)
        self.make_button.setText(
            f"&Make {count} draft claim{'' if count == 1 else 's'}" if count else "&Make claims"
        )
        self.make_button.setEnabled(bool(count))
        came = len(self.model.records)
        total = sum(person.amount_pence for person in ticked)
        self.summary.setText(
            f"{count} of {came} ticked, {format_pence(total)} in fees." if came else ""
        )

    def make_claims(self) -> None:
        ticked = {person.person_id for person in self.model.ticked_people()}
        if self.preview is None or not ticked:
            return
        try:
            made = ops.change(
                self.ctx,
                "claims",
                make_claims_from_attendance,
                self.ctx.actor,
                self.activity_id,
                self.preview.unit,
                ticked,
            )
        except ValidationFailed as problem:
            # The preview stays, so the rows at fault can be unticked and the rest made.
            self.message.setText(WARNING + " ".join(problem.errors.values()))
            self.message.setVisible(True)
            return
        except KnownError as problem:
            self._cannot(problem.message)
            return
        self.made.emit(made)
        self.accept()
