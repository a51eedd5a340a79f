"""The demo's claims written to the database in bulk: each claim with its lines, the receipts
for costs over the policy's limit (small PDFs saying what they are for), and the payment
runs that paid them, every step dated after the one before and none after today."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from involve_desktop.db.money_models import Claim, ClaimReceipt, PaymentRun
from involve_desktop.db.money_models import ClaimLine as ClaimLineRow
from involve_desktop.domain.claims import ClaimLine, ClaimStatus

REJECTION_REASONS = (
    "This session was cancelled on the day; the claim was made by mistake.",
    "Claimed twice: the same session is on an earlier claim that has been paid.",
    "They asked us not to pay this one, as it was during their working hours.",
)
BATCH = 5000


@dataclass
class DemoClaim:
    """A claim being invented: its lines (amounts by the domain's own rule) and the step
    it will be written at."""

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


def write_demo_claims(
    session: Session,
    chooser: random.Random,
    claims: list[DemoClaim],
    today: date,
    approver: int | None,
    payer: int | None,
) -> None:
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
