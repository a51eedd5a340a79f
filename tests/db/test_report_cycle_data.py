"""What the strategy, action-plan and evaluation PDFs are made from, read from a real
database: the demo charity's learning cycle, and small cases built by hand."""

from __future__ import annotations

from datetime import date

import pytest

from involve_desktop.db.models import Staff
from involve_desktop.domain.evaluation_questions import STANDARDS_POINTS
from involve_desktop.domain.evaluation_rules import Answer, EvaluationDetails
from involve_desktop.domain.learning_cycle import (
    ItemStatus,
    StandardRating,
    StandardsArea,
    StrategyStatus,
)
from involve_desktop.domain.roles import Role
from involve_desktop.services.action_plan_rows import ALL, OPEN, PlanView, plan_counts, plan_rows
from involve_desktop.services.demo import build_demo
from involve_desktop.services.evaluation_records import FindingDraft
from involve_desktop.services.evaluations import (
    last_year_ratings,
    list_evaluations,
    save_evaluation,
    start_evaluation,
)
from involve_desktop.services.report_evaluation import (
    DRAFT,
    NO_EARLIER,
    NOT_ANSWERED,
    NOT_RATED,
    evaluation_report,
)
from involve_desktop.services.report_plan import (
    NO_DUE_DATE,
    NoPlanToPrint,
    plan_report,
    view_words,
)
from involve_desktop.services.report_strategy import (
    NOT_WRITTEN,
    NoStrategyToPrint,
    strategy_report,
)
from involve_desktop.services.strategy import list_strategies
from involve_desktop.services.year_figures import year_figures
from tests.db.plan_helpers import add_item, add_note, make_strategy

TODAY = date(2026, 11, 26)


@pytest.fixture
def demo(database):
    with database.session_scope() as session:
        session.add(Staff(name="Demo Administrator", role=Role.ADMINISTRATOR.value))
        session.flush()
        build_demo(session, people=60, today=TODAY)
    return database


# --- the strategy -----------------------------------------------------------------------


def test_the_current_strategy_has_its_standing_sections_and_approval(demo):
    with demo.session_scope() as session:
        report = strategy_report(session, None, TODAY)
    assert report.status is StrategyStatus.CURRENT
    assert report.standing == "Version 2 \u00b7 current since 1 April 2026"
    assert report.period == "1 April 2026 to 31 March 2029"
    assert [section.heading for section in report.sections] == [
        "Why and what",
        "Who benefits",
        "Power and resources",
        "Consultation",
    ]
    # The demo charity calls the people it serves "members".
    assert report.sections[0].passages[0].heading == "Why we involve members"
    assert report.budget_text == "£15,000.00"
    assert report.approval_text == "Approved by The board of trustees on 12 March 2026."
    assert report.review_text == "To be reviewed by 31 March 2027."
    assert not report.review_passed


def test_a_replaced_version_says_when_it_was_replaced(demo):
    with demo.session_scope() as session:
        past = next(r for r in list_strategies(session) if r.status is StrategyStatus.PAST)
        report = strategy_report(session, past.id, TODAY)
    assert report.standing == "Version 1 \u00b7 replaced on 1 April 2026"
    assert not report.review_passed  # only the strategy in use needs reviewing


def test_a_current_strategy_past_its_review_date_says_so_in_words(database):
    with database.session_scope() as session:
        make_strategy(
            session,
            review_on=date(2026, 10, 1),
            made_current_on=date(2026, 4, 1),
            budget_pence=None,
        )
        report = strategy_report(session, None, TODAY)
    assert report.review_passed
    assert "The review date has passed" in report.review_text
    assert report.budget_text == "No budget set."
    assert report.approval_text == "Not approved yet."
    # Fields not written yet are said so, in the charity's own word for people.
    assert report.sections[0].passages[0].heading == "Why we involve experts by experience"
    assert report.sections[1].passages[0].text == NOT_WRITTEN


def test_a_draft_says_it_is_not_in_use(database):
    with database.session_scope() as session:
        draft = make_strategy(session, status="draft")
        report = strategy_report(session, draft, TODAY)
    assert report.standing == "Version 1 \u00b7 a draft, not in use yet"


def test_with_no_current_strategy_there_is_nothing_to_print(database):
    with database.session_scope() as session:
        make_strategy(session, status="draft")
        with pytest.raises(NoStrategyToPrint):
            strategy_report(session, None, TODAY)
        with pytest.raises(NoPlanToPrint):
            plan_report(session, None, PlanView(), TODAY)


# --- the action plan ----------------------------------------------------------------------


def test_the_whole_plan_is_grouped_by_area_with_the_lists_own_rows_and_counts(demo):
    with demo.session_scope() as session:
        report = plan_report(session, None, PlanView(status=ALL), TODAY)
        strategy_id = next(
            r.id for r in list_strategies(session) if r.status is StrategyStatus.CURRENT
        )
        rows = plan_rows(session, strategy_id, PlanView(status=ALL), TODAY)
        counts = plan_counts(session, strategy_id, TODAY)
    assert report.shown == "All actions"
    assert not report.filtered
    assert [area.area for area in report.areas] == list(StandardsArea)
    assert report.areas[2].meaning == "How involvement is done, day to day, with everyone"
    assert report.line_count == len(rows)
    assert (report.open, report.overdue) == (counts.open, counts.overdue)
    assert report.done == counts.by_status[ItemStatus.DONE]
    assert (
        report.counts_text == f"{counts.open} open · {counts.overdue} overdue · {report.done} done"
    )
    overdue = [line for area in report.areas for line in area.lines if line.overdue]
    assert len(overdue) == counts.overdue > 0
    for line in overdue:
        assert line.due.startswith("Overdue since ")
    raised = [line for area in report.areas for line in area.lines if line.raised_by]
    assert {line.raised_by for line in raised} == {"Raised by the 2025/26 evaluation"}
    assert len(raised) == 3


def test_a_filtered_plan_says_what_it_shows_and_only_that_area(demo):
    with demo.session_scope() as session:
        report = plan_report(session, None, PlanView(area=StandardsArea.PRACTICE), TODAY)
    assert report.shown == "Open actions, Practice only"
    assert report.filtered
    assert [area.heading for area in report.areas] == ["Practice"]
    assert {line.status for line in report.areas[0].lines} <= {"Not started", "In progress"}


def test_a_line_says_who_when_and_the_latest_progress(database):
    with database.session_scope() as session:
        strategy = make_strategy(session)
        lead = Staff(name="Priya Shah", role=Role.STAFF.value)
        session.add(lead)
        session.flush()
        late = add_item(
            session,
            strategy,
            "Translate invitations into Welsh",
            due_on=date(2026, 10, 27),
            staff_id=lead.id,
            who_else="our partner college",
        )
        add_note(session, late, date(2026, 11, 2), "Asked the translator.\nWaiting for a quote.")
        add_item(session, strategy, "Undated idea", area=StandardsArea.CULTURE)
        report = plan_report(session, strategy, PlanView(), TODAY)
    practice = report.areas[2].lines[0]
    assert practice.due == "Overdue since 27 October 2026"
    assert practice.lead == "Priya Shah"
    assert practice.with_whom == "our partner college"
    assert practice.progress == "2 November 2026: Asked the translator."
    culture = report.areas[0].lines[0]
    assert culture.due == NO_DUE_DATE
    assert culture.lead == "Nobody yet"
    assert report.areas[1].lines == ()  # an area with nothing in it is still printed


def test_every_view_is_said_in_words():
    assert view_words(PlanView()) == "Open actions"
    assert view_words(PlanView(status=ItemStatus.DONE)) == "Actions done"
    assert (
        view_words(
            PlanView(status=OPEN, area=StandardsArea.REVIEW, overdue_only=True, text=" panel "),
            "",
        )
        == "Open actions, Review only, overdue only, with the words \u201cpanel\u201d"
    )
    assert view_words(PlanView(staff_id=3), "Priya Shah") == "Open actions, led by Priya Shah"


# --- the yearly evaluation ---------------------------------------------------------------


def _evaluation_id(session, label: str) -> int:
    return next(e.id for e in list_evaluations(session, TODAY) if e.label == label)


def test_the_evaluation_report_uses_the_years_own_figures(demo):
    with demo.session_scope() as session:
        report = evaluation_report(session, _evaluation_id(session, "2025/26"), TODAY)
        figures = year_figures(session, date(2025, 4, 1), date(2026, 3, 31), TODAY)
        last_year = last_year_ratings(session, date(2025, 4, 1))
    assert report.title == "Yearly evaluation 2025/26"
    assert report.figures == figures
    assert report.signed_off
    assert report.last_year_label == "2024/25"
    facts = {fact.label: fact.text for fact in report.facts}
    assert facts["Held on"] == "1 March 2026"
    assert facts["Signed off"] == "Signed off by Demo Administrator on 1 March 2026."
    assert facts["Were members involved?"].startswith("Yes, throughout.")
    assert "Members who took part" in facts
    point = STANDARDS_POINTS[0]
    line = report.standards[0].lines[0]
    assert line.point == point.text
    expected = StandardRating(last_year[point.key])
    assert line.last_year == f"{expected.label} ({expected.step} of 4)"
    assert [len(part.lines) for part in report.parts] == [6, 5]
    assert report.parts[1].lines[0].rating.endswith(" of 4)")
    assert [a.in_plan for a in report.arising] == [True, True, True]
    assert report.arising[0].plan_words.startswith("In the plan: ")


def test_the_first_evaluation_has_no_earlier_one_to_compare(demo):
    with demo.session_scope() as session:
        report = evaluation_report(session, _evaluation_id(session, "2024/25"), TODAY)
    assert report.last_year_label == ""
    assert {line.last_year for group in report.standards for line in group.lines} == {NO_EARLIER}
    assert not any(a.in_plan for a in report.arising)
    assert report.arising[0].plan_words == "Not in the plan yet"


def test_a_draft_evaluation_says_so_and_what_is_not_answered(database):
    with database.session_scope() as session:
        evaluation = start_evaluation(session, None, date(2026, 4, 1), TODAY)
        point = STANDARDS_POINTS[5]
        save_evaluation(
            session,
            None,
            evaluation,
            EvaluationDetails(
                answers={point.key: Answer(rating=StandardRating.STARTING.value, evidence="Web")}
            ),
            [
                FindingDraft(
                    None,
                    "Nobody under 25 came.",
                    "Ask the youth panel",
                    StandardsArea.PRACTICE,
                    "evaluate.relevance",
                )
            ],
        )
        report = evaluation_report(session, evaluation, TODAY)
    facts = {fact.label: fact.text for fact in report.facts}
    assert facts["Signed off"] == f"{DRAFT}."
    assert facts["Held on"] == "Not held yet."
    assert report.status_text == DRAFT
    assert report.parts[0].lines[0].text == NOT_ANSWERED
    assert report.parts[1].lines[0].rating == NOT_RATED
    rated = report.standards[0].lines[5]
    assert (rated.this_year, rated.evidence) == ("Starting (2 of 4)", "Web")
    assert report.standards[0].lines[0].this_year == NOT_RATED
    arising = report.arising[0]
    assert arising.question == "How relevant were they to the people they were for?"
    assert (arising.area, arising.in_plan) == ("Practice", False)
