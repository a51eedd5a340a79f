"""The participation spread: levels now and as the year began, read back from the history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from involve_desktop.db.models import Person
from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.people import ParticipationLevel, TakingPart
from involve_desktop.services.participation import participation_spread, ways_in
from tests.db.impact_helpers import TODAY, add_activity
from tests.db.impact_helpers import add_person_with_history as add_person

OBS, CON, COL, LEAD = (
    ParticipationLevel.OBSERVING,
    ParticipationLevel.CONTRIBUTING,
    ParticipationLevel.COLLABORATING,
    ParticipationLevel.LEADING,
)
THIS_YEAR = (date(2026, 4, 1), date(2027, 3, 31))
LAST_YEAR = (date(2025, 4, 1), date(2026, 3, 31))


def counts(spread, field: str) -> list[int]:
    return [getattr(figures, field) for figures in spread.levels]


def test_a_year_of_joining_moving_and_choosing_not_to_take_part(database):
    with database.session_scope() as session:
        # Moved up on the year's first day: a move in this year, not part of how it began.
        add_person(
            session, date(2020, 1, 6), [(date(2020, 1, 6), "", OBS), (THIS_YEAR[0], OBS.value, CON)]
        )
        # Moved down the day before the year began: part of how it began.
        add_person(
            session,
            date(2021, 5, 1),
            [(date(2021, 5, 1), "", LEAD), (date(2026, 3, 31), LEAD.value, COL)],
        )
        # Joined mid-year.
        add_person(session, date(2026, 6, 1), [(date(2026, 6, 1), "", COL)], roles=("Carer",))
        # Joined years ago but typed in this year (an import): not new this year.
        add_person(
            session, date(2019, 2, 2), [(date(2026, 9, 1), "", LEAD)], roles=("Trustee", "Carer")
        )
        # Has chosen not to take part: still counted at their level, not as taking part.
        add_person(
            session,
            date(2022, 1, 1),
            [(date(2022, 1, 1), "", OBS)],
            taking_part=TakingPart.DOES_NOT_WISH,
            roles=("Carer",),
        )
        add_person(session, date(2020, 1, 1), [(date(2020, 1, 1), "", LEAD)], archived=True)
    with database.session_scope() as session:
        spread = participation_spread(session, TODAY, THIS_YEAR)
    assert (spread.as_of, spread.current) == (TODAY, True)
    assert counts(spread, "now") == [1, 1, 2, 1]
    assert counts(spread, "at_start") == [2, 0, 1, 1]
    assert counts(spread, "joined") == [0, 0, 1, 0]
    assert counts(spread, "taking_part") == [0, 1, 2, 1]
    assert counts(spread, "change") == [-1, 1, 1, 0]
    assert (spread.moved_up, spread.moved_down) == (1, 0)
    assert (spread.total_now, spread.total_at_start, spread.joined) == (5, 4, 1)
    by_role = {figures.role: figures.by_level for figures in spread.roles}
    assert by_role["Carer"] == (1, 0, 1, 1)
    assert by_role["Trustee"] == (0, 0, 0, 1)
    assert by_role["Volunteer"] == (0, 0, 0, 0)  # the charity's whole list is shown
    assert by_role[""] == (0, 1, 1, 0)  # no role recorded


def test_a_past_year_ends_on_its_last_day(database):
    with database.session_scope() as session:
        add_person(
            session,
            date(2025, 1, 1),
            [(date(2025, 1, 1), "", OBS), (date(2025, 7, 1), OBS.value, COL)],
        )
        add_person(
            session,
            date(2025, 1, 1),
            [(date(2025, 1, 1), "", OBS), (date(2026, 4, 1), OBS.value, LEAD)],
        )
        add_person(session, date(2026, 5, 1), [(date(2026, 5, 1), "", OBS)])
    with database.session_scope() as session:
        spread = participation_spread(session, TODAY, LAST_YEAR)
    assert (spread.as_of, spread.current) == (LAST_YEAR[1], False)
    assert counts(spread, "at_start") == [2, 0, 0, 0]
    assert counts(spread, "now") == [1, 0, 1, 0]
    assert (spread.moved_up, spread.joined) == (1, 0)


def test_ways_in_are_the_next_ninety_days_by_the_power_each_activity_shares(database):
    add_activity(database, "Yesterday", TODAY - timedelta(days=1), PowerShared.INFORM)
    add_activity(database, "Open day", TODAY, PowerShared.INFORM, kind="Event")
    add_activity(database, "Co-design", TODAY + timedelta(days=90), PowerShared.DECIDE_TOGETHER)
    add_activity(database, "Too far", TODAY + timedelta(days=91), PowerShared.YOU_LEAD)
    with database.session_scope() as session:
        found = ways_in(session, TODAY)
    titles = {level: [way.title for way in ways] for level, ways in found.items()}
    assert titles == {OBS: ["Open day"], CON: [], COL: ["Co-design"], LEAD: []}
    assert found[OBS][0].kind == "Event"


# --- the history, for any history ---------------------------------------------------------------

LEVELS = list(ParticipationLevel)
EDGES = [
    THIS_YEAR[0] - timedelta(days=1),
    THIS_YEAR[0],
    THIS_YEAR[0] + timedelta(days=1),
    LAST_YEAR[1],
    LAST_YEAR[0],
    TODAY,
]
days = st.one_of(st.sampled_from(EDGES), st.dates(date(2025, 1, 1), TODAY))


@st.composite
def people(draw):
    """A person as the app writes them (added on the day they joined, each change from the
    level before), or, sometimes, as an import or a merge leaves them."""
    joined = draw(days)
    levels = draw(st.lists(st.sampled_from(LEVELS), min_size=1, max_size=4))
    later = sorted(
        draw(
            st.lists(
                days.filter(lambda d: d >= joined),
                min_size=len(levels) - 1,
                max_size=len(levels) - 1,
            )
        )
    )
    history = [(joined, "", levels[0])]
    history += [
        (day, previous.value, level)
        for day, previous, level in zip(later, levels[:-1], levels[1:], strict=True)
    ]
    messy = draw(st.sampled_from(["as written", "typed in later", "merged", "no history"]))
    if messy == "typed in later":
        history[0] = (draw(days.filter(lambda d: d >= joined)), "", levels[0])
        history.sort(key=lambda step: step[0])
    elif messy == "merged":
        history.append((draw(days), "", draw(st.sampled_from(LEVELS))))
        history.sort(key=lambda step: step[0])
    elif messy == "no history":
        history = []
    return joined, history, draw(st.sampled_from([False, False, True]))  # archived


def spread_of(database, everyone, period):
    """The spread of exactly these people (the database is shared by every example)."""
    with database.session_scope() as session:
        session.execute(delete(Person))
        for joined, history, archived in everyone:
            add_person(session, joined, history, archived=archived)
    with database.session_scope() as session:
        return participation_spread(session, TODAY, period)


any_register = given(
    everyone=st.lists(people(), max_size=8), period=st.sampled_from([THIS_YEAR, LAST_YEAR])
)
shared_database = settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@shared_database
@any_register
def test_the_figures_always_add_up(database, everyone, period):
    spread = spread_of(database, everyone, period)
    # Each level ends where it began, plus who arrived and who moved.
    for figures in spread.levels:
        assert figures.change == figures.joined + figures.moved_in - figures.moved_out
    assert spread.total_now == spread.total_at_start + spread.joined
    assert spread.moved_up + spread.moved_down == sum(counts(spread, "moved_in"))
    current = [
        history[-1][2] if history else OBS for _, history, archived in everyone if not archived
    ]
    if spread.current:  # now is the register as it stands
        assert counts(spread, "now") == [current.count(level) for level in LEVELS]
    assert sum(figures.total for figures in spread.roles) == spread.total_now  # nobody has a role


@shared_database
@any_register
def test_as_written_histories_give_the_level_of_the_last_change_before_the_year(
    database, everyone, period
):
    tidy = [
        (joined, history, archived)
        for joined, history, archived in everyone
        if history and history[0][0] == joined
    ]
    spread = spread_of(database, tidy, period)
    before = period[0] - timedelta(days=1)
    expected = [0, 0, 0, 0]
    for joined, history, archived in tidy:
        if archived or joined > before:
            continue
        last = [level for day, _from, level in history if day <= before][-1]
        expected[LEVELS.index(last)] += 1
    assert counts(spread, "at_start") == expected
    assert spread.joined == sum(
        1 for joined, _h, archived in tidy if not archived and period[0] <= joined <= spread.as_of
    )


@pytest.mark.parametrize("period", [THIS_YEAR, LAST_YEAR])
def test_an_empty_register_has_a_spread_of_noughts(database, period):
    with database.session_scope() as session:
        spread = participation_spread(session, TODAY, period)
    assert counts(spread, "now") == [0, 0, 0, 0]
    assert spread.total_now == 0


def test_a_level_corrected_on_the_day_someone_was_added_is_how_they_were_added():
    from datetime import date

    from involve_desktop.domain.level_history import LevelStep, LevelStory
    from involve_desktop.domain.people import ParticipationLevel

    added = date(2026, 6, 1)
    story = LevelStory(
        joined_on=date(2020, 1, 1),
        current=ParticipationLevel.CONTRIBUTING,
        steps=[
            LevelStep(added, "", "observing"),
            LevelStep(added, "observing", "contributing"),
        ],
        today=date(2026, 11, 26),
    )
    # Back-dated to 2020 and contributing all along: no move, in any year.
    assert story.level_on(date(2021, 1, 1)) is ParticipationLevel.CONTRIBUTING
    assert story.moves == []
