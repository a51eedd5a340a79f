"""Draft claims made from an activity's attendance, with a fee line at the policy's rate.

The preview says, for each person who came, what their claim would be or why none is made
(they chose not to be paid, or already have a claim for it), before anything is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Activity, AttendanceRecord, Person
from involve_desktop.db.money_models import Claim, ClaimLine
from involve_desktop.domain.activities import Attendance
from involve_desktop.domain.claims import ClaimDetails, ClaimStatus, FeeUnit, LineKind
from involve_desktop.domain.claims import ClaimLine as ClaimLineDetails
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.money import HUNDREDTHS, format_rate, line_amount
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.domain.person_record import display_name
from involve_desktop.errors import KnownError
from involve_desktop.services.budgets import budget_for_date
from involve_desktop.services.claims import save_draft
from involve_desktop.services.payment_policy import policy_on
from involve_desktop.services.permissions import Actor

MINUTES_PER_HOUR = 60


class NoRateForActivity(KnownError):
    """The policy in force on the activity's date has no rate for the chosen unit."""


@dataclass(frozen=True)
class AttendanceClaim:
    person_id: int
    name: str
    payment_method: str
    quantity_hundredths: int
    unit_pence: int
    why_not: str = ""  # set when no claim will be made for this person

    @property
    def amount_pence(self) -> int:
        return line_amount(self.quantity_hundredths, self.unit_pence)

    @property
    def will_claim(self) -> bool:
        return not self.why_not


@dataclass(frozen=True)
class AttendancePreview:
    activity_title: str
    held_on: date
    unit: FeeUnit
    rate_text: str  # '£25.00 per hour (the rates in force on 3 March 2026)'
    people: tuple[AttendanceClaim, ...]


def fee_quantity(activity: Activity, unit: FeeUnit) -> int:
    """Hundredths of the unit: a 90-minute activity is 1.5 hours; any other unit is one."""
    if unit is not FeeUnit.HOUR:
        return HUNDREDTHS
    if not activity.duration_minutes:
        raise NoRateForActivity(
            "This activity has no length recorded, so its hours cannot be worked out. "
            "Add how long it lasted, or pay per session, half day or day."
        )
    # Whole hundredths of an hour, halves up: 100 minutes is 1.67 hours.
    return (activity.duration_minutes * HUNDREDTHS * 2 + MINUTES_PER_HOUR) // (2 * MINUTES_PER_HOUR)


def fee_units_available(session: Session, activity_id: int) -> list[FeeUnit]:
    """The fee units the policy in force on the activity's date has a rate for."""
    activity = _activity(session, activity_id)
    try:
        _, policy = policy_on(session, activity.held_on)
    except KnownError:
        return []
    names = {rate.name for rate in policy.rates_of(LineKind.FEE)}
    return [unit for unit in FeeUnit if unit.value in names]


def preview_claims(session: Session, activity_id: int, unit: FeeUnit) -> AttendancePreview:
    activity = _activity(session, activity_id)
    _, policy = policy_on(session, activity.held_on)
    rate = policy.rate(LineKind.FEE, unit.value)
    if rate is None or rate.unit_pence is None:
        raise NoRateForActivity(
            f"The payment policy in force on {long_date(activity.held_on)} has no rate "
            f"{unit.label.lower()}. Add one in Settings → Payment policy, or choose another."
        )
    quantity = fee_quantity(activity, unit)
    already = set(
        session.scalars(
            select(Claim.person_id)
            .join(ClaimLine, ClaimLine.claim_id == Claim.id)
            .where(
                ClaimLine.activity_id == activity_id,
                Claim.status != ClaimStatus.REJECTED.value,
            )
        )
    )
    came = session.execute(
        select(Person)
        .join(AttendanceRecord, AttendanceRecord.person_id == Person.id)
        .where(
            AttendanceRecord.activity_id == activity_id,
            AttendanceRecord.status == Attendance.ATTENDED.value,
        )
        .order_by(Person.sort_key, Person.id)
    ).scalars()
    people = []
    for person in came:
        method = person.payment_method or PaymentMethod.BANK_TRANSFER.value
        why_not = ""
        if person.payment_method == PaymentMethod.DECLINES.value:
            why_not = "Has chosen not to be paid"
        elif person.id in already:
            why_not = "Already has a claim for this activity"
        people.append(
            AttendanceClaim(
                person.id,
                display_name(person.first_name, person.last_name, person.preferred_name),
                method,
                quantity,
                rate.unit_pence,
                why_not,
            )
        )
    rate_text = (
        f"{format_rate(rate.unit_pence)} per {unit.value} (the rates in "
        f"force on {long_date(activity.held_on)})"
    )
    return AttendancePreview(activity.title, activity.held_on, unit, rate_text, tuple(people))


def make_claims_from_attendance(
    session: Session,
    actor: Actor | None,
    activity_id: int,
    unit: FeeUnit,
    person_ids: set[int] | None = None,
) -> list[int]:
    """Draft claims for the people who came (all that the preview would claim for, or those
    in `person_ids`); return the new claims' ids."""
    preview = preview_claims(session, activity_id, unit)
    budget_id = budget_for_date(session, preview.held_on)
    made = []
    for person in preview.people:
        if not person.will_claim or (person_ids is not None and person.person_id not in person_ids):
            continue
        fee = ClaimLineDetails(
            kind=LineKind.FEE,
            rate_name=unit.value,
            quantity_hundredths=person.quantity_hundredths,
            unit_pence=person.unit_pence,
            line_date=preview.held_on,
            description=preview.activity_title[:200],
            activity_id=activity_id,
        )
        details = ClaimDetails(
            person_id=person.person_id,
            payment_method=person.payment_method,
            lines=(fee,),
            budget_id=budget_id,
        )
        made.append(save_draft(session, actor, details, today=preview.held_on))
    return made


def _activity(session: Session, activity_id: int) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise KnownError("This activity is no longer in the records. The list is refreshed.")
    return activity
