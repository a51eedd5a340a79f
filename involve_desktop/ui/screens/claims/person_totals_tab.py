"""Everyone with money in a financial year: how many claims, their fees apart from mileage and
expenses, and whether they said payments may affect their benefits, in words. A tab of the
Claims screen; a name search narrows the list, and Export CSV… saves what is listed.

Money counts from the day a claim is submitted, on the date of the work
(services/money_totals.py); the app informs and never advises (NOT_ADVICE).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.domain.financial_year import year_label
from involve_desktop.domain.money import format_pence
from involve_desktop.errors import KnownError
from involve_desktop.services.money_totals import (
    NOT_ADVICE,
    PersonYearTotal,
    everyone_year_totals,
    note_benefits_listed,
)
from involve_desktop.services.money_totals_export import (
    WATCH_WORDS,
    benefits_words,
    matching,
    person_totals_csv,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.save_folder import choose_save_path, remember_folder
from involve_desktop.ui.widgets.records_model import (
    Column,
    RecordsTableModel,
    records_table,
    size_columns_to,
)
from involve_desktop.ui.widgets.refresh_when_shown import RefreshWhenShown
from involve_desktop.ui.widgets.typing_pause import after_typing
from involve_desktop.ui.widgets.year_picker import YearPicker

BENEFITS_HEADER = "Payments may affect benefits"
BENEFITS_TIP = (
    f"“{WATCH_WORDS}”: they said payments may affect their benefits, or preferred not to "
    "say. Their fees are worth talking through with them before the next payment."
)
COLUMNS = (
    Column[PersonYearTotal]("Name", lambda t: t.name, lambda t: t.name),
    Column[PersonYearTotal]("Claims", lambda t: f"{t.claims:,}", figure=True),
    Column[PersonYearTotal]("Fees", lambda t: format_pence(t.fees_pence), figure=True),
    Column[PersonYearTotal](
        "Mileage and expenses", lambda t: format_pence(t.expenses_pence), figure=True
    ),
    Column[PersonYearTotal](
        "Total", lambda t: format_pence(t.fees_pence + t.expenses_pence), figure=True
    ),
    Column[PersonYearTotal](
        BENEFITS_HEADER,
        benefits_words,
        lambda t: BENEFITS_TIP if t.benefits_may_be_affected else "",
    ),
)
COLUMN_SAMPLES = (
    "Małgorzata Okafor-Smith",
    "Claims",
    "£10,000.00",
    "Mileage and expenses",
    "£10,000.00",
    BENEFITS_HEADER,
)


class PersonTotalsTab(QWidget):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.everyone: list[PersonYearTotal] = []
        self.year = YearPicker(self.today)
        self.year.setAccessibleName("Financial year")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Part of a name")
        self.search.setAccessibleName("Search names")
        self.search.setClearButtonEnabled(True)
        self.model = RecordsTableModel[PersonYearTotal](COLUMNS)
        self.table = records_table(self.model, "Money claimed by each person this year")
        size_columns_to(self.table, COLUMN_SAMPLES)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("How many are listed")
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.totals_label.setAccessibleName("Totals of the people listed")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What was just done")
        self.message.setVisible(False)
        self.export_button = QPushButton("Export CS&V\u2026")
        self.export_button.setToolTip("Save the people listed, with their totals, as a CSV file")
        note = QLabel(f"{BENEFITS_TIP} {NOT_ADVICE}")
        note.setWordWrap(True)
        self._lay_out(note)

        self.year.period_changed.connect(self.refresh)
        after_typing(self.search, self._show)
        self.export_button.clicked.connect(self.export_csv)
        # An export or an opened record ("audit") changes no money.
        self.when_shown = RefreshWhenShown(self, self.refresh, ignored=("audit",))
        ctx.events.data_changed.connect(self._data_changed)
        self.year.load_year_start(ctx)
        # Adding up a year for everyone is read when the tab is first shown, not when the
        # Claims screen opens.
        self.when_shown.request()

    def _lay_out(self, note: QLabel) -> None:
        top = QHBoxLayout()
        for text, field in (("Financial &year:", self.year), ("&Search names:", self.search)):
            label = QLabel(text)
            label.setBuddy(field)
            top.addWidget(label)
            top.addWidget(field)
        top.addStretch(1)
        top.addWidget(self.count_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals_label, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        layout.addWidget(note)

    def year_first(self) -> date | None:
        period = self.year.period()
        return period[0] if period else None

    def _data_changed(self, kind: str) -> None:
        if kind == "organisation":  # the year's first day may have moved
            self.year.load_year_start(self.ctx)
        self.when_shown.request(kind)

    def refresh(self) -> None:
        first = self.year_first()
        self.everyone = ops.query(self.ctx, everyone_year_totals, first) if first else []
        if first and any(total.benefits_may_be_affected for total in self.everyone):
            # The benefits answers are special-category data: each loading of a year's list
            # that shows any is in the audit trail (a search only narrows what was loaded).
            ops.change(self.ctx, "audit", note_benefits_listed, self.ctx.actor, first)
        self._show()

    def _show(self) -> None:
        shown = matching(self.everyone, self.search.text())
        self.model.set_records(shown)
        first = self.year_first()
        year = year_label(first) if first else ""
        terms = self.ctx.terms
        if not self.everyone:
            counted = f"No claims counted in {year} yet"
        elif not shown:
            counted = f"No {terms.plural} of that name with money in {year}"
        else:
            counted = f"{terms.count(len(shown))} with money in {year}"
        self.count_label.setText(counted)
        fees = sum(total.fees_pence for total in shown)
        costs = sum(total.expenses_pence for total in shown)
        self.totals_label.setText(
            f"Listed: {format_pence(fees)} in fees and {format_pence(costs)} in mileage and "
            f"expenses, {format_pence(fees + costs)} in all."
        )
        self.export_button.setEnabled(bool(shown))

    def export_csv(self) -> Path | None:
        """Ask where to save the people listed, save them, and say so (None if not saved)."""
        first = self.year_first()
        if first is None or not self.model.records:
            return None
        year = year_label(first).replace("/", "-")
        path = choose_save_path(
            self.ctx,
            self,
            "Save the totals as a CSV file",
            "CSV file (*.csv)",
            f"Money by person {year}.csv",
            suffixes=(".csv",),
            what="these totals",
        )
        if path is None:
            return None
        try:
            saved = ops.change(
                self.ctx,
                "audit",
                person_totals_csv,
                self.ctx.actor,
                first,
                path,
                name_search=self.search.text(),
            )
        except KnownError as problem:
            prompts.show_problem(self, "The file was not saved", problem.message)
            return None
        remember_folder(self.ctx, path)
        self.message.setText(f"Saved {self.ctx.terms.count(saved)} to \u201c{path.name}\u201d.")
        self.message.setVisible(True)
        return path
