"""The main window's side of backups: the status bar's "Last backup to a stick: 3 days ago",
its gentle reminder, and what happens when the window closes.

The reminder shows when a backup to a stick is older than the interval the charity chose,
and not again for a few days after "Not now" (`backup_settings.should_remind`): a line in
the status bar with two buttons, never a box that stops work. On closing, the same question
is asked once ("Back up now" / "Not now" / "Cancel"), and today's automatic local copy is
made if there is none yet (at most one a day, with a bar while it is written and checked).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from involve_desktop.app import AppContext
from involve_desktop.errors import KnownError
from involve_desktop.ui import ops, prompts
from involve_desktop.ui.progress import run_with_progress

# The services (and so SQLAlchemy) are imported inside the functions below: the main window
# makes this widget before it is shown, and the database layer loads after that (decision 002).

log = logging.getLogger(__name__)

BACK_UP_NOW = "Back up now"
NOT_NOW = "Not now"
REMINDER = "\u26a0 Time for a backup to a stick."


class OnClose(Enum):
    CLOSE = "close"
    BACK_UP = "back up"  # stay open, on the Backup screen
    STAY = "stay"  # Cancel: stay open where the user was


class BackupStatus(QWidget):
    """The status bar's backup line: a link to the Backup area, and the reminder when due."""

    back_up_requested = Signal()

    def __init__(
        self, ctx: AppContext, today: Callable[[], date] = date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.label = QLabel()
        self.label.setAccessibleName("Last backup to a stick")
        self.label.setToolTip("Open the Backup area (File \u2192 Back up now\u2026)")
        self.label.linkActivated.connect(lambda _link: self.back_up_requested.emit())
        self.reminder = QLabel(REMINDER)
        self.reminder.setAccessibleName("Backup reminder")
        # The status bar is shared and the text may be large: the words may be cut short
        # rather than push the window wider than the screen.
        for label in (self.label, self.reminder):
            label.setMinimumWidth(label.fontMetrics().averageCharWidth() * 8)
        self.back_up_button = QPushButton(BACK_UP_NOW)
        self.back_up_button.setAccessibleName("Back up now: open the Backup area")
        self.back_up_button.clicked.connect(self.back_up_requested.emit)
        self.not_now_button = QPushButton(NOT_NOW)
        self.not_now_button.setAccessibleName("Not now: remind me in a few days")
        self.not_now_button.clicked.connect(self.not_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.reminder, self.back_up_button, self.not_now_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._show_reminder(False)

    @property
    def reminding(self) -> bool:
        return not self.reminder.isHidden()

    def refresh(self, *, remind: bool = False) -> None:
        """Read the settings again. With `remind`, show the reminder if it is due (once the
        records are ready at start); otherwise only hide it once a backup is made."""
        from involve_desktop.services.backup_settings import load, should_remind
        from involve_desktop.ui.screens.backup.backup_words import last_backup_text, reminder_text

        state = ops.query(self.ctx, load)
        today = self.today()
        self.label.setText(f'<a href="backup">{last_backup_text(state, today)}</a>')
        due = should_remind(state, today)
        if remind or not due:
            self._show_reminder(due)
        if due:
            # Short, as the status bar is shared; the whole sentence is in the tooltip.
            why = reminder_text(state, today)
            self.reminder.setToolTip(why)
            self.reminder.setAccessibleDescription(why)

    def not_now(self) -> None:
        from involve_desktop.services.backup_settings import dismiss_reminder

        ops.change(self.ctx, "backup", dismiss_reminder, self.today())
        self._show_reminder(False)

    def _show_reminder(self, shown: bool) -> None:
        for widget in (self.reminder, self.back_up_button, self.not_now_button):
            widget.setVisible(shown)


def ask_before_closing(ctx: AppContext, parent: QWidget, today: date) -> OnClose:
    """When a backup is due (and not put off), offer it before closing."""
    from involve_desktop.services.backup_settings import dismiss_reminder, load, should_remind
    from involve_desktop.ui.screens.backup.backup_words import reminder_text

    state = ops.query(ctx, load)
    if not should_remind(state, today):
        return OnClose.CLOSE
    answer = prompts.ask_choice(
        parent,
        "Back up before closing?",
        f"{reminder_text(state, today)}\n\nBack up now, before Involve closes? It takes a "
        "minute with a USB stick.",
        (BACK_UP_NOW, NOT_NOW),
    )
    if answer == BACK_UP_NOW:
        return OnClose.BACK_UP
    if answer == NOT_NOW:
        ops.change(ctx, "backup", dismiss_reminder, today)
        return OnClose.CLOSE
    return OnClose.STAY


def keep_local_copy(ctx: AppContext, parent: QWidget | None, now: datetime | None = None) -> bool:
    """Today's automatic copy in the data folder, if none was made today; True if one was
    made. A copy that cannot be made is said, and closing goes on: the records are safe."""
    from involve_desktop.services.backups import local_copy_on_close

    when = now or datetime.now()
    database, paths, key = ctx.database(), ctx.paths, ctx.key
    try:
        made = run_with_progress(
            parent,
            "Keeping today's copy",
            "Keeping a copy of today's records on this computer\u2026",
            lambda: local_copy_on_close(database, paths, key, now=when),
            still="Today's copy of the records is still being made.",
        )
    except KnownError as problem:
        log.warning("Today's local copy was not made (%s)", type(problem).__name__)
        prompts.show_problem(
            parent,
            "Today's copy was not made",
            f"{problem.message} Your records themselves are safe.",
        )
        return False
    return made is not None
