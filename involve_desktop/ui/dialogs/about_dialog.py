"""About Involve: the version, how it runs, where the data and logs live, and the licence."""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop import __version__
from involve_desktop.paths import AppPaths, resources_dir
from involve_desktop.ui import prompts

LICENCE = "GNU General Public License, version 3 or later"
LICENCE_ONLINE = "https://www.gnu.org/licenses/gpl-3.0.html"


def licence_file() -> Path:
    """LICENSE beside resources/: the repository root from source, the bundle's folder when
    installed (packaging/involve.spec copies it there)."""
    return resources_dir().parent / "LICENSE"


def how_it_runs() -> str:
    if getattr(sys, "frozen", False):
        return f"Installed program, in {Path(sys.executable).parent}"
    return "Run from source code (for development and testing)"


def licence_text() -> str:
    try:
        return licence_file().read_text(encoding="utf-8")
    except OSError:
        return f"Involve is free software under the {LICENCE}. Read it at {LICENCE_ONLINE}"


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
        self.build_label = QLabel(how_it_runs())
        self.build_label.setWordWrap(True)
        grid.addWidget(QLabel("<b>This copy:</b>"), 0, 0)
        grid.addWidget(self.build_label, 0, 1, 1, 2)
        self.open_data_button = self._folder_row(grid, 1, "Your data", paths.data_dir)
        self.open_logs_button = self._folder_row(grid, 2, "Log files", paths.log_dir)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.licence_button = buttons.addButton("&Licence…", QDialogButtonBox.ButtonRole.ActionRole)
        self.licence_button.clicked.connect(self.show_licence)
        self.licence_dialog: LicenceDialog | None = None
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

    def show_licence(self) -> None:
        if self.licence_dialog is None:
            self.licence_dialog = LicenceDialog(self)
        self.licence_dialog.open()


class LicenceDialog(QDialog):
    """The full licence text, to read and copy; it cannot be changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Licence")
        self.text_view = QPlainTextEdit(licence_text())
        self.text_view.setReadOnly(True)
        self.text_view.setAccessibleName("Licence text")
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 84, metrics.height() * 32)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_view)
        layout.addWidget(buttons)
