"""Selecting whole rows of a table from code, the way a person would with Ctrl+click, and
keys that act on a table's chosen rows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QWidget


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


def table_key(
    keys: QKeySequence | QKeySequence.StandardKey | str, table: QWidget, action: Callable[[], None]
) -> QShortcut:
    """A key (Enter to open, Delete to remove) for one table only, while it has the focus:
    Enter in a search box beside it searches, and screens with several tables keep each
    key unambiguous."""
    shortcut = QShortcut(QKeySequence(keys), table, activated=action)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    return shortcut
