"""A demo charity for the "Save as PDF" tests: its strategy, plan, evaluations and claims."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from involve_desktop.app import AppContext
from involve_desktop.db.sqlite_file import read_startup_facts
from involve_desktop.ui.dialogs.pdf_saved_dialog import PdfSavedDialog
from tests.conftest import TEST_KEY

TODAY = date(2026, 11, 26)


@pytest.fixture
def demo_ctx(qapp, paths, empty_database) -> Iterator[AppContext]:
    """The demo charity (60 people, two evaluated years), its administrator signed in."""
    from involve_desktop.db.engine import Database
    from involve_desktop.db.models import Staff
    from involve_desktop.domain.roles import Role
    from involve_desktop.services.demo import build_demo
    from involve_desktop.services.permissions import Actor

    database = Database(empty_database, key=TEST_KEY)
    with database.session_scope() as session:
        build_demo(session, people=60, today=TODAY)
        admin = Staff(name="Priya Shah", role=Role.ADMINISTRATOR.value)
        session.add(admin)
        session.flush()
        actor = Actor(admin.id, admin.name, Role.ADMINISTRATOR)
    database.close()
    context = AppContext(
        paths, read_startup_facts(paths.database, key=TEST_KEY), key=TEST_KEY, actor=actor
    )
    context.database()
    yield context
    context.close()


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
