"""The annual involvement report's contents, gathered from the hand-built year of
tests/db/year_figures_helpers.py: the figures are year_figures' own, the lists behind them
agree with them, and nobody is quoted without their consent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from involve_desktop.domain.learning_cycle import ItemStatus, StandardsArea
from involve_desktop.domain.person_record import Consent, PersonDetails
from involve_desktop.services.people import save_person
from involve_desktop.services.report_annual import NOT_QUOTED, annual_report, report_year
from involve_desktop.services.year_figures import year_figures
from tests.db.impact_helpers import add_impact
from tests.db.plan_helpers import add_item, make_strategy
from tests.db.year_figures_helpers import TODAY, build_year

APRIL_YEAR = (date(2025, 4, 1), date(2026, 3, 31))
QUOTES_ALLOWED = Consent(given_on=date(2024, 1, 1), to_contact=True, to_quotes=True)


@pytest.fixture
def built(database):
    return build_year(database)


def report(database, period=APRIL_YEAR, today=TODAY):
    with database.session_scope() as session:
        return annual_report(session, *period, today)


def add_named(database, first: str, last: str, consent: Consent) -> int:
    with database.session_scope() as session:
        details = PersonDetails(first, last, consent=consent, joined_on=date(2024, 1, 1))
        return save_person(session, None, details, today=TODAY)


def test_the_report_year_is_the_last_one_ended(database):
    with database.session_scope() as session:
        assert report_year(session, TODAY) == APRIL_YEAR
        assert report_year(session, date(2026, 4, 1)) == APRIL_YEAR
        assert report_year(session, date(2026, 3, 31)) == (date(2024, 4, 1), date(2025, 3, 31))


def test_the_figures_are_year_figures_own(database, built):
    made = report(database)
    with database.session_scope() as session:
        assert made.figures == year_figures(session, *APRIL_YEAR, TODAY)
    assert made.title == "Annual involvement report 2025/26"
    assert made.organisation == "Greenfield Carers Network"
    assert made.terms.plural == "experts by experience"


def test_the_years_activities_with_how_many_came(database, built):
    made = report(database)
    assert [(line.title, line.attended) for line in made.activities] == [
        ("April steering group", 1),  # finn only invited, hal did not come
        ("August feedback", 1),
        ("Summer workshop", 1),
        ("Year-end panel", 1),  # dev sent apologies
    ]
    assert len(made.activities) == made.figures.activities.total
    assert made.activities[2].kind == "Co-design workshop"
    assert made.activities[1].kind == ""
    assert not any(line.to_come for line in made.activities)


def test_you_said_we_did_is_the_years_impact_records_oldest_first(database, built):
    made = report(database)
    assert [record.said for record in made.you_said] == [
        "Easier forms",
        "A quiet room",
        "Bus passes",
        "Pay on the day",
    ]
    told = sum(record.told_people for record in made.you_said)
    assert (told, len(made.you_said)) == (
        made.figures.impact.told.count,
        made.figures.impact.told.total,
    )
    assert made.you_said[0].came_from == "April steering group"
    assert made.you_said[2].came_from == "A comment card"
    assert made.you_said[2].told == "Told on 1 December 2025"
    assert made.withheld_quotes == 0


def test_feedback_naming_a_person_is_quoted_only_with_their_consent(database):
    add_named(database, "Siân", "ap Gwilym", Consent())
    add_named(database, "Łukasz", "Wiśniewski", QUOTES_ALLOWED)
    withdrawn = Consent(date(2024, 1, 1), to_quotes=True, withdrawn_on=date(2026, 1, 1))
    add_named(database, "Zoë", "Okafor-Smith", withdrawn)
    day = date(2025, 6, 1)
    add_impact(
        database,
        "Papurau yn Gymraeg, os gwelwch yn dda",
        today=day,
        source="Email from SIAN AP GWILYM",
    )
    add_impact(database, "Więcej spotkań wieczorem", today=day, source="Łukasz Wiśniewski, call")
    add_impact(database, "A crèche at meetings", today=day, source="Letter: Zoë Okafor-Smith")
    add_impact(database, "Shorter meetings", today=day, source="Łukasz at the café")
    records = report(database).you_said
    by_said = {record.said: record for record in records}

    assert "Papurau yn Gymraeg, os gwelwch yn dda" not in by_said
    assert "A crèche at meetings" not in by_said
    withheld = [record for record in records if record.said == NOT_QUOTED]
    assert len(withheld) == 2
    assert all("Siân" not in r.came_from and "Zoë" not in r.came_from for r in withheld)
    assert all(record.quoted == "" for record in withheld)
    assert by_said["Więcej spotkań wieczorem"].quoted == "Łukasz"
    # A first name alone is not enough to be sure who it was: said without a name.
    assert by_said["Shorter meetings"].quoted == ""
    assert report(database).withheld_quotes == 2


def test_feedback_is_not_quoted_once_consent_is_past_its_review_date(database):
    # GIVEN two people who agreed to be quoted: one whose review date has passed, one whose
    # review falls today (still current, as for contact lists)
    lapsed = Consent(date(2024, 1, 1), to_quotes=True, review_on=TODAY - timedelta(days=1))
    add_named(database, "Ffion", "Price", lapsed)
    add_named(database, "Rhys", "Evans", replace(lapsed, review_on=TODAY))
    day = date(2025, 6, 1)
    add_impact(database, "Minutes in plain English", today=day, source="Ffion Price, by email")
    add_impact(database, "A later start", today=day, source="Rhys Evans on the phone")

    # WHEN the report is gathered today
    made = report(database)

    # THEN only the person whose consent is still current is quoted
    by_said = {record.said: record for record in made.you_said}
    assert "Minutes in plain English" not in by_said
    assert by_said["A later start"].quoted == "Rhys"
    assert made.withheld_quotes == 1


def test_two_people_of_one_name_are_quoted_only_if_both_agreed(database):
    add_named(database, "Sam", "Jones", QUOTES_ALLOWED)
    add_named(database, "Sam", "Jones", Consent())
    add_impact(database, "More parking", today=date(2025, 6, 1), source="Sam Jones")
    (record,) = report(database).you_said
    assert record.said == NOT_QUOTED


def test_next_years_plan_is_the_current_strategys_open_actions_by_area(database):
    with database.session_scope() as session:
        make_strategy(session, "past", (date(2023, 4, 1), date(2026, 3, 31)), "Old strategy")
        current = make_strategy(session)
        add_item(session, current, "Review the year", area=StandardsArea.REVIEW)
        add_item(
            session,
            current,
            "Pay on the day",
            status=ItemStatus.IN_PROGRESS,
            due_on=date(2026, 10, 1),
        )
        add_item(session, current, "Done already", status=ItemStatus.DONE)
        add_item(session, current, "A charter", area=StandardsArea.CULTURE)
    made = report(database)
    assert made.strategy_title == "Involvement strategy 2026 to 2029"
    assert [(area.heading, [item.action for item in area.items]) for area in made.plan] == [
        ("Culture", ["A charter"]),
        ("Practice", ["Pay on the day"]),
        ("Review", ["Review the year"]),
    ]
    assert made.plan[1].items[0].overdue
    assert made.open_actions == 3


def test_a_charity_with_no_strategy_or_records_still_has_a_report(database):
    made = report(database)
    assert made.plan == ()
    assert made.strategy_title == ""
    assert made.activities == ()
    assert made.you_said == ()
