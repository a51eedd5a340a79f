"""How dates and numbers are written for people, the same on screen and in print."""

from __future__ import annotations

from datetime import date


def long_date(day: date) -> str:
    """'1 April 2026' (written out by hand because '%-d' does not work on Windows)."""
    return f"{day.day} {day:%B %Y}"


def count_of_people(number: int) -> str:
    """'1 person', '20,000 people' (for support and logs; screens use the charity's words)."""
    return f"{number:,} {'person' if number == 1 else 'people'}"


def and_list(items: list[str] | tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)
