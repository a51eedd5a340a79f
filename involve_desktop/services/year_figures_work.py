"""The year's figures about activities and what came of them.

Activities are those dated in the year (the app has no notion of a cancelled activity:
one that did not happen is deleted or moved). Those still to come in a current year are
counted and said apart.

Impact is read through the same filters as the activity list and the "You said, we did"
screen, so the figures and the lists they summarise agree:
- of the activities that have happened (dated in the year, up to today), how many have at
  least one impact record (`activity_list.ActivityFilter`, `no_impact_yet`);
- of the impact records belonging to the year, how many were reported back to the people
  involved. A record belongs to the year of its activity's date, or, for feedback from
  outside an activity, the day it was recorded (`impact.ImpactFilter`'s period): what
  people said that year, whenever it was typed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, aliased

from involve_desktop.db.models import Activity, ActivityOption
from involve_desktop.domain.activities import ActivityList, PowerShared
from involve_desktop.domain.financial_year import year_label
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.services.activity_list import ActivityFilter, activity_query
from involve_desktop.services.impact import ImpactFilter, impact_query
from involve_desktop.services.year_figures_share import Counted, Share, counted_word

NO_KIND = "No kind recorded"
NO_ACTIVITIES = "no activities"
NO_IMPACT_RECORDS = "no impact records"


@dataclass(frozen=True)
class PowerCount:
    power: PowerShared
    count: int


@dataclass(frozen=True)
class ActivitiesHeld:
    total: int  # dated in the year
    to_come: int  # of them, dated after today
    by_kind: tuple[Counted, ...]  # kinds used, in the charity's list order, then NO_KIND
    by_power: tuple[PowerCount, ...]  # all four steps, zeros included
    summary: str

    def power(self, power: PowerShared) -> int:
        return self.by_power[power.step - 1].count


@dataclass(frozen=True)
class ImpactFigures:
    happened_by: date  # activities up to this day have happened: the year's end or today
    with_impact: Share  # activities that have happened, with at least one impact record
    told: Share  # impact records of the year reported back to the people involved
    summary: str


def activities_held(
    session: Session, first: date, last: date, today: date, terms: PeopleTerms
) -> ActivitiesHeld:
    kind = aliased(ActivityOption)
    power_counts = dict.fromkeys(PowerShared, 0)
    kind_counts: dict[str, int] = {}
    to_come = 0
    rows = session.connection().execute(
        select(
            Activity.power_shared,
            kind.name,
            func.count(),
            func.sum(case((Activity.held_on > today, 1), else_=0)),
        )
        .outerjoin(kind, kind.id == Activity.kind_id)
        .where(Activity.held_on.between(first, last))
        .group_by(Activity.power_shared, kind.name)
    )
    for power, kind_name, count, later in rows:
        power_counts[PowerShared(power)] += count
        kind_counts[kind_name or ""] = kind_counts.get(kind_name or "", 0) + count
        to_come += int(later or 0)
    order = list(
        session.scalars(
            select(ActivityOption.name)
            .where(ActivityOption.list == ActivityList.KIND.value)
            .order_by(ActivityOption.id)
        )
    )
    by_kind = [Counted(name, kind_counts[name]) for name in order if name in kind_counts]
    if "" in kind_counts:
        by_kind.append(Counted(NO_KIND, kind_counts[""]))
    total = sum(power_counts.values())
    by_power = tuple(PowerCount(power, power_counts[power]) for power in PowerShared)
    return ActivitiesHeld(
        total=total,
        to_come=to_come,
        by_kind=tuple(by_kind),
        by_power=by_power,
        summary=_activities_summary(total, to_come, power_counts, terms, year_label(first)),
    )


def _activities_summary(
    total: int, to_come: int, power: dict[PowerShared, int], terms: PeopleTerms, label: str
) -> str:
    if total == 0:
        return f"No activities are recorded in {label}."
    still = f" ({to_come:,} still to come)" if to_come else ""
    shared = power[PowerShared.DECIDE_TOGETHER] + power[PowerShared.YOU_LEAD]
    return (
        f"{counted_word(total, 'activity', 'activities')} in the year{still}; "
        f"{Share(shared, total).words(NO_ACTIVITIES)} shared decisions or were led by "
        f"{terms.plural}."
    )


def impact_figures(session: Session, first: date, last: date, today: date) -> ImpactFigures:
    happened_by = min(last, today)
    happened = ActivityFilter(period=(first, happened_by))
    total = _count(session, activity_query(happened, today))
    without = _count(
        session, activity_query(ActivityFilter(period=happened.period, no_impact_yet=True), today)
    )
    with_impact = Share(total - without, total)
    records = impact_query(ImpactFilter(period=(first, last))).order_by(None).subquery()
    told_count = func.coalesce(func.sum(case((records.c.told_people.is_(True), 1), else_=0)), 0)
    count, told = session.execute(select(func.count(), told_count).select_from(records)).one()
    told_share = Share(int(told), int(count))
    # The same rule as YearFigures.current: the year's last day is still part of "so far".
    held = "held so far" if first <= today <= last else "held in the year"
    if total:
        activities = with_impact.words_of("activity", "activities", NO_ACTIVITIES)
        has = "has" if total == 1 else "have"
        first_part = f"{activities} {held} {has} at least one impact record"
    else:
        first_part = f"No activities were {held}"
    told_part = (
        f"{told_share.words_of('impact record', 'impact records', '')} "
        f"{'was' if count == 1 else 'were'} reported back to the people involved"
        if count
        else "no impact records belong to the year"
    )
    return ImpactFigures(
        happened_by=happened_by,
        with_impact=with_impact,
        told=told_share,
        summary=f"{first_part}; {told_part}.",
    )


def _count(session: Session, query: Select[tuple[int]]) -> int:
    matching = query.order_by(None).subquery()
    return int(session.scalar(select(func.count()).select_from(matching)) or 0)
