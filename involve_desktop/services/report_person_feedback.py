"""Feedback that names a person, for `report_person.person_record`.

An impact record ("you said, we did") that stands alone says where it came from in free
text, and that text may name someone on the register ("Phone call from Siân ap Gwilym").
The words are then that person's, and what is held about them includes them. A source is
taken to name the person by the same rule the annual report uses to decide whose words it
may quote (`report_annual.name_keys`): their full name, or the name they prefer with their
surname, in any case or accent. Every record is looked at, standing alone or not: leaving
someone's words out of what they are given would be worse than listing one too many.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from involve_desktop.db.models import Person
from involve_desktop.domain.formatting import long_date
from involve_desktop.services.impact import list_impact
from involve_desktop.services.report_annual import name_keys, name_runs
from involve_desktop.services.report_person import NOT_RECORDED, RecordTable

HEADING = "Feedback that names them"
COLUMNS = ("Date", "Where it came from", "What was said", "What we did")
EMPTY = "No feedback names them as where it came from."
NOTE = "Records of what people said (you said, we did) whose source names them."


def feedback_naming(session: Session, person: Person) -> RecordTable:
    """The impact records whose source names the person, oldest first."""
    keys = name_keys(person.first_name, person.last_name, person.preferred_name)
    found = [
        record
        for record in reversed(list_impact(session))
        if keys and any(run in keys for run in name_runs(record.source))
    ]
    rows = tuple(
        (
            long_date(record.dated),
            record.source,
            record.said or NOT_RECORDED,
            record.decided or NOT_RECORDED,
        )
        for record in found
    )
    return RecordTable(HEADING, COLUMNS, rows, EMPTY, note=NOTE if rows else "")
