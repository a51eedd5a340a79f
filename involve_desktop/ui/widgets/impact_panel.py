"""Impact records in a table with Add, Open and Delete: one activity's (the activity editor's
Impact tab) or the whole "You said, we did" list (the screen adds its filters around it).

Each row reads as the story: what people said, what came of it, and whether they were told,
with the date in words. The editor opens window-modal; the list follows `data_changed`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.dates import short_date
from involve_desktop.services.impact import (
    ImpactFilter,
    ImpactSummary,
    delete_impact,
    list_impact,
)
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.widgets.records_model import (
    Column,
    RecordsTableModel,
    records_table,
    size_columns_to,
)
from involve_desktop.ui.widgets.table_selection import select_rows

WATCHED_KINDS = ("activities", "organisation")

SAID = Column[ImpactSummary]("You said", lambda s: s.said, lambda s: s.said)
WE_DID = Column[ImpactSummary](
    "We did", lambda s: s.outcome or "Nothing recorded yet", lambda s: s.outcome
)
TOLD = Column[ImpactSummary]("Told", lambda s: s.told_text)
DATED = Column[ImpactSummary]("Date", lambda s: short_date(s.dated))
CAME_FROM = Column[ImpactSummary]("From", lambda s: s.came_from, lambda s: s.came_from)
RESPONSIBLE = Column[ImpactSummary]("Responsible", lambda s: s.responsible)


def one_line(text: str) -> str:
    return " ".join(text.split())


class ImpactList(QWidget):
    """A table of impact records and the buttons to add, open and delete them.

    `current_filter` says which records to show; `add_activity_id` is the activity a new
    record belongs to (None: feedback from outside an activity).
    """

    selection_changed = Signal()
    refreshed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        columns: Sequence[Column[ImpactSummary]],
        current_filter: Callable[[], ImpactFilter],
        *,
        add_label: str,
        add_activity_id: int | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.current_filter = current_filter
        self.add_activity_id = add_activity_id
        self.editor: QWidget | None = None
        self.model = RecordsTableModel[ImpactSummary](
            [Column(c.header, lambda s, c=c: one_line(c.text(s)), c.tooltip) for c in columns]
        )
        self.table = records_table(self.model, "\u201cYou said, we did\u201d records")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.add_button = QPushButton(add_label)
        self.open_button = QPushButton("&Open")
        self.open_button.setToolTip("Enter, or double-click a row")
        # Not "&Delete": in the activity editor, Alt+D is its "&Details" tab.
        self.delete_button = QPushButton("De&lete\u2026")
        self.buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.delete_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(self.buttons)

        self.add_button.clicked.connect(self.add)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for key in ("Return", "Enter"):
            QShortcut(QKeySequence(key), self.table, activated=self.open_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.delete_selected)
        ctx.events.data_changed.connect(self._data_changed)
        self.refresh()

    def size_columns(self, samples: Sequence[str]) -> None:
        """Columns as wide as their usual contents in the user's own font; the last one,
        "Told", fits a date in words and the rest of the width goes to what was said."""
        size_columns_to(self.table, (*samples, "Told on 30 September 2026"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        said = [column.header for column in self.model.columns].index(SAID.header)
        header.setSectionResizeMode(said, QHeaderView.ResizeMode.Stretch)

    def refresh(self) -> None:
        chosen = self.selected_ids()
        self.model.set_records(ops.query(self.ctx, list_impact, self.current_filter()))
        self.select_ids(chosen)
        self._selection_changed()
        self.refreshed.emit()

    def _data_changed(self, kind: str) -> None:
        if kind in WATCHED_KINDS:
            self.refresh()

    def selected(self) -> list[ImpactSummary]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [record for row in rows if (record := self.model.record_at(row)) is not None]

    def selected_ids(self) -> list[int]:
        return [record.id for record in self.selected()]

    def select_ids(self, impact_ids: list[int]) -> None:
        wanted = set(impact_ids)
        rows = [row for row, record in enumerate(self.model.records) if record.id in wanted]
        select_rows(self.table, rows)

    def select_record(self, impact_id: int) -> None:
        self.select_ids([impact_id])
        for row, record in enumerate(self.model.records):
            if record.id == impact_id:
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self) -> None:
        count = len(self.selected_ids())
        self.open_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count == 1)
        self.selection_changed.emit()

    # --- actions -------------------------------------------------------------------------

    def add(self) -> None:
        self.open_editor(None)

    def open_selected(self) -> None:
        chosen = self.selected_ids()
        if len(chosen) == 1:
            self.open_editor(chosen[0])

    def open_editor(self, impact_id: int | None) -> None:
        from involve_desktop.ui.dialogs.impact_editor import ImpactEditor

        editor = ImpactEditor(
            self.ctx,
            impact_id,
            self.add_activity_id if impact_id is None else None,
            self,
            today=self.today,
        )
        editor.saved.connect(self.select_record)
        editor.finished.connect(lambda _result: editor.deleteLater())
        self.editor = editor
        editor.open()  # window-modal, without a nested event loop

    def delete_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        said = one_line(chosen[0].said)
        shown = said if len(said) <= 80 else said[:77] + "\u2026"
        if prompts.ask_yes_no(
            self,
            "Delete this record?",
            f"Delete the record of \u201c{shown}\u201d and what came of it? This cannot be undone.",
            "Delete",
        ):
            ops.change(self.ctx, "activities", delete_impact, self.ctx.actor, chosen[0].id)


class ImpactPanel(ImpactList):
    """The impact records of one activity, for the activity editor's Impact tab."""

    def __init__(
        self,
        ctx: AppContext,
        activity_id: int,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(
            ctx,
            (SAID, WE_DID, TOLD),
            lambda: ImpactFilter(activity_id=activity_id),
            add_label="&Add \u201cyou said, we did\u201d\u2026",
            add_activity_id=activity_id,
            today=today,
            parent=parent,
        )
        self.activity_id = activity_id
        self.size_columns(("Ask candidates how they would support", "Large-print menus on ev"))
        self.refreshed.connect(self._say_when_empty)
        self._say_when_empty()

    def _say_when_empty(self) -> None:
        count = self.model.rowCount()
        self.empty_label.setText(
            f"Nothing recorded yet. What did {self.ctx.terms.plural} say or recommend, and what "
            "came of it?"
            if count == 0
            else ""
        )
        self.empty_label.setVisible(count == 0)
