"""You said, we did: every impact record, from activities and from outside them.

The list is the evidence that involvement made a difference: what people said, what was
decided and changed, who saw to it, and whether the people involved were told. Filters
find what still needs reporting back; "Mark as told…" records that it was, for several
records at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.dates import NotADate, parse_date, short_date
from involve_desktop.domain.formatting import long_date
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.impact import ImpactFilter, mark_told
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.impact_panel import (
    CAME_FROM,
    DATED,
    RESPONSIBLE,
    SAID,
    TOLD,
    WE_DID,
    ImpactList,
)
from involve_desktop.ui.widgets.year_picker import YearPicker

TITLE = "You said, we did"
CHANGE_CHOICES = (("Any", None), ("Something changed", True), ("Nothing changed yet", False))


class ImpactScreen(Screen):
    can_search = True
    can_create = True

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.today = today or date.today()
        self.title = heading(TITLE)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("How many are listed")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Words from what was said, decided or changed (Ctrl+F)")
        self.search.setAccessibleName("Search the records")
        self.year = YearPicker(self.today, any_year="All years")
        self.year.setAccessibleName("Filter by financial year")
        self.change = QComboBox()
        self.change.setAccessibleName("Filter by whether something changed")
        for text, value in CHANGE_CHOICES:
            self.change.addItem(text, value)
        self.not_told = QCheckBox("&Not yet told")
        self.standalone = QCheckBox("F&rom outside an activity only")
        self.records = ImpactList(
            ctx,
            (DATED, CAME_FROM, SAID, WE_DID, RESPONSIBLE, TOLD),
            self.current_filter,
            add_label="&Add feedback\u2026",
            today=self.today,
        )
        self.records.size_columns(
            (
                "30/11/2026",
                "Interview panel for a support",
                "Ask candidates how they would support someone",
                "The interview pack has the question",
                "Priya Shah",
            )
        )
        self.mark_told_button = QPushButton("Mark as &told\u2026")
        self.records.buttons.insertWidget(3, self.mark_told_button)
        self.message = QLabel()
        self.message.setAccessibleName("What was just done")
        self._lay_out()

        self.search.textChanged.connect(lambda _text: self.refresh())
        self.year.period_changed.connect(self.refresh)
        self.change.currentIndexChanged.connect(lambda _index: self.refresh())
        self.not_told.toggled.connect(lambda _on: self.refresh())
        self.standalone.toggled.connect(lambda _on: self.refresh())
        self.records.selection_changed.connect(self._update_buttons)
        self.records.refreshed.connect(self._show_count)
        self.mark_told_button.clicked.connect(self.mark_selected_told)
        ctx.events.data_changed.connect(self._data_changed)
        self.year.load_year_start(self.ctx)
        self._show_words()
        self.refresh()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        for text, widget in (
            ("&Search:", self.search),
            ("&Year:", self.year),
            ("&Change:", self.change),  # not C&hange: Alt+H is the Help menu
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 2 if widget is self.search else 0)
        checks = QHBoxLayout()
        checks.addWidget(self.not_told)
        checks.addWidget(self.standalone)
        checks.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addLayout(filters)
        layout.addLayout(checks)
        layout.addWidget(self.records, 1)
        layout.addWidget(self.message)

    # --- the list ------------------------------------------------------------------------

    def current_filter(self) -> ImpactFilter:
        # Called by the list while it is built, before every filter exists.
        if not hasattr(self, "standalone"):
            return ImpactFilter()
        return ImpactFilter(
            text=self.search.text(),
            not_told=self.not_told.isChecked(),
            standalone_only=self.standalone.isChecked(),
            change_recorded=self.change.currentData(),
            period=self.year.period(),
        )

    def refresh(self) -> None:
        self.records.refresh()

    def show_not_told(self) -> None:
        """Every record not yet reported back, of any year (Home's job leads here)."""
        self._show(not_told=True, period=None)

    def show_year(self, period: tuple[date, date]) -> None:
        """Every record of one financial year (Home's chart of the year leads here)."""
        self._show(not_told=False, period=period)

    def _show(self, *, not_told: bool, period: tuple[date, date] | None) -> None:
        quiet = (self.search, self.year, self.change, self.not_told, self.standalone)
        for widget in quiet:
            widget.blockSignals(True)
        self.search.clear()
        self.year.choose(period)
        self.change.setCurrentIndex(0)
        self.not_told.setChecked(not_told)
        self.standalone.setChecked(False)
        for widget in quiet:
            widget.blockSignals(False)
        self.refresh()
        self.records.table.setFocus()

    def _show_count(self) -> None:
        shown = self.records.model.rowCount()
        filtered = self.current_filter() != ImpactFilter()
        noun = "record" if shown == 1 else "records"
        self.count_label.setText(f"{shown:,} {noun}{' match' if filtered else ''}")
        self.records.empty_label.setText(
            "No records match these filters."
            if filtered
            else f"Nothing recorded yet. Add what {self.ctx.terms.plural} said at an activity "
            "from the activity; add feedback from anywhere else here."
        )
        self.records.empty_label.setVisible(shown == 0)

    def _update_buttons(self) -> None:
        self.mark_told_button.setEnabled(
            any(not record.told_people for record in self.records.selected())
        )

    def _show_words(self) -> None:
        people = self.ctx.terms.plural
        self.intro.setText(
            f"What {people} said or recommended, what changed because of it, and whether they "
            f"were told. Telling {people} what came of their involvement is what keeps them "
            "involved."
        )
        self.records.add_button.setToolTip(
            f"Feedback from outside an activity (Ctrl+N). Add what {people} said at an "
            "activity from the activity itself."
        )
        self.mark_told_button.setToolTip(f"Record that the {people} involved were told")

    def _data_changed(self, kind: str) -> None:
        if kind == "organisation":  # the year's start or the words for people may be new
            self.year.load_year_start(self.ctx)
            self._show_words()
            self.refresh()

    # --- actions -------------------------------------------------------------------------

    def mark_selected_told(self) -> None:
        chosen = [record.id for record in self.records.selected() if not record.told_people]
        if not chosen:
            return
        answer = prompts.ask_text(
            self,
            "Mark as told",
            f"The day the {self.ctx.terms.plural} involved were told (dd/mm/yyyy):",
            short_date(self.today),
        )
        if answer is None:
            return
        try:
            told_on = parse_date(answer) or self.today
            count = ops.change(
                self.ctx, "activities", mark_told, self.ctx.actor, chosen, told_on, today=self.today
            )
        except NotADate as problem:
            prompts.show_problem(self, "Not marked as told", str(problem))
            return
        except ValidationFailed as problem:
            prompts.show_problem(self, "Not marked as told", " ".join(problem.errors.values()))
            return
        noun = "record" if count == 1 else "records"
        self.message.setText(f"Marked {count} {noun} as told on {long_date(told_on)}.")

    # --- Screen --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def start_new(self) -> None:
        self.records.add()
