"""How dates and numbers are written for people, the same on screen and in print."""

from __future__ import annotations

from datetime import date


def long_date(day: date) -> str:
    """'1 April 2026' (written out by hand because '%-d' does not work on Windows)."""
    return f"{day.day} {day:%B %Y}"


def plural(count: int, singular: str, many: str | None = None) -> str:
    """'1 claim', '2 claims', '1,204 activities' (`many` when adding "s" is wrong)."""
    word = singular if count == 1 else many or f"{singular}s"
    return f"{count:,} {word}"


def count_of_people(number: int) -> str:
    """'1 person', '20,000 people' (for support and logs; screens use the charity's words)."""
    return plural(number, "person", "people")


def and_list(items: list[str] | tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)
