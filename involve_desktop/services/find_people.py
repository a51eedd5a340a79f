"""Find people for an activity: the register filtered and ordered in SQL by the rules in
`domain/find_people.py` (read its docstring for the rules and why).

One query does the whole list, so 20,000 people cost one scan with indexed look-ups of
interests and attendance (`make bench`, `find_people`). The few lists the charity edits
(its interests) are read first and matched in Python, with the same comparison as the pure
rules, so SQL never has to fold case or accents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from involve_desktop.db.models import (
    Activity,
    ActivityOption,
    AttendanceRecord,
    Person,
    PersonOption,
    person_chosen_option,
)
from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.find_people import (
    InterestFit,
    Opportunity,
    lapse_cutoff,
    levels_that_fit,
    same_interest,
    why_they_fit,
)
from involve_desktop.domain.people import ContactMethod, OptionKind, ParticipationLevel, TakingPart
from involve_desktop.domain.person_record import display_name
from involve_desktop.services.activities import ActivityNotFound

# What is needed to get in touch with someone, in this order (contact_lists.py reads it too).
CONTACT_COLUMNS = (
    Person.id,
    Person.first_name,
    Person.last_name,
    Person.preferred_name,
    Person.email,
    Person.phone,
    Person.contact_method,
    Person.address,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One person who fits, with what staff need to ask them."""

    id: int
    name: str
    email: str
    phone: str
    contact_method: ContactMethod | None
    address: str
    level: ParticipationLevel
    last_involved_on: date | None
    fit: InterestFit
    why: str  # "interested in Research; contributing"


@dataclass(frozen=True)
class LeftOut:
    """People who would fit but are not listed, counted so the dialog can say why."""

    not_now: int  # said "not at the moment"
    consent_lapsed: int  # their consent review date has passed: review it first


def opportunity(session: Session, activity_id: int) -> Opportunity:
    """The activity as the rules read it: its area and the level it offers a way in at."""
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise ActivityNotFound()
    area = ""
    if activity.area_id is not None:
        area = session.scalar(
            select(ActivityOption.name).where(ActivityOption.id == activity.area_id)
        )
    return Opportunity(area or "", PowerShared(activity.power_shared).level_offered)


def find_people(
    session: Session,
    activity_id: int,
    *,
    today: date,
    include_no_interest: bool = True,
    limit: int | None = None,
) -> list[Candidate]:
    """Everyone who fits the activity and is not on it yet, best first."""
    wanted = opportunity(session, activity_id)
    query = candidates_query(session, activity_id, wanted, today, include_no_interest)
    if limit is not None:
        query = query.limit(limit)
    # A few thousand rows: the words for each level and fit are worked out once, not per row.
    levels = {level.value: level for level in ParticipationLevel}
    methods = {method.value: method for method in ContactMethod}
    why: dict[tuple[int, str], str] = {}
    found = []
    for row in session.connection().execute(query):
        (person_id, first, last, preferred, email, phone, method, address, level_value,
         last_involved_on, fit) = row  # fmt: skip
        level = levels[level_value]
        if (fit, level) not in why:
            why[fit, level] = why_they_fit(InterestFit(fit), wanted.area, level, wanted.offered)
        found.append(
            Candidate(
                person_id,
                display_name(first, last, preferred),
                email,
                phone,
                methods.get(method),
                address,
                level,
                last_involved_on,
                InterestFit(fit),
                why[fit, level],
            )
        )
    return found


def candidates_query(
    session: Session,
    activity_id: int,
    wanted: Opportunity,
    today: date,
    include_no_interest: bool = True,
) -> Select:  # type: ignore[type-arg]
    """The whole list as one SELECT (the bench runs it on a raw connection too)."""
    fit = _interest_rank(session, wanted.area)
    query = select(
        *CONTACT_COLUMNS,
        Person.participation_level,
        Person.last_involved_on,
        fit.label("fit"),
    ).where(*_rules(activity_id, wanted, today).values())
    # With no area everyone fits alike: no interests to test or to order by.
    if wanted.area.strip():
        query = query.where(fit <= _worst_listed(include_no_interest)).order_by(fit)
    return query.order_by(
        Person.last_involved_on.is_not(None),
        Person.last_involved_on,
        Person.sort_key,
        Person.id,
    )


def left_out(
    session: Session, activity_id: int, *, today: date, include_no_interest: bool = True
) -> LeftOut:
    """How many would fit but for 'not at the moment', or but for a lapsed consent review."""
    wanted = opportunity(session, activity_id)
    fit = _interest_rank(session, wanted.area) <= _worst_listed(include_no_interest)

    def count(rule: str, instead: ColumnElement[bool]) -> int:
        rules = _rules(activity_id, wanted, today) | {rule: instead}
        query = select(func.count()).select_from(Person).where(*rules.values(), fit)
        return session.scalar(query) or 0

    return LeftOut(
        not_now=count("taking_part", Person.taking_part == TakingPart.NOT_NOW.value),
        consent_lapsed=count(
            "consent",
            and_(_consent_apart_from_review(today), Person.consent_review_on < lapse_cutoff(today)),
        ),
    )


def may_be_contacted(today: date) -> ColumnElement[bool]:
    """`domain.find_people.consent_allows_contact` as SQL."""
    return and_(
        _consent_apart_from_review(today),
        or_(Person.consent_review_on.is_(None), Person.consent_review_on >= lapse_cutoff(today)),
    )


def _consent_apart_from_review(today: date) -> ColumnElement[bool]:
    return and_(
        Person.consent_given_on.is_not(None),
        Person.consent_given_on <= today,
        Person.consent_to_contact.is_(True),
        or_(Person.consent_withdrawn_on.is_(None), Person.consent_withdrawn_on > today),
    )


def _rules(activity_id: int, wanted: Opportunity, today: date) -> dict[str, ColumnElement[bool]]:
    """Every rule but interests, by name, so a count can swap one for its opposite."""
    already_on = exists().where(
        AttendanceRecord.activity_id == activity_id, AttendanceRecord.person_id == Person.id
    )
    return {
        "archived": Person.archived.is_(False),
        "taking_part": Person.taking_part == TakingPart.TAKING_PART.value,
        "consent": may_be_contacted(today),
        "level": Person.participation_level.in_(
            [level.value for level in levels_that_fit(wanted.offered)]
        ),
        "not_on_activity": ~already_on,
    }


def _interest_rank(session: Session, area: str) -> ColumnElement[int]:
    """`domain.find_people.interest_fit` as SQL: 0 fits, 1 none recorded, 2 elsewhere."""
    if not area.strip():
        return literal(int(InterestFit.FITS))
    interests = session.execute(
        select(PersonOption.id, PersonOption.name).where(
            PersonOption.kind == OptionKind.INTEREST.value
        )
    ).all()
    matching = [option_id for option_id, name in interests if same_interest(area, name)]
    chosen = person_chosen_option.c
    return case(
        (
            exists().where(chosen.person_id == Person.id, chosen.option_id.in_(matching)),
            int(InterestFit.FITS),
        ),
        (
            exists().where(
                chosen.person_id == Person.id,
                chosen.option_id.in_([option_id for option_id, _name in interests]),
            ),
            int(InterestFit.ELSEWHERE),
        ),
        else_=int(InterestFit.NONE_RECORDED),
    )


def _worst_listed(include_no_interest: bool) -> int:
    return int(InterestFit.NONE_RECORDED if include_no_interest else InterestFit.FITS)
