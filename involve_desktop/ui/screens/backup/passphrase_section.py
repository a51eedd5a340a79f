"""The backup passphrase and how often to back up: set by administrators, seen by everyone.

Staff who may not change them see who can, by name, so they know whom to ask. The
"keep this safe" sheet is a one-page PDF to print, write the passphrase on by hand and lock
away: the passphrase itself is never put in a file.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.domain.formatting import and_list, long_date
from involve_desktop.domain.roles import Permission, Role, can
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services.backup_settings import (
    INTERVAL_CHOICES,
    BackupState,
    load,
    set_interval,
)
from involve_desktop.services.staff import list_staff
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.progress import run_with_progress
from involve_desktop.ui.save_folder import choose_save_path, remember_folder
from involve_desktop.ui.screens.backup.passphrase_dialog import PassphraseDialog


class PassphraseSection(QGroupBox):
    passphrase_set = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Passphrase and reminders", parent)
        self.ctx = ctx
        actor = ctx.actor
        self.may_change = actor is not None and can(actor.role, Permission.CHANGE_SETTINGS)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName("Backup passphrase")
        self.set_button = QPushButton("Set the &passphrase\u2026")
        self.set_button.clicked.connect(self.set_passphrase)
        self.sheet_button = QPushButton("Print the &keep-this-safe sheet\u2026")
        self.sheet_button.setToolTip(
            "A one-page PDF to print, write the passphrase on by hand, and lock away"
        )
        self.sheet_button.setAccessibleDescription(self.sheet_button.toolTip())
        self.sheet_button.clicked.connect(self.save_sheet)
        self.who_can = QLabel()
        self.who_can.setWordWrap(True)
        self.interval = QSpinBox()
        self.interval.setRange(INTERVAL_CHOICES.start, INTERVAL_CHOICES.stop - 1)
        self.interval.setSuffix(" days")
        self.interval.setKeyboardTracking(False)  # saved when typing ends, not per key
        self.interval.setAccessibleName("Back up to a stick every")
        self.interval.setToolTip(
            "After this many days without a backup to a stick, Involve reminds whoever uses it"
        )
        self.interval.setEnabled(self.may_change)
        interval_label = QLabel("Back up to a stick e&very:")
        interval_label.setBuddy(self.interval)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_button)
        buttons.addWidget(self.sheet_button)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.state_label)
        form.addRow(buttons)
        form.addRow(self.who_can)
        interval_row = QHBoxLayout()
        interval_row.addWidget(self.interval)
        interval_row.addStretch(1)
        form.addRow(interval_label, interval_row)
        self.set_button.setVisible(self.may_change)
        self.sheet_button.setVisible(self.may_change)
        self.interval.valueChanged.connect(self._interval_changed)
        self._loading = False

    def show_state(self, state: BackupState) -> None:
        if state.passphrase_set:
            when = state.passphrase_set_at
            on = f" on {long_date(when.date())}" if when else ""
            self.state_label.setText(
                f"\u2714 A backup passphrase was set{on}. Backups are encrypted with it."
            )
            self.set_button.setText("Change the &passphrase\u2026")
        else:
            self.state_label.setText(
                "\u26a0 No backup passphrase is set yet, so backups cannot be encrypted. "
                "Choose one before the first backup to a stick."
            )
            self.set_button.setText("Set the &passphrase\u2026")
        self.sheet_button.setEnabled(state.passphrase_set)
        self.who_can.setText("" if self.may_change else self._who_can_text())
        self.who_can.setVisible(not self.may_change)
        self._loading = True
        try:
            self.interval.setValue(state.interval_days)
        finally:
            self._loading = False

    def _who_can_text(self) -> str:
        staff = ops.query(self.ctx, list_staff, include_inactive=False)
        names = [member.name for member in staff if member.role is Role.ADMINISTRATOR]
        who = and_list(names) if names else "an administrator"
        return f"Only an administrator can set the passphrase or change how often: {who}."

    # --- changes ---------------------------------------------------------------------------

    def set_passphrase(self) -> None:
        changing = ops.query(self.ctx, load).passphrase_set
        dialog = PassphraseDialog(self.ctx, changing=changing, parent=self)
        if not dialog.exec():
            return
        self.passphrase_set.emit()
        if prompts.ask_yes_no(
            self,
            "Keep the passphrase safe",
            "The passphrase is set. Print the keep-this-safe sheet now, write the passphrase "
            "on it by hand, and lock it away from the backup sticks?",
            "Save the sheet as a PDF",
        ):
            self.save_sheet()

    def save_sheet(self, *, today: date | None = None) -> None:
        from involve_desktop.exports.backup_sheet import FILE_NAME, make_backup_sheet
        from involve_desktop.ui.pdf_save import FILE_FILTER, large_print_chosen, offer_next_step

        path = choose_save_path(
            self.ctx,
            self,
            "Save the keep-this-safe sheet as a PDF",
            FILE_FILTER,
            FILE_NAME,
            suffixes=(".pdf",),
            what="this sheet",
        )
        if path is None:
            return
        large = large_print_chosen(self.ctx)
        database, made_on = self.ctx.database(), today or date.today()
        printed_by = self.ctx.actor.name if self.ctx.actor else ""
        try:
            pages = run_with_progress(
                self,
                "Saving the PDF",
                f"Making \u201c{path.name}\u201d\u2026",
                lambda: make_backup_sheet(database, printed_by, path, made_on, large_print=large),
            )
        except KnownError as problem:
            prompts.show_problem(self, "The sheet was not saved", problem.message)
            return
        remember_folder(self.ctx, path)
        offer_next_step(self, path, pages, large_print=large)

    def _interval_changed(self, days: int) -> None:
        if self._loading:
            return
        try:
            ops.change(self.ctx, "backup", set_interval, self.ctx.actor, days)
        except ValidationFailed as problem:
            prompts.show_problem(self, "Not saved", " ".join(problem.errors.values()))
