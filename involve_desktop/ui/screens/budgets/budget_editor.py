"""Add or edit one budget: its name, financial year, the amount allocated, notes, and whether
it is handed to a group of people from the register for a project they run.

Problems are shown at the field; closing with unsaved changes asks first (RecordDialog).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.financial_year import year_label
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.budgets import (
    MAX_BUDGET_NAME,
    BudgetDetails,
    load_budget,
    save_budget,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.dialogs.record_dialog import RecordDialog, not_saved_message
from involve_desktop.ui.widgets.form_section import FormSection
from involve_desktop.ui.widgets.money_field import MoneyField
from involve_desktop.ui.widgets.person_sections import text_box
from involve_desktop.ui.widgets.year_picker import YearPicker

KEPT_WHEN_TAKEN_BACK = (
    "The group, its decisions and its spending stay recorded, and show again if the budget "
    "is handed back."
)


class BudgetForm(FormSection):
    """The budget's fields. No two mnemonics share a letter, nor with the dialog's &Save."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_BUDGET_NAME)
        self.name.setPlaceholderText("For example: Involvement, or a fund or project's name")
        self.add_row("name", "&Name:", self.name)
        self.year = YearPicker(today, ahead=1)
        self.add_row("year", "&Year:", self.year)
        self.allocated = MoneyField()
        width = self.allocated.fontMetrics().horizontalAdvance("£100,000,000.00") + 24
        self.allocated.setMaximumWidth(width)
        self.add_row("allocated", "&Amount allocated:", self.allocated)
        self.notes = text_box(3)
        self.notes.setPlaceholderText("Where the money comes from, what it is for")
        self.add_row("notes", "N&otes:", self.notes)
        self.delegated = QCheckBox("Handed to a &group of people from the register")
        self.delegated.setToolTip(
            "A group runs a project of their own with this budget: record who is in the group, "
            "what they decide and spend, and give them a statement."
        )
        self.add_row("delegated", "", self.delegated)
        self.delegated.setAccessibleName("Handed to a group of people from the register")
        self.project = text_box(3)
        self.project.setPlaceholderText("The project the group runs, in a sentence or two")
        self.add_row("project", "What the group will &do:", self.project)
        self.kept_note = QLabel(KEPT_WHEN_TAKEN_BACK)
        self.kept_note.setWordWrap(True)
        self.kept_note.setVisible(False)
        self.form.addRow("", self.kept_note)
        for signal in (
            self.name.textChanged,
            self.year.currentIndexChanged,
            self.allocated.textChanged,
            self.notes.textChanged,
            self.delegated.toggled,
            self.project.textChanged,
        ):
            signal.connect(self.notify_changed)


class BudgetEditor(RecordDialog):
    """`saved(budget_id)` follows a save."""

    saved = Signal(int)
    what_is_edited = "this budget"

    def __init__(
        self,
        ctx: AppContext,
        budget_id: int | None = None,
        parent: QWidget | None = None,
        *,
        year_start: date | None = None,  # the year a new budget is for (the screen's)
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.budget_id = budget_id
        self.today = today or date.today()
        self.form = BudgetForm(self.today)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.form, 1)
        layout.addLayout(self.button_bar())
        self.form.changed.connect(lambda: self.set_dirty(True))
        self.form.delegated.toggled.connect(self._delegated_toggled)
        self.resize(620, 440)
        self._load(year_start)

    def _load(self, year_start: date | None) -> None:
        if self.budget_id is None:
            self.original = BudgetDetails(year_start or self.today, "", 0)
            self.set_title("New budget")
        else:
            self.original = ops.query(self.ctx, load_budget, self.budget_id)
            self.set_title(
                f"{self.original.name} {year_label(self.original.year_start)} \u2014 budget"
            )
        form = self.form
        form.loading = True
        form.year.load_year_start(self.ctx)
        self._choose_year(self.original.year_start)
        form.name.setText(self.original.name)
        form.allocated.set_pence(self.original.allocated_pence if self.budget_id else None)
        form.notes.setPlainText(self.original.notes)
        form.delegated.setChecked(self.original.delegated)
        form.project.setPlainText(self.original.project)
        form.loading = False
        self._delegated_toggled(self.original.delegated)
        form.name.setFocus()
        self.set_dirty(False)

    def _choose_year(self, day: date) -> None:
        """Choose the year containing `day`; a budget from longer ago keeps its own year."""
        picker = self.form.year
        for index, period in enumerate(picker.periods):
            if period is not None and period[0] <= day <= period[1]:
                picker.setCurrentIndex(index)
                return
        picker.periods.append((day, day))
        picker.addItem(year_label(day))
        picker.setCurrentIndex(len(picker.periods) - 1)

    def _delegated_toggled(self, delegated: bool) -> None:
        self.form.project.setEnabled(delegated)
        self.form.kept_note.setVisible(self.original.delegated and not delegated)

    def edited_details(self) -> BudgetDetails:
        """What the form holds; raises ValidationFailed for an amount that cannot be read."""
        form = self.form
        problem = form.allocated.problem()
        if problem:
            raise ValidationFailed({"allocated": problem})
        period = form.year.period()
        return replace(
            self.original,
            year_start=period[0] if period else self.original.year_start,
            name=form.name.text(),
            allocated_pence=form.allocated.pence() or 0,
            notes=form.notes.toPlainText(),
            delegated=form.delegated.isChecked(),
            project=form.project.toPlainText(),
        )

    def save(self) -> bool:
        """Save and close; False (and the problems shown) when it cannot be saved."""
        try:
            details = self.edited_details()
            saved_id = ops.change(
                self.ctx, "budgets", save_budget, self.ctx.actor, details, self.budget_id
            )
        except ValidationFailed as problem:
            self.form.show_errors(problem.errors)
            self.state_label.setText(not_saved_message(len(problem.errors)))
            return False
        except KnownError as problem:
            prompts.show_problem(self, "The budget was not saved", problem.message)
            return False
        self.budget_id = saved_id
        self.set_dirty(False)
        self.saved.emit(saved_id)
        self.accept()
        return True
