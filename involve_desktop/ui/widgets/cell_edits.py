"""Finishing a table cell that is still being typed in, before a save reads the table."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QApplication, QWidget


def commit_cell_edits(root: QWidget) -> None:
    """Ctrl+S while typing a role into a cell must save that role: Qt only writes a cell's
    text back when the editor loses focus, which a keyboard shortcut never causes."""
    editor = QApplication.focusWidget()
    if editor is None:
        return
    for view in root.findChildren(QAbstractItemView):
        if view.state() == QAbstractItemView.State.EditingState and view.isAncestorOf(editor):
            view.commitData(editor)
            view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
