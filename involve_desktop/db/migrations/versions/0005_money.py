"""Money: the dated payment policy and its rates, the benefits thresholds a charity watches,
budgets (some delegated to a group of people, with their decisions and spend), claims with
their lines and receipts, payment runs, and who on the staff approves and pays claims.

Revision ID: 0005_money
Revises: 0004_activities
Create Date: 2026-11-26
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

# Starting figures as they were when this revision shipped (frozen here: a migration must do
# the same thing forever). HMRC's approved mileage rates; fee rates are the charity's own
# choice, so none is set for it. Benefits figures are the UK's for 2025/26, for the charity
# to check and change.
FROM_THE_START = date(2000, 1, 1)
MILEAGE_PENCE = (("Car", 45), ("Motorcycle", 24), ("Bicycle", 20))
EXPENSE_KINDS = (
    "Fares",
    "Parking",
    "Childcare",
    "Support worker or personal assistant",
    "Subsistence",
    "Training",
    "Other",
)
RECEIPT_OVER_PENCE = 10_00
THRESHOLDS = (
    ("Carer's Allowance earnings limit (2025/26 figure)", "week", 196_00),
    ("ESA permitted work limit (2025/26 figure)", "week", 195_50),
    ("Universal Credit work allowance with housing costs (2025/26 figure)", "month", 411_00),
    ("Universal Credit work allowance without housing costs (2025/26 figure)", "month", 684_00),
)
THRESHOLD_NOTE = (
    "A figure the charity chose to watch. Benefits rules change each April and depend on each "
    "person's circumstances: point people to independent advice."
)

revision: str = "0005_money"
down_revision: str | None = "0004_activities"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "benefits_threshold",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "period IN ('week', 'month', 'year')", name=op.f("ck_benefits_threshold_period")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benefits_threshold")),
    )
    op.create_table(
        "budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_start", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("allocated_pence", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("delegated", sa.Boolean(), nullable=False),
        sa.Column("project", sa.Text(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget")),
        sa.UniqueConstraint("year_start", "name", name="uq_budget_year_start"),
    )
    op.create_table(
        "budget_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["budget.id"],
            name=op.f("fk_budget_decision_budget_id_budget"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["staff.id"], name=op.f("fk_budget_decision_recorded_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_decision")),
    )
    with op.batch_alter_table("budget_decision", schema=None) as batch_op:
        batch_op.create_index(
            "ix_budget_decision_budget_id", ["budget_id", "decided_on"], unique=False
        )

    op.create_table(
        "budget_holder",
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["budget.id"],
            name=op.f("fk_budget_holder_budget_id_budget"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_budget_holder_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("budget_id", "person_id", name=op.f("pk_budget_holder")),
    )
    op.create_table(
        "budget_spend",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["budget.id"],
            name=op.f("fk_budget_spend_budget_id_budget"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["staff.id"], name=op.f("fk_budget_spend_recorded_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_spend")),
    )
    with op.batch_alter_table("budget_spend", schema=None) as batch_op:
        batch_op.create_index("ix_budget_spend_budget_id", ["budget_id", "spent_on"], unique=False)

    op.create_table(
        "payment_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("receipt_over_pence", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["staff.id"], name=op.f("fk_payment_policy_changed_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_policy")),
        sa.UniqueConstraint("effective_from", name=op.f("uq_payment_policy_effective_from")),
    )
    op.create_table(
        "payment_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("made_by", sa.Integer(), nullable=True),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["made_by"], ["staff.id"], name=op.f("fk_payment_run_made_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_run")),
    )
    op.create_table(
        "claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("payment_method", sa.String(length=20), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=True),
        sa.Column("adjusts_claim_id", sa.Integer(), nullable=True),
        sa.Column("work_date", sa.Date(), nullable=False),
        sa.Column("fees_pence", sa.Integer(), nullable=False),
        sa.Column("expenses_pence", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("approved_over_budget", sa.Boolean(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("paid_by", sa.Integer(), nullable=True),
        sa.Column("payment_run_id", sa.Integer(), nullable=True),
        sa.Column("rejected_at", sa.DateTime(), nullable=True),
        sa.Column("rejected_by", sa.Integer(), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "payment_method IN ('bank_transfer', 'cheque', 'voucher', 'declines')",
            name=op.f("ck_claim_payment_method"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'paid', 'rejected')",
            name=op.f("ck_claim_status"),
        ),
        sa.ForeignKeyConstraint(
            ["adjusts_claim_id"], ["claim.id"], name=op.f("fk_claim_adjusts_claim_id_claim")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["staff.id"], name=op.f("fk_claim_approved_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["budget_id"], ["budget.id"], name=op.f("fk_claim_budget_id_budget")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["staff.id"], name=op.f("fk_claim_created_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["staff.id"], name=op.f("fk_claim_changed_by_staff")
        ),
        sa.ForeignKeyConstraint(["paid_by"], ["staff.id"], name=op.f("fk_claim_paid_by_staff")),
        sa.ForeignKeyConstraint(
            ["payment_run_id"], ["payment_run.id"], name=op.f("fk_claim_payment_run_id_payment_run")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_claim_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["rejected_by"], ["staff.id"], name=op.f("fk_claim_rejected_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"], ["staff.id"], name=op.f("fk_claim_submitted_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim")),
    )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index("ix_claim_budget_id", ["budget_id"], unique=False)
        batch_op.create_index("ix_claim_payment_run_id", ["payment_run_id"], unique=False)
        batch_op.create_index("ix_claim_person_id", ["person_id", "work_date"], unique=False)
        batch_op.create_index(
            "ix_claim_status_work_date", ["status", "work_date", "id"], unique=False
        )
        batch_op.create_index("ix_claim_work_date", ["work_date", "id"], unique=False)

    op.create_table(
        "payment_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("unit_pence", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('fee', 'mileage', 'expense')", name=op.f("ck_payment_rate_kind")
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["payment_policy.id"],
            name=op.f("fk_payment_rate_policy_id_payment_policy"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_rate")),
        sa.UniqueConstraint("policy_id", "kind", "name", name="uq_payment_rate_policy_id"),
    )
    op.create_table(
        "claim_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("line_date", sa.Date(), nullable=False),
        sa.Column("rate_name", sa.String(length=80), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("quantity_hundredths", sa.Integer(), nullable=False),
        sa.Column("unit_pence", sa.Integer(), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('fee', 'mileage', 'expense')", name=op.f("ck_claim_line_kind")
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_claim_line_activity_id_activity"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_claim_line_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["payment_policy.id"],
            name=op.f("fk_claim_line_policy_id_payment_policy"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_line")),
    )
    with op.batch_alter_table("claim_line", schema=None) as batch_op:
        batch_op.create_index("ix_claim_line_activity_id", ["activity_id"], unique=False)
        batch_op.create_index("ix_claim_line_claim_id", ["claim_id", "position"], unique=False)

    op.create_table(
        "claim_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=60), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["line_id"],
            ["claim_line.id"],
            name=op.f("fk_claim_receipt_line_id_claim_line"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_receipt")),
    )
    with op.batch_alter_table("claim_receipt", schema=None) as batch_op:
        batch_op.create_index("ix_claim_receipt_line_id", ["line_id"], unique=False)

    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("designated_approver", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("designated_payer", sa.Boolean(), server_default="0", nullable=False)
        )

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_event_subject", ["subject_kind", "subject_id"], unique=False
        )

    _seed_policy_and_thresholds()
    _designate_approvers_and_payers()


def _seed_policy_and_thresholds() -> None:
    policy = sa.table(
        "payment_policy",
        sa.column("id", sa.Integer),
        sa.column("effective_from", sa.Date),
        sa.column("receipt_over_pence", sa.Integer),
        sa.column("notes", sa.Text),
    )
    rate = sa.table(
        "payment_rate",
        sa.column("policy_id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("name", sa.String),
        sa.column("unit_pence", sa.Integer),
        sa.column("position", sa.Integer),
    )
    threshold = sa.table(
        "benefits_threshold",
        sa.column("name", sa.String),
        sa.column("period", sa.String),
        sa.column("amount_pence", sa.Integer),
        sa.column("note", sa.Text),
        sa.column("position", sa.Integer),
    )
    op.bulk_insert(
        policy,
        [
            {
                "id": 1,
                "effective_from": FROM_THE_START,
                "receipt_over_pence": RECEIPT_OVER_PENCE,
                "notes": "",
            }
        ],
    )
    rows = [
        {"policy_id": 1, "kind": "mileage", "name": name, "unit_pence": pence, "position": i}
        for i, (name, pence) in enumerate(MILEAGE_PENCE)
    ] + [
        {"policy_id": 1, "kind": "expense", "name": name, "unit_pence": None, "position": i}
        for i, name in enumerate(EXPENSE_KINDS)
    ]
    op.bulk_insert(rate, rows)
    op.bulk_insert(
        threshold,
        [
            {
                "name": name,
                "period": period,
                "amount_pence": pence,
                "note": THRESHOLD_NOTE,
                "position": i,
            }
            for i, (name, period, pence) in enumerate(THRESHOLDS)
        ],
    )


def _designate_approvers_and_payers() -> None:
    # Whoever could approve before keeps that duty; administrators pay until told otherwise.
    op.execute(
        "UPDATE staff SET designated_approver = 1 "
        "WHERE role IN ('approver', 'administrator') AND active = 1"
    )
    op.execute("UPDATE staff SET designated_payer = 1 WHERE role = 'administrator' AND active = 1")


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_subject")

    with op.batch_alter_table("staff", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("designated_payer")
        batch_op.drop_column("designated_approver")

    with op.batch_alter_table("claim_receipt", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_receipt_line_id")

    op.drop_table("claim_receipt")
    with op.batch_alter_table("claim_line", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_line_claim_id")
        batch_op.drop_index("ix_claim_line_activity_id")

    op.drop_table("claim_line")
    op.drop_table("payment_rate")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_work_date")
        batch_op.drop_index("ix_claim_status_work_date")
        batch_op.drop_index("ix_claim_person_id")
        batch_op.drop_index("ix_claim_payment_run_id")
        batch_op.drop_index("ix_claim_budget_id")

    op.drop_table("claim")
    op.drop_table("payment_run")
    op.drop_table("payment_policy")
    with op.batch_alter_table("budget_spend", schema=None) as batch_op:
        batch_op.drop_index("ix_budget_spend_budget_id")

    op.drop_table("budget_spend")
    op.drop_table("budget_holder")
    with op.batch_alter_table("budget_decision", schema=None) as batch_op:
        batch_op.drop_index("ix_budget_decision_budget_id")

    op.drop_table("budget_decision")
    op.drop_table("budget")
    op.drop_table("benefits_threshold")
