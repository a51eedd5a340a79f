"""Activities on a real encrypted database: save and load, the list's filters and order,
attendance and "last involved", and what deleting an activity or a person keeps."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from involve_desktop.db.models import Activity, AttendanceRecord, ImpactRecord, Person
from involve_desktop.domain.activities import ActivityList, Attendance, PlaceAccess, PowerShared
from involve_desktop.domain.activity_record import PURPOSE, ActivityDetails
from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.domain.roles import Role
from involve_desktop.errors import ValidationFailed
from involve_desktop.services.activities import (
    activity_options,
    delete_activity,
    load_activity,
    save_activity,
)
from involve_desktop.services.activity_list import (
    ActivityFilter,
    ActivitySort,
    When,
    activity_rows,
    matching_activity_ids,
)
from involve_desktop.services.attendance import (
    REMOVED_FROM_REGISTER,
    attendees,
    participation_history,
    remove_attendance,
    set_attendance,
)
from involve_desktop.services.people import save_person
from involve_desktop.services.people_lifecycle import delete_person
from tests.db.register_helpers import staff_member

TODAY = date(2026, 11, 26)
INFORM, DECIDE, YOU_LEAD = PowerShared.INFORM, PowerShared.DECIDE_TOGETHER, PowerShared.YOU_LEAD


def activity(title: str, held_on: date, **details) -> ActivityDetails:
    details.setdefault("purpose", "To hear what families think before we change the service.")
    return ActivityDetails(title=title, held_on=held_on, **details)


@pytest.fixture
def admin(database):
    return staff_member(database, Role.ADMINISTRATOR)


def add(database, actor, details: ActivityDetails) -> int:
    with database.session_scope() as session:
        return save_activity(session, actor, details, today=TODAY)


def person(database, actor, first_name: str, last_name: str = "") -> int:
    with database.session_scope() as session:
        return save_person(
            session,
            actor,
            PersonDetails(first_name=first_name, last_name=last_name, joined_on=date(2025, 1, 1)),
            today=TODAY,
        )


def ids(database, **chosen) -> list[int]:
    with database.session_scope() as session:
        return matching_activity_ids(session, ActivityFilter(**chosen), today=TODAY)


def test_an_activity_is_saved_and_read_back_whole_and_a_new_kind_joins_the_list(database, admin):
    details = activity(
        "Interview panel for the new manager",
        date(2026, 12, 3),
        kind="Interview panel",
        area="Recruitment and Selection",
        power_shared=PowerShared.DECIDE_TOGETHER,
        starts_at=time(10, 30),
        duration_minutes=150,
        place="Room 2, The Old Library",
        place_access=PlaceAccess.ACCESSIBLE,
        lead_staff_id=admin.staff_id,
        paid=True,
        pay_note="Travel paid too",
        notes="Bring the questions agreed last week.",
    )
    activity_id = add(database, admin, details)
    with database.session_scope() as session:
        loaded = load_activity(session, activity_id)
        kinds = activity_options(session, ActivityList.KIND)
    # An area typed in another case is the existing one, not a second entry.
    assert loaded == ActivityDetails(**{**details.__dict__, "area": "Recruitment and selection"})
    assert "Interview panel" in kinds

    add(database, admin, activity("Poetry evening", TODAY, kind="Creative  writing"))
    with database.session_scope() as session:
        assert "Creative writing" in activity_options(session, ActivityList.KIND)


def test_an_activity_without_a_purpose_is_refused_and_nothing_is_saved(database, admin):
    with pytest.raises(ValidationFailed) as refused:
        add(database, admin, activity("Drop-in", TODAY, purpose="  "))
    assert "what you hope will change" in refused.value.errors[PURPOSE]
    with database.session_scope() as session:
        assert session.scalars(select(Activity)).all() == []


@pytest.fixture
def listed(database, admin) -> dict[str, int]:
    other = staff_member(database, Role.STAFF, name="Tom Reed")
    leads = {"admin": admin.staff_id, "other": other.staff_id}
    made = {
        key: add(
            database,
            admin,
            activity(
                title, held_on, kind=kind, area=area, power_shared=power, lead_staff_id=leads[lead]
            ),
        )
        for key, title, held_on, kind, area, power, lead in (
            ("panel", "Interview panel", date(2026, 12, 3), "Interview panel", "", DECIDE, "admin"),
            (
                "survey",
                "Annual survey review",
                date(2026, 5, 14),
                "Consultation",
                "Service design",
                INFORM,
                "other",
            ),
            (
                "group",
                "Steering group",
                date(2026, 2, 10),
                "Steering group",
                "Governance",
                YOU_LEAD,
                "admin",
            ),
        )
    }
    with database.session_scope() as session:
        session.add(
            ImpactRecord(activity_id=made["group"], said="More evening meetings", recorded_on=TODAY)
        )
    return made


def test_the_list_is_newest_first_and_sorts_by_title_and_power(database, listed):
    assert ids(database) == [listed["panel"], listed["survey"], listed["group"]]
    assert ids(database, descending=False) == [listed["group"], listed["survey"], listed["panel"]]
    assert ids(database, sort=ActivitySort.TITLE, descending=False) == [
        listed["survey"],
        listed["panel"],
        listed["group"],
    ]
    assert ids(database, sort=ActivitySort.POWER, descending=True) == [
        listed["group"],
        listed["panel"],
        listed["survey"],
    ]


def test_the_lists_filters(database, admin, listed):
    assert ids(database, when=When.UPCOMING) == [listed["panel"]]
    assert ids(database, when=When.PAST) == [listed["survey"], listed["group"]]
    assert ids(database, kind="Consultation") == [listed["survey"]]
    assert ids(database, area="Governance") == [listed["group"]]
    # The financial year from 1 April 2026: the February steering group was the year before.
    assert ids(database, period=(date(2026, 4, 1), date(2027, 3, 31))) == [
        listed["panel"],
        listed["survey"],
    ]
    assert ids(database, lead_staff_id=admin.staff_id) == [listed["panel"], listed["group"]]
    assert ids(database, no_impact_yet=True) == [listed["panel"], listed["survey"]]
    assert ids(database, text="SURVEY rev") == [listed["survey"]]
    assert ids(database, text="100%") == []
    # Past, with nobody marked as there or not: both past ones until someone is recorded.
    assert ids(database, attendance_not_recorded=True) == [listed["survey"], listed["group"]]


def test_attendance_sets_last_involved_and_the_rows_count_it(database, admin, listed):
    zoe = person(database, admin, "Zoë", "O'Brien")
    sam = person(database, admin, "Sam", "Jones")
    with database.session_scope() as session:
        set_attendance(
            session,
            admin,
            listed["survey"],
            zoe,
            role="Participant",
            status=Attendance.ATTENDED,
            today=TODAY,
        )
        set_attendance(session, admin, listed["survey"], sam, today=TODAY)
        # Attending something still to come is not involvement yet.
        set_attendance(
            session, admin, listed["panel"], zoe, status=Attendance.ATTENDED, today=TODAY
        )
    with database.session_scope() as session:
        assert session.get(Person, zoe).last_involved_on == date(2026, 5, 14)
        assert session.get(Person, sam).last_involved_on is None
        rows = {row.id: row for row in activity_rows(session, list(listed.values()))}
        history = participation_history(session, zoe)
    assert (rows[listed["survey"]].invited, rows[listed["survey"]].attended) == (2, 1)
    assert rows[listed["group"]].impact_records == 1
    assert rows[listed["survey"]].kind == "Consultation"
    assert rows[listed["panel"]].lead == "Priya Shah"
    assert [line.title for line in history] == ["Interview panel", "Annual survey review"]
    assert ids(database, attendance_not_recorded=True) == [listed["group"]]

    with database.session_scope() as session:
        remove_attendance(session, admin, listed["survey"], zoe, today=TODAY)
    with database.session_scope() as session:
        # Her only attendance is gone, and nothing was known from before: no date is left.
        assert session.get(Person, zoe).last_involved_on is None
        # A date known from before the app (an import) is never lost to attendance edits.
        session.get(Person, zoe).involved_before_records_on = date(2025, 1, 1)
        set_attendance(
            session, admin, listed["survey"], zoe, status=Attendance.ATTENDED, today=TODAY
        )
        assert session.get(Person, zoe).last_involved_on == date(2026, 5, 14)
        set_attendance(
            session, admin, listed["survey"], zoe, status=Attendance.DID_NOT_ATTEND, today=TODAY
        )
        session.expire_all()
        assert session.get(Person, zoe).last_involved_on == date(2025, 1, 1)
    assert listed["survey"] not in ids(database, attendance_not_recorded=True)


def test_someone_deleted_from_the_register_stays_counted_without_their_name(
    database, admin, listed
):
    zoe = person(database, admin, "Zoë", "O'Brien")
    with database.session_scope() as session:
        set_attendance(
            session, admin, listed["survey"], zoe, status=Attendance.ATTENDED, today=TODAY
        )
    with database.session_scope() as session:
        delete_person(session, admin, zoe)
    with database.session_scope() as session:
        shown = attendees(session, listed["survey"])
        row = activity_rows(session, [listed["survey"]])[0]
    assert [(a.person_id, a.name, a.status) for a in shown] == [
        (None, REMOVED_FROM_REGISTER, Attendance.ATTENDED)
    ]
    assert (row.invited, row.attended) == (1, 1)


def test_deleting_an_activity_keeps_its_impact_records_as_feedback_on_their_own(
    database, admin, listed
):
    zoe = person(database, admin, "Zoë", "O'Brien")
    with database.session_scope() as session:
        set_attendance(
            session, admin, listed["group"], zoe, status=Attendance.ATTENDED, today=TODAY
        )
    with database.session_scope() as session:
        delete_activity(session, admin, listed["group"], today=TODAY)
    with database.session_scope() as session:
        impact = session.scalars(select(ImpactRecord)).one()
        assert (impact.activity_id, impact.said) == (None, "More evening meetings")
        assert impact.source == "An activity since deleted"
        assert session.scalars(select(AttendanceRecord)).all() == []
        # Her only attended activity has gone, so has her last involvement (a date from an
        # import would have stayed: see the test above).
        assert session.get(Person, zoe).last_involved_on is None
    assert ids(database) == [listed["panel"], listed["survey"]]


def test_merging_two_records_on_one_activity_keeps_the_attendance(database, admin, listed):
    from involve_desktop.services.people_merge import merge_people

    kept = person(database, admin, "Zoë", "O'Brien")
    other = person(database, admin, "Zoe", "OBrien")
    with database.session_scope() as session:
        set_attendance(session, admin, listed["survey"], kept, today=TODAY)
        set_attendance(
            session, admin, listed["survey"], other, status=Attendance.ATTENDED, today=TODAY
        )
        merge_people(session, admin, keep_id=kept, merge_id=other)
    with database.session_scope() as session:
        [row] = session.scalars(select(AttendanceRecord)).all()
        assert (row.person_id, row.status) == (kept, Attendance.ATTENDED.value)
