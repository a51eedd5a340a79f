"""Saying something to screen readers that did not come from the focused control: a
confirmation such as "Copied", shown in a label the user is not on."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel


def show_and_announce(label: QLabel, message: str) -> None:
    """Show `message` in `label` and have screen readers say it (politely: after what they
    are saying). The label's accessible description carries it too, for those that read
    descriptions rather than announcements."""
    label.setText(message)
    label.setAccessibleDescription(message)
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(label, message))
