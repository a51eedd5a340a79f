"""The retention routine: who is past the point, the preview, anonymising and deleting."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from involve_desktop.db.engine import Database
from involve_desktop.db.models import Person
from involve_desktop.services.retention import count_past_retention
from tests.db.claim_helpers import TODAY, add_claimant, fee, money_team, submitted


def involved_last_on(database: Database, person_id: int, day: date | None) -> None:
    with database.session_scope() as session:
        session.execute(update(Person).where(Person.id == person_id).values(last_involved_on=day))


def joined_on(database: Database, person_id: int, day: date) -> None:
    with database.session_scope() as session:
        session.execute(update(Person).where(Person.id == person_id).values(joined_on=day))


def test_people_past_six_years_are_counted_unless_a_claim_is_still_open(database: Database):
    # GIVEN people last involved more and less than six years ago, and one never involved
    _admin, _approver, worker = money_team(database)
    long_gone = add_claimant(database, "Old", "Friend")
    involved_last_on(database, long_gone, date(2020, 11, 25))
    on_the_anniversary = add_claimant(database, "Just", "Kept")
    involved_last_on(database, on_the_anniversary, date(2020, 11, 26))
    never_involved = add_claimant(database, "Never", "Came")
    joined_on(database, never_involved, date(2019, 3, 1))
    recent = add_claimant(database, "Still", "Here")
    involved_last_on(database, recent, date(2024, 5, 1))
    with_open_claim = add_claimant(database, "Owed", "Money")
    submitted(database, worker, with_open_claim, fee(100))
    involved_last_on(database, with_open_claim, date(2018, 1, 1))

    # WHEN the routine counts them on 26 November 2026
    with database.session_scope() as session:
        count = count_past_retention(session, TODAY)

    # THEN only those it can offer to remove count: the open claim holds one back
    assert count == 2
