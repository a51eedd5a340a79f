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
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from involve_desktop.db.models import Activity, AttendanceRecord, Person, Staff
from involve_desktop.db.money_models import (
    Claim,
    ClaimReceipt,
    PaymentPolicy,
    PaymentRate,
    PaymentRun,
)
from involve_desktop.db.money_models import ClaimLine as ClaimLineRow
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
REJECTION_REASONS = (
    "This session was cancelled on the day; the claim was made by mistake.",
    "Claimed twice: the same session is on an earlier claim that has been paid.",
    "They asked us not to pay this one, as it was during their working hours.",
)
MEETING_DAYS = (30, 90, 150)  # days into the year a group holding a budget meets to plan
BATCH = 5000


@dataclass
class _DemoClaim:
    person_id: int
    method: str
    lines: list[ClaimLine]
    policy_ids: list[int | None]
    status: ClaimStatus = ClaimStatus.DRAFT
    budget_id: int | None = None
    receipts: dict[int, str] = field(default_factory=dict)  # line index → what it was for

    @property
    def work_date(self) -> date:
        return min(line.line_date for line in self.lines)

    def pence(self, fees: bool) -> int:
        return sum(line.amount_pence for line in self.lines if line.kind.is_fee is fees)


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
    _write_claims(session, chooser, claims, today, approver, payer)
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
            claim = _DemoClaim(person_id, method, lines, policy_ids)
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
    chooser: random.Random, claim: _DemoClaim, activity: Activity, version: _Version
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
        claims.append(_DemoClaim(claim.person_id, claim.method, [line], [version.policy_id]))


def _group_meetings(session, budgets, versions, today) -> list[_DemoClaim]:  # type: ignore[no-untyped-def]
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
                claim = _DemoClaim(person_id, method, [line], [version.policy_id])
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


def _every_status(claims: list[_DemoClaim]) -> None:
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


def _write_claims(session, chooser, claims, today, approver, payer) -> None:  # type: ignore[no-untyped-def]
    """Insert the claims with their lines, receipts and payment runs, each step dated after
    the one before and none after today."""
    claims.sort(key=lambda claim: (claim.work_date, claim.person_id))
    latest = datetime.combine(today, time(9, 0))
    claim_id = (session.scalar(select(Claim.id).order_by(Claim.id.desc()).limit(1)) or 0) + 1
    line_id = (
        session.scalar(select(ClaimLineRow.id).order_by(ClaimLineRow.id.desc()).limit(1)) or 0
    ) + 1
    claim_rows, line_rows, receipt_rows = [], [], []
    runs: dict[date, list[dict]] = defaultdict(list)
    for claim in claims:
        row = _claim_row(chooser, claim, claim_id, latest, approver, payer)
        if row["status"] == ClaimStatus.PAID.value:
            runs[row["paid_on"]].append(row)
        claim_rows.append(row)
        for position, (line, policy_id) in enumerate(
            zip(claim.lines, claim.policy_ids, strict=True)
        ):
            line_rows.append(_line_row(line, line_id, claim_id, position, policy_id))
            if position in claim.receipts:
                content = _receipt_pdf(claim.receipts[position], line.line_date)
                receipt_rows.append(
                    {
                        "line_id": line_id,
                        "file_name": f"receipt {claim_id}-{position + 1}.pdf",
                        "media_type": "application/pdf",
                        "size_bytes": len(content),
                        "content": content,
                        "added_at": row["created_at"],
                    }
                )
            line_id += 1
        claim_id += 1
    run_id = (
        session.scalar(select(PaymentRun.id).order_by(PaymentRun.id.desc()).limit(1)) or 0
    ) + 1
    run_rows = []
    for paid_on in sorted(runs):
        run_rows.append(
            {
                "id": run_id,
                "paid_on": paid_on,
                "made_by": payer,
                "made_at": datetime.combine(paid_on, time(14, 0)),
                "note": f"Payments for {paid_on - timedelta(days=25):%B %Y}",
            }
        )
        for row in runs[paid_on]:
            row["payment_run_id"] = run_id
        run_id += 1
    for table, rows in (
        (PaymentRun, run_rows),
        (Claim, claim_rows),
        (ClaimLineRow, line_rows),
        (ClaimReceipt, receipt_rows),
    ):
        for begin in range(0, len(rows), BATCH):
            session.execute(insert(table.__table__), rows[begin : begin + BATCH])


def _claim_row(chooser, claim, claim_id, latest, approver, payer) -> dict:  # type: ignore[no-untyped-def]
    # Made and submitted by no staff member (the people sent their claims in themselves), so
    # the demo's administrator may approve them: nobody approves a claim they made.
    status = claim.status
    created = min(datetime.combine(claim.work_date, time(10, 0)) + _days(chooser, 0, 4), latest)
    submitted = min(created + _days(chooser, 0, 3), latest)
    decided = min(submitted + _days(chooser, 1, 6), latest)
    paid_on = (claim.work_date.replace(day=1) + timedelta(days=32)).replace(day=20)
    if status is ClaimStatus.PAID and paid_on >= latest.date():
        status = ClaimStatus.APPROVED  # this month's run has not been made yet
    reached = {
        ClaimStatus.DRAFT: 0,
        ClaimStatus.SUBMITTED: 1,
        ClaimStatus.APPROVED: 2,
        ClaimStatus.REJECTED: 2,
        ClaimStatus.PAID: 3,
    }[status]
    approved = reached >= 2 and status is not ClaimStatus.REJECTED
    rejected = status is ClaimStatus.REJECTED
    paid = status is ClaimStatus.PAID
    return {
        "id": claim_id,
        "person_id": claim.person_id,
        "status": status.value,
        "payment_method": claim.method,
        "budget_id": claim.budget_id,
        "work_date": claim.work_date,
        "fees_pence": claim.pence(fees=True),
        "expenses_pence": claim.pence(fees=False),
        "notes": "",
        "created_at": created,
        "created_by": None,
        "submitted_at": submitted if reached >= 1 else None,
        "approved_at": decided if approved else None,
        "approved_by": approver if approved else None,
        "rejected_at": decided if rejected else None,
        "rejected_by": approver if rejected else None,
        "rejection_reason": chooser.choice(REJECTION_REASONS) if rejected else "",
        "paid_on": paid_on if paid else None,
        "paid_by": payer if paid else None,
        "payment_run_id": None,
        "updated_at": decided if reached >= 2 else submitted if reached else created,
    }


def _days(chooser: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=chooser.randint(low, high), minutes=chooser.randint(0, 420))


def _line_row(line: ClaimLine, line_id: int, claim_id: int, position: int, policy_id) -> dict:  # type: ignore[no-untyped-def]
    return {
        "id": line_id,
        "claim_id": claim_id,
        "position": position,
        "kind": line.kind.value,
        "activity_id": line.activity_id,
        "line_date": line.line_date,
        "rate_name": line.rate_name,
        "description": line.description,
        "quantity_hundredths": line.quantity_hundredths,
        "unit_pence": line.unit_pence,
        "amount_pence": line.amount_pence,
        "policy_id": policy_id,
    }


def _receipt_pdf(what: str, day: date) -> bytes:
    """A one-page PDF that says what the invented receipt is for (Helvetica's standard
    encoding writes £ as octal 243)."""
    text = f"Demo receipt: {what}, {day:%d/%m/%Y}".replace("£", "\\243")
    stream = f"BT /F1 12 Tf 24 60 Td ({text}) Tj ET"
    objects = (
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 140] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    )
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out
