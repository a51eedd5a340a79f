"""The status tabs, search box and filters above the Claims table.

Each status tab says how many claims it holds under the other filters ("Submitted (12)"),
so an approver sees at a glance what is waiting. The person filter is chosen with the
register's own finder, because a charity may have thousands of people. Every choice is
kept while the user moves around the app, because the screen is kept.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.services.claim_list import ClaimFilter, ClaimOrder, StatusCounts
from involve_desktop.ui.widgets.date_field import DateField
from involve_desktop.ui.widgets.people_finder import PeopleFinder
from involve_desktop.ui.widgets.typing_pause import after_typing

ANYONE = "Anyone\u2026"
# The tabs in the order a claim moves through them; None is every claim.
STATUS_TABS: tuple[ClaimStatus | None, ...] = (None, *ClaimStatus)


def tab_title(status: ClaimStatus | None, count: int) -> str:
    return f"{status.label if status else 'All'} ({count:,})"


class ClaimantFinder(PeopleFinder):
    """The register's finder, its hints worded for choosing whose claims to show."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, choosing="show their claims")


class ChoosePersonDialog(QDialog):
    """'Show the claims of…': find one person and pick them with Enter or a double-click."""

    chosen = Signal(int, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Show the claims of\u2026")
        self.finder = ClaimantFinder(ctx)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.finder, 1)
        layout.addWidget(buttons)
        self.finder.chosen.connect(self._chosen)
        self.resize(self.fontMetrics().averageCharWidth() * 60, self.sizeHint().height())

    def _chosen(self, person_id: int, name: str) -> None:
        self.chosen.emit(person_id, name)
        self.accept()


class ClaimFilterBar(QWidget):
    filter_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order = ClaimOrder()
        self.person: tuple[int, str] | None = None
        self.status_tabs = QTabBar()
        self.status_tabs.setAccessibleName("Claims by status")
        self.status_tabs.setExpanding(False)
        self.status_tabs.setDocumentMode(True)
        for status in STATUS_TABS:
            index = self.status_tabs.addTab(tab_title(status, 0))
            self.status_tabs.setTabData(index, status.value if status else "")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Type a name or a claim number (Ctrl+F)")
        self.search.setAccessibleName("Search claims by name or number")
        self.person_button = QPushButton(ANYONE)
        self.person_button.setAccessibleName("Show the claims of one person")
        self.person_button.setToolTip("Choose one person whose claims to show")
        self.clear_person_button = QToolButton()
        self.clear_person_button.setText("\u2715")
        self.clear_person_button.setAccessibleName("Show everyone's claims")
        self.clear_person_button.setToolTip("Show everyone's claims")
        self.clear_person_button.setVisible(False)
        self.work_from = DateField()
        self.work_from.setAccessibleName("Work done on or after")
        self.work_to = DateField()
        self.work_to.setAccessibleName("Work done on or before")
        self.budget = QComboBox()
        self.budget.setAccessibleName("Filter by budget")
        self.budget.addItem("Any budget", None)
        self.clear_button = QPushButton("C&lear filters")
        self.date_problem = QLabel()
        self.date_problem.setWordWrap(True)
        self.date_problem.setAccessibleName("Problem with the dates")
        self.date_problem.setVisible(False)
        self._lay_out()

        self.typing_timer = after_typing(self.search, self.filter_changed.emit)
        self.search.returnPressed.connect(self.apply_typing_now)
        self.status_tabs.currentChanged.connect(lambda _index: self.filter_changed.emit())
        self.person_button.clicked.connect(self.choose_person)
        self.clear_person_button.clicked.connect(lambda: self.show_person(None))
        for field in (self.work_from, self.work_to):
            field.editingFinished.connect(self._dates_changed)
        self.budget.currentIndexChanged.connect(lambda _index: self.filter_changed.emit())
        self.clear_button.clicked.connect(lambda: self.clear())

    def _lay_out(self) -> None:
        person = QHBoxLayout()
        person.setSpacing(2)
        person.addWidget(self.person_button, 1)
        person.addWidget(self.clear_person_button)
        dates = QHBoxLayout()
        dates.addWidget(self.work_from, 1)
        and_label = QLabel("an&d")
        and_label.setBuddy(self.work_to)
        dates.addWidget(and_label)
        dates.addWidget(self.work_to, 1)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        search = QHBoxLayout()
        search.addWidget(self.search)
        budget = QHBoxLayout()
        budget.addWidget(self.budget)
        for text, fields, buddy, row, column in (
            ("&Search:", search, self.search, 0, 0),
            ("&Person:", person, self.person_button, 0, 2),
            ("&Worked between:", dates, self.work_from, 1, 0),
            ("&Budget:", budget, self.budget, 1, 2),
        ):
            label = QLabel(text)
            label.setBuddy(buddy)
            grid.addWidget(label, row, column)
            grid.addLayout(fields, row, column + 1)
        grid.addWidget(self.clear_button, 1, 4)
        grid.addWidget(self.date_problem, 2, 0, 1, 5)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.status_tabs)
        column.addLayout(grid)

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.status_tabs, self.search, self.work_from, self.work_to, self.budget)

    def set_budgets(self, budgets: list[tuple[str, int]]) -> None:
        """Refill the budget list (label, id), keeping what was chosen."""
        keep = self.budget.currentData()
        self.budget.blockSignals(True)
        self.budget.clear()
        self.budget.addItem("Any budget", None)
        for label, budget_id in budgets:
            self.budget.addItem(label, budget_id)
        self.budget.setCurrentIndex(max(self.budget.findData(keep), 0) if keep else 0)
        self.budget.blockSignals(False)

    def set_counts(self, counts: StatusCounts) -> None:
        for index, status in enumerate(STATUS_TABS):
            self.status_tabs.setTabText(index, tab_title(status, counts.of(status)))

    def status(self) -> ClaimStatus | None:
        value = self.status_tabs.tabData(self.status_tabs.currentIndex())
        return ClaimStatus(value) if value else None

    def show_status(self, status: ClaimStatus | None) -> None:
        self.status_tabs.setCurrentIndex(STATUS_TABS.index(status))

    def current(self) -> ClaimFilter:
        return ClaimFilter(
            status=self.status(),
            words=self.search.text(),
            person_id=self.person[0] if self.person else None,
            work_from=_date_or_none(self.work_from),
            work_to=_date_or_none(self.work_to),
            budget_id=self.budget.currentData(),
        )

    def is_filtered(self) -> bool:
        """Whether anything but the status tab narrows the list."""
        shown = self.current()
        return replace(shown, status=None, words=shown.words.strip()) != ClaimFilter()

    def apply_typing_now(self) -> None:
        if self.typing_timer.isActive():
            self.typing_timer.stop()
            self.filter_changed.emit()

    def choose_person(self) -> None:
        self.person_dialog = ChoosePersonDialog(self.ctx, self)
        self.person_dialog.chosen.connect(self.show_person)
        self.person_dialog.open()

    def show_person(self, person_id: int | None, name: str = "") -> None:
        """Show only this person's claims (None: everyone's)."""
        self.person = (person_id, name) if person_id is not None else None
        self.person_button.setText(name if self.person else ANYONE)
        self.person_button.setAccessibleName(
            f"Showing the claims of {name}" if self.person else "Show the claims of one person"
        )
        self.clear_person_button.setVisible(self.person is not None)
        self.filter_changed.emit()

    def clear(self, *, every_status: bool = False) -> None:
        """Take off every filter; with `every_status`, show the All tab too."""
        for widget in self.widgets:
            widget.blockSignals(True)
        self.search.clear()
        self.work_from.clear()
        self.work_to.clear()
        self.budget.setCurrentIndex(0)
        if every_status:
            self.status_tabs.setCurrentIndex(0)
        for widget in self.widgets:
            widget.blockSignals(False)
        self.typing_timer.stop()
        self.person = None
        self.person_button.setText(ANYONE)
        self.person_button.setAccessibleName("Show the claims of one person")
        self.clear_person_button.setVisible(False)
        self._show_date_problem()
        self.filter_changed.emit()

    def _dates_changed(self) -> None:
        self._show_date_problem()
        self.filter_changed.emit()

    def _show_date_problem(self) -> None:
        problem = self.work_from.problem() or self.work_to.problem()
        first, last = _date_or_none(self.work_from), _date_or_none(self.work_to)
        if not problem and first and last and first > last:
            problem = "The first date is after the second, so no claim can be between them."
        self.date_problem.setText(f"\u26a0 {problem}" if problem else "")
        self.date_problem.setVisible(bool(problem))


def _date_or_none(field: DateField) -> date | None:
    """The date typed, or None when it is empty or cannot be read (the problem is shown)."""
    return None if field.problem() else field.date()
