"""The yearly evaluation report as a PDF, read back as text: the cover facts, every question
with its answer and rating in words, each standard beside last year's rating, the year's
figures exactly as `year_figures` gives them (with the charts' numbers in tables too), and
the actions arising with their place in the plan; a draft says it is one."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from involve_desktop.db.models import Staff
from involve_desktop.domain.evaluation_questions import ALL_QUESTIONS, STANDARDS_POINTS
from involve_desktop.domain.evaluation_rules import Answer, EvaluationDetails
from involve_desktop.domain.learning_cycle import ServedInvolved, StandardRating, StandardsArea
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.domain.roles import Role
from involve_desktop.exports.document import DocumentHeader, PdfOptions
from involve_desktop.exports.evaluation_pdf import write_evaluation_pdf
from involve_desktop.services.demo import build_demo
from involve_desktop.services.evaluation_records import FindingDraft
from involve_desktop.services.evaluations import (
    list_evaluations,
    save_evaluation,
    start_evaluation,
)
from involve_desktop.services.people import save_person
from involve_desktop.services.report_evaluation import evaluation_report
from involve_desktop.services.year_figures_share import Share

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


def demo_report(database, label: str = "2025/26"):
    with database.session_scope() as session:
        evaluation = next(e for e in list_evaluations(session, TODAY) if e.label == label)
        return evaluation_report(session, evaluation.id, TODAY)


def test_the_cover_answers_and_standards_beside_last_year(demo, tmp_path):
    report = demo_report(demo)
    target = tmp_path / "evaluation.pdf"
    pages = write_evaluation_pdf(report, target, HEADER, PdfOptions(), MADE_ON)
    by_page = page_words(target)
    said = " ".join(by_page)
    assert pages == len(by_page)
    assert 4 <= pages <= 12
    assert "Yearly evaluation 2025/26" in said
    assert "Year: 2025/26: 1 April 2025 to 31 March 2026" in said
    assert "Held on: 1 March 2026" in said
    assert "Members who took part: Aaron Griffiths, Adrian Jordan and Alison Armstrong" in said
    assert "Were members involved?: Yes, throughout." in said
    assert "Signed off by Demo Administrator on 1 March 2026." in said
    assert "a draft" not in said
    for question in ALL_QUESTIONS:
        assert question.text in said
    for part in report.parts:
        for line in part.lines:
            assert line.text in said
            assert line.rating in said
    # Each standard's row: the point, this year's rating and the change, then last year's.
    for group in report.standards:
        for line in group.lines:
            moved = f" {line.moved}" if line.moved else ""
            assert f"{line.point} {line.this_year}{moved} {line.last_year}" in said
    assert "Last year (2024/25)" in said
    assert "beside the rating it had in the 2024/25 evaluation" in said


def test_the_figures_are_the_years_own_with_the_charts_numbers_in_tables(demo, tmp_path):
    report = demo_report(demo)
    figures = report.figures
    target = tmp_path / "evaluation.pdf"
    write_evaluation_pdf(report, target, HEADER, PdfOptions(), MADE_ON)
    said = " ".join(page_words(target))
    for summary in figures.summaries:
        assert summary in said
    assert "Took part, by level" in said
    assert "Activities, by power shared" in said
    assert "Spending against each budget" in said
    people = figures.people
    levels = " ".join(
        f"{label} {count}"
        for label, count in zip(
            ("Observing", "Contributing", "Collaborating", "Leading"),
            people.by_level,
            strict=True,
        )
    )
    assert f"Level Took part On the register at the end {levels.split(' ', 2)[0]}" in said
    assert f"All levels {people.total} {people.spread.total_now}" in said
    for row in figures.activities.by_power:
        share = Share(row.count, figures.activities.total).words("none")
        assert f"{row.power.label} (step {row.power.step} of 4) {share}" in said
    money = figures.money
    assert f"Total paid {format_pence(money.paid_pence)}" in said
    assert f"Fees paid {format_pence(money.fees_paid_pence)}" in said
    for budget in money.budgets:
        assert (
            f"{budget.name} {format_pence(budget.allocated_pence)} "
            f"{format_pence(budget.committed_pence)} {format_pence(budget.paid_pence)} "
            f"{format_pence(budget.remaining_pence)}"
        ) in said
    assert f"All budgets {format_pence(money.allocated_pence)}" in said


def test_the_actions_arising_say_whether_each_is_in_the_plan(demo, tmp_path):
    report = demo_report(demo)
    target = tmp_path / "evaluation.pdf"
    write_evaluation_pdf(report, target, HEADER, PdfOptions(), MADE_ON)
    said = " ".join(page_words(target))
    assert "3 things found that need action; 3 of them in the action plan." in said
    for action in report.arising:
        assert action.finding in said
        assert action.action in said
    assert said.count("In the plan: In progress") == 3
    older = demo_report(demo, "2024/25")
    write_evaluation_pdf(older, target, HEADER, PdfOptions(), MADE_ON)
    said = " ".join(page_words(target))
    assert said.count("Not in the plan yet") == 3
    assert "There is no earlier signed-off evaluation to compare with." in said
    assert "No earlier evaluation" in said


def test_a_draft_says_so_and_prints_names_in_any_script(database, tmp_path):
    with database.session_scope() as session:
        people = [
            save_person(
                session,
                None,
                PersonDetails(first_name=first, last_name=last, joined_on=date(2025, 1, 1)),
                today=TODAY,
            )
            for first, last in (("Siân", "ap Gwilym"), ("Łukasz", "Wiśniewski"), ("芳", "王"))
        ]
        evaluation = start_evaluation(session, None, date(2026, 4, 1), TODAY)
        point = STANDARDS_POINTS[0]
        save_evaluation(
            session,
            None,
            evaluation,
            EvaluationDetails(
                who_took_part="Staff team",
                person_ids=tuple(people),
                served_involved=ServedInvolved.PARTLY,
                answers={
                    point.key: Answer(rating=StandardRating.DEVELOPING.value, evidence="Minutes")
                },
            ),
            [FindingDraft(None, "Nobody under 25 came.", "", StandardsArea.PRACTICE)],
        )
        report = evaluation_report(session, evaluation, TODAY)
    normal, large = tmp_path / "normal.pdf", tmp_path / "large.pdf"
    normal_pages = write_evaluation_pdf(report, normal, HEADER, PdfOptions(), MADE_ON)
    large_pages = write_evaluation_pdf(report, large, HEADER, PdfOptions(large_print=True), MADE_ON)
    said = " ".join(page_words(normal))
    assert "Not signed off yet — a draft." in said
    assert "Held on: Not held yet." in said
    assert "Siân ap Gwilym" in said and "Łukasz Wiśniewski" in said and "芳" in said
    assert "Experts by experience who took part" in said
    assert "Not answered yet." in said
    assert "Not rated yet" in said
    assert "Developing (3 of 4)" in said
    assert "No action proposed yet" in said
    assert "0 of them in the action plan" in said
    assert report.figures.people.summary in said  # "No experts by experience have been…"
    assert report.figures.people.summary.startswith("No experts by experience")
    assert large_pages > normal_pages
    large_said = " ".join(page_words(large))
    assert "Not signed off yet — a draft." in large_said
    assert "Developing (3 of 4)" in large_said


def test_bookmarks_progress_and_no_blank_pages(demo, tmp_path):
    report = demo_report(demo)
    target = tmp_path / "evaluation.pdf"
    steps: list[tuple[int, int]] = []
    pages = write_evaluation_pdf(
        report,
        target,
        HEADER,
        PdfOptions(),
        MADE_ON,
        lambda done, total: steps.append((done, total)),
    )
    titles = [entry.title for entry in PdfReader(target).outline if not isinstance(entry, list)]
    assert titles == [
        "Looking back",
        "How well it went",
        "Standards self-assessment",
        "The year's figures",
        "Actions arising",
    ]
    assert steps and steps[-1][0] == steps[-1][1]
    assert [done for done, _total in steps] == sorted(done for done, _total in steps)
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed, so the pages cannot be looked at")
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-png", "-r", "20", str(target), str(tmp_path / "page")], check=True
    )
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    for image in images:
        # Between the page's header and footer there must be something printed.
        page = Image.open(image).convert("L")
        width, height = page.size
        body = page.crop((0, int(height * 0.13), width, int(height * 0.88)))
        dark = sum(body.histogram()[:128])
        assert dark > body.width * body.height * 0.005, image.name


def test_the_questions_of_a_part_are_siblings_in_the_outline_alone_and_in_a_pack(demo, tmp_path):
    from involve_desktop.exports.make_document import make_document
    from involve_desktop.services.report_documents import DocumentKind, DocumentRequest
    from tests.exports.test_document import outline_depths

    report = demo_report(demo)
    alone = tmp_path / "evaluation.pdf"
    write_evaluation_pdf(report, alone, HEADER, PdfOptions(), MADE_ON)
    pack = tmp_path / "pack.pdf"
    request = DocumentRequest(DocumentKind.PACK, year_first=date(2025, 4, 1),
                              pack=(DocumentKind.STRATEGY, DocumentKind.EVALUATION))  # fmt: skip
    make_document(demo, None, request, pack, TODAY)
    questions = {line.question for part in report.parts for line in part.lines}
    for path, part_depth in ((alone, 0), (pack, 1)):
        depths = outline_depths(PdfReader(path).outline)
        found = [depth for title, depth in depths if title in questions]
        assert len(found) == len(questions) >= 10
        assert set(found) == {part_depth + 1}, "every question sits right under its part"
        parts = [depth for title, depth in depths if title in {p.heading for p in report.parts}]
        assert set(parts) == {part_depth}


def test_the_spending_charts_legend_and_its_table_use_the_same_words(demo, tmp_path):
    report = demo_report(demo)
    target = tmp_path / "evaluation.pdf"
    write_evaluation_pdf(report, target, HEADER, PdfOptions(), MADE_ON)
    said = " ".join(page_words(target))
    money = said.split("Spending against each budget")[1]
    assert "Allocated Paid Committed" in money  # the legend
    assert "Budget Allocated Committed Paid Left" in money  # the table's heading row
    assert "Approved, to be paid" not in said
    assert "Committed: claims approved and still to be paid." in said
