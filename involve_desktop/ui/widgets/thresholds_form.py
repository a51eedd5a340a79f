"""The benefits figures the charity chooses to watch: a name, a week, month or financial year,
an amount and a note for each, with plain words above them about what they are for."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from involve_desktop.domain.claims import Threshold, ThresholdPeriod
from involve_desktop.services.money_totals import NOT_ADVICE
from involve_desktop.ui.widgets.editable_rows import EditableRows, RowColumn, RowProblem
from involve_desktop.ui.widgets.money_field import MoneyField
from involve_desktop.ui.widgets.person_form_parts import show_choice
from involve_desktop.ui.widgets.policy_rates_form import amount_field

MAX_THRESHOLD_NAME = 120
WHAT_THEY_ARE = (
    "These are figures your charity chooses to keep an eye on, such as the most a person can "
    "earn in a week on a particular benefit. When someone has said that payments may affect "
    "their benefits, their claims and their record show their fees beside these figures. The "
    "official figures usually change each April, so please check them then."
)


def threshold_inputs() -> list[QWidget]:
    name = QLineEdit()
    name.setMaxLength(MAX_THRESHOLD_NAME)
    period = QComboBox()
    for choice in ThresholdPeriod:
        period.addItem(choice.label, choice.value)
    note = QLineEdit()
    note.setMaxLength(500)
    return [name, period, amount_field(), note]


def show_threshold(inputs: list[QWidget], threshold: Threshold) -> None:
    name, period, amount, note = inputs
    assert isinstance(name, QLineEdit) and isinstance(period, QComboBox)
    assert isinstance(amount, MoneyField) and isinstance(note, QLineEdit)
    name.setText(threshold.name)
    show_choice(period, threshold.period)
    amount.set_pence(threshold.amount_pence)
    note.setText(threshold.note)


class ThresholdsForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sent_rows: list[int] = []  # the entry each threshold last sent came from
        self.first_problem: QWidget | None = None  # where the cursor goes after a failed save
        about = QLabel(f"{WHAT_THEY_ARE}\n\n{NOT_ADVICE}")
        about.setWordWrap(True)
        self.rows = EditableRows(
            "figure",
            (
                RowColumn("Name", "name", 3),
                RowColumn("Period", "period", 0),
                RowColumn("Amount", "amount", 0),
                RowColumn("Note", "note", 2),
            ),
            threshold_inputs,
            add_text="A&dd a figure",
            empty_text="No figures are watched.",
        )
        self.rows.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.rows)
        layout.addStretch(1)

    def load(self, thresholds: list[Threshold]) -> None:
        self.rows.set_entries(thresholds, show_threshold)

    def read(self) -> list[Threshold] | None:
        """The figures as typed; None, with the problems shown, when an amount cannot be read."""
        thresholds: list[Threshold] = []
        problems: list[RowProblem] = []
        self.sent_rows = []
        for index, (name, period, amount, note) in enumerate(self.rows.rows()):
            assert isinstance(name, QLineEdit) and isinstance(period, QComboBox)
            assert isinstance(amount, MoneyField) and isinstance(note, QLineEdit)
            texts = (name.text(), amount.text(), note.text())
            if not any(text.strip() for text in texts):
                continue  # an entry added and left empty is no entry
            if message := amount.problem():
                problems.append(RowProblem(index, 2, message))
                continue
            pence = amount.pence()
            assert pence is not None
            period_chosen = ThresholdPeriod(period.currentData())
            thresholds.append(Threshold(name.text().strip(), period_chosen, pence, note.text()))
            self.sent_rows.append(index)
        self.first_problem = self.rows.show_problems(problems)
        return None if problems else thresholds

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """The service names a figure by its place in what was sent ('threshold 2')."""
        problems = []
        others = []
        for key, message in errors.items():
            number = key.removeprefix("threshold ")
            if number.isdigit() and 0 < int(number) <= len(self.sent_rows):
                problems.append(RowProblem(self.sent_rows[int(number) - 1], 0, message))
            else:
                others.append(message)
        self.first_problem = self.rows.show_problems(problems)
        return others

    def set_editable(self, editable: bool) -> None:
        self.rows.set_editable(editable)
