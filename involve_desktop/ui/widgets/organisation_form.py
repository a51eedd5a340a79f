"""Name, charity number, address and logo: used by the first-run wizard and by Settings."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from involve_desktop.domain.organisation import MAX_NAME_LENGTH, OrganisationDetails
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.organisation import read_logo_file
from involve_desktop.ui import prompts
from involve_desktop.ui.widgets.form_section import FormSection

LOGO_PREVIEW_HEIGHT = 64


class OrganisationForm(FormSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo: bytes | None = None

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.add_row("name", "Organisation na&me:", self.name_edit)

        self.charity_number_edit = QLineEdit()
        self.charity_number_edit.setMaxLength(20)
        self.charity_number_edit.setToolTip("Leave empty if you are not a registered charity.")
        self.add_row("charity_number", "&Charity number (if any):", self.charity_number_edit)

        self.address_edit = QPlainTextEdit()
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.add_row("address", "&Address:", self.address_edit)

        self.logo_preview = QLabel()
        self.logo_preview.setMinimumHeight(LOGO_PREVIEW_HEIGHT)
        self.choose_logo_button = QPushButton("Choose &logo\u2026")
        self.remove_logo_button = QPushButton("&Remove logo")
        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo_preview, 1)
        row.addWidget(self.choose_logo_button)
        row.addWidget(self.remove_logo_button)
        self.add_row("logo", "Logo (for documents):", logo_row, self.choose_logo_button)
        self.logo_preview.setAccessibleName("Logo preview")

        self.name_edit.textChanged.connect(self.notify_changed)
        self.charity_number_edit.textChanged.connect(self.notify_changed)
        self.address_edit.textChanged.connect(self.notify_changed)
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self._show_logo()

    def load(self, details: OrganisationDetails) -> None:
        self.loading = True
        try:
            self.name_edit.setText(details.name)
            self.charity_number_edit.setText(details.charity_number)
            self.address_edit.setPlainText(details.address)
            self.logo = details.logo
            self._show_logo()
        finally:
            self.loading = False

    def apply_to(self, details: OrganisationDetails) -> OrganisationDetails:
        return replace(
            details,
            name=self.name_edit.text(),
            charity_number=self.charity_number_edit.text(),
            address=self.address_edit.toPlainText(),
            logo=self.logo,
        )

    def choose_logo(self) -> None:
        chosen = prompts.choose_image_file(self)
        if chosen is None:
            return
        try:
            data = read_logo_file(chosen)
        except ValidationFailed as problem:
            self.errors["logo"].show_message(problem.errors["logo"])
            return
        if QPixmap().loadFromData(data) is False:
            self.errors["logo"].show_message(
                "This picture could not be opened; it may be damaged. Please choose another."
            )
            return
        self.errors["logo"].show_message("")
        self.logo = data
        self._show_logo()
        self.changed.emit()

    def remove_logo(self) -> None:
        if self.logo is None:
            return
        self.logo = None
        self.errors["logo"].show_message("")
        self._show_logo()
        self.changed.emit()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo and pixmap.loadFromData(self.logo):
            self.logo_preview.setPixmap(
                pixmap.scaledToHeight(
                    LOGO_PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation
                )
            )
            self.logo_preview.setAccessibleDescription("The organisation's logo")
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("No logo chosen")
            self.logo_preview.setAccessibleDescription("No logo chosen")
        self.remove_logo_button.setEnabled(self.logo is not None)
