"""How the participation figures are counted quickly: most people in grouped SQL, the few whose
level has moved one by one from their history.

Most people have one level change, made the day they were added, to the level they are at now
and dated on or after the day they joined. Their level has never moved and they arrived on
the register the day they joined (or today, if that day is still to come): `LevelStory` says
the same of them as of someone with no history at all. Such "plain" people are counted in SQL
(`RegisterCounts`: one grouped pass over the register for everything a year's figures ask),
so 20,000 of them come back as a thousand or so groups. The others ("told" histories: a level
that moved, or a history that begins before the joining date) are read and told step by step,
as `domain/level_history.py` says.

A person's roles are carried as bit masks (one bit for each role on the charity's list), so
that grouping by them counts a person with several roles once in each role without reading a
row per person and role.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from sqlalchemy import ColumnElement, Select, Subquery, case, func, literal, or_, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import LevelChange, Person, PersonOption, person_chosen_option
from involve_desktop.domain.level_history import LevelStep
from involve_desktop.domain.people import OptionKind

# Bits in one mask: SQLite's integers are 64-bit and signed.
ROLES_PER_MASK = 62
NO_ROLE = ""


@dataclass(frozen=True)
class ToldHistories:
    """The ids of the people whose level history has to be told step by step."""

    ids: tuple[int, ...]

    @classmethod
    def read(cls, session: Session) -> ToldHistories:
        query = (
            select(LevelChange.person_id)
            .join(Person, Person.id == LevelChange.person_id)
            .group_by(LevelChange.person_id)
            .having(
                or_(
                    func.count() > 1,
                    func.max(LevelChange.from_level) != "",
                    func.max(LevelChange.to_level) != func.max(Person.participation_level),
                    func.min(LevelChange.changed_on) < func.max(Person.joined_on),
                )
            )
        )
        return cls(tuple(session.connection().execute(query).scalars()))

    def plain(self, person_id: ColumnElement[int]) -> list[ColumnElement[bool]]:
        """The conditions for a plain history (none at all when nobody's is told: SQLite
        then skips an empty NOT IN, which costs a tenth of the query)."""
        return [person_id.not_in(self.ids)] if self.ids else []

    def told(self, person_id: ColumnElement[int]) -> ColumnElement[bool]:
        return person_id.in_(self.ids)


@dataclass(frozen=True)
class RoleMasks:
    """The charity's roles, each given one bit of a mask."""

    ids: tuple[int, ...]  # the roles' option ids; bit k of mask k // 62 is ids[k]
    names: tuple[str, ...]

    @classmethod
    def read(cls, session: Session) -> RoleMasks:
        rows = session.connection().execute(
            select(PersonOption.id, PersonOption.name)
            .where(PersonOption.kind == OptionKind.ROLE.value)
            .order_by(PersonOption.id)
        )
        pairs = list(rows)
        return cls(tuple(pair[0] for pair in pairs), tuple(pair[1] for pair in pairs))

    def masks(self) -> Subquery:
        """Each person with a role and the masks of the roles they hold (`mask_0`, ...): one
        pass along the index of chosen options, grouped by person as it is stored."""
        chosen = person_chosen_option.c
        columns = []
        for start in range(0, len(self.ids), ROLES_PER_MASK):
            chunk = self.ids[start : start + ROLES_PER_MASK]
            bits = {option_id: 1 << k for k, option_id in enumerate(chunk)}
            mask = func.sum(case(bits, value=chosen.option_id, else_=0))
            columns.append(mask.label(f"mask_{start // ROLES_PER_MASK}"))
        return (
            select(chosen.person_id, *columns)
            .where(chosen.option_id.in_(self.ids))
            .group_by(chosen.person_id)
            .subquery()
        )

    def columns(self, masks: Subquery) -> list[ColumnElement[int]]:
        """The masks of a person joined to `masks` (0 for someone with no role)."""
        return [
            func.coalesce(column, 0) for column in masks.columns if column.name.startswith("mask_")
        ]

    def roles_in(self, masks: tuple[int, ...] | list[int]) -> list[str]:
        """The names of the roles set in `masks`; [''] for someone with no role."""
        held = []
        for number, mask in enumerate(masks):
            for k in range(ROLES_PER_MASK):
                if mask >> k & 1:
                    held.append(self.names[number * ROLES_PER_MASK + k])
        return held or [NO_ROLE]


def not_archived() -> ColumnElement[bool]:
    # "IS NOT 1" rather than "= 0": the same rows, but SQLite then reads the table in order
    # rather than through the archived-and-name index one person at a time (twice as slow).
    return Person.archived.is_not(True)


class Arrival(IntEnum):
    """When a person with a plain history arrived on the register, against a year: they
    arrived the day they joined, or today when that day is still to come
    (`LevelStory.arrival`)."""

    BY_YEAR_START = 0  # by the day before the year began
    IN_YEAR = 1  # from the year's first day to its "now" (`as_of`)
    AFTER = 2  # after `as_of`: a year in the past
    TODAY = 3  # joining on a day still to come: arrived today


def arrival(before: date, as_of: date, today: date) -> ColumnElement[int]:
    """A person's `Arrival` for the year, worked out in SQL: one expression, so that 20,000
    people can be grouped by it in a single pass."""
    joined = Person.joined_on
    return case(
        (joined >= today, Arrival.TODAY.value),
        (joined <= before, Arrival.BY_YEAR_START.value),
        (joined <= as_of, Arrival.IN_YEAR.value),
        else_=Arrival.AFTER.value,
    )


def steps_of(
    session: Session, who: Select[tuple[int]] | None, told: ToldHistories
) -> dict[int, list[LevelStep]]:
    """The level changes of the told people among `who` (None: all of them), in order."""
    steps: dict[int, list[LevelStep]] = defaultdict(list)
    query = select(
        LevelChange.person_id, LevelChange.changed_on, LevelChange.from_level, LevelChange.to_level
    ).where(told.told(LevelChange.person_id))
    if who is not None:
        query = query.where(LevelChange.person_id.in_(who))
    for person_id, changed_on, from_level, to_level in session.connection().execute(
        query.order_by(LevelChange.person_id, LevelChange.changed_on, LevelChange.id)
    ):
        steps[person_id].append(LevelStep(changed_on, from_level, to_level))
    return steps


def roles_of(
    session: Session, who: Select[tuple[int]] | None, told: ToldHistories
) -> dict[int, list[str]]:
    """The role names of the told people among `who` (None: all of them)."""
    chosen = person_chosen_option.c
    query = (
        select(chosen.person_id, PersonOption.name)
        .join(PersonOption, PersonOption.id == chosen.option_id)
        .where(PersonOption.kind == OptionKind.ROLE.value, told.told(chosen.person_id))
    )
    if who is not None:
        query = query.where(chosen.person_id.in_(who))
    roles: dict[int, list[str]] = defaultdict(list)
    for person_id, name in session.connection().execute(query):
        roles[person_id].append(name)
    return roles


@dataclass(frozen=True)
class RegisterGroup:
    """People alike in everything the year's figures ask about, and how many they are."""

    level: str  # their participation level now (the record's)
    taking_part: str
    arrived: Arrival
    archived: bool
    told: bool  # their history is told step by step, so they are counted from it instead
    took_part: bool  # attended an activity held in the year (when that was asked)
    joined_in_year: bool  # joining date from the year's first day to its last
    roles: tuple[str, ...]  # ('',) for no role
    count: int

    @property
    def plain_on_register(self) -> bool:
        return not self.archived and not self.told


@dataclass(frozen=True)
class RegisterCounts:
    """The whole register counted in one grouped query for one financial year: what the
    participation spread, who took part, new people and not taking part all read, so that
    20,000 people are read once rather than four times."""

    first: date
    last: date
    before: date
    as_of: date
    groups: tuple[RegisterGroup, ...]
    with_took_part: bool  # whether `took_part` was asked for

    @classmethod
    def read(
        cls,
        session: Session,
        today: date,
        period: tuple[date, date],
        told: ToldHistories,
        roles: RoleMasks,
        took_part: Select[tuple[int]] | None = None,
    ) -> RegisterCounts:
        """`took_part`: the ids of the people who took part in the year, if that is wanted."""
        first, last = period
        before = first - timedelta(days=1)
        as_of = max(min(today, last), before)
        held_masks = roles.masks()
        masks = roles.columns(held_masks)
        query = select(Person).outerjoin(held_masks, held_masks.c.person_id == Person.id)
        attended = literal(False)
        if took_part is not None:
            # Joined once, rather than "IN" in both the columns and the grouping (twice).
            came = took_part.subquery()
            query = query.outerjoin(came, came.c.person_id == Person.id)
            attended = came.c.person_id.is_not(None)
        keys = [
            Person.participation_level,
            Person.taking_part,
            arrival(before, as_of, today),
            # An expression, not the column: grouping by the column itself has SQLite read
            # people through the archived-and-name index, one at a time (twice as slow).
            Person.archived.is_(True),
            told.told(Person.id) if told.ids else literal(False),
            attended,
            Person.joined_on.between(first, last),
            *masks,
        ]
        rows = session.connection().execute(
            query.with_only_columns(*keys, func.count()).group_by(*keys)
        )
        # A thousand or so groups for 20,000 people: each mix of roles is named once.
        names: dict[tuple[int, ...], tuple[str, ...]] = {}
        groups = []
        for level, status, arrived, archived, is_told, attended, joined, *held, count in rows.all():
            key = tuple(held)
            if key not in names:
                names[key] = tuple(roles.roles_in(key))
            groups.append(
                RegisterGroup(
                    level,
                    status,
                    Arrival(arrived),
                    bool(archived),
                    bool(is_told),
                    bool(attended),
                    bool(joined),
                    names[key],
                    count,
                )
            )
        return cls(first, last, before, as_of, tuple(groups), took_part is not None)
