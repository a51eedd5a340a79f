"""The tables, as SQLAlchemy 2.x typed models.

Columns holding personal data carry `info={"personal": True}`; special-category data (health,
support needs, benefits) also carries `"sensitive": True`. Exports, logs, retention and
subject-access requests find them through `personal_columns()` and `sensitive_columns()`.
Text typed freely, which may name anyone, carries `"free_text": True` (`free_text_columns()`).
Every change here needs an Alembic revision in `migrations/versions/`.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Column,
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
    Time,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from involve_desktop.domain.activities import ActivityList, Attendance, PlaceAccess, PowerShared
from involve_desktop.domain.people import (
    Barrier,
    BenefitsAffected,
    ContactMethod,
    OptionKind,
    ParticipationLevel,
    TakingPart,
)
from involve_desktop.domain.roles import Role

PERSONAL = {"personal": True}
SENSITIVE = {"personal": True, "sensitive": True}
# Text typed freely, which may name someone on the register ("Lift for Nia Hughes"):
# anonymising or deleting a person removes their name from every such column.
FREE_TEXT = {"free_text": True}
PERSONAL_TEXT = PERSONAL | FREE_TEXT
SENSITIVE_TEXT = SENSITIVE | FREE_TEXT

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


def _one_of(column: str, values: type[StrEnum], *, blank_allowed: bool = False) -> str:
    allowed = ", ".join(f"'{member.value}'" for member in values)
    if blank_allowed:
        allowed += ", ''"
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
    evaluation_day: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # How long before the evaluation falls due the app starts reminding.
    evaluation_reminder_weeks: Mapped[int] = mapped_column(Integer, default=4, server_default="4")
    people_word_singular: Mapped[str] = mapped_column(String(40))
    people_word_plural: Mapped[str] = mapped_column(String(40))
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    audit_keep_months: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    impact_due_weeks: Mapped[int] = mapped_column(Integer, default=6, server_default="6")
    # Whole years a person's records are kept after their last involvement (1-50). Six by
    # default: the length HMRC asks charities to keep payment records, so claims are safe.
    retention_years: Mapped[int] = mapped_column(Integer, default=6, server_default="6")
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Person(Base):
    """Someone the charity involves: a whole person, who may hold many roles.

    Roles and interests, barriers, level history and training live in their own tables below.
    `last_involved_on` is kept up to date by whatever records involvement (activities).
    """

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint(_one_of("participation_level", ParticipationLevel), name="level"),
        CheckConstraint(_one_of("taking_part", TakingPart), name="taking_part"),
        CheckConstraint(
            _one_of("contact_method", ContactMethod, blank_allowed=True), name="contact_method"
        ),
        CheckConstraint(
            _one_of("benefits_affected", BenefitsAffected, blank_allowed=True),
            name="benefits_affected",
        ),
        Index("ix_person_sort_name", "last_name", "first_name"),
        Index("ix_person_archived_sort_key", "archived", "sort_key", "id"),
        Index("ix_person_consent_review_on", "consent_review_on"),
        Index("ix_person_last_involved_on", "last_involved_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # About
    first_name: Mapped[str] = mapped_column(String(100), info=PERSONAL)
    last_name: Mapped[str] = mapped_column(String(100), default="", info=PERSONAL)
    preferred_name: Mapped[str] = mapped_column(String(100), default="", info=PERSONAL)
    pronouns: Mapped[str] = mapped_column(String(40), default="", info=PERSONAL)
    date_of_birth: Mapped[date | None] = mapped_column(Date, info=PERSONAL)
    # Contact
    email: Mapped[str] = mapped_column(String(254), default="", info=PERSONAL)
    phone: Mapped[str] = mapped_column(String(40), default="", info=PERSONAL)
    address: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    contact_method: Mapped[str] = mapped_column(
        String(20), default="", server_default="", info=PERSONAL
    )
    best_times: Mapped[str] = mapped_column(
        String(200), default="", server_default="", info=PERSONAL
    )
    # Involvement and taking part
    participation_level: Mapped[str] = mapped_column(
        String(20), default=ParticipationLevel.OBSERVING.value
    )
    taking_part: Mapped[str] = mapped_column(String(20), default=TakingPart.TAKING_PART.value)
    taking_part_since: Mapped[date | None] = mapped_column(Date, info=PERSONAL)
    taking_part_reason: Mapped[str] = mapped_column(
        Text, default="", server_default="", info=PERSONAL_TEXT
    )
    other_barrier: Mapped[str] = mapped_column(
        String(200), default="", server_default="", info=PERSONAL
    )
    # Support, access and health: special-category data
    support_needs: Mapped[str] = mapped_column(Text, default="", info=SENSITIVE_TEXT)
    health_notes: Mapped[str] = mapped_column(
        Text, default="", server_default="", info=SENSITIVE_TEXT
    )
    # Consent
    consent_given_on: Mapped[date | None] = mapped_column(Date, info=PERSONAL)
    consent_to_contact: Mapped[bool] = mapped_column(default=False, server_default="0")
    consent_to_keep_support_needs: Mapped[bool] = mapped_column(default=False, server_default="0")
    consent_to_photos: Mapped[bool] = mapped_column(default=False, server_default="0")
    consent_to_quotes: Mapped[bool] = mapped_column(default=False, server_default="0")
    consent_recorded_how: Mapped[str] = mapped_column(String(20), default="", server_default="")
    consent_review_on: Mapped[date | None] = mapped_column(Date)
    consent_withdrawn_on: Mapped[date | None] = mapped_column(Date)
    # Payment; whether payments may affect benefits is special-category data
    payment_method: Mapped[str] = mapped_column(
        String(20), default="", server_default="", info=PERSONAL
    )
    employment_status: Mapped[str] = mapped_column(
        String(30), default="", server_default="", info=PERSONAL
    )
    benefits_affected: Mapped[str] = mapped_column(
        String(20), default="", server_default="", info=SENSITIVE
    )
    notes: Mapped[str] = mapped_column(Text, default="", info=PERSONAL_TEXT)
    joined_on: Mapped[date] = mapped_column(Date)
    last_involved_on: Mapped[date | None] = mapped_column(Date)
    # A last involvement known from before the app (a spreadsheet import); attendance
    # recorded here never moves the date earlier than this (services/attendance.py).
    involved_before_records_on: Mapped[date | None] = mapped_column(Date)
    # Surname then first name, folded (search_words.sort_key): 'ap Gwilym' sorts with the As.
    sort_key: Mapped[str] = mapped_column(String(210), default="", server_default="", info=PERSONAL)
    archived: Mapped[bool] = mapped_column(default=False)
    # Set when the retention routine removed who this was (services/retention.py): the row
    # stays so that past years still count them, but it is no longer a person anyone can find.
    anonymised_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class PersonOption(Base):
    """An entry in one of the charity's own lists: a role a person can hold, or an interest."""

    __tablename__ = "person_option"
    __table_args__ = (
        CheckConstraint(_one_of("kind", OptionKind), name="kind"),
        UniqueConstraint("kind", "name", name="uq_person_option_kind_name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80))


person_chosen_option = Table(
    "person_chosen_option",
    Base.metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    Column("option_id", ForeignKey("person_option.id", ondelete="CASCADE"), primary_key=True),
)


class PersonSearchWords(Base):
    """The folded words a person can be found by (names, roles, interests): see search_words.py.

    Kept in a narrow table of its own so that search-as-you-type scans little.
    """

    __tablename__ = "person_search_words"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    words: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)


class PersonBarrier(Base):
    """A barrier to taking part that the person named."""

    __tablename__ = "person_barrier"
    __table_args__ = (CheckConstraint(_one_of("barrier", Barrier), name="barrier"),)

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    barrier: Mapped[str] = mapped_column(String(20), primary_key=True, info=PERSONAL)


class LevelChange(Base):
    """One step in a person's participation history, written whenever their level changes."""

    __tablename__ = "level_change"
    __table_args__ = (Index("ix_level_change_person_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    changed_on: Mapped[date] = mapped_column(Date)
    from_level: Mapped[str] = mapped_column(String(20), default="")
    to_level: Mapped[str] = mapped_column(String(20))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class TrainingRecord(Base):
    """Training a person has done (or been offered) to take part well."""

    __tablename__ = "training_record"
    __table_args__ = (Index("ix_training_record_person_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200), info=PERSONAL_TEXT)
    completed_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="", info=PERSONAL_TEXT)


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
    # Named in the payment policy: who approves claims and who pays them (the role must
    # also allow approving; see services/payment_policy.py).
    designated_approver: Mapped[bool] = mapped_column(default=False, server_default="0")
    designated_payer: Mapped[bool] = mapped_column(default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    deactivated_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuditEvent(Base):
    """Who did what, when. Records are named by kind and id, never by personal data."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_at", "at"),
        # Who handled a claim is read from its own events (the two-person rule).
        Index("ix_audit_event_subject", "subject_kind", "subject_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(40))
    subject_kind: Mapped[str] = mapped_column(String(60), default="")
    subject_id: Mapped[int | None] = mapped_column(Integer)


class ActivityOption(Base):
    """An entry in one of the charity's lists for activities: a kind or an area."""

    __tablename__ = "activity_option"
    __table_args__ = (
        CheckConstraint(_one_of("list", ActivityList), name="list"),
        UniqueConstraint("list", "name", name="uq_activity_option_list_name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80))


class Activity(Base):
    """An involvement opportunity or event, with the purpose that keeps it from being for show."""

    __tablename__ = "activity"
    __table_args__ = (
        CheckConstraint(_one_of("power_shared", PowerShared), name="power_shared"),
        CheckConstraint(
            _one_of("place_accessible", PlaceAccess, blank_allowed=True), name="place_accessible"
        ),
        Index("ix_activity_held_on", "held_on", "id"),
        Index("ix_activity_lead_staff_id", "lead_staff_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200), info=FREE_TEXT)
    # The title folded for searching, as people's names are (domain/search_words.py).
    title_words: Mapped[str] = mapped_column(Text, default="", server_default="")
    kind_id: Mapped[int | None] = mapped_column(ForeignKey("activity_option.id"))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("activity_option.id"))
    purpose: Mapped[str] = mapped_column(Text, info=FREE_TEXT)
    power_shared: Mapped[str] = mapped_column(String(20), default=PowerShared.CONSULT.value)
    held_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time | None] = mapped_column(Time)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(200), default="", info=FREE_TEXT)
    place_accessible: Mapped[str] = mapped_column(String(10), default="")
    lead_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # Whether people are paid for their time at the payment policy's rate (issue 7 adds rates).
    paid: Mapped[bool] = mapped_column(default=False)
    pay_note: Mapped[str] = mapped_column(String(200), default="", info=FREE_TEXT)
    notes: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


ATTENDANCE_RECORDED = f"status != '{Attendance.INVITED.value}'"


class AttendanceRecord(Base):
    """Who took part in an activity, in what role, and whether they came.

    When a person is deleted their rows stay with no person, so the activity keeps its
    numbers (people_lifecycle.PERSON_LINKS, `detach_on_delete`).
    """

    __tablename__ = "attendance"
    __table_args__ = (
        CheckConstraint(_one_of("status", Attendance), name="status"),
        UniqueConstraint("activity_id", "person_id", name="uq_attendance_activity_id"),
        Index("ix_attendance_person_id", "person_id"),
        # Only the rows where attendance was recorded: "past activities with nobody's
        # attendance recorded" then reads this small index, not every invitation.
        Index(
            "ix_attendance_recorded",
            "activity_id",
            sqlite_where=text(ATTENDANCE_RECORDED),
            postgresql_where=text(ATTENDANCE_RECORDED),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    role: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[str] = mapped_column(String(20), default=Attendance.INVITED.value)


class ImpactRecord(Base):
    """'You said, we did': what people said, what was decided, what changed, and who was told."""

    __tablename__ = "impact_record"
    __table_args__ = (Index("ix_impact_record_activity_id", "activity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(
        String(200), default="", info=FREE_TEXT
    )  # when not from an activity
    said: Mapped[str] = mapped_column(Text, info=FREE_TEXT)
    decided: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    changed: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    changed_on: Mapped[date | None] = mapped_column(Date)
    responsible_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    told_people: Mapped[bool] = mapped_column(default=False)
    told_on: Mapped[date | None] = mapped_column(Date)
    recorded_on: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


def personal_columns(table: Table) -> list[str]:
    return [column.name for column in table.columns if column.info.get("personal")]


def sensitive_columns(table: Table) -> list[str]:
    return [column.name for column in table.columns if column.info.get("sensitive")]


def free_text_columns(table: Table) -> list[str]:
    return [column.name for column in table.columns if column.info.get("free_text")]


# The money, learning-cycle and backup tables live in their own modules to keep this one
# readable; importing them here puts them on the same metadata, which migrations and tests
# compare against.
from involve_desktop.db import backup_models, cycle_models, money_models  # noqa: E402, F401
