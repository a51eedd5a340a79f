"""A demo charity for the "Save as PDF" tests: its strategy, plan, evaluations and claims."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from involve_desktop.app import AppContext
from involve_desktop.ui.dialogs.pdf_saved_dialog import PdfSavedDialog

TODAY = date(2026, 11, 26)


def text_of(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def saved_dialogs() -> list[PdfSavedDialog]:
    """The "PDF saved" dialogs on screen now."""
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, PdfSavedDialog) and widget.isVisible()
    ]


def close_saved_dialogs() -> None:
    """Close them as Esc would; they delete themselves, which is done at once here."""
    for dialog in saved_dialogs():
        dialog.reject()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def person_with_claims(ctx: AppContext, first: date, last: date) -> tuple[int, str, str]:
    """(id, first name, last name) of someone the demo paid for work between the dates."""
    from sqlalchemy import select

    from involve_desktop.db.models import Person
    from involve_desktop.db.money_models import Claim
    from involve_desktop.domain.claims import ClaimStatus

    with ctx.database().session_scope() as session:
        person = session.scalars(
            select(Person)
            .join(Claim, Claim.person_id == Person.id)
            .where(Claim.status == ClaimStatus.PAID.value)
            .where(Claim.work_date.between(first, last))
            .order_by(Person.id)
        ).first()
        assert person is not None
        return person.id, person.first_name, person.last_name
