"""Before a restore: the passphrase (only if the file needs it), then what the backup holds.

Nothing changes while this dialog is open. The whole file is read and checked on a worker
thread before its organisation, date, number of people and app version are shown; only the
Restore button hands the request on (`on_confirm`), and whoever opened the dialog restores.
A wrong passphrase is said at the passphrase field, so it can be typed again; a damaged file
or one that is not a backup is said in words and the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.problems import BackupProblem, WrongPassphrase
from involve_desktop.backup.verify import BackupSummary, inspect_backup, needs_passphrase
from involve_desktop.domain.formatting import count_of_people
from involve_desktop.services.permissions import Actor
from involve_desktop.ui import prompts
from involve_desktop.ui.progress import run_with_progress
from involve_desktop.ui.screens.backup.backup_words import moment, newer_than_this_app
from involve_desktop.ui.widgets.form_section import FieldError

NOT_RESTORED = "This backup cannot be restored"


@dataclass(frozen=True)
class RestoreRequest:
    """A backup checked and shown to the user, and what opens it, ready to restore."""

    file: Path
    passphrase: str | None
    backup_key: BackupKey | None
    actor: Actor | None
    summary: BackupSummary
    # The backup key in use now, and when its passphrase was set: kept after the restore, so
    # later backups use the passphrase on the current keep-this-safe sheet.
    keep_key: BackupKey | None = None
    keep_key_set_at: datetime | None = None

    def __repr__(self) -> str:
        # Never the passphrase, in a log or a crash report.
        return f"RestoreRequest(sequence={self.summary.sequence})"


class RestoreDialog(QDialog):
    def __init__(
        self,
        file: Path,
        work_dir: Path,
        on_confirm: Callable[[RestoreRequest], object],
        *,
        backup_key: BackupKey | None = None,
        actor: Actor | None = None,
        keep_key: tuple[BackupKey | None, datetime | None] = (None, None),
        count_people: Callable[[int], str] = count_of_people,
        what_happens: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.file = file
        self.work_dir = work_dir
        self.on_confirm = on_confirm
        self.backup_key = backup_key
        self.actor = actor
        self.keep_key = keep_key
        self.count_people = count_people
        self.request: RestoreRequest | None = None
        self.setWindowTitle("Restore from a backup")
        file_label = QLabel(f"Backup file: <b>{escape(file.name)}</b>")
        file_label.setWordWrap(True)
        file_label.setToolTip(str(file))

        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName("Backup passphrase")
        self.passphrase_error = FieldError(self.passphrase_edit)
        self.passphrase_edit.textChanged.connect(lambda _t: self.passphrase_error.show_message(""))
        asking = QLabel(
            "This backup is encrypted. Type the backup passphrase it was made with (it may be "
            "written on the keep-this-safe sheet):"
        )
        asking.setWordWrap(True)
        passphrase_label = QLabel("&Passphrase:")
        passphrase_label.setBuddy(self.passphrase_edit)
        self.open_button = QPushButton("&Open the backup")
        self.open_button.clicked.connect(self.try_passphrase)
        self.passphrase_edit.returnPressed.connect(self.try_passphrase)
        open_row = QWidget()
        row = QHBoxLayout(open_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.open_button)
        row.addStretch(1)
        asking_page = _page(
            asking, passphrase_label, self.passphrase_edit, self.passphrase_error, open_row
        )

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("What the backup holds")
        self.what_happens = QLabel(what_happens)
        self.what_happens.setWordWrap(True)
        self.preview_page = _page(self.preview, self.what_happens)

        self.pages = QStackedWidget()
        self.pages.addWidget(asking_page)
        self.pages.addWidget(self.preview_page)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "&Restore these records", QDialogButtonBox.ButtonRole.AcceptRole
        )
        # Enter must never restore by accident: the button is pressed on purpose.
        self.restore_button.setAutoDefault(False)
        self.restore_button.hide()
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(file_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)

    # --- reading the backup ----------------------------------------------------------------

    def start(self) -> bool:
        """Open on the passphrase page, or (no passphrase needed) check at once and open on
        what it holds. False, with the problem said, when the file cannot be used."""
        try:
            locked = needs_passphrase(self.file, backup_key=self.backup_key)
        except BackupProblem as problem:
            prompts.show_problem(self.parentWidget(), NOT_RESTORED, problem.message)
            return False
        if locked:
            self.pages.setCurrentIndex(0)
            self.open()
            self.passphrase_edit.setFocus()
            return True
        if not self._check(None):
            return False
        self.open()
        return True

    def try_passphrase(self) -> None:
        passphrase = self.passphrase_edit.text()
        if not passphrase:
            self.passphrase_error.show_message("Please type the backup's passphrase.")
            return
        if not self._check(passphrase) and self.isVisible():
            self.passphrase_edit.setFocus()
            self.passphrase_edit.selectAll()

    def _check(self, passphrase: str | None) -> bool:
        file, key, work_dir = self.file, self.backup_key, self.work_dir
        try:
            summary = run_with_progress(
                self if self.isVisible() else self.parentWidget(),
                "Checking the backup",
                "Reading and checking every part of the backup\u2026",
                lambda: inspect_backup(file, passphrase, backup_key=key, work_dir=work_dir),
            )
        except WrongPassphrase as problem:
            self.passphrase_error.show_message(problem.message)
            return False
        except BackupProblem as problem:
            prompts.show_problem(self.parentWidget(), NOT_RESTORED, problem.message)
            self.reject()
            return False
        self.request = RestoreRequest(file, passphrase, key, self.actor, summary, *self.keep_key)
        self._show_summary(summary)
        return True

    def _show_summary(self, summary: BackupSummary) -> None:
        rows = [
            ("Organisation", summary.organisation or "not named"),
            ("Made", moment(summary.made_at)),
            ("On the register", self.count_people(summary.people)),
            ("Made by", f"Involve {summary.app_version}"),
            ("Encrypted", "yes" if summary.encrypted else "no"),
        ]
        cells = "".join(
            f"<tr><td><b>{escape(label)}</b>&nbsp;&nbsp;</td><td>{escape(value)}</td></tr>"
            for label, value in rows
        )
        self.preview.setText(f"<p>This backup holds:</p><table>{cells}</table>")
        newer = newer_than_this_app(summary.app_version)
        if newer:
            self.what_happens.setText(
                f"This backup was made by a newer version of Involve ({summary.app_version}). "
                "Install that version or newer to restore it. Nothing has been changed."
            )
        self.restore_button.setVisible(not newer)
        self.pages.setCurrentWidget(self.preview_page)
        (self.buttons.button(QDialogButtonBox.StandardButton.Cancel)).setDefault(True)

    # --- restoring -------------------------------------------------------------------------

    def confirm(self) -> None:
        if self.request is None:
            return
        request = self.request
        self.accept()
        self.on_confirm(request)


def _page(*widgets: QWidget) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        column.addWidget(widget)
    column.addStretch(1)
    return page
