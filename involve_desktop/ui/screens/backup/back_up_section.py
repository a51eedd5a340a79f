"""Back up now: one button per removable drive the computer can see, or a chosen folder.

The drives are looked for again every few seconds while the screen is shown, so a stick
plugged in appears without a click. The backup runs on a worker thread with a bar (the
window stays alive); "Backup complete" is said only after the file was read back from the
drive and checked. Problems come back from the backup code in plain words (drive full,
removed, folder gone) and are shown as they are.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from html import escape
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.backup.drives import Drive, removable_drives
from involve_desktop.backup.make_backup import BackupResult
from involve_desktop.domain.roles import Permission, can
from involve_desktop.errors import KnownError
from involve_desktop.services.backup_settings import load
from involve_desktop.services.backups import back_up
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.progress import run_with_steps
from involve_desktop.ui.save_folder import documents_folder, folder_is_there
from involve_desktop.ui.screens.backup.backup_words import moment, size_text

FOLDER_KEY = "backup/folder"  # the folder last backed up to, offered again
LOOK_AGAIN_MS = 2500
NO_DRIVES = (
    "No USB stick or other removable drive can be seen. Plug one in (it appears here by "
    "itself), or choose a folder."
)
PLAIN_WARNING = (
    "A backup without encryption can be read by anyone who finds the stick or the file: "
    "every name, address, health note and payment in your records. Only do this if the file "
    "will never leave a locked place.\n\nBack up without encryption?"
)
SAME_DISK_WARNING = (
    "{folder} is on the same disk as Involve's own records. A backup there helps if the "
    "records are damaged, but it does not protect against this PC failing, being lost or "
    "stolen. Back up to a USB stick as well.\n\nBack up to this folder anyway?"
)


class BackUpSection(QGroupBox):
    backed_up = Signal()

    def __init__(
        self,
        ctx: AppContext,
        *,
        find_drives: Callable[[], list[Drive]] = removable_drives,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Back up now", parent)
        self.ctx = ctx
        self.find_drives = find_drives
        self.drives: list[Drive] | None = None
        self.drive_buttons: list[QPushButton] = []
        self.settings = QSettings(str(ctx.paths.window_state), QSettings.Format.IniFormat)
        intro = QLabel(
            "Plug in a USB stick or another drive and press its button. Involve reads the "
            "backup back from the drive and checks it before it says the backup is complete."
        )
        intro.setWordWrap(True)
        self.drive_grid = QGridLayout()
        self.no_drives = QLabel(NO_DRIVES)
        self.no_drives.setWordWrap(True)
        self.folder_button = QPushButton("Choose a f&older\u2026")
        self.folder_button.setAccessibleName("Back up to a folder you choose")
        self.folder_button.clicked.connect(self.choose_folder)
        self.again_button = QPushButton("Back up to the same folder again")
        self.again_button.clicked.connect(self._back_up_to_remembered)
        self.plain_box = QCheckBox("Make this backup &without encryption")
        self.plain_box.setToolTip("Asks first: anyone with the file could read the records")
        # A backup without encryption protects nothing: administrators only (as the service).
        actor = ctx.actor
        if actor is None or not can(actor.role, Permission.CHANGE_SETTINGS):
            self.plain_box.hide()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName("What happened to the last backup")
        self.result.hide()
        self.show_button = QPushButton("&Show the backup in its folder")
        self.show_button.clicked.connect(self._show_folder)
        self.show_button.hide()
        self.last_result: BackupResult | None = None

        folders = QHBoxLayout()
        folders.addWidget(self.folder_button)
        folders.addWidget(self.again_button)
        folders.addStretch(1)
        done = QHBoxLayout()
        done.addWidget(self.result, 1)
        done.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.drive_grid)
        layout.addWidget(self.no_drives)
        layout.addLayout(folders)
        layout.addWidget(self.plain_box)
        layout.addLayout(done)
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_AGAIN_MS)
        self.timer.timeout.connect(self.look_for_drives)
        self._offer_remembered_folder()
        self.look_for_drives()

    # --- drives and folders ----------------------------------------------------------------

    def showEvent(self, event: object) -> None:
        self.look_for_drives()
        self._order_tabs()
        self.timer.start()
        super().showEvent(event)  # type: ignore[arg-type]

    def hideEvent(self, event: object) -> None:
        self.timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    def look_for_drives(self) -> None:
        drives = self.find_drives()
        if drives == self.drives:
            return
        self.drives = drives
        while self.drive_grid.count():
            item = self.drive_grid.takeAt(0)
            if item.widget() is not None:
                # Out of the focus chain now, not only once deleted.
                item.widget().setParent(None)
                item.widget().deleteLater()
        self.drive_buttons = []
        needed = self._size_needed()
        for row, drive in enumerate(drives):
            button = QPushButton(f"Back up to {drive.label}")
            button.setAccessibleName(f"Back up to {drive.label}")
            room = QLabel(_room_text(drive, needed))
            room.setWordWrap(True)
            button.setAccessibleDescription(room.text())
            button.setEnabled(drive.free_bytes >= needed)
            button.clicked.connect(
                lambda _checked=False, d=drive: self.back_up_to(d.path, d.label, removable=True)
            )
            self.drive_grid.addWidget(button, row, 0)
            self.drive_grid.addWidget(room, row, 1)
            self.drive_buttons.append(button)
        self.drive_grid.setColumnStretch(1, 1)
        self.no_drives.setVisible(not drives)
        self._order_tabs()

    def _order_tabs(self) -> None:
        # Made after the rest of the section, the drive buttons would come last on Tab: the
        # rest is moved after them, so Tab follows the order on screen. Done again when shown,
        # because moving the section into its screen lays the order out afresh.
        chain = [
            *self.drive_buttons,
            self.folder_button,
            self.again_button,
            self.plain_box,
            self.show_button,
        ]
        for earlier, later in pairwise(chain):
            QWidget.setTabOrder(earlier, later)

    def choose_folder(self) -> None:
        start = self._remembered_folder() or documents_folder()
        folder = prompts.choose_folder(self, "Choose the folder to back up to", start)
        if folder is not None:
            self.back_up_to(folder, str(folder), chosen=True)

    def _back_up_to_remembered(self) -> None:
        folder = self._remembered_folder()
        if folder is not None:
            self.back_up_to(folder, str(folder), chosen=True)

    def _remembered_folder(self) -> Path | None:
        stored = self.settings.value(FOLDER_KEY)
        return Path(str(stored)) if stored else None

    def _offer_remembered_folder(self) -> None:
        folder = self._remembered_folder()
        there = folder is not None and folder_is_there(folder)
        if there and folder is not None:
            self.again_button.setText(f"Back up to {folder.name or folder} again")
            self.again_button.setToolTip(str(folder))
            self.again_button.setAccessibleName(f"Back up to the folder {folder} again")
        self.again_button.setVisible(there)

    def _size_needed(self) -> int:
        database = self.ctx.paths.database
        wal = database.with_name(database.name + "-wal")
        return sum(path.stat().st_size for path in (database, wal) if path.exists())

    # --- backing up ------------------------------------------------------------------------

    def back_up_to(
        self, folder: Path, place: str, *, chosen: bool = False, removable: bool | None = None
    ) -> BackupResult | None:
        """Back up into `folder` after any warning; None if it was not made (said why).
        `removable` True for a listed drive; None lets the service ask the system."""
        encrypt = not self.plain_box.isChecked()
        if encrypt and not ops.query(self.ctx, load).passphrase_set:
            prompts.show_problem(
                self,
                "Set a backup passphrase first",
                "Backups are encrypted with the backup passphrase, and none is set yet. An "
                "administrator sets it on this screen, under \u201cPassphrase\u201d.",
            )
            return None
        if chosen and not self._folder_is_fine(folder):
            return None
        if not encrypt and not prompts.ask_yes_no(
            self, "Back up without encryption?", PLAIN_WARNING, "Back up without encryption"
        ):
            return None
        ctx = self.ctx
        try:
            result = run_with_steps(
                self,
                "Backing up",
                f"Backing up to {place}, then reading it back to check it\u2026",
                lambda progress: back_up(
                    ctx.database(),
                    ctx.paths,
                    ctx.key,
                    folder,
                    ctx.actor,
                    now=datetime.now(),
                    encrypt=encrypt,
                    place=place,
                    removable=removable,
                    progress=progress,
                ),
                still="A backup is still being made.",
                bar_format="%p%",
            )
        except KnownError as problem:
            self.result.setText(f"\u26a0 The backup was not made. {escape(problem.message)}")
            self.result.show()
            self.show_button.hide()
            prompts.show_problem(self, "The backup was not made", problem.message)
            return None
        if chosen:
            self.settings.setValue(FOLDER_KEY, str(folder))
            self.settings.sync()
            self._offer_remembered_folder()
        self.plain_box.setChecked(False)
        self.last_result = result
        plain = " It is not encrypted." if not encrypt else ""
        self.result.setText(
            f"\u2714 <b>Backup complete:</b> {escape(result.path.name)}, "
            f"{size_text(result.size_bytes)}, checked {escape(moment(result.verified_at))}."
            f"{plain}"
        )
        self.result.show()
        self.show_button.show()
        ctx.events.data_changed.emit("backup")
        self.backed_up.emit()
        return result

    def _folder_is_fine(self, folder: Path) -> bool:
        """Not inside the data folder (that is no backup); warned when on the same disk."""
        data = self.ctx.paths.data_dir.resolve()
        try:
            target = folder.resolve()
        except OSError:
            target = folder
        if target == data or data in target.parents:
            prompts.show_problem(
                self,
                "Choose another folder",
                "That folder is inside Involve's own data folder, where the records and their "
                "daily copies already are. Choose a USB stick, or a folder on another drive.",
            )
            return False
        if _same_disk(target, data):
            return prompts.ask_yes_no(
                self,
                "This folder is on the same disk",
                SAME_DISK_WARNING.format(folder=target),
                "Back up there anyway",
            )
        return True

    def _show_folder(self) -> None:
        if self.last_result is not None:
            prompts.open_folder(self.last_result.path.parent)


def _room_text(drive: Drive, needed: int) -> str:
    free = f"{size_text(drive.free_bytes)} free"
    if drive.free_bytes < needed:
        return f"{free}: not enough for a backup (about {size_text(needed)}). Use another drive."
    return free


def _same_disk(folder: Path, data: Path) -> bool:
    try:
        return os.stat(folder).st_dev == os.stat(data).st_dev
    except OSError:
        return False
