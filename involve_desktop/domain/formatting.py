"""How dates and numbers are written for people, the same on screen and in print."""

from __future__ import annotations

from datetime import date


def long_date(day: date) -> str:
    """'1 April 2026' (written out by hand because '%-d' does not work on Windows)."""
    return f"{day.day} {day:%B %Y}"
