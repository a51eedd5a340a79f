"""Words and scales that describe a person's involvement."""

from __future__ import annotations

from enum import StrEnum


class ParticipationLevel(StrEnum):
    """The participation pyramid, from the broad base to the narrow top."""

    OBSERVING = "observing"
    CONTRIBUTING = "contributing"
    COLLABORATING = "collaborating"
    LEADING = "leading"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class TakingPart(StrEnum):
    """Whether a person takes part now; choosing not to is respected, never chased."""

    TAKING_PART = "taking_part"
    NOT_NOW = "not_now"
    DOES_NOT_WISH = "does_not_wish"

    @property
    def label(self) -> str:
        return {
            TakingPart.TAKING_PART: "Taking part",
            TakingPart.NOT_NOW: "Not at the moment",
            TakingPart.DOES_NOT_WISH: "Does not wish to take part",
        }[self]
