"""Merging two records of one person, so that everything of both is kept on one.

Nothing is lost: blank details of the kept record are filled in from the other; free text
(notes, support needs) is written together; details that differ (a second email address) are
added to the notes. Linked records move through `PERSON_LINKS`, so the tables of later areas
(activities, claims) move too without this module knowing them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, func, select, update
from sqlalchemy.orm import Session

from involve_desktop.db.models import Person
from involve_desktop.domain.dates import short_date
from involve_desktop.domain.formatting import and_list, long_date
from involve_desktop.domain.people import ParticipationLevel
from involve_desktop.domain.person_record import display_name
from involve_desktop.domain.roles import Permission
from involve_desktop.domain.search_words import sort_key
from involve_desktop.errors import KnownError
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people import (
    PERSON,
    PersonNotFound,
    load_person,
    refresh_search_words,
)
from involve_desktop.services.people_duplicates import phone_key
from involve_desktop.services.people_lifecycle import (
    PERSON_LINKS,
    LinkedCount,
    PersonLink,
    linked_records,
)
from involve_desktop.services.permissions import Actor, require


class Rule(Enum):
    FILL = "fill"  # a choice: taken when the kept record has none; when different, it stands
    FILL_OR_NOTE = "fill or note"  # taken when blank; when different, added to the notes
    JOIN = "join"  # free text: both are kept, one after the other


@dataclass(frozen=True)
class Detail:
    column: str
    label: str
    rule: Rule


DETAILS = (
    Detail("first_name", "first name", Rule.FILL_OR_NOTE),
    Detail("last_name", "surname", Rule.FILL_OR_NOTE),
    Detail("preferred_name", "preferred name", Rule.FILL_OR_NOTE),
    Detail("pronouns", "pronouns", Rule.FILL_OR_NOTE),
    Detail("date_of_birth", "date of birth", Rule.FILL_OR_NOTE),
    Detail("email", "email address", Rule.FILL_OR_NOTE),
    Detail("phone", "phone number", Rule.FILL_OR_NOTE),
    Detail("address", "address", Rule.FILL_OR_NOTE),
    Detail("contact_method", "how they like to be contacted", Rule.FILL),
    Detail("best_times", "best times to contact", Rule.FILL_OR_NOTE),
    Detail("other_barrier", "other barrier", Rule.JOIN),
    Detail("payment_method", "payment method", Rule.FILL),
    Detail("employment_status", "employment status", Rule.FILL),
    # Special-category text is joined in its own field, never copied into the notes.
    Detail("benefits_affected", "whether payments affect benefits", Rule.FILL),
    Detail("support_needs", "support needs", Rule.JOIN),
    Detail("health_notes", "health notes", Rule.JOIN),
    Detail("notes", "notes", Rule.JOIN),
)
# Taking part is one decision too: status, since when and why go together.
TAKING_PART_COLUMNS = ("taking_part", "taking_part_since", "taking_part_reason")
# Consent is one decision: its parts are never mixed from two records.
CONSENT_COLUMNS = (
    "consent_given_on",
    "consent_to_contact",
    "consent_to_keep_support_needs",
    "consent_to_photos",
    "consent_to_quotes",
    "consent_recorded_how",
    "consent_review_on",
    "consent_withdrawn_on",
)


@dataclass(frozen=True)
class MergeSide:
    """One of the two records, as the merge dialog shows it side by side."""

    person_id: int
    name: str
    date_of_birth: date | None
    email: str
    phone: str
    roles: tuple[str, ...]
    level: ParticipationLevel
    joined_on: date
    last_involved_on: date | None
    archived: bool
    added_on: date
    linked: tuple[LinkedCount, ...]


@dataclass(frozen=True)
class MergePreview:
    """What merging will do, in words, before anything is changed."""

    kept_name: str
    removed_name: str
    filled: tuple[str, ...] = ()  # details the kept record lacks, taken from the other
    combined: tuple[str, ...] = ()  # free text written together
    noted: tuple[str, ...] = ()  # details that differ, added to the notes
    taken: tuple[str, ...] = ()  # e.g. "the earlier date joined"
    moving: tuple[LinkedCount, ...] = ()
    kept_as_is: tuple[str, ...] = ()  # choices that differ: the kept record's answer stands

    def sentences(self, kept: str = "", removed: str = "") -> list[str]:
        """What will happen; `kept` and `removed` name the records when their names alike
        would not tell them apart ("the record on the left")."""
        kept = kept or f"{self.kept_name}\u2019s record"
        removed = removed or f"{self.removed_name}\u2019s record"
        said = []
        if self.filled:
            said.append(f"Filled in from {removed}: {and_list(self.filled)}.")
        if self.combined:
            said.append(f"Written together from both records: {and_list(self.combined)}.")
        if self.noted:
            said.append(f"Added to the notes, because the records differ: {and_list(self.noted)}.")
        if self.taken:
            said.append(f"Also kept: {and_list(self.taken)}.")
        if self.kept_as_is:
            said.append(
                f"Answered differently on the two records, kept as on {kept}: "
                f"{and_list(self.kept_as_is)}."
            )
        if self.moving:
            moved = and_list(tuple(f"{item.count:,} {item.label}" for item in self.moving))
            said.append(f"Moved to {kept}: {moved}.")
        said.append(f"Then {removed} is removed.")
        return said


@dataclass
class _Plan:
    values: dict[str, Any] = field(default_factory=dict)
    filled: list[str] = field(default_factory=list)
    combined: list[str] = field(default_factory=list)
    noted: list[tuple[str, str]] = field(default_factory=list)  # (label, the other value)
    taken: list[str] = field(default_factory=list)
    kept_as_is: list[str] = field(default_factory=list)


def merge_sides(session: Session, first_id: int, second_id: int) -> tuple[MergeSide, MergeSide]:
    """Both records, the older first (the one the dialog offers to keep)."""
    sides = sorted(
        (_side(session, person_id) for person_id in (first_id, second_id)),
        key=lambda side: (side.added_on, side.person_id),
    )
    return sides[0], sides[1]


def describe_merge(session: Session, keep_id: int, merge_id: int) -> MergePreview:
    kept, other = _pair(session, keep_id, merge_id)
    plan = _plan(kept, other)
    return MergePreview(
        kept_name=_name(kept),
        removed_name=_name(other),
        filled=tuple(plan.filled),
        combined=tuple(plan.combined),
        noted=tuple(label for label, _value in plan.noted),
        taken=tuple(plan.taken),
        moving=tuple(_moving(session, keep_id, merge_id)),
        kept_as_is=tuple(plan.kept_as_is),
    )


def merge_people(
    session: Session, actor: Actor, *, keep_id: int, merge_id: int, today: date | None = None
) -> None:
    """Move everything of `merge_id` to `keep_id`, then remove `merge_id`. Cannot be undone."""
    require(actor, Permission.DELETE_PEOPLE)  # the other record is removed
    kept, other = _pair(session, keep_id, merge_id)
    plan = _plan(kept, other)
    values = dict(plan.values)
    if plan.noted:
        lines = "\n".join(f"{label}: {value}" for label, value in plan.noted)
        heading = f"From a record merged into this one on {long_date(today or date.today())}:"
        values["notes"] = _joined(values.get("notes", kept.notes), f"{heading}\n{lines}")
    for column, value in values.items():
        setattr(kept, column, value)
    kept.sort_key = sort_key(kept.first_name, kept.last_name)
    kept.updated_at = datetime.now()
    for link in PERSON_LINKS:
        if link.before_merge is not None:
            link.before_merge(session, keep_id, merge_id)
        if link.one_per_value:
            # The kept record already has this value (a role both held): one row is enough.
            session.execute(
                delete(link.table).where(link.column() == merge_id, _kept_has_it(link, keep_id))
            )
        session.execute(
            update(link.table)
            .where(link.column() == merge_id)
            .values({link.person_column: keep_id})
        )
    session.delete(other)
    session.flush()
    refresh_search_words(session, [keep_id])
    audit.record(session, actor, AuditAction.MERGED_PEOPLE, PERSON, keep_id)
    audit.record(session, actor, AuditAction.DELETED_PERSON, PERSON, merge_id)


def _pair(session: Session, keep_id: int, merge_id: int) -> tuple[Person, Person]:
    if keep_id == merge_id:
        raise KnownError("These are the same record. Please choose two different records.")
    kept, other = session.get(Person, keep_id), session.get(Person, merge_id)
    if kept is None or other is None:
        raise PersonNotFound()
    if kept.anonymised_on is not None or other.anonymised_on is not None:
        # Nothing of who they were is left to match, and their counts must stay their own.
        raise KnownError(
            "One of these records has been anonymised under the retention rule, so it can "
            "no longer be merged with another. Please choose two records that are not."
        )
    return kept, other


def _plan(kept: Person, other: Person) -> _Plan:
    plan = _Plan()
    for detail in DETAILS:
        mine, theirs = getattr(kept, detail.column), getattr(other, detail.column)
        if _blank(theirs) or _same(detail.column, mine, theirs):
            continue
        if _blank(mine):
            plan.values[detail.column] = theirs
            plan.filled.append(detail.label)
        elif detail.rule is Rule.JOIN:
            plan.values[detail.column] = _joined(mine, theirs)
            plan.combined.append(detail.label)
        elif detail.rule is Rule.FILL_OR_NOTE:
            plan.noted.append((detail.label, _written(theirs)))
        else:
            plan.kept_as_is.append(detail.label)
    if other.taking_part != kept.taking_part and _more_recent(
        other.taking_part_since, kept.taking_part_since
    ):
        plan.values.update({column: getattr(other, column) for column in TAKING_PART_COLUMNS})
        plan.taken.append("the more recent taking-part status")
    levels = list(ParticipationLevel)
    if levels.index(ParticipationLevel(other.participation_level)) > levels.index(
        ParticipationLevel(kept.participation_level)
    ):
        # People move up the pyramid far more often than down: the higher level is the newer.
        plan.values["participation_level"] = other.participation_level
        plan.taken.append("the higher participation level")
    if _latest_consent(other) > _latest_consent(kept):
        plan.values.update({column: getattr(other, column) for column in CONSENT_COLUMNS})
        plan.taken.append("the more recent consent decision")
    if other.joined_on < kept.joined_on:
        plan.values["joined_on"] = other.joined_on
        plan.taken.append("the earlier date joined")
    if _more_recent(other.involved_before_records_on, kept.involved_before_records_on):
        plan.values["involved_before_records_on"] = other.involved_before_records_on
    if other.last_involved_on and (
        kept.last_involved_on is None or other.last_involved_on > kept.last_involved_on
    ):
        plan.values["last_involved_on"] = other.last_involved_on
        plan.taken.append("the later date last involved")
    if kept.archived and not other.archived:
        # Someone current on either record stays in everyday lists.
        plan.values["archived"] = False
        plan.taken.append("a place in everyday lists (only one record was archived)")
    return plan


def _more_recent(theirs: date | None, mine: date | None) -> bool:
    return theirs is not None and (mine is None or theirs > mine)


def _latest_consent(person: Person) -> date:
    """When consent was last given or withdrawn: the later decision is the one that stands."""
    dates = [day for day in (person.consent_given_on, person.consent_withdrawn_on) if day]
    return max(dates, default=date.min)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _same(column: str, mine: object, theirs: object) -> bool:
    if column == "phone":
        return phone_key(str(mine)) == phone_key(str(theirs))
    if isinstance(mine, str) and isinstance(theirs, str):
        return " ".join(mine.split()).casefold() == " ".join(theirs.split()).casefold()
    return mine == theirs


def _joined(mine: str, theirs: str) -> str:
    return f"{mine.rstrip()}\n\n{theirs.strip()}" if mine.strip() else theirs.strip()


def _written(value: object) -> str:
    if isinstance(value, date):
        return short_date(value)
    return ", ".join(line.strip() for line in str(value).splitlines() if line.strip())


def _kept_has_it(link: PersonLink, keep_id: int) -> ColumnElement[bool]:
    """For a one-per-value link: the kept record has a row with the same key already.

    The key is the table's primary key without the person; a table keyed by the person
    alone (search words) holds one row per person, so any row of the kept one counts.
    """
    table = link.table
    kept_rows = table.alias("kept_rows")
    values = list(link.value_columns) or [
        column.name for column in table.primary_key if column.name != link.person_column
    ]
    return exists().where(
        kept_rows.c[link.person_column] == keep_id,
        *(kept_rows.c[name] == table.c[name] for name in values),
    )


def _moving(session: Session, keep_id: int, merge_id: int) -> list[LinkedCount]:
    moving = []
    for link in PERSON_LINKS:
        if not link.shown:
            continue
        query = select(func.count()).select_from(link.table).where(link.column() == merge_id)
        if link.one_per_value:
            query = query.where(~_kept_has_it(link, keep_id))
        number = session.scalar(query) or 0
        if number:
            moving.append(LinkedCount(link.singular if number == 1 else link.plural, number))
    return moving


def _side(session: Session, person_id: int) -> MergeSide:
    details = load_person(session, person_id)  # raises PersonNotFound for a record gone
    person = session.get_one(Person, person_id)
    return MergeSide(
        person_id=person_id,
        name=details.display_name,
        date_of_birth=details.date_of_birth,
        email=details.email,
        phone=details.phone,
        roles=details.roles,
        level=details.participation_level,
        joined_on=person.joined_on,
        last_involved_on=person.last_involved_on,
        archived=person.archived,
        added_on=person.created_at.date(),
        linked=tuple(linked_records(session, person_id)),
    )


def _name(person: Person) -> str:
    return display_name(person.first_name, person.last_name, person.preferred_name)
