"""Two people built by hand for the subject-access tests: Siân ap Gwilym, with every field of
her record filled in and a record in every linked table, and Łukasz Wiśniewski, whose every
value is different, so a test can check that nothing of his is in her document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from involve_desktop.db.cycle_models import EvaluationFinding, EvaluationPerson
from involve_desktop.db.engine import Database
from involve_desktop.db.models import Person
from involve_desktop.db.money_models import BudgetHolder
from involve_desktop.domain.activities import Attendance
from involve_desktop.domain.claims import Receipt
from involve_desktop.domain.people import (
    Barrier,
    BenefitsAffected,
    ConsentRecorded,
    ContactMethod,
    EmploymentStatus,
    ParticipationLevel,
    PaymentMethod,
    TakingPart,
)
from involve_desktop.domain.person_record import (
    Consent,
    PersonDetails,
    SensitiveDetails,
    TrainingEntry,
)
from involve_desktop.services.attendance import set_attendance
from involve_desktop.services.claim_workflow import submit_claim
from involve_desktop.services.people import save_person
from involve_desktop.services.permissions import Actor
from tests.db.claim_helpers import add_budget, add_claim, expense, fee, money_team
from tests.db.impact_helpers import add_activity
from tests.db.plan_helpers import add_finding, add_item, make_strategy

TODAY = date(2026, 11, 26)

SIAN = PersonDetails(
    first_name="Siân",
    last_name="ap Gwilym",
    preferred_name="Sîan Fach",
    pronouns="hi/ei",
    date_of_birth=date(1971, 3, 1),
    email="sian.apgwilym@example.cymru",
    phone="029 2018 0001",
    address="Tŷ Gwyn\n12 Heol y Frenhines\nCaerdydd CF10 2AA",
    contact_method=ContactMethod.POST,
    best_times="Bore Llun, weekday mornings",
    roles=("Carer",),
    interests=("Research",),
    participation_level=ParticipationLevel.COLLABORATING,
    taking_part=TakingPart.NOT_NOW,
    taking_part_since=date(2026, 9, 1),
    taking_part_reason="Caring for her mam this autumn",
    barriers=frozenset({Barrier.TRANSPORT, Barrier.OTHER}),
    other_barrier="Bws hwyr o Benarth",
    consent=Consent(
        given_on=date(2024, 5, 2),
        to_contact=True,
        to_keep_support_needs=True,
        to_photos=False,
        to_quotes=True,
        recorded_how=ConsentRecorded.SIGNED_FORM,
        review_on=date(2027, 5, 2),
    ),
    payment_method=PaymentMethod.CHEQUE,
    employment_status=EmploymentStatus.SELF_EMPLOYED,
    training=(TrainingEntry("Recriwtio diogel", date(2025, 2, 3), "Hyfforddiant ar-lein"),),
    notes="Prefers papers in Welsh (Cymraeg) by post.",
    joined_on=date(2024, 5, 2),
    sensitive=SensitiveDetails(
        support_needs="Large print papers and a hearing loop",
        health_notes="Arthritis in both hands",
        benefits_affected=BenefitsAffected.YES,
    ),
)

LUKASZ = PersonDetails(
    first_name="Łukasz",
    last_name="Wiśniewski",
    pronouns="on/jego",
    email="lukasz.w@example.pl",
    phone="07700 900123",
    address="ul. Żółkiewskiego 7\nGdańsk",
    best_times="Wieczorem",
    notes="Mówi po polsku i angielsku.",
    joined_on=date(2023, 1, 9),
    training=(TrainingEntry("Szkolenie z rekrutacji", date(2024, 6, 1), "Zdalnie"),),
    sensitive=SensitiveDetails(
        support_needs="Needs a ramp at the door",
        health_notes="Cukrzyca typu 1",
        benefits_affected=BenefitsAffected.NO,
    ),
)


@dataclass(frozen=True)
class TwoPeople:
    sian: int
    lukasz: int
    admin: Actor
    claim_ids: tuple[int, ...]
    other_claim_id: int


def build_two_people(database: Database) -> TwoPeople:
    admin, _approver, worker = money_team(database)
    with database.session_scope() as session:
        sian = save_person(session, admin, SIAN, today=date(2026, 9, 1))
        # A second save moves her level: her history then has two steps, by Priya Shah.
        save_person(
            session,
            admin,
            replace(SIAN, participation_level=ParticipationLevel.LEADING),
            sian,
            today=date(2026, 10, 1),
        )
        lukasz = save_person(session, admin, LUKASZ, today=date(2023, 1, 9))
        row = session.get(Person, sian)
        assert row is not None
        row.last_involved_on = date(2026, 6, 1)
        row.involved_before_records_on = date(2024, 4, 30)
        row.consent_withdrawn_on = None
    panel = add_activity(database, "Panel cyfweld / interview panel", date(2026, 6, 1))
    other = add_activity(database, "Spotkanie w Gdańsku", date(2026, 6, 8))
    with database.session_scope() as session:
        set_attendance(
            session, None, panel, sian, role="Cadeirydd", status=Attendance.ATTENDED, today=TODAY
        )
        set_attendance(session, None, other, lukasz, status=Attendance.ATTENDED, today=TODAY)
    budget = add_budget(database, admin, 300_00, "Grŵp y Fro", day=date(2026, 6, 1))
    other_budget = add_budget(database, admin, 100_00, "Grupa Bałtycka", day=date(2026, 6, 1))
    receipt = Receipt("tocyn-tren-caerdydd.pdf", "application/pdf", 4, b"%PDF")
    first = add_claim(
        database,
        worker,
        sian,
        fee(150, day=date(2026, 6, 1), activity_id=panel),
        expense(
            12_40, "Fares", day=date(2026, 6, 1), description="Trên o Benarth", receipts=(receipt,)
        ),
        budget_id=budget,
        method=PaymentMethod.CHEQUE,
    )
    second = add_claim(database, worker, sian, fee(100, day=date(2026, 7, 1)))
    theirs = add_claim(
        database,
        worker,
        lukasz,
        expense(9_99, "Parking", day=date(2026, 6, 8), description="Parking przy dworcu"),
        budget_id=other_budget,
    )
    with database.session_scope() as session:
        submit_claim(session, worker, first)
        session.add(BudgetHolder(budget_id=budget, person_id=sian))
        session.add(BudgetHolder(budget_id=other_budget, person_id=lukasz))
        strategy = make_strategy(session)
        add_item(session, strategy, "Cyfieithu'r papurau i'r Gymraeg", person_ids=(sian,))
        add_item(session, strategy, "Tłumaczenie ulotek na polski", person_ids=(lukasz,))
        finding = add_finding(session, date(2025, 4, 1), "More papers in Welsh")
        evaluation_id = session.get_one(EvaluationFinding, finding).evaluation_id
        session.add(EvaluationPerson(evaluation_id=evaluation_id, person_id=sian))
    return TwoPeople(sian, lukasz, admin, (first, second), theirs)
