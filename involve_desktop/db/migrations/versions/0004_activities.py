"""Involvement activities: the charity's kinds and areas, who took part, and impact records
("you said, we did"); the organisation's weeks before an activity should have an impact record.

Revision ID: 0004_activities
Revises: 0003_people_register
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# The charity's starting lists as they were when this revision shipped (frozen here: a
# migration must do the same thing forever, whatever later versions put in domain/).
DEFAULT_ACTIVITY_OPTIONS = {
    "kind": (
        "Consultation",
        "Feedback",
        "Steering group",
        "Interview panel",
        "Teaching session",
        "Co-design workshop",
        "Peer research",
        "Peer support",
        "Mentoring",
        "Event",
    ),
    "area": (
        "Service design",
        "Recruitment and selection",
        "Teaching and learning",
        "Research",
        "Governance",
        "Assessment",
    ),
}

revision: str = "0004_activities"
down_revision: str | None = "0003_people_register"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    options = op.create_table(
        "activity_option",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.CheckConstraint("list IN ('kind', 'area')", name=op.f("ck_activity_option_list")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_option")),
        sa.UniqueConstraint("list", "name", name="uq_activity_option_list_name"),
    )
    op.create_table(
        "activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("title_words", sa.Text(), server_default="", nullable=False),
        sa.Column("kind_id", sa.Integer(), nullable=True),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("power_shared", sa.String(length=20), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("place_accessible", sa.String(length=10), nullable=False),
        sa.Column("lead_staff_id", sa.Integer(), nullable=True),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("pay_note", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "place_accessible IN ('yes', 'no', '')", name=op.f("ck_activity_place_accessible")
        ),
        sa.CheckConstraint(
            "power_shared IN ('inform', 'consult', 'decide_together', 'you_lead')",
            name=op.f("ck_activity_power_shared"),
        ),
        sa.ForeignKeyConstraint(
            ["area_id"], ["activity_option.id"], name=op.f("fk_activity_area_id_activity_option")
        ),
        sa.ForeignKeyConstraint(
            ["kind_id"], ["activity_option.id"], name=op.f("fk_activity_kind_id_activity_option")
        ),
        sa.ForeignKeyConstraint(
            ["lead_staff_id"], ["staff.id"], name=op.f("fk_activity_lead_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity")),
    )
    with op.batch_alter_table("activity") as batch_op:
        batch_op.create_index("ix_activity_held_on", ["held_on", "id"], unique=False)
        batch_op.create_index("ix_activity_lead_staff_id", ["lead_staff_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "status IN ('invited', 'attended', 'apologies', 'did_not_attend')",
            name=op.f("ck_attendance_status"),
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_attendance_activity_id_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_attendance_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("activity_id", "person_id", name="uq_attendance_activity_id"),
    )
    with op.batch_alter_table("attendance") as batch_op:
        batch_op.create_index("ix_attendance_person_id", ["person_id"], unique=False)
        batch_op.create_index(
            "ix_attendance_recorded",
            ["activity_id"],
            unique=False,
            sqlite_where=sa.text("status != 'invited'"),
            postgresql_where=sa.text("status != 'invited'"),
        )

    op.create_table(
        "impact_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("said", sa.Text(), nullable=False),
        sa.Column("decided", sa.Text(), nullable=False),
        sa.Column("changed", sa.Text(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=True),
        sa.Column("responsible_staff_id", sa.Integer(), nullable=True),
        sa.Column("told_people", sa.Boolean(), nullable=False),
        sa.Column("told_on", sa.Date(), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activity.id"],
            name=op.f("fk_impact_record_activity_id_activity"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_staff_id"],
            ["staff.id"],
            name=op.f("fk_impact_record_responsible_staff_id_staff"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_impact_record")),
    )
    with op.batch_alter_table("impact_record") as batch_op:
        batch_op.create_index("ix_impact_record_activity_id", ["activity_id"], unique=False)

    with op.batch_alter_table("organisation") as batch_op:
        batch_op.add_column(
            sa.Column("impact_due_weeks", sa.Integer(), server_default="6", nullable=False)
        )
    # Until now the last involvement came only from imports: keep it apart, so attendance
    # can move the date on or back without ever losing it.
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("involved_before_records_on", sa.Date(), nullable=True))
    op.execute("UPDATE person SET involved_before_records_on = last_involved_on")
    # Exports name what they made ("address labels for 1,000 people"): room for the words.
    with op.batch_alter_table("audit_event") as batch_op:
        batch_op.alter_column(
            "subject_kind", existing_type=sa.String(length=30), type_=sa.String(length=60)
        )
    op.bulk_insert(
        options,
        [
            {"list": kind, "name": name}
            for kind, names in DEFAULT_ACTIVITY_OPTIONS.items()
            for name in names
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("audit_event") as table:
        table.alter_column(
            "subject_kind", existing_type=sa.String(length=60), type_=sa.String(length=30)
        )
    with op.batch_alter_table("person") as table:
        table.drop_column("involved_before_records_on")
    with op.batch_alter_table("organisation") as table:
        table.drop_column("impact_due_weeks")
    op.drop_index("ix_impact_record_activity_id", table_name="impact_record")
    op.drop_table("impact_record")
    op.drop_index("ix_attendance_recorded", table_name="attendance")
    op.drop_index("ix_attendance_person_id", table_name="attendance")
    op.drop_table("attendance")
    op.drop_index("ix_activity_lead_staff_id", table_name="activity")
    op.drop_index("ix_activity_held_on", table_name="activity")
    op.drop_table("activity")
    op.drop_table("activity_option")
