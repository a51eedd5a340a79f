"""The yearly evaluation as it is printed: the cover facts, each question with its answer,
the standards self-assessment beside last year's ratings, the year's figures, and the
actions arising with whether each is in the plan.

The figures are `year_figures.year_figures` unchanged (the same call the evaluation screen
makes), so the printed numbers are the screen's. Ratings are said in words and as steps
("Developing (3 of 4)"), never by colour. Plain frozen data for `exports/evaluation_pdf.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from involve_desktop.domain.evaluation_questions import (
    EVALUATION_QUESTIONS,
    QUESTIONS_BY_KEY,
    REFLECTION_QUESTIONS,
    Question,
    QuestionPart,
    standards_points,
)
from involve_desktop.domain.evaluation_rules import Answer
from involve_desktop.domain.formatting import and_list, long_date
from involve_desktop.domain.learning_cycle import (
    EvaluationStatus,
    QuestionRating,
    StandardRating,
    StandardsArea,
)
from involve_desktop.domain.plan_records import period_text
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.services.evaluation_records import EvaluationRecord, FindingRecord
from involve_desktop.services.evaluations import (
    earlier_ratings,
    list_evaluations,
    load_evaluation,
)
from involve_desktop.services.year_figures import YearFigures, year_figures

NOT_ANSWERED = "Not answered yet."
NOT_RATED = "Not rated yet"
NOT_ASSESSED = "Not assessed"
NO_EARLIER = "No earlier evaluation"
DRAFT = "Not signed off yet \u2014 a draft"


@dataclass(frozen=True)
class Fact:
    """One line of the cover: what it is, then the words."""

    label: str
    text: str


@dataclass(frozen=True)
class AnswerLine:
    question: str
    text: str  # the answer in the charity's words (looking back), or NOT_ANSWERED
    rating: str  # "Good (3 of 4)", NOT_RATED; '' for questions not rated
    evidence: str
    how_measured: str


@dataclass(frozen=True)
class AnswerPart:
    heading: str  # "Looking back"
    lines: tuple[AnswerLine, ...]


@dataclass(frozen=True)
class StandardLine:
    point: str
    this_year: str  # "Developing (3 of 4)" or NOT_RATED
    last_year: str  # the same words, NOT_ASSESSED, or NO_EARLIER
    evidence: str
    moved: str  # "Up 1 step", "Down 1 step", "Same", '' when either is not rated


@dataclass(frozen=True)
class StandardsGroup:
    area: StandardsArea
    heading: str
    meaning: str
    lines: tuple[StandardLine, ...]


@dataclass(frozen=True)
class ActionArising:
    finding: str
    question: str  # the question that raised it, '' when none
    action: str  # the action proposed, '' when none was written
    area: str  # "Practice"
    in_plan: bool
    plan_words: str  # "In the plan: In progress (Involvement strategy 2026 to 2029)"


@dataclass(frozen=True)
class EvaluationReport:
    label: str  # "2025/26"
    year_first: date
    year_last: date
    signed_off: bool
    facts: tuple[Fact, ...]
    parts: tuple[AnswerPart, ...]  # looking back, then how well it went
    standards: tuple[StandardsGroup, ...]
    last_year_label: str  # the year compared with ("2024/25"), '' when there is none
    figures: YearFigures
    arising: tuple[ActionArising, ...]
    terms: PeopleTerms

    @property
    def title(self) -> str:
        return f"Yearly evaluation {self.label}"

    @property
    def period(self) -> str:
        return period_text(self.year_first, self.year_last)

    @property
    def status_text(self) -> str:
        return "Signed off" if self.signed_off else DRAFT


def evaluation_report(session: Session, evaluation_id: int, today: date) -> EvaluationReport:
    """The evaluation `evaluation_id`, with its year's figures from the records on `today`."""
    record = load_evaluation(session, evaluation_id)
    figures = year_figures(session, record.year_first, record.year_last, today)
    terms = figures.terms
    earlier = earlier_ratings(session, record.year_first)
    answers = record.details.answers
    return EvaluationReport(
        label=record.label,
        year_first=record.year_first,
        year_last=record.year_last,
        signed_off=record.is_signed_off,
        facts=cover_facts(record, terms),
        parts=(
            AnswerPart(
                QuestionPart.REFLECTION.label,
                tuple(_answer_line(q, answers.get(q.key, Answer())) for q in REFLECTION_QUESTIONS),
            ),
            AnswerPart(
                QuestionPart.EVALUATION.label,
                tuple(_answer_line(q, answers.get(q.key, Answer())) for q in EVALUATION_QUESTIONS),
            ),
        ),
        standards=tuple(
            StandardsGroup(
                area=area,
                heading=area.label,
                meaning=area.meaning[:1].upper() + area.meaning[1:],
                lines=tuple(
                    _standard_line(point, answers.get(point.key, Answer()), earlier)
                    for point in standards_points(area)
                ),
            )
            for area in StandardsArea
        ),
        last_year_label=_earlier_label(session, record, today) if earlier is not None else "",
        figures=figures,
        arising=tuple(_arising(finding) for finding in record.findings),
        terms=terms,
    )


def rating_words(value: str, question: Question) -> str:
    """'Developing (3 of 4)': the step in words and in numbers; '' for an unknown value."""
    scale = StandardRating if question.part is QuestionPart.STANDARDS else QuestionRating
    try:
        rating = scale(value)
    except ValueError:
        return ""
    return f"{rating.label} ({rating.step} of {len(scale)})"


def cover_facts(record: EvaluationRecord, terms: PeopleTerms) -> tuple[Fact, ...]:
    details = record.details
    took_part = details.who_took_part.strip() or "Not recorded yet."
    people = [person.name for person in record.people]
    involved = "Not said yet."
    if details.served_involved is not None:
        how = details.served_involved_how.strip()
        involved = details.served_involved.label + (f". {how}" if how else ".")
    if record.is_signed_off:
        by = f" by {record.signed_off_by}" if record.signed_off_by else ""
        on = f" on {long_date(record.signed_off_at.date())}" if record.signed_off_at else ""
        signed = f"Signed off{by}{on}."
    else:
        signed = f"{DRAFT}."
    facts = [
        Fact("Year", f"{record.label}: {period_text(record.year_first, record.year_last)}"),
        Fact("Held on", long_date(details.held_on) if details.held_on else "Not held yet."),
        Fact("Who took part", took_part),
    ]
    if people:
        facts.append(Fact(f"{terms.plural_title} who took part", and_list(people)))
    facts += [
        Fact(f"Were {terms.plural} involved?", involved),
        Fact("Signed off", signed),
    ]
    return tuple(facts)


def _answer_line(question: Question, answer: Answer) -> AnswerLine:
    if question.part is QuestionPart.REFLECTION:
        return AnswerLine(question.text, answer.text.strip() or NOT_ANSWERED, "", "", "")
    return AnswerLine(
        question=question.text,
        text=answer.text.strip(),
        rating=rating_words(answer.rating, question) or NOT_RATED,
        evidence=answer.evidence.strip(),
        how_measured=answer.how_measured.strip(),
    )


def _standard_line(point: Question, answer: Answer, earlier: dict[str, str] | None) -> StandardLine:
    this_year = rating_words(answer.rating, point)
    if earlier is None:
        last_year = NO_EARLIER
    else:
        last_year = rating_words(earlier.get(point.key, ""), point) or NOT_ASSESSED
    return StandardLine(
        point=point.text,
        this_year=this_year or NOT_RATED,
        last_year=last_year,
        evidence=answer.evidence.strip(),
        moved=_moved(answer.rating, (earlier or {}).get(point.key, "")),
    )


def _moved(this_year: str, last_year: str) -> str:
    try:
        change = StandardRating(this_year).step - StandardRating(last_year).step
    except ValueError:
        return ""
    if change == 0:
        return "Same"
    steps = "1 step" if abs(change) == 1 else f"{abs(change)} steps"
    return f"{'Up' if change > 0 else 'Down'} {steps}"


def _earlier_label(session: Session, record: EvaluationRecord, today: date) -> str:
    """The year `earlier_ratings` compares with: the latest signed-off one before it."""
    earlier = [
        summary
        for summary in list_evaluations(session, today)
        if summary.year_first < record.year_first and summary.status is EvaluationStatus.SIGNED_OFF
    ]
    return max(earlier, key=lambda summary: summary.year_first).label if earlier else ""


def _arising(saved: FindingRecord) -> ActionArising:
    finding = saved.finding
    if saved.plan_item_id is not None:
        plan = f"In the plan: {saved.plan_status}"
        if saved.strategy_title:
            plan += f" ({saved.strategy_title})"
    else:
        plan = "Not in the plan yet"
    question = QUESTIONS_BY_KEY.get(finding.question_key)
    return ActionArising(
        finding=finding.finding.strip(),
        question=question.text if question is not None else "",
        action=finding.action.strip(),
        area=finding.area.label,
        in_plan=saved.plan_item_id is not None,
        plan_words=plan,
    )
