"""'You said, we did' records and the prompts that keep practice honest, on a real database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from involve_desktop.db.models import AuditEvent, Organisation
from involve_desktop.domain.activity_record import ImpactDetails
from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.activities import delete_activity
from involve_desktop.services.activity_list import matching_activity_ids
from involve_desktop.services.impact import (
    ImpactFilter,
    ImpactNotFound,
    delete_impact,
    impact_for_activity,
    list_impact,
    load_impact,
    mark_told,
    save_impact,
)
from involve_desktop.services.people import save_person
from involve_desktop.services.practice_prompts import practice_prompts
from tests.db.impact_helpers import TODAY, add_activity, add_impact, mark_attended
from tests.db.register_helpers import staff_member


def test_a_record_is_saved_read_back_and_dated_the_day_it_was_recorded(database):
    actor = staff_member(database, name="Sam Lee")
    panel = add_activity(database, "Interview panel for a support worker", date(2026, 10, 1))
    details = ImpactDetails(
        said="  Ask candidates how they would support someone on a bad day.  ",
        activity_id=panel,
        source="ignored when there is an activity",
        decided="Add the question to every interview.",
        changed="The interview pack has the question.",
        changed_on=date(2026, 10, 20),
        responsible_staff_id=actor.staff_id,
        told_people=True,
        told_on=date(2026, 11, 2),
    )
    with database.session_scope() as session:
        impact_id = save_impact(session, actor, details, today=TODAY)
    with database.session_scope() as session:
        loaded = load_impact(session, impact_id)
        [summary] = impact_for_activity(session, panel)
        audit = session.execute(select(AuditEvent.action, AuditEvent.subject_kind)).all()
    assert loaded.said == "Ask candidates how they would support someone on a bad day."
    assert loaded.source == ""
    assert loaded.told_on == date(2026, 11, 2)
    assert summary.recorded_on == TODAY
    assert summary.activity_title == "Interview panel for a support worker"
    assert summary.dated == date(2026, 10, 1)
    assert summary.responsible == "Sam Lee"
    # The trail names the record by kind and id, never by what people said.
    assert ("changed an impact record", "impact record") in audit


def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(database):
    tomorrow = TODAY + timedelta(days=1)
    with database.session_scope() as session, pytest.raises(ValidationFailed) as refused:
        save_impact(
            session,
            None,
            ImpactDetails(said=" ", told_people=True, told_on=tomorrow, changed_on=TODAY),
            today=TODAY,
        )
    assert set(refused.value.errors) == {"said", "source", "told_on", "changed_on"}
    with database.session_scope() as session:
        assert list_impact(session) == []


def test_a_change_keeps_the_day_first_recorded_and_an_unticked_told_clears_its_date(database):
    impact_id = add_impact(
        database, "Meet in the evenings", told_people=True, told_on=date(2026, 3, 1)
    )
    with database.session_scope() as session:
        save_impact(
            session,
            None,
            ImpactDetails(said="Meet in the evenings", source="Phone call", told_people=False),
            impact_id,
            today=TODAY + timedelta(days=5),
        )
    with database.session_scope() as session:
        [summary] = list_impact(session)
    assert (summary.recorded_on, summary.told_on, summary.source) == (TODAY, None, "Phone call")


def test_a_record_whose_activity_was_deleted_meanwhile_is_kept_on_its_own(database):
    with database.session_scope() as session:
        save_impact(session, None, ImpactDetails(said="x", activity_id=999), today=TODAY)
    with database.session_scope() as session:
        [summary] = list_impact(session)
    assert summary.source == "An activity since deleted"


@pytest.fixture
def records(database) -> dict[str, int]:
    earlier = add_activity(database, "Café review", date(2025, 6, 1))
    later = add_activity(database, "Steering group", date(2026, 9, 1))
    return {
        "menu": add_impact(
            database,
            "The café menu needs prices in large print",
            activity_id=earlier,
            changed="Large-print menus on every table",
            told_people=True,
            told_on=date(2025, 8, 1),
        ),
        "evenings": add_impact(database, "Meet in the evenings", activity_id=later),
        "card": add_impact(database, "More seats in reception", today=date(2026, 5, 1)),
        "ramp": add_impact(
            database,
            "The ramp at the side door is too steep",
            source="Email to the office",
            decided="Ask the landlord for a rail",
        ),
    }


def said(database, chosen: ImpactFilter) -> list[str]:
    with database.session_scope() as session:
        return [summary.said.split()[-1] for summary in list_impact(session, chosen)]


def test_the_list_is_newest_first_by_the_date_each_record_belongs_to(database, records):
    assert said(database, ImpactFilter()) == ["steep", "evenings", "reception", "print"]


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (ImpactFilter(not_told=True), ["steep", "evenings", "reception"]),
        (ImpactFilter(standalone_only=True), ["steep", "reception"]),
        (ImpactFilter(change_recorded=True), ["print"]),
        (ImpactFilter(change_recorded=False), ["steep", "evenings", "reception"]),
        (
            ImpactFilter(period=(date(2026, 4, 1), date(2027, 3, 31))),
            ["steep", "evenings", "reception"],
        ),
        (ImpactFilter(period=(date(2025, 4, 1), date(2026, 3, 31))), ["print"]),
        (ImpactFilter(text="CAFE large"), ["print"]),  # accents and case aside, any field
        (ImpactFilter(text="landlord"), ["steep"]),
        (ImpactFilter(text="steep evenings"), []),  # every word must be found
    ],
)
def test_filters_combine(database, records, chosen, expected):
    assert said(database, chosen) == expected


def test_marking_as_told_dates_each_record_and_refuses_the_future(database, records):
    chosen = [records["evenings"], records["card"]]
    with database.session_scope() as session:
        assert mark_told(session, None, chosen, date(2026, 11, 20), today=TODAY) == 2
    with database.session_scope() as session, pytest.raises(ValidationFailed):
        mark_told(session, None, [records["ramp"]], TODAY + timedelta(days=1), today=TODAY)
    assert said(database, ImpactFilter(not_told=True)) == ["steep"]
    with database.session_scope() as session:
        assert load_impact(session, records["card"]).told_on == date(2026, 11, 20)


def test_deleting_a_record_removes_only_it(database, records):
    with database.session_scope() as session:
        delete_impact(session, None, records["card"])
    with database.session_scope() as session, pytest.raises(ImpactNotFound):
        delete_impact(session, None, records["card"])
    assert said(database, ImpactFilter()) == ["steep", "evenings", "print"]


def test_a_deleted_activitys_records_stay_as_feedback_on_their_own(database):
    activity = add_activity(database, "Focus group", date(2026, 6, 1))
    add_impact(database, "Shorter forms", activity_id=activity)
    with database.session_scope() as session:
        delete_activity(session, None, activity, today=TODAY)
    with database.session_scope() as session:
        [summary] = list_impact(session, ImpactFilter(standalone_only=True))
    assert summary.came_from == "An activity since deleted"
    assert summary.dated == TODAY


# --- the prompts that keep practice honest ----------------------------------------------------


def test_each_prompt_counts_exactly_the_activities_its_link_shows(database):
    with database.session_scope() as session:
        person = save_person(
            session, None, PersonDetails(first_name="Ana", joined_on=date(2024, 1, 1)), today=TODAY
        )
    weeks_ago = lambda weeks: TODAY - timedelta(weeks=weeks)  # noqa: E731
    came = add_activity(database, "Came and told", weeks_ago(10))
    mark_attended(database, came, person)
    add_impact(database, "Said at the panel", activity_id=came, told_people=True, told_on=TODAY)
    nobody_marked = add_activity(database, "Nobody marked", weeks_ago(8))
    untold = add_activity(database, "Untold", weeks_ago(1))
    mark_attended(database, untold, person)
    add_impact(database, "Said at the group", activity_id=untold)
    add_activity(database, "Coming up", TODAY + timedelta(days=3))
    add_impact(database, "A comment card")  # standalone, not told
    with database.session_scope() as session:
        counts = practice_prompts(session, TODAY)
        shown = {
            name: matching_activity_ids(session, chosen, today=TODAY)
            for name, chosen in (
                ("attendance", counts.attendance_filter),
                ("overdue", counts.impact_overdue_filter),
                ("not told", counts.impact_not_told_filter),
            )
        }
    assert shown == {
        "attendance": [nobody_marked],
        "overdue": [nobody_marked],
        "not told": [untold],
    }
    assert (counts.attendance_not_recorded, counts.impact_overdue, counts.impact_not_told) == (
        1,
        1,
        1,
    )
    assert (counts.feedback_not_told, counts.impact_due_weeks, counts.total) == (1, 6, 4)


def test_the_charitys_own_weeks_decide_when_impact_is_overdue(database):
    add_activity(database, "Seven weeks ago", TODAY - timedelta(weeks=7))
    with database.session_scope() as session:
        assert practice_prompts(session, TODAY).impact_overdue == 1
        session.get(Organisation, 1).impact_due_weeks = 8
    with database.session_scope() as session:
        counts = practice_prompts(session, TODAY)
    assert (counts.impact_overdue, counts.impact_due_weeks) == (0, 8)
