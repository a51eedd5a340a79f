"""Small shapes the year's figures are told in: a share of a whole, a labelled count.

Pure data, no database: the evaluation, Home and the annual report all write a share the
same way ("31 of 40 (78%)").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Share:
    """`count` of `total`, with a whole-number percent."""

    count: int
    total: int

    @property
    def percent(self) -> int | None:
        """Rounded half up, except that a share that is not all is never said as 100%, and
        one that is not none never as 0%: "199 of 200 (100%)" would tell the reader nothing
        was missing. None when there is nothing to take a share of."""
        if self.total <= 0:
            return None
        rounded = (self.count * 200 + self.total) // (self.total * 2)
        if self.count > 0 and rounded == 0:
            return 1
        if self.count < self.total and rounded == 100:
            return 99
        return rounded

    def words(self, when_none: str) -> str:
        """'31 of 40 (78%)', or `when_none` ("no activities") when the total is 0."""
        if self.percent is None:
            return when_none
        return f"{self.count:,} of {self.total:,} ({self.percent}%)"

    def words_of(self, singular: str, plural: str, when_none: str) -> str:
        """'31 of 40 activities (78%)', or `when_none` when the total is 0."""
        if self.percent is None:
            return when_none
        noun = singular if self.total == 1 else plural
        return f"{self.count:,} of {self.total:,} {noun} ({self.percent}%)"


@dataclass(frozen=True)
class Counted:
    """A count under a label, e.g. activities of one kind, people with one barrier."""

    label: str
    count: int


def counted_word(number: int, singular: str, plural: str) -> str:
    """'1 activity', '40 activities'."""
    return f"{number:,} {singular if number == 1 else plural}"
