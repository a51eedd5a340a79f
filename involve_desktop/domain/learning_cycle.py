"""The words of the learning cycle: the four standards areas, the cycle's stages, and the
scales used by the strategy, the action plan and the yearly evaluation.

Values are stored in the database; labels are what people read, on screen and in print.
"""

from __future__ import annotations

from enum import StrEnum


class StandardsArea(StrEnum):
    """The four areas good involvement is judged in (a 'whole systems' view)."""

    CULTURE = "culture"
    STRUCTURE = "structure"
    PRACTICE = "practice"
    REVIEW = "review"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def meaning(self) -> str:
        return _AREA_MEANINGS[self]


_AREA_MEANINGS = {
    StandardsArea.CULTURE: "how the whole organisation thinks and talks about involvement",
    StandardsArea.STRUCTURE: "the plans, people, partners and money that make it possible",
    StandardsArea.PRACTICE: "how involvement is done, day to day, with everyone",
    StandardsArea.REVIEW: "how we check what involvement achieved, and how it was done",
}


class CycleStage(StrEnum):
    """Reflection, planning, implementation, evaluation, and round again."""

    REFLECTION = "reflection"
    PLANNING = "planning"
    IMPLEMENTATION = "implementation"
    EVALUATION = "evaluation"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class StrategyStatus(StrEnum):
    """A draft is being written; one version is current; the ones it replaced are past."""

    DRAFT = "draft"
    CURRENT = "current"
    PAST = "past"

    @property
    def label(self) -> str:
        return {
            StrategyStatus.DRAFT: "Draft",
            StrategyStatus.CURRENT: "Current",
            StrategyStatus.PAST: "Replaced",
        }[self]


class ItemStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {
            ItemStatus.NOT_STARTED: "Not started",
            ItemStatus.IN_PROGRESS: "In progress",
            ItemStatus.DONE: "Done",
            ItemStatus.DROPPED: "Dropped",
        }[self]

    @property
    def is_open(self) -> bool:
        """Still to do: only open items can be overdue."""
        return self in (ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS)


class EvaluationStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    SIGNED_OFF = "signed_off"

    @property
    def label(self) -> str:
        return "Signed off" if self is EvaluationStatus.SIGNED_OFF else "In progress"


class ServedInvolved(StrEnum):
    """Whether the people the charity serves took part in evaluating the year."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"

    @property
    def label(self) -> str:
        return {
            ServedInvolved.YES: "Yes, throughout",
            ServedInvolved.PARTLY: "Partly",
            ServedInvolved.NO: "No, not this year",
        }[self]


class _Scale(StrEnum):
    @property
    def step(self) -> int:
        """1 to 4, so a rating can be said as 'step 3 of 4' as well as drawn."""
        return list(type(self)).index(self) + 1


class QuestionRating(_Scale):
    """How well the charity did on one evaluation question."""

    WEAK = "weak"
    FAIR = "fair"
    GOOD = "good"
    STRONG = "strong"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class StandardRating(_Scale):
    """How far one standards point has come."""

    NOT_YET = "not_yet"
    STARTING = "starting"
    DEVELOPING = "developing"
    EMBEDDED = "embedded"

    @property
    def label(self) -> str:
        return {
            StandardRating.NOT_YET: "Not in place yet",
            StandardRating.STARTING: "Starting",
            StandardRating.DEVELOPING: "Developing",
            StandardRating.EMBEDDED: "Part of everyday work",
        }[self]
