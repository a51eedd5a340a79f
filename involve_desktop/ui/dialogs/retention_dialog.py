"""The retention routine on screen: who is past the charity's retention period, what
anonymising or deleting them would remove and keep, and the two actions, each only for the
people ticked and only after a confirmation that says how many and what happens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.roles import Permission, can
from involve_desktop.errors import KnownError
from involve_desktop.services.retention import (
    RetentionPerson,
    RetentionReview,
    anonymise_people,
    delete_people,
    review_retention,
    tidy_up_file,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.progress import run_with_progress
from involve_desktop.ui.widgets.heading import heading

# What stays is short and differs by person; what goes is long, so it wraps in the last column.
DUE_COLUMNS = ("Name", "Last involved", "What stays", "What goes")
HELD_COLUMNS = ("Name", "Last involved", "Why it is held back")
NOT_TIDIED = (
    "The database file could not be tidied up, so traces of what was removed may stay inside "
    "it (they are gone from every screen and report). Free some disk space, then choose "
    "\u201cTidy up the file\u201d."
)


class RetentionDialog(QDialog):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.review: RetentionReview | None = None
        plural = ctx.terms.plural
        self.setWindowTitle(f"{ctx.terms.plural_title} past the retention period")

        self.title = heading(f"{ctx.terms.plural_title} past the retention period")
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.explained = QLabel(
            "Anonymising removes who they were (name, contact details, notes, support needs, "
            "receipts, draft claims, and their full name wherever it is typed in notes, "
            "feedback, action plans and evaluations) and keeps their activities, claims and "
            "level history as counts, so past years' reports stay true. Deleting removes the "
            "same and then the record itself; claims and places in activities stay with no "
            f"{ctx.terms.singular} named. Nothing happens until you tick {plural} and choose.\n"
            "Names are found only written in full (\u201cNia Hughes\u201d, "
            "\u201cNia Hughes's\u201d). A surname on its own, or a name written surname "
            "first (\u201cHughes, Nia\u201d), is not found: please check notes for those "
            "yourself."
        )
        self.explained.setWordWrap(True)

        self.table = QTableWidget(0, len(DUE_COLUMNS))
        self.table.setHorizontalHeaderLabels(DUE_COLUMNS)
        self.table.setAccessibleName(f"{ctx.terms.plural_title} past the retention period")
        self.table.setAccessibleDescription("Tick a row with the space bar to choose it.")
        self._set_up_table(self.table)
        self.table.itemChanged.connect(self._update_buttons)

        self.held_heading = QLabel()
        self.held_heading.setWordWrap(True)
        self.held_table = QTableWidget(0, len(HELD_COLUMNS))
        self.held_table.setHorizontalHeaderLabels(HELD_COLUMNS)
        self.held_table.setAccessibleName("Held back for now, with the reason")
        self._set_up_table(self.held_table)

        self.ticked_label = QLabel()
        self.permission_label = QLabel()
        self.permission_label.setWordWrap(True)
        self.tick_all_button = QPushButton("&Tick all")
        self.tick_all_button.clicked.connect(lambda: self._tick_all(True))
        self.untick_button = QPushButton("Tick &none")
        self.untick_button.clicked.connect(lambda: self._tick_all(False))
        self.anonymise_button = QPushButton("&Anonymise ticked\u2026")
        self.anonymise_button.clicked.connect(self._anonymise)
        self.delete_button = QPushButton("&Delete ticked\u2026")
        self.delete_button.clicked.connect(self._delete)
        # Shown only when the file could not be tidied up after a change (a full disk).
        self.tidy_button = QPushButton("Tidy &up the file")
        self.tidy_button.clicked.connect(self._tidy_up)
        self.tidy_button.setVisible(False)
        self.close_button = QPushButton("&Close")
        self.close_button.clicked.connect(self.accept)

        ticks = QHBoxLayout()
        for button in (self.tick_all_button, self.untick_button):
            ticks.addWidget(button)
        ticks.addWidget(self.ticked_label, 1)
        actions = QHBoxLayout()
        for button in (self.anonymise_button, self.delete_button, self.tidy_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.rule_label, self.explained, self.table):
            layout.addWidget(widget)
        layout.addLayout(ticks)
        for widget in (self.held_heading, self.held_table, self.permission_label):
            layout.addWidget(widget)
        layout.addLayout(actions)
        self.resize(900, 600)

        self.allowed = ctx.actor is not None and can(ctx.actor.role, Permission.DELETE_PEOPLE)
        if not self.allowed:
            self.permission_label.setText(
                "Only an administrator can anonymise or delete records. You can see who is "
                "due; please ask an administrator to choose what happens."
            )
        self.permission_label.setVisible(not self.allowed)
        self.reload()
        self.table.setFocus()

    @staticmethod
    def _set_up_table(table: QTableWidget) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The words columns share what is left and wrap, so no row is cut off at the side.
        for column in range(2, table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_sizes: table.resizeRowsToContents())

    def reload(self) -> None:
        self.review = ops.query(self.ctx, review_retention, self.today)
        review, terms = self.review, self.ctx.terms
        self.rule_label.setText(
            f"{review.rule}. These {terms.plural} were last involved before "
            f"{long_date(review.cutoff)}."
            if review.due or review.held_back
            else f"{review.rule}. Nobody is past that point today."
        )
        self.table.blockSignals(True)
        try:
            self._fill(self.table, review.due, checkable=True)
        finally:
            self.table.blockSignals(False)
        self._fill(self.held_table, review.held_back, checkable=False)
        held = len(review.held_back)
        self.held_heading.setText(
            f"Held back for now: {terms.count(held)} past the period with a claim still "
            "open. They can be removed once it is paid or rejected."
            if held
            else ""
        )
        self.held_heading.setVisible(bool(held))
        self.held_table.setVisible(bool(held))
        self._update_buttons()

    def _fill(self, table: QTableWidget, people: tuple[RetentionPerson, ...], *, checkable: bool):
        table.setRowCount(len(people))
        for row, person in enumerate(people):
            name = QTableWidgetItem(person.name)
            name.setData(Qt.ItemDataRole.UserRole, person.person_id)
            if checkable:
                name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                name.setCheckState(Qt.CheckState.Unchecked)  # nothing chosen for anyone
            last_cells = (person.kept, person.removed) if checkable else (person.held_back,)
            cells = (name, QTableWidgetItem(long_date(person.last_involved)))
            cells += tuple(QTableWidgetItem(text) for text in last_cells)
            for item in cells[2:]:
                item.setToolTip(item.text())
            for column, item in enumerate(cells):
                table.setItem(row, column, item)
        table.resizeRowsToContents()

    def ticked_ids(self) -> list[int]:
        ids = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return ids

    def _tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self.table.blockSignals(True)
        try:
            for row in range(self.table.rowCount()):
                self.table.item(row, 0).setCheckState(state)
        finally:
            self.table.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        ticked = len(self.ticked_ids())
        rows = self.table.rowCount()
        self.ticked_label.setText(f"{ticked:,} of {rows:,} ticked" if rows else "")
        self.tick_all_button.setEnabled(rows > 0)
        self.untick_button.setEnabled(ticked > 0)
        for button in (self.anonymise_button, self.delete_button):
            button.setEnabled(self.allowed and ticked > 0)

    def _anonymise(self) -> None:
        count = self.ctx.terms.count(len(self.ticked_ids()))
        self._act(
            "Anonymise records",
            f"Anonymise {count}? Their names, contact details, notes, support needs, "
            "receipts and draft claims are removed for good and cannot be brought back, and "
            "so is their full name wherever it is typed. Their activities, claims and level "
            "history stay as counts, so past years' reports do not change.",
            "Anonymise",
            anonymise_people,
            f"Anonymising {count}\u2026",
            "anonymised",
        )

    def _delete(self) -> None:
        count = self.ctx.terms.count(len(self.ticked_ids()))
        self._act(
            "Delete records",
            f"Delete {count}? Their records and everything only theirs are removed for good "
            "and cannot be brought back: their draft claims, their receipts, what their "
            "claims said, and their full name wherever it is typed. The amounts and dates of "
            "their claims and their places in activities stay, with no "
            f"{self.ctx.terms.singular} named, so budgets and past years still add up.",
            "Delete",
            delete_people,
            f"Deleting {count}\u2026",
            "deleted",
        )

    def _act(
        self,
        title: str,
        question: str,
        yes_text: str,
        service: Callable[..., int],
        busy: str,
        done_word: str,
    ) -> None:
        ids = self.ticked_ids()
        if not ids or not prompts.ask_yes_no(self, title, question, yes_text):
            return
        try:
            done = run_with_progress(
                self,
                title,
                busy,
                lambda: ops.change(self.ctx, "people", service, self.ctx.actor, ids, self.today),
                still=f"{self.ctx.terms.plural_title} are still being {done_word}.",
            )
        except KnownError as problem:
            prompts.show_problem(self, f"Nothing was {done_word}", problem.message)
            self.reload()
            return
        message = f"{self.ctx.terms.count(done.count)} {done_word}."
        if done.count < len(ids):
            message += (
                f" {self.ctx.terms.count(len(ids) - done.count)} had changed since the list "
                "was shown (involved again, or a claim opened) and were left as they are."
            )
        if not done.tidied:
            message += " " + NOT_TIDIED
        self.tidy_button.setVisible(not done.tidied)
        prompts.show_message(self, title, message)
        self.reload()

    def _tidy_up(self) -> None:
        done = run_with_progress(
            self,
            "Tidy up the file",
            "Tidying up the database file\u2026",
            lambda: ops.change(self.ctx, "people", tidy_up_file, self.ctx.actor),
            still="The database file is still being tidied up.",
        )
        self.tidy_button.setVisible(not done.tidied)
        prompts.show_message(
            self,
            "Tidy up the file",
            "The database file is tidied up: nothing removed is left in it."
            if done.tidied
            else NOT_TIDIED,
        )
