"""A person's totals by year, month and week, and the benefits thresholds, on a real database."""

from __future__ import annotations

from datetime import date

from involve_desktop.domain.people import BenefitsAffected
from involve_desktop.services.money_totals import (
    benefits_watch,
    everyone_year_totals,
    person_month_totals,
    person_week_totals,
    person_year_totals,
)
from tests.db.claim_helpers import add_claim, add_claimant, expense, fee, money_team, submitted


def test_fees_and_expenses_add_up_apart_by_year_month_and_week(database):
    _, _, worker = money_team(database)
    person = add_claimant(database)
    submitted(
        database,
        worker,
        person,
        fee(200, day=date(2026, 4, 6)),
        expense(3_00, day=date(2026, 4, 7)),
    )
    submitted(database, worker, person, fee(100, day=date(2026, 3, 31)))
    add_claim(database, worker, person, fee(900, day=date(2026, 4, 8)))  # a draft: not counted

    with database.session_scope() as session:
        years = person_year_totals(session, person)
        months = person_month_totals(session, person, date(2026, 4, 1))
        weeks = person_week_totals(session, person, date(2026, 4, 1))
        everyone = everyone_year_totals(session, date(2026, 4, 1))
    assert [(y.label, y.fees_pence, y.expenses_pence) for y in years] == [
        ("2026/27", 50_00, 3_00),
        ("2025/26", 25_00, 0),
    ]
    assert [(m.label, m.total_pence) for m in months] == [("April 2026", 53_00)]
    assert [(w.label, w.fees_pence) for w in weeks] == [("Week of 6 April 2026", 50_00)]
    assert [(e.name, e.fees_pence, e.expenses_pence, e.claims) for e in everyone] == [
        ("Siân ap Gwilym", 50_00, 3_00, 1)
    ]


def test_the_watch_counts_the_claim_on_screen_and_says_when_a_figure_is_passed(database):
    _, _, worker = money_team(database)
    person = add_claimant(database, benefits=BenefitsAffected.YES)
    submitted(database, worker, person, fee(600, day=date(2026, 11, 23)))  # £150 that week
    with database.session_scope() as session:
        watch = benefits_watch(
            session,
            worker,
            person,
            date(2026, 11, 26),
            claim_fee_lines=((date(2026, 11, 26), 50_00),),
        )
    assert watch.applies
    carers = next(c for c in watch.checks if c.threshold.name.startswith("Carer's"))
    assert carers.period.label == "Week of 23 November 2026"
    assert carers.period.fees_pence == 200_00 and carers.over_by_pence == 4_00 and carers.over
    universal = next(c for c in watch.checks if "with housing" in c.threshold.name)
    assert universal.period.label == "November 2026" and not universal.over


def test_a_tax_year_starting_on_the_sixth_keeps_its_part_months_in_the_right_year(database):
    from involve_desktop.db.models import Organisation

    with database.session_scope() as session:
        organisation = session.get(Organisation, 1)
        organisation.year_start_month, organisation.year_start_day = 4, 6
    _, _, worker = money_team(database)
    person = add_claimant(database)
    submitted(database, worker, person, fee(100, day=date(2026, 4, 3)))  # 2025/26
    submitted(database, worker, person, fee(100, day=date(2026, 4, 7)))
    submitted(database, worker, person, fee(100, day=date(2027, 4, 5)))  # still 2026/27

    with database.session_scope() as session:
        months = person_month_totals(session, person, date(2026, 4, 6))
        [year] = [y for y in person_year_totals(session, person) if y.label == "2026/27"]
    assert [(m.label, m.fees_pence) for m in months] == [
        ("April 2026", 25_00),
        ("April 2027", 25_00),
    ]
    assert sum(m.fees_pence for m in months) == year.fees_pence == 50_00


def test_a_claim_over_two_weeks_is_watched_in_its_fuller_week(database):
    _, _, worker = money_team(database)
    person = add_claimant(database, benefits=BenefitsAffected.YES)
    lines = ((date(2026, 11, 17), 150_00), (date(2026, 11, 24), 225_00))
    with database.session_scope() as session:
        watch = benefits_watch(session, worker, person, date(2026, 11, 17), claim_fee_lines=lines)
    carers = next(c for c in watch.checks if c.threshold.name.startswith("Carer's"))
    assert carers.period.label == "Week of 23 November 2026"
    assert carers.over_by_pence == 29_00 and watch.any_over
