"""A person's claims, for `report_person.person_record`: each with its details, its lines
and the receipts kept with them, in words for the PDF and as stored for the data files.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Activity, Staff
from involve_desktop.db.money_models import Budget, Claim, ClaimLine, ClaimReceipt
from involve_desktop.domain.claims import ClaimStatus, LineKind
from involve_desktop.domain.financial_year import year_label
from involve_desktop.domain.money import format_pence, format_quantity, format_rate
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.services.report_person import (
    NOT_RECORDED,
    ClaimEntry,
    Field,
    Pence,
    RecordTable,
    Step,
    in_words,
)


def claims_of(
    session: Session, person_id: int
) -> tuple[tuple[ClaimEntry, ...], list[int], list[int]]:
    """The person's claims, oldest first, with the ids of the claims and of their receipts
    (the audit trail names them)."""
    staff = dict(session.execute(select(Staff.id, Staff.name)).all())
    claims = list(
        session.scalars(
            select(Claim).where(Claim.person_id == person_id).order_by(Claim.work_date, Claim.id)
        )
    )
    ids = [claim.id for claim in claims]
    lines: dict[int, list[ClaimLine]] = {claim_id: [] for claim_id in ids}
    for line in session.scalars(
        select(ClaimLine).where(ClaimLine.claim_id.in_(ids)).order_by(ClaimLine.position)
    ):
        lines[line.claim_id].append(line)
    line_ids = [line.id for claim_lines in lines.values() for line in claim_lines]
    receipts: dict[int, list[ClaimReceipt]] = {}
    for receipt in session.scalars(
        select(ClaimReceipt).where(ClaimReceipt.line_id.in_(line_ids)).order_by(ClaimReceipt.id)
    ):
        receipts.setdefault(receipt.line_id, []).append(receipt)
    activity_ids = {line.activity_id for found in lines.values() for line in found}
    activities = dict(
        session.execute(
            select(Activity.id, Activity.title).where(Activity.id.in_(activity_ids))
        ).all()
    )
    budget_ids = {claim.budget_id for claim in claims}
    budgets = {
        budget_id: f"{name} {year_label(first)}"
        for budget_id, name, first in session.execute(
            select(Budget.id, Budget.name, Budget.year_start).where(Budget.id.in_(budget_ids))
        )
    }
    entries = tuple(
        _claim_entry(claim, lines[claim.id], receipts, activities, budgets, staff)
        for claim in claims
    )
    receipt_ids = [receipt.id for found in receipts.values() for receipt in found]
    return entries, ids, receipt_ids


def _claim_entry(
    claim: Claim,
    lines: list[ClaimLine],
    receipts: dict[int, list[ClaimReceipt]],
    activities: dict[int, str],
    budgets: dict[int, str],
    staff: dict[int, str],
) -> ClaimEntry:
    status = ClaimStatus(claim.status)

    def step(when: object, who: int | None) -> str:
        by = staff.get(who or 0, "")
        return f"{in_words(when)}{f' by {by}' if by else ''}"

    method = in_words(claim.payment_method, PaymentMethod)
    budget = budgets.get(claim.budget_id or 0)
    fields = [
        Field("Status", status.label, "status", status.label),
        Field("Work done on", in_words(claim.work_date), "work_date", claim.work_date),
        Field("Fees", format_pence(claim.fees_pence), "fees_pence", Pence(claim.fees_pence)),
        Field(
            "Mileage and expenses",
            format_pence(claim.expenses_pence),
            "expenses_pence",
            Pence(claim.expenses_pence),
        ),
        Field("To be paid by", method, "payment_method", method),
        Field("Budget", budget or NOT_RECORDED, "budget_id", budget),
        Field("Notes", in_words(claim.notes), "notes", claim.notes or None),
    ]
    # The steps it has been through, each with who took it; steps not taken are left out.
    for label, when, who, column in (
        ("Made", claim.created_at, claim.created_by, "created_at"),
        ("Submitted", claim.submitted_at, claim.submitted_by, "submitted_at"),
        ("Approved", claim.approved_at, claim.approved_by, "approved_at"),
        ("Paid", claim.paid_on, claim.paid_by, "paid_on"),
    ):
        if when is not None:
            fields.append(
                Field(label, step(when, who), column, Step(when, staff.get(who or 0, "")))
            )
    if claim.adjusts_claim_id is not None:
        adjusts = claim.adjusts_claim_id
        fields.append(Field("Corrects claim", str(adjusts), "adjusts_claim_id", adjusts))
    if claim.rejected_at is not None or claim.rejection_reason:
        rejected = Step(claim.rejected_at, staff.get(claim.rejected_by or 0, ""))
        fields.append(
            Field("Rejected", step(claim.rejected_at, claim.rejected_by), "rejected_at", rejected)
        )
        fields.append(
            Field(
                "Why it was rejected",
                in_words(claim.rejection_reason),
                "rejection_reason",
                claim.rejection_reason or None,
            )
        )
    described = [
        (
            LineKind(line.kind).label,
            " · ".join(part for part in (line.rate_name, line.description) if part),
            activities.get(line.activity_id or 0, ""),
            format_quantity(line.quantity_hundredths),
        )
        for line in lines
    ]
    line_rows = tuple(
        (
            in_words(line.line_date),
            *cells,
            format_rate(line.unit_pence),
            format_pence(line.amount_pence),
        )
        for line, cells in zip(lines, described, strict=True)
    )
    line_data = tuple(
        (line.line_date, *cells, Pence(line.unit_pence), Pence(line.amount_pence))
        for line, cells in zip(lines, described, strict=True)
    )
    kept = [(line, receipt) for line in lines for receipt in receipts.get(line.id, ())]
    receipt_rows = tuple(
        (
            receipt.file_name,
            receipt.media_type,
            f"{receipt.size_bytes:,} bytes",
            in_words(receipt.added_at),
            in_words(line.line_date),
        )
        for line, receipt in kept
    )
    receipt_data = tuple(
        (r.file_name, r.media_type, r.size_bytes, r.added_at, line.line_date) for line, r in kept
    )
    return ClaimEntry(
        heading=f"Claim {claim.id} \u00b7 {status.label.lower()}",
        fields=tuple(fields),
        lines=RecordTable(
            f"Lines of claim {claim.id}",
            ("Date", "Kind", "What", "Activity", "Quantity", "Rate", "Amount"),
            line_rows,
            "No lines.",
            stored=line_data,
        ),
        receipts=RecordTable(
            f"Receipts of claim {claim.id}",
            ("File", "Type", "Size", "Added", "For the line of"),
            receipt_rows,
            "No receipts.",
            stored=receipt_data,
        ),
        claim_id=claim.id,
        receipt_ids=tuple(receipt.id for _line, receipt in kept),
    )
