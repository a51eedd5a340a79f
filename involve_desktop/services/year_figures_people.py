"""The year's figures about people: who took part, who was new, who chose not to take part.

"Took part" means marked as attended at an activity held in the year. Those people are
counted even if their record has been archived since: archiving later does not undo what
happened, and the attendance is dated where an archive is not. (The register spread beside
these figures follows `participation.py` and leaves archived records out, because it
describes the register, not the year's events.) Attendance kept from people since deleted
from the register has nobody to count, so it is not in these figures.

A person is counted at their level as at the year's end, or today when that is earlier,
read from their level history the way `participation.py` reads it; someone with several
roles counts once in each role, as there.

Not taking part is as things stand today: the status has no history.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import (
    Activity,
    AttendanceRecord,
    Person,
    PersonBarrier,
)
from involve_desktop.domain.activities import Attendance
from involve_desktop.domain.financial_year import year_label
from involve_desktop.domain.level_history import LEVELS, LevelStory
from involve_desktop.domain.people import Barrier, OptionKind, ParticipationLevel, TakingPart
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.services.participation import ParticipationSpread, RoleFigures
from involve_desktop.services.participation_counts import (
    RegisterCounts,
    RoleMasks,
    ToldHistories,
    not_archived,
    roles_of,
    steps_of,
)
from involve_desktop.services.person_lists import list_options
from involve_desktop.services.year_figures_share import Share

NOT_TAKING_PART_NOTE = (
    "Not taking part is a choice to respect, and it can also mean we have not yet found a "
    "way of taking part that works for them. The barriers recorded show where to look."
)


@dataclass(frozen=True)
class PeopleInvolved:
    as_of: date  # the day levels are read on: the year's last day, or today if earlier
    total: int  # distinct people who attended at least one activity held in the year
    by_level: tuple[int, ...]  # in the order of LEVELS, base first
    roles: tuple[RoleFigures, ...]  # every role on the charity's list, then '' (no role)
    new_took_part: int  # of `total`, joined the register during the year
    spread: ParticipationSpread  # the register as a whole, exactly as Home draws it
    summary: str

    def level(self, level: ParticipationLevel) -> int:
        return self.by_level[LEVELS.index(level)]


@dataclass(frozen=True)
class NewPeople:
    joined: int  # joined the register during the year (their joining date)
    took_part: Share  # of those, how many attended an activity held in the year
    summary: str


@dataclass(frozen=True)
class BarrierCount:
    barrier: Barrier
    people: int  # on the register (not archived) with this barrier recorded
    not_taking_part: int  # of them, not taking part today


@dataclass(frozen=True)
class NotTakingPart:
    not_now: int  # on the register, not archived, "not at the moment" today
    does_not_wish: int
    barriers: tuple[BarrierCount, ...]  # every barrier, in the order of `Barrier`, zeros too
    people_with_barriers: int  # distinct people with at least one barrier recorded
    note: str
    summary: str

    @property
    def total(self) -> int:
        return self.not_now + self.does_not_wish


def attended_in(first: date, last: date) -> Select[tuple[int]]:
    """The ids of people marked as attended at an activity held from `first` to `last`."""
    return (
        select(AttendanceRecord.person_id)
        .join(Activity, Activity.id == AttendanceRecord.activity_id)
        .where(
            Activity.held_on.between(first, last),
            AttendanceRecord.status == Attendance.ATTENDED.value,
            AttendanceRecord.person_id.is_not(None),
        )
        .distinct()
    )


def people_involved(
    session: Session,
    spread: ParticipationSpread,
    today: date,
    terms: PeopleTerms,
    *,
    told: ToldHistories | None = None,
    register: RegisterCounts | None = None,
) -> PeopleInvolved:
    """`told` and `register` (read with who took part) as `year_figures` reads them once."""
    first, last, as_of = spread.first, spread.last, spread.as_of
    involved = attended_in(first, last).scalar_subquery()
    told = told or ToldHistories.read(session)
    if register is None or not register.with_took_part:
        roles = RoleMasks.read(session)
        register = RegisterCounts.read(
            session, today, (first, last), told, roles, took_part=attended_in(first, last)
        )
    levels: Counter[ParticipationLevel] = Counter()
    by_role: dict[str, Counter[ParticipationLevel]] = defaultdict(Counter)
    new_took_part = 0
    # People whose level never moved are at their level now on any day.
    for group in register.groups:
        if group.took_part and not group.told:
            level = ParticipationLevel(group.level)
            levels[level] += group.count
            new_took_part += group.count * group.joined_in_year
            for role in group.roles:
                by_role[role][level] += group.count
    connection = session.connection()
    # The others are told from their history, as `participation.py` does.
    if told.ids:
        steps = steps_of(session, involved, told)
        roles_held = roles_of(session, involved, told)
        told_rows = connection.execute(
            select(Person.id, Person.joined_on, Person.participation_level).where(
                Person.id.in_(involved), told.told(Person.id)
            )
        )
        for person_id, joined_on, level in told_rows.all():
            story = LevelStory(
                joined_on, ParticipationLevel(level), steps.get(person_id, ()), today
            )
            level_then = story.level_on(as_of)
            levels[level_then] += 1
            for role in roles_held.get(person_id, ("",)):
                by_role[role][level_then] += 1
            new_took_part += first <= joined_on <= last
    role_names = [*list_options(session, OptionKind.ROLE), *([""] if "" in by_role else [])]
    total = sum(levels.values())
    return PeopleInvolved(
        as_of=as_of,
        total=total,
        by_level=tuple(levels[level] for level in LEVELS),
        roles=tuple(
            RoleFigures(role, tuple(by_role[role][level] for level in LEVELS))
            for role in role_names
        ),
        new_took_part=new_took_part,
        spread=spread,
        summary=_involved_summary(total, new_took_part, terms, spread.current, year_label(first)),
    )


def _involved_summary(total: int, new: int, terms: PeopleTerms, current: bool, label: str) -> str:
    # Named by its label, not "this year": the year shown is often a past one.
    so_far = " so far" if current else ""
    if total == 0:
        marked = "have been" if current else "were"
        return f"No {terms.plural} {marked} marked as attending an activity in {label}{so_far}."
    took = "took part" if not current else "has taken part" if total == 1 else "have taken part"
    new_part = f"{new:,} of them {'was' if new == 1 else 'were'} new in {label}"
    if total == 1:
        new_part = f"they were new in {label}" if new else f"they were not new in {label}"
    return f"{terms.count(total)} {took} in at least one activity{so_far}; {new_part}."


def new_people(
    session: Session,
    involved: PeopleInvolved,
    terms: PeopleTerms,
    *,
    register: RegisterCounts | None = None,
) -> NewPeople:
    """People whose joining date falls in the year, archived since or not (see above); those
    who took part are the ones `people_involved` found new, so the two always agree."""
    first, last = involved.spread.first, involved.spread.last
    current = involved.spread.current
    label = year_label(first)
    if register is not None:
        joined = sum(group.count for group in register.groups if group.joined_in_year)
    else:
        joined = (
            session.connection()
            .execute(select(func.count()).where(Person.joined_on.between(first, last)))
            .scalar_one()
        )
    active = involved.new_took_part
    share = Share(int(active), int(joined))
    if not joined:
        so_far = " so far" if current else ""
        summary = f"No new {terms.plural} joined the register in {label}{so_far}."
    else:
        verb = "joined" if not current else "have joined"
        summary = (
            f"{terms.count(joined)} {verb} the register in {label}; "
            f"{share.words('none')} took part in at least one activity."
        )
    return NewPeople(int(joined), share, summary)


def not_taking_part(
    session: Session, terms: PeopleTerms, *, register: RegisterCounts | None = None
) -> NotTakingPart:
    """People on the register (not archived) who have chosen not to take part, as at today,
    and the barriers recorded for anyone on the register."""
    connection = session.connection()
    statuses: Counter[str] = Counter()
    if register is not None:
        for group in register.groups:
            if not group.archived:
                statuses[group.taking_part] += group.count
    else:
        statuses.update(
            dict(
                connection.execute(
                    select(Person.taking_part, func.count())
                    .where(not_archived())
                    .group_by(Person.taking_part)
                ).all()
            )
        )
    not_taking = case((Person.taking_part != TakingPart.TAKING_PART.value, 1), else_=0)
    found = {
        barrier: (int(people), int(not_now))
        for barrier, people, not_now in connection.execute(
            select(PersonBarrier.barrier, func.count(), func.sum(not_taking))
            .join(Person, Person.id == PersonBarrier.person_id)
            .where(Person.archived.is_(False))
            .group_by(PersonBarrier.barrier)
        )
    }
    with_barriers = connection.execute(
        select(func.count(func.distinct(PersonBarrier.person_id)))
        .join(Person, Person.id == PersonBarrier.person_id)
        .where(Person.archived.is_(False))
    ).scalar_one()
    not_now = int(statuses.get(TakingPart.NOT_NOW.value, 0))
    does_not_wish = int(statuses.get(TakingPart.DOES_NOT_WISH.value, 0))
    total = not_now + does_not_wish
    if total:
        chose = "have chosen" if total != 1 else "has chosen"
        summary = (
            f"{terms.count(total)} on the register {chose} not to take part: "
            f"{not_now:,} not at the moment, {does_not_wish:,} not at all"
        )
    else:
        summary = f"Every {terms.singular} on the register is taking part at the moment"
    barriers_said = (
        f"barriers are recorded for {terms.count(with_barriers)}"
        if with_barriers
        else "no barriers are recorded"
    )
    return NotTakingPart(
        not_now=not_now,
        does_not_wish=does_not_wish,
        barriers=tuple(
            BarrierCount(barrier, *found.get(barrier.value, (0, 0))) for barrier in Barrier
        ),
        people_with_barriers=int(with_barriers),
        note=NOT_TAKING_PART_NOTE,
        summary=f"{summary}; {barriers_said}.",
    )
