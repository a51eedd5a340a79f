"""Packs and the one request shape every printed document is made from, read back from the
PDF: the cover, the contents, one top-level bookmark per document in print order, each
document's own name at the foot of its pages, and what happens when a document cannot be
made or a person's details are given out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from involve_desktop.cli_export import KIND_HELP
from involve_desktop.db.cycle_models import Evaluation
from involve_desktop.db.models import Person
from involve_desktop.domain.roles import Role
from involve_desktop.errors import KnownError
from involve_desktop.exports.make_document import make_document
from involve_desktop.services.audit import AuditAction, list_events
from involve_desktop.services.demo import build_demo
from involve_desktop.services.report_documents import (
    PACK_KINDS,
    DocumentKind,
    DocumentRequest,
    pack_choices,
    suggested_file_name,
    year_starting_in,
)
from tests.db.register_helpers import staff_member
from tests.exports.pdf_checks import blank_pages

TODAY = date(2026, 11, 26)
PACK = DocumentRequest(DocumentKind.PACK, pack=PACK_KINDS)


@pytest.fixture
def demo(empty_database):
    from involve_desktop.db.engine import Database
    from tests.conftest import TEST_KEY

    database = Database(empty_database, key=TEST_KEY)
    with database.session_scope() as session:
        build_demo(session, people=60, today=TODAY)
    yield database
    database.close()


def outline(reader: PdfReader) -> list[tuple[str, int, int]]:
    """(title, depth, page number) for every bookmark, in order."""
    found: list[tuple[str, int, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((item.title, depth, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def words(page) -> str:
    return " ".join(page.extract_text().split())


def test_a_pack_has_a_cover_contents_and_each_document_under_its_own_bookmark(demo, tmp_path):
    target = tmp_path / "pack.pdf"
    pages = make_document(demo, None, PACK, target, TODAY)
    reader = PdfReader(target)
    assert len(reader.pages) == pages > 10
    assert blank_pages(target) == [], "a page with nothing between its header and foot"
    cover, listing = words(reader.pages[0]), words(reader.pages[1])
    assert "Involvement pack 2025/26" in cover
    assert "This pack holds 5 documents" in cover
    assert "Page 1 of" in cover

    documents = [(title, page) for title, depth, page in outline(reader) if depth == 0]
    assert [title.split()[0] for title, _page in documents] == [
        "Annual",
        "Involvement",  # the strategy's own title
        "Action",
        "Yearly",
        "Claim",
    ]
    assert documents[0][0] == "Annual involvement report 2025/26"
    assert [page for _title, page in documents] == sorted(page for _title, page in documents)
    for title, page in documents:
        assert title in listing, f"{title} is missing from the contents"
        first = words(reader.pages[page - 1])
        # Each document starts on its own page and names itself at the foot of it.
        assert first.count(title) >= 1
        assert f"Page {page} of {pages}" in first
    # Sections sit one level under their document.
    sections = [title for title, depth, _page in outline(reader) if depth == 1]
    assert "The year at a glance" in sections and "Standards self-assessment" in sections
    assert "The year at a glance" in listing


def test_a_pack_holds_only_what_was_ticked_in_the_packs_own_order(demo, tmp_path):
    chosen = DocumentRequest(
        DocumentKind.PACK, pack=(DocumentKind.CLAIM_FORM, DocumentKind.STRATEGY)
    )
    target = tmp_path / "two.pdf"
    make_document(demo, None, chosen, target, TODAY)
    tops = [title for title, depth, _page in outline(PdfReader(target)) if depth == 0]
    assert len(tops) == 2
    assert tops[0].startswith("Involvement strategy") and tops[1] == "Claim form"


def test_large_print_carries_through_a_pack(demo, tmp_path):
    chosen = DocumentRequest(DocumentKind.PACK, pack=(DocumentKind.STRATEGY,))
    normal = make_document(demo, None, chosen, tmp_path / "normal.pdf", TODAY)
    large = make_document(demo, None, replace(chosen, large_print=True), tmp_path / "l.pdf", TODAY)
    assert large > normal


def test_a_pack_with_nothing_ticked_says_so_and_writes_nothing(demo, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(KnownError, match="Tick at least one document"):
        make_document(demo, None, DocumentRequest(DocumentKind.PACK), out / "empty.pdf", TODAY)
    assert list(out.iterdir()) == []


def test_a_year_with_no_evaluation_is_refused_in_words_and_nothing_is_left_behind(demo, tmp_path):
    with demo.session_scope() as session:
        years = session.scalars(select(Evaluation.year_start)).all()
        bare = year_starting_in(session, 2020)
        choices = {choice.kind: choice for choice in pack_choices(session, bare, TODAY)}
    assert bare not in years
    assert not choices[DocumentKind.EVALUATION].available
    assert choices[DocumentKind.EVALUATION].why_not == (
        "There is no yearly evaluation for 2020/21."
    )
    assert choices[DocumentKind.ANNUAL_REPORT].available
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(KnownError, match="no yearly evaluation for 2020/21"):
        make_document(demo, None, replace(PACK, year_first=bare), out / "pack.pdf", TODAY)
    assert list(out.iterdir()) == []


def test_a_year_not_yet_started_cannot_have_its_annual_report(demo):
    with demo.session_scope() as session:
        later = year_starting_in(session, 2030)
        choices = {choice.kind: choice for choice in pack_choices(session, later, TODAY)}
    assert "has not started yet" in choices[DocumentKind.ANNUAL_REPORT].why_not
    assert choices[DocumentKind.CLAIM_FORM].available


def test_a_missing_folder_is_a_plain_message(demo, tmp_path):
    target = tmp_path / "gone" / "pack.pdf"
    with pytest.raises(KnownError, match="could not write"):
        make_document(demo, None, DocumentRequest(DocumentKind.CLAIM_FORM), target, TODAY)
    assert not target.exists()


def test_giving_out_a_persons_details_is_recorded_but_not_their_name(demo, tmp_path):
    admin = staff_member(demo, Role.ADMINISTRATOR, "Priya Shah")
    with demo.session_scope() as session:
        person = session.scalars(select(Person).limit(1)).one()
        person_id, surname = person.id, person.last_name
        year = year_starting_in(session, 2025)
    statement = DocumentRequest(DocumentKind.STATEMENT, person_id=person_id, year_first=year)
    record = DocumentRequest(DocumentKind.PERSON, person_id=person_id)
    make_document(demo, admin, statement, tmp_path / "statement.pdf", TODAY)
    make_document(demo, admin, record, tmp_path / "record.pdf", TODAY)
    with demo.session_scope() as session:
        events = list_events(session, admin)
        assert [event.action for event in events[:2]] == [
            AuditAction.EXPORTED_PERSON,
            AuditAction.EXPORTED_PAYMENT_STATEMENT,
        ]
        assert all(event.subject == f"person {person_id}" for event in events[:2])
        names = {suggested_file_name(session, request, TODAY) for request in (statement, record)}
    assert names == {
        f"Payment statement, record {person_id}, 2025-26.pdf",
        f"Everything we hold, record {person_id}, 2026-11-26.pdf",
    }
    assert not any(surname in name for name in names)


def test_file_names_are_safe_on_windows(demo):
    with demo.session_scope() as session:
        names = [
            suggested_file_name(session, DocumentRequest(kind), TODAY)
            for kind in (DocumentKind.ANNUAL_REPORT, DocumentKind.PACK, DocumentKind.CLAIM_FORM)
        ]
    assert names == [
        "Annual involvement report 2025-26.pdf",
        "Involvement pack 2025-26.pdf",
        "Claim form (blank).pdf",
    ]


def test_the_command_line_offers_every_kind_of_document():
    assert list(KIND_HELP) == [kind.value for kind in DocumentKind]


def test_every_written_file_is_whole(demo, tmp_path: Path):
    """No temporary file is left beside the saved one."""
    out = tmp_path / "out"
    out.mkdir()
    make_document(demo, None, DocumentRequest(DocumentKind.STRATEGY), out / "s.pdf", TODAY)
    assert [path.name for path in out.iterdir()] == ["s.pdf"]


def test_a_persons_record_that_cannot_be_recorded_in_the_trail_is_not_given_out(demo, tmp_path):
    from involve_desktop.services.permissions import Actor

    with demo.session_scope() as session:
        person_id = session.scalars(select(Person.id).limit(1)).one()
    nobody = Actor(99_999, "A removed staff member", Role.ADMINISTRATOR)  # no such staff row
    out = tmp_path / "out"
    out.mkdir()
    request = DocumentRequest(DocumentKind.PERSON, person_id=person_id)
    with pytest.raises(IntegrityError):  # the database refuses the trail entry
        make_document(demo, nobody, request, out / "record.pdf", TODAY)
    assert list(out.iterdir()) == []


def test_a_filled_claim_form_is_recorded_against_its_claim_and_a_blank_one_is_not(demo, tmp_path):
    from involve_desktop.db.money_models import Claim
    from involve_desktop.services.claims import CLAIM
    from involve_desktop.services.report_documents import is_audited

    admin = staff_member(demo, Role.ADMINISTRATOR, "Priya Shah")
    with demo.session_scope() as session:
        claim_id = session.scalars(select(Claim.id).order_by(Claim.id).limit(1)).one()
    filled = DocumentRequest(DocumentKind.CLAIM_FORM, claim_id=claim_id)
    blank = DocumentRequest(DocumentKind.CLAIM_FORM)
    assert is_audited(filled) and not is_audited(blank)
    make_document(demo, admin, blank, tmp_path / "blank.pdf", TODAY)
    make_document(demo, admin, filled, tmp_path / "filled.pdf", TODAY)
    with demo.session_scope() as session:
        events = list_events(session, admin, action=AuditAction.EXPORTED_CLAIM_FORM)
    assert [(event.action, event.subject) for event in events] == [
        ("saved a claim form", f"{CLAIM} {claim_id}")
    ]
    assert len(AuditAction.EXPORTED_CLAIM_FORM) <= 40


def _pack_text(demo, tmp_path, year: int, kinds=PACK_KINDS) -> tuple[str, str]:
    with demo.session_scope() as session:
        first = year_starting_in(session, year)
    request = DocumentRequest(DocumentKind.PACK, year_first=first, pack=kinds)
    target = tmp_path / f"pack-{year}.pdf"
    make_document(demo, None, request, target, TODAY)
    pages = [words(page) for page in PdfReader(target).pages]
    return pages[0], " ".join(pages)


def test_a_pack_for_a_past_year_holds_the_strategy_and_plan_in_force_that_year(demo, tmp_path):
    # The demo's version 1 ran 2023 to 2026 and was replaced by version 2 (2026 to 2029).
    cover, said = _pack_text(demo, tmp_path, 2025)
    assert (
        "Involvement strategy 2023 to 2026 (version 1) — The involvement strategy in force "
        "in 2025/26 (version 1, since replaced)" in cover
    )
    assert "Every action of that strategy's plan (version 1, since replaced)" in cover
    assert "The current involvement strategy" not in cover
    assert "Version 1 · replaced on 1 April 2026" in said
    assert "Version 1 of the strategy, 1 April 2023 to 31 March 2026" in said
    assert "Shown here: All actions" in said
    # The annual report's plan ahead is the plan for the year after: version 2's.
    plan_ahead = said.split("Next year's plan")[-1]
    assert plan_ahead.startswith(
        " From Involvement strategy 2026 to 2029 (1 April 2026 to 31 March 2029)"
    )


def test_a_pack_for_the_year_now_running_holds_the_current_strategy(demo, tmp_path):
    kinds = (DocumentKind.ANNUAL_REPORT, DocumentKind.STRATEGY, DocumentKind.ACTION_PLAN)
    cover, said = _pack_text(demo, tmp_path, 2026, kinds)
    assert "The current involvement strategy" in cover
    assert "since replaced" not in cover
    assert "Version 2 · current since 1 April 2026" in said
    assert "Version 1 ·" not in said
    assert "Shown here: Open actions" in said


def test_an_earlier_years_report_plans_ahead_with_the_strategy_covering_the_next_year(demo):
    from involve_desktop.services.report_annual import annual_report

    with demo.session_scope() as session:
        earlier = annual_report(session, date(2024, 4, 1), date(2025, 3, 31), TODAY)
        latest = annual_report(session, date(2025, 4, 1), date(2026, 3, 31), TODAY)
    assert earlier.strategy_period == (date(2023, 4, 1), date(2026, 3, 31))
    assert latest.strategy_period == (date(2026, 4, 1), date(2029, 3, 31))


def test_the_strategy_asked_for_by_year_alone_is_the_one_its_pack_holds(demo, tmp_path):
    with demo.session_scope() as session:
        year = year_starting_in(session, 2025)
        choices = {choice.kind: choice for choice in pack_choices(session, year, TODAY)}
    assert "in force in 2025/26 (version 1" in choices[DocumentKind.STRATEGY].description
    for kind, expected in (
        (DocumentKind.STRATEGY, "Version 1 · replaced on 1 April 2026"),
        (DocumentKind.ACTION_PLAN, "Shown here: All actions"),
    ):
        target = tmp_path / f"{kind.value}.pdf"
        make_document(demo, None, DocumentRequest(kind, year_first=year), target, TODAY)
        assert expected in " ".join(words(page) for page in PdfReader(target).pages)
    current = tmp_path / "current.pdf"
    make_document(demo, None, DocumentRequest(DocumentKind.STRATEGY), current, TODAY)
    assert "Version 2 · current" in words(PdfReader(current).pages[0])
