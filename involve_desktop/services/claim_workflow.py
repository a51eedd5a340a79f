"""The steps of a claim: draft → submitted → approved → paid, or rejected with a reason.

Each step records who and when and goes in the audit trail. Only a designated approver may
approve, and never a claim they made or submitted (two people see every payment); only a
designated payer marks claims paid, in a payment run. Paid claims are never edited: a
correction is a new adjusting claim.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from involve_desktop.db.money_models import Claim, ClaimLine, PaymentRun
from involve_desktop.domain.claims import ClaimStatus, LineKind, PolicyDetails, submit_problems
from involve_desktop.domain.formatting import long_date
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.person_record import line, lines
from involve_desktop.domain.roles import Permission
from involve_desktop.errors import KnownError, ValidationFailed
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.budgets import overspend_if_approved, overspend_message
from involve_desktop.services.claims import CLAIM, get_claim, handled_by, load_claim
from involve_desktop.services.payment_policy import is_designated, policy_on
from involve_desktop.services.permissions import Actor, NotAllowed, require

PAYMENT_RUN = "payment run"
MAX_REASON = 2000


class OverBudget(KnownError):
    """Approving would overspend the claim's budget; the approver may confirm and go on."""

    def __init__(self, message: str, overspend_pence: int) -> None:
        super().__init__(message)
        self.overspend_pence = overspend_pence


class ClaimChanged(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "This claim was changed since you opened it. It is shown again as it is now: "
            "please check it before approving."
        )


class WrongStep(KnownError):
    def __init__(self, status: ClaimStatus, wanted: str) -> None:
        super().__init__(
            f"This claim is {status.label.lower()}, so it cannot be {wanted} now. "
            "The list is refreshed."
        )


def submit_claim(session: Session, actor: Actor | None, claim_id: int) -> None:
    """Send a draft for approval once it is complete (receipts, rates, payment method)."""
    claim = _at(session, claim_id, ClaimStatus.DRAFT, "submitted")
    details = load_claim(session, claim_id).details
    policies: dict[int, PolicyDetails | None] = {}
    errors: dict[str, str] = {}
    for index, claim_line in enumerate(details.lines):
        try:
            policies[index] = policy_on(session, claim_line.line_date)[1]
        except KnownError as problem:
            policies[index] = None
            if claim_line.kind is not LineKind.EXPENSE:
                errors[f"line {index + 1} rate"] = f"Line {index + 1}: {problem.message}"
    adjusted_rates: frozenset[tuple[LineKind, str, int]] = frozenset()
    if details.adjusts_claim_id is not None:
        adjusted = load_claim(session, details.adjusts_claim_id).details
        adjusted_rates = frozenset(
            (line.kind, line.rate_name, line.unit_pence) for line in adjusted.lines
        )
        left = _left_after_corrections(session, details.adjusts_claim_id, claim_id)
        if left + details.total_pence < 0:
            errors["lines"] = (
                f"This correction takes back {format_pence(-details.total_pence)}, but only "
                f"{format_pence(max(left, 0))} of claim {details.adjusts_claim_id} is left to "
                "take back after its other corrections."
            )
    errors = {**submit_problems(details, policies, adjusted_rates), **errors}
    if errors:
        raise ValidationFailed(errors)
    claim.status = ClaimStatus.SUBMITTED.value
    claim.submitted_at = claim.updated_at = datetime.now()
    claim.submitted_by = actor.staff_id if actor else None
    audit.record(session, actor, AuditAction.SUBMITTED_CLAIM, CLAIM, claim_id)


def return_to_draft(session: Session, actor: Actor | None, claim_id: int) -> None:
    """A submitted claim goes back for changes (the person spotted a mistake)."""
    claim = _at(session, claim_id, ClaimStatus.SUBMITTED, "sent back to draft")
    claim.status = ClaimStatus.DRAFT.value
    claim.updated_at = datetime.now()
    claim.submitted_at = None
    claim.submitted_by = None
    audit.record(session, actor, AuditAction.RETURNED_CLAIM, CLAIM, claim_id)


def approve_claim(
    session: Session,
    actor: Actor,
    claim_id: int,
    *,
    over_budget_confirmed: bool = False,
    seen_version: datetime | None = None,
) -> None:
    """Approve a submitted claim. Raises `NotAllowed` for someone who may not approve it,
    `OverBudget` (nothing changed) when it would overspend and that was not confirmed, and
    `ClaimChanged` when `seen_version` (the `updated_at` the approver was shown) is stale."""
    require(actor, Permission.APPROVE_CLAIMS)
    claim = _at(session, claim_id, ClaimStatus.SUBMITTED, "approved")
    if not is_designated(session, actor.staff_id):
        raise NotAllowed(
            "Only the approvers named in the payment policy can approve claims. "
            "An administrator can name you in Settings → Payment policy."
        )
    if actor.staff_id in handled_by(session, claim_id):
        raise NotAllowed(
            "You made, changed or submitted this claim, so someone else must approve it: two "
            "people see every payment."
        )
    if seen_version is not None and claim.updated_at != seen_version:
        raise ClaimChanged()
    overspend = overspend_if_approved(session, claim_id)
    if overspend and not over_budget_confirmed:
        raise OverBudget(overspend_message(session, claim_id, overspend), overspend)
    claim.status = ClaimStatus.APPROVED.value
    claim.approved_at = claim.updated_at = datetime.now()
    claim.approved_by = actor.staff_id
    claim.approved_over_budget = bool(overspend)
    action = AuditAction.APPROVED_CLAIM_OVER_BUDGET if overspend else AuditAction.APPROVED_CLAIM
    audit.record(session, actor, action, CLAIM, claim_id)


def reject_claim(session: Session, actor: Actor, claim_id: int, reason: str) -> None:
    """Reject a submitted (or approved, unpaid) claim with a reason the person can be told."""
    require(actor, Permission.APPROVE_CLAIMS)
    claim = get_claim(session, claim_id)
    status = ClaimStatus(claim.status)
    if status not in (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED):
        raise WrongStep(status, "rejected")
    if not is_designated(session, actor.staff_id):
        raise NotAllowed("Only the approvers named in the payment policy can reject claims.")
    reason = lines(reason)
    if not reason:
        raise ValidationFailed({"reason": "Please say why, so the person can be told."})
    if len(reason) > MAX_REASON:
        raise ValidationFailed({"reason": f"Please keep the reason under {MAX_REASON} characters."})
    claim.status = ClaimStatus.REJECTED.value
    claim.rejected_at = claim.updated_at = datetime.now()
    claim.rejected_by = actor.staff_id
    claim.rejection_reason = reason
    audit.record(session, actor, AuditAction.REJECTED_CLAIM, CLAIM, claim_id)


def make_payment_run(
    session: Session,
    actor: Actor,
    claim_ids: list[int],
    paid_on: date,
    note: str = "",
    *,
    today: date | None = None,
) -> int:
    """Mark approved claims paid together, as one run; return the run's id."""
    if not is_designated(session, actor.staff_id, to_pay=True):
        raise NotAllowed(
            "Only the payers named in the payment policy can mark claims paid. "
            "An administrator can name you in Settings → Payment policy."
        )
    if not claim_ids:
        raise KnownError("Please tick the approved claims to pay.")
    claims = session.scalars(select(Claim).where(Claim.id.in_(claim_ids))).all()
    not_ready = [c.id for c in claims if ClaimStatus(c.status) is not ClaimStatus.APPROVED]
    if len(claims) != len(set(claim_ids)) or not_ready:
        raise KnownError(
            "Some of these claims are no longer waiting to be paid (another person may have "
            "paid or changed them). The list is refreshed: please check and try again."
        )
    if paid_on > (today or date.today()):
        raise KnownError("Claims can be marked paid once the payment is made, not ahead of it.")
    nobody = [c.id for c in claims if c.person_id is None]
    if nobody:
        raise KnownError(
            f"Claim {nobody[0]} belongs to a person since deleted from the register, so there "
            "is nobody to pay. Reject it with a reason instead."
        )
    now = datetime.now()
    run = PaymentRun(paid_on=paid_on, made_by=actor.staff_id, made_at=now)
    run.note = line(note)[:200]
    session.add(run)
    session.flush()
    for claim in claims:
        claim.status = ClaimStatus.PAID.value
        claim.updated_at = now
        claim.paid_on = paid_on
        claim.paid_by = actor.staff_id
        claim.payment_run_id = run.id
        audit.record(session, actor, AuditAction.PAID_CLAIM, CLAIM, claim.id)
    audit.record(session, actor, AuditAction.MADE_PAYMENT_RUN, PAYMENT_RUN, run.id)
    return run.id


def make_adjusting_claim(
    session: Session, actor: Actor | None, claim_id: int, *, today: date | None = None
) -> int:
    """A new draft that corrects a paid claim (its lines may be below nothing)."""
    paid = get_claim(session, claim_id)
    if ClaimStatus(paid.status) is not ClaimStatus.PAID:
        raise KnownError("Only a paid claim is corrected by an adjusting claim; edit this one.")
    day = today or date.today()
    claim = Claim(
        person_id=paid.person_id,
        status=ClaimStatus.DRAFT.value,
        payment_method=paid.payment_method,
        budget_id=paid.budget_id,
        adjusts_claim_id=paid.id,
        work_date=paid.work_date,
        fees_pence=0,
        expenses_pence=0,
        notes=f"Corrects claim {paid.id}, paid on {long_date(paid.paid_on or day)}.",
        created_at=datetime.now(),
        created_by=actor.staff_id if actor else None,
    )
    session.add(claim)
    session.flush()
    audit.record(session, actor, AuditAction.MADE_CLAIM, CLAIM, claim.id)
    return claim.id


def _left_after_corrections(session: Session, paid_id: int, leave_out: int) -> int:
    """What a paid claim and its other live corrections come to: what can still go back."""
    live = [ClaimStatus.SUBMITTED.value, ClaimStatus.APPROVED.value, ClaimStatus.PAID.value]
    total = session.scalar(
        select(func.coalesce(func.sum(Claim.fees_pence + Claim.expenses_pence), 0)).where(
            (Claim.id == paid_id) | ((Claim.adjusts_claim_id == paid_id) & Claim.status.in_(live)),
            Claim.id != leave_out,
        )
    )
    return int(total or 0)


def claims_for_activity(session: Session, activity_id: int) -> list[int]:
    """Claims with a line for this activity (none rejected), oldest first."""
    return list(
        session.scalars(
            select(Claim.id)
            .join(ClaimLine, ClaimLine.claim_id == Claim.id)
            .where(
                ClaimLine.activity_id == activity_id,
                Claim.status != ClaimStatus.REJECTED.value,
            )
            .distinct()
            .order_by(Claim.id)
        )
    )


def _at(session: Session, claim_id: int, status: ClaimStatus, wanted: str) -> Claim:
    claim = get_claim(session, claim_id)
    if ClaimStatus(claim.status) is not status:
        raise WrongStep(ClaimStatus(claim.status), wanted)
    return claim
