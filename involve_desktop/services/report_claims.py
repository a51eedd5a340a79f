"""What the printed claim form and a person's payment statement show, as plain frozen data
for `exports/claim_form_pdf.py` and `exports/payment_statement_pdf.py`.

The blank form carries the payment policy in force on the day it is printed, so a person
claiming on paper sees the rates they will be paid. A filled-in form shows one claim as it
is recorded. The statement counts money as `money_totals` does (submitted, approved and paid
claims, each line on the date of its work), so its totals are the figures the app shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Activity, Person
from involve_desktop.db.money_models import Claim, ClaimLine
from involve_desktop.domain.claims import COUNTED_STATUSES, ClaimStatus, LineKind
from involve_desktop.domain.claims import ClaimLine as DomainLine
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.domain.person_record import display_name
from involve_desktop.domain.terms import DEFAULT_TERMS, PeopleTerms
from involve_desktop.errors import KnownError
from involve_desktop.services.claim_list import line_summary, rows_for
from involve_desktop.services.claims import load_claim
from involve_desktop.services.money_totals import period_total
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.payment_policy import load_policy, policy_id_on

# Shown on the statement: it is a record, and the app informs but never advises.
STATEMENT_NOT_ADVICE = (
    "This is a record of what was claimed and paid, to help with questions about benefits or "
    "tax. It is not advice: independent advice (such as Citizens Advice) can say what these "
    "payments mean for you."
)

# How the form offers each payment method to tick.
PAYMENT_CHOICES: dict[PaymentMethod, str] = {
    PaymentMethod.BANK_TRANSFER: "Bank transfer",
    PaymentMethod.CHEQUE: "Cheque, posted to the address above",
    PaymentMethod.VOUCHER: "Voucher",
    PaymentMethod.DECLINES: "No payment for my time, thank you (costs can still be paid back)",
}
# A filled form shows the address only for a cheque (it is not needed otherwise), so without
# one printed the cheque is not said to go to "the address above".
CHEQUE_WITHOUT_ADDRESS = "Cheque, posted to your address"


@dataclass(frozen=True)
class PriceRate:
    """A rate as printed: 'hour' at £25.00, 'Car' at 45p a mile, or 'Parking' up to £10.00
    a line (`pence` None: the policy sets no most)."""

    name: str
    pence: int | None


@dataclass(frozen=True)
class PolicyRates:
    """The payment policy in force on one day, as the form prints it."""

    in_force_on: date
    effective_from: date
    fee_rates: tuple[PriceRate, ...]
    mileage_rates: tuple[PriceRate, ...]
    expenses: tuple[PriceRate, ...]  # what can be claimed back, with any most per line
    receipt_over_pence: int | None  # None: receipts are never asked for
    notes: str


@dataclass(frozen=True)
class BlankClaimForm:
    terms: PeopleTerms
    rates: PolicyRates | None  # None: no policy version covers the day
    payment_choices: tuple[str, ...]  # the ways to be paid a person ticks, as words


@dataclass(frozen=True)
class FormLine:
    line_date: date
    kind: LineKind
    what_for: str  # the activity, or what the line says it is for
    rate_name: str
    quantity_hundredths: int
    unit_pence: int
    amount_pence: int
    receipts: tuple[str, ...]  # file names


@dataclass(frozen=True)
class FormStep:
    what: str  # "Submitted", "Approved", "Paid", "Rejected"
    who: str  # the member of staff, '' when not known
    on: date


@dataclass(frozen=True)
class FilledClaimForm:
    terms: PeopleTerms
    claim_id: int
    person_name: str
    cheque_address: str  # the person's address when paid by cheque, else ''
    payment_choices: tuple[str, ...]  # as on the blank form (the cheque's words may differ)
    payment_choice: str  # the one this claim is paid by
    status: ClaimStatus
    lines: tuple[FormLine, ...]
    fees_pence: int
    expenses_pence: int
    steps: tuple[FormStep, ...]
    rejection_reason: str
    adjusts_claim_id: int | None
    rates: PolicyRates | None  # in force on the claim's work date

    @property
    def total_pence(self) -> int:
        return self.fees_pence + self.expenses_pence

    def step(self, what: str) -> FormStep | None:
        return next((step for step in self.steps if step.what == what), None)


@dataclass(frozen=True)
class StatementClaim:
    """One claim on a statement; its money is what falls in the period (a claim whose lines
    run past the period's edge shows only the part inside, as the totals count it)."""

    claim_id: int
    work_date: date
    what_for: str
    fees_pence: int
    expenses_pence: int
    status: ClaimStatus
    paid_on: date | None
    payment_method: str
    partly_outside: bool

    @property
    def total_pence(self) -> int:
        return self.fees_pence + self.expenses_pence


@dataclass(frozen=True)
class PaymentStatement:
    terms: PeopleTerms
    organisation_name: str
    person_id: int
    person_name: str
    address: str
    first: date
    last: date
    claims: tuple[StatementClaim, ...]  # oldest work first
    fees_pence: int  # earnings in the period (money_totals.period_total)
    expenses_pence: int  # mileage and expenses paid back
    paid_fees_pence: int
    paid_expenses_pence: int

    @property
    def total_pence(self) -> int:
        return self.fees_pence + self.expenses_pence

    @property
    def waiting_fees_pence(self) -> int:
        return self.fees_pence - self.paid_fees_pence

    @property
    def waiting_expenses_pence(self) -> int:
        return self.expenses_pence - self.paid_expenses_pence


def people_terms(session: Session) -> PeopleTerms:
    organisation = load_organisation(session)
    return organisation.terms if organisation is not None else DEFAULT_TERMS


def policy_rates(session: Session, day: date) -> PolicyRates | None:
    """The rates in force on `day`, or None when no version covers it."""
    policy_id = policy_id_on(session, day)
    if policy_id is None:
        return None
    policy = load_policy(session, policy_id)

    def rates(kind: LineKind) -> tuple[PriceRate, ...]:
        return tuple(PriceRate(rate.name, rate.unit_pence) for rate in policy.rates_of(kind))

    return PolicyRates(
        in_force_on=day,
        effective_from=policy.effective_from,
        fee_rates=rates(LineKind.FEE),
        mileage_rates=rates(LineKind.MILEAGE),
        expenses=rates(LineKind.EXPENSE),
        receipt_over_pence=policy.receipt_over_pence,
        notes=policy.notes,
    )


def blank_claim_form(session: Session, day: date) -> BlankClaimForm:
    """The form to print for claiming on paper, with the rates in force on `day`."""
    return BlankClaimForm(
        terms=people_terms(session),
        rates=policy_rates(session, day),
        payment_choices=tuple(PAYMENT_CHOICES.values()),
    )


def filled_claim_form(session: Session, claim_id: int) -> FilledClaimForm:
    """One claim as recorded; raises `ClaimNotFound`."""
    record = load_claim(session, claim_id)
    details = record.details
    titles = _activity_titles(session, details.lines)
    lines = tuple(
        FormLine(
            line_date=line.line_date,
            kind=line.kind,
            what_for=_line_what_for(line, titles),
            rate_name=line.rate_name,
            quantity_hundredths=line.quantity_hundredths,
            unit_pence=line.unit_pence,
            amount_pence=line.amount_pence,
            receipts=tuple(receipt.file_name for receipt in line.receipts),
        )
        for line in details.lines
    )
    method = PaymentMethod(details.payment_method)
    address = ""
    if method is PaymentMethod.CHEQUE and details.person_id is not None:
        person = session.get(Person, details.person_id)
        address = (person.address or "") if person is not None else ""
    choices = dict(PAYMENT_CHOICES)
    if not address.strip():
        choices[PaymentMethod.CHEQUE] = CHEQUE_WITHOUT_ADDRESS
    work_date = session.scalar(select(Claim.work_date).where(Claim.id == claim_id))
    return FilledClaimForm(
        terms=people_terms(session),
        claim_id=record.claim_id,
        person_name=record.person_name,
        cheque_address=address,
        payment_choices=tuple(choices.values()),
        payment_choice=choices[method],
        status=record.status,
        lines=lines,
        fees_pence=details.fees_pence,
        expenses_pence=details.expenses_pence,
        steps=tuple(
            FormStep(step.what, step.who, _day(step.when))
            for step in record.steps
            if step.what != "Made"  # who typed it in is the office's business
        ),
        rejection_reason=record.rejection_reason,
        adjusts_claim_id=details.adjusts_claim_id,
        rates=policy_rates(session, work_date) if work_date is not None else None,
    )


def payment_statement(
    session: Session, person_id: int, first: date, last: date
) -> PaymentStatement:
    """What one person claimed for work from `first` to `last` (both included)."""
    person = session.get(Person, person_id)
    if person is None:
        raise KnownError("This person is no longer in the records.")
    if last < first:
        raise KnownError("The period ends before it starts. Please check the dates.")
    in_period: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    outside: set[int] = set()
    counted = [status.value for status in COUNTED_STATUSES]
    for claim_id, kind, amount, line_date in session.execute(
        select(ClaimLine.claim_id, ClaimLine.kind, ClaimLine.amount_pence, ClaimLine.line_date)
        .join(Claim, Claim.id == ClaimLine.claim_id)
        .where(Claim.person_id == person_id, Claim.status.in_(counted))
        .where(
            Claim.id.in_(select(ClaimLine.claim_id).where(ClaimLine.line_date.between(first, last)))
        )
    ):
        if first <= line_date <= last:
            in_period[claim_id][0 if kind == LineKind.FEE.value else 1] += amount
        else:
            outside.add(claim_id)
    rows = sorted(rows_for(session, list(in_period)), key=lambda row: (row.work_date, row.id))
    claims = tuple(
        StatementClaim(
            claim_id=row.id,
            work_date=row.work_date,
            what_for=row.what_for,
            fees_pence=in_period[row.id][0],
            expenses_pence=in_period[row.id][1],
            status=row.status,
            paid_on=row.paid_on,
            payment_method=row.payment_method,
            partly_outside=row.id in outside,
        )
        for row in rows
    )
    total = period_total(session, person_id, first, last)
    paid = [claim for claim in claims if claim.status is ClaimStatus.PAID]
    organisation = load_organisation(session)
    return PaymentStatement(
        terms=people_terms(session),
        organisation_name=organisation.name if organisation is not None else "",
        person_id=person_id,
        person_name=display_name(person.first_name, person.last_name, person.preferred_name),
        address=person.address,
        first=first,
        last=last,
        claims=claims,
        fees_pence=total.fees_pence,
        expenses_pence=total.expenses_pence,
        paid_fees_pence=sum(claim.fees_pence for claim in paid),
        paid_expenses_pence=sum(claim.expenses_pence for claim in paid),
    )


def _activity_titles(session: Session, lines: tuple[DomainLine, ...]) -> dict[int, str]:
    wanted = {line.activity_id for line in lines if line.activity_id is not None}
    if not wanted:
        return {}
    found = session.execute(select(Activity.id, Activity.title).where(Activity.id.in_(wanted)))
    return {activity_id: title for activity_id, title in found}


def _line_what_for(line: DomainLine, titles: dict[int, str]) -> str:
    """The activity's title (with the line's own words), or what the line says it is for."""
    title = titles.get(line.activity_id) if line.activity_id is not None else None
    if title and line.description:
        return f"{title}: {line.description}"
    return title or line_summary(line.kind, line.rate_name, line.description)


def _day(when: datetime | date) -> date:
    return when.date() if isinstance(when, datetime) else when
