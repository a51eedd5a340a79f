"""The action plan as a PDF, read back as text: the strategy and the whole plan's counts,
what the print shows, one table per standards area with overdue said in words, items raised
by an evaluation marked, and a long plan running on with its table headings repeated."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from involve_desktop.db.models import Staff
from involve_desktop.domain.learning_cycle import ItemStatus, StandardsArea
from involve_desktop.domain.roles import Role
from involve_desktop.exports.action_plan_pdf import COLUMNS, write_action_plan_pdf
from involve_desktop.exports.document import DocumentHeader, PdfOptions
from involve_desktop.services.action_plan_rows import ALL, PlanView
from involve_desktop.services.demo import build_demo
from involve_desktop.services.report_plan import plan_report
from tests.db.plan_helpers import add_item, add_note, add_person, make_strategy

TODAY = date(2026, 11, 26)
MADE_ON = date(2026, 11, 26)
HEADER = DocumentHeader("Riverside Members' Voice")


def page_words(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.fixture
def demo(database):
    with database.session_scope() as session:
        session.add(Staff(name="Demo Administrator", role=Role.ADMINISTRATOR.value))
        session.flush()
        build_demo(session, people=60, today=TODAY)
    return database


def test_the_whole_plan_by_area_with_counts_and_overdue_in_words(demo, tmp_path):
    with demo.session_scope() as session:
        report = plan_report(session, None, PlanView(status=ALL), TODAY)
    target = tmp_path / "plan.pdf"
    pages = write_action_plan_pdf(report, target, HEADER, PdfOptions(), MADE_ON)
    said = " ".join(page_words(target))
    assert pages == len(PdfReader(target).pages)
    assert 1 <= pages <= 4
    assert "Action plan: Involvement strategy 2026 to 2029" in said
    counts = f"{report.open} open · {report.overdue} overdue · {report.done} done"
    assert f"The whole plan: {counts}" in said
    assert "Shown here: All actions (14 actions)." in said
    for area in StandardsArea:
        assert area.label in said
        assert area.meaning[1:] in said
    overdue = [line for area in report.areas for line in area.lines if line.overdue]
    assert len(overdue) == report.overdue == 3
    for line in overdue:
        assert line.due in said  # "Overdue since 12 November 2026"
    assert said.count("Overdue since") == 3
    assert said.count("(Raised by the 2025/26 evaluation)") == 3
    for area in report.areas:
        for line in area.lines:
            assert line.action.split()[0] in said
    assert "Demo Administrator" in said


def test_a_filtered_plan_says_which_filter_and_prints_only_that_area(demo, tmp_path):
    with demo.session_scope() as session:
        report = plan_report(session, None, PlanView(area=StandardsArea.PRACTICE), TODAY)
    target = tmp_path / "practice.pdf"
    write_action_plan_pdf(report, target, HEADER, PdfOptions(), MADE_ON)
    said = " ".join(page_words(target))
    assert "Shown here: Open actions, Practice only (3 actions)." in said
    assert "Practice" in said
    assert "Culture" not in said and "Structure" not in said
    assert "Offer evening sessions" not in said  # done, so not open


def test_a_long_plan_runs_on_with_its_headings_and_large_print_takes_more_pages(database, tmp_path):
    with database.session_scope() as session:
        strategy = make_strategy(session)
        lead = Staff(name="Priya Shah", role=Role.STAFF.value)
        session.add(lead)
        session.flush()
        people = (
            add_person(session, "Siân", "ap Gwilym"),
            add_person(session, "Łukasz", "Wiśniewski"),
            add_person(session, "Fang", "王"),
        )
        for number in range(1, 41):
            item = add_item(
                session,
                strategy,
                f"Action number {number}: hold a listening session with carers in the "
                "north of the county and write up what they said for the panel",
                due_on=date(2026, 10, number % 28 + 1) if number % 3 else date(2027, 1, 5),
                staff_id=lead.id,
                person_ids=people if number == 1 else (),
                status=ItemStatus.IN_PROGRESS,
            )
            add_note(session, item, date(2026, 11, 2), f"Note {number}: booked the room.")
        report = plan_report(session, strategy, PlanView(), TODAY)
    normal, large = tmp_path / "normal.pdf", tmp_path / "large.pdf"
    normal_pages = write_action_plan_pdf(report, normal, HEADER, PdfOptions(), MADE_ON)
    large_pages = write_action_plan_pdf(
        report, large, HEADER, PdfOptions(large_print=True), MADE_ON
    )
    pages = page_words(normal)
    assert normal_pages == len(pages) >= 3
    said = " ".join(pages)
    for number in range(1, 41):
        assert f"Action number {number}:" in said
        assert f"Note {number}: booked the room." in said
    # Every page the Practice table runs onto starts with its heading row again.
    heading_row = " ".join(COLUMNS)
    assert all(heading_row in page for page in pages[1:])
    assert "Siân ap Gwilym" in said and "Łukasz Wiśniewski" in said and "王" in said
    assert said.count("No actions in this area match what is shown here.") == 3
    assert large_pages > normal_pages
    large_said = " ".join(page_words(large))
    assert "Action number 40:" in large_said
    assert large_said.count("Overdue since") == said.count("Overdue since") > 0
    # Dates written out, as in every other document: never 05/01/2027.
    assert "Note 1: booked the room." in said and "2 November 2026: Note 1" in said
    assert "Due 5 January 2027" in said and "Overdue since 2 October 2026" in said
    assert not re.search(r"\d{2}/\d{2}/\d{4}", said + large_said)


def test_a_dropped_action_says_why_it_was_dropped(demo, tmp_path):
    with demo.session_scope() as session:
        report = plan_report(session, None, PlanView(status=ItemStatus.DROPPED), TODAY)
    dropped = [line for area in report.areas for line in area.lines]
    assert len(dropped) == 1
    assert dropped[0].status.startswith("Dropped: Replaced by paying on the day")
    for large in (False, True):
        target = tmp_path / f"dropped-{large}.pdf"
        write_action_plan_pdf(report, target, HEADER, PdfOptions(large_print=large), MADE_ON)
        assert "Dropped: Replaced by paying on the day" in " ".join(page_words(target))
