"""The retention routine: who is past the charity's retention point, what removing them would
remove, and the two things a person can choose to do about it (anonymise or delete).

Last involvement is `last_involved_on`, or `joined_on` for someone never involved. Anonymised
people are never listed again. People with a claim still open (submitted or approved, not yet
paid or rejected) are held back: the claim still has to be paid or turned down, and that needs
to know who it is for. Nothing here runs by itself: Home lists the people, and a person
chooses what happens to them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, case, exists, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.compaction import compact_after_commit
from involve_desktop.db.models import (
    AttendanceRecord,
    LevelChange,
    Organisation,
    Person,
    TrainingRecord,
)
from involve_desktop.db.money_models import Claim
from involve_desktop.domain.claims import COUNTED_STATUSES, ClaimStatus
from involve_desktop.domain.formatting import and_list, plural
from involve_desktop.domain.money import format_pence
from involve_desktop.domain.person_record import display_name
from involve_desktop.domain.retention import (
    DEFAULT_RETENTION_YEARS,
    retention_cutoff,
    retention_rule_text,
)
from involve_desktop.domain.roles import Permission
from involve_desktop.services import audit
from involve_desktop.services.audit import AuditAction
from involve_desktop.services.people_lifecycle import delete_person
from involve_desktop.services.permissions import Actor, require
from involve_desktop.services.retention_anonymise import (
    anonymise_rows,
    name_keys_of,
    remove_claim_details,
    remove_names_from_free_text,
)

OPEN_CLAIM_STATUSES = (ClaimStatus.SUBMITTED.value, ClaimStatus.APPROVED.value)
BATCH = 500  # ids per IN (...), well under SQLite's limit on bound values
REMOVED_ALWAYS = (
    "name, contact details, date of birth, notes, support and health notes, consent, "
    "interests and barriers"
)


@dataclass(frozen=True)
class RetentionPerson:
    """One person past the retention point, as the routine shows them before anything is done."""

    person_id: int
    name: str
    last_involved: date
    removed: str  # what anonymising removes, in words
    kept: str  # what anonymising keeps, as counts with no name
    held_back: str = ""  # why they cannot be removed yet; "" when they can


@dataclass(frozen=True)
class RetentionReview:
    years: int
    rule: str  # "Records are kept for 6 years after a person's last involvement"
    cutoff: date  # last involvement before this day is past the point
    due: tuple[RetentionPerson, ...]  # may be anonymised or deleted today
    held_back: tuple[RetentionPerson, ...]  # past the point, but with a claim still open


@dataclass
class RetentionDone:
    """What anonymising or deleting did: `count` people. `tidied` turns False, once the
    change has committed, if the database file could not be compacted (a full disk): the
    change stands, but traces of what was removed stay in the file until it is."""

    count: int
    tidied: bool = True

    def failed_to_tidy(self) -> None:
        self.tidied = False


def retention_years(session: Session) -> int:
    years = session.scalar(select(Organisation.retention_years).where(Organisation.id == 1))
    return years or DEFAULT_RETENTION_YEARS


def _last_involvement() -> ColumnElement:
    return func.coalesce(Person.last_involved_on, Person.joined_on)


def _has_open_claim() -> ColumnElement[bool]:
    return exists().where(and_(Claim.person_id == Person.id, Claim.status.in_(OPEN_CLAIM_STATUSES)))


def _past_the_point(session: Session, today: date) -> ColumnElement[bool]:
    cutoff = retention_cutoff(today, retention_years(session))
    return and_(Person.anonymised_on.is_(None), _last_involvement() < cutoff)


def count_past_retention(session: Session, today: date) -> int:
    """How many people the retention routine offers to anonymise or delete today (past the
    point and not held back by an open claim); Home shows this as a job when it is not 0."""
    query = (
        select(func.count())
        .select_from(Person)
        .where(_past_the_point(session, today), ~_has_open_claim())
    )
    return session.scalar(query) or 0


def review_retention(session: Session, today: date) -> RetentionReview:
    """Everyone past the retention point, longest gone first, with what removing them means."""
    years = retention_years(session)
    rows = session.execute(
        select(
            Person.id,
            Person.first_name,
            Person.last_name,
            Person.preferred_name,
            _last_involvement(),
        )
        .where(_past_the_point(session, today))
        .order_by(_last_involvement(), Person.sort_key, Person.id)
    ).all()
    ids = [row[0] for row in rows]
    counts = _counts(session, ids)
    due, held = [], []
    for person_id, first, last, preferred, last_involved in rows:
        tally = counts[person_id]
        person = RetentionPerson(
            person_id=person_id,
            name=display_name(first, last, preferred),
            last_involved=last_involved,
            removed=_removed_words(tally),
            kept=_kept_words(tally),
            held_back=_held_back_words(tally["open_claims"]),
        )
        (held if person.held_back else due).append(person)
    return RetentionReview(
        years=years,
        rule=retention_rule_text(years),
        cutoff=retention_cutoff(today, years),
        due=tuple(due),
        held_back=tuple(held),
    )


def _counts(session: Session, ids: list[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    counted = [status.value for status in COUNTED_STATUSES]
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        for column, key in (
            (AttendanceRecord.person_id, "activities"),
            (LevelChange.person_id, "level_changes"),
            (TrainingRecord.person_id, "training"),
        ):
            for person_id, number in session.execute(
                select(column, func.count()).where(column.in_(batch)).group_by(column)
            ):
                counts[person_id][key] = number
        claim_rows = session.execute(
            select(
                Claim.person_id,
                func.sum(case((Claim.status.in_(counted), 1), else_=0)),
                func.sum(
                    case(
                        (Claim.status.in_(counted), Claim.fees_pence + Claim.expenses_pence),
                        else_=0,
                    )
                ),
                func.sum(case((Claim.status.in_(OPEN_CLAIM_STATUSES), 1), else_=0)),
                func.sum(case((Claim.status == ClaimStatus.DRAFT.value, 1), else_=0)),
            )
            .where(Claim.person_id.in_(batch))
            .group_by(Claim.person_id)
        )
        for person_id, claims, pence, still_open, drafts in claim_rows:
            tally = counts[person_id]
            tally["claims"], tally["pence"], tally["open_claims"] = claims, pence, still_open
            tally["drafts"] = drafts
    return counts


def _removed_words(tally: dict[str, int]) -> str:
    extra = (
        [plural(tally["training"], "training record", "training records")]
        if tally["training"]
        else []
    )
    if tally["claims"]:
        extra.append("what their claims said and their receipts")
    if tally["drafts"]:
        extra.append(plural(tally["drafts"], "draft claim"))
    return and_list([REMOVED_ALWAYS, *extra])


def _kept_words(tally: dict[str, int]) -> str:
    kept = []
    if tally["activities"]:
        kept.append(plural(tally["activities"], "activity", "activities"))
    if tally["claims"]:
        claims = plural(tally["claims"], "claim", "claims")
        kept.append(f"{claims} ({format_pence(tally['pence'])})")
    if tally["level_changes"]:
        kept.append(plural(tally["level_changes"], "level change", "level changes"))
    if not kept:
        return "Nothing to count"
    return f"{and_list(kept)} kept as counts"


def _held_back_words(open_claims: int) -> str:
    if not open_claims:
        return ""
    waiting = plural(open_claims, "claim is", "claims are")
    return f"{waiting} waiting for approval or payment: pay or reject first"


def _still_due(session: Session, person_ids: list[int], today: date) -> list[int]:
    """Of `person_ids`, those still past the point with no open claim (checked again as the
    change is made: a record may have changed since the list was shown)."""
    wanted = list(dict.fromkeys(person_ids))
    due: list[int] = []
    for start in range(0, len(wanted), BATCH):
        due.extend(
            session.scalars(
                select(Person.id).where(
                    Person.id.in_(wanted[start : start + BATCH]),
                    _past_the_point(session, today),
                    ~_has_open_claim(),
                )
            )
        )
    return due


def anonymise_people(
    session: Session, actor: Actor, person_ids: list[int], today: date
) -> RetentionDone:
    """Anonymise those of `person_ids` still past the point (see `retention_anonymise`) and
    compact the file once committed.

    Needs the 'delete people' permission: anonymising removes a person as surely as
    deleting does, and only the counts are left.
    """
    require(actor, Permission.DELETE_PEOPLE)
    due = _still_due(session, person_ids, today)
    done = RetentionDone(len(due))
    if not due:
        return done
    anonymise_rows(session, due, today)
    for person_id in due:
        audit.record(session, actor, AuditAction.ANONYMISED_PERSON, "person", person_id)
    compact_after_commit(session, done.failed_to_tidy)
    return done


def delete_people(
    session: Session, actor: Actor, person_ids: list[int], today: date
) -> RetentionDone:
    """Delete those of `person_ids` still past the point, as deleting one person does
    (`people_lifecycle.delete_person`: attendance and claims stay with no person), after
    removing what anonymising removes from what stays: their draft claims, what their claims
    and lines said, their receipts, and their name in free text. Compacts the file once
    committed."""
    require(actor, Permission.DELETE_PEOPLE)
    due = _still_due(session, person_ids, today)
    done = RetentionDone(len(due))
    names = name_keys_of(session, due)
    for start in range(0, len(due), BATCH):
        remove_claim_details(session, due[start : start + BATCH])
    remove_names_from_free_text(session, names)
    for person_id in due:
        delete_person(session, actor, person_id)
    if due:
        # One entry for the routine as a whole: delete_person recorded each id.
        audit.record(
            session,
            actor,
            AuditAction.DELETED_PERSON_PAST_RETENTION,
            f"{plural(len(due), 'person', 'people')}",
        )
        compact_after_commit(session, done.failed_to_tidy)
    return done


def tidy_up_file(session: Session, actor: Actor) -> RetentionDone:
    """Compact the file again, once this unit of work commits, after a change that removed
    people could not (`RetentionDone.tidied`): a full disk, since freed."""
    require(actor, Permission.DELETE_PEOPLE)
    done = RetentionDone(0)
    compact_after_commit(session, done.failed_to_tidy)
    return done
