"""Setting the backup passphrase: typed twice, judged as it is typed, kept as a derived key.

The key is derived (Argon2id, about a quarter of a second and 64 MiB) on a worker thread by
the settings service, which also records who set it; problems are shown at the field they
belong to, never in a box that hides the form.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.passwords import password_problem
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.backup_settings import set_passphrase
from involve_desktop.ui import ops
from involve_desktop.ui.progress import run_with_progress
from involve_desktop.ui.widgets.form_section import FieldError
from involve_desktop.ui.widgets.strength_meter import StrengthMeter

INTRO = (
    "<p>The backup passphrase locks every backup file. Whoever has a backup file <b>and</b> "
    "this passphrase can read every record in it, so choose one nobody could guess: a few "
    "ordinary words together work well.</p>"
    "<p>Involve does not keep the passphrase itself, and nobody can get it back for you. "
    "Write it on the keep-this-safe sheet and lock the sheet away, apart from the sticks.</p>"
)
CHANGING = (
    "Backups made before keep the passphrase they were made with: keep the old sheet until "
    "those backups are no longer needed."
)
MISMATCH = "The two passphrases are not the same. Please type it again."


class PassphraseDialog(QDialog):
    def __init__(self, ctx: AppContext, *, changing: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Change the backup passphrase" if changing else "Set a passphrase")
        about = tuple(ctx.organisation_name.split())
        intro = QLabel(INTRO + (f"<p>{CHANGING}</p>" if changing else ""))
        intro.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Backup passphrase")
        self.passphrase_error = FieldError(self.passphrase_edit)
        self.meter = StrengthMeter(about)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName("Type the passphrase again")
        self.confirm_error = FieldError(self.confirm_edit)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        passphrase_label = QLabel("&Passphrase:")
        passphrase_label.setBuddy(self.passphrase_edit)
        confirm_label = QLabel("Type it &again:")
        confirm_label.setBuddy(self.confirm_edit)
        form.addRow(passphrase_label, _column(self.passphrase_edit, self.passphrase_error))
        form.addRow("", self.meter)
        form.addRow(confirm_label, _column(self.confirm_edit, self.confirm_error))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.set_button = self.buttons.addButton(
            "&Set the passphrase", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.set_button.setDefault(True)
        self.buttons.accepted.connect(self.try_set)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.passphrase_edit.textChanged.connect(self.meter.judge)
        for field, error in (
            (self.passphrase_edit, self.passphrase_error),
            (self.confirm_edit, self.confirm_error),
        ):
            field.textChanged.connect(lambda _text, shown=error: shown.show_message(""))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def problems(self) -> dict[str, str]:
        passphrase = self.passphrase_edit.text()
        if problem := password_problem(passphrase, about=self.meter.about):
            return {"passphrase": problem}
        if self.confirm_edit.text() != passphrase:
            return {"confirm": MISMATCH}
        return {}

    def try_set(self) -> None:
        """Check both fields, then derive and store the key; accept when it is stored."""
        errors = self.problems()
        if not errors:
            passphrase = self.passphrase_edit.text()
            actor = self.ctx.actor
            try:
                # A write, run through the query bridge so that it stays off the GUI thread;
                # the change is announced below, on the GUI thread, where screens listen.
                run_with_progress(
                    self,
                    "Setting the passphrase",
                    "Making the key that locks your backups\u2026",
                    lambda: ops.query(self.ctx, set_passphrase, actor, passphrase),
                )
            except ValidationFailed as problem:
                errors = problem.errors
            else:
                self.ctx.events.data_changed.emit("backup")
                self.accept()
                return
        self._show(errors)

    def _show(self, errors: dict[str, str]) -> None:
        self.passphrase_error.show_message(errors.get("passphrase", ""))
        self.confirm_error.show_message(errors.get("confirm", ""))
        field = self.passphrase_edit if "passphrase" in errors else self.confirm_edit
        field.setFocus()
        field.selectAll()


def _column(field: QWidget, error: FieldError) -> QWidget:
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(field)
    column.addWidget(error)
    return cell
