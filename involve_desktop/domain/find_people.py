"""Who to ask to an activity: the rules, with no database in sight.

`services/find_people.py` runs the same rules in SQL over the whole register; the tests hold
the two together on generated people. The rules, in the order a person meets them:

1. Archived people are never listed.
2. Only people taking part are listed. "Not at the moment" is respected as much as "does not
   wish to take part": nobody is asked while they have said not now.
3. Their consent allows contact (`consent_allows_contact`).
4. Their level fits the way in the activity offers (`level_fits`).
5. Their interests fit the activity's area (`interest_fit`); people with no interests
   recorded yet are listed after those whose interests fit.
6. People already on the activity (invited or more) are left out.

Those listed come in `order_key` order: interests that fit first, then whoever has waited
longest (never involved first, then the oldest last involvement), then by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from involve_desktop.domain.people import ContactMethod, ParticipationLevel, TakingPart
from involve_desktop.domain.person_record import Consent

# A consent review date in the past means consent has lapsed, with no days of grace. The
# People screen warns 30 days ahead that a review is due and calls it "overdue" the day
# after, so staff have a month to renew it; contacting someone after that would be relying
# on consent the charity itself said needed checking by then. Kept as a named figure so the
# rule and its explanation stay in one place (issue 11 reads it for every contact list).
CONSENT_LAPSES_DAYS_AFTER_REVIEW = 0

_LEVELS = list(ParticipationLevel)


class InterestFit(IntEnum):
    """How well a person's interests fit an activity's area; lower is listed first."""

    FITS = 0  # the area is among their interests, or the activity has no area
    NONE_RECORDED = 1  # no interests recorded yet: listed after those who fit
    ELSEWHERE = 2  # interested in other areas only: not listed


def consent_lapsed(review_on: date | None, today: date) -> bool:
    """True once the review date is more than CONSENT_LAPSES_DAYS_AFTER_REVIEW days past."""
    return review_on is not None and review_on < lapse_cutoff(today)


def lapse_cutoff(today: date) -> date:
    """The earliest review date that still counts as current today."""
    return today - timedelta(days=CONSENT_LAPSES_DAYS_AFTER_REVIEW)


def consent_allows_contact(consent: Consent, today: date) -> bool:
    """Consent was given (on or before today), covers being contacted, is not withdrawn
    (a withdrawal dated today or earlier counts; one dated later does not yet) and has not
    lapsed (`consent_lapsed`)."""
    return (
        consent.given_on is not None
        and consent.given_on <= today
        and consent.to_contact
        and (consent.withdrawn_on is None or consent.withdrawn_on > today)
        and not consent_lapsed(consent.review_on, today)
    )


def level_fits(person_level: ParticipationLevel, offered: ParticipationLevel) -> bool:
    """At the level the activity offers a way in at, above it, or one step below it.

    One step below is a way in: an observer may be asked to contribute, which is how people
    move up the pyramid. Two steps is too big a jump to offer without support first, so
    someone observing is not listed for an activity where people decide together. People
    above the level offered are listed: a leader may still want to give their view.
    """
    return _LEVELS.index(person_level) >= _LEVELS.index(offered) - 1


def levels_that_fit(offered: ParticipationLevel) -> list[ParticipationLevel]:
    return [level for level in ParticipationLevel if level_fits(level, offered)]


def is_a_step_up(person_level: ParticipationLevel, offered: ParticipationLevel) -> bool:
    return _LEVELS.index(person_level) == _LEVELS.index(offered) - 1


def same_interest(area: str, interest: str) -> bool:
    """Names from two lists the charity edits separately: 'Research' and 'research ' match."""
    return _folded(area) == _folded(interest)


def interest_fit(area: str, interests: frozenset[str] | set[str]) -> InterestFit:
    """An activity with no area fits everyone."""
    if not area.strip() or any(same_interest(area, name) for name in interests):
        return InterestFit.FITS
    return InterestFit.ELSEWHERE if interests else InterestFit.NONE_RECORDED


@dataclass(frozen=True)
class PersonFacts:
    """What the rules read about a person."""

    taking_part: TakingPart
    level: ParticipationLevel
    consent: Consent
    interests: frozenset[str] = frozenset()
    archived: bool = False
    last_involved_on: date | None = None


@dataclass(frozen=True)
class Opportunity:
    """What the rules read about an activity."""

    area: str  # '' when the activity has no area
    offered: ParticipationLevel


def fit(
    person: PersonFacts,
    opportunity: Opportunity,
    today: date,
    *,
    include_no_interest: bool = True,
) -> InterestFit | None:
    """How the person fits (to order by), or None when they are not listed at all."""
    if person.archived or person.taking_part is not TakingPart.TAKING_PART:
        return None
    if not consent_allows_contact(person.consent, today):
        return None
    if not level_fits(person.level, opportunity.offered):
        return None
    how = interest_fit(opportunity.area, person.interests)
    if how is InterestFit.ELSEWHERE or (
        how is InterestFit.NONE_RECORDED and not include_no_interest
    ):
        return None
    return how


def order_key(how: InterestFit, last_involved_on: date | None) -> tuple[int, int, date]:
    """Interests that fit first, then never involved, then the longest since involved.
    (Ties go by name: the caller adds the sort key.)"""
    return (int(how), 0 if last_involved_on is None else 1, last_involved_on or date.min)


def why_they_fit(
    how: InterestFit, area: str, level: ParticipationLevel, offered: ParticipationLevel
) -> str:
    """'interested in Research; contributing', said to staff beside the name."""
    parts = []
    if how is InterestFit.FITS and area.strip():
        parts.append(f"interested in {area.strip()}")
    elif how is InterestFit.NONE_RECORDED:
        parts.append("no interests recorded yet")
    level_words = level.label.lower()
    parts.append(f"{level_words}, a step up" if is_a_step_up(level, offered) else level_words)
    return "; ".join(parts)


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


# --- Contact lists -------------------------------------------------------------------------


def wants_a_label(
    contact_method: ContactMethod | None, address: str, prefer_post_only: bool
) -> bool:
    """Labels go to people who prefer post and have an address (or, asked, all with one)."""
    has_address = bool(address_lines(address))
    return has_address and (not prefer_post_only or contact_method is ContactMethod.POST)


def address_lines(address: str) -> list[str]:
    """An address as it goes on an envelope: one line per line typed, or, typed on one line,
    one per comma ('1 High Street, Greenfield, GF1 1AA')."""
    lines = [" ".join(line.split()) for line in address.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) == 1 and "," in lines[0]:
        lines = [part.strip() for part in lines[0].split(",") if part.strip()]
    return lines


def name_on_post(first_name: str, last_name: str, preferred_name: str = "") -> str:
    """The name they go by, then their surname: 'Sam Jones', not 'Samuel Jones'."""
    return " ".join(part for part in (preferred_name or first_name, last_name) if part)
