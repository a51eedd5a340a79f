"""The strategy as a PDF, read back as text: its title, standing, budget, approval and every
section in the charity's own words; a passed review date said in words; names in any script
printed as written; large print on more pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from involve_desktop.db.models import Staff
from involve_desktop.domain.learning_cycle import StrategyStatus
from involve_desktop.domain.roles import Role
from involve_desktop.exports.document import DocumentHeader, PdfOptions
from involve_desktop.exports.strategy_pdf import write_strategy_pdf
from involve_desktop.services.demo import build_demo
from involve_desktop.services.report_strategy import (
    StrategyPassage,
    StrategySection,
    strategy_report,
)
from involve_desktop.services.strategy import list_strategies
from tests.db.plan_helpers import make_strategy

TODAY = date(2026, 11, 26)
MADE_ON = date(2026, 11, 26)
HEADER = DocumentHeader("Riverside Members' Voice", charity_number="1234567")


def words(path: Path | BytesIO) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def page_count(path: Path | BytesIO) -> int:
    return len(PdfReader(path).pages)


@pytest.fixture
def demo(database):
    with database.session_scope() as session:
        session.add(Staff(name="Demo Administrator", role=Role.ADMINISTRATOR.value))
        session.flush()
        build_demo(session, people=60, today=TODAY)
    return database


def test_the_current_strategy_prints_its_standing_facts_and_every_section(demo, tmp_path):
    with demo.session_scope() as session:
        report = strategy_report(session, None, TODAY)
    target = tmp_path / "strategy.pdf"
    pages = write_strategy_pdf(report, target, HEADER, PdfOptions(), MADE_ON)
    said = words(target)
    assert pages == page_count(target)
    assert 1 <= pages <= 3
    assert "Involvement strategy 2026 to 2029" in said
    assert "Version 2 · current since 1 April 2026" in said
    assert "Period: 1 April 2026 to 31 March 2029" in said
    assert "Budget: £15,000.00" in said
    assert "Approved by The board of trustees on 12 March 2026." in said
    assert "To be reviewed by 31 March 2027." in said
    assert "has passed" not in said
    for section in report.sections:
        assert section.heading in said
        for passage in section.passages:
            assert passage.heading in said
    assert "Why we involve members" in said  # the demo charity's own word
    assert "Riverside Members' Voice" in said
    assert f"Page 1 of {pages}" in said
    assert "Made on 26 November 2026" in said


def test_a_replaced_version_prints_when_it_was_replaced(demo):
    with demo.session_scope() as session:
        past = next(r for r in list_strategies(session) if r.status is StrategyStatus.PAST)
        report = strategy_report(session, past.id, TODAY)
    target = BytesIO()
    write_strategy_pdf(report, target, HEADER, PdfOptions(), MADE_ON)
    said = words(target)
    assert "Version 1 · replaced on 1 April 2026" in said
    assert "Involvement strategy 2023 to 2026" in said


def test_a_passed_review_date_and_long_text_in_any_script(database, tmp_path):
    long_purpose = "\n".join(
        f"Paragraph {number}: Siân ap Gwilym, Łukasz Wiśniewski and 王芳 asked for a real say "
        "in how every service is planned, run and checked, and for payment on the day. " * 4
        for number in range(1, 13)
    )
    with database.session_scope() as session:
        make_strategy(
            session,
            review_on=date(2026, 10, 1),
            made_current_on=date(2026, 4, 1),
            approved_by="Trustees' meeting",
            approved_on=date(2026, 3, 1),
            budget_pence=1_234_56,
        )
        report = strategy_report(session, None, TODAY)
    first = StrategySection("Why and what", (StrategyPassage("Why we involve", long_purpose),))
    report = replace(report, sections=(first, *report.sections[1:]))
    normal, large = tmp_path / "normal.pdf", tmp_path / "large.pdf"
    normal_pages = write_strategy_pdf(report, normal, HEADER, PdfOptions(), MADE_ON)
    large_pages = write_strategy_pdf(report, large, HEADER, PdfOptions(large_print=True), MADE_ON)
    said = words(normal)
    assert "The review date has passed" in said
    assert "Budget: £1,234.56" in said
    assert "Siân ap Gwilym" in said and "Łukasz Wiśniewski" in said and "王芳" in said
    assert "Paragraph 12:" in said  # long text runs on, nothing cut off
    assert normal_pages >= 2
    assert large_pages > normal_pages
    assert "Paragraph 12:" in words(large)


def test_the_bookmarks_are_the_sections(demo, tmp_path):
    with demo.session_scope() as session:
        report = strategy_report(session, None, TODAY)
    target = tmp_path / "strategy.pdf"
    write_strategy_pdf(report, target, HEADER, PdfOptions(), MADE_ON)
    outline = PdfReader(target).outline
    titles = [entry.title for entry in outline if not isinstance(entry, list)]
    assert titles == [section.heading for section in report.sections]
