"""Retention: how many whole years the charity keeps a person's records after their last
involvement (six by default), and the date a person's record was anonymised under that rule.

Revision ID: 0008_retention
Revises: 0007_backup
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_retention"
down_revision: str | None = "0007_backup"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organisation") as batch_op:
        batch_op.add_column(
            sa.Column("retention_years", sa.Integer(), server_default="6", nullable=False)
        )
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("anonymised_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("anonymised_on")
    with op.batch_alter_table("organisation") as batch_op:
        batch_op.drop_column("retention_years")
