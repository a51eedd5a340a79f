"""Invented money for the demo charity: fee rates, a rise in them, budgets (one handed to a
group of members for their own project), and claims from the people who came to paid
activities, in every step from draft to paid, with payment runs.

Everything is made up and seeded: the same seed and date give the same figures. The rows are
written in bulk, as the demo's people and activities are, but every amount comes from the
domain's own rules (`ClaimLine.amount_pence`, `fee_quantity`), so totals add up exactly as
they would for claims typed in.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from involve_desktop.db.models import Activity, AttendanceRecord, Person, Staff
from involve_desktop.db.money_models import PaymentPolicy, PaymentRate
from involve_desktop.domain.activities import Attendance
from involve_desktop.domain.claims import (
    POLICY_FROM_THE_START,
    ClaimLine,
    ClaimStatus,
    FeeUnit,
    LineKind,
)
from involve_desktop.domain.financial_year import year_containing
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.people import BenefitsAffected, PaymentMethod
from involve_desktop.domain.roles import Role
from involve_desktop.services.claims_from_activity import fee_quantity
from involve_desktop.services.demo_budgets import add_demo_budgets, allocate_demo_budgets
from involve_desktop.services.demo_claim_rows import DemoClaim, write_demo_claims
from involve_desktop.services.organisation import financial_year_start

# Invented for the demo only: a charity sets its own rates in Settings → Payment policy.
DEMO_FEE_PENCE = {
    FeeUnit.HOUR: 25_00,
    FeeUnit.HALF_DAY: 75_00,
    FeeUnit.DAY: 150_00,
    FeeUnit.SESSION: 40_00,
}
RISE_PERCENT = 10  # the demo's second policy version pays 10% more (as NIHR did in 2025)
RISE_MONTHS_AGO = 4
SESSION_KINDS = ("Peer support group", "Mentoring meet-up")  # paid by the session
# (what, lowest pence, highest pence): costs people paid and are paid back.
EXPENSES = (
    ("Fares", 2_40, 9_80),
    ("Parking", 3_50, 6_00),
    ("Subsistence", 4_50, 8_90),
    ("Childcare", 18_00, 30_00),
    ("Support worker or personal assistant", 36_00, 54_00),
)
VEHICLES = (("Car", 70), ("Bicycle", 15), ("Motorcycle", 15))
MEETING_DAYS = (30, 90, 150)  # days into the year a group holding a budget meets to plan


def add_demo_money(session: Session, *, seed: int, today: date) -> int:
    """Rates, budgets and claims for the demo charity; return how many claims were added."""
    chooser = random.Random(seed + 3)
    approver, payer = _designate_staff(session)
    versions = _add_fee_rates(session, today)
    start = financial_year_start(session)
    claims = list(_claims_from_attendance(session, chooser, versions, today))
    _go_over_a_threshold(session, chooser, claims, versions, today)
    if not claims:
        return 0
    years = sorted({year_containing(claim.work_date, start)[0] for claim in claims})
    budgets = add_demo_budgets(session, chooser, years, today)
    claims += _group_meetings(session, budgets, versions, today)
    for claim in claims:
        claim.budget_id = claim.budget_id or budgets[year_containing(claim.work_date, start)[0]][0]
        claim.status = _status(chooser, (today - claim.work_date).days)
    _every_status(claims)
    write_demo_claims(session, chooser, claims, today, approver, payer)
    allocate_demo_budgets(session, start, today)
    return len(claims)


def _designate_staff(session: Session) -> tuple[int | None, int | None]:
    """The staff who approve and pay the demo's claims (the demo's administrator, when the
    demo is built with one); administrators take the duties if nobody holds them yet."""
    active = Staff.active.is_(True)
    admins = select(Staff.id).where(active, Staff.role == Role.ADMINISTRATOR.value)
    for duty in (Staff.designated_approver, Staff.designated_payer):
        if session.scalar(select(Staff.id).where(active, duty).limit(1)) is None:
            session.execute(update(Staff).where(Staff.id.in_(admins)).values({duty: True}))
    first = select(Staff.id).where(active).order_by(Staff.id).limit(1)
    return (
        session.scalar(first.where(Staff.designated_approver)),
        session.scalar(first.where(Staff.designated_payer)),
    )


@dataclass(frozen=True)
class _Version:
    policy_id: int
    effective_from: date
    fees: dict[FeeUnit, int]
    mileage: dict[str, int]
    receipt_over_pence: int | None


def _add_fee_rates(session: Session, today: date) -> list[_Version]:
    """The demo's fee rates in the first policy version, and a second version from a few
    months ago with fees 10% higher (mileage stays at the HMRC rates). Newest first."""
    first_id = session.scalar(
        select(PaymentPolicy.id).where(PaymentPolicy.effective_from == POLICY_FROM_THE_START)
    )
    if first_id is None:
        return []
    month = date(today.year, today.month, 1)
    for _ in range(RISE_MONTHS_AGO):
        month = (month - timedelta(days=1)).replace(day=1)
    rates = session.execute(
        select(PaymentRate.kind, PaymentRate.name, PaymentRate.unit_pence, PaymentRate.position)
        .where(PaymentRate.policy_id == first_id)
        .order_by(PaymentRate.id)
    ).all()
    receipt_over = session.get(PaymentPolicy, first_id).receipt_over_pence  # type: ignore[union-attr]
    raised = {unit: pence * (100 + RISE_PERCENT) // 100 for unit, pence in DEMO_FEE_PENCE.items()}
    second_id = session.scalar(
        insert(PaymentPolicy)
        .values(
            effective_from=month,
            receipt_over_pence=receipt_over,
            notes=f"Fees raised by {RISE_PERCENT}% from {month:%B %Y} (demo figures).",
        )
        .returning(PaymentPolicy.id)
    )
    rows = []
    for policy_id, fees in ((first_id, DEMO_FEE_PENCE), (second_id, raised)):
        rows += [
            {"policy_id": policy_id, "kind": "fee", "name": unit.value, "unit_pence": pence}
            | {"position": position}
            for position, (unit, pence) in enumerate(fees.items())
        ]
    rows += [
        {"policy_id": second_id, "kind": kind, "name": name, "unit_pence": pence}
        | {"position": position}
        for kind, name, pence, position in rates
    ]
    session.execute(insert(PaymentRate), rows)
    mileage = {name: pence for kind, name, pence, _ in rates if kind == LineKind.MILEAGE.value}
    return [
        _Version(second_id, month, raised, mileage, receipt_over),
        _Version(first_id, POLICY_FROM_THE_START, dict(DEMO_FEE_PENCE), mileage, receipt_over),
    ]


def _version_on(versions: list[_Version], day: date) -> _Version:
    return next(version for version in versions if version.effective_from <= day)


def _claims_from_attendance(session, chooser, versions, today):  # type: ignore[no-untyped-def]
    """One claim for most people who came to a paid activity that has happened: a fee line
    for the time (none for those who decline payment), and sometimes mileage or costs."""
    if not versions:
        return
    activities = session.scalars(
        select(Activity)
        .where(Activity.paid.is_(True), Activity.held_on < today)
        .order_by(Activity.id)
    ).all()
    came = defaultdict(list)
    for activity_id, person_id, method in session.execute(
        select(AttendanceRecord.activity_id, Person.id, Person.payment_method)
        .join(Person, Person.id == AttendanceRecord.person_id)
        .where(AttendanceRecord.status == Attendance.ATTENDED.value)
        .order_by(AttendanceRecord.activity_id, Person.id)
    ):
        came[activity_id].append((person_id, method or PaymentMethod.BANK_TRANSFER.value))
    for activity in activities:
        version = _version_on(versions, activity.held_on)
        unit = _unit_for(activity)
        for person_id, method in came[activity.id]:
            if chooser.random() < 0.12:
                continue  # some people never claim
            lines, policy_ids = [], []
            if method != PaymentMethod.DECLINES.value:
                lines.append(
                    ClaimLine(
                        LineKind.FEE,
                        unit.value,
                        fee_quantity(activity, unit),
                        version.fees[unit],
                        activity.held_on,
                        activity.title[:200],
                        activity.id,
                    )
                )
                policy_ids.append(version.policy_id)
            claim = DemoClaim(person_id, method, lines, policy_ids)
            _add_costs(chooser, claim, activity, version)
            if claim.lines:
                yield claim


def _unit_for(activity: Activity) -> FeeUnit:
    if activity.title.startswith(SESSION_KINDS):
        return FeeUnit.SESSION
    if (activity.duration_minutes or 0) >= 180:
        return FeeUnit.HALF_DAY
    return FeeUnit.HOUR


def _add_costs(
    chooser: random.Random, claim: DemoClaim, activity: Activity, version: _Version
) -> None:
    in_person = not activity.place.startswith("Online")
    if in_person and chooser.random() < 0.3:
        names, weights = zip(*VEHICLES, strict=True)
        vehicle = chooser.choices(names, weights)[0]
        tenths = chooser.randint(15, 360)  # 1.5 to 36 miles, to a tenth of a mile
        claim.lines.append(
            ClaimLine(
                LineKind.MILEAGE,
                vehicle,
                tenths * 10,
                version.mileage[vehicle],
                activity.held_on,
                "There and back",
                activity.id,
            )
        )
        claim.policy_ids.append(version.policy_id)
    if in_person and chooser.random() < 0.25:
        name, low, high = chooser.choices(EXPENSES, (40, 25, 20, 10, 5))[0]
        pence = chooser.randint(low // 10, high // 10) * 10
        claim.lines.append(
            ClaimLine(LineKind.EXPENSE, name, 100, pence, activity.held_on, "", activity.id)
        )
        claim.policy_ids.append(None)
        limit = version.receipt_over_pence
        if limit is not None and pence > limit:
            claim.receipts[len(claim.lines) - 1] = f"{name} {format_pence(pence)}"


def _go_over_a_threshold(session, chooser, claims, versions, today) -> None:  # type: ignore[no-untyped-def]
    """Fees for speaking at a recent conference, for two people who said payments may affect
    their benefits, so the figures the charity watches have something to show."""
    watched = set(
        session.scalars(
            select(Person.id).where(Person.benefits_affected == BenefitsAffected.YES.value)
        )
    )
    recent = [
        claim
        for claim in claims
        if claim.person_id in watched
        and claim.lines[0].kind is LineKind.FEE
        and 14 <= (today - claim.work_date).days <= 60
    ]
    # One day takes the first person close to a weekly figure; two days take the second past.
    for days, claim in enumerate(sorted(recent, key=lambda c: (c.work_date, c.person_id))[:2], 1):
        day = claim.work_date + timedelta(days=1 if claim.work_date.weekday() < 6 else -1)
        version = _version_on(versions, day)
        line = ClaimLine(
            LineKind.FEE,
            FeeUnit.DAY.value,
            days * 100,
            version.fees[FeeUnit.DAY],
            day,
            "Speaking at the regional conference on lived experience",
        )
        claims.append(DemoClaim(claim.person_id, claim.method, [line], [version.policy_id]))


def _group_meetings(session, budgets, versions, today) -> list[DemoClaim]:  # type: ignore[no-untyped-def]
    """The groups holding a delegated budget meet to plan their project, paid by the session
    from their own budget."""
    methods = dict(session.execute(select(Person.id, Person.payment_method)).all())
    meetings = []
    for first, (_, delegated, holders) in budgets.items():
        for offset in MEETING_DAYS:
            day = first + timedelta(days=offset)
            if day >= today:
                break
            version = _version_on(versions, day)
            for person_id in sorted(holders):
                method = methods.get(person_id) or PaymentMethod.BANK_TRANSFER.value
                if method == PaymentMethod.DECLINES.value:
                    continue
                line = ClaimLine(
                    LineKind.FEE,
                    FeeUnit.SESSION.value,
                    100,
                    version.fees[FeeUnit.SESSION],
                    day,
                    "Planning meeting for the group's own project",
                )
                claim = DemoClaim(person_id, method, [line], [version.policy_id])
                claim.budget_id = delegated
                meetings.append(claim)
    return meetings


def _status(chooser: random.Random, days_ago: int) -> ClaimStatus:
    """Older claims are paid (a few rejected); the newest are still drafts or waiting."""
    roll = chooser.random()
    if days_ago > 56:
        bands = ((0.04, ClaimStatus.REJECTED), (1.0, ClaimStatus.PAID))
    elif days_ago > 28:
        bands = ((0.04, ClaimStatus.REJECTED), (0.6, ClaimStatus.PAID), (0.9, ClaimStatus.APPROVED))
    elif days_ago > 7:
        bands = (
            (0.05, ClaimStatus.REJECTED),
            (0.4, ClaimStatus.APPROVED),
            (0.85, ClaimStatus.SUBMITTED),
        )
    else:
        bands = ((0.4, ClaimStatus.SUBMITTED),)
    return next((status for share, status in bands if roll < share), ClaimStatus.DRAFT)


def _every_status(claims: list[DemoClaim]) -> None:
    """Even a small demo shows a claim at every step: the newest claims take the early steps
    nothing reached, the oldest the late ones."""
    by_age = sorted(claims, key=lambda claim: (claim.work_date, claim.person_id))
    reached = {claim.status for claim in claims}
    missing = [status for status in ClaimStatus if status not in reached]
    early = [
        s for s in missing if s in (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED)
    ]
    late = [s for s in missing if s in (ClaimStatus.PAID, ClaimStatus.REJECTED)]
    for claim, status in zip(reversed(by_age), early, strict=False):
        claim.status = status
    for claim, status in zip(by_age, late, strict=False):
        claim.status = status
