"""The Claims list on a real database: status, search by name or number, person, dates and
budget, the orders it can be sorted in, the figures for each status, and the rows shown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from involve_desktop.db.engine import Database
from involve_desktop.domain.claims import ClaimDetails, ClaimLine, ClaimStatus, LineKind
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.services.claim_list import (
    DELETED_PERSON,
    ClaimFilter,
    ClaimOrder,
    ClaimSort,
    ClaimTotals,
    budget_choices,
    listed_totals,
    matching_claim_ids,
    rows_for,
    status_counts,
)
from involve_desktop.services.claim_workflow import (
    approve_claim,
    make_adjusting_claim,
    make_payment_run,
    reject_claim,
    submit_claim,
)
from involve_desktop.services.claims import save_draft
from involve_desktop.services.people_lifecycle import delete_person
from involve_desktop.services.permissions import Actor
from tests.db.claim_helpers import (
    TODAY,
    add_budget,
    add_claim,
    add_claimant,
    add_paid_activity,
    expense,
    fee,
    money_team,
)


def claim_at(
    database: Database,
    team: tuple[Actor, Actor, Actor],
    person_id: int,
    status: ClaimStatus,
    *lines: ClaimLine,
    budget_id: int | None = None,
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER,
) -> int:
    """A claim made by the worker and walked by the real workflow to `status`."""
    admin, approver, worker = team
    claim_id = add_claim(
        database, worker, person_id, *(lines or (fee(100),)), budget_id=budget_id, method=method
    )
    if status is ClaimStatus.DRAFT:
        return claim_id
    with database.session_scope() as session:
        submit_claim(session, worker, claim_id)
    if status in (ClaimStatus.APPROVED, ClaimStatus.PAID):
        with database.session_scope() as session:
            approve_claim(session, approver, claim_id, over_budget_confirmed=True)
    if status is ClaimStatus.PAID:
        with database.session_scope() as session:
            make_payment_run(session, admin, [claim_id], TODAY)
    if status is ClaimStatus.REJECTED:
        with database.session_scope() as session:
            reject_claim(session, approver, claim_id, "Already paid by the other project.")
    return claim_id


@pytest.fixture
def team(database):
    return money_team(database)


@pytest.fixture
def people(database) -> dict[str, int]:
    return {
        "zoe": add_claimant(database, "Zoë", "Adebayo"),
        "lukasz": add_claimant(database, "Łukasz", "Wiśniewski", method=PaymentMethod.CHEQUE),
        "obrien": add_claimant(database, "Niamh", "O'Brien", method=PaymentMethod.VOUCHER),
    }


def ids(database, chosen: ClaimFilter = ClaimFilter(), order: ClaimOrder = ClaimOrder()):  # noqa: B008
    with database.session_scope() as session:
        return matching_claim_ids(session, chosen, order)


def rows(database, claim_ids):
    with database.session_scope() as session:
        return rows_for(session, claim_ids)


def day(offset: int) -> date:
    return TODAY - timedelta(days=offset)


def test_each_status_tab_lists_its_claims_and_counts_them(database, team, people):
    made = {
        status: claim_at(database, team, people["zoe"], status, fee(100, day=day(number)))
        for number, status in enumerate(ClaimStatus)
    }
    second_draft = claim_at(database, team, people["obrien"], ClaimStatus.DRAFT, expense(3_20))
    for status, claim_id in made.items():
        expected = {claim_id, second_draft} if status is ClaimStatus.DRAFT else {claim_id}
        assert set(ids(database, ClaimFilter(status=status))) == expected
    assert len(ids(database)) == 6
    with database.session_scope() as session:
        counts = status_counts(session, ClaimFilter(status=ClaimStatus.PAID))
        drafts = listed_totals(session, ClaimFilter(status=ClaimStatus.DRAFT))
        everything = listed_totals(session, ClaimFilter())
    # The counts ignore the status chosen: they label every tab.
    assert [counts.of(status) for status in ClaimStatus] == [2, 1, 1, 1, 1]
    assert counts.of(None) == 6
    assert drafts == ClaimTotals(2, 25_00, 3_20)
    assert everything == ClaimTotals(6, 5 * 25_00, 3_20)
    assert everything.total_pence == 128_20


def test_counts_follow_the_other_filters(database, team, people):
    claim_at(database, team, people["zoe"], ClaimStatus.SUBMITTED, fee(200))
    claim_at(database, team, people["lukasz"], ClaimStatus.SUBMITTED, fee(100))
    with database.session_scope() as session:
        counts = status_counts(session, ClaimFilter(words="lukasz"))
        totals = listed_totals(session, ClaimFilter(words="lukasz"))
    assert counts.of(ClaimStatus.SUBMITTED) == 1
    assert counts.of(ClaimStatus.APPROVED) == 0
    assert totals == ClaimTotals(1, 25_00, 0)


@pytest.mark.parametrize(
    ("typed", "who"),
    [
        ("zoe", "zoe"),
        ("Zoë", "zoe"),
        ("ADEB", "zoe"),
        ("lukasz wis", "lukasz"),
        ("Łukasz Wiśniewski", "lukasz"),
        ("obrien", "obrien"),
        ("O'Brien", "obrien"),
        ("o'bri", "obrien"),
    ],
)
def test_search_finds_names_without_their_accents_or_apostrophes(
    database, team, people, typed, who
):
    mine = claim_at(database, team, people[who], ClaimStatus.DRAFT)
    for other in people.values():
        if other != people[who]:
            claim_at(database, team, other, ClaimStatus.DRAFT)
    assert ids(database, ClaimFilter(words=typed)) == [mine]


def test_search_finds_a_claim_by_its_number(database, team, people):
    first = claim_at(database, team, people["zoe"], ClaimStatus.DRAFT)
    second = claim_at(database, team, people["obrien"], ClaimStatus.DRAFT)
    assert ids(database, ClaimFilter(words=str(second))) == [second]
    assert ids(database, ClaimFilter(words=f" claim {first} ")) == [first]
    assert ids(database, ClaimFilter(words=f"#{first}")) == [first]
    assert ids(database, ClaimFilter(words="999999")) == []


def test_person_dates_and_budget_narrow_the_list(database, team, people):
    admin = team[0]
    budget = add_budget(database, admin, 1_000_00, "Young people's project")
    early = claim_at(database, team, people["zoe"], ClaimStatus.DRAFT, fee(100, day=day(40)))
    middle = claim_at(
        database, team, people["zoe"], ClaimStatus.DRAFT, fee(100, day=day(20)), budget_id=budget
    )
    late = claim_at(database, team, people["lukasz"], ClaimStatus.DRAFT, fee(100, day=day(1)))
    assert set(ids(database, ClaimFilter(person_id=people["zoe"]))) == {early, middle}
    assert ids(database, ClaimFilter(work_from=day(20), work_to=day(20))) == [middle]
    assert ids(database, ClaimFilter(work_from=day(20))) == [late, middle]
    assert ids(database, ClaimFilter(work_to=day(21))) == [early]
    assert ids(database, ClaimFilter(budget_id=budget)) == [middle]
    with database.session_scope() as session:
        assert ("Young people's project 2026/27", budget) in budget_choices(session)
    assert ids(database, ClaimFilter(person_id=people["lukasz"], work_to=day(21))) == []


def test_newest_work_first_by_default_and_every_column_sorts_both_ways(database, team, people):
    old_big = claim_at(database, team, people["obrien"], ClaimStatus.PAID, fee(400, day=day(30)))
    new_small = claim_at(
        database, team, people["zoe"], ClaimStatus.DRAFT, expense(1_00, day=day(2))
    )
    middle = claim_at(
        database, team, people["lukasz"], ClaimStatus.SUBMITTED, fee(100, day=day(10))
    )
    assert ids(database) == [new_small, middle, old_big]
    expected = {
        ClaimSort.NUMBER: [old_big, new_small, middle],
        ClaimSort.WORK_DATE: [old_big, middle, new_small],
        # Surnames: Adebayo, O'Brien, Wiśniewski (folded, so "Ł" sorts as "L").
        ClaimSort.PERSON: [new_small, old_big, middle],
        ClaimSort.TOTAL: [new_small, middle, old_big],
        ClaimSort.STATUS: [new_small, middle, old_big],
    }
    for column, ascending in expected.items():
        assert ids(database, order=ClaimOrder(column, False)) == ascending, column
        assert ids(database, order=ClaimOrder(column, True)) == ascending[::-1], column


def test_claims_of_people_since_deleted_stay_and_sort_last(database, team, people):
    admin = team[0]
    kept = claim_at(database, team, people["zoe"], ClaimStatus.PAID)
    orphan = claim_at(database, team, people["obrien"], ClaimStatus.PAID)
    with database.session_scope() as session:
        delete_person(session, admin, people["obrien"])
    for descending in (False, True):
        assert ids(database, order=ClaimOrder(ClaimSort.PERSON, descending)) == [kept, orphan]
    (row,) = rows(database, [orphan])
    assert row.person_name == DELETED_PERSON
    assert row.person_id is None


def test_a_row_says_who_what_for_and_the_money(database, team, people):
    admin = team[0]
    budget = add_budget(database, admin, 500_00, "Involvement")
    panel = add_paid_activity(database, "Interview panel", day(3))
    workshop = add_paid_activity(database, "Menu workshop", day(2))
    with_activities = claim_at(
        database,
        team,
        people["lukasz"],
        ClaimStatus.PAID,
        fee(150, day=day(3), activity_id=panel),
        fee(100, day=day(2), activity_id=workshop),
        ClaimLine(LineKind.MILEAGE, "Car", 123, 45, day(3)),
        budget_id=budget,
        method=PaymentMethod.CHEQUE,
    )
    parking = claim_at(database, team, people["zoe"], ClaimStatus.DRAFT, expense(4_50))
    hourly = claim_at(database, team, people["zoe"], ClaimStatus.DRAFT, fee(200))
    described = claim_at(
        database,
        team,
        people["zoe"],
        ClaimStatus.DRAFT,
        expense(12_00, "Fares", description="Train to Leeds and back"),
    )
    one_activity = claim_at(
        database, team, people["zoe"], ClaimStatus.DRAFT, fee(100, day=day(3), activity_id=panel)
    )
    found = {
        row.id: row
        for row in rows(database, [with_activities, parking, hourly, described, one_activity])
    }
    row = found[with_activities]
    assert row.person_name == "Łukasz Wiśniewski"
    assert row.what_for == "Interview panel and 1 more"
    assert (row.fees_pence, row.expenses_pence, row.total_pence) == (62_50, 55, 63_05)
    assert row.work_date == day(3)
    assert row.status is ClaimStatus.PAID
    assert row.paid_on == TODAY
    assert row.payment_run_id is not None
    assert row.payment_method == "Cheque"
    assert row.budget == "Involvement 2026/27"
    assert found[parking].what_for == "Parking"
    assert found[hourly].what_for == "Fee by the hour"
    assert found[described].what_for == "Train to Leeds and back"
    assert found[one_activity].what_for == "Interview panel"
    assert found[parking].budget == ""
    assert found[parking].paid_on is None


def test_an_adjusting_claim_says_what_it_corrects(database, team, people):
    paid = claim_at(database, team, people["zoe"], ClaimStatus.PAID, fee(100))
    with database.session_scope() as session:
        correction = make_adjusting_claim(session, team[2], paid, today=TODAY)
    with database.session_scope() as session:
        save_draft(
            session,
            team[2],
            ClaimDetails(
                people["zoe"],
                PaymentMethod.BANK_TRANSFER.value,
                (fee(-50),),
                adjusts_claim_id=paid,
            ),
            correction,
            today=TODAY,
        )
    (row,) = rows(database, [correction])
    assert row.what_for == f"Corrects claim {paid}: Fee by the hour"
    assert row.total_pence == -12_50
    assert row.adjusts_claim_id == paid


def test_rows_come_in_the_order_asked_and_skip_claims_gone(database, team, people):
    first = claim_at(database, team, people["zoe"], ClaimStatus.DRAFT)
    second = claim_at(database, team, people["lukasz"], ClaimStatus.DRAFT)
    assert [row.id for row in rows(database, [second, 987_654, first])] == [second, first]
    assert rows(database, []) == []
