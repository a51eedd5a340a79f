"""The reminder of the yearly evaluation across the top of the screen: an icon and the
reminder in words, and one button that starts the evaluation or opens it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from involve_desktop.services.evaluation_reminder import EvaluationReminder, ReminderState


class ReminderBanner(QFrame):
    """`start_requested(reminder)` or `open_requested(evaluation_id)` from its button."""

    start_requested = Signal(object)
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.reminder: EvaluationReminder | None = None
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Reminder")
        self.button = QPushButton()
        row = QHBoxLayout(self)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.button.clicked.connect(self._clicked)
        self.setVisible(False)

    def show_reminder(self, reminder: EvaluationReminder | None) -> None:
        self.reminder = reminder
        self.setVisible(reminder is not None)
        if reminder is None:
            return
        overdue = reminder.state is ReminderState.OVERDUE
        icon = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if overdue
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        size = self.fontMetrics().height() * 2
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(size))
        self.icon.setAccessibleName("Overdue" if overdue else "Reminder")
        self.text.setText(reminder.text)
        # One mnemonic letter (O) for both wordings, so Alt+O always means this button.
        if reminder.evaluation_id is None:
            self.button.setText(f"Start the {reminder.label} evaluati&on")
        else:
            self.button.setText("&Open it")
        self.button.setAccessibleName(
            self.button.text().replace("&", "")
            + ("" if reminder.evaluation_id is None else f": the {reminder.label} evaluation")
        )

    def _clicked(self) -> None:
        if self.reminder is None:
            return
        if self.reminder.evaluation_id is None:
            self.start_requested.emit(self.reminder)
        else:
            self.open_requested.emit(self.reminder.evaluation_id)
