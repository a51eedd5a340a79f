"""The learning-cycle tables: strategy versions, the action plan with its progress notes,
the yearly evaluation with its answers and findings, and when each staff member last
looked at something (so the plan can show what moved since).

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
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from involve_desktop.db.models import FREE_TEXT, Base, _one_of
from involve_desktop.domain.learning_cycle import (
    CycleStage,
    EvaluationStatus,
    ItemStatus,
    ServedInvolved,
    StandardsArea,
    StrategyStatus,
)


class Strategy(Base):
    """One version of the involvement strategy. At most one is current (kept so by
    `services/strategy.py`); a draft is being written; past versions are read-only."""

    __tablename__ = "strategy"
    __table_args__ = (CheckConstraint(_one_of("status", StrategyStatus), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    status: Mapped[str] = mapped_column(String(10), default=StrategyStatus.DRAFT.value)
    title: Mapped[str] = mapped_column(String(200), info=FREE_TEXT)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    purpose: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    intentions: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    principles: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    benefits_directly: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    benefits_indirectly: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    power_shared: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    resources: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    budget_pence: Mapped[int | None] = mapped_column(Integer)
    consultation_how: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    consultation_said: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    approved_by: Mapped[str] = mapped_column(String(200), default="", info=FREE_TEXT)
    approved_on: Mapped[date | None] = mapped_column(Date)
    review_on: Mapped[date | None] = mapped_column(Date)
    made_current_on: Mapped[date | None] = mapped_column(Date)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class ActionItem(Base):
    """One line of the action plan of a strategy period.

    `moved_at` is when the item last moved (made, status or due date changed, a progress note
    added), compared with each staff member's last look at the plan (`StaffLook`).
    """

    __tablename__ = "action_item"
    __table_args__ = (
        CheckConstraint(_one_of("area", StandardsArea), name="area"),
        CheckConstraint(_one_of("stage", CycleStage), name="stage"),
        CheckConstraint(_one_of("status", ItemStatus), name="status"),
        Index("ix_action_item_strategy_id", "strategy_id", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    strategy_id: Mapped[int] = mapped_column(ForeignKey("strategy.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(Text, info=FREE_TEXT)
    area: Mapped[str] = mapped_column(String(10))
    stage: Mapped[str] = mapped_column(String(15))
    status: Mapped[str] = mapped_column(String(12), default=ItemStatus.NOT_STARTED.value)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    who_else: Mapped[str] = mapped_column(String(200), default="", info=FREE_TEXT)
    how: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    place: Mapped[str] = mapped_column(String(200), default="", info=FREE_TEXT)
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    dropped_reason: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    # The evaluation finding this item answers (one item per finding).
    raised_by_finding_id: Mapped[int | None] = mapped_column(
        ForeignKey("evaluation_finding.id", ondelete="SET NULL"), unique=True
    )
    moved_at: Mapped[datetime] = mapped_column(DateTime)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class ActionItemPerson(Base):
    """Someone from the register who is doing an action with the staff member."""

    __tablename__ = "action_item_person"
    __table_args__ = (Index("ix_action_item_person_person_id", "person_id"),)

    item_id: Mapped[int] = mapped_column(
        ForeignKey("action_item.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )


class ActionProgress(Base):
    """A dated note of progress on an action."""

    __tablename__ = "action_progress"
    __table_args__ = (Index("ix_action_progress_item_id", "item_id", "noted_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("action_item.id", ondelete="CASCADE"))
    noted_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, info=FREE_TEXT)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class StaffLook(Base):
    """When a staff member last looked at something that changes under them (the plan)."""

    __tablename__ = "staff_look"

    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True
    )
    subject: Mapped[str] = mapped_column(String(40), primary_key=True)
    looked_at: Mapped[datetime] = mapped_column(DateTime)


class Evaluation(Base):
    """The yearly evaluation of one financial year (`year_start` is its first day)."""

    __tablename__ = "evaluation"
    __table_args__ = (
        CheckConstraint(_one_of("status", EvaluationStatus), name="status"),
        CheckConstraint(
            _one_of("served_involved", ServedInvolved, blank_allowed=True),
            name="served_involved",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year_start: Mapped[date] = mapped_column(Date, unique=True)
    status: Mapped[str] = mapped_column(String(12), default=EvaluationStatus.IN_PROGRESS.value)
    held_on: Mapped[date | None] = mapped_column(Date)
    who_took_part: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    served_involved: Mapped[str] = mapped_column(String(8), default="")
    served_involved_how: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    signed_off_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    signed_off_at: Mapped[datetime | None] = mapped_column(DateTime)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class EvaluationPerson(Base):
    """Someone from the register who took part in the evaluation."""

    __tablename__ = "evaluation_person"
    __table_args__ = (Index("ix_evaluation_person_person_id", "person_id"),)

    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )


class EvaluationAnswer(Base):
    """The answer to one question, by the question's stable key
    (domain/evaluation_questions.py)."""

    __tablename__ = "evaluation_answer"

    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation.id", ondelete="CASCADE"), primary_key=True
    )
    question_key: Mapped[str] = mapped_column(String(60), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    rating: Mapped[str] = mapped_column(String(12), default="")
    evidence: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    how_measured: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)


class EvaluationFinding(Base):
    """Something the evaluation found that needs action; `ActionItem.raised_by_finding_id`
    links the plan item made from it."""

    __tablename__ = "evaluation_finding"
    __table_args__ = (
        CheckConstraint(_one_of("area", StandardsArea), name="area"),
        Index("ix_evaluation_finding_evaluation_id", "evaluation_id", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    finding: Mapped[str] = mapped_column(Text, info=FREE_TEXT)
    action: Mapped[str] = mapped_column(Text, default="", info=FREE_TEXT)
    area: Mapped[str] = mapped_column(String(10))
    question_key: Mapped[str] = mapped_column(String(60), default="")
