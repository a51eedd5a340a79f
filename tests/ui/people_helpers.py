"""Putting people on the register for screen tests, through the real service."""

from __future__ import annotations

from datetime import date

from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.services.people import save_person

TODAY = date(2026, 11, 26)


def add_person(ctx, first_name: str, last_name: str = "", **details) -> int:
    details.setdefault("joined_on", date(2025, 1, 1))
    with ctx.database().session_scope() as session:
        return save_person(
            session,
            ctx.actor,
            PersonDetails(first_name=first_name, last_name=last_name, **details),
            today=TODAY,
        )
