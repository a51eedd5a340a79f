"""The records linked to a person, for `report_person.person_record`: one section for each
table in `people_lifecycle.PERSON_LINKS`, their claims with lines and receipts, and the audit
trail's entries about them.

A table in PERSON_LINKS with no section here yet prints as a plain table of its rows (every
column but the person's), so nothing linked to a person is left out of what they are given.
`PRINTED_COLUMNS` says which columns each known section prints; the tests hold it against
`personal_columns()` for every table.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session

from involve_desktop.db.cycle_models import (
    ActionItem,
    ActionItemPerson,
    Evaluation,
    EvaluationPerson,
)
from involve_desktop.db.models import (
    Activity,
    AttendanceRecord,
    AuditEvent,
    LevelChange,
    PersonBarrier,
    PersonOption,
    Staff,
    TrainingRecord,
    person_chosen_option,
)
from involve_desktop.db.money_models import Budget, BudgetHolder
from involve_desktop.domain.activities import Attendance
from involve_desktop.domain.financial_year import year_label
from involve_desktop.domain.learning_cycle import ItemStatus, StandardsArea
from involve_desktop.domain.people import Barrier, OptionKind, ParticipationLevel
from involve_desktop.services.claims import CLAIM, RECEIPT
from involve_desktop.services.people import PERSON
from involve_desktop.services.people_lifecycle import PERSON_LINKS, PersonLink
from involve_desktop.services.report_person import (
    NOT_RECORDED,
    RecordTable,
    in_words,
)

# The columns of each table that a section below prints (or, for a receipt's content, lists
# by its file name). Held against personal_columns() by the tests.
PRINTED_COLUMNS: dict[str, frozenset[str]] = {
    "person_chosen_option": frozenset({"option_id"}),
    "person_barrier": frozenset({"barrier"}),
    "level_change": frozenset({"changed_on", "from_level", "to_level", "staff_id"}),
    "training_record": frozenset({"title", "completed_on", "notes"}),
    "person_search_words": frozenset({"words"}),  # with the person's own fields
    "attendance": frozenset({"activity_id", "role", "status"}),
    "claim": frozenset(
        {
            "id",
            "status",
            "payment_method",
            "budget_id",
            "adjusts_claim_id",
            "work_date",
            "fees_pence",
            "expenses_pence",
            "notes",
            "created_at",
            "created_by",
            "submitted_at",
            "submitted_by",
            "approved_at",
            "approved_by",
            "paid_on",
            "paid_by",
            "rejected_at",
            "rejected_by",
            "rejection_reason",
        }
    ),
    "claim_line": frozenset(
        {
            "kind",
            "activity_id",
            "line_date",
            "rate_name",
            "description",
            "quantity_hundredths",
            "unit_pence",
            "amount_pence",
        }
    ),
    "claim_receipt": frozenset({"file_name", "media_type", "size_bytes", "content", "added_at"}),
    "budget_holder": frozenset({"budget_id"}),
    "action_item_person": frozenset({"item_id"}),
    "evaluation_person": frozenset({"evaluation_id"}),
}

Section = Callable[[Session, int, dict[int, str]], list[RecordTable]]


def linked(session: Session, person_id: int) -> tuple[RecordTable, ...]:
    """A section for every table linked to the person, claims apart (see `claims_of`)."""
    staff = dict(session.execute(select(Staff.id, Staff.name)).all())
    tables: list[RecordTable] = []
    for link in PERSON_LINKS:
        name = link.table.name
        if name in ("claim", "person_search_words"):
            continue  # claims have their own part; search words print with the fields
        section = SECTIONS.get(name)
        if section is not None:
            tables.extend(section(session, person_id, staff))
        else:
            tables.append(_plain_table(session, person_id, link))
    return tuple(tables)


def _options(session: Session, person_id: int, _staff: dict[int, str]) -> list[RecordTable]:
    chosen: dict[str, list[str]] = {OptionKind.ROLE.value: [], OptionKind.INTEREST.value: []}
    for kind, name in session.execute(
        select(PersonOption.kind, PersonOption.name)
        .join(person_chosen_option, person_chosen_option.c.option_id == PersonOption.id)
        .where(person_chosen_option.c.person_id == person_id)
        .order_by(PersonOption.name)
    ):
        chosen.setdefault(kind, []).append(name)
    return [
        _list_table("Roles", chosen.pop(OptionKind.ROLE.value), "No roles recorded."),
        _list_table("Interests", chosen.pop(OptionKind.INTEREST.value), "No interests."),
        *(_list_table(kind.capitalize(), names, "") for kind, names in chosen.items() if names),
    ]


def _barriers(session: Session, person_id: int, _staff: dict[int, str]) -> list[RecordTable]:
    values = session.scalars(
        select(PersonBarrier.barrier).where(PersonBarrier.person_id == person_id)
    )
    labels = [Barrier(value).label if value in set(Barrier) else value for value in values]
    return [_list_table("Barriers to taking part", labels, "No barriers recorded.")]


def _levels(session: Session, person_id: int, staff: dict[int, str]) -> list[RecordTable]:
    rows = session.execute(
        select(
            LevelChange.changed_on,
            LevelChange.from_level,
            LevelChange.to_level,
            LevelChange.staff_id,
        )
        .where(LevelChange.person_id == person_id)
        .order_by(LevelChange.changed_on, LevelChange.id)
    ).all()
    days = [row[0] for row in rows]
    shown = [
        (
            in_words(before, ParticipationLevel) if before else "Added to the register",
            in_words(after, ParticipationLevel),
            staff.get(staff_id or 0, NOT_RECORDED),
        )
        for _day, before, after, staff_id in rows
    ]
    return [
        RecordTable(
            "Participation level history",
            ("Date", "From", "To", "Recorded by"),
            tuple((in_words(day), *cells) for day, cells in zip(days, shown, strict=True)),
            "No level history.",
            stored=tuple((day, *cells) for day, cells in zip(days, shown, strict=True)),
        )
    ]


def _training(session: Session, person_id: int, _staff: dict[int, str]) -> list[RecordTable]:
    rows = session.execute(
        select(TrainingRecord.title, TrainingRecord.completed_on, TrainingRecord.notes)
        .where(TrainingRecord.person_id == person_id)
        .order_by(TrainingRecord.completed_on, TrainingRecord.id)
    ).all()
    return [
        RecordTable(
            "Training",
            ("Training", "Completed", "Notes"),
            tuple((title, in_words(done), notes or "") for title, done, notes in rows),
            "No training recorded.",
            stored=tuple((title, done, notes or "") for title, done, notes in rows),
        )
    ]


def _activities(session: Session, person_id: int, _staff: dict[int, str]) -> list[RecordTable]:
    rows = session.execute(
        select(Activity.title, Activity.held_on, AttendanceRecord.role, AttendanceRecord.status)
        .join(Activity, Activity.id == AttendanceRecord.activity_id)
        .where(AttendanceRecord.person_id == person_id)
        .order_by(Activity.held_on, Activity.id)
    ).all()
    shown = [(role or "", in_words(status, Attendance)) for _t, _h, role, status in rows]
    return [
        RecordTable(
            "Activities",
            ("Activity", "Date", "Role", "Attendance"),
            tuple(
                (title, in_words(held_on), *cells)
                for (title, held_on, _r, _s), cells in zip(rows, shown, strict=True)
            ),
            "Not invited to any activity.",
            stored=tuple(
                (title, held_on, *cells)
                for (title, held_on, _r, _s), cells in zip(rows, shown, strict=True)
            ),
        )
    ]


def _budgets(session: Session, person_id: int, _staff: dict[int, str]) -> list[RecordTable]:
    rows = session.execute(
        select(Budget.name, Budget.year_start, Budget.project)
        .join(BudgetHolder, BudgetHolder.budget_id == Budget.id)
        .where(BudgetHolder.person_id == person_id)
        .order_by(Budget.year_start, Budget.name)
    )
    return [
        RecordTable(
            "Groups holding a budget",
            ("Budget", "Year", "What the group runs"),
            tuple((name, year_label(first), project or "") for name, first, project in rows),
            "Not in a group holding a budget.",
        )
    ]


def _actions(session: Session, person_id: int, _staff: dict[int, str]) -> list[RecordTable]:
    rows = session.execute(
        select(ActionItem.action, ActionItem.area, ActionItem.status, ActionItem.due_on)
        .join(ActionItemPerson, ActionItemPerson.item_id == ActionItem.id)
        .where(ActionItemPerson.person_id == person_id)
        .order_by(ActionItem.due_on, ActionItem.id)
    ).all()
    shown = [
        (action, in_words(area, StandardsArea), in_words(status, ItemStatus))
        for action, area, status, _due_on in rows
    ]
    return [
        RecordTable(
            "Actions in the plan they are doing",
            ("Action", "Area", "Status", "Due"),
            tuple((*cells, in_words(row[3])) for row, cells in zip(rows, shown, strict=True)),
            "Not named on any action in the plan.",
            stored=tuple((*cells, row[3]) for row, cells in zip(rows, shown, strict=True)),
        )
    ]


def _evaluations(session: Session, person_id: int, _staff: dict[int, str]) -> list[RecordTable]:
    rows = session.execute(
        select(Evaluation.year_start, Evaluation.held_on)
        .join(EvaluationPerson, EvaluationPerson.evaluation_id == Evaluation.id)
        .where(EvaluationPerson.person_id == person_id)
        .order_by(Evaluation.year_start)
    ).all()
    return [
        RecordTable(
            "Yearly evaluations they took part in",
            ("Year evaluated", "Held on"),
            tuple((year_label(first), in_words(held_on)) for first, held_on in rows),
            "Not named in any yearly evaluation.",
            stored=tuple((year_label(first), held_on) for first, held_on in rows),
        )
    ]


SECTIONS: dict[str, Section] = {
    "person_chosen_option": _options,
    "person_barrier": _barriers,
    "level_change": _levels,
    "training_record": _training,
    "attendance": _activities,
    "budget_holder": _budgets,
    "action_item_person": _actions,
    "evaluation_person": _evaluations,
}


def _list_table(heading: str, names: list[str], empty: str) -> RecordTable:
    return RecordTable(heading, (heading,), tuple((name,) for name in names), empty)


def _plain_table(session: Session, person_id: int, link: PersonLink) -> RecordTable:
    table: Table = link.table
    columns = [column for column in table.columns if column.name != link.person_column]
    rows = session.execute(select(*columns).where(link.column() == person_id)).all()
    heading = (link.plural or table.name.replace("_", " ")).capitalize()
    return RecordTable(
        heading,
        tuple(column.name.replace("_", " ").capitalize() for column in columns),
        tuple(tuple(in_words(value) for value in row) for row in rows),
        f"No {link.plural or 'records'}.",
        stored=tuple(tuple(row) for row in rows),
    )


def audit_about(
    session: Session, person_id: int, claim_ids: list[int], receipt_ids: list[int]
) -> RecordTable:
    """The audit trail's entries about the person, their claims and their receipts."""
    about = [(AuditEvent.subject_kind == PERSON) & (AuditEvent.subject_id == person_id)]
    if claim_ids:
        about.append((AuditEvent.subject_kind == CLAIM) & AuditEvent.subject_id.in_(claim_ids))
    if receipt_ids:
        about.append((AuditEvent.subject_kind == RECEIPT) & AuditEvent.subject_id.in_(receipt_ids))
    rows = session.execute(
        select(
            AuditEvent.at,
            Staff.name,
            AuditEvent.action,
            AuditEvent.subject_kind,
            AuditEvent.subject_id,
        )
        .outerjoin(Staff, Staff.id == AuditEvent.staff_id)
        .where(or_(*about))
        .order_by(AuditEvent.at, AuditEvent.id)
    ).all()
    shown = [
        (name or "Involve", action, _subject(kind, id_)) for _at, name, action, kind, id_ in rows
    ]
    return RecordTable(
        "Who has worked on their record (the audit trail)",
        ("When", "Staff member", "What they did", "Record"),
        tuple((in_words(row[0]), *cells) for row, cells in zip(rows, shown, strict=True)),
        "No entries.",
        note="Entries kept for the period the charity has chosen; older ones are removed.",
        stored=tuple((row[0], *cells) for row, cells in zip(rows, shown, strict=True)),
    )


def _subject(kind: str, subject_id: int | None) -> str:
    if kind == PERSON:
        return "Their record"
    return f"{kind.capitalize()} {subject_id}" if subject_id is not None else kind
