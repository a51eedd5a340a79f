"""The action plan's table: one row per item, overdue and moved said in words (a moved row
is also bold, never colour alone), the whole action and how in the row's tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from involve_desktop.domain.dates import short_date
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.learning_cycle import ItemStatus
from involve_desktop.services.action_plan_rows import PlanRow, first_line
from involve_desktop.ui.widgets.records_model import Column, Index, RecordsTableModel

OVERDUE = "Overdue"
MOVED = "Moved"
COLUMN_SAMPLES = (
    "Ask the youth panel to review our leaflets",
    "Structure",
    "Implementation",
    "Priya Shah",
    "Amira Khan, Sam Jones",
    "\u26a0 Overdue 30/11/2026",
    "Done 30/11/2026 \u00b7 Moved",
    "30/11/2026: Met the panel, they chose",
)


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
    text = row.status.label
    if row.status is ItemStatus.DONE and row.done_on is not None:
        text += f" {short_date(row.done_on)}"
    return f"{text} \u00b7 {MOVED}" if row.moved else text


def status_tooltip(row: PlanRow) -> str:
    moved = "It moved since you last looked. " if row.moved else ""
    if row.status is ItemStatus.DONE and row.done_on is not None:
        return f"{moved}Done on {long_date(row.done_on)}"
    return moved.strip()


def progress_text(row: PlanRow) -> str:
    if row.last_progress_on is None:
        return ""
    return f"{short_date(row.last_progress_on)}: {row.last_progress}"


COLUMNS = (
    Column[PlanRow]("Action", action_cell, action_tooltip),
    Column[PlanRow]("Area", lambda row: row.area.label, lambda row: row.area.meaning),
    Column[PlanRow]("Stage", lambda row: row.stage.label),
    Column[PlanRow]("Lead", lambda row: row.lead or "Nobody yet"),
    Column[PlanRow]("With", lambda row: row.with_whom, lambda row: row.with_whom),
    Column[PlanRow]("Due", due_text, due_tooltip),
    Column[PlanRow]("Status", status_text, status_tooltip),
    Column[PlanRow]("Last progress", progress_text, progress_text),
)


def size_plan_columns(table: QTableView) -> None:
    """Columns as wide as typical values in bold (a moved row is bold), the action's
    column taking the spare width."""
    bold = QFont(table.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    header = table.horizontalHeader()
    for column, sample in enumerate(COLUMN_SAMPLES):
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 18)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


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
