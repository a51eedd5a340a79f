"""People in the action plan and in evaluations: merged and deleted like every other link."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from involve_desktop.db.cycle_models import (
    ActionItem,
    ActionItemPerson,
    Evaluation,
    EvaluationPerson,
    Strategy,
)
from involve_desktop.db.models import Base
from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.domain.roles import Role
from involve_desktop.services.people import save_person
from involve_desktop.services.people_lifecycle import PERSON_LINKS, delete_person
from involve_desktop.services.people_merge import merge_people
from tests.db.register_helpers import staff_member


def test_every_table_pointing_at_a_person_is_a_person_link():
    linked = {link.table.name for link in PERSON_LINKS}
    pointing = {
        table.name
        for table in Base.metadata.tables.values()
        for key in table.foreign_keys
        if key.column.table.name == "person"
    }
    assert pointing <= linked


def _person_in_plan_and_evaluation(database, first: str, last: str) -> int:
    with database.session_scope() as session:
        person_id = save_person(session, None, PersonDetails(first, last))
        strategy = session.scalar(select(Strategy)) or Strategy(
            version=1,
            status="current",
            title="Involvement strategy",
            period_start=date(2026, 4, 1),
            period_end=date(2029, 3, 31),
        )
        session.add(strategy)
        evaluation = session.scalar(select(Evaluation)) or Evaluation(year_start=date(2025, 4, 1))
        session.add(evaluation)
        session.flush()
        item = ActionItem(
            strategy_id=strategy.id,
            action=f"Co-chair the panel ({first})",
            area="practice",
            stage="implementation",
            moved_at=datetime(2026, 11, 1, 9, 0),
        )
        session.add(item)
        session.flush()
        session.add(ActionItemPerson(item_id=item.id, person_id=person_id))
        session.add(EvaluationPerson(evaluation_id=evaluation.id, person_id=person_id))
        return person_id


def test_a_merge_moves_plan_and_evaluation_places_to_the_kept_record(database):
    admin = staff_member(database, Role.ADMINISTRATOR)
    kept = _person_in_plan_and_evaluation(database, "Ayesha", "Qureshi")
    other = _person_in_plan_and_evaluation(database, "Ayesha", "Qureshi")

    with database.session_scope() as session:
        merge_people(session, admin, keep_id=kept, merge_id=other, today=date(2026, 11, 26))

    with database.session_scope() as session:
        in_plan = session.scalars(select(ActionItemPerson.person_id)).all()
        in_evaluation = session.scalars(select(EvaluationPerson.person_id)).all()
    # Both actions keep their person; the one evaluation lists them once.
    assert in_plan == [kept, kept]
    assert in_evaluation == [kept]


def test_deleting_a_person_takes_them_off_actions_but_keeps_the_actions(database):
    admin = staff_member(database, Role.ADMINISTRATOR)
    person_id = _person_in_plan_and_evaluation(database, "Tomasz", "Nowak")

    with database.session_scope() as session:
        delete_person(session, admin, person_id)

    with database.session_scope() as session:
        assert session.scalars(select(ActionItemPerson)).all() == []
        assert session.scalars(select(EvaluationPerson)).all() == []
        assert session.scalars(select(ActionItem.action)).all() == ["Co-chair the panel (Tomasz)"]
