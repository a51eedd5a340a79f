"""The money tables: payment policy versions, budgets (some handed to a group of people),
claims with their lines and receipts, payment runs and the benefits thresholds a charity
watches. Every amount is whole pence in an Integer column.

Imported at the end of `models.py`, so one `Base.metadata` holds every table.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from involve_desktop.db.models import FREE_TEXT, PERSONAL, PERSONAL_TEXT, Base, _one_of
from involve_desktop.domain.claims import ClaimStatus, LineKind, ThresholdPeriod
from involve_desktop.domain.people import PaymentMethod


class PaymentPolicy(Base):
    """One version of the payment policy, in force from `effective_from` until the next.

    Claim lines copy the rate they use, so a later version never changes an old claim.
    """

    __tablename__ = "payment_policy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    effective_from: Mapped[date] = mapped_column(Date, unique=True)
    receipt_over_pence: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class PaymentRate(Base):
    """A fee unit, a vehicle's mileage rate, or a cost that can be claimed (with an optional
    most-per-line in `unit_pence`)."""

    __tablename__ = "payment_rate"
    __table_args__ = (
        CheckConstraint(_one_of("kind", LineKind), name="kind"),
        UniqueConstraint("policy_id", "kind", "name", name="uq_payment_rate_policy_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("payment_policy.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(80))
    unit_pence: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)


class BenefitsThreshold(Base):
    """A figure the charity has chosen to watch people's fees against (never advice)."""

    __tablename__ = "benefits_threshold"
    __table_args__ = (CheckConstraint(_one_of("period", ThresholdPeriod), name="period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    period: Mapped[str] = mapped_column(String(10))
    amount_pence: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Budget(Base):
    """Money set aside for one financial year, for the whole of involvement or one fund or
    project. A delegated budget is handed to a group of people to run their own project."""

    __tablename__ = "budget"
    __table_args__ = (UniqueConstraint("year_start", "name", name="uq_budget_year_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year_start: Mapped[date] = mapped_column(Date)  # first day of its financial year
    name: Mapped[str] = mapped_column(String(120))
    allocated_pence: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    delegated: Mapped[bool] = mapped_column(default=False)
    # What the group runs with it.
    project: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class BudgetHolder(Base):
    """A person from the register who holds a delegated budget with the rest of the group."""

    __tablename__ = "budget_holder"

    budget_id: Mapped[int] = mapped_column(
        ForeignKey("budget.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )


class BudgetDecision(Base):
    """What a group holding a delegated budget decided, in their words."""

    __tablename__ = "budget_decision"
    __table_args__ = (Index("ix_budget_decision_budget_id", "budget_id", "decided_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budget.id", ondelete="CASCADE"))
    decided_on: Mapped[date] = mapped_column(Date)
    decision: Mapped[str] = mapped_column(Text, info=FREE_TEXT)
    amount_pence: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class BudgetSpend(Base):
    """Money spent from a budget other than through a claim (room hire, materials)."""

    __tablename__ = "budget_spend"
    __table_args__ = (Index("ix_budget_spend_budget_id", "budget_id", "spent_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budget.id", ondelete="CASCADE"))
    spent_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(200), info=FREE_TEXT)
    amount_pence: Mapped[int] = mapped_column(Integer)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class PaymentRun(Base):
    """Approved claims marked paid together, exported for whoever makes the payments."""

    __tablename__ = "payment_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paid_on: Mapped[date] = mapped_column(Date)
    made_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    made_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(String(200), default="", info=FREE_TEXT)


class Claim(Base):
    """A person's claim for fees and costs, walked draft → submitted → approved → paid (or
    rejected). Paid and rejected claims are never edited: a correction is a new claim with
    `adjusts_claim_id`. `fees_pence`, `expenses_pence` and `work_date` are kept from the
    lines by `services/claims.py` so that lists and totals need not add lines up."""

    __tablename__ = "claim"
    __table_args__ = (
        CheckConstraint(_one_of("status", ClaimStatus), name="status"),
        CheckConstraint(_one_of("payment_method", PaymentMethod), name="payment_method"),
        Index("ix_claim_status_work_date", "status", "work_date", "id"),
        Index("ix_claim_work_date", "work_date", "id"),
        Index("ix_claim_person_id", "person_id", "work_date"),
        Index("ix_claim_budget_id", "budget_id"),
        Index("ix_claim_payment_run_id", "payment_run_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Kept when a person is deleted (with no person), so budgets and years still add up.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(12), default=ClaimStatus.DRAFT.value)
    payment_method: Mapped[str] = mapped_column(String(20), info=PERSONAL)
    budget_id: Mapped[int | None] = mapped_column(ForeignKey("budget.id"))
    adjusts_claim_id: Mapped[int | None] = mapped_column(ForeignKey("claim.id"))
    work_date: Mapped[date] = mapped_column(Date)
    fees_pence: Mapped[int] = mapped_column(Integer, default=0)
    expenses_pence: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="", info=PERSONAL_TEXT)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # Who last saved the draft's lines: they may not approve it either (two people see every
    # payment, whoever typed the amounts).
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    approved_over_budget: Mapped[bool] = mapped_column(default=False)
    paid_on: Mapped[date | None] = mapped_column(Date)
    paid_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    payment_run_id: Mapped[int | None] = mapped_column(ForeignKey("payment_run.id"))
    rejected_at: Mapped[datetime | None] = mapped_column(DateTime)
    rejected_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    rejection_reason: Mapped[str] = mapped_column(Text, default="", info=PERSONAL_TEXT)
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class ClaimLine(Base):
    """A fee, mileage or expense line: quantity (hundredths) times the rate it was claimed at."""

    __tablename__ = "claim_line"
    __table_args__ = (
        CheckConstraint(_one_of("kind", LineKind), name="kind"),
        Index("ix_claim_line_claim_id", "claim_id", "position"),
        Index("ix_claim_line_activity_id", "activity_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(10))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id", ondelete="SET NULL"))
    line_date: Mapped[date] = mapped_column(Date)
    rate_name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(String(200), default="", info=PERSONAL_TEXT)
    quantity_hundredths: Mapped[int] = mapped_column(Integer)
    unit_pence: Mapped[int] = mapped_column(Integer)
    amount_pence: Mapped[int] = mapped_column(Integer)
    # The policy version the rate came from, when it came from one (None: typed in).
    policy_id: Mapped[int | None] = mapped_column(ForeignKey("payment_policy.id"))


class ClaimReceipt(Base):
    """A receipt kept inside the database, so one backup file holds everything."""

    __tablename__ = "claim_receipt"
    __table_args__ = (Index("ix_claim_receipt_line_id", "line_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("claim_line.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(255), info=PERSONAL)
    media_type: Mapped[str] = mapped_column(String(60))
    size_bytes: Mapped[int] = mapped_column(Integer)
    # Deferred: a list of claims never loads the files themselves.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True, info=PERSONAL)
    added_at: Mapped[datetime] = mapped_column(DateTime)
