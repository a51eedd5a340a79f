"""Claims, their lines and receipts, the payment policy and benefits thresholds: the words,
the shapes editors hold, and the rules for saving them. No database here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from involve_desktop.domain.money import (
    MAX_LINE_PENCE,
    MAX_QUANTITY_HUNDREDTHS,
    format_pence,
    line_amount,
)

MAX_RECEIPT_BYTES = 5 * 1024 * 1024
MAX_RECEIPT_TEXT = "5 MB"
# What a receipt may be, told apart by the file's first bytes rather than its name.
RECEIPT_SIGNATURES: dict[bytes, str] = {
    b"%PDF": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}
RECEIPT_KINDS_TEXT = "a photo (JPEG, PNG or GIF) or a PDF"
# The first policy version covers every date before the charity's own first change.
POLICY_FROM_THE_START = date(2000, 1, 1)
EARLIEST_LINE_DATE = POLICY_FROM_THE_START
LATEST_LINE_DATE = date(2099, 12, 31)


class ClaimStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    PAID = "paid"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def locked(self) -> bool:
        """Paid and rejected claims are history: a correction is a new adjusting claim."""
        return self in (ClaimStatus.PAID, ClaimStatus.REJECTED)

    @property
    def editable(self) -> bool:
        return self is ClaimStatus.DRAFT


# Money that counts as claimed for a person's totals: drafts are not yet a claim and a
# rejected claim will not be paid.
COUNTED_STATUSES = (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.PAID)


class LineKind(StrEnum):
    FEE = "fee"  # time and expertise: hours, sessions, days times rate
    MILEAGE = "mileage"  # miles times the vehicle's rate
    EXPENSE = "expense"  # out-of-pocket costs paid back as spent

    @property
    def label(self) -> str:
        return {"fee": "Fee", "mileage": "Mileage", "expense": "Expense"}[self.value]

    @property
    def is_fee(self) -> bool:
        """Fees are earnings for benefits and tax; mileage and expenses are paid-back costs."""
        return self is LineKind.FEE


class FeeUnit(StrEnum):
    HOUR = "hour"
    HALF_DAY = "half day"
    DAY = "day"
    SESSION = "session"

    @property
    def label(self) -> str:
        return f"Per {self.value}"


class ThresholdPeriod(StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"

    @property
    def label(self) -> str:
        return {"week": "A week", "month": "A month", "year": "A financial year"}[self.value]


DEFAULT_EXPENSE_KINDS: tuple[str, ...] = (
    "Fares",
    "Parking",
    "Childcare",
    "Support worker or personal assistant",
    "Subsistence",
    "Training",
    "Other",
)


@dataclass(frozen=True)
class Rate:
    """One line of a payment policy: a fee unit, a vehicle's mileage rate, or something that
    can be claimed back (with an optional most-per-line)."""

    kind: LineKind
    name: str
    unit_pence: int | None = None


@dataclass(frozen=True)
class PolicyDetails:
    effective_from: date
    rates: tuple[Rate, ...] = ()
    receipt_over_pence: int | None = None  # None: receipts are never required
    notes: str = ""

    def rates_of(self, kind: LineKind) -> tuple[Rate, ...]:
        return tuple(rate for rate in self.rates if rate.kind is kind)

    def rate(self, kind: LineKind, name: str) -> Rate | None:
        return next((r for r in self.rates if r.kind is kind and r.name == name), None)


@dataclass(frozen=True)
class Receipt:
    """A receipt on a line: `content` is None for one already saved (kept as it is)."""

    file_name: str
    media_type: str
    size_bytes: int
    content: bytes | None = None
    receipt_id: int | None = None


@dataclass(frozen=True)
class ClaimLine:
    kind: LineKind
    rate_name: str  # 'hour', 'Car', 'Parking'…
    quantity_hundredths: int
    unit_pence: int
    line_date: date
    description: str = ""
    activity_id: int | None = None
    receipts: tuple[Receipt, ...] = ()

    @property
    def amount_pence(self) -> int:
        return line_amount(self.quantity_hundredths, self.unit_pence)


@dataclass(frozen=True)
class ClaimDetails:
    person_id: int | None
    payment_method: str
    lines: tuple[ClaimLine, ...] = ()
    budget_id: int | None = None
    notes: str = ""
    adjusts_claim_id: int | None = None

    @property
    def fees_pence(self) -> int:
        return sum(line.amount_pence for line in self.lines if line.kind.is_fee)

    @property
    def expenses_pence(self) -> int:
        return sum(line.amount_pence for line in self.lines if not line.kind.is_fee)

    @property
    def total_pence(self) -> int:
        return self.fees_pence + self.expenses_pence

    @property
    def work_date(self) -> date | None:
        return min((line.line_date for line in self.lines), default=None)


@dataclass(frozen=True)
class Threshold:
    name: str
    period: ThresholdPeriod
    amount_pence: int
    note: str = ""


def line_key(index: int, field_name: str) -> str:
    """The error key for one field of one line: 'line 2 quantity'."""
    return f"line {index + 1} {field_name}"


def validate_claim(details: ClaimDetails) -> dict[str, str]:
    """Problems that stop a draft being saved at all, by field ('person', 'line 2 amount')."""
    errors: dict[str, str] = {}
    if details.person_id is None:
        errors["person"] = "Please choose whose claim this is."
    adjusting = details.adjusts_claim_id is not None
    for index, claim_line in enumerate(details.lines):
        errors.update(_line_errors(index, claim_line, adjusting=adjusting))
    return errors


def _line_errors(index: int, claim_line: ClaimLine, *, adjusting: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    number = f"Line {index + 1}"
    if not EARLIEST_LINE_DATE <= claim_line.line_date <= LATEST_LINE_DATE:
        errors[line_key(index, "date")] = (
            f"{number}: please check the date; claims are for work from 2000 to 2099."
        )
    if not claim_line.rate_name.strip():
        errors[line_key(index, "rate")] = f"{number}: please choose what it is for."
    if not adjusting and (claim_line.quantity_hundredths < 0 or claim_line.unit_pence < 0):
        errors[line_key(index, "amount")] = (
            f"{number}: amounts cannot be less than nothing. To take money back from a paid "
            "claim, make an adjusting claim."
        )
    elif claim_line.quantity_hundredths == 0 and claim_line.kind is not LineKind.EXPENSE:
        errors[line_key(index, "quantity")] = f"{number}: please say how many."
    elif abs(claim_line.quantity_hundredths) > MAX_QUANTITY_HUNDREDTHS:
        errors[line_key(index, "quantity")] = f"{number}: that is more than anyone could claim."
    elif (
        abs(claim_line.amount_pence) > MAX_LINE_PENCE or abs(claim_line.unit_pence) > MAX_LINE_PENCE
    ):
        errors[line_key(index, "amount")] = (
            f"{number}: {format_pence(claim_line.amount_pence)} is more than one line can hold "
            f"({format_pence(MAX_LINE_PENCE)}). Please check it, or split it."
        )
    for receipt in claim_line.receipts:
        problem = receipt_problem(receipt.file_name, receipt.size_bytes, receipt.content)
        if problem:
            errors[line_key(index, "receipt")] = f"{number}: {problem}"
    return errors


def receipt_problem(file_name: str, size_bytes: int, content: bytes | None) -> str | None:
    """Why a file cannot be a receipt, in plain words; None when it can."""
    if size_bytes > MAX_RECEIPT_BYTES:
        megabytes = size_bytes / (1024 * 1024)  # only for the message, never money
        return (
            f"“{file_name}” is {megabytes:.1f} MB; a receipt can be at most {MAX_RECEIPT_TEXT}. "
            "A smaller photo or a scan at a lower resolution will do."
        )
    if content is not None and receipt_media_type(content) is None:
        return f"“{file_name}” is not {RECEIPT_KINDS_TEXT}, so it cannot be kept as a receipt."
    return None


def receipt_media_type(content: bytes) -> str | None:
    return next(
        (kind for signature, kind in RECEIPT_SIGNATURES.items() if content.startswith(signature)),
        None,
    )


def submit_problems(
    details: ClaimDetails,
    policies: dict[int, PolicyDetails | None],
    adjusted_rates: frozenset[tuple[LineKind, str, int]] = frozenset(),
) -> dict[str, str]:
    """What must be put right before a claim goes for approval (beyond `validate_claim`).

    `policies` gives, for each line index, the policy version in force on that line's date;
    `adjusted_rates` the (kind, name, rate) of the paid claim an adjusting claim corrects,
    which its lines may use as well as the policy's.
    """
    errors = validate_claim(details)
    if not details.lines:
        errors["lines"] = "A claim needs at least one line before it can be submitted."
    elif details.total_pence == 0 and details.adjusts_claim_id is None:
        errors["lines"] = "This claim comes to £0.00, so there is nothing to pay."
    if details.payment_method == "declines" and details.fees_pence > 0:
        errors["payment_method"] = (
            "This person has chosen not to be paid for their time. Remove the fee lines, or "
            "change the payment method if they have changed their mind."
        )
    for index, claim_line in enumerate(details.lines):
        policy = policies.get(index)
        problem = expense_problem(claim_line, policy)
        if problem:
            errors.setdefault(line_key(index, "receipt"), f"Line {index + 1}: {problem}")
        # A correction may use the rate the paid claim used as well as the policy's.
        used_before = (claim_line.kind, claim_line.rate_name, claim_line.unit_pence)
        problem = "" if used_before in adjusted_rates else rate_problem(claim_line, policy)
        if problem:
            errors.setdefault(line_key(index, "rate"), f"Line {index + 1}: {problem}")
    return errors


def rate_problem(claim_line: ClaimLine, policy: PolicyDetails | None) -> str:
    """Why a line is not what the policy in force on its date allows ('' when it is): a fee
    or mileage rate other than the policy's (a version added later for an earlier date
    changes what a draft should pay), or an expense the policy does not list."""
    if policy is None:
        return ""
    rate = policy.rate(claim_line.kind, claim_line.rate_name)
    day = f"{claim_line.line_date.day} {claim_line.line_date:%B %Y}"
    if claim_line.kind is LineKind.EXPENSE:
        if rate is not None:
            return ""
        return (
            f"the payment policy in force on {day} does not list “{claim_line.rate_name}” as "
            "something that can be claimed. Choose another, or add it in Settings → Payment "
            "policy."
        )
    if rate is None or rate.unit_pence is None:
        return (
            f"the payment policy in force on {day} has no rate for “{claim_line.rate_name}”. "
            "Choose another, or add the rate in Settings → Payment policy."
        )
    if rate.unit_pence != claim_line.unit_pence:
        return (
            f"the rate in force on {day} is {format_pence(rate.unit_pence)}, not "
            f"{format_pence(claim_line.unit_pence)}. Choose what it is for again to take it."
        )
    return ""


def expense_problem(
    claim_line: ClaimLine, policy: PolicyDetails | None, *, short: bool = False
) -> str:
    """What the policy asks of an expense line that it lacks: a receipt over the policy's
    amount, or an amount within the most the policy allows per line. '' when all is well.
    `short` gives the few words that fit a table cell."""
    if claim_line.kind is not LineKind.EXPENSE or policy is None:
        return ""
    rate = policy.rate(LineKind.EXPENSE, claim_line.rate_name)
    most = rate.unit_pence if rate is not None else None
    amount = format_pence(claim_line.amount_pence)
    if most is not None and claim_line.amount_pence > most:
        if short:
            return f"Over the most per line ({format_pence(most)})"
        return (
            f"{claim_line.rate_name} of {amount} is more than the payment policy allows on one "
            f"line ({format_pence(most)})."
        )
    limit = policy.receipt_over_pence
    if limit is not None and claim_line.amount_pence > limit and not claim_line.receipts:
        if short:
            return f"Needs a receipt (over {format_pence(limit)})"
        return (
            f"{claim_line.rate_name} of {amount} needs a receipt (the payment policy asks for "
            f"one over {format_pence(limit)})."
        )
    return ""


@dataclass
class PersonTotals:
    """A person's claimed money in a period, fees (earnings) apart from paid-back costs."""

    fees_pence: int = 0
    expenses_pence: int = 0
    claims: int = 0
    by_status: dict[ClaimStatus, int] = field(default_factory=dict)

    @property
    def total_pence(self) -> int:
        return self.fees_pence + self.expenses_pence
