"""The tables, as SQLAlchemy 2.x typed models.

Columns holding personal data carry `info={"personal": True}`; special-category data (health,
support needs, benefits) also carries `"sensitive": True`. Exports, logs, retention and
subject-access requests find them through `personal_columns()` and `sensitive_columns()`.
Every change here needs an Alembic revision in `migrations/versions/`.
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
    MetaData,
    String,
    Table,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from involve_desktop.domain.people import ParticipationLevel, TakingPart
from involve_desktop.domain.roles import Role

PERSONAL = {"personal": True}
SENSITIVE = {"personal": True, "sensitive": True}

# Named constraints let Alembic's batch mode rebuild SQLite tables reliably.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _one_of(column: str, values: type[ParticipationLevel] | type[TakingPart] | type[Role]) -> str:
    allowed = ", ".join(f"'{member.value}'" for member in values)
    return f"{column} IN ({allowed})"


class Organisation(Base):
    """The charity itself; there is exactly one row."""

    __tablename__ = "organisation"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    name: Mapped[str] = mapped_column(String(200))
    charity_number: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    year_start_month: Mapped[int] = mapped_column(Integer, default=4)
    year_start_day: Mapped[int] = mapped_column(Integer, default=1)
    evaluation_month: Mapped[int] = mapped_column(Integer, default=4)
    people_word_singular: Mapped[str] = mapped_column(String(40))
    people_word_plural: Mapped[str] = mapped_column(String(40))
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    audit_keep_months: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Person(Base):
    """Someone the charity involves. Later revisions add roles, consent, payment and more."""

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint(_one_of("participation_level", ParticipationLevel), name="level"),
        CheckConstraint(_one_of("taking_part", TakingPart), name="taking_part"),
        Index("ix_person_sort_name", "last_name", "first_name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100), info=PERSONAL)
    last_name: Mapped[str] = mapped_column(String(100), default="", info=PERSONAL)
    preferred_name: Mapped[str] = mapped_column(String(100), default="", info=PERSONAL)
    pronouns: Mapped[str] = mapped_column(String(40), default="", info=PERSONAL)
    date_of_birth: Mapped[date | None] = mapped_column(Date, info=PERSONAL)
    email: Mapped[str] = mapped_column(String(254), default="", info=PERSONAL)
    phone: Mapped[str] = mapped_column(String(40), default="", info=PERSONAL)
    address: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    participation_level: Mapped[str] = mapped_column(
        String(20), default=ParticipationLevel.OBSERVING.value
    )
    taking_part: Mapped[str] = mapped_column(String(20), default=TakingPart.TAKING_PART.value)
    support_needs: Mapped[str] = mapped_column(Text, default="", info=SENSITIVE)
    notes: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    joined_on: Mapped[date] = mapped_column(Date)
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Staff(Base):
    """Someone who uses the app. Never deleted, only deactivated, so history still names them.

    Passwords are not stored here or anywhere: each active staff member has a slot in the
    key file (`key_slots.py`) that their password opens.
    """

    __tablename__ = "staff"
    __table_args__ = (CheckConstraint(_one_of("role", Role), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20), default=Role.STAFF.value)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    deactivated_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuditEvent(Base):
    """Who did what, when. Records are named by kind and id, never by personal data."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(40))
    subject_kind: Mapped[str] = mapped_column(String(30), default="")
    subject_id: Mapped[int | None] = mapped_column(Integer)


def personal_columns(table: Table) -> list[str]:
    return [column.name for column in table.columns if column.info.get("personal")]


def sensitive_columns(table: Table) -> list[str]:
    return [column.name for column in table.columns if column.info.get("sensitive")]
