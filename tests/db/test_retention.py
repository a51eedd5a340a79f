"""The retention routine: who is past the point, the preview, anonymising and deleting."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Text, func, select, update

from involve_desktop.db.cycle_models import ActionItem, Evaluation, EvaluationAnswer
from involve_desktop.db.engine import Database
from involve_desktop.db.models import (
    Activity,
    AuditEvent,
    Base,
    ImpactRecord,
    Organisation,
    Person,
    PersonBarrier,
    PersonSearchWords,
    TrainingRecord,
    personal_columns,
)
from involve_desktop.db.money_models import Claim, ClaimLine, ClaimReceipt
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.domain.people import Barrier
from involve_desktop.domain.person_record import PersonDetails, SensitiveDetails, TrainingEntry
from involve_desktop.domain.roles import Role
from involve_desktop.domain.search_words import searchable_text
from involve_desktop.errors import KnownError
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.claim_workflow import approve_claim, make_payment_run, submit_claim
from involve_desktop.services.money_totals import everyone_year_totals
from involve_desktop.services.people import save_person
from involve_desktop.services.people_list import PeopleFilter, matching_ids
from involve_desktop.services.people_merge import merge_people
from involve_desktop.services.permissions import NotAllowed
from involve_desktop.services.report_annual import name_keys, name_runs
from involve_desktop.services.retention import (
    anonymise_people,
    count_past_retention,
    delete_people,
    review_retention,
    tidy_up_file,
)
from involve_desktop.services.retention_anonymise import ANONYMISED_NAME, without_names
from involve_desktop.services.year_figures import year_figures
from tests.db.claim_helpers import (
    TODAY,
    add_claim,
    add_claimant,
    fee,
    money_team,
    submitted,
)
from tests.db.full_disk import disk_full_for_compaction
from tests.db.impact_helpers import add_impact
from tests.db.plan_helpers import add_item, add_note, make_strategy
from tests.db.register_helpers import staff_member
from tests.db.year_figures_helpers import build_year


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


def test_the_review_lists_who_is_due_and_who_is_held_back_with_what_goes_and_stays(
    database: Database,
):
    # GIVEN a person long gone with two paid claims, and one with a claim still waiting
    admin, _approver, worker = money_team(database)
    gone = add_claimant(database, "Gwen", "Morgan")
    for pence in (20_00, 25_00):
        paid(database, admin, worker, gone, pence)
    involved_last_on(database, gone, date(2019, 5, 1))
    owed = add_claimant(database, "Owed", "Money")
    submitted(database, worker, owed, fee(100))
    involved_last_on(database, owed, date(2018, 1, 1))

    with database.session_scope() as session:
        review = review_retention(session, TODAY)

    assert review.rule == "Records are kept for 6 years after a person's last involvement"
    (due,) = review.due
    assert (due.person_id, due.name, due.last_involved) == (gone, "Gwen Morgan", date(2019, 5, 1))
    assert due.kept == "2 claims (£45.00) and 1 level change kept as counts"
    assert "name, contact details" in due.removed and "receipts" in due.removed
    (held,) = review.held_back
    assert held.person_id == owed
    assert held.held_back.startswith("1 claim is waiting for approval or payment")


def test_anonymising_keeps_past_years_figures_and_money_totals(database: Database):
    # GIVEN the hand-built years, and ten years on, when ann, dev and eve are all past the
    # point (ben still has a claim approved but not paid)
    built = build_year(database)
    later = date(2036, 6, 1)
    years = [(date(2024, 4, 1), date(2025, 3, 31)), (date(2025, 4, 1), date(2026, 3, 31))]
    before = past_years(database, years)
    ids = [built.people[name] for name in ("ann", "dev", "eve", "ben")]
    admin = staff_member(database, Role.ADMINISTRATOR, "Rhian Admin")

    # WHEN they are anonymised
    with database.session_scope() as session:
        done = anonymise_people(session, admin, ids, later)

    # THEN ben is held back, and every figure of the past years is as it was
    assert done.count == 3
    assert past_years(database, years) == before


def past_years(database: Database, years: list[tuple[date, date]]) -> list[object]:
    """Each year's figures as they were about the year (the register today aside)."""
    found: list[object] = []
    with database.session_scope() as session:
        for first, last in years:
            figures = year_figures(session, first, last, TODAY)
            people = figures.people
            found.append(
                (
                    people.total,
                    people.by_level,
                    people.roles,
                    people.new_took_part,
                    people.summary,
                    figures.new_people,
                    figures.activities,
                    figures.impact,
                    figures.money,
                )
            )
            found.append(
                [
                    (t.person_id, t.fees_pence, t.expenses_pence, t.claims)
                    for t in everyone_year_totals(session, first)
                ]
            )
    return found


def test_anonymising_removes_every_personal_detail_and_names_in_feedback(database: Database):
    # GIVEN a person with contact details, support needs, barriers, training, claims with a
    # receipt, search words, and feedback that names them
    admin, _approver, worker = money_team(database)
    person_id = full_person(database)
    claim_id = paid(database, admin, worker, person_id, 30_00, note="Taxi for Nia Hughes")
    with database.session_scope() as session:
        line_id = session.scalar(select(ClaimLine.id).where(ClaimLine.claim_id == claim_id))
        session.add(
            ClaimReceipt(
                line_id=line_id,
                file_name="nia-hughes-taxi.pdf",
                media_type="application/pdf",
                size_bytes=8,
                content=b"%PDF-1.4",
                added_at=datetime(2019, 5, 1, 10, 0),
            )
        )
    feedback = add_impact(
        database, "Nia Hughes asked for large print", source="Letter from NIA HUGHES"
    )
    involved_last_on(database, person_id, date(2019, 5, 1))

    # WHEN she is anonymised
    with database.session_scope() as session:
        assert anonymise_people(session, admin, [person_id], TODAY).count == 1

    # THEN nothing personal is left, the money is, and the audit trail names only the id
    with database.session_scope() as session:
        person = session.get(Person, person_id)
        assert person.first_name == ANONYMISED_NAME
        for column in personal_columns(Person.__table__):
            if column != "first_name":
                assert getattr(person, column) in ("", None), column
        assert person.archived and person.anonymised_on == TODAY
        assert not person.consent_to_contact and person.consent_review_on is None
        for table in (PersonSearchWords, PersonBarrier, TrainingRecord):
            assert session.scalar(select(func.count()).select_from(table)) == 0
        assert session.scalar(select(func.count()).select_from(ClaimReceipt)) == 0
        claim = session.get(Claim, claim_id)
        assert (claim.person_id, claim.status, claim.fees_pence + claim.expenses_pence) == (
            person_id,
            ClaimStatus.PAID.value,
            30_00,
        )
        assert claim.notes == ""
        assert session.scalars(select(ClaimLine.description)).all() == [""]
        record = session.get(ImpactRecord, feedback)
        assert (record.source, record.said) == (
            "Letter from [name removed]",
            "[name removed] asked for large print",
        )
        events = session.execute(
            select(AuditEvent.action, AuditEvent.subject_kind, AuditEvent.subject_id).where(
                AuditEvent.action == AuditAction.ANONYMISED_PERSON
            )
        ).all()
        assert events == [(AuditAction.ANONYMISED_PERSON, "person", person_id)]
        assert matching_ids(session, PeopleFilter(archived=True), today=TODAY) == []
    with database.session_scope() as session, pytest.raises(KnownError, match="anonymised"):
        other = save_person(session, None, PersonDetails("Nia", "Hughes"), today=TODAY)
        merge_people(session, admin, keep_id=other, merge_id=person_id, today=TODAY)


SECRETS = [
    b"Nia",
    b"Hughes",
    b"HUGHES",
    b"nia.hughes@example.org",
    b"07700 900123",
    b"Bryn Road",
    b"hughes-taxi",
]


@pytest.mark.parametrize("action", [anonymise_people, delete_people], ids=["anonymise", "delete"])
def test_the_name_is_gone_from_the_database_file_once_removed(plain_database: Database, action):
    # GIVEN a plain (readable) database file holding a person's name, email and phone, a
    # paid claim with a note and a receipt, a draft claim, and their name typed in feedback,
    # an activity, an action plan, an evaluation, a payment run and someone else's notes
    admin, _approver, worker = money_team(plain_database)
    person_id = full_person(plain_database)
    name_them_everywhere(plain_database, admin, worker, person_id)
    involved_last_on(plain_database, person_id, date(2019, 5, 1))
    assert all(secret in file_bytes(plain_database) for secret in SECRETS), "a fair test"

    # WHEN she is anonymised or deleted, as the app does it (one unit of work, then compaction)
    with plain_database.session_scope() as session:
        assert action(session, admin, [person_id], TODAY).count == 1

    # THEN no trace of her is left in the file, its log or its journal
    contents = file_bytes(plain_database)
    assert [secret for secret in SECRETS if secret in contents] == []
    assert b"[name removed]" in contents
    with plain_database.session_scope() as session:
        title, words = session.execute(select(Activity.title, Activity.title_words)).one()
        assert title == "Panel with [name removed]"
        assert "hughes" not in words and "panel" in words
        assert session.scalar(select(ActionItem.action)) == "Call [name removed]'s sister"
        assert session.scalar(select(func.count()).select_from(ClaimReceipt)) == 0


def name_them_everywhere(database: Database, admin, worker, person_id: int) -> None:
    claim_id = paid(database, admin, worker, person_id, 30_00, note="Taxi for Nia Hughes")
    other = add_claimant(database, "Owen", "Price")
    paid(database, admin, worker, other, 25_00, run_note="Paid with NIA HUGHES")
    add_claim(database, worker, person_id, fee(100, day=date(2019, 4, 2)))
    with database.session_scope() as session:
        session.get(Person, other).notes = "Friend of Nia Hughes"
        line_id = session.scalar(select(ClaimLine.id).where(ClaimLine.claim_id == claim_id))
        session.add(
            ClaimReceipt(
                line_id=line_id,
                file_name="hughes-taxi.pdf",
                media_type="application/pdf",
                size_bytes=30,
                content=b"RECEIPT Nia Hughes 2 Bryn Road",
                added_at=datetime(2019, 5, 1, 10, 0),
            )
        )
        session.add(
            Activity(
                title="Panel with Nia Hughes",
                title_words=searchable_text(["Panel with Nia Hughes"]),
                purpose="To hear Nia Hughes\u2019s view",
                held_on=date(2019, 4, 1),
                notes="Lift for Nia Hughes",
            )
        )
        strategy = make_strategy(session)
        item = add_item(session, strategy, "Call Nia Hughes's sister", who_else="Nia Hughes")
        add_note(session, item, date(2019, 4, 3), "Nia Hughes rang back")
        evaluation = Evaluation(year_start=date(2019, 4, 1), who_took_part="Nia Hughes")
        session.add(evaluation)
        session.flush()
        session.add(
            EvaluationAnswer(
                evaluation_id=evaluation.id, question_key="voice", text="Nia Hughes led it"
            )
        )
    add_impact(database, "More buses", source="Phone call from Nia Hughes")


def test_every_text_column_is_marked_free_text_or_said_not_to_name_anyone():
    # A column typed freely and added later is cleaned only if marked: this makes sure it is.
    not_free_text = {
        ("activity", "title_words"),  # made from the title, again when the title is cleaned
        ("organisation", "address"),  # the charity's own
        ("person", "address"),  # blanked for the person; it names nobody else
        ("person_search_words", "words"),  # removed with the person
    }
    unmarked = {
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, Text) and not column.info.get("free_text")
    }
    assert unmarked == not_free_text


def test_deleting_past_the_point_removes_them_keeps_money_and_needs_permission(
    database: Database,
):
    admin, _approver, worker = money_team(database)
    gone = add_claimant(database, "Gwen", "Morgan")
    claim_id = paid(database, admin, worker, gone, 20_00)
    recent = add_claimant(database, "Still", "Here")
    for person_id in (gone, recent):
        involved_last_on(database, person_id, date(2019, 5, 1))
    involved_last_on(database, recent, date(2025, 5, 1))

    with database.session_scope() as session, pytest.raises(NotAllowed):
        delete_people(session, worker, [gone], TODAY)
    with database.session_scope() as session:
        assert delete_people(session, admin, [gone, recent], TODAY).count == 1, "recent is not due"

    with database.session_scope() as session:
        assert session.get(Person, gone) is None and session.get(Person, recent) is not None
        claim = session.get(Claim, claim_id)
        assert (claim.person_id, claim.fees_pence + claim.expenses_pence) == (None, 20_00)
        summary = session.scalar(
            select(AuditEvent.subject_kind).where(
                AuditEvent.action == AuditAction.DELETED_PERSON_PAST_RETENTION
            )
        )
        assert summary == "1 person"
        assert count_past_retention(session, TODAY) == 0


def test_a_longer_period_keeps_people_longer(database: Database):
    person_id = add_claimant(database, "Gwen", "Morgan")
    involved_last_on(database, person_id, date(2019, 5, 1))
    with database.session_scope() as session:
        assert count_past_retention(session, TODAY) == 1
        session.execute(update(Organisation).values(retention_years=8))
    with database.session_scope() as session:
        assert count_past_retention(session, TODAY) == 0
        assert review_retention(session, TODAY).rule.startswith("Records are kept for 8 years")


def test_names_are_removed_from_text_whole_and_in_any_case():
    keys = name_keys("Siân", "ap Gwilym", "")
    assert without_names("Email from SIAN AP GWILYM, again", keys) == (
        "Email from [name removed], again"
    )
    assert without_names("Siân said so", keys) == "Siân said so", "a first name alone stays"
    assert without_names("", keys) == ""


def test_a_name_said_as_a_possessive_is_removed_and_found_by_the_annual_reports_rule():
    keys = name_keys("Nia", "Hughes", "")
    assert without_names("Nia Hughes's idea, and NIA HUGHES\u2019S too", keys) == (
        "[name removed]'s idea, and [name removed]\u2019S too"
    )
    assert "nia hughes" in set(name_runs("It was Nia Hughes\u2019s idea"))
    assert without_names("Hughes, Nia said so", keys) == "Hughes, Nia said so", "the known limit"


def full_person(database: Database) -> int:
    details = PersonDetails(
        "Nia",
        "Hughes",
        email="nia.hughes@example.org",
        phone="07700 900123",
        address="2 Bryn Road\nLlanfair",
        barriers=frozenset({Barrier.TRANSPORT}),
        training=(TrainingEntry("Safeguarding for Nia", date(2018, 5, 1)),),
        notes="Likes mornings",
        joined_on=date(2018, 1, 1),
        sensitive=SensitiveDetails(support_needs="Hearing loop"),
    )
    with database.session_scope() as session:
        return save_person(session, None, details, today=TODAY)


def paid(
    database, admin, worker, person_id: int, pence: int, note: str = "", run_note: str = ""
) -> int:
    # An hour's fee is £25.00, so the hours come from the amount (no receipt needed).
    line = fee(pence // 25, day=date(2019, 4, 1))
    claim_id = add_claim(database, worker, person_id, line)
    with database.session_scope() as session:
        if note:
            session.get(Claim, claim_id).notes = note
        submit_claim(session, worker, claim_id)
        approve_claim(session, admin, claim_id)
        make_payment_run(session, admin, [claim_id], date(2019, 4, 30), run_note, today=TODAY)
    return claim_id


def file_bytes(database: Database) -> bytes:
    path = database.path
    parts = [path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))]
    return b"".join(part.read_bytes() for part in parts if part.exists())


def test_draft_claims_are_named_in_what_goes(database: Database):
    _admin, _approver, worker = money_team(database)
    gone = add_claimant(database, "Gwen", "Morgan")
    for hours in (1, 2):
        add_claim(database, worker, gone, fee(hours, day=date(2019, 4, 1)))
    involved_last_on(database, gone, date(2019, 5, 1))
    with database.session_scope() as session:
        (due,) = review_retention(session, TODAY).due
    assert due.removed.endswith("and 2 draft claims")


def test_a_file_that_cannot_be_tidied_up_keeps_the_change_and_says_so(
    plain_database: Database, caplog
):
    # GIVEN a person past the point, and a disk too full to compact the file
    admin, _approver, _worker = money_team(plain_database)
    person_id = full_person(plain_database)
    involved_last_on(plain_database, person_id, date(2019, 5, 1))

    # WHEN she is anonymised
    with disk_full_for_compaction(plain_database), plain_database.session_scope() as session:
        done = anonymise_people(session, admin, [person_id], TODAY)

    # THEN the change stands, the caller is told the file is not tidied, and the log says
    # why without naming anyone
    assert (done.count, done.tidied) == (1, False)
    with plain_database.session_scope() as session:
        assert session.get(Person, person_id).first_name == ANONYMISED_NAME
    assert "could not be compacted" in caplog.text and "Hughes" not in caplog.text

    # AND once there is room again, tidying up leaves no trace of her in the file
    with plain_database.session_scope() as session:
        assert tidy_up_file(session, admin).tidied
    assert b"Hughes" not in file_bytes(plain_database)
