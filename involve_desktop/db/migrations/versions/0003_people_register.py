"""The people register: contact, consent, taking part, payment preferences, the charity's
lists of roles and interests, barriers, participation history, training and search words.

Revision ID: 0003_people_register
Revises: 0002_staff_and_audit
Create Date: 2026-11-26
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_people_register"
down_revision: str | None = "0002_staff_and_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT_COLUMNS = {
    "contact_method": 20,
    "best_times": 200,
    "other_barrier": 200,
    "consent_recorded_how": 20,
    "payment_method": 20,
    "employment_status": 30,
    "benefits_affected": 20,
    "sort_key": 210,
}


# The lists and the folding as they were when this revision shipped: a migration must do the
# same thing forever, whatever later versions of the app change in domain/.
DEFAULT_OPTIONS = {
    "role": (
        "Uses services",
        "Carer",
        "Member",
        "Volunteer",
        "Peer mentor",
        "Campaigner",
        "Trustee",
    ),
    "interest": (
        "Service design",
        "Recruitment and selection",
        "Teaching and learning",
        "Research",
        "Governance",
        "Assessment",
        "Events",
        "Campaigning",
        "Peer support",
    ),
}
_FOLDS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "\u0131": "i"}
)
_WORD = re.compile(r"\w+")
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_APOSTROPHES = re.compile(r"(?<=\w)['`\u2018\u2019](?=\w)")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLDS)


def searchable_text(parts: Iterable[str]) -> str:
    words: list[str] = []
    for part in parts:
        folded = _fold(part)
        words += _WORD.findall(folded) + _WORD.findall(_APOSTROPHES.sub("", folded))
        words += _IDEOGRAPH.findall(folded)
    return "".join(f" {word}" for word in dict.fromkeys(words))


def sort_key(first_name: str, last_name: str) -> str:
    return f"{_fold(last_name).strip()}\x1f{_fold(first_name).strip()}"


def upgrade() -> None:
    with op.batch_alter_table("person") as table:
        for name, length in _TEXT_COLUMNS.items():
            table.add_column(
                sa.Column(name, sa.String(length=length), server_default="", nullable=False)
            )
        for name in ("taking_part_reason", "health_notes"):
            table.add_column(sa.Column(name, sa.Text(), server_default="", nullable=False))
        for name in (
            "taking_part_since",
            "consent_given_on",
            "consent_review_on",
            "consent_withdrawn_on",
            "last_involved_on",
        ):
            table.add_column(sa.Column(name, sa.Date(), nullable=True))
        for name in (
            "consent_to_contact",
            "consent_to_keep_support_needs",
            "consent_to_photos",
            "consent_to_quotes",
        ):
            table.add_column(sa.Column(name, sa.Boolean(), server_default="0", nullable=False))
        table.create_check_constraint(
            "contact_method",
            "contact_method IN ('email', 'phone', 'text', 'post', 'in_person', '')",
        )
        table.create_check_constraint(
            "benefits_affected",
            "benefits_affected IN ('yes', 'no', 'prefers_not_to_say', '')",
        )
        table.create_index("ix_person_archived_sort_key", ["archived", "sort_key", "id"])
        table.create_index("ix_person_consent_review_on", ["consent_review_on"])
        table.create_index("ix_person_last_involved_on", ["last_involved_on"])

    option = op.create_table(
        "person_option",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.CheckConstraint("kind IN ('role', 'interest')", name=op.f("ck_person_option_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_option")),
        sa.UniqueConstraint("kind", "name", name="uq_person_option_kind_name"),
    )
    op.create_table(
        "person_chosen_option",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_chosen_option_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["option_id"],
            ["person_option.id"],
            name=op.f("fk_person_chosen_option_option_id_person_option"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "option_id", name=op.f("pk_person_chosen_option")),
    )
    words = op.create_table(
        "person_search_words",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_search_words_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_person_search_words")),
    )
    op.create_table(
        "person_barrier",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("barrier", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "barrier IN ('access', 'timing', 'transport', 'language', 'caring', 'digital', "
            "'confidence', 'other')",
            name=op.f("ck_person_barrier_barrier"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_person_barrier_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "barrier", name=op.f("pk_person_barrier")),
    )
    op.create_table(
        "level_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("from_level", sa.String(length=20), nullable=False),
        sa.Column("to_level", sa.String(length=20), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_level_change_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_level_change_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_level_change")),
    )
    op.create_index("ix_level_change_person_id", "level_change", ["person_id"])
    op.create_table(
        "training_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_training_record_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_record")),
    )
    op.create_index("ix_training_record_person_id", "training_record", ["person_id"])

    op.bulk_insert(
        option,
        [{"kind": kind, "name": name} for kind, names in DEFAULT_OPTIONS.items() for name in names],
    )
    _index_existing_people(words)


def _index_existing_people(words: sa.Table) -> None:
    bind = op.get_bind()
    people = bind.execute(
        sa.text("SELECT id, first_name, last_name, preferred_name FROM person")
    ).all()
    if people:
        op.bulk_insert(
            words,
            [{"person_id": row.id, "words": searchable_text(row[1:])} for row in people],
        )
    for row in people:
        bind.execute(
            sa.text("UPDATE person SET sort_key = :key WHERE id = :id"),
            {"key": sort_key(row.first_name, row.last_name), "id": row.id},
        )


def downgrade() -> None:
    op.drop_index("ix_training_record_person_id", table_name="training_record")
    op.drop_table("training_record")
    op.drop_index("ix_level_change_person_id", table_name="level_change")
    op.drop_table("level_change")
    op.drop_table("person_barrier")
    op.drop_table("person_search_words")
    op.drop_table("person_chosen_option")
    op.drop_table("person_option")
    with op.batch_alter_table("person") as table:
        table.drop_index("ix_person_last_involved_on")
        table.drop_index("ix_person_consent_review_on")
        table.drop_index("ix_person_archived_sort_key")
        table.drop_constraint("ck_person_benefits_affected", type_="check")
        table.drop_constraint("ck_person_contact_method", type_="check")
        for name in (
            *_TEXT_COLUMNS,
            "taking_part_reason",
            "health_notes",
            "taking_part_since",
            "consent_given_on",
            "consent_review_on",
            "consent_withdrawn_on",
            "last_involved_on",
            "consent_to_contact",
            "consent_to_keep_support_needs",
            "consent_to_photos",
            "consent_to_quotes",
        ):
            table.drop_column(name)
