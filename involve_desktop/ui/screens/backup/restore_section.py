"""The automatic copies kept on this computer, and restoring: a copy, or any backup file.

Copies are made when Involve closes (at most one a day) and thinned to daily, weekly and
monthly ones, so a bad day can be undone without a stick. Restoring needs the
"restore backups" permission (administrators); others see the copies and who may restore.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.app import AppContext
from involve_desktop.backup.local_copies import list_local_copies
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.roles import Permission, can
from involve_desktop.ui.screens.backup.backup_words import size_text

NO_COPIES = "No copies yet: Involve keeps one each day it is used, made when it closes."


class RestoreSection(QGroupBox):
    # The file the user chose to restore from: a local copy, or None to choose a file.
    restore_requested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Copies on this computer, and restoring", parent)
        self.ctx = ctx
        actor = ctx.actor
        self.may_restore = actor is not None and can(actor.role, Permission.RESTORE_BACKUPS)
        about = QLabel(
            "Involve keeps a copy of the records on this computer each day it is used (one a "
            "day for a week, then one a week, then one a month for a year). They help after a "
            "mistake, not if this computer fails: for that, back up to a stick."
        )
        about.setWordWrap(True)
        self.copies = QListWidget()
        self.copies.setAccessibleName("Copies on this computer")
        self.copies_label = copies_label = QLabel("&Copies on this computer:")
        copies_label.setBuddy(self.copies)
        self.empty = QLabel(NO_COPIES)
        self.empty.setWordWrap(True)
        self.restore_copy_button = QPushButton("Restore this cop&y\u2026")
        self.restore_copy_button.clicked.connect(self._restore_copy)
        self.restore_file_button = QPushButton("&Restore from a backup file\u2026")
        self.restore_file_button.clicked.connect(lambda: self.restore_requested.emit(None))
        self.not_allowed = QLabel(
            "Only an administrator can restore records from a backup or a copy."
        )
        self.not_allowed.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_copy_button)
        buttons.addWidget(self.restore_file_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(copies_label)
        layout.addWidget(self.copies)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(self.not_allowed)
        for button in (self.restore_copy_button, self.restore_file_button):
            button.setVisible(self.may_restore)
        self.not_allowed.setVisible(not self.may_restore)
        self.copies.itemSelectionChanged.connect(self._selection_changed)
        self.copies.itemActivated.connect(lambda _item: self._restore_copy())

    def show_copies(self) -> None:
        self.copies.clear()
        for copy in list_local_copies(self.ctx.paths):
            try:
                size = size_text(copy.path.stat().st_size)
            except OSError:
                continue  # removed meanwhile (thinned by another close)
            item = QListWidgetItem(f"{long_date(copy.made_on)} \u2014 {size}")
            item.setData(Qt.ItemDataRole.UserRole, copy.path)
            item.setToolTip(copy.path.name)
            self.copies.addItem(item)
        has_copies = self.copies.count() > 0
        self.copies.setVisible(has_copies)
        self.copies_label.setVisible(has_copies)
        self.empty.setVisible(not has_copies)
        if has_copies:
            self.copies.setCurrentRow(0)
        # Tall enough for a week of copies; more scroll.
        rows = min(max(self.copies.count(), 1), 7)
        self.copies.setFixedHeight(self.copies.sizeHintForRow(0) * rows + 6)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_copy_button.setEnabled(self.copies.currentItem() is not None)

    def _restore_copy(self) -> None:
        item = self.copies.currentItem()
        if item is not None and self.may_restore:
            self.restore_requested.emit(item.data(Qt.ItemDataRole.UserRole))
