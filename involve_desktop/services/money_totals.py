"""What each person has been paid: fees (earnings, for benefits and tax) apart from mileage and
expenses (paid-back costs), per financial year, month and week; and the same fees held
against the benefits thresholds the charity has chosen to watch.

Money counts once a claim is submitted (drafts are not yet claims; rejected ones will not be
paid), on the date of the work each line is for. The app informs; it never advises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Person
from involve_desktop.db.money_models import Claim, ClaimLine
from involve_desktop.domain.claims import COUNTED_STATUSES, LineKind, Threshold, ThresholdPeriod
from involve_desktop.domain.financial_year import year_containing, year_label
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.people import BenefitsAffected
from involve_desktop.domain.person_record import display_name
from involve_desktop.domain.roles import Permission
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.organisation import financial_year_start
from involve_desktop.services.payment_policy import load_thresholds
from involve_desktop.services.permissions import Actor, require

NEAR_SHARE_PERCENT = 80  # "close to" a threshold from this share of it
NOT_ADVICE = (
    "Involve shows these figures to help you and the person talk about payment; it does not "
    "give benefits advice. The person can choose a voucher, a smaller payment or none, and "
    "independent advice (such as Citizens Advice) can tell them what suits them."
)


@dataclass(frozen=True)
class PeriodTotal:
    label: str
    first: date
    last: date
    fees_pence: int
    expenses_pence: int

    @property
    def total_pence(self) -> int:
        return self.fees_pence + self.expenses_pence


@dataclass(frozen=True)
class PersonYearTotal:
    person_id: int
    name: str
    fees_pence: int
    expenses_pence: int
    claims: int
    benefits_may_be_affected: bool


@dataclass(frozen=True)
class ThresholdCheck:
    threshold: Threshold
    period: PeriodTotal  # fees in the period, including the claim being looked at

    @property
    def over_by_pence(self) -> int:
        return self.period.fees_pence - self.threshold.amount_pence

    @property
    def over(self) -> bool:
        return self.over_by_pence > 0

    @property
    def near(self) -> bool:
        limit = self.threshold.amount_pence
        return not self.over and self.period.fees_pence * 100 >= limit * NEAR_SHARE_PERCENT


@dataclass(frozen=True)
class BenefitsWatch:
    """The figures to show for one person around one date; `applies` is False when the person
    has said payments do not affect their benefits, or has not been asked."""

    answer: BenefitsAffected | None
    checks: tuple[ThresholdCheck, ...]

    @property
    def applies(self) -> bool:
        return self.answer in (BenefitsAffected.YES, BenefitsAffected.PREFERS_NOT_TO_SAY)

    @property
    def any_over(self) -> bool:
        return any(check.over for check in self.checks)


def _counted_lines(person_id: int, first: date, last: date):  # type: ignore[no-untyped-def]
    fee = LineKind.FEE.value
    return (
        select(
            func.coalesce(
                func.sum(case((ClaimLine.kind == fee, ClaimLine.amount_pence), else_=0)), 0
            ),
            func.coalesce(
                func.sum(case((ClaimLine.kind != fee, ClaimLine.amount_pence), else_=0)), 0
            ),
        )
        .join(Claim, Claim.id == ClaimLine.claim_id)
        .where(
            Claim.person_id == person_id,
            Claim.status.in_([status.value for status in COUNTED_STATUSES]),
            ClaimLine.line_date.between(first, last),
        )
    )


def period_total(
    session: Session,
    person_id: int,
    first: date,
    last: date,
    label: str = "",
    *,
    leave_out_claim: int | None = None,
) -> PeriodTotal:
    query = _counted_lines(person_id, first, last)
    if leave_out_claim is not None:
        query = query.where(Claim.id != leave_out_claim)
    fees, expenses = session.execute(query).one()
    return PeriodTotal(label, first, last, int(fees), int(expenses))


def person_year_totals(session: Session, person_id: int) -> list[PeriodTotal]:
    """Each financial year the person has claimed money in, newest first."""
    start = financial_year_start(session)
    earliest, latest = session.execute(
        select(func.min(ClaimLine.line_date), func.max(ClaimLine.line_date))
        .join(Claim, Claim.id == ClaimLine.claim_id)
        .where(Claim.person_id == person_id)
    ).one()
    if earliest is None or latest is None:
        return []
    totals = []
    first, last = year_containing(latest, start)
    while last >= earliest:
        total = period_total(session, person_id, first, last, year_label(first))
        if total.fees_pence or total.expenses_pence:
            totals.append(total)
        first, last = year_containing(first - timedelta(days=1), start)
    return totals


def person_month_totals(session: Session, person_id: int, year_first: date) -> list[PeriodTotal]:
    """The twelve months of the financial year starting `year_first` (months with money)."""
    _, year_last = year_containing(year_first, financial_year_start(session))
    months = []
    first = year_first.replace(day=1)
    while first <= year_last:
        following = (first + timedelta(days=32)).replace(day=1)
        # A year starting on the 6th (the tax year) opens and closes with part-months.
        start, end = max(first, year_first), min(following - timedelta(days=1), year_last)
        total = period_total(session, person_id, start, end, f"{first:%B %Y}")
        if total.fees_pence or total.expenses_pence:
            months.append(total)
        first = following
    return months


def person_week_totals(session: Session, person_id: int, year_first: date) -> list[PeriodTotal]:
    """Weeks (Monday to Sunday) in the financial year with money, oldest first."""
    _, year_last = year_containing(year_first, financial_year_start(session))
    rows = session.execute(
        select(
            ClaimLine.line_date,
            func.sum(case((ClaimLine.kind == LineKind.FEE.value, ClaimLine.amount_pence), else_=0)),
            func.sum(case((ClaimLine.kind != LineKind.FEE.value, ClaimLine.amount_pence), else_=0)),
        )
        .join(Claim, Claim.id == ClaimLine.claim_id)
        .where(
            Claim.person_id == person_id,
            Claim.status.in_([status.value for status in COUNTED_STATUSES]),
            ClaimLine.line_date.between(year_first, year_last),
        )
        .group_by(ClaimLine.line_date)
    ).all()
    weeks: dict[date, list[int]] = {}
    for day, fees, expenses in rows:
        monday = day - timedelta(days=day.weekday())
        week = weeks.setdefault(monday, [0, 0])
        week[0] += int(fees)
        week[1] += int(expenses)
    return [
        PeriodTotal(week_label(monday), monday, monday + timedelta(days=6), fees, expenses)
        for monday, (fees, expenses) in sorted(weeks.items())
    ]


def week_label(monday: date) -> str:
    return f"Week of {long_date(monday)}"


def everyone_year_totals(session: Session, year_first: date) -> list[PersonYearTotal]:
    """Every person with money claimed in the financial year, by name, in one query."""
    _, year_last = year_containing(year_first, financial_year_start(session))
    fee = LineKind.FEE.value
    # The year's lines first, then their claims: left to itself SQLite walks every counted
    # claim of every year through the status index and looks its lines up one claim at a
    # time, ten times slower on 50,000 claims (tests/benchmarks/bench_person_totals.py).
    lines = (
        select(ClaimLine.claim_id, ClaimLine.kind, ClaimLine.amount_pence)
        .where(ClaimLine.line_date.between(year_first, year_last))
        .cte("year_lines")
        .prefix_with("MATERIALIZED")
    )
    sums = (
        select(
            Claim.person_id.label("person_id"),
            func.sum(case((lines.c.kind == fee, lines.c.amount_pence), else_=0)).label("fees"),
            func.sum(case((lines.c.kind != fee, lines.c.amount_pence), else_=0)).label("expenses"),
            func.count(func.distinct(Claim.id)).label("claims"),
        )
        .join(lines, lines.c.claim_id == Claim.id)
        .where(
            Claim.person_id.is_not(None),
            Claim.status.in_([status.value for status in COUNTED_STATUSES]),
        )
        .group_by(Claim.person_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Person.id,
            Person.first_name,
            Person.last_name,
            Person.preferred_name,
            Person.benefits_affected,
            sums.c.fees,
            sums.c.expenses,
            sums.c.claims,
        )
        .join(sums, sums.c.person_id == Person.id)
        .order_by(Person.sort_key, Person.id)
    )
    watched = {BenefitsAffected.YES.value, BenefitsAffected.PREFERS_NOT_TO_SAY.value}
    return [
        PersonYearTotal(
            person_id,
            display_name(first, last, preferred),
            int(fees),
            int(expenses),
            int(claims),
            benefits in watched,
        )
        for person_id, first, last, preferred, benefits, fees, expenses, claims in rows
    ]


def period_around(day: date, period: ThresholdPeriod, session: Session) -> tuple[date, date, str]:
    """The week (Monday to Sunday), calendar month or financial year that holds `day`."""
    if period is ThresholdPeriod.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), week_label(monday)
    if period is ThresholdPeriod.MONTH:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return first, last, f"{first:%B %Y}"
    first, last = year_containing(day, financial_year_start(session))
    return first, last, f"the {year_label(first)} financial year"


def benefits_watch(
    session: Session,
    actor: Actor | None,
    person_id: int,
    around: date,
    *,
    claim_id: int | None = None,
    claim_fee_lines: tuple[tuple[date, int], ...] = (),
) -> BenefitsWatch:
    """The person's fees against each threshold, in the period holding `around` or any of
    the claim's fee lines, whichever has the most (a claim spanning two weeks is checked in
    both, and the fuller week is shown).

    The claim being edited is counted from `claim_fee_lines` (its unsaved fee lines, by
    date) instead of from the database, so the figures match what is on screen.
    """
    if actor is not None:
        require(actor, Permission.SEE_SENSITIVE)
    person = session.get(Person, person_id)
    answer = (
        BenefitsAffected(person.benefits_affected)
        if person is not None and person.benefits_affected
        else None
    )
    days = {around, *(day for day, _pence in claim_fee_lines)}
    checks = []
    for threshold in load_thresholds(session):
        periods = {period_around(day, threshold.period, session) for day in days}
        fullest: PeriodTotal | None = None
        for first, last, label in sorted(periods):
            saved = period_total(session, person_id, first, last, label, leave_out_claim=claim_id)
            this_claim = sum(pence for day, pence in claim_fee_lines if first <= day <= last)
            period = PeriodTotal(
                label, first, last, saved.fees_pence + this_claim, saved.expenses_pence
            )
            if fullest is None or period.fees_pence > fullest.fees_pence:
                fullest = period
        assert fullest is not None  # `days` always holds `around`
        checks.append(ThresholdCheck(threshold, fullest))
    return BenefitsWatch(answer, tuple(checks))


def note_benefits_shown(session: Session, actor: Actor | None, person_id: int) -> None:
    """Record that a person's benefits answer was shown beside a claim (it is
    special-category data, and every showing of it is in the audit trail)."""
    audit.record(session, actor, AuditAction.OPENED_SENSITIVE, "person", person_id)


def note_benefits_listed(session: Session, actor: Actor | None, year_first: date) -> None:
    """Record that everyone's benefits answers were listed beside a year's totals."""
    subject = f"benefits answers beside the {year_label(year_first)} totals"
    audit.record(session, actor, AuditAction.OPENED_SENSITIVE, subject)
