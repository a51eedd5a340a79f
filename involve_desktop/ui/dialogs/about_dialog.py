"""About Involve: the version, where the data and logs live, and the licence."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop import __version__
from involve_desktop.paths import AppPaths
from involve_desktop.ui import prompts

LICENCE = "GNU General Public License, version 3 or later"


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Involve")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        intro = QLabel(
            f"<h2>Involve {escape(__version__)}</h2>"
            "<p>Runs the involvement of the people your organisation serves, fairly and well.</p>"
            f"<p>Free software under the {LICENCE}.</p>"
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        self.open_data_button = self._folder_row(grid, 0, "Your data", paths.data_dir)
        self.open_logs_button = self._folder_row(grid, 1, "Log files", paths.log_dir)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def _folder_row(self, grid: QGridLayout, row: int, label: str, folder: Path) -> QPushButton:
        path_label = QLabel(str(folder))
        path_label.setWordWrap(True)
        path_label.setAccessibleName(f"{label} folder")
        button = QPushButton(f"Open {label.lower()} folder")
        button.clicked.connect(lambda: prompts.open_folder(folder))
        grid.addWidget(QLabel(f"<b>{label}:</b>"), row, 0)
        grid.addWidget(path_label, row, 1)
        grid.addWidget(button, row, 2)
        return button
