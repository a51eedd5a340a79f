"""The demo charity's learning cycle: the strategy it replaced and the current one, an action
plan with progress and a few things overdue, and the two yearly evaluations already signed
off, the later one's findings feeding the plan.

All invented, written in the demo's own words, and dated from `today` so the demo always has
something overdue, something moving and an evaluation coming up.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from involve_desktop.db.cycle_models import (
    ActionItem,
    ActionItemPerson,
    ActionProgress,
    Evaluation,
    EvaluationAnswer,
    EvaluationFinding,
    EvaluationPerson,
    Strategy,
)
from involve_desktop.db.models import Staff
from involve_desktop.domain.evaluation_questions import (
    EVALUATION_QUESTIONS,
    REFLECTION_QUESTIONS,
    STANDARDS_POINTS,
)
from involve_desktop.domain.evaluation_rules import evaluation_due_on
from involve_desktop.domain.financial_year import year_containing
from involve_desktop.domain.learning_cycle import (
    CycleStage,
    EvaluationStatus,
    ItemStatus,
    QuestionRating,
    ServedInvolved,
    StandardRating,
    StandardsArea,
    StrategyStatus,
)
from involve_desktop.services.demo_budgets import demo_leaders
from involve_desktop.services.organisation import load_organisation

STRATEGY_YEARS = 3
TRUSTEES = "The board of trustees"

_STRATEGY_TEXT = {
    "purpose": (
        "Our members know what helps and what gets in the way. Their experience should shape "
        "every service we run, from the first idea to the last review."
    ),
    "intentions": (
        "Members take part in planning, running and checking each of our services; a members' "
        "panel sits on every staff interview; a peer research project each year."
    ),
    "principles": (
        "Nobody is out of pocket for taking part. People choose how much they do. We say what "
        "changed because of what people told us, every time."
    ),
    "benefits_directly": "Members who take part: skills, confidence, paid work and a say.",
    "benefits_indirectly": "Everyone who uses our services, their families and our staff.",
    "power_shared": (
        "Most work is decided together; the members' panel leads its own projects with a "
        "delegated budget."
    ),
    "resources": "One involvement worker (0.6), a yearly involvement budget, training for staff.",
    "consultation_how": (
        "Three open meetings, an easy-read survey (84 replies) and a draft sent to the panel."
    ),
    "consultation_said": (
        "Pay people on the day where possible; meet in the evening as well as the daytime; "
        "involve young carers, who felt left out."
    ),
}

# (action, area, stage, status, due in days from today or None, how, where)
_PLAN = (
    (
        "Agree an involvement charter with members",
        "culture",
        "planning",
        "done",
        -120,
        "Two workshops, then the panel signs it off",
        "Community room",
    ),
    (
        "Put the charter on the website and in the welcome pack",
        "culture",
        "implementation",
        "in_progress",
        -14,
        "Easy-read and large-print versions too",
        "",
    ),
    (
        "Train every manager in involving people",
        "culture",
        "implementation",
        "in_progress",
        60,
        "Half-day course co-delivered by two members",
        "Training room",
    ),
    (
        "Name an involvement champion in each team",
        "structure",
        "planning",
        "not_started",
        -30,
        "Ask at the team leaders' meeting",
        "",
    ),
    (
        "Set up a partnership with the college's peer research course",
        "structure",
        "planning",
        "in_progress",
        120,
        "Meet the course lead; agree placements",
        "College",
    ),
    (
        "Ring-fence the involvement budget in next year's accounts",
        "structure",
        "planning",
        "not_started",
        150,
        "Paper to the finance committee",
        "",
    ),
    (
        "Offer evening sessions for people who work",
        "practice",
        "implementation",
        "done",
        -60,
        "One evening a month, with food",
        "Riverside hub",
    ),
    (
        "Translate invitations into Polish and Urdu",
        "practice",
        "implementation",
        "not_started",
        -7,
        "Use the interpreting service",
        "",
    ),
    (
        "Start a young carers' group",
        "practice",
        "implementation",
        "in_progress",
        90,
        "With the schools' carers leads",
        "Youth centre",
    ),
    (
        "Safeguarding refresher for members on interview panels",
        "practice",
        "implementation",
        "not_started",
        40,
        "Short online course and a chat after",
        "Online",
    ),
    (
        "Agree the outcomes we expect from each project before it starts",
        "review",
        "planning",
        "in_progress",
        30,
        "A one-page template",
        "",
    ),
    (
        "Members help run this year's evaluation",
        "review",
        "evaluation",
        "not_started",
        100,
        "Two members co-facilitate the review day",
        "Riverside hub",
    ),
    (
        "Keep a 'you said, we did' log for every activity",
        "review",
        "implementation",
        "done",
        -200,
        "In Involve, after each activity",
        "",
    ),
    (
        "Pay claims within ten working days",
        "practice",
        "implementation",
        "dropped",
        -90,
        "Weekly payment runs",
        "",
    ),
)
_DROPPED = "Replaced by paying on the day for most activities, which members preferred."

_REFLECTION = (
    "Because services planned with the people who use them work better, and our members "
    "asked for a real say.",
    "Services shaped by members; members with new skills and paid roles; fewer complaints.",
    "Panels, workshops, peer research and a group that runs its own budget.",
    "Members from all our services; young carers and people who work are under-represented.",
    "A members' panel, a payment policy, an involvement worker and a yearly budget.",
    "Managers want help running co-design sessions; new staff need an introduction.",
)
_EVIDENCE = (
    "Feedback forms after each session (average 4.3 out of 5); two members' reports.",
    "Members chose four of the six topics; the panel said two felt far from their lives.",
    "Most members came back for a second activity; three left because of timing.",
    "Members sat on two project boards from the start; others were asked late.",
    "Supervision notes cover involvement for four of the six staff.",
)
_MEASURED = (
    "Short forms at the end, and a group conversation at the review day.",
    "Counted topics chosen by members; asked the panel.",
    "Looked at how many came back, from the activity records.",
    "Checked project start papers for members' names.",
    "Read supervision records with the manager.",
)
# (what we found, the action proposed — as it later appears in the plan, area)
_FINDINGS = (
    ("Young carers are hardly involved.", "Start a young carers' group", "practice"),
    (
        "Members are asked too late in some projects.",
        "Agree the outcomes we expect from each project before it starts",
        "review",
    ),
    (
        "Managers are unsure how to run co-design sessions.",
        "Train every manager in involving people",
        "culture",
    ),
)


def add_demo_cycle(session: Session, *, seed: int, today: date) -> int:
    """Write the demo's strategies, plan and evaluations; return how many plan items."""
    organisation = load_organisation(session)
    if organisation is None:
        return 0
    chooser = random.Random(seed + 5)
    staff_id = session.scalar(select(Staff.id).where(Staff.active).order_by(Staff.id).limit(1))
    first, _ = year_containing(today, organisation.year_start)
    past = _strategy(session, 1, StrategyStatus.PAST, _shift(first, -STRATEGY_YEARS), staff_id)
    current = _strategy(session, 2, StrategyStatus.CURRENT, first, staff_id)
    leaders = demo_leaders(session, most=6)
    items = _plan(session, chooser, current, today, staff_id, leaders)
    _done_items_of(session, past, staff_id)
    for years_back, findings in ((2, False), (1, True)):
        year_first = _shift(first, -years_back)
        due = evaluation_due_on(
            year_first, organisation.evaluation_month, organisation.evaluation_day
        )
        held = min(due, today)
        _evaluation(session, chooser, year_first, held, years_back, staff_id, leaders)
        if findings:
            _raise_findings(session, year_first, items)
    return len(items)


def _shift(day: date, years: int) -> date:
    return date(day.year + years, day.month, day.day)


def _strategy(
    session: Session, version: int, status: StrategyStatus, start: date, staff_id: int | None
) -> Strategy:
    end = _shift(start, STRATEGY_YEARS) - timedelta(days=1)
    strategy = Strategy(
        version=version,
        status=status.value,
        title=f"Involvement strategy {start.year} to {end.year}",
        period_start=start,
        period_end=end,
        approved_by=TRUSTEES,
        approved_on=start - timedelta(days=20),
        review_on=_shift(start, 1) - timedelta(days=1),
        made_current_on=start,
        budget_pence=12_000_00 + version * 1_500_00,
        changed_by=staff_id,
        **_STRATEGY_TEXT,
    )
    session.add(strategy)
    session.flush()
    return strategy


def _plan(
    session: Session,
    chooser: random.Random,
    strategy: Strategy,
    today: date,
    staff_id: int | None,
    leaders: list[int],
) -> list[ActionItem]:
    items = []
    for action, area, stage, status, due_in, how, place in _PLAN:
        due = today + timedelta(days=due_in)
        due = min(max(due, strategy.period_start), strategy.period_end)
        moved = datetime.combine(today - timedelta(days=chooser.randint(0, 40)), time(10, 0))
        item = ActionItem(
            strategy_id=strategy.id,
            action=action,
            area=area,
            stage=stage,
            status=status,
            staff_id=staff_id,
            how=how,
            place=place,
            due_on=due,
            done_on=due if status == ItemStatus.DONE.value else None,
            dropped_reason=_DROPPED if status == ItemStatus.DROPPED.value else "",
            moved_at=moved,
            changed_by=staff_id,
        )
        session.add(item)
        items.append(item)
    session.flush()
    for item in items:
        if leaders and chooser.random() < 0.4:
            for person_id in chooser.sample(leaders, min(len(leaders), chooser.randint(1, 2))):
                session.add(ActionItemPerson(item_id=item.id, person_id=person_id))
        if item.status != ItemStatus.NOT_STARTED.value:
            noted = item.moved_at.date()
            session.add(
                ActionProgress(
                    item_id=item.id,
                    noted_on=noted,
                    note=_progress_note(ItemStatus(item.status)),
                    staff_id=staff_id,
                    created_at=item.moved_at,
                )
            )
    return items


def _progress_note(status: ItemStatus) -> str:
    return {
        ItemStatus.IN_PROGRESS: "First meeting held; next steps agreed with the members there.",
        ItemStatus.DONE: "Finished and shared with the members' panel.",
        ItemStatus.DROPPED: "Talked it through at the panel; agreed to stop.",
    }.get(status, "")


def _done_items_of(session: Session, strategy: Strategy, staff_id: int | None) -> None:
    """The replaced strategy keeps the record of what its plan achieved."""
    for action, area in (
        ("Write the first payment policy with members", StandardsArea.STRUCTURE),
        ("Start the members' panel", StandardsArea.STRUCTURE),
        ("Hold the first review day with members", StandardsArea.REVIEW),
    ):
        done = strategy.period_start + timedelta(days=300)
        session.add(
            ActionItem(
                strategy_id=strategy.id,
                action=action,
                area=area.value,
                stage=CycleStage.IMPLEMENTATION.value,
                status=ItemStatus.DONE.value,
                staff_id=staff_id,
                due_on=done,
                done_on=done,
                moved_at=datetime.combine(done, time(12, 0)),
                changed_by=staff_id,
            )
        )


def _evaluation(
    session: Session,
    chooser: random.Random,
    year_first: date,
    due: date,
    years_back: int,
    staff_id: int | None,
    leaders: list[int],
) -> None:
    evaluation = Evaluation(
        year_start=year_first,
        status=EvaluationStatus.SIGNED_OFF.value,
        held_on=due,
        who_took_part="The involvement worker, two managers, a trustee and members of the panel.",
        served_involved=(ServedInvolved.PARTLY if years_back > 1 else ServedInvolved.YES).value,
        served_involved_how="Members co-ran the review day and checked the draft findings.",
        signed_off_by=staff_id,
        signed_off_at=datetime.combine(due, time(15, 0)),
        changed_by=staff_id,
    )
    session.add(evaluation)
    session.flush()
    for person_id in leaders[:3]:
        session.add(EvaluationPerson(evaluation_id=evaluation.id, person_id=person_id))
    for question, text in zip(REFLECTION_QUESTIONS, _REFLECTION, strict=True):
        session.add(
            EvaluationAnswer(evaluation_id=evaluation.id, question_key=question.key, text=text)
        )
    ratings = list(QuestionRating)
    for index, question in enumerate(EVALUATION_QUESTIONS):
        session.add(
            EvaluationAnswer(
                evaluation_id=evaluation.id,
                question_key=question.key,
                rating=ratings[min(3, 1 + (index + years_back) % 3)].value,
                evidence=_EVIDENCE[index],
                how_measured=_MEASURED[index],
            )
        )
    steps = list(StandardRating)
    for point in STANDARDS_POINTS:
        # A year later, most points have come on a step.
        step = min(3, chooser.randint(0, 2) + (years_back == 1))
        session.add(
            EvaluationAnswer(
                evaluation_id=evaluation.id,
                question_key=point.key,
                rating=steps[step].value,
                evidence="Seen in the year's records and discussed at the review day.",
            )
        )
    for position, (finding, action, area) in enumerate(_FINDINGS):
        session.add(
            EvaluationFinding(
                evaluation_id=evaluation.id,
                position=position,
                finding=finding,
                action=action,
                area=area,
            )
        )
    session.flush()


def _raise_findings(session: Session, year_first: date, items: list[ActionItem]) -> None:
    """The later evaluation's findings became the plan items of the same action."""
    evaluation_id = session.scalar(select(Evaluation.id).where(Evaluation.year_start == year_first))
    findings = session.scalars(
        select(EvaluationFinding).where(EvaluationFinding.evaluation_id == evaluation_id)
    ).all()
    by_action = {item.action: item for item in items}
    for finding in findings:
        if finding.action in by_action:
            by_action[finding.action].raised_by_finding_id = finding.id
    session.flush()
