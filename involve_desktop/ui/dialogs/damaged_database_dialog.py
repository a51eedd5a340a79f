"""Shown when the database fails its check: go back to the newest good copy, or stop."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from involve_desktop.domain.formatting import long_date


class DamagedDatabaseDialog(QDialog):
    """`use_copy` is True after exec() when the user chose to go back to `copy`."""

    def __init__(self, message: str, copy: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.copy = copy
        self.use_copy = False
        self.setWindowTitle("Your records need attention")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        text = f"<p><b>{escape(message)}</b></p>"
        if copy is not None:
            made = datetime.fromtimestamp(copy.stat().st_mtime)
            text += (
                f"<p>The newest good copy was made on {long_date(made.date())} at "
                f"{made:%H:%M}. Going back to it keeps the damaged file too, renamed, so "
                "nothing is thrown away. Changes made after the copy will be missing.</p>"
            )
        else:
            text += (
                "<p>There is no good copy in the data folder. If you have a backup, "
                "restore it; otherwise please ask for help before doing anything else.</p>"
            )
        label = QLabel(text)
        label.setWordWrap(True)
        buttons = QDialogButtonBox()
        if copy is not None:
            self.use_copy_button = QPushButton("&Go back to the good copy")
            buttons.addButton(self.use_copy_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.use_copy_button.clicked.connect(self._choose_copy)
        close = QPushButton("&Close Involve")
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)

    def _choose_copy(self) -> None:
        self.use_copy = True
        self.accept()
