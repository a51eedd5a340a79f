"""The questions of the yearly evaluation, in three parts.

Each question has a stable `key`: answers are stored against it, so a key never changes
once shipped, even when the wording is improved. A new question is a new key; last year's
answers to a retired key stay in the database and are simply not asked again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from involve_desktop.domain.learning_cycle import StandardsArea


class QuestionPart(StrEnum):
    REFLECTION = "reflection"  # answered in the charity's own words
    EVALUATION = "evaluation"  # a rating, the evidence, and how it was measured
    STANDARDS = "standards"  # a four-step rating and the evidence

    @property
    def label(self) -> str:
        return {
            QuestionPart.REFLECTION: "Looking back",
            QuestionPart.EVALUATION: "How well it went",
            QuestionPart.STANDARDS: "Standards self-assessment",
        }[self]


@dataclass(frozen=True)
class Question:
    key: str
    part: QuestionPart
    text: str
    hint: str = ""
    area: StandardsArea | None = None  # standards points only


def _reflection(key: str, text: str, hint: str) -> Question:
    return Question(f"reflect.{key}", QuestionPart.REFLECTION, text, hint)


def _evaluation(key: str, text: str, hint: str) -> Question:
    return Question(f"evaluate.{key}", QuestionPart.EVALUATION, text, hint)


def _point(area: StandardsArea, key: str, text: str) -> Question:
    return Question(f"{area.value}.{key}", QuestionPart.STANDARDS, text, area=area)


REFLECTION_QUESTIONS: tuple[Question, ...] = (
    _reflection(
        "why",
        "Why do we involve the people we serve?",
        "What drives it for us, and do we all accept the reasons?",
    ),
    _reflection(
        "achieve",
        "What do we want involvement to achieve?",
        "The changes we hope to see for people and for our services.",
    ),
    _reflection(
        "how", "How do we go about it?", "The ways we involve people, and what we want to try."
    ),
    _reflection(
        "who",
        "Who do we involve, and where do they come from?",
        "Who is missing, and who has only been asked once.",
    ),
    _reflection(
        "arrangements",
        "What arrangements for involvement exist now?",
        "Groups, panels, payments, support: what is in place and who knows about it.",
    ),
    _reflection(
        "training",
        "What training or support do staff need?",
        "To understand involvement better and to do it well.",
    ),
)

EVALUATION_QUESTIONS: tuple[Question, ...] = (
    _evaluation(
        "quality",
        "How good were our involvement activities?",
        "Say how you know: feedback forms, a conversation, numbers coming back.",
    ),
    _evaluation(
        "relevance",
        "How relevant were they to the people they were for?",
        "Did the topics matter to the people taking part and to those they speak for?",
    ),
    _evaluation(
        "reputation",
        "What is our reputation with the people we involve?",
        "What they say about us, and whether they come back.",
    ),
    _evaluation(
        "planning",
        "Were people involved in planning, not only in doing?",
        "At the start of projects, in setting the agenda, in choosing what to work on.",
    ),
    _evaluation(
        "team",
        "Was each team member's part in involvement followed and reviewed as we went?",
        "Supervision, team meetings, notes kept through the year.",
    ),
)

STANDARDS_POINTS: tuple[Question, ...] = (
    _point(
        StandardsArea.CULTURE,
        "shared_understanding",
        "Everyone shares an understanding of what involvement means here",
    ),
    _point(StandardsArea.CULTURE, "managers", "Managers back involvement and keep it going"),
    _point(StandardsArea.CULTURE, "staff", "All staff are committed to involving people"),
    _point(StandardsArea.CULTURE, "charter", "We have an involvement charter, agreed with people"),
    _point(
        StandardsArea.CULTURE,
        "policies",
        "Our policies and documents show involvement in practice",
    ),
    _point(StandardsArea.CULTURE, "publicity", "We say publicly that we are committed to it"),
    _point(StandardsArea.STRUCTURE, "strategy", "We have a current involvement strategy"),
    _point(StandardsArea.STRUCTURE, "partnerships", "We work in partnership with others on it"),
    _point(StandardsArea.STRUCTURE, "champions", "Named champions lead and encourage it"),
    _point(
        StandardsArea.STRUCTURE, "resources", "Enough time, money and staff are set aside for it"
    ),
    _point(
        StandardsArea.PRACTICE,
        "everyone",
        "Everyone can take part, including people who are seldom heard",
    ),
    _point(StandardsArea.PRACTICE, "safely", "People take part safely"),
    _point(
        StandardsArea.PRACTICE,
        "setting",
        "The places and times we use make taking part easy",
    ),
    _point(StandardsArea.PRACTICE, "methods", "Our methods are flexible and creative"),
    _point(
        StandardsArea.PRACTICE,
        "levels",
        "People are involved in big decisions and in decisions about their own support",
    ),
    _point(
        StandardsArea.PRACTICE,
        "skills",
        "Staff and participants get to build the skills and knowledge they need",
    ),
    _point(StandardsArea.REVIEW, "outcomes", "We set out the outcomes we plan for"),
    _point(StandardsArea.REVIEW, "participants", "The people involved help us review it"),
    _point(StandardsArea.REVIEW, "resources", "Reviewing has its own time and money"),
    _point(
        StandardsArea.REVIEW,
        "evidence",
        "We keep evidence of how involvement was done and of what it changed",
    ),
)

ALL_QUESTIONS: tuple[Question, ...] = REFLECTION_QUESTIONS + EVALUATION_QUESTIONS + STANDARDS_POINTS
QUESTIONS_BY_KEY: dict[str, Question] = {question.key: question for question in ALL_QUESTIONS}


def standards_points(area: StandardsArea) -> tuple[Question, ...]:
    return tuple(point for point in STANDARDS_POINTS if point.area is area)
