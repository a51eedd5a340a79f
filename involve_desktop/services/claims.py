"""One claim: read it, save a draft with its lines and receipts, delete a draft, and open a
receipt. The steps a claim goes through are in `claim_workflow.py`; making claims from an
activity's attendance is in `claims_from_activity.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from involve_desktop.db.models import Activity, AuditEvent, Person, Staff
from involve_desktop.db.money_models import Budget, Claim, ClaimReceipt
from involve_desktop.db.money_models import ClaimLine as ClaimLineRow
from involve_desktop.domain.claims import (
    MAX_RECEIPT_BYTES,
    ClaimDetails,
    ClaimLine,
    ClaimStatus,
    LineKind,
    Receipt,
    receipt_media_type,
    receipt_problem,
    validate_claim,
)
from involve_desktop.domain.financial_year import year_containing, year_label
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.domain.person_record import display_name, line, lines
from involve_desktop.errors import LIST_REFRESHED, KnownError, ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.organisation import financial_year_start
from involve_desktop.services.payment_policy import policy_on
from involve_desktop.services.permissions import Actor

CLAIM = "claim"
RECEIPT = "receipt"


class ClaimNotFound(KnownError):
    def __init__(self) -> None:
        super().__init__("This claim is no longer in the records.", on_screen=LIST_REFRESHED)


class ClaimLocked(KnownError):
    """A claim past draft cannot be edited; a paid one only corrected by an adjusting claim."""

    def __init__(self, status: ClaimStatus) -> None:
        if status is ClaimStatus.PAID:
            message = (
                "This claim has been paid, so it stays as it was. To correct it, make an "
                "adjusting claim."
            )
        elif status is ClaimStatus.REJECTED:
            message = "This claim was rejected, so it stays as it was. Make a new claim instead."
        elif status is ClaimStatus.APPROVED:
            # Only a submitted claim goes back to draft; an approved one is rejected instead.
            message = (
                "This claim is approved and waiting to be paid, so it cannot be changed. If it "
                "is wrong, an approver can reject it with a reason and a new claim be made."
            )
        else:
            message = (
                f"This claim is {status.label.lower()}, so it cannot be changed. Send it back "
                "to draft first."
            )
        super().__init__(message)


@dataclass(frozen=True)
class ClaimStep:
    """One step of a claim's history, for the editor's 'what happened' line."""

    what: str
    who: str
    when: datetime | date


@dataclass(frozen=True)
class ClaimRecord:
    claim_id: int
    status: ClaimStatus
    details: ClaimDetails
    person_name: str
    benefits_affected: str  # the person's own answer ('' when not known)
    steps: tuple[ClaimStep, ...]
    rejection_reason: str
    payment_run_id: int | None
    adjusting_claim_ids: tuple[int, ...]
    made_by: int | None
    submitted_by: int | None
    changed_by: int | None
    # When it was last saved or moved a step: an approval names the version it saw.
    updated_at: datetime
    # Everyone who ever made, changed or submitted it: none of them may approve it.
    handled_by: frozenset[int] = frozenset()

    @property
    def title(self) -> str:
        return f"Claim {self.claim_id}"


def load_claim(session: Session, claim_id: int) -> ClaimRecord:
    claim = get_claim(session, claim_id)
    rows = session.scalars(
        select(ClaimLineRow)
        .where(ClaimLineRow.claim_id == claim_id)
        .order_by(ClaimLineRow.position, ClaimLineRow.id)
    ).all()
    receipts: dict[int, list[Receipt]] = {}
    for receipt in session.scalars(
        select(ClaimReceipt)
        .where(ClaimReceipt.line_id.in_([row.id for row in rows]))
        .order_by(ClaimReceipt.id)
    ):
        receipts.setdefault(receipt.line_id, []).append(
            Receipt(receipt.file_name, receipt.media_type, receipt.size_bytes, None, receipt.id)
        )
    details = ClaimDetails(
        person_id=claim.person_id,
        payment_method=claim.payment_method,
        lines=tuple(
            ClaimLine(
                kind=LineKind(row.kind),
                rate_name=row.rate_name,
                quantity_hundredths=row.quantity_hundredths,
                unit_pence=row.unit_pence,
                line_date=row.line_date,
                description=row.description,
                activity_id=row.activity_id,
                receipts=tuple(receipts.get(row.id, ())),
            )
            for row in rows
        ),
        budget_id=claim.budget_id,
        notes=claim.notes,
        adjusts_claim_id=claim.adjusts_claim_id,
    )
    person = session.get(Person, claim.person_id) if claim.person_id else None
    adjusting = session.scalars(
        select(Claim.id).where(Claim.adjusts_claim_id == claim_id).order_by(Claim.id)
    ).all()
    return ClaimRecord(
        claim_id=claim.id,
        status=ClaimStatus(claim.status),
        details=details,
        person_name=(
            display_name(person.first_name, person.last_name, person.preferred_name)
            if person
            else "A person since deleted"
        ),
        benefits_affected=person.benefits_affected if person else "",
        steps=tuple(_steps(session, claim)),
        rejection_reason=claim.rejection_reason,
        payment_run_id=claim.payment_run_id,
        adjusting_claim_ids=tuple(adjusting),
        made_by=claim.created_by,
        submitted_by=claim.submitted_by,
        changed_by=claim.changed_by,
        updated_at=claim.updated_at,
        handled_by=frozenset(handled_by(session, claim_id)),
    )


def save_draft(
    session: Session,
    actor: Actor | None,
    details: ClaimDetails,
    claim_id: int | None = None,
    *,
    today: date | None = None,
) -> int:
    """Add (no id) or change a draft claim with all its lines; return its id.

    Raises `ValidationFailed` (by field), `ClaimLocked` past draft, `ClaimNotFound`.
    Receipts already saved are kept when the line that has them is kept.
    """
    errors = validate_claim(details)
    if details.person_id is not None and session.get(Person, details.person_id) is None:
        errors["person"] = "This person is no longer in the records. Please choose again."
    if details.payment_method not in {method.value for method in PaymentMethod}:
        errors["payment_method"] = "Please choose how this person is paid."
    work_date = details.work_date or today or date.today()
    adjusted = None
    if details.adjusts_claim_id is not None:
        adjusted = session.get(Claim, details.adjusts_claim_id)
        paid = adjusted is not None and adjusted.status == ClaimStatus.PAID.value
        if not paid or adjusted.person_id != details.person_id:
            errors["person"] = "An adjusting claim corrects a paid claim of the same person."
        elif not details.lines:
            work_date = adjusted.work_date  # a correction belongs with what it corrects
    # A correction may go against the budget the paid claim went against, whatever the year.
    if adjusted is None or details.budget_id != adjusted.budget_id:
        budget_problem = _budget_problem(session, details.budget_id, work_date)
        if budget_problem:
            errors["budget"] = budget_problem
    errors.update(_gone_activities(session, details))
    if errors:
        raise ValidationFailed(errors)
    now = datetime.now()
    if claim_id is None:
        claim = Claim(status=ClaimStatus.DRAFT.value, created_at=now)
        claim.created_by = actor.staff_id if actor else None
        session.add(claim)
    else:
        claim = get_claim(session, claim_id)
        if ClaimStatus(claim.status) is not ClaimStatus.DRAFT:
            raise ClaimLocked(ClaimStatus(claim.status))
    claim.person_id = details.person_id
    claim.payment_method = details.payment_method
    claim.budget_id = details.budget_id
    claim.adjusts_claim_id = details.adjusts_claim_id
    claim.notes = lines(details.notes)
    claim.fees_pence = details.fees_pence
    claim.expenses_pence = details.expenses_pence
    claim.work_date = work_date
    claim.changed_by = actor.staff_id if actor else None
    claim.updated_at = now
    session.flush()
    _replace_lines(session, claim.id, details.lines, now)
    action = AuditAction.MADE_CLAIM if claim_id is None else AuditAction.CHANGED_CLAIM
    audit.record(session, actor, action, CLAIM, claim.id)
    return claim.id


def delete_draft(session: Session, actor: Actor | None, claim_id: int) -> None:
    claim = get_claim(session, claim_id)
    if ClaimStatus(claim.status) is not ClaimStatus.DRAFT:
        raise KnownError(
            "Only a draft claim can be deleted; a submitted one can be rejected with a reason."
        )
    session.delete(claim)
    audit.record(session, actor, AuditAction.DELETED_CLAIM, CLAIM, claim_id)


def read_receipt_file(path: Path) -> Receipt:
    """A file chosen as a receipt, checked; raises `KnownError` saying plainly what is wrong."""
    try:
        size = path.stat().st_size
        if size > MAX_RECEIPT_BYTES:
            raise KnownError(receipt_problem(path.name, size, None) or "")
        content = path.read_bytes()
    except OSError as error:
        raise KnownError(
            f"“{path.name}” could not be read. Is it still there, and not open elsewhere?",
            detail=type(error).__name__,
        ) from error
    problem = receipt_problem(path.name, len(content), content)
    if problem:
        raise KnownError(problem)
    media_type = receipt_media_type(content)
    assert media_type is not None  # receipt_problem checked it
    return Receipt(path.name[:255], media_type, len(content), content)


def receipt_content(session: Session, actor: Actor | None, receipt_id: int) -> Receipt:
    """A saved receipt with its bytes, to show or save a copy; the opening is audited."""
    receipt = session.get(ClaimReceipt, receipt_id)
    if receipt is None:
        raise KnownError("This receipt is no longer in the records.")
    audit.record(session, actor, AuditAction.OPENED_RECEIPT, RECEIPT, receipt_id)
    return Receipt(
        receipt.file_name, receipt.media_type, receipt.size_bytes, receipt.content, receipt.id
    )


def handled_by(session: Session, claim_id: int) -> set[int]:
    """Every staff member who made, changed or submitted the claim, at any time (from the
    audit trail: the claim's own columns hold only the latest of each)."""
    hands = (AuditAction.MADE_CLAIM, AuditAction.CHANGED_CLAIM, AuditAction.SUBMITTED_CLAIM)
    return set(
        session.scalars(
            select(AuditEvent.staff_id).where(
                AuditEvent.subject_kind == CLAIM,
                AuditEvent.subject_id == claim_id,
                AuditEvent.action.in_(hands),
                AuditEvent.staff_id.is_not(None),
            )
        )
    )


def get_claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise ClaimNotFound()
    return claim


def _replace_lines(
    session: Session, claim_id: int, new_lines: tuple[ClaimLine, ...], now: datetime
) -> None:
    old_line_ids = list(
        session.scalars(select(ClaimLineRow.id).where(ClaimLineRow.claim_id == claim_id))
    )
    for position, claim_line in enumerate(new_lines):
        row = ClaimLineRow(
            claim_id=claim_id,
            position=position,
            kind=claim_line.kind.value,
            activity_id=claim_line.activity_id,
            line_date=claim_line.line_date,
            rate_name=line(claim_line.rate_name),
            description=line(claim_line.description)[:200],
            quantity_hundredths=claim_line.quantity_hundredths,
            unit_pence=claim_line.unit_pence,
            amount_pence=claim_line.amount_pence,
            policy_id=_policy_the_rate_came_from(session, claim_line),
        )
        session.add(row)
        session.flush()
        for receipt in claim_line.receipts:
            if receipt.receipt_id is not None:
                # Kept receipts move to the line's new row before the old rows go; only this
                # claim's own receipts can move.
                session.execute(
                    update(ClaimReceipt)
                    .where(
                        ClaimReceipt.id == receipt.receipt_id,
                        ClaimReceipt.line_id.in_(old_line_ids),
                    )
                    .values(line_id=row.id)
                )
            elif receipt.content is not None:
                session.add(
                    ClaimReceipt(
                        line_id=row.id,
                        file_name=receipt.file_name,
                        media_type=receipt.media_type,
                        size_bytes=receipt.size_bytes,
                        content=receipt.content,
                        added_at=now,
                    )
                )
    if old_line_ids:
        session.execute(delete(ClaimLineRow).where(ClaimLineRow.id.in_(old_line_ids)))


def _gone_activities(session: Session, details: ClaimDetails) -> dict[str, str]:
    """Lines tied to an activity deleted since the claim was opened."""
    wanted = {line.activity_id for line in details.lines if line.activity_id is not None}
    if not wanted:
        return {}
    there = set(session.scalars(select(Activity.id).where(Activity.id.in_(wanted))))
    return {
        f"line {index + 1} activity": f"Line {index + 1}: its activity has been deleted "
        "since. Choose another activity, or none."
        for index, claim_line in enumerate(details.lines)
        if claim_line.activity_id is not None and claim_line.activity_id not in there
    }


def _budget_problem(session: Session, budget_id: int | None, work_date: date) -> str:
    """Why the claim cannot go against this budget: gone, or another financial year's."""
    if budget_id is None:
        return ""
    budget = session.get(Budget, budget_id)
    if budget is None:
        return "This budget is no longer in the records. Please choose another."
    first, _ = year_containing(work_date, financial_year_start(session))
    if budget.year_start != first:
        return (
            f"The work is in {year_label(first)}, but “{budget.name}” is a "
            f"{year_label(budget.year_start)} budget. Please choose one of {year_label(first)}."
        )
    return ""


def _policy_the_rate_came_from(session: Session, claim_line: ClaimLine) -> int | None:
    """The policy version whose rate this line uses, or None when the rate was typed in."""
    if claim_line.kind is LineKind.EXPENSE:
        return None
    try:
        policy_id, policy = policy_on(session, claim_line.line_date)
    except KnownError:
        return None
    rate = policy.rate(claim_line.kind, claim_line.rate_name)
    return policy_id if rate is not None and rate.unit_pence == claim_line.unit_pence else None


def _steps(session: Session, claim: Claim) -> list[ClaimStep]:
    names: dict[int, str] = {
        row.id: row.name for row in session.execute(select(Staff.id, Staff.name))
    }
    steps = [ClaimStep("Made", names.get(claim.created_by or 0, ""), claim.created_at)]
    for what, who, when in (
        ("Submitted", claim.submitted_by, claim.submitted_at),
        ("Approved", claim.approved_by, claim.approved_at),
        ("Rejected", claim.rejected_by, claim.rejected_at),
        ("Paid", claim.paid_by, claim.paid_on),
    ):
        if when is not None:
            steps.append(ClaimStep(what, names.get(who or 0, ""), when))
    return steps


def describe_step(step: ClaimStep) -> str:
    """'Approved by Priya Shah on 3 March 2026'."""
    day = step.when.date() if isinstance(step.when, datetime) else step.when
    by = f" by {step.who}" if step.who else ""
    return f"{step.what}{by} on {long_date(day)}"
