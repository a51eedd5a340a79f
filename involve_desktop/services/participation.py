"""The participation spread: how many people sit at each level, by role, and how that moved
over a year; and which activities coming up offer a way in at each level.

Everyone on the register is counted at their level, whether or not they take part at the
moment (the figures also say how many do): a person who has chosen not to take part still
holds the level they reached. Archived people are left out of every figure, at the start of
the year too, because the register does not keep the day someone was archived. A person
with several roles counts once in each of their roles. The levels on past days are read from
the level history (`domain/level_history.py`); people whose level has never moved are
counted in grouped SQL (`participation_counts.py`). The evaluation, the annual report and Home
read these same functions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from involve_desktop.db.models import Activity, ActivityOption, Person
from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.level_history import LEVELS, LevelStory
from involve_desktop.domain.people import OptionKind, ParticipationLevel, TakingPart
from involve_desktop.services.participation_counts import (
    Arrival,
    RegisterCounts,
    RoleMasks,
    ToldHistories,
    not_archived,
    roles_of,
    steps_of,
)
from involve_desktop.services.person_lists import list_options

WAYS_IN_DAYS_AHEAD = 90  # a season of planning: far enough to invite, near enough to be real


@dataclass(frozen=True)
class LevelFigures:
    level: ParticipationLevel
    now: int  # on the register at this level on `as_of`
    at_start: int  # as the year began, before anything on its first day
    joined: int  # new to the register during the year, at the level they came in at
    moved_in: int
    moved_out: int
    taking_part: int  # of `now`, taking part at the moment (status has no history)

    @property
    def change(self) -> int:
        return self.now - self.at_start


@dataclass(frozen=True)
class RoleFigures:
    role: str  # '' for people with no role recorded
    by_level: tuple[int, ...]  # in the order of LEVELS, base first

    @property
    def total(self) -> int:
        return sum(self.by_level)


@dataclass(frozen=True)
class ParticipationSpread:
    first: date
    last: date
    as_of: date  # the day "now" describes: today, or the last day of a past year
    current: bool  # the period holds today, so "now" is today
    levels: tuple[LevelFigures, ...]  # in the order of LEVELS, base first
    roles: tuple[RoleFigures, ...]
    moved_up: int
    moved_down: int

    def level(self, level: ParticipationLevel) -> LevelFigures:
        return self.levels[LEVELS.index(level)]

    @property
    def total_now(self) -> int:
        return sum(figures.now for figures in self.levels)

    @property
    def total_at_start(self) -> int:
        return sum(figures.at_start for figures in self.levels)

    @property
    def joined(self) -> int:
        return sum(figures.joined for figures in self.levels)

    @property
    def taking_part(self) -> int:
        return sum(figures.taking_part for figures in self.levels)


@dataclass(frozen=True)
class WayIn:
    activity_id: int
    title: str
    held_on: date
    power_shared: PowerShared
    kind: str


def participation_spread(
    session: Session,
    today: date,
    period: tuple[date, date],
    *,
    told: ToldHistories | None = None,
    register: RegisterCounts | None = None,
) -> ParticipationSpread:
    """`told` and `register` may be passed in when already read for the same year
    (`year_figures` reads them once for all its figures)."""
    first, last = period
    told = told or ToldHistories.read(session)
    register = register or RegisterCounts.read(
        session, today, period, told, RoleMasks.read(session)
    )
    tally = _Tally(first, register.before, register.as_of)
    _tally_plain_histories(register, today, tally)
    _tally_told_histories(session, today, tally, told)
    role_names = [*list_options(session, OptionKind.ROLE), *([""] if "" in tally.by_role else [])]
    return ParticipationSpread(
        first=first,
        last=last,
        as_of=tally.as_of,
        current=first <= today <= last,
        levels=tuple(
            LevelFigures(
                level=level,
                now=tally.now[level],
                at_start=tally.at_start[level],
                joined=tally.joined[level],
                moved_in=tally.moved_in[level],
                moved_out=tally.moved_out[level],
                taking_part=tally.taking_part[level],
            )
            for level in LEVELS
        ),
        roles=tuple(
            RoleFigures(role, tuple(tally.by_role[role][level] for level in LEVELS))
            for role in role_names
        ),
        moved_up=tally.moved_up,
        moved_down=tally.moved_down,
    )


@dataclass
class _Tally:
    first: date
    before: date  # the day before the year began: how it began
    as_of: date
    now: Counter[ParticipationLevel] = field(default_factory=Counter)
    at_start: Counter[ParticipationLevel] = field(default_factory=Counter)
    joined: Counter[ParticipationLevel] = field(default_factory=Counter)
    moved_in: Counter[ParticipationLevel] = field(default_factory=Counter)
    moved_out: Counter[ParticipationLevel] = field(default_factory=Counter)
    taking_part: Counter[ParticipationLevel] = field(default_factory=Counter)
    by_role: dict[str, Counter[ParticipationLevel]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    moved_up: int = 0
    moved_down: int = 0


def _tally_plain_histories(register: RegisterCounts, today: date, tally: _Tally) -> None:
    """Everyone on the register whose level has never moved, from the grouped counts."""
    levels = {level.value: level for level in LEVELS}
    counts = {kind: _arrival_counts(kind, tally, today) for kind in Arrival}
    for group in register.groups:
        if not group.plain_on_register:
            continue
        level, count = levels[group.level], group.count
        at_start, joined, now = counts[group.arrived]
        tally.at_start[level] += count * at_start
        tally.joined[level] += count * joined
        if now:
            tally.now[level] += count
            tally.taking_part[level] += count * (group.taking_part == TakingPart.TAKING_PART.value)
            for role in group.roles:
                tally.by_role[role][level] += count


def _arrival_counts(arrived: Arrival, tally: _Tally, today: date) -> tuple[bool, bool, bool]:
    """Whether people who arrived so were on the register as the year began, joined it during
    the year, and are on it on the year's "now"."""
    if arrived is Arrival.TODAY:
        return today <= tally.before, tally.first <= today <= tally.as_of, today <= tally.as_of
    return (
        arrived is Arrival.BY_YEAR_START,
        arrived is Arrival.IN_YEAR,
        arrived is not Arrival.AFTER,
    )


def _tally_told_histories(
    session: Session, today: date, tally: _Tally, told: ToldHistories
) -> None:
    """The people whose level has moved (or whose history starts before they joined), each
    told from their own history."""
    if not told.ids:
        return
    roles = roles_of(session, None, told)
    steps = steps_of(session, None, told)
    people = session.connection().execute(
        select(Person.id, Person.joined_on, Person.participation_level, Person.taking_part).where(
            not_archived(), told.told(Person.id)
        )
    )
    for person_id, joined_on, level, status in people:
        story = LevelStory(joined_on, ParticipationLevel(level), steps.get(person_id, ()), today)
        if story.on_register(tally.before):
            tally.at_start[story.level_on(tally.before)] += 1
        if tally.first <= story.arrival <= tally.as_of:
            tally.joined[story.level_on(story.arrival)] += 1
        for move in story.moves_within(tally.first, tally.as_of):
            tally.moved_out[move.from_level] += 1
            tally.moved_in[move.to_level] += 1
            tally.moved_up += move.upwards
            tally.moved_down += not move.upwards
        if story.on_register(tally.as_of):
            level_then = story.level_on(tally.as_of)
            tally.now[level_then] += 1
            tally.taking_part[level_then] += status == TakingPart.TAKING_PART.value
            for role in roles.get(person_id, ("",)):
                tally.by_role[role][level_then] += 1


def ways_in(
    session: Session, today: date, days_ahead: int = WAYS_IN_DAYS_AHEAD
) -> dict[ParticipationLevel, list[WayIn]]:
    """Activities from today to `days_ahead` days on, by the level of power they share."""
    kind = aliased(ActivityOption)
    found: dict[ParticipationLevel, list[WayIn]] = {level: [] for level in LEVELS}
    rows = session.connection().execute(
        select(Activity.id, Activity.title, Activity.held_on, Activity.power_shared, kind.name)
        .outerjoin(kind, kind.id == Activity.kind_id)
        .where(Activity.held_on.between(today, today + timedelta(days=days_ahead)))
        .order_by(Activity.held_on, Activity.id)
    )
    for activity_id, title, held_on, power, kind_name in rows:
        power_shared = PowerShared(power)
        found[power_shared.level_offered].append(
            WayIn(activity_id, title, held_on, power_shared, kind_name or "")
        )
    return found
