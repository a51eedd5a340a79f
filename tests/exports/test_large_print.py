"""Large print on the demo charity, read back from the PDF: words in table cells are never
broken inside a word, whatever the column, and the claim form's office box too."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from involve_desktop.db.models import Staff
from involve_desktop.db.money_models import Claim
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.roles import Role
from involve_desktop.exports.make_document import make_document
from involve_desktop.services.demo import build_demo
from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
from tests.db.register_helpers import staff_member

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from involve_desktop.db.engine import Database
    from tests.conftest import TEST_KEY, prepare_database

    path = tmp_path_factory.mktemp("demo") / "involve.db"
    prepare_database(path, key=TEST_KEY)
    database = Database(path, key=TEST_KEY)
    with database.session_scope() as session:
        # As `involve demo` makes it: the demo's work is done by this staff member.
        session.add(Staff(name="Demo Administrator", role=Role.ADMINISTRATOR.value))
        session.flush()
        build_demo(session, people=60, today=TODAY)
    yield database
    database.close()


def said(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def broken_names(words: str) -> list[str]:
    """Pieces of "Administrator" that stand alone: the word was broken across lines."""
    return [
        found
        for found in re.findall(r"\bAdmin\w*|\w*istrator\b", words)
        if found != "Administrator"
    ]


def test_large_print_never_breaks_a_word_in_a_table(demo, tmp_path):
    admin = staff_member(demo, Role.ADMINISTRATOR, "Priya Shah")
    with demo.session_scope() as session:
        claim = session.scalars(
            select(Claim).where(Claim.status == ClaimStatus.PAID.value).order_by(Claim.id)
        ).first()
        claim_id, person_id = claim.id, claim.person_id
    requests = {
        "person": DocumentRequest(DocumentKind.PERSON, person_id=person_id, large_print=True),
        "annual": DocumentRequest(DocumentKind.ANNUAL_REPORT, large_print=True),
        "claim": DocumentRequest(DocumentKind.CLAIM_FORM, claim_id=claim_id, large_print=True),
    }
    for name, request in requests.items():
        target = tmp_path / f"{name}.pdf"
        make_document(demo, admin, request, target, TODAY)
        words = said(target)
        assert "Demo Administrator" in words, name
        assert broken_names(words) == [], name
