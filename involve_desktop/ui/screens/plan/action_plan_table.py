"""The action plan's table: one row per item, overdue and moved said in words (a moved row
is also bold, never colour alone), the whole action and how in the row's tooltip.

What a person looks for first comes first (the action, its status, when it is due, its area
and who leads it), so those stay in sight in a narrow window or with large text; the action
takes the spare width and is cut short with "…" rather than pushing the rest away."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from involve_desktop.domain.dates import short_date
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.learning_cycle import ItemStatus
from involve_desktop.services.action_plan_rows import PlanRow, first_line
from involve_desktop.ui.widgets.records_model import Column, Index, RecordsTableModel

OVERDUE = "Overdue"
MOVED = "Moved"
# Typical values of the columns after the action; longer ones are cut short with "…" and
# read whole in the cell's tooltip.
COLUMN_SAMPLES = (
    "In progress \u00b7 Moved",
    "\u26a0 Overdue 30/11/2026",
    "Structure",
    "Priya Shah",
    "Amira Khan, Sam Jones",
    "Implementation",
    "30/11/2026: Met the panel, they chose",
)
KEY_COLUMNS = 5  # the action, its status, due date, area and lead: kept in sight first
ACTION_CHARACTERS = 40  # the action's width when the key columns still fit beside it
FEWEST_ACTION_CHARACTERS = 16  # never narrower than this, however small the window


def action_text(row: PlanRow) -> str:
    return first_line(row.action)


def action_cell(row: PlanRow) -> str:
    evaluation = f" (from the {row.from_evaluation} evaluation)" if row.from_evaluation else ""
    return action_text(row) + evaluation


def action_tooltip(row: PlanRow) -> str:
    parts = [row.action]
    if row.how:
        parts.append(f"How: {row.how}")
    if row.place:
        parts.append(f"Where: {row.place}")
    if row.from_evaluation:
        parts.append(f"Raised by the {row.from_evaluation} evaluation.")
    return "\n".join(parts)


def due_text(row: PlanRow) -> str:
    if row.overdue:
        return f"\u26a0 {OVERDUE} {short_date(row.due_on)}"
    return short_date(row.due_on)


def due_tooltip(row: PlanRow) -> str:
    if row.due_on is None:
        return "No due date"
    if row.overdue:
        return f"Was due on {long_date(row.due_on)} and is not done yet"
    return f"Due on {long_date(row.due_on)}"


def status_text(row: PlanRow) -> str:
    """'In progress · Moved'; the day a done action was done is in the tooltip, which keeps
    the column narrow enough for the word Moved to stay in sight."""
    return f"{row.status.label} \u00b7 {MOVED}" if row.moved else row.status.label


def status_tooltip(row: PlanRow) -> str:
    moved = "It moved since you last looked. " if row.moved else ""
    if row.status is ItemStatus.DONE and row.done_on is not None:
        return f"{moved}Done on {long_date(row.done_on)}"
    return moved.strip()


def progress_text(row: PlanRow) -> str:
    if row.last_progress_on is None:
        return ""
    return f"{short_date(row.last_progress_on)}: {row.last_progress}"


def lead_text(row: PlanRow) -> str:
    return row.lead or "Nobody yet"


COLUMNS = (
    Column[PlanRow]("Action", action_cell, action_tooltip),
    Column[PlanRow]("Status", status_text, status_tooltip),
    Column[PlanRow]("Due", due_text, due_tooltip),
    Column[PlanRow]("Area", lambda row: row.area.label, lambda row: row.area.meaning),
    Column[PlanRow]("Lead", lead_text, lead_text),
    Column[PlanRow]("With", lambda row: row.with_whom, lambda row: row.with_whom),
    Column[PlanRow]("Stage", lambda row: row.stage.label),
    Column[PlanRow]("Last progress", progress_text, progress_text),
)


class PlanColumnSizer(QObject):
    """The other columns as wide as their typical values in bold (a moved row is bold); the
    action's column takes what the window leaves. When not everything fits, the action
    gives up width (down to FEWEST_ACTION_CHARACTERS) so the key columns stay in sight, and
    the rest are reached by scrolling. The user may still drag any column wider."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.fit_to_font()
        table.viewport().installEventFilter(self)

    def fit_to_font(self) -> None:
        bold = QFont(self.table.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        header = self.table.horizontalHeader()
        for column, sample in enumerate(COLUMN_SAMPLES, start=1):
            title = COLUMNS[column].header
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            header.resizeSection(column, width + metrics.averageCharWidth() + 8)
        self.fit_action()

    def fit_action(self) -> None:
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        others = sum(header.sectionSize(column) for column in range(1, header.count()))
        key = sum(header.sectionSize(column) for column in range(1, KEY_COLUMNS))
        character = self.table.fontMetrics().averageCharWidth()
        width = room - others
        if width < character * ACTION_CHARACTERS:
            width = min(character * ACTION_CHARACTERS, room - key)
        header.resizeSection(0, max(character * FEWEST_ACTION_CHARACTERS, width))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_action()
        return False


def size_plan_columns(table: QTableView) -> PlanColumnSizer:
    """Size the plan's columns now and whenever the table is resized."""
    return PlanColumnSizer(table)


class PlanTableModel(RecordsTableModel[PlanRow]):
    """A row that moved since the last look is bold, as well as saying so."""

    def __init__(self) -> None:
        super().__init__(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.record_at(index.row()) if index.isValid() else None
        if row is not None and row.moved and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def row_of(self, item_id: int) -> int | None:
        ids = [row.id for row in self.records]
        return ids.index(item_id) if item_id in ids else None
