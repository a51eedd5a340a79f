"""The learning cycle: versions of the involvement strategy, the action plan with its
progress notes, the yearly evaluation with its answers and findings, each staff member's last
look at the plan, and the day of the evaluation and how early to be reminded of it.

Revision ID: 0006_learning_cycle
Revises: 0005_money
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_learning_cycle"
down_revision: str | None = "0005_money"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_start", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("who_took_part", sa.Text(), nullable=False),
        sa.Column("served_involved", sa.String(length=8), nullable=False),
        sa.Column("served_involved_how", sa.Text(), nullable=False),
        sa.Column("signed_off_by", sa.Integer(), nullable=True),
        sa.Column("signed_off_at", sa.DateTime(), nullable=True),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "served_involved IN ('yes', 'partly', 'no', '')",
            name=op.f("ck_evaluation_served_involved"),
        ),
        sa.CheckConstraint(
            "status IN ('in_progress', 'signed_off')", name=op.f("ck_evaluation_status")
        ),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["staff.id"], name=op.f("fk_evaluation_changed_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["signed_off_by"], ["staff.id"], name=op.f("fk_evaluation_signed_off_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation")),
        sa.UniqueConstraint("year_start", name=op.f("uq_evaluation_year_start")),
    )
    op.create_table(
        "staff_look",
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("looked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_staff_look_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("staff_id", "subject", name=op.f("pk_staff_look")),
    )
    op.create_table(
        "strategy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("intentions", sa.Text(), nullable=False),
        sa.Column("principles", sa.Text(), nullable=False),
        sa.Column("benefits_directly", sa.Text(), nullable=False),
        sa.Column("benefits_indirectly", sa.Text(), nullable=False),
        sa.Column("power_shared", sa.Text(), nullable=False),
        sa.Column("resources", sa.Text(), nullable=False),
        sa.Column("budget_pence", sa.Integer(), nullable=True),
        sa.Column("consultation_how", sa.Text(), nullable=False),
        sa.Column("consultation_said", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.String(length=200), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("made_current_on", sa.Date(), nullable=True),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'current', 'past')", name=op.f("ck_strategy_status")
        ),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["staff.id"], name=op.f("fk_strategy_changed_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy")),
        sa.UniqueConstraint("version", name=op.f("uq_strategy_version")),
    )
    op.create_table(
        "evaluation_answer",
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("question_key", sa.String(length=60), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("rating", sa.String(length=12), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("how_measured", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_evaluation_answer_evaluation_id_evaluation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("evaluation_id", "question_key", name=op.f("pk_evaluation_answer")),
    )
    op.create_table(
        "evaluation_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("finding", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("area", sa.String(length=10), nullable=False),
        sa.Column("question_key", sa.String(length=60), nullable=False),
        sa.CheckConstraint(
            "area IN ('culture', 'structure', 'practice', 'review')",
            name=op.f("ck_evaluation_finding_area"),
        ),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_evaluation_finding_evaluation_id_evaluation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_finding")),
    )
    op.create_index(
        "ix_evaluation_finding_evaluation_id",
        "evaluation_finding",
        ["evaluation_id", "position"],
        unique=False,
    )
    op.create_table(
        "evaluation_person",
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_evaluation_person_evaluation_id_evaluation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_evaluation_person_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("evaluation_id", "person_id", name=op.f("pk_evaluation_person")),
    )
    op.create_index(
        "ix_evaluation_person_person_id", "evaluation_person", ["person_id"], unique=False
    )
    op.create_table(
        "action_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("strategy_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("area", sa.String(length=10), nullable=False),
        sa.Column("stage", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("who_else", sa.String(length=200), nullable=False),
        sa.Column("how", sa.Text(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("dropped_reason", sa.Text(), nullable=False),
        sa.Column("raised_by_finding_id", sa.Integer(), nullable=True),
        sa.Column("moved_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "area IN ('culture', 'structure', 'practice', 'review')",
            name=op.f("ck_action_item_area"),
        ),
        sa.CheckConstraint(
            "stage IN ('reflection', 'planning', 'implementation', 'evaluation')",
            name=op.f("ck_action_item_stage"),
        ),
        sa.CheckConstraint(
            "status IN ('not_started', 'in_progress', 'done', 'dropped')",
            name=op.f("ck_action_item_status"),
        ),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["staff.id"], name=op.f("fk_action_item_changed_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_finding_id"],
            ["evaluation_finding.id"],
            name=op.f("fk_action_item_raised_by_finding_id_evaluation_finding"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_action_item_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["strategy_id"],
            ["strategy.id"],
            name=op.f("fk_action_item_strategy_id_strategy"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_item")),
        sa.UniqueConstraint(
            "raised_by_finding_id", name=op.f("uq_action_item_raised_by_finding_id")
        ),
    )
    op.create_index(
        "ix_action_item_strategy_id",
        "action_item",
        ["strategy_id", "status", "due_on"],
        unique=False,
    )
    op.create_table(
        "action_item_person",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["action_item.id"],
            name=op.f("fk_action_item_person_item_id_action_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_action_item_person_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "person_id", name=op.f("pk_action_item_person")),
    )
    op.create_index(
        "ix_action_item_person_person_id", "action_item_person", ["person_id"], unique=False
    )
    op.create_table(
        "action_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["action_item.id"],
            name=op.f("fk_action_progress_item_id_action_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_action_progress_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_progress")),
    )
    op.create_index(
        "ix_action_progress_item_id", "action_progress", ["item_id", "noted_on"], unique=False
    )
    op.add_column(
        "organisation",
        sa.Column("evaluation_day", sa.Integer(), server_default="1", nullable=False),
    )
    op.add_column(
        "organisation",
        sa.Column("evaluation_reminder_weeks", sa.Integer(), server_default="4", nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("organisation", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("evaluation_reminder_weeks")
        batch_op.drop_column("evaluation_day")
    for table, index in (
        ("action_progress", "ix_action_progress_item_id"),
        ("action_item_person", "ix_action_item_person_person_id"),
        ("action_item", "ix_action_item_strategy_id"),
        ("evaluation_person", "ix_evaluation_person_person_id"),
        ("evaluation_finding", "ix_evaluation_finding_evaluation_id"),
        ("evaluation_answer", None),
        ("strategy", None),
        ("staff_look", None),
        ("evaluation", None),
    ):
        if index:
            op.drop_index(index, table_name=table)
        op.drop_table(table)
