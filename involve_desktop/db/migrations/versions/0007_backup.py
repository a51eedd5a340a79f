"""Backups: one row of settings holding the stored backup key (derived from the charity's
backup passphrase, never the passphrase itself), how often to back up to a removable drive,
when and where the last backup and local copy were made, and the backup sequence number.

Revision ID: 0007_backup
Revises: 0006_learning_cycle
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_backup"
down_revision: str | None = "0006_learning_cycle"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "backup_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kdf_memory_kib", sa.Integer(), nullable=True),
        sa.Column("kdf_iterations", sa.Integer(), nullable=True),
        sa.Column("kdf_parallelism", sa.Integer(), nullable=True),
        sa.Column("kdf_salt", sa.LargeBinary(), nullable=True),
        sa.Column("backup_key", sa.LargeBinary(), nullable=True),
        sa.Column("passphrase_set_at", sa.DateTime(), nullable=True),
        sa.Column("interval_days", sa.Integer(), server_default="7", nullable=False),
        sa.Column("last_removable_backup_at", sa.DateTime(), nullable=True),
        sa.Column(
            "last_removable_backup_place", sa.String(length=300), server_default="", nullable=False
        ),
        sa.Column("last_local_copy_at", sa.DateTime(), nullable=True),
        sa.Column("sequence", sa.Integer(), server_default="0", nullable=False),
        sa.Column("nag_dismissed_on", sa.Date(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_backup_settings_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_backup_settings")),
    )
    # The single row exists from the start, so every reader finds the defaults.
    op.execute("INSERT INTO backup_settings (id) VALUES (1)")


def downgrade() -> None:
    op.drop_table("backup_settings")
