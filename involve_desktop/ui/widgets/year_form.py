"""When the financial year starts, the yearly evaluation date, and when impact is due."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from involve_desktop.domain.evaluation_rules import evaluation_due_on, validate_evaluation_date
from involve_desktop.domain.financial_year import (
    MONTH_NAMES,
    YearStart,
    validate_year_start,
    year_containing,
    year_label,
)
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.organisation import OrganisationDetails
from involve_desktop.ui.widgets.form_section import FormSection


def _month_box() -> QComboBox:
    box = QComboBox()
    box.addItems(MONTH_NAMES)
    return box


class YearForm(FormSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year_start_day = QSpinBox()
        self.year_start_day.setRange(1, 31)
        self.year_start_month = _month_box()
        start_row = QWidget()
        row = QHBoxLayout(start_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.year_start_day)
        row.addWidget(self.year_start_month, 1)
        self.add_row("year_start", "Financial year st&arts on:", start_row, self.year_start_day)
        self.year_start_day.setAccessibleName("Financial year start: day")
        self.year_start_month.setAccessibleName("Financial year start: month")
        self.year_preview = QLabel()
        self.year_preview.setWordWrap(True)
        self.form.addRow("", self.year_preview)

        self.evaluation_day = QSpinBox()
        self.evaluation_day.setRange(1, 31)
        self.evaluation_month = _month_box()
        evaluation_row = QWidget()
        row = QHBoxLayout(evaluation_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.evaluation_day)
        row.addWidget(self.evaluation_month, 1)
        self.add_row(
            "evaluation_month", "Yearly evaluation &on:", evaluation_row, self.evaluation_day
        )
        self.evaluation_preview = QLabel()
        self.evaluation_preview.setWordWrap(True)
        self.form.addRow("", self.evaluation_preview)
        self.evaluation_day.setAccessibleName("Yearly evaluation: day")
        self.evaluation_month.setAccessibleName("Yearly evaluation: month")
        self.evaluation_month.setToolTip(
            "The day each year you look back on the year together, with the people you serve."
        )
        self.evaluation_reminder_weeks = QSpinBox()
        self.evaluation_reminder_weeks.setRange(1, 26)
        self.evaluation_reminder_weeks.setSuffix(" weeks before")
        self.add_row(
            "evaluation_reminder_weeks",
            "Remind about the e&valuation:",
            self.evaluation_reminder_weeks,
        )
        self.evaluation_reminder_weeks.setToolTip(
            "Involve starts reminding you this long before the evaluation is due."
        )

        self.impact_due_weeks = QSpinBox()
        self.impact_due_weeks.setRange(1, 52)
        self.impact_due_weeks.setSuffix(" weeks")
        self.add_row("impact_due_weeks", "Ask for an &impact record after:", self.impact_due_weeks)
        self.impact_due_weeks.setToolTip(
            "An activity this long past with no \u201cyou said, we did\u201d record is pointed out."
        )

        for signal in (
            self.impact_due_weeks.valueChanged,
            self.year_start_day.valueChanged,
            self.year_start_month.currentIndexChanged,
            self.evaluation_month.currentIndexChanged,
            self.evaluation_day.valueChanged,
            self.evaluation_reminder_weeks.valueChanged,
        ):
            signal.connect(self.notify_changed)
        for signal in (
            self.year_start_day.valueChanged,
            self.year_start_month.currentIndexChanged,
            self.evaluation_day.valueChanged,
            self.evaluation_month.currentIndexChanged,
        ):
            signal.connect(self._show_preview)
        self._show_preview()

    def load(self, details: OrganisationDetails) -> None:
        self.loading = True
        try:
            self.year_start_day.setValue(details.year_start.day)
            self.year_start_month.setCurrentIndex(details.year_start.month - 1)
            self.evaluation_month.setCurrentIndex(details.evaluation_month - 1)
            self.evaluation_day.setValue(details.evaluation_day)
            self.evaluation_reminder_weeks.setValue(details.evaluation_reminder_weeks)
            self.impact_due_weeks.setValue(details.impact_due_weeks)
        finally:
            self.loading = False

    def apply_to(self, details: OrganisationDetails) -> OrganisationDetails:
        return replace(
            details,
            year_start=YearStart(
                self.year_start_month.currentIndex() + 1, self.year_start_day.value()
            ),
            evaluation_month=self.evaluation_month.currentIndex() + 1,
            evaluation_day=self.evaluation_day.value(),
            evaluation_reminder_weeks=self.evaluation_reminder_weeks.value(),
            impact_due_weeks=self.impact_due_weeks.value(),
        )

    def _show_preview(self) -> None:
        month = self.year_start_month.currentIndex() + 1
        day = self.year_start_day.value()
        problem = validate_year_start(month, day)
        self.errors["year_start"].show_message(problem or "")
        if problem:
            self.year_preview.setText("")
            return
        first, last = year_containing(date.today(), YearStart(month, day))
        self.year_preview.setText(
            f"Your current financial year is {year_label(first)}: "
            f"{long_date(first)} to {long_date(last)}."
        )
        self._show_evaluation_preview(first)

    def _show_evaluation_preview(self, year_first: date) -> None:
        """Which year a chosen evaluation date looks back on is not obvious (a March date
        evaluates the year ending then; a May date, the one just ended), so say it."""
        month = self.evaluation_month.currentIndex() + 1
        day = self.evaluation_day.value()
        problem = validate_evaluation_date(month, day)
        self.errors["evaluation_month"].show_message(problem or "")
        if problem:
            self.evaluation_preview.setText("")
            return
        due = evaluation_due_on(year_first, month, day)
        if due < date.today():
            year_first = date(year_first.year + 1, year_first.month, year_first.day)
            due = evaluation_due_on(year_first, month, day)
        self.evaluation_preview.setText(
            f"The next evaluation, on {long_date(due)}, looks back on {year_label(year_first)}."
        )
