"""Protecting records made before encryption: one administrator, one recovery key, once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from involve_desktop.errors import KnownError
from involve_desktop.ui import prompts
from involve_desktop.ui.dialogs.security_pages import AdminPage, RecoveryPage

# administrator's name, password, recovery key → the caller's result
Protect = Callable[[str, str, str], object]


class ProtectRecordsWizard(QWizard):
    def __init__(self, organisation_name: str, protect: Protect, parent: QWidget | None = None):
        super().__init__(parent)
        self.protect = protect
        self.result_of_protect: object = None
        self.setWindowTitle("Protect your records")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        intro = QWizardPage()
        intro.setTitle("Your records will now be protected")
        text = QLabel(
            f"<p>This version of Involve keeps {organisation_name}'s records encrypted, so "
            "that only the staff you choose can read them, even if this computer is lost.</p>"
            "<p>It takes a minute: you choose your own sign-in, keep a recovery key safe, and "
            "Involve encrypts the records. Nothing is lost, and the unencrypted copies are "
            "removed afterwards.</p>"
        )
        text.setWordWrap(True)
        QVBoxLayout(intro).addWidget(text)
        self.admin_page = AdminPage(lambda: organisation_name)
        self.recovery_page = RecoveryPage()
        for page in (intro, self.admin_page, self.recovery_page):
            self.addPage(page)
        self.resize(640, 480)

    def accept(self) -> None:
        form = self.admin_page.admin_form
        try:
            self.result_of_protect = self.protect(
                form.admin_name, form.password, self.recovery_page.panel.recovery_key
            )
        except KnownError as problem:
            prompts.show_problem(self, "Your records could not be protected", problem.message)
            return
        super().accept()
