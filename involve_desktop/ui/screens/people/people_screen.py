"""People: the register, found in a keystroke, with everything a person's record needs.

The list is a view over SQL (see people_table.py); the editor is `PersonEditor`. The last
change can be undone from the bar under the list.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.people import OptionKind
from involve_desktop.domain.roles import Permission, can
from involve_desktop.services.people_list import PeopleFilter, PersonRow, matching_ids, rows_for
from involve_desktop.services.person_lists import list_options
from involve_desktop.ui import ops
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.screens.people.people_changes import PeopleChanges
from involve_desktop.ui.screens.people.people_filters import PeopleFilterBar
from involve_desktop.ui.screens.people.people_table import PeopleTableModel
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.records_model import records_table, size_columns_to
from involve_desktop.ui.widgets.table_selection import select_rows, table_key

# Typical values, so the columns fit their usual contents in the user's own font size.
COLUMN_SAMPLES = (
    "Chidera Okafor-Smith",
    "Preferred name",
    "Campaigner, Carer",
    "Collaborating",
    "Not at the moment",
    "24/02/2024 (overdue)",
)
# Attendance changes who was involved lately, so activities are watched too.
WATCHED_KINDS = ("people", "organisation", "activities")


class PeopleScreen(Screen):
    can_search = True
    can_create = True

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.fixed_today = today  # tests fix the day; an editor otherwise reads the clock
        self.today = today or date.today()
        terms = ctx.terms
        self.title = heading(terms.plural.capitalize())
        self.filters = PeopleFilterBar(terms)
        self.model = PeopleTableModel(self._fetch_rows, self.today)
        self.table = records_table(self.model, f"{terms.plural.capitalize()} on the register")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        size_columns_to(self.table, COLUMN_SAMPLES)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("How many are listed")

        self.add_button = QPushButton(f"&Add {terms.singular}")
        self.add_button.setToolTip("Ctrl+N")
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Enter, or double-click a row")
        self.archive_button = QPushButton("Ar&chive")
        self.delete_button = QPushButton("&Delete\u2026")
        self.merge_button = QPushButton("&Merge two\u2026")
        self.merge_button.setToolTip("Select the two records that are the same person")
        self.import_button = QPushButton("&Import\u2026")
        self.export_button = QPushButton("E&xport list\u2026")
        may_delete = ctx.actor is not None and can(ctx.actor.role, Permission.DELETE_PEOPLE)
        self.delete_button.setVisible(may_delete)
        self.merge_button.setVisible(may_delete)
        actions = QHBoxLayout()
        for button in (
            self.add_button,
            self.open_button,
            self.archive_button,
            self.delete_button,
            self.merge_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)

        self.changes = PeopleChanges(self)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.changes.bar)
        layout.addLayout(actions)

        self.filters.filter_changed.connect(self.refresh)
        self.model.sort_requested.connect(self._sort)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for key in ("Return", "Enter"):
            table_key(key, self.table, self.open_selected)
        if may_delete:
            table_key(QKeySequence.StandardKey.Delete, self.table, self.changes.delete_selected)
        self.add_button.clicked.connect(self.start_new)
        self.open_button.clicked.connect(self.open_selected)
        self.archive_button.clicked.connect(self.changes.toggle_archive)
        self.delete_button.clicked.connect(self.changes.delete_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.import_button.clicked.connect(self.import_people)
        self.export_button.clicked.connect(self.export_list)
        ctx.events.data_changed.connect(self._data_changed)
        self._load_options()
        self.refresh()

    # --- the list ------------------------------------------------------------------------

    def _fetch_rows(self, person_ids: list[int]) -> list[PersonRow]:
        return ops.query(self.ctx, rows_for, person_ids)

    def _load_options(self) -> None:
        self.filters.set_options(
            ops.query(self.ctx, list_options, OptionKind.ROLE),
            ops.query(self.ctx, list_options, OptionKind.INTEREST),
        )

    def refresh(self) -> None:
        """Ask the database again which people match, keeping the selection where possible."""
        chosen = self.selected_ids()
        ids = ops.query(self.ctx, matching_ids, self.filters.current(), today=self.today)
        self.model.set_ids(ids)
        self._select(chosen)
        self._show_count()
        self._update_buttons()

    def show_filter(self, chosen: PeopleFilter) -> None:
        """Show exactly the people this filter picks (Home's "consent to review", say),
        with the filters above the list set to match, so the user sees why."""
        bar = self.filters
        boxes = (
            (bar.role, chosen.role),
            (bar.interest, chosen.interest),
            (bar.level, chosen.level.value if chosen.level else ""),
            (bar.taking_part, chosen.taking_part.value if chosen.taking_part else ""),
        )
        checks = (
            (bar.consent_due, chosen.consent_review_due),
            (bar.not_involved, chosen.not_involved_for_a_year),
            (bar.archived, chosen.archived),
        )
        quiet = (bar.search, *(box for box, _ in boxes), *(check for check, _ in checks))
        for widget in quiet:
            widget.blockSignals(True)
        bar.search.setText(chosen.text)
        for box, value in boxes:
            box.setCurrentIndex(max(box.findData(value), 0))
        for check, on in checks:
            check.setChecked(on)
        for widget in quiet:
            widget.blockSignals(False)
        bar.typing_timer.stop()
        bar.sort, bar.descending = chosen.sort, chosen.descending
        self.refresh()
        self.table.setFocus()

    def _sort(self, column: object, descending: bool) -> None:
        self.filters.sort = column  # type: ignore[assignment]
        self.filters.descending = descending
        self.refresh()

    def _show_count(self) -> None:
        terms = self.ctx.terms
        shown = len(self.model.ids)
        if self.filters.archived.isChecked():
            text = f"{terms.count(shown)} in the archive"
        elif self.filters.is_filtered():
            text = f"{terms.count(shown)} match"
        else:
            text = f"{terms.count(shown)} on the register"
        self.count_label.setText(text)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.ids[row] for row in rows if row < len(self.model.ids)]

    def _select(self, person_ids: list[int]) -> None:
        select_rows(self.table, [row for row in map(self.model.row_of, person_ids) if row >= 0])

    def select_person(self, person_id: int) -> None:
        self._select([person_id])

    def _update_buttons(self) -> None:
        count = len(self.selected_ids())
        self.open_button.setEnabled(count == 1)
        self.archive_button.setEnabled(count >= 1)
        self.archive_button.setText(
            "Bring &back" if self.filters.archived.isChecked() else "Ar&chive"
        )
        self.delete_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count == 2)

    def _data_changed(self, kind: str) -> None:
        if kind not in WATCHED_KINDS:
            return
        if kind == "people":
            # Any change, this screen's own included, ends the undo offer; this screen
            # offers a new one after its own changes.
            self.changes.forget_undo()
        if kind == "organisation":
            self.title.setText(self.ctx.terms.plural.capitalize())
        self._load_options()
        self.refresh()

    # --- Screen --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def start_new(self) -> None:
        self.open_editor(None)

    def open_selected(self) -> None:
        chosen = self.selected_ids()
        if len(chosen) == 1:
            self.open_editor(chosen[0])

    def open_editor(self, person_id: int | None) -> None:
        from involve_desktop.ui.dialogs.person_editor import PersonEditor

        editor = PersonEditor(self.ctx, person_id, self, today=self.fixed_today)
        editor.saved.connect(self.changes.person_saved)
        editor.open_instead.connect(self._open_instead)
        editor.finished.connect(lambda _result: editor.deleteLater())
        self.editor = editor
        editor.open()  # window-modal, without a nested event loop

    def _open_instead(self, person_id: int) -> None:
        if self.model.row_of(person_id) < 0:
            self.filters.clear()
        self.select_person(person_id)
        self.open_editor(person_id)

    def merge_selected(self) -> None:
        from involve_desktop.ui.dialogs.merge_people_dialog import MergePeopleDialog

        chosen = self.selected_ids()
        if len(chosen) == 2:
            self.merge_dialog = MergePeopleDialog(self.ctx, chosen[0], chosen[1], self)
            self.merge_dialog.open()

    def import_people(self) -> None:
        from involve_desktop.ui.dialogs.import_people_wizard import ImportPeopleWizard

        self.import_wizard = ImportPeopleWizard(self.ctx, self)
        self.import_wizard.open()

    def export_list(self) -> None:
        from involve_desktop.ui.dialogs.export_people import export_people_list

        saved = export_people_list(self.ctx, self, self.filters.current())
        if saved is not None:
            self.changes.say(f"Saved the list as {saved.name}.")
