"""The yearly evaluation as plain records: when it falls due, and what it needs before it
can be signed off."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from involve_desktop.domain.evaluation_questions import (
    ALL_QUESTIONS,
    Question,
    QuestionPart,
)
from involve_desktop.domain.financial_year import MONTH_NAMES
from involve_desktop.domain.learning_cycle import (
    EvaluationStatus,
    QuestionRating,
    ServedInvolved,
    StandardRating,
    StandardsArea,
)

DEFAULT_REMINDER_WEEKS = 4
WHO_TOOK_PART = "who_took_part"
SERVED_INVOLVED = "served_involved"


@dataclass(frozen=True)
class Answer:
    """One question's answer. Which parts apply depends on the question's part."""

    text: str = ""  # reflection: the answer in the charity's words
    rating: str = ""  # a QuestionRating or StandardRating value; "" when not rated yet
    evidence: str = ""
    how_measured: str = ""  # evaluation questions only

    @property
    def is_blank(self) -> bool:
        return not (self.text.strip() or self.rating or self.evidence.strip())


@dataclass(frozen=True)
class EvaluationDetails:
    """What the team types into the evaluation. Figures are never here: they are computed."""

    held_on: date | None = None
    who_took_part: str = ""  # staff, trustees, partners, in words
    person_ids: tuple[int, ...] = ()  # people from the register who took part
    served_involved: ServedInvolved | None = None
    served_involved_how: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)  # by question key


@dataclass(frozen=True)
class Finding:
    """Something the evaluation found that needs action: it can become an action-plan item."""

    finding: str
    action: str
    area: StandardsArea
    question_key: str = ""  # the question that raised it, if any


@dataclass(frozen=True)
class SignOffProblem:
    key: str  # a question key, WHO_TOOK_PART or SERVED_INVOLVED: where to take the user
    message: str


def evaluation_due_on(year_first_day: date, month: int, day: int) -> date:
    """The date the evaluation of the financial year starting `year_first_day` falls due.

    It is the chosen day and month that falls after the middle of that year and no later
    than the middle of the next, so a charity whose year starts in April can evaluate in
    March (near the end of the year) or in April or May (just after it) alike.
    """
    halfway = _add_months(year_first_day, 6)
    for year in (year_first_day.year, year_first_day.year + 1, year_first_day.year + 2):
        due = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if due > halfway:
            return due
    raise AssertionError("a date within 12 months of halfway always exists")


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def evaluation_date_text(month: int, day: int) -> str:
    return f"{day} {MONTH_NAMES[month - 1]}"


def validate_evaluation_date(month: int, day: int) -> str | None:
    if not 1 <= month <= 12:
        return "Please choose the month of the yearly evaluation."
    days = calendar.monthrange(2001, month)[1]
    if not 1 <= day <= days:
        return f"{MONTH_NAMES[month - 1]} has {days} days, so {day} is not a date."
    return None


def rating_label(question: Question, value: str) -> str:
    """The words for a stored rating ('' when not rated or no longer a known value)."""
    scale = StandardRating if question.part is QuestionPart.STANDARDS else QuestionRating
    try:
        return scale(value).label
    except ValueError:
        return ""


def sign_off_problems(details: EvaluationDetails) -> list[SignOffProblem]:
    """What must be answered before the evaluation can be signed off, in question order."""
    problems: list[SignOffProblem] = []
    if not details.who_took_part.strip() and not details.person_ids:
        problems.append(SignOffProblem(WHO_TOOK_PART, "Say who took part in the evaluation."))
    if details.served_involved is None:
        problems.append(
            SignOffProblem(
                SERVED_INVOLVED,
                "Say whether the people we serve were involved in the evaluation.",
            )
        )
    for question in ALL_QUESTIONS:
        answer = details.answers.get(question.key, Answer())
        missing = _missing(question, answer)
        if missing:
            problems.append(SignOffProblem(question.key, f"{question.text} — {missing}"))
    return problems


def _missing(question: Question, answer: Answer) -> str:
    if question.part is QuestionPart.REFLECTION:
        return "" if answer.text.strip() else "please answer in your own words."
    if not answer.rating:
        return "please choose a rating."
    if question.part is QuestionPart.EVALUATION and not answer.evidence.strip():
        return "please give the evidence for the rating."
    return ""


def is_read_only(status: EvaluationStatus) -> bool:
    return status is EvaluationStatus.SIGNED_OFF
