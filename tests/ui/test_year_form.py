"""Settings, Year: the evaluation's day and month say which year they look back on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from involve_desktop.domain.evaluation_rules import evaluation_due_on
from involve_desktop.domain.financial_year import YearStart, year_containing, year_label
from involve_desktop.domain.formatting import long_date
from involve_desktop.ui.widgets.year_form import YearForm
from tests.conftest import EXAMPLE_ORGANISATION


def next_evaluation(start: YearStart, month: int, day: int) -> tuple[date, str]:
    first, _ = year_containing(date.today(), start)
    due = evaluation_due_on(first, month, day)
    if due < date.today():
        first = date(first.year + 1, first.month, first.day)
        due = evaluation_due_on(first, month, day)
    return due, year_label(first)


def test_the_evaluation_date_says_which_year_it_looks_back_on(qtbot):
    form = YearForm()
    qtbot.addWidget(form)
    form.load(replace(EXAMPLE_ORGANISATION, evaluation_month=3, evaluation_day=1))
    due, label = next_evaluation(YearStart(4, 1), 3, 1)
    assert form.evaluation_preview.text() == (
        f"The next evaluation, on {long_date(due)}, looks back on {label}."
    )

    # A day typed that the month does not have is said at the field, with no preview.
    form.evaluation_month.setCurrentIndex(1)  # February
    form.evaluation_day.setValue(30)
    assert form.evaluation_preview.text() == ""
    assert "February has 28 days" in form.errors["evaluation_month"].text()

    form.evaluation_day.setValue(14)
    due, label = next_evaluation(YearStart(4, 1), 2, 14)
    assert form.evaluation_preview.text().endswith(f"looks back on {label}.")
    changed = form.apply_to(EXAMPLE_ORGANISATION)
    assert (changed.evaluation_month, changed.evaluation_day) == (2, 14)
