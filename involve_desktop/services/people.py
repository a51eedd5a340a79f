"""The people register. (The full register arrives with its own screen; this is its core.)"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Person


def count_people(session: Session, *, include_archived: bool = False) -> int:
    query = select(func.count()).select_from(Person)
    if not include_archived:
        query = query.where(Person.archived.is_(False))
    return session.scalar(query) or 0
