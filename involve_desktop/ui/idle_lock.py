"""The idle lock: after a quiet spell the window hides everything until the password is given.

Nothing is closed or reloaded: the screens, with any unsaved edits, stay alive underneath a
lock panel, and come back exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from involve_desktop.errors import KnownError
from involve_desktop.ui.progress import run_with_progress
from involve_desktop.ui.widgets.form_section import FieldError

ACTIVITY_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}
# (password) → None, or raises KnownError when it is wrong
CheckPassword = Callable[[str], None]


class LockPanel(QWidget):
    """What a locked window shows: who it belongs to, and a password box."""

    def __init__(self, check_password: CheckPassword, on_unlocked: Callable[[], None]) -> None:
        super().__init__()
        self.check_password = check_password
        self.on_unlocked = on_unlocked
        self.message = QLabel()
        self.message.setWordWrap(True)
        # Room for the wrapped message before the first layout pass has measured it.
        self.message.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("Password")
        self.error = FieldError(self.password_edit)
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.password_edit.returnPressed.connect(self.try_unlock)
        column = QWidget()
        column.setMaximumWidth(self.fontMetrics().averageCharWidth() * 60)
        inner = QVBoxLayout(column)
        for widget in (self.message, self.password_edit, self.error, self.unlock_button):
            inner.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 2)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def prepare(self, who: str) -> None:
        self.message.setText(
            f"<b>Involve is locked</b> because it was not used for a while. {escape(who)}, "
            "type your password to carry on: nothing has been lost."
        )
        self.password_edit.clear()
        self.error.show_message("")
        self.password_edit.setFocus()

    def try_unlock(self) -> None:
        password = self.password_edit.text()
        try:
            run_with_progress(
                self, "Unlocking", "Checking\u2026", lambda: self.check_password(password)
            )
        except KnownError as problem:
            self.error.show_message(problem.message)
            self.password_edit.selectAll()
            return
        self.on_unlocked()


class IdleWatcher(QObject):
    """Calls `on_idle` after `minutes` without keyboard or mouse use anywhere in the app."""

    def __init__(self, minutes: int, on_idle: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(on_idle)
        self.set_minutes(minutes)
        QApplication.instance().installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.start()

    def restart(self) -> None:
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self.timer.start()
        return False
