"""Likely duplicates: is the person being added already in the register?

A person often ends up on the register twice: typed in at an event, then imported from a
sign-up sheet with a nickname or a new phone format. When someone is added we look for
records with the same email address or phone number, or a very similar name, or a similar
name and the same date of birth. Merging the two (`people_merge.py`) then keeps everything.

Speed matters because this runs while the user waits to save: every name is read as plain
Core rows (ORM objects for 20,000 people would cost ten times as long) and compared by
rapidfuzz in C; exact details are found by SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process, utils
from sqlalchemy import ColumnElement, Row, false, func, or_, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import Person
from involve_desktop.domain.person_record import PersonDetails, display_name
from involve_desktop.domain.search_words import fold, without_apostrophes

# token_sort_ratio, 0 to 100, on folded names in any order ("Smith John" = "John Smith").
VERY_SIMILAR_NAME = 90  # "Jon Smith" / "John Smith" (95), "Joan Smith" / "John Smith" (90)
SIMILAR_NAME = 75  # enough only with another detail in common ("Jon Smyth" / "John Smith")
# Numbers are compared by their last nine digits so that "+44 7700 900123", "07700 900123"
# and "07700-900-123" are one number; shorter (local) numbers must match in full.
PHONE_TAIL = 9
EXACT_DETAIL_WEIGHT = 100

SAME_EMAIL = "same email address"
SAME_PHONE = "same phone number"
SAME_BIRTH = "same date of birth"
SAME_NAME = "same name"
VERY_SIMILAR = "very similar name"
SIMILAR = "similar name"
SAME_FIRST_NAME = "same first name"
ARCHIVED = "archived"


@dataclass(frozen=True)
class DuplicateMatch:
    """A record that may be the same person, and why in plain words (most telling first)."""

    person_id: int
    name: str
    reasons: tuple[str, ...]
    score: int  # for ordering only: details in common count more than a similar name
    date_of_birth: date | None = None
    email: str = ""
    archived: bool = False


def phone_key(phone: str) -> str:
    """The part of a phone number that identifies it, whatever way it was written."""
    digits = re.sub(r"\D", "", phone)
    return digits[-PHONE_TAIL:] if len(digits) >= PHONE_TAIL else digits


def find_likely_duplicates(
    session: Session, details: PersonDetails, *, exclude_id: int | None = None, limit: int = 5
) -> list[DuplicateMatch]:
    """Records (archived ones too) that may be this person, likeliest first."""
    name_scores = _similar_names(session, details)
    exact_ids = set(session.scalars(select(Person.id).where(_same_detail(details))))
    candidate_ids = (set(name_scores) | exact_ids) - {exclude_id}
    if not candidate_ids:
        return []
    rows = session.execute(
        select(
            Person.id,
            Person.first_name,
            Person.last_name,
            Person.preferred_name,
            Person.date_of_birth,
            Person.email,
            Person.phone,
            Person.archived,
        ).where(Person.id.in_(candidate_ids), Person.anonymised_on.is_(None))
    )
    typed = _Typed.of(details)
    matches = [
        match
        for row in rows
        if (match := _judge(row, typed, round(name_scores.get(row.id, 0)))) is not None
    ]
    matches.sort(key=lambda match: (-match.score, match.name.casefold(), match.person_id))
    return matches[:limit]


@dataclass(frozen=True)
class _Typed:
    """The details being added, in the forms they are compared in."""

    email: str
    phone: str
    first_name: str
    date_of_birth: date | None

    @classmethod
    def of(cls, details: PersonDetails) -> _Typed:
        return cls(
            details.email.strip().casefold(),
            phone_key(details.phone),
            fold(details.first_name).strip(),
            details.date_of_birth,
        )


def _judge(row: Row[Any], typed: _Typed, name_score: int) -> DuplicateMatch | None:
    """A match when the row has enough in common with what was typed, else None."""
    same_email = bool(typed.email) and row.email.strip().casefold() == typed.email
    same_phone = bool(typed.phone) and phone_key(row.phone) == typed.phone
    same_birth = typed.date_of_birth is not None and row.date_of_birth == typed.date_of_birth
    same_first = bool(typed.first_name) and fold(row.first_name).strip() == typed.first_name
    name_reason = _name_reason(name_score, same_birth and same_first)
    counts = (
        same_email
        or same_phone
        or name_score >= VERY_SIMILAR_NAME
        or (same_birth and name_reason is not None)
    )
    if not counts:
        return None
    reasons = [
        label
        for label, present in (
            (SAME_EMAIL, same_email),
            (SAME_PHONE, same_phone),
            (SAME_BIRTH, same_birth),
        )
        if present
    ]
    if name_reason is not None:
        reasons.append(name_reason)
    if row.archived:
        reasons.append(ARCHIVED)
    return DuplicateMatch(
        person_id=row.id,
        name=display_name(row.first_name, row.last_name, row.preferred_name),
        reasons=tuple(reasons),
        score=(same_email + same_phone + same_birth) * EXACT_DETAIL_WEIGHT + name_score,
        date_of_birth=row.date_of_birth,
        email=row.email,
        archived=row.archived,
    )


def _name_reason(score: int, same_first_name: bool) -> str | None:
    if score >= 100:
        return SAME_NAME
    if score >= VERY_SIMILAR_NAME:
        return VERY_SIMILAR
    if score >= SIMILAR_NAME:
        return SIMILAR
    # A surname can change (marriage) while first name and birthday stay: with the same
    # date of birth, the same first name is worth a look, though alone it never is.
    return SAME_FIRST_NAME if same_first_name else None


def _similar_names(session: Session, details: PersonDetails) -> dict[int, float]:
    """Person id → best name score at or above SIMILAR_NAME (by full or preferred name)."""
    typed = _comparable(f"{details.first_name} {details.last_name}")
    if not typed:
        return {}
    wanted = [typed]
    if details.preferred_name.strip():
        wanted.append(_comparable(f"{details.preferred_name} {details.last_name}"))
    owners, names = _every_name(session)
    best: dict[int, float] = {}
    for query in wanted:
        for _name, score, index in process.extract(
            query,
            names,
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            score_cutoff=SIMILAR_NAME,
            limit=None,
        ):
            person_id = int(owners[index])
            best[person_id] = max(score, best.get(person_id, 0))
    return best


def _every_name(session: Session) -> tuple[list[str], list[str]]:
    """Everyone's id (as text) and folded name; a preferred name adds one more entry."""
    # Core rows rather than ORM objects: 20,000 of them cost a few milliseconds this way.
    rows = session.connection().execute(
        select(Person.id, Person.sort_key, Person.preferred_name, Person.last_name)
    )
    owners: list[str] = []
    names: list[str] = []
    for person_id, key, preferred, last_name in rows:
        owner = str(person_id)
        # sort_key is the surname and first name, folded when the person was saved.
        owners.append(owner)
        names.append(_without_apostrophes(key.replace("\x1f", " ")))
        if preferred:
            owners.append(owner)
            names.append(_without_apostrophes(_quick_fold(f"{preferred} {last_name}")))
    return owners, names


def _comparable(name: str) -> str:
    """Folded, apostrophes dropped, other punctuation as spaces: "O'Brien-Zoë" ~ "obrien zoe"."""
    return utils.default_process(_without_apostrophes(fold(name)))


def _quick_fold(name: str) -> str:
    # Most names are plain ASCII, where folding is lower case; `fold` costs more per letter.
    return name.lower() if name.isascii() else fold(name)


def _without_apostrophes(text: str) -> str:
    # O'Brien is also typed OBrien, never "O Brien".
    return without_apostrophes(text)


def _same_detail(details: PersonDetails) -> ColumnElement[bool]:
    """Rows sharing the date of birth, email (any case) or phone (any format)."""
    conditions: list[ColumnElement[bool]] = []
    if details.date_of_birth is not None:
        conditions.append(Person.date_of_birth == details.date_of_birth)
    email = details.email.strip()
    if email:
        conditions.append(func.lower(Person.email) == func.lower(email))
    key = phone_key(details.phone)
    if key:
        # The digits in order with anything between them, ending the number: a LIKE is five
        # times quicker than stripping every stored number; `_judge` then checks exactly.
        conditions.append(Person.phone.like("%" + "%".join(key)))
    return or_(*conditions) if conditions else false()
