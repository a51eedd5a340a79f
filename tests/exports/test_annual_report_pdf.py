"""The annual involvement report, read back from the PDF: the numbers printed are
year_figures' own (on the demo charity), and nobody is quoted without their consent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.person_record import Consent, PersonDetails
from involve_desktop.exports.annual_report_pdf import write_annual_report_pdf
from involve_desktop.exports.document import DocumentHeader, PdfOptions
from involve_desktop.services.demo import build_demo
from involve_desktop.services.people import save_person
from involve_desktop.services.report_annual import (
    NOT_QUOTED,
    AnnualReport,
    annual_report,
    report_year,
)
from involve_desktop.services.year_figures import YearFigures, year_figures
from tests.db.impact_helpers import add_impact
from tests.exports.pdf_checks import blank_pages

TODAY = date(2026, 11, 26)
HEADER = DocumentHeader("Riverside Voices (demo)", charity_number="1234567")
APRIL_YEAR = (date(2025, 4, 1), date(2026, 3, 31))


def pages_of(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def written(report: AnnualReport, tmp_path: Path, large: bool = False) -> tuple[int, str]:
    path = tmp_path / f"annual-{large}.pdf"
    count = write_annual_report_pdf(report, path, HEADER, PdfOptions(large_print=large), TODAY)
    pages = pages_of(path)
    assert len(pages) == count
    assert blank_pages(path) == [], "a page with nothing between its header and foot"
    return count, " ".join(pages)


@pytest.fixture
def demo(empty_database):
    from involve_desktop.db.engine import Database
    from tests.conftest import TEST_KEY

    database = Database(empty_database, key=TEST_KEY)
    with database.session_scope() as session:
        build_demo(session, people=60, today=TODAY)
    yield database
    database.close()


def demo_report(database) -> tuple[AnnualReport, YearFigures]:
    with database.session_scope() as session:
        first, last = report_year(session, TODAY)
        made = annual_report(session, first, last, TODAY)
        # Worked out again, on its own: the document must print exactly these.
        return made, year_figures(session, first, last, TODAY)


@pytest.mark.parametrize("large", [False, True])
def test_the_figures_printed_are_year_figures(demo, tmp_path, large):
    made, figures = demo_report(demo)
    _count, printed = written(made, tmp_path, large)
    assert made.figures == figures
    for sentence in figures.summaries:
        assert " ".join(sentence.split()) in printed, sentence
    people = figures.people
    assert people.total > 0
    for level, count in zip(
        ("Observing", "Contributing", "Collaborating", "Leading"), people.by_level, strict=True
    ):
        assert f"{level} {count:,}" in printed
    assert f"All levels {people.total:,}" in printed
    money = figures.money
    assert money.budgets
    assert f"Fees (time and expertise) {format_pence(money.fees_paid_pence)}" in printed
    assert f"Total paid {format_pence(money.paid_pence)}" in printed
    budgets = (
        ("Allocated", money.allocated_pence),
        ("Committed", money.committed_pence),
        ("Paid", money.budget_paid_pence),
        ("Left", money.remaining_pence),
    )
    if large:  # one small table per budget: each figure beside its name
        for label, pence in budgets:
            assert f"{label} {format_pence(pence)}" in printed
    else:
        amounts = " ".join(format_pence(pence) for _label, pence in budgets)
        assert f"All budgets {amounts}" in printed
    for row in figures.activities.by_power:
        assert row.power.label in printed
    assert "Annual involvement report 2025/26" in printed
    assert f"{long_date(figures.first)} to {long_date(figures.last)}" in printed


def test_the_lists_behind_the_figures_are_printed(demo, tmp_path):
    made, _figures = demo_report(demo)
    _count, printed = written(made, tmp_path)
    for line in made.activities:
        assert line.title in printed
    for record in made.you_said:
        assert " ".join(record.said.split()) in printed
    assert made.plan
    for area in made.plan:
        for item in area.items:
            assert " ".join(item.action.split()) in printed
    for heading in (
        "Who took part",
        "What they did",
        "You said, we did",
        "Money",
        "Next year's plan",
    ):
        assert heading in printed
    # The charity's own word for people (the demo says "members").
    assert "members" in printed


def test_large_print_runs_to_more_pages(demo, tmp_path):
    made, _figures = demo_report(demo)
    normal, _ = written(made, tmp_path)
    large, _ = written(made, tmp_path, large=True)
    assert large > normal >= 2


def test_each_budget_prints_on_one_page_in_large_print(demo, tmp_path):
    made, figures = demo_report(demo)
    written(made, tmp_path, large=True)
    pages = pages_of(tmp_path / "annual-True.pdf")
    assert len(figures.money.budgets) >= 2
    for page in pages:
        # A budget's block runs Allocated, Committed, Paid, Left: all on the page or none.
        counts = {label: page.count(f"{label} £") for label in ("Allocated", "Committed", "Left")}
        assert len(set(counts.values())) == 1, counts
    assert sum(page.count("Left £") for page in pages) == len(figures.money.budgets) + 1
    # The chart above names its bars in the table's own words.
    assert "Approved, to be paid" not in " ".join(pages)


def add_named(database, first: str, last: str, consent: Consent) -> None:
    with database.session_scope() as session:
        details = PersonDetails(first, last, consent=consent, joined_on=date(2024, 1, 1))
        save_person(session, None, details, today=TODAY)


def test_nobody_is_quoted_without_their_consent(database, tmp_path):
    add_named(database, "Siân", "ap Gwilym", Consent(date(2024, 1, 1), to_contact=True))
    add_named(database, "Łukasz", "Wiśniewski", Consent(date(2024, 1, 1), to_quotes=True))
    day = date(2025, 6, 1)
    add_impact(
        database,
        "Papurau yn Gymraeg os gwelwch yn dda",
        today=day,
        source="Email from Siân ap Gwilym",
        changed="Papers now come in Welsh",
    )
    add_impact(database, "Więcej spotkań wieczorem", today=day, source="Łukasz Wiśniewski")
    with database.session_scope() as session:
        made = annual_report(session, *APRIL_YEAR, TODAY)
    _count, printed = written(made, tmp_path)

    assert "Papurau yn Gymraeg" not in printed
    assert "Siân" not in printed and "Gwilym" not in printed
    assert " ".join(NOT_QUOTED.split()) in printed
    assert "Papers now come in Welsh" in printed  # what changed is still told
    assert "“Więcej spotkań wieczorem” — Łukasz" in printed
    assert "Wiśniewski" not in printed  # quoted by first name only
