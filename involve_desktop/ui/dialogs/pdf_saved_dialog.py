"""Said after a PDF is saved: where it went, and what to do with it next.

Most people save a document to open it, print it or attach it to an e-mail, so the next step
is one key away: Open (the default), Print…, Show in folder, or Close (Esc).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from involve_desktop.ui import prompts


def pages_in_words(pages: int) -> str:
    return "1 page" if pages == 1 else f"{pages:,} pages"


def no_reader_message(folder: Path) -> str:
    return (
        f"No program on this computer opens PDF files. The PDF is saved in {folder}; "
        "Show in folder to find it."
    )


class PdfSavedDialog(QDialog):
    def __init__(
        self,
        path: Path,
        pages: int,
        parent: QWidget | None = None,
        *,
        large_print: bool = False,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle("PDF saved")
        self.setAccessibleName("PDF saved")

        about = pages_in_words(pages) + (", large print" if large_print else "")
        self.message = QLabel(f"Saved \u201c{path.name}\u201d ({about}).")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder = QLabel(f"In the folder {path.parent}")
        self.folder.setWordWrap(True)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.open_button = self._button("&Open", "Open the PDF", self.open_pdf)
        self.print_button = self._button("&Print\u2026", "Print the PDF", self.print_pdf)
        self.folder_button = self._button(
            "Show in &folder", "Show the PDF in its folder", self.show_folder
        )
        self.close_button = self._button("Close", "Close", self.reject)
        self.open_button.setDefault(True)

        buttons = QHBoxLayout()
        for button in (self.open_button, self.print_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.folder)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.open_button.setFocus()
        # Wide enough for a long file name on one or two lines, in characters so it scales.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)

    def _button(self, text: str, name: str, action) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setAutoDefault(True)
        button.clicked.connect(action)
        return button

    def open_pdf(self) -> None:
        if prompts.open_file(self.path):
            self.accept()
            return
        # Kept open: the file is saved, and its folder is one button away.
        prompts.show_problem(
            self, "The PDF could not be opened", no_reader_message(self.path.parent)
        )
        self.folder_button.setFocus()

    def print_pdf(self) -> None:
        from involve_desktop.ui.pdf_print import print_pdf

        # Kept open when printing is cancelled: the user may still want to open the file.
        if print_pdf(self, self.path):
            self.accept()

    def show_folder(self) -> None:
        prompts.open_folder(self.path.parent)
        self.accept()
