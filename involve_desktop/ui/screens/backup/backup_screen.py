"""Backup: back up now (to a stick or a folder), the passphrase and the reminder interval,
the copies kept on this computer, and restoring from a copy or a backup file.

The first line says when the last backup to a stick was made and where, and whether one is
due by the charity's own interval; it is read again whenever a backup is made or the
settings change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from involve_desktop.app import AppContext
from involve_desktop.backup.drives import Drive, removable_drives
from involve_desktop.services.backup_settings import load
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.save_folder import documents_folder
from involve_desktop.ui.screens.backup.back_up_section import BackUpSection
from involve_desktop.ui.screens.backup.backup_words import status_summary
from involve_desktop.ui.screens.backup.passphrase_section import PassphraseSection
from involve_desktop.ui.screens.backup.restore_dialog import RestoreDialog, RestoreRequest
from involve_desktop.ui.screens.backup.restore_flow import (
    FILE_FILTER,
    open_restore_dialog,
    restore_in_app,
)
from involve_desktop.ui.screens.backup.restore_section import RestoreSection
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.widgets.heading import heading
from involve_desktop.ui.widgets.refresh_when_shown import RefreshWhenShown

TITLE = "Backup"


class BackupScreen(Screen):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        find_drives: Callable[[], list[Drive]] = removable_drives,
    ) -> None:
        super().__init__(ctx, parent)
        self.fixed_today = today
        self.title = heading(TITLE)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("When the last backup was made")
        self.back_up = BackUpSection(ctx, find_drives=find_drives)
        self.passphrase = PassphraseSection(ctx)
        self.restore = RestoreSection(ctx)
        self.restore_dialog: RestoreDialog | None = None

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.status, self.back_up, self.passphrase, self.restore):
            column.addWidget(widget)
        column.addStretch(1)
        # At a large font the sections are taller than the window: they scroll, never squash.
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)

        self.back_up.backed_up.connect(self.refresh)
        self.passphrase.passphrase_set.connect(self.refresh)
        self.restore.restore_requested.connect(self.start_restore)
        self.refresher = RefreshWhenShown(self, self.refresh)
        ctx.events.data_changed.connect(self._data_changed)
        self.refresh()

    def today(self) -> date:
        return self.fixed_today or date.today()

    def refresh(self) -> None:
        state = ops.query(self.ctx, load)
        self.status.setText(status_summary(state, self.today()))
        self.passphrase.show_state(state)
        self.restore.show_copies()

    def _data_changed(self, kind: str) -> None:
        if kind in ("backup", "staff", "organisation"):
            self.refresher.request(kind)

    def focus_first(self) -> None:
        """Where "Back up now" in the menus and the reminder lands: the first drive's button,
        or "Choose a folder…" when no drive can be seen."""
        buttons = [b for b in self.back_up.drive_buttons if b.isEnabled()]
        (buttons[0] if buttons else self.back_up.folder_button).setFocus()

    # --- restoring -------------------------------------------------------------------------

    def start_restore(self, file: Path | None = None) -> RestoreDialog | None:
        """Restore `file` (a local copy), or a backup file the user chooses: passphrase if
        needed, then what it holds; nothing changes until it is confirmed."""
        if file is None:
            file = prompts.choose_open_file(
                self, "Choose the backup to restore", FILE_FILTER, documents_folder()
            )
            if file is None:
                return None
        self.restore_dialog = open_restore_dialog(
            self, file, self.ctx.paths, self._confirmed, ctx=self.ctx
        )
        return self.restore_dialog

    def _confirmed(self, request: RestoreRequest) -> None:
        restore_in_app(self.ctx, self.window(), request)
