"""Payment runs: the approved claims waiting to be paid, the runs made so far, and a run as
a CSV file for whoever makes the payments (a treasurer, a bookkeeper, the bank's bulk
payment upload).

Marking claims paid is `claim_workflow.make_payment_run` (only the payers named in the
payment policy); this module reads and exports. Every export is in the audit trail, because
the file holds names and amounts paid.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Person, Staff
from involve_desktop.db.money_models import Claim, PaymentRun
from involve_desktop.domain.claims import ClaimStatus
from involve_desktop.errors import KnownError
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.claim_list import (
    ClaimFilter,
    ClaimOrder,
    ClaimRow,
    ClaimSort,
    matching_claim_ids,
    rows_for,
)
from involve_desktop.services.claim_workflow import PAYMENT_RUN
from involve_desktop.services.export_files import save_atomically, write_csv
from involve_desktop.services.permissions import Actor

log = logging.getLogger(__name__)

# One row per claim and nothing else (no £ signs, no thousands commas, no totals row): a
# bookkeeper pastes these rows into a bank's bulk-payment sheet or an accounts package, and
# both read "1234.50" as a number but "£1,234.50" as text and a trailing total as one more
# payment. Fees and expenses stay apart because they are booked apart: fees are earnings
# (tax, benefits), expenses are costs paid back. The reference is short because a bank
# reference holds only 18 characters, and it is what the person sees on their statement.
CSV_HEADER = (
    "Claim number",
    "Name",
    "Payment method",
    "Fees",
    "Expenses",
    "Total",
    "Reference",
    "Paid on",
)


class RunNotFound(KnownError):
    def __init__(self) -> None:
        super().__init__("This payment run is no longer in the records. The list is refreshed.")


@dataclass(frozen=True)
class RunSummary:
    """One payment run, as listed on the Payment runs tab."""

    id: int
    paid_on: date
    made_by: str
    made_at: datetime
    note: str
    claims: int
    total_pence: int

    @property
    def file_name(self) -> str:
        return f"Payment run {self.paid_on:%Y-%m-%d} ({self.id}).csv"


def approved_claims(session: Session) -> list[ClaimRow]:
    """Claims approved and waiting to be paid, by name then newest work first."""
    ids = matching_claim_ids(
        session, ClaimFilter(status=ClaimStatus.APPROVED), ClaimOrder(ClaimSort.PERSON, False)
    )
    return rows_for(session, ids)


def runs(session: Session) -> list[RunSummary]:
    """Every payment run, the latest first, with how many claims and how much it paid."""
    query = (
        select(
            PaymentRun,
            Staff.name,
            func.count(Claim.id),
            func.coalesce(func.sum(Claim.fees_pence + Claim.expenses_pence), 0),
        )
        .outerjoin(Staff, Staff.id == PaymentRun.made_by)
        .outerjoin(Claim, Claim.payment_run_id == PaymentRun.id)
        .group_by(PaymentRun.id)
        .order_by(PaymentRun.paid_on.desc(), PaymentRun.id.desc())
    )
    return [
        RunSummary(run.id, run.paid_on, name or "", run.made_at, run.note, count, int(total))
        for run, name, count, total in session.execute(query)
    ]


def run_summary(session: Session, run_id: int) -> RunSummary:
    found = next((run for run in runs(session) if run.id == run_id), None)
    if found is None:
        raise RunNotFound()
    return found


def run_rows(session: Session, run_id: int) -> list[ClaimRow]:
    """The claims paid in one run, by name (as the CSV lists them)."""
    ids = session.scalars(
        select(Claim.id)
        .outerjoin(Person, Person.id == Claim.person_id)
        .where(Claim.payment_run_id == run_id)
        .order_by(Person.sort_key, Claim.id)
    ).all()
    return rows_for(session, list(ids))


def payment_run_csv(session: Session, actor: Actor | None, run_id: int, path: Path) -> int:
    """Write one run's claims to a CSV file at `path`; return how many claims it holds."""
    run = session.get(PaymentRun, run_id)
    if run is None:
        raise RunNotFound()
    rows = [
        [
            claim.id,
            claim.full_name,
            claim.payment_method,
            plain_amount(claim.fees_pence),
            plain_amount(claim.expenses_pence),
            plain_amount(claim.total_pence),
            f"Claim {claim.id}",
            claim.paid_on or run.paid_on,
        ]
        for claim in run_rows(session, run_id)
    ]
    save_atomically(path, lambda temporary: write_csv(temporary, CSV_HEADER, rows))
    audit.record(session, actor, AuditAction.EXPORTED_PAYMENT_RUN, PAYMENT_RUN, run_id)
    log.info("Exported payment run %d (%d claims)", run_id, len(rows))
    return len(rows)


def plain_amount(pence: int) -> str:
    """'1234.50' (no £, no commas), '-12.00' for money coming back: a number to any program."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}{pounds}.{rest:02d}"
