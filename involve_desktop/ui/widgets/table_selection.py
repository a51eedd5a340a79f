"""Selecting whole rows of a table from code, the way a person would with Ctrl+click."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView


def select_rows(view: QAbstractItemView, rows: list[int]) -> None:
    """Select these rows (and nothing else), the first one current and scrolled to."""
    selection = view.selectionModel()
    selection.clearSelection()
    model = view.model()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    # The first is made current last, so the keyboard carries on from it.
    for row in reversed(rows):
        selection.setCurrentIndex(model.index(row, 0), flags)
    if rows:
        view.scrollTo(model.index(rows[0], 0))
