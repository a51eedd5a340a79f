"""Wizard pages shared by first run and by protecting older records: administrator, recovery key."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWizardPage

from involve_desktop.ui.widgets.admin_form import AdminForm
from involve_desktop.ui.widgets.recovery_key_panel import RecoveryKeyPanel


class AdminPage(QWizardPage):
    def __init__(self, organisation_name: Callable[[], str] = lambda: "") -> None:
        super().__init__()
        self.setTitle("Your sign-in")
        self.setSubTitle("Everyone who uses Involve signs in, so the records stay private.")
        self.admin_form = AdminForm()
        self._organisation_name = organisation_name
        QVBoxLayout(self).addWidget(self.admin_form)

    def validatePage(self) -> bool:
        return not self.admin_form.show_errors(self.admin_form.problems(self._organisation_name()))


class RecoveryPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Your recovery key")
        self.setSubTitle("Keep it safe: it opens the records if every password is forgotten.")
        self.panel = RecoveryKeyPanel()
        QVBoxLayout(self).addWidget(self.panel)
        self.panel.kept_box.toggled.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return self.panel.kept_box.isChecked()
