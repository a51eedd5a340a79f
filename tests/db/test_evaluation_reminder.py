"""The reminder of the yearly evaluation, on fixed dates: from the weeks before it falls due
until it is signed off, last year's before this year's."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from involve_desktop.domain.financial_year import YearStart
from involve_desktop.domain.roles import Role
from involve_desktop.services.evaluation_reminder import ReminderState, evaluation_reminder
from involve_desktop.services.evaluations import save_evaluation, sign_off, start_evaluation
from involve_desktop.services.organisation import save_organisation
from tests.conftest import EXAMPLE_ORGANISATION
from tests.db.register_helpers import staff_member
from tests.db.test_evaluations import complete_details

# The example charity: the year starts on 1 April, the evaluation is on 1 March, and the
# reminder starts 4 weeks ahead. The evaluation of 2025/26 is due on 1 March 2026.
DUE_2025 = date(2026, 3, 1)


def sign_off_year(database, year_first: date) -> int:
    admin = staff_member(database, Role.ADMINISTRATOR)
    with database.session_scope() as session:
        evaluation_id = start_evaluation(session, admin, year_first, date(2030, 1, 1))
        save_evaluation(session, admin, evaluation_id, complete_details(), [])
        sign_off(session, admin, evaluation_id, datetime(2026, 1, 5, 12))
    return evaluation_id


@pytest.fixture
def last_year_done(database):
    """2024/25 was evaluated and signed off, so only 2025/26 is pending in early 2026."""
    sign_off_year(database, date(2024, 4, 1))


def reminder_on(database, today):
    with database.session_scope() as session:
        return evaluation_reminder(session, today)


def test_nothing_is_said_before_the_weeks_ahead(database, last_year_done):
    # 2 February is 27 days ahead: still quiet. 1 February is the first day of the reminder.
    assert reminder_on(database, date(2026, 2, 2)) is not None
    assert reminder_on(database, date(2026, 1, 31)) is None


@pytest.mark.parametrize(
    ("today", "state", "text"),
    [
        (
            date(2026, 2, 1),
            ReminderState.COMING_UP,
            "The yearly evaluation of 2025/26 is due on 1 March 2026, in 4 weeks.",
        ),
        (
            date(2026, 2, 22),
            ReminderState.COMING_UP,
            "The yearly evaluation of 2025/26 is due on 1 March 2026, in 7 days.",
        ),
        (
            date(2026, 2, 28),
            ReminderState.COMING_UP,
            "The yearly evaluation of 2025/26 is due on 1 March 2026, tomorrow.",
        ),
        (
            date(2026, 3, 1),
            ReminderState.DUE_TODAY,
            "The yearly evaluation of 2025/26 is due today.",
        ),
        (
            date(2026, 3, 13),
            ReminderState.OVERDUE,
            "The yearly evaluation of 2025/26 was due on 1 March 2026, 12 days ago.",
        ),
        (
            date(2026, 11, 26),
            ReminderState.OVERDUE,
            "The yearly evaluation of 2025/26 was due on 1 March 2026, 9 months ago.",
        ),
    ],
)
def test_the_reminder_says_when_in_words(database, last_year_done, today, state, text):
    reminder = reminder_on(database, today)
    assert reminder is not None
    assert (reminder.label, reminder.due_on, reminder.evaluation_id) == ("2025/26", DUE_2025, None)
    assert (reminder.state, reminder.text) == (state, text)


def test_it_names_the_evaluation_once_started_and_stops_when_signed_off(database, last_year_done):
    admin = staff_member(database, Role.ADMINISTRATOR, "Ade Okafor")
    with database.session_scope() as session:
        evaluation_id = start_evaluation(session, admin, date(2025, 4, 1), DUE_2025)
    assert reminder_on(database, date(2026, 3, 5)).evaluation_id == evaluation_id
    with database.session_scope() as session:
        save_evaluation(session, admin, evaluation_id, complete_details(), [])
        sign_off(session, admin, evaluation_id, datetime(2026, 3, 5, 12))
    assert reminder_on(database, date(2026, 3, 5)) is None
    # Next year's comes round in its turn: due on 1 March 2027.
    coming = reminder_on(database, date(2027, 2, 8))
    assert (coming.label, coming.due_on, coming.state) == (
        "2026/27",
        date(2027, 3, 1),
        ReminderState.COMING_UP,
    )
    assert coming.text.endswith("in 3 weeks.")


def test_a_missed_year_gives_way_once_the_next_reminder_starts(database):
    # The 2024/25 evaluation (due 1 March 2025) was never done: it is overdue until the
    # 2025/26 reminder starts four weeks before 1 March 2026, and then that one is shown.
    overdue = reminder_on(database, date(2026, 1, 20))
    assert (overdue.label, overdue.state) == ("2024/25", ReminderState.OVERDUE)
    assert overdue.text.endswith("was due on 1 March 2025, 11 months ago.")
    coming = reminder_on(database, date(2026, 2, 20))
    assert (coming.label, coming.state) == ("2025/26", ReminderState.COMING_UP)
    # Signing off this year's evaluation ends the reminder, the missed year's too.
    sign_off_year(database, date(2025, 4, 1))
    assert reminder_on(database, date(2026, 2, 20)) is None


def test_a_day_other_than_the_first_and_weeks_other_than_four(database):
    with database.session_scope() as session:
        save_organisation(
            session,
            replace(
                EXAMPLE_ORGANISATION,
                year_start=YearStart(month=1, day=1),
                evaluation_month=1,
                evaluation_day=31,
                evaluation_reminder_weeks=2,
            ),
        )
    # A calendar year: 2026 is evaluated on 31 January 2027, reminded from 17 January.
    assert reminder_on(database, date(2027, 1, 16)) is None
    reminder = reminder_on(database, date(2027, 1, 17))
    assert reminder is not None
    assert (reminder.label, reminder.due_on, reminder.state) == (
        "2026",
        date(2027, 1, 31),
        ReminderState.COMING_UP,
    )
    assert reminder.text == "The yearly evaluation of 2026 is due on 31 January 2027, in 2 weeks."
