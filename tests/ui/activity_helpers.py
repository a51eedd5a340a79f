"""Putting activities and attendance in place for screen tests, through the real services."""

from __future__ import annotations

from datetime import date

from involve_desktop.domain.activities import Attendance
from involve_desktop.domain.activity_record import ActivityDetails
from involve_desktop.services.activities import save_activity
from involve_desktop.services.attendance import set_attendance
from tests.ui.people_helpers import TODAY

PURPOSE = "To hear what families think before the service changes."


def add_activity(ctx, title: str, held_on: date, **details) -> int:
    details.setdefault("purpose", PURPOSE)
    with ctx.database().session_scope() as session:
        return save_activity(
            session,
            ctx.actor,
            ActivityDetails(title=title, held_on=held_on, **details),
            today=TODAY,
        )


def take_part(
    ctx, activity_id: int, person_id: int, status: Attendance = Attendance.INVITED
) -> None:
    with ctx.database().session_scope() as session:
        set_attendance(session, ctx.actor, activity_id, person_id, status=status, today=TODAY)


def close_dialogs(screen) -> None:
    """Close what a test left open (without questions), so no window stays modal."""
    from PySide6.QtWidgets import QDialog

    for dialog in screen.findChildren(QDialog):
        dialog.done(0)
