"""Finding people for an activity on a real encrypted database: the SQL agrees with the pure
rules on generated people, the order, who is never listed, and the contact list and labels
files read back."""

from __future__ import annotations

import csv
import re
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from involve_desktop.db.models import AttendanceRecord, AuditEvent, Person
from involve_desktop.domain.activities import Attendance, PowerShared
from involve_desktop.domain.find_people import InterestFit, Opportunity, fit, order_key
from involve_desktop.domain.people import ContactMethod, ParticipationLevel, TakingPart
from involve_desktop.domain.person_record import Consent
from involve_desktop.domain.search_words import sort_key
from involve_desktop.exports.address_labels import save_address_labels
from involve_desktop.services.attendance import invite
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.contact_lists import (
    CSV_HEADER,
    contact_list_csv,
    contactable_emails,
)
from involve_desktop.services.export_files import ExportProblem
from involve_desktop.services.find_people import find_people, left_out
from tests.db.find_people_helpers import (
    CONTACTABLE,
    TODAY,
    add_activity,
    add_person,
    clear_people,
    facts,
)
from tests.db.register_helpers import staff_member
from tests.unit.test_find_people_rules import near_today

OBSERVING, CONTRIBUTING, COLLABORATING, LEADING = ParticipationLevel
AREAS = ("Research", "Governance", "")

# Weighted towards people who may be contacted, so that most examples list someone, with
# every date near today where the rules have their edges.
LONG_AGO, FAR_AHEAD = TODAY - timedelta(days=400), TODAY + timedelta(days=400)
generated_person = st.tuples(
    st.sampled_from([*[TakingPart.TAKING_PART] * 4, TakingPart.NOT_NOW, TakingPart.DOES_NOT_WISH]),
    st.sampled_from(ParticipationLevel),
    st.builds(
        Consent,
        given_on=st.sampled_from([LONG_AGO, LONG_AGO, None]) | near_today,
        to_contact=st.sampled_from([True, True, True, False]),
        review_on=st.sampled_from([None, FAR_AHEAD]) | near_today,
        withdrawn_on=st.sampled_from([None, None, None, LONG_AGO]) | near_today,
    ),
    # "RESEARCH" is a separate entry in the charity's list that still matches "Research".
    st.frozensets(st.sampled_from(["Research", "RESEARCH", "Events"]), max_size=2),
    st.sampled_from([False, False, False, True]),  # archived
    st.none() | st.dates(min_value=TODAY - timedelta(days=800), max_value=TODAY),
    st.sampled_from([False, False, False, True]),  # already on the activity
)


def test_the_sql_agrees_with_the_rules_on_generated_people(database):
    with database.session_scope() as session:
        activities = {
            (area, power): add_activity(session, area, power)
            for area in AREAS
            for power in (PowerShared.CONSULT, PowerShared.YOU_LEAD)
        }

    @settings(max_examples=120)
    @given(
        people=st.lists(generated_person, max_size=14),
        which=st.sampled_from(sorted(activities)),
        include_no_interest=st.booleans(),
    )
    def check(people, which, include_no_interest):
        activity_id = activities[which]
        wanted = Opportunity(which[0], which[1].level_offered)
        with database.session_scope() as session:
            clear_people(session)
            expected, not_now, lapsed = [], 0, 0
            for number, (status, level, consent, interests, archived, last, on_it) in enumerate(
                people
            ):
                person = facts(
                    level, *interests, taking_part=status, consent=consent, archived=archived,
                    last_involved_on=last,
                )  # fmt: skip
                name = f"Person {number:02d}"
                person_id = add_person(session, person, name, "Example")
                if on_it:  # listed earlier, whatever has changed since
                    session.add(
                        AttendanceRecord(
                            activity_id=activity_id,
                            person_id=person_id,
                            status=Attendance.INVITED.value,
                        )
                    )
                    continue
                how = fit(person, wanted, TODAY, include_no_interest=include_no_interest)
                if how is not None:
                    expected.append((*order_key(how, last), sort_key(name, "Example"), person_id))
                taking = facts(level, *interests, consent=consent, archived=archived)
                # fit() is None when not listed; InterestFit.FITS is 0, so never test it as a bool.
                if status is TakingPart.NOT_NOW and (
                    fit(taking, wanted, TODAY, include_no_interest=include_no_interest) is not None
                ):
                    not_now += 1
                never_reviewed = Consent(
                    consent.given_on, consent.to_contact, withdrawn_on=consent.withdrawn_on
                )
                unreviewed = facts(
                    level, *interests, taking_part=status, archived=archived,
                    consent=never_reviewed,
                )  # fmt: skip
                if (
                    how is None
                    and consent.review_on is not None
                    and consent.review_on < TODAY
                    and fit(unreviewed, wanted, TODAY, include_no_interest=include_no_interest)
                    is not None
                ):
                    lapsed += 1
            found = find_people(
                session, activity_id, today=TODAY, include_no_interest=include_no_interest
            )
            counts = left_out(
                session, activity_id, today=TODAY, include_no_interest=include_no_interest
            )
        assert [candidate.id for candidate in found] == [key[-1] for key in sorted(expected)]
        assert (counts.not_now, counts.consent_lapsed) == (not_now, lapsed)

    check()


def test_order_fits_first_then_never_involved_then_longest_ago_then_name(database):
    with database.session_scope() as session:
        activity = add_activity(session, "Research", PowerShared.DECIDE_TOGETHER)
        recent = facts(COLLABORATING, "Research", last_involved_on=TODAY - timedelta(days=10))
        long_ago = facts(LEADING, "Research", last_involved_on=TODAY - timedelta(days=700))
        leader = facts(LEADING, "Research")
        ids = {
            "no interests, never": add_person(session, facts(COLLABORATING), "Ann", "Able"),
            "recent": add_person(session, recent, "Bea", "Able"),
            "never, Zed": add_person(session, facts(CONTRIBUTING, "Research"), "Zoë", "Zed"),
            "never, ap Gwilym": add_person(session, leader, "Siân", "ap Gwilym"),
            "long ago": add_person(session, long_ago, "Cai", "Able"),
            "other interest": add_person(session, facts(LEADING, "Events"), "Dee", "Able"),
            "too far below": add_person(session, facts(OBSERVING, "Research"), "Eve", "Able"),
        }  # fmt: skip
        found = find_people(session, activity, today=TODAY)
        only_fitting = find_people(session, activity, today=TODAY, include_no_interest=False)
        first_two = find_people(session, activity, today=TODAY, limit=2)
    assert [c.id for c in found] == [
        ids["never, ap Gwilym"],
        ids["never, Zed"],
        ids["long ago"],
        ids["recent"],
        ids["no interests, never"],
    ]
    assert [c.id for c in only_fitting] == [c.id for c in found[:4]]
    assert [c.id for c in first_two] == [c.id for c in found[:2]]
    zoe = found[1]
    assert (zoe.name, zoe.fit, zoe.level) == ("Zoë Zed", InterestFit.FITS, CONTRIBUTING)
    assert zoe.why == "interested in Research; contributing, a step up"
    assert found[-1].why == "no interests recorded yet; collaborating"


def test_already_on_the_activity_archived_and_not_wishing_are_never_listed(database):
    with database.session_scope() as session:
        activity = add_activity(session, "", PowerShared.INFORM)
        invited = add_person(session, facts(), "Invited")
        attended = add_person(session, facts(), "Came")
        listed = add_person(session, facts(), "Listed")
        add_person(session, facts(archived=True), "Archived")
        add_person(session, facts(taking_part=TakingPart.DOES_NOT_WISH), "Does not wish")
        add_person(session, facts(taking_part=TakingPart.NOT_NOW), "Not now")
        withdrawn = Consent(CONTACTABLE.given_on, True, withdrawn_on=TODAY)
        add_person(session, facts(consent=withdrawn), "Withdrawn today")
        assert invite(session, None, activity, [invited, attended], today=TODAY) == 2
        session.execute(
            AttendanceRecord.__table__.update()
            .where(AttendanceRecord.person_id == attended)
            .values(status=Attendance.ATTENDED.value)
        )
        assert [c.id for c in find_people(session, activity, today=TODAY)] == [listed]
        counts = left_out(session, activity, today=TODAY)
    assert (counts.not_now, counts.consent_lapsed) == (1, 0)


@pytest.fixture
def chosen(database):
    """Four people found for a research group, in the order found, and a staff member."""
    with database.session_scope() as session:
        activity = add_activity(session, "Research")
        people = [
            add_person(
                session, facts(CONTRIBUTING, "Research"), "Siân", "ap Gwilym",
                email="sian@example.org", address="Tŷ Newydd\nFfordd yr Eglwys\nLL61 5UJ",
                contact_method=ContactMethod.POST,
            ),
            add_person(
                session, facts(CONTRIBUTING, "Research"), "=Sam", "Jones",
                preferred_name="Sammy", email="sam@example.org",
                contact_method=ContactMethod.EMAIL, address="1 High St, Greenfield, GF1 1AA",
            ),
            add_person(
                session, facts(CONTRIBUTING, "Research"), "Łukasz", "Wiśniewski",
                address="ul. Źródlana 12\nŻółkiewka", contact_method=ContactMethod.POST,
            ),
            add_person(
                session, facts(CONTRIBUTING, "Research"), "芳", "王",
                address="1 Long Line\n2\n3\n4\n5\n6\n7", contact_method=ContactMethod.POST,
            ),
        ]  # fmt: skip
        found = [c.id for c in find_people(session, activity, today=TODAY)]
    assert sorted(found) == sorted(people)
    return found, staff_member(database)


def test_the_contact_list_csv_reads_back_and_rechecks_consent(database, chosen, tmp_path):
    ids, actor = chosen
    with database.session_scope() as session:
        sam = session.scalar(select(Person).where(Person.last_name == "Jones"))
        wang = session.scalar(select(Person).where(Person.last_name == "王"))
        # Between finding and saving, one person withdrew their consent.
        wang.consent_withdrawn_on = TODAY
        sam_id = sam.id
    path = tmp_path / "contacts.csv"
    with database.session_scope() as session:
        saved = contact_list_csv(session, actor, ids, path, today=TODAY)
    assert saved == 3
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "Excel needs the mark to read UTF-8"
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == list(CSV_HEADER)
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Siân ap Gwilym", "'=Sam Jones", "Łukasz Wiśniewski"}
    assert by_name["Siân ap Gwilym"][2:9] == [
        "sian@example.org", "", "Post", "Tŷ Newydd", "Ffordd yr Eglwys", "LL61 5UJ", "",
    ]  # fmt: skip
    sam_row = by_name["'=Sam Jones"]
    assert sam_row[1] == "Sammy" and sam_row[4] == "Email"
    assert sam_row[5:8] == ["1 High St", "Greenfield", "GF1 1AA"]
    assert sam_id in ids
    with database.session_scope() as session:
        subjects = session.scalars(
            select(AuditEvent.subject_kind).where(
                AuditEvent.action == AuditAction.EXPORTED_PEOPLE_LIST
            )
        ).all()
    assert subjects == ["contact list of 3 people"]


def test_email_addresses_recheck_consent_and_taking_part_and_are_audited(database, chosen):
    ids, actor = chosen
    with database.session_scope() as session:
        sian = session.scalar(select(Person).where(Person.last_name == "ap Gwilym"))
        sian.consent_withdrawn_on = TODAY  # after the list was shown
    with database.session_scope() as session:
        emails, without = contactable_emails(session, actor, ids, today=TODAY)
    assert emails == ["sam@example.org"]
    assert without == 2, "Łukasz and 王芳 have no email address"
    with database.session_scope() as session:
        sam = session.scalar(select(Person).where(Person.last_name == "Jones"))
        sam.taking_part = TakingPart.NOT_NOW.value
    with database.session_scope() as session:
        assert contactable_emails(session, actor, ids, today=TODAY) == ([], 2)
        subjects = session.scalars(
            select(AuditEvent.subject_kind).where(
                AuditEvent.action == AuditAction.EXPORTED_PEOPLE_LIST
            )
        ).all()
    assert subjects == ["email addresses of 1 person"], "nothing copied, nothing recorded"


def test_labels_are_an_a4_pdf_for_those_who_prefer_post(database, chosen, tmp_path):
    ids, actor = chosen
    path = tmp_path / "labels.pdf"
    with database.session_scope() as session:
        written = save_address_labels(session, actor, ids, path, today=TODAY)
        everyone = save_address_labels(
            session, actor, ids * 6, tmp_path / "all.pdf", today=TODAY, prefer_post_only=False
        )
    # Siân, Łukasz and 王芳 prefer post; 王芳's name is beyond the font and is counted.
    assert (written.labels, written.pages, written.unprintable) == (3, 1, 1)
    assert (everyone.labels, everyone.pages) == (4, 1), "each person once, Sam included"
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b(?!s)", data)) == 1
    assert b"DejaVuSans" in data, "the font is embedded, so accents print anywhere"
    assert b"ap Gwilym" not in data.split(b"stream")[0], "no names in the PDF's own details"


def test_labels_for_nobody_are_refused_and_many_fill_several_pages(database, tmp_path):
    actor = staff_member(database)
    with database.session_scope() as session:
        by_post = [
            add_person(
                session, facts(), f"Person {n}", address=f"{n} Road",
                contact_method=ContactMethod.POST,
            )
            for n in range(45)
        ]  # fmt: skip
        written = save_address_labels(session, actor, by_post, tmp_path / "many.pdf", today=TODAY)
        with pytest.raises(ExportProblem, match="no labels to print"):
            save_address_labels(session, actor, [], tmp_path / "none.pdf", today=TODAY)
    assert (written.labels, written.pages) == (45, 3)
    assert not (tmp_path / "none.pdf").exists()


def test_contact_lists_leave_out_consent_past_its_review_date(database, chosen, tmp_path):
    # GIVEN that, after the list was found, one person's consent review date has passed and
    # another's falls today (still current: consent lapses the day after its review date)
    ids, actor = chosen
    with database.session_scope() as session:
        sian = session.scalar(select(Person).where(Person.last_name == "ap Gwilym"))
        sian.consent_review_on = TODAY - timedelta(days=1)
        sam = session.scalar(select(Person).where(Person.last_name == "Jones"))
        sam.consent_review_on = TODAY

    # WHEN the CSV is saved and the email addresses copied
    path = tmp_path / "contacts.csv"
    with database.session_scope() as session:
        saved = contact_list_csv(session, actor, ids, path, today=TODAY)
        emails, _without = contactable_emails(session, actor, ids, today=TODAY)

    # THEN the lapsed consent leaves Siân out of both; Sam, due for review today, stays in
    with path.open(encoding="utf-8-sig", newline="") as file:
        names = [row[0] for row in list(csv.reader(file))[1:]]
    assert saved == 3
    assert "Siân ap Gwilym" not in names and "'=Sam Jones" in names
    assert emails == ["sam@example.org"]
