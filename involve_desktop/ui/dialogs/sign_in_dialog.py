"""Who is using Involve? A name, a password; or the recovery key and a new password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.domain.passwords import password_problem
from involve_desktop.domain.recovery_key import RECOVERY_SLOT, normalise_recovery_key
from involve_desktop.errors import KnownError
from involve_desktop.ui.progress import run_with_progress
from involve_desktop.ui.widgets.form_section import FormSection
from involve_desktop.ui.widgets.heading import heading

# (slot id, secret) → database key; raises KnownError when the secret is wrong
Unlock = Callable[[str, str], bytes]


class SignInDialog(QDialog):
    """After exec(): `key`, `slot_id` (who), and `new_password` when the recovery key was used."""

    def __init__(
        self,
        organisation_name: str,
        people: dict[str, str],
        unlock: Unlock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.unlock = unlock
        self.key: bytes | None = None
        self.slot_id = ""
        self.new_password: str | None = None
        self.using_recovery_key = False
        self.setWindowTitle("Sign in to Involve")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

        self.fields = FormSection()
        self.name_box = QComboBox()
        for slot_id, name in sorted(people.items(), key=lambda item: item[1].lower()):
            self.name_box.addItem(name, slot_id)
        self.fields.add_row("name", "&Who are you?", self.name_box)
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields.add_row("secret", "&Password:", self.secret_edit)
        self.new_password_edit = QLineEdit()
        self.new_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields.add_row("new_password", "&New password:", self.new_password_edit)
        self._show_new_password(False)

        self.forgot_button = QPushButton("&Forgotten your password?")
        self.forgot_button.setFlat(True)
        self.forgot_button.clicked.connect(self.use_recovery_key)
        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton("&Sign in", QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton("Close Involve", QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.clicked.connect(self.try_sign_in)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(organisation_name or "Involve"))
        layout.addWidget(self.fields)
        layout.addWidget(self.forgot_button)
        layout.addWidget(buttons)
        self.sign_in_button.setDefault(True)
        self.secret_edit.setFocus()

    def use_recovery_key(self) -> None:
        self.using_recovery_key = True
        self.secret_edit.clear()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Normal)
        self.secret_edit.setAccessibleName("Recovery key")
        self.fields.form.labelForField(self.secret_edit.parentWidget()).setText("&Recovery key:")
        self._show_new_password(True)
        self.forgot_button.hide()
        self.secret_edit.setFocus()

    def try_sign_in(self) -> None:
        slot_id = self.name_box.currentData()
        secret = self.secret_edit.text()
        errors: dict[str, str] = {}
        if not secret:
            errors["secret"] = "Please type it in."
        if self.using_recovery_key:
            secret = normalise_recovery_key(secret)
            problem = password_problem(
                self.new_password_edit.text(), about=tuple(self.name_box.currentText().split())
            )
            if problem:
                errors["new_password"] = problem
        if self.fields.show_errors(errors):
            return
        target = RECOVERY_SLOT if self.using_recovery_key else slot_id
        try:
            key = run_with_progress(
                self, "Signing in", "Checking\u2026", lambda: self.unlock(target, secret)
            )
        except KnownError as problem:
            self.fields.show_errors({"secret": problem.message})
            self.secret_edit.selectAll()
            return
        self.key = key
        self.slot_id = slot_id
        if self.using_recovery_key:
            self.new_password = self.new_password_edit.text()
        self.accept()

    def _show_new_password(self, visible: bool) -> None:
        cell = self.new_password_edit.parentWidget()
        cell.setVisible(visible)
        label = self.fields.form.labelForField(cell)
        if label is not None:
            label.setVisible(visible)
