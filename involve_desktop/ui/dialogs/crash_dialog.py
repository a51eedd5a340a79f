"""'Something went wrong': the dialog a bug shows instead of a traceback."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.ui import prompts


class CrashDialog(QDialog):
    """'Something went wrong', with 'Copy details' and 'Open log folder'."""

    def __init__(self, details: str, log_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.log_dir = log_dir
        self.setWindowTitle("Something went wrong")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        message = QLabel(
            "<p><b>Involve ran into a problem it did not expect.</b></p>"
            "<p>Everything you had saved is safe. The last change you were making may not "
            "have been saved: please check it.</p>"
            "<p>If this keeps happening, press <b>Copy details</b> and send them to whoever "
            "supports Involve for you. The details contain no names or notes.</p>"
        )
        message.setWordWrap(True)
        self.message_label = message
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Copy details")
        self.open_logs_button = QPushButton("&Open log folder")
        self.close_button = QPushButton("Close")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_logs_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.open_logs_button.clicked.connect(lambda: prompts.open_folder(self.log_dir))
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(buttons)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("Details copied")
