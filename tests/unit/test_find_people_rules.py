"""The 'find people' rules on their own: consent around today, every pair of levels, interests,
taking part, and the order. Hypothesis walks the date edges."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.find_people import (
    CONSENT_LAPSES_DAYS_AFTER_REVIEW,
    InterestFit,
    Opportunity,
    PersonFacts,
    address_lines,
    consent_allows_contact,
    consent_lapsed,
    fit,
    interest_fit,
    level_fits,
    name_on_post,
    order_key,
    wants_a_label,
    why_they_fit,
)
from involve_desktop.domain.people import ContactMethod, ParticipationLevel, TakingPart
from involve_desktop.domain.person_record import Consent

TODAY = date(2026, 11, 26)
LEVELS = list(ParticipationLevel)
near_today = st.integers(min_value=-5, max_value=5).map(lambda days: TODAY + timedelta(days))
maybe_near = st.none() | near_today
GIVEN = Consent(given_on=TODAY - timedelta(days=100), to_contact=True)


@given(given_on=maybe_near, to_contact=st.booleans(), review_on=maybe_near, withdrawn=maybe_near)
def test_consent_allows_contact_exactly_when_every_part_holds(
    given_on, to_contact, review_on, withdrawn
):
    consent = Consent(
        given_on=given_on, to_contact=to_contact, review_on=review_on, withdrawn_on=withdrawn
    )
    expected = (
        given_on is not None
        and given_on <= TODAY
        and to_contact
        and (withdrawn is None or withdrawn > TODAY)
        and (review_on is None or (TODAY - review_on).days <= CONSENT_LAPSES_DAYS_AFTER_REVIEW)
    )
    assert consent_allows_contact(consent, TODAY) is expected


def test_the_edges_of_consent_said_plainly():
    def allows(**changes: object) -> bool:
        return consent_allows_contact(Consent(**{**GIVEN.__dict__, **changes}), TODAY)

    assert allows()
    assert allows(given_on=TODAY), "consent given today counts today"
    assert not allows(given_on=TODAY + timedelta(days=1)), "consent dated tomorrow is not given yet"
    assert not allows(given_on=None)
    assert not allows(to_contact=False), "consent that does not cover contact"
    assert not allows(withdrawn_on=TODAY), "a withdrawal dated today counts today"
    assert not allows(withdrawn_on=TODAY - timedelta(days=1))
    assert allows(withdrawn_on=TODAY + timedelta(days=1)), "a withdrawal from tomorrow"
    assert allows(review_on=TODAY), "the review day itself is still current"
    assert not allows(review_on=TODAY - timedelta(days=1)), "a day past review has lapsed"
    assert allows(review_on=TODAY + timedelta(days=400))


@given(st.integers(min_value=-400, max_value=400))
def test_consent_lapses_the_day_after_review_and_not_before(days_from_today):
    review_on = TODAY + timedelta(days=days_from_today)
    assert consent_lapsed(review_on, TODAY) is (days_from_today < 0)
    assert not consent_lapsed(None, TODAY)


@pytest.mark.parametrize(("person", "offered"), list(product(LEVELS, LEVELS)))
def test_every_level_pair(person, offered):
    # At the level offered or above fits; one step below is a way in; two or more is not.
    steps_below = LEVELS.index(offered) - LEVELS.index(person)
    assert level_fits(person, offered) is (steps_below <= 1)


def test_levels_in_words():
    offered = PowerShared.DECIDE_TOGETHER.level_offered
    assert offered is ParticipationLevel.COLLABORATING
    assert not level_fits(ParticipationLevel.OBSERVING, offered)
    assert level_fits(ParticipationLevel.CONTRIBUTING, offered)
    assert level_fits(ParticipationLevel.LEADING, offered)
    assert all(level_fits(level, PowerShared.INFORM.level_offered) for level in LEVELS)


def test_interests_fit_by_name_whatever_the_case_and_spacing():
    assert interest_fit("Research", {"Governance", "research "}) is InterestFit.FITS
    assert interest_fit("Research", {"Governance"}) is InterestFit.ELSEWHERE
    assert interest_fit("Research", set()) is InterestFit.NONE_RECORDED
    assert interest_fit("", {"Governance"}) is InterestFit.FITS, "no area fits everyone"
    assert interest_fit("  ", set()) is InterestFit.FITS


person_facts = st.builds(
    PersonFacts,
    taking_part=st.sampled_from(TakingPart),
    level=st.sampled_from(ParticipationLevel),
    consent=st.builds(
        Consent, given_on=maybe_near, to_contact=st.booleans(), review_on=maybe_near,
        withdrawn_on=maybe_near,
    ),
    interests=st.frozensets(st.sampled_from(["Research", "Governance", "Events"]), max_size=2),
    archived=st.booleans(),
)  # fmt: skip
opportunities = st.builds(
    Opportunity,
    area=st.sampled_from(["", "Research", "Assessment"]),
    offered=st.sampled_from(ParticipationLevel),
)


@given(person_facts, opportunities, st.booleans())
def test_nobody_is_listed_who_does_not_take_part_is_archived_or_cannot_be_contacted(
    person, opportunity, include_no_interest
):
    how = fit(person, opportunity, TODAY, include_no_interest=include_no_interest)
    if how is None:
        return
    assert person.taking_part is TakingPart.TAKING_PART
    assert not person.archived
    assert consent_allows_contact(person.consent, TODAY)
    assert level_fits(person.level, opportunity.offered)
    assert how is not InterestFit.ELSEWHERE
    if not include_no_interest:
        assert how is InterestFit.FITS


@given(person_facts, opportunities)
def test_does_not_wish_and_not_now_are_never_listed(person, opportunity):
    for status in (TakingPart.DOES_NOT_WISH, TakingPart.NOT_NOW):
        changed = PersonFacts(status, person.level, person.consent, person.interests)
        assert fit(changed, opportunity, TODAY) is None


def test_order_fits_first_then_never_involved_then_the_longest_wait():
    keys = [
        order_key(InterestFit.NONE_RECORDED, None),
        order_key(InterestFit.FITS, TODAY),
        order_key(InterestFit.FITS, None),
        order_key(InterestFit.FITS, TODAY - timedelta(days=900)),
    ]
    assert sorted(keys) == [keys[2], keys[3], keys[1], keys[0]]


def test_why_they_fit_in_words():
    offered = ParticipationLevel.CONTRIBUTING
    why = why_they_fit(InterestFit.FITS, "Research", ParticipationLevel.CONTRIBUTING, offered)
    assert why == "interested in Research; contributing"
    step_up = why_they_fit(InterestFit.NONE_RECORDED, "Research", LEVELS[0], offered)
    assert step_up == "no interests recorded yet; observing, a step up"
    assert why_they_fit(InterestFit.FITS, "", ParticipationLevel.LEADING, offered) == "leading"


def test_addresses_go_on_labels_line_by_line():
    assert address_lines("1 High Street\n\n  Greenfield \r\nGF1 1AA\n") == [
        "1 High Street",
        "Greenfield",
        "GF1 1AA",
    ]
    assert address_lines("Tŷ Newydd, Ffordd yr Eglwys, LL61 5UJ") == [
        "Tŷ Newydd",
        "Ffordd yr Eglwys",
        "LL61 5UJ",
    ]
    assert address_lines("  \n ") == []
    assert name_on_post("Samuel", "Jones", "Sam") == "Sam Jones"
    assert name_on_post("Siân", "ap Gwilym") == "Siân ap Gwilym"


def test_labels_go_to_those_who_prefer_post_and_have_an_address():
    assert wants_a_label(ContactMethod.POST, "1 High Street", prefer_post_only=True)
    assert not wants_a_label(ContactMethod.POST, " ", prefer_post_only=True)
    assert not wants_a_label(ContactMethod.EMAIL, "1 High Street", prefer_post_only=True)
    assert wants_a_label(ContactMethod.EMAIL, "1 High Street", prefer_post_only=False)
    assert not wants_a_label(None, "", prefer_post_only=False)
