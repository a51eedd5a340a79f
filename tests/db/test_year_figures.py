"""The year's figures against a hand-built set of records with known answers
(tests/db/year_figures_helpers.py draws them), on both sides of the year's first day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.financial_year import YearStart, year_containing
from involve_desktop.domain.people import Barrier
from involve_desktop.services.budgets import budget_figures
from involve_desktop.services.money_totals import everyone_year_totals
from involve_desktop.services.organisation import load_organisation, save_organisation
from involve_desktop.services.participation import participation_spread
from involve_desktop.services.year_figures import YearFigures, year_figures
from involve_desktop.services.year_figures_share import Counted, Share
from involve_desktop.services.year_figures_work import NO_KIND
from tests.db.year_figures_helpers import TODAY, build_year

APRIL_YEAR = (date(2025, 4, 1), date(2026, 3, 31))
SEPTEMBER_YEAR = (date(2025, 9, 1), date(2026, 8, 31))
ONE_DAY = timedelta(days=1)
LEVEL_ORDER = ("observing", "contributing", "collaborating", "leading")


@pytest.fixture
def built(database):
    return build_year(database)


def figures_for(database, period: tuple[date, date], today: date = TODAY) -> YearFigures:
    with database.session_scope() as session:
        return year_figures(session, *period, today)


def roles_of(figures: YearFigures) -> dict[str, tuple[int, ...]]:
    return {role.role: role.by_level for role in figures.people.roles if role.total}


def move_year_start(database, start: YearStart) -> None:
    with database.session_scope() as session:
        details = load_organisation(session)
        assert details is not None
        save_organisation(session, replace(details, year_start=start))


def test_people_involved_are_those_who_attended_counted_at_the_years_end_level(database, built):
    people = figures_for(database, APRIL_YEAR).people

    # ann (A2, A5), ben (A3) and eve (A4, archived since); not dev (apologies at A5, A1 was
    # the year before), finn (only invited) or hal (did not attend).
    assert people.total == 3
    assert people.as_of == date(2026, 3, 31)
    # ann was contributing on 31 March 2026 (collaborating only from 1 May 2026).
    assert dict(zip(LEVEL_ORDER, people.by_level, strict=True)) == {
        "observing": 1,
        "contributing": 2,
        "collaborating": 0,
        "leading": 0,
    }
    assert roles_of(figures_for(database, APRIL_YEAR)) == {
        "Carer": (0, 2, 0, 0),
        "Uses services": (1, 0, 0, 0),
        "Volunteer": (0, 1, 0, 0),
    }
    assert [role.role for role in people.roles] == [
        "Campaigner",
        "Carer",
        "Member",
        "Peer mentor",
        "Trustee",
        "Uses services",
        "Volunteer",
    ]
    assert people.new_took_part == 1  # ben
    assert people.summary == (
        "3 experts by experience took part in at least one activity; 1 of them was new in 2025/26."
    )


def test_the_register_spread_is_participation_spreads_own(database, built):
    figures = figures_for(database, APRIL_YEAR)
    with database.session_scope() as session:
        assert figures.people.spread == participation_spread(session, TODAY, APRIL_YEAR)
    # Archived eve and ivy are left out of the register, as participation.py documents.
    assert figures.people.spread.total_now == 7


def test_new_people_joined_in_the_year_and_how_many_took_part(database, built):
    new = figures_for(database, APRIL_YEAR).new_people

    assert new.joined == 2  # ben and cara
    assert new.took_part == Share(1, 2)  # ben; cara's first activity is in the next year
    assert new.summary == (
        "2 experts by experience joined the register in 2025/26; "
        "1 of 2 (50%) took part in at least one activity."
    )


def test_activities_are_counted_by_kind_and_every_step_of_power(database, built):
    activities = figures_for(database, APRIL_YEAR).activities

    assert activities.total == 4  # A2, A4, A3, A5; A1 and A6 fall either side
    assert activities.to_come == 0
    assert activities.by_kind == (
        Counted("Steering group", 1),
        Counted("Interview panel", 1),
        Counted("Co-design workshop", 1),
        Counted(NO_KIND, 1),
    )
    assert [(row.power, row.count) for row in activities.by_power] == [
        (PowerShared.INFORM, 1),
        (PowerShared.CONSULT, 1),
        (PowerShared.DECIDE_TOGETHER, 1),
        (PowerShared.YOU_LEAD, 1),
    ]
    assert activities.summary == (
        "4 activities in the year; 2 of 4 (50%) shared decisions or were led by "
        "experts by experience."
    )


def test_impact_shares_of_activities_and_of_records_reported_back(database, built):
    impact = figures_for(database, APRIL_YEAR).impact

    assert impact.with_impact == Share(2, 4)  # A2 and A5
    assert impact.told == Share(2, 4)  # I2 and I5 told; I3 and I4 not; I1, I6 other years
    assert impact.summary == (
        "2 of 4 activities (50%) held in the year have at least one impact record; "
        "2 of 4 impact records (50%) were reported back to the people involved."
    )


def test_money_paid_for_the_years_work_and_the_years_budgets(database, built):
    money = figures_for(database, APRIL_YEAR).money

    assert money.fees_paid_pence == 25_00 + 100_00  # C2, C3
    assert money.expenses_paid_pence == 3_50 + 4_50  # C2's fares, C3's 10 miles at 45p
    assert money.people_paid == 2
    assert money.waiting_pence == 25_00  # C4, approved; C6 is a draft
    assert [
        (b.name, b.allocated_pence, b.committed_pence, b.paid_pence) for b in money.budgets
    ] == [
        ("Involvement", 1_000_00, 25_00, 28_50 + 104_50),
        ("Youth panel", 200_00, 0, 0),
    ]
    assert (money.allocated_pence, money.committed_pence) == (1_200_00, 25_00)
    assert (money.budget_paid_pence, money.remaining_pence) == (133_00, 1_042_00)
    assert money.summary == (
        "£133.00 was paid to 2 experts by experience for the year's work (£125.00 in fees, "
        "£8.00 in mileage and expenses), and £25.00 is claimed and waiting. The year's "
        "2 budgets: £1,200.00 allocated, £25.00 committed, £133.00 paid, £1,042.00 left."
    )


def test_money_agrees_with_the_budgets_screen_and_the_totals_by_person(database, built):
    for start, period in ((YearStart(4, 1), APRIL_YEAR), (YearStart(9, 1), SEPTEMBER_YEAR)):
        move_year_start(database, start)
        money = figures_for(database, period).money
        with database.session_scope() as session:
            assert list(money.budgets) == budget_figures(session, period[0])
            by_person = everyone_year_totals(session, period[0])
        claimed = sum(total.fees_pence + total.expenses_pence for total in by_person)
        assert claimed == money.paid_pence + money.waiting_pence


def test_people_not_taking_part_today_and_the_barriers_recorded(database, built):
    absent = figures_for(database, APRIL_YEAR).not_taking_part

    # finn (not at the moment) and gita (not at all); ivy is archived.
    assert (absent.not_now, absent.does_not_wish, absent.total) == (1, 1, 2)
    barriers = {row.barrier: (row.people, row.not_taking_part) for row in absent.barriers}
    assert barriers == {
        Barrier.ACCESS: (1, 1),
        Barrier.TIMING: (1, 1),
        Barrier.TRANSPORT: (1, 1),
        Barrier.LANGUAGE: (0, 0),
        Barrier.CARING: (0, 0),
        Barrier.DIGITAL: (1, 0),
        Barrier.CONFIDENCE: (0, 0),
        Barrier.OTHER: (0, 0),
    }
    assert [row.barrier for row in absent.barriers] == list(Barrier)
    assert absent.people_with_barriers == 3
    assert "not yet found a way" in absent.note
    assert absent.summary == (
        "2 experts by experience on the register have chosen not to take part: 1 not at the "
        "moment, 1 not at all; barriers are recorded for 3 experts by experience."
    )


def test_a_year_starting_on_1_september_puts_the_same_records_in_other_years(database, built):
    move_year_start(database, YearStart(9, 1))
    assert year_containing(date(2025, 8, 31), YearStart(9, 1))[0] == date(2024, 9, 1)
    figures = figures_for(database, SEPTEMBER_YEAR)

    # A3 (1 Sep 2025), A5 and A6 (1 Apr 2026); A2 and A4 are in 2024/25 now.
    assert figures.label == "2025/26"
    assert figures.activities.total == 3
    assert [(row.power, row.count) for row in figures.activities.by_power] == [
        (PowerShared.INFORM, 0),
        (PowerShared.CONSULT, 2),
        (PowerShared.DECIDE_TOGETHER, 0),
        (PowerShared.YOU_LEAD, 1),
    ]
    # ben (A3), ann (A5) and cara (A6); ann is collaborating by 31 August 2026.
    assert figures.people.total == 3
    assert figures.people.by_level == (2, 0, 1, 0)
    assert figures.new_people.joined == 1  # cara; ben joined in May, in 2024/25 now
    assert figures.new_people.took_part == Share(1, 1)
    assert figures.impact.with_impact == Share(1, 3)  # A5 only
    assert figures.impact.told == Share(1, 3)  # I4 and I6 not told, I5 told
    # C3 (1 Sep 2025), C2 (31 Mar 2026) and C5 (1 Apr 2026) paid; C4 approved.
    assert figures.money.fees_paid_pence == 100_00 + 25_00 + 25_00
    assert figures.money.expenses_paid_pence == 4_50 + 3_50
    assert figures.money.waiting_pence == 25_00
    # The two 2025/26 budgets moved with the year's first day.
    assert [budget.name for budget in figures.money.budgets] == ["Involvement", "Youth panel"]

    earlier = figures_for(database, (date(2024, 9, 1), date(2025, 8, 31)))
    assert earlier.activities.total == 3  # A1, A2, A4
    assert earlier.people.total == 3  # dev (A1), ann (A2), eve (A4)
    assert earlier.people.by_level == (0, 2, 0, 1)  # ann moved up on 1 June 2025
    assert earlier.new_people.joined == 1  # ben, who took part in A3 after the year
    assert earlier.new_people.took_part == Share(0, 1)


def test_a_current_year_counts_only_what_has_happened_so_far(database, built):
    today = date(2026, 4, 10)
    figures = figures_for(database, (date(2026, 4, 1), date(2027, 3, 31)), today)

    assert figures.current
    assert figures.people.as_of == today
    assert figures.people.total == 1  # cara at A6, new in 2025/26, not in this year
    assert figures.activities.total == 1
    assert figures.impact.with_impact == Share(0, 1)
    # I6 was recorded on 15 April 2026: counted once today has passed it.
    assert figures.impact.told == Share(0, 1)
    assert figures.impact.summary == (
        "0 of 1 activity (0%) held so far has at least one impact record; "
        "0 of 1 impact record (0%) was reported back to the people involved."
    )
    assert figures.people.summary == (
        "1 expert by experience has taken part in at least one activity so far; "
        "they were not new in 2026/27."
    )


def test_a_year_with_no_records_says_so(database, built):
    figures = figures_for(database, (date(2030, 4, 1), date(2031, 3, 31)))

    assert figures.activities.total == 0
    assert figures.impact.with_impact.words("no activities") == "no activities"
    assert figures.summaries[:5] == (
        "No experts by experience were marked as attending an activity in 2030/31.",
        "No new experts by experience joined the register in 2030/31.",
        "No activities are recorded in 2030/31.",
        "No activities were held in the year; no impact records belong to the year.",
        "Nothing has been paid for the year's work. No budget is set for the year.",
    )


def test_on_the_years_last_day_the_figures_are_still_so_far(database, built):
    last_day = APRIL_YEAR[1]
    figures = figures_for(database, APRIL_YEAR, last_day)

    assert figures.current
    assert figures.impact.summary.startswith("2 of 4 activities (50%) held so far have")
    assert figures.people.summary == (
        "3 experts by experience have taken part in at least one activity so far; "
        "1 of them was new in 2025/26."
    )
    after = figures_for(database, APRIL_YEAR, last_day + ONE_DAY)
    assert not after.current
    assert "held in the year" in after.impact.summary


@pytest.mark.parametrize(
    ("count", "total", "words"),
    [
        (31, 40, "31 of 40 (78%)"),
        (1, 3, "1 of 3 (33%)"),
        (1, 2, "1 of 2 (50%)"),
        (199, 200, "199 of 200 (99%)"),  # not all, so never said as 100%
        (1, 1000, "1 of 1,000 (1%)"),  # some, so never said as 0%
        (0, 5, "0 of 5 (0%)"),
        (0, 0, "no activities"),
    ],
)
def test_a_share_is_said_in_whole_percent(count, total, words):
    assert Share(count, total).words("no activities") == words
