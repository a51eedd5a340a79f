"""Staff who use the app, the audit trail, and the idle-lock and audit-keeping settings.

Revision ID: 0002_staff_and_audit
Revises: 0001_foundation
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_staff_and_audit"
down_revision: str | None = "0001_foundation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.Column("deactivated_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "role IN ('staff', 'approver', 'administrator')", name=op.f("ck_staff_role")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject_kind", sa.String(length=30), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_audit_event_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index("ix_audit_event_at", "audit_event", ["at"])
    with op.batch_alter_table("organisation") as table:
        table.add_column(
            sa.Column("idle_lock_minutes", sa.Integer(), server_default="10", nullable=False)
        )
        table.add_column(
            sa.Column("audit_keep_months", sa.Integer(), server_default="24", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("organisation") as table:
        table.drop_column("audit_keep_months")
        table.drop_column("idle_lock_minutes")
    op.drop_index("ix_audit_event_at", table_name="audit_event")
    op.drop_table("audit_event")
    op.drop_table("staff")
