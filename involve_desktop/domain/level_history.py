"""A person's participation level on any past day, read from their recorded level changes.

The rule: on a day, a person is at the level of their last change on or before that day.
Before their first change they are at the level that change started from, or, when it is the
day they were added to the register, the level they were added at (someone typed in today
who joined years ago was at that level then too). A person is on the register from the day
they joined, or from their first recorded change if that is earlier.

Moves are read from the sequence of levels rather than from each change's "from" level, so
that a history joined from two merged records still adds up: the level at the end of a
period is always the level at its start plus the moves within it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from involve_desktop.domain.people import ParticipationLevel

LEVELS: tuple[ParticipationLevel, ...] = tuple(ParticipationLevel)


@dataclass(frozen=True)
class LevelStep:
    """One recorded change; `from_level` is '' on the day the person was added."""

    on: date
    from_level: str
    to_level: str


@dataclass(frozen=True)
class LevelMove:
    on: date
    from_level: ParticipationLevel
    to_level: ParticipationLevel

    @property
    def upwards(self) -> bool:
        return LEVELS.index(self.to_level) > LEVELS.index(self.from_level)


class LevelStory:
    """One person's level over time. `steps` in the order they happened."""

    def __init__(
        self,
        joined_on: date,
        current: ParticipationLevel,
        steps: Sequence[LevelStep],
        today: date,
    ) -> None:
        if steps:
            first = steps[0]
            self.arrival = min(joined_on, first.on, today)
            if first.from_level:
                self.initial = ParticipationLevel(first.from_level)
            else:
                # Corrections typed on the day someone was added are part of how they were
                # added, not moves: "added as observing, corrected to contributing" is
                # someone who has always been contributing.
                added_that_day = [step for step in steps if step.on == first.on]
                self.initial = ParticipationLevel(added_that_day[-1].to_level)
                steps = [step for step in steps if step.on != first.on]
        else:
            self.initial = current
            self.arrival = min(joined_on, today)
        self.moves: list[LevelMove] = []
        level = self.initial
        for step in steps:
            level = self._move(step.on, level, ParticipationLevel(step.to_level))
        # The record itself is the truth today, should its history have a gap.
        self._move(max(today, steps[-1].on) if steps else today, level, current)

    def _move(
        self, on: date, level: ParticipationLevel, to_level: ParticipationLevel
    ) -> ParticipationLevel:
        if to_level != level:
            self.moves.append(LevelMove(on, level, to_level))
        return to_level

    def on_register(self, day: date) -> bool:
        return self.arrival <= day

    def level_on(self, day: date) -> ParticipationLevel:
        level = self.initial
        for move in self.moves:
            if move.on > day:
                break
            level = move.to_level
        return level

    def moves_within(self, first: date, last: date) -> list[LevelMove]:
        """Moves on the days from `first` to `last` (both included) after the person arrived;
        moves on their first day are part of the level they arrived at."""
        return [move for move in self.moves if first <= move.on <= last and move.on > self.arrival]
