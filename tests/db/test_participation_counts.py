"""The quick counting behind the participation figures: people whose level never moved are
counted in grouped SQL, with their roles as bit masks, and agree with their level history."""

from __future__ import annotations

from datetime import date

from involve_desktop.db.models import Person, PersonOption
from involve_desktop.domain.people import OptionKind, ParticipationLevel
from involve_desktop.services.participation import participation_spread
from involve_desktop.services.participation_counts import ROLES_PER_MASK, RoleMasks, ToldHistories
from tests.db.impact_helpers import TODAY
from tests.db.impact_helpers import add_person_with_history as add_person

THIS_YEAR = (date(2026, 4, 1), date(2027, 3, 31))
OBS, LEAD = ParticipationLevel.OBSERVING, ParticipationLevel.LEADING


def test_more_roles_than_one_mask_holds_are_each_counted(database):
    # GIVEN a charity with 70 roles (more than one 62-bit mask) and people holding the first,
    # the last and both
    names = [f"Role {number:02d}" for number in range(70)]
    with database.session_scope() as session:
        session.add_all(PersonOption(kind=OptionKind.ROLE.value, name=name) for name in names)
        session.flush()
        joined = date(2024, 1, 1)
        add_person(session, joined, [(joined, "", OBS)], roles=(names[0],))
        add_person(session, joined, [(joined, "", LEAD)], roles=(names[69],))
        add_person(session, joined, [(joined, "", LEAD)], roles=(names[0], names[69]))
        add_person(session, joined, [(joined, "", OBS)])

    # WHEN the spread is counted
    with database.session_scope() as session:
        masks = RoleMasks.read(session)
        spread = participation_spread(session, TODAY, THIS_YEAR)

    # THEN the roles need two masks, and each person counts once in each of their roles
    assert len(masks.ids) > ROLES_PER_MASK  # the 70 added to the roles every register has
    by_role = {figures.role: figures.by_level for figures in spread.roles}
    assert by_role[names[0]] == (1, 0, 0, 1)
    assert by_role[names[69]] == (0, 0, 0, 2)
    assert by_role[names[30]] == (0, 0, 0, 0)
    assert by_role[""] == (1, 0, 0, 0)


def test_only_histories_that_say_more_than_the_record_are_told(database):
    # GIVEN people added at their level, one whose level moved, one whose history starts
    # before they joined, and one whose record's level differs from their history's
    with database.session_scope() as session:
        joined = date(2024, 1, 1)
        plain = add_person(session, joined, [(date(2024, 2, 1), "", OBS)])
        no_history = add_person(session, joined, [])
        moved = add_person(
            session, joined, [(joined, "", OBS), (date(2025, 5, 1), OBS.value, LEAD)]
        )
        early = add_person(session, joined, [(date(2023, 6, 1), "", OBS)])
        differs = add_person(session, joined, [(joined, "", OBS)])
        session.get(Person, differs).participation_level = LEAD.value  # type: ignore[union-attr]

    # WHEN the histories to tell are picked out
    with database.session_scope() as session:
        told = ToldHistories.read(session)

    # THEN the plain ones are counted in SQL and the others told from their history
    assert sorted(told.ids) == sorted([moved, early, differs])
    assert plain not in told.ids and no_history not in told.ids
