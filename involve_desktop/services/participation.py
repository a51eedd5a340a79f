"""The participation spread: how many people sit at each level, by role, and how that moved
over a year; and which activities coming up offer a way in at each level.

Everyone on the register is counted at their level, whether or not they take part at the
moment (the figures also say how many do): a person who has chosen not to take part still
holds the level they reached. Archived people are left out of every figure, at the start of
the year too, because the register does not keep the day someone was archived. A person
with several roles counts once in each of their roles. The levels on past days are read from
the level history (`domain/level_history.py`). The evaluation, the annual report and Home
read these same functions. Rows are read with Core, not the ORM: on 20,000 people that halves
the time.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from involve_desktop.db.models import (
    Activity,
    ActivityOption,
    LevelChange,
    Person,
    PersonOption,
    person_chosen_option,
)
from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.level_history import LEVELS, LevelStep, LevelStory
from involve_desktop.domain.people import OptionKind, ParticipationLevel, TakingPart
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
    session: Session, today: date, period: tuple[date, date]
) -> ParticipationSpread:
    first, last = period
    before = first - timedelta(days=1)
    as_of = max(min(today, last), before)
    now: Counter[ParticipationLevel] = Counter()
    at_start: Counter[ParticipationLevel] = Counter()
    joined: Counter[ParticipationLevel] = Counter()
    moved_in: Counter[ParticipationLevel] = Counter()
    moved_out: Counter[ParticipationLevel] = Counter()
    taking_part: Counter[ParticipationLevel] = Counter()
    by_role: dict[str, Counter[ParticipationLevel]] = defaultdict(Counter)
    moved_up = moved_down = 0
    roles = _roles_of_people(session)
    steps = _steps_of_people(session)
    people = session.connection().execute(
        select(Person.id, Person.joined_on, Person.participation_level, Person.taking_part).where(
            Person.archived.is_(False)
        )
    )
    for person_id, joined_on, level, status in people:
        story = LevelStory(joined_on, ParticipationLevel(level), steps.get(person_id, ()), today)
        if story.on_register(before):
            at_start[story.level_on(before)] += 1
        if first <= story.arrival <= as_of:
            joined[story.level_on(story.arrival)] += 1
        for move in story.moves_within(first, as_of):
            moved_out[move.from_level] += 1
            moved_in[move.to_level] += 1
            moved_up += move.upwards
            moved_down += not move.upwards
        if story.on_register(as_of):
            level_then = story.level_on(as_of)
            now[level_then] += 1
            taking_part[level_then] += status == TakingPart.TAKING_PART.value
            for role in roles.get(person_id, ("",)):
                by_role[role][level_then] += 1
    role_names = [*list_options(session, OptionKind.ROLE), *([""] if "" in by_role else [])]
    return ParticipationSpread(
        first=first,
        last=last,
        as_of=as_of,
        current=first <= today <= last,
        levels=tuple(
            LevelFigures(
                level=level,
                now=now[level],
                at_start=at_start[level],
                joined=joined[level],
                moved_in=moved_in[level],
                moved_out=moved_out[level],
                taking_part=taking_part[level],
            )
            for level in LEVELS
        ),
        roles=tuple(
            RoleFigures(role, tuple(by_role[role][level] for level in LEVELS))
            for role in role_names
        ),
        moved_up=moved_up,
        moved_down=moved_down,
    )


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


def _steps_of_people(session: Session) -> dict[int, list[LevelStep]]:
    steps: dict[int, list[LevelStep]] = defaultdict(list)
    for person_id, changed_on, from_level, to_level in session.connection().execute(
        select(
            LevelChange.person_id,
            LevelChange.changed_on,
            LevelChange.from_level,
            LevelChange.to_level,
        ).order_by(LevelChange.person_id, LevelChange.changed_on, LevelChange.id)
    ):
        steps[person_id].append(LevelStep(changed_on, from_level, to_level))
    return steps


def _roles_of_people(session: Session) -> dict[int, list[str]]:
    roles: dict[int, list[str]] = defaultdict(list)
    for person_id, name in session.connection().execute(
        select(person_chosen_option.c.person_id, PersonOption.name)
        .join(PersonOption, PersonOption.id == person_chosen_option.c.option_id)
        .where(PersonOption.kind == OptionKind.ROLE.value)
    ):
        roles[person_id].append(name)
    return roles
