"""Activities: every involvement activity, coming and past, with its purpose, the power it
shares, who took part and what changed because of it.

The list is a view over SQL (activities_table.py); the editor is `ActivityEditor`. The
practice prompts at the top ("no attendance recorded", "impact overdue") put their own
filter on the list when clicked. The default list is everything, newest date first: the
coming weeks and the recent past sit together at the top, and nothing is hidden by default.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.activities import ActivityList
from involve_desktop.domain.dates import short_date
from involve_desktop.domain.financial_year import DEFAULT_YEAR_START
from involve_desktop.services.activities import activity_options, delete_activity, load_activity
from involve_desktop.services.activity_list import (
    ActivityFilter,
    ActivityRow,
    activity_rows,
    matching_activity_ids,
)
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.staff import list_staff
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.screens.activities.activities_filters import (
    ActivityFilterBar,
    financial_years,
)
from involve_desktop.ui.screens.activities.activities_table import ActivitiesTableModel
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.records_model import records_table, size_columns_to
from involve_desktop.ui.widgets.table_selection import table_key

WATCHED_KINDS = ("activities", "people", "organisation")
COLUMN_SAMPLES = (
    "30/12/2026",
    "Young people's steering group, spring",
    "Co-design workshop",
    "Recruitment and selection",
    "\u25cf\u25cf\u25cf\u25cb We decide together",
    "Priya Shah",
    "None listed",
)


class ActivitiesScreen(Screen):
    can_search = True
    can_create = True

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        from involve_desktop.ui.screens.activities.practice_prompts import PracticePrompts

        self.today = today or date.today()
        self.title = heading("Activities")
        self.prompts = PracticePrompts(ctx, today=self.today)
        self.filters = ActivityFilterBar()
        self.model = ActivitiesTableModel(self._fetch_rows, self.today, ctx.terms)
        self.table = self._make_table()
        self.count_label = QLabel()
        self.count_label.setAccessibleName("How many are listed")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What was just done")

        self.add_button = QPushButton("&Add activity")
        self.add_button.setToolTip("Ctrl+N")
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Enter, or double-click a row")
        self.delete_button = QPushButton("&Delete\u2026")
        # Mnemonics stay clear of the main window's menus (File, Edit, Go, Help) and of each
        # other: a test collects them.
        self.find_button = QPushButton(f"F&ind {ctx.terms.plural}\u2026")
        self.claims_button = QPushButton("&Make claims\u2026")
        actions = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.claims_button)
        actions.addWidget(self.find_button)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.prompts)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)

        self.prompts.filter_requested.connect(self.show_filter)
        self.filters.filter_changed.connect(self.refresh)
        self.model.sort_requested.connect(self._sort)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for key in ("Return", "Enter"):
            table_key(key, self.table, self.open_selected)
        table_key(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        self.add_button.clicked.connect(self.start_new)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.find_button.clicked.connect(self.find_people)
        self.claims_button.clicked.connect(self.make_claims)
        ctx.events.data_changed.connect(self._data_changed)
        self._load_options()
        self.refresh()

    def _make_table(self) -> QTableView:
        table = records_table(self.model, "Activities")
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSortingEnabled(True)
        size_columns_to(table, COLUMN_SAMPLES)  # their usual contents, in the user's font
        return table

    # --- the list ------------------------------------------------------------------------

    def _fetch_rows(self, activity_ids: list[int]) -> list[ActivityRow]:
        return ops.query(self.ctx, activity_rows, activity_ids)

    def _load_options(self) -> None:
        organisation = ops.query(self.ctx, load_organisation)
        start = organisation.year_start if organisation else DEFAULT_YEAR_START
        self.filters.set_options(
            ops.query(self.ctx, activity_options, ActivityList.KIND),
            ops.query(self.ctx, activity_options, ActivityList.AREA),
            financial_years(self.today, start),
            ops.query(self.ctx, list_staff),
        )

    def refresh(self) -> None:
        """Ask the database again which activities match, keeping the selection."""
        chosen = self.selected_id()
        ids = ops.query(self.ctx, matching_activity_ids, self.filters.current(), today=self.today)
        self.model.set_ids(ids)
        self._show_sort()
        if chosen is not None:
            self.select_activity(chosen)
        self._show_count()
        self._update_buttons()

    def show_filter(self, chosen: ActivityFilter) -> None:
        """Put a filter on the list (a practice prompt's), saying what it shows."""
        self.filters.show_filter(chosen)
        self.table.setFocus()

    def _sort(self, column: object, descending: bool) -> None:
        self.filters.sort = column  # type: ignore[assignment]
        self.filters.descending = descending
        self.refresh()

    def _show_sort(self) -> None:
        columns = {sort: column for column, sort in self.model.SORT_COLUMNS.items()}
        order = (
            Qt.SortOrder.DescendingOrder if self.filters.descending else Qt.SortOrder.AscendingOrder
        )
        self.model.show_sort(self.table.horizontalHeader(), columns[self.filters.sort], order)

    def _show_count(self) -> None:
        shown = len(self.model.ids)
        noun = "activity" if shown == 1 else "activities"
        if self.filters.is_filtered():
            self.count_label.setText(f"{shown:,} {noun} match")
        else:
            self.count_label.setText(f"{shown:,} {noun}")

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1 or rows[0].row() >= len(self.model.ids):
            return None
        return self.model.ids[rows[0].row()]

    def select_activity(self, activity_id: int) -> None:
        row = self.model.row_of(activity_id)
        selection = self.table.selectionModel()
        selection.clearSelection()
        if row < 0:
            return
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.setCurrentIndex(self.model.index(row, 0), flags)
        self.table.scrollTo(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        chosen = self.selected_id()
        for button in (self.open_button, self.delete_button):
            button.setEnabled(chosen is not None)
        row = self.model.row_at(self.model.row_of(chosen)) if chosen is not None else None
        happened = row is not None and row.held_on < self.today
        self.find_button.setEnabled(row is not None and not happened)
        self.find_button.setToolTip(
            "This activity has happened; record who took part in the activity instead"
            if happened
            else f"Find {self.ctx.terms.plural} to invite to the selected activity"
        )
        self._update_claims_button(chosen, row)

    def _update_claims_button(self, chosen: int | None, row: ActivityRow | None) -> None:
        """Claims are made from attendance once a paid activity has taken place (that day
        included: people are often paid at the end of it)."""
        held = row is not None and row.held_on <= self.today
        paid = held and chosen is not None and ops.query(self.ctx, load_activity, chosen).paid
        self.claims_button.setEnabled(paid)
        self.claims_button.setToolTip(
            "Draft claims for the people who attended, with a fee at the policy's rate"
            if paid
            else "For a paid activity that has taken place (\u201cPeople are paid for their "
            "time\u201d in the activity's details)"
        )

    def _data_changed(self, kind: str) -> None:
        if kind not in WATCHED_KINDS:
            return
        self._load_options()
        self.refresh()  # the practice prompts refresh themselves

    # --- Screen --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def start_new(self) -> None:
        self.open_editor(None)

    def open_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.open_editor(chosen)

    def open_editor(self, activity_id: int | None) -> None:
        from involve_desktop.ui.dialogs.activity_editor import ActivityEditor

        editor = ActivityEditor(self.ctx, activity_id, self, today=self.today)
        editor.saved.connect(self._saved)
        editor.finished.connect(lambda _result: editor.deleteLater())
        self.editor = editor
        editor.open()  # window-modal, without a nested event loop

    def _saved(self, activity_id: int) -> None:
        if self.model.row_of(activity_id) < 0:
            self.filters.clear()  # a new activity the filters hide is shown, not lost
        self.select_activity(activity_id)
        row = self.model.row_at(self.model.row_of(activity_id))
        if row is not None:
            self.message.setText(f"Saved \u201c{row.title}\u201d ({short_date(row.held_on)}).")

    def delete_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is None:
            return
        row = self.model.row_at(self.model.row_of(chosen))
        if row is None:
            return
        what = f"\u201c{row.title}\u201d ({short_date(row.held_on)})"
        if not prompts.ask_yes_no(self, "Delete activity", self._delete_question(row), "Delete"):
            return
        ops.change(
            self.ctx, "activities", delete_activity, self.ctx.actor, chosen, today=self.today
        )
        self.message.setText(f"Deleted {what}.")

    def _delete_question(self, row: ActivityRow) -> str:
        terms = self.ctx.terms
        going = (
            f"Its attendance goes with it: {terms.count(row.invited)} listed, "
            f"{row.attended} marked as attended. Their \u201clast involved\u201d dates are "
            "worked out again without it."
            if row.invited
            else "Nobody is listed for it."
        )
        kept = {
            0: "",
            1: " Its impact record stays, as feedback on its own.",
        }.get(
            row.impact_records,
            f" Its {row.impact_records} impact records stay, as feedback on their own.",
        )
        return (
            f"Delete \u201c{row.title}\u201d ({short_date(row.held_on)}) for good?\n\n"
            f"{going}{kept}\n\nThis cannot be undone."
        )

    def make_claims(self) -> None:
        from involve_desktop.ui.dialogs.claims_from_activity_dialog import (
            ClaimsFromActivityDialog,
        )

        chosen = self.selected_id()
        if chosen is None or not self.claims_button.isEnabled():
            return
        row = self.model.row_at(self.model.row_of(chosen))
        title = f"\u201c{row.title}\u201d" if row is not None else "the activity"
        dialog = ClaimsFromActivityDialog(self.ctx, chosen, self)
        dialog.made.connect(
            lambda made: self.message.setText(
                f"Made {len(made)} draft claim{'' if len(made) == 1 else 's'} for {title}: "
                "they are in Claims, to check and submit."
            )
        )
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.claims_dialog = dialog
        dialog.open()

    def find_people(self) -> None:
        from involve_desktop.ui.dialogs.find_people_dialog import FindPeopleDialog

        chosen = self.selected_id()
        if chosen is not None and self.find_button.isEnabled():
            self.find_dialog = FindPeopleDialog(self.ctx, chosen, self)
            self.find_dialog.open()
