"""A small set of records built by hand, whose year figures are worked out in the tests.

The example organisation's year starts on 1 April; the records sit on both sides of the
boundaries of 1 April and of 1 September (the start the tests move the year to):

    Activity                 Held on      Power             Kind
    A1 Spring consultation   31 Mar 2025  we consult        Consultation
    A2 April steering group   1 Apr 2025  decide together   Steering group
    A4 August feedback       31 Aug 2025  we inform         (none)
    A3 Summer workshop        1 Sep 2025  you lead          Co-design workshop
    A5 Year-end panel        31 Mar 2026  we consult        Interview panel
    A6 New year consultation  1 Apr 2026  we consult        Consultation

    Person  Joined       Level (history)                          Roles             Attended
    ann     1 Jan 2020   observing; contributing 1 Jun 2025;      Carer, Volunteer  A2, A5
                         collaborating 1 May 2026
    ben     10 May 2025  observing                                Uses services     A3
    cara    1 Oct 2025   observing                                -                 A6
    dev     1 Jan 2018   leading                                  Trustee           A1
                                                         (A5: apologies)
    eve     1 Jan 2019   contributing, archived since             Carer             A4
    finn    1 Jan 2021   observing, not at the moment;                              (A2: invited)
                         barriers transport and timing
    gita    1 Jan 2022   observing, does not wish; barrier access
    hal     1 Jan 2023   observing; barrier digital                       (A2: did not attend)
    ivy     1 Jan 2023   archived, not at the moment; barrier transport

Impact: I1 on A1 told; I2 on A2 told; I3 on A2 not told; I4 on A5 not told; I5 feedback
recorded 1 Dec 2025, told; I6 feedback recorded 15 Apr 2026, not told.

Claims (lines dated on the work): C1 ann, £50 fee + £5 parking on 31 Mar 2025, paid;
C2 ann, £25 fee + £3.50 fares on 31 Mar 2026, paid; C3 ben, £100 fee + 10 miles at 45p
on 1 Sep 2025, paid; C4 ben, £25 fee on 1 Oct 2025, approved; C5 ann, £25 fee on 1 Apr 2026,
paid; C6 ben, £25 fee on 1 Jun 2025, a draft. Budgets: "Involvement" £500 in 2024/25 (C1),
"Involvement" £1,000 in 2025/26 (C2, C3, C4), "Youth panel" £200 in 2025/26.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from involve_desktop.db.engine import Database
from involve_desktop.db.models import PersonBarrier
from involve_desktop.domain.activities import Attendance, PowerShared
from involve_desktop.domain.claims import ClaimLine, ClaimStatus, LineKind
from involve_desktop.domain.people import Barrier, ParticipationLevel, TakingPart
from involve_desktop.services.attendance import set_attendance
from involve_desktop.services.claim_workflow import approve_claim, make_payment_run, submit_claim
from tests.db.claim_helpers import add_budget, add_claim, expense, fee, money_team
from tests.db.impact_helpers import add_activity, add_impact, add_person_with_history

TODAY = date(2026, 11, 26)
OBSERVING = ParticipationLevel.OBSERVING
CONTRIBUTING = ParticipationLevel.CONTRIBUTING
COLLABORATING = ParticipationLevel.COLLABORATING
LEADING = ParticipationLevel.LEADING


@dataclass(frozen=True)
class HandBuilt:
    activities: dict[str, int]
    people: dict[str, int]
    budgets: dict[str, int]


def build_year(database: Database) -> HandBuilt:
    activities = {
        "A1": add_activity(database, "Spring consultation", date(2025, 3, 31), kind="Consultation"),
        "A2": add_activity(
            database,
            "April steering group",
            date(2025, 4, 1),
            PowerShared.DECIDE_TOGETHER,
            "Steering group",
        ),
        "A4": add_activity(database, "August feedback", date(2025, 8, 31), PowerShared.INFORM),
        "A3": add_activity(
            database,
            "Summer workshop",
            date(2025, 9, 1),
            PowerShared.YOU_LEAD,
            "Co-design workshop",
        ),
        "A5": add_activity(database, "Year-end panel", date(2026, 3, 31), kind="Interview panel"),
        "A6": add_activity(
            database, "New year consultation", date(2026, 4, 1), kind="Consultation"
        ),
    }
    people = _add_people(database)
    _add_attendance(database, activities, people)
    _add_impact(database, activities)
    budgets = _add_money(database, people)
    return HandBuilt(activities, people, budgets)


def _add_people(database: Database) -> dict[str, int]:
    not_now, not_at_all = TakingPart.NOT_NOW, TakingPart.DOES_NOT_WISH
    with database.session_scope() as session:
        people = {
            "ann": add_person_with_history(
                session,
                date(2020, 1, 1),
                [
                    (date(2020, 1, 1), "", OBSERVING),
                    (date(2025, 6, 1), OBSERVING.value, CONTRIBUTING),
                    (date(2026, 5, 1), CONTRIBUTING.value, COLLABORATING),
                ],
                roles=("Carer", "Volunteer"),
            ),
            "ben": add_person_with_history(
                session,
                date(2025, 5, 10),
                [(date(2025, 5, 10), "", OBSERVING)],
                roles=("Uses services",),
            ),
            "cara": add_person_with_history(session, date(2025, 10, 1), []),
            "dev": add_person_with_history(
                session, date(2018, 1, 1), [(date(2018, 1, 1), "", LEADING)], roles=("Trustee",)
            ),
            "eve": add_person_with_history(
                session,
                date(2019, 1, 1),
                [(date(2019, 1, 1), "", CONTRIBUTING)],
                archived=True,
                roles=("Carer",),
            ),
            "finn": add_person_with_history(session, date(2021, 1, 1), [], taking_part=not_now),
            "gita": add_person_with_history(session, date(2022, 1, 1), [], taking_part=not_at_all),
            "hal": add_person_with_history(session, date(2023, 1, 1), []),
            "ivy": add_person_with_history(
                session, date(2023, 1, 1), [], archived=True, taking_part=not_now
            ),
        }
        for name, barrier in (
            ("finn", Barrier.TRANSPORT),
            ("finn", Barrier.TIMING),
            ("gita", Barrier.ACCESS),
            ("hal", Barrier.DIGITAL),
            ("ivy", Barrier.TRANSPORT),
        ):
            session.add(PersonBarrier(person_id=people[name], barrier=barrier.value))
    return people


def _add_attendance(database: Database, activities: dict[str, int], people: dict[str, int]) -> None:
    attended, invited = Attendance.ATTENDED, Attendance.INVITED
    with database.session_scope() as session:
        for activity, person, status in (
            ("A2", "ann", attended),
            ("A5", "ann", attended),
            ("A3", "ben", attended),
            ("A6", "cara", attended),
            ("A1", "dev", attended),
            ("A5", "dev", Attendance.APOLOGIES),
            ("A4", "eve", attended),
            ("A2", "finn", invited),
            ("A2", "hal", Attendance.DID_NOT_ATTEND),
        ):
            set_attendance(
                session, None, activities[activity], people[person], status=status, today=TODAY
            )


def _add_impact(database: Database, activities: dict[str, int]) -> None:
    told = {"told_people": True, "told_on": date(2026, 4, 30)}
    add_impact(database, "More evening meetings", activity_id=activities["A1"], **told)
    add_impact(database, "Easier forms", activity_id=activities["A2"], **told)
    add_impact(database, "A quiet room", activity_id=activities["A2"])
    add_impact(database, "Pay on the day", activity_id=activities["A5"])
    add_impact(
        database,
        "Bus passes",
        today=date(2025, 12, 1),
        told_people=True,
        told_on=date(2025, 12, 1),
    )
    add_impact(database, "A newsletter", today=date(2026, 4, 15))


def mileage(miles: int, day: date) -> ClaimLine:
    return ClaimLine(LineKind.MILEAGE, "Car", miles * 100, 45, day)


def _add_money(database: Database, people: dict[str, int]) -> dict[str, int]:
    admin, approver, worker = money_team(database)
    budgets = {
        "2024/25": add_budget(database, admin, 500_00, day=date(2024, 6, 1)),
        "2025/26": add_budget(database, admin, 1_000_00, day=date(2025, 6, 1)),
        "youth": add_budget(database, admin, 200_00, "Youth panel", day=date(2025, 6, 1)),
    }
    ann, ben = people["ann"], people["ben"]
    last_year, this_year = budgets["2024/25"], budgets["2025/26"]
    year_end, new_year = date(2025, 3, 31), date(2026, 3, 31)
    for person, lines, budget, step in (
        (ann, (fee(200, day=year_end), expense(5_00, day=year_end)), last_year, ClaimStatus.PAID),
        (
            ann,
            (fee(100, day=new_year), expense(3_50, "Fares", day=new_year)),
            this_year,
            ClaimStatus.PAID,
        ),
        (
            ben,
            (fee(400, day=date(2025, 9, 1)), mileage(10, date(2025, 9, 1))),
            this_year,
            ClaimStatus.PAID,
        ),
        (ben, (fee(100, day=date(2025, 10, 1)),), this_year, ClaimStatus.APPROVED),
        (ann, (fee(100, day=date(2026, 4, 1)),), None, ClaimStatus.PAID),
        (ben, (fee(100, day=date(2025, 6, 1)),), this_year, ClaimStatus.DRAFT),
    ):
        claim_id = add_claim(database, worker, person, *lines, budget_id=budget)
        with database.session_scope() as session:
            if step is ClaimStatus.DRAFT:
                continue
            submit_claim(session, worker, claim_id)
            approve_claim(session, approver, claim_id, over_budget_confirmed=True)
            if step is ClaimStatus.PAID:
                make_payment_run(session, admin, [claim_id], TODAY, today=TODAY)
    return budgets
