"""Home's first reads start as the records open (the bootstrap's `read_home_early`), and
Home uses them only when they were read for the day and year it shows."""

from __future__ import annotations

from datetime import date, timedelta

from involve_desktop.services.home_jobs import JobKind, todays_jobs
from involve_desktop.services.year_figures import current_year_figures
from involve_desktop.ui import ops
from involve_desktop.ui.screens.home.early import EARLY_FIGURES, EARLY_JOBS, read_home_early
from involve_desktop.ui.screens.home.home_screen import HomeScreen
from tests.db.claim_helpers import add_claimant, fee, money_team, submitted

TODAY = date.today()


def test_home_shows_what_was_read_early_and_takes_it_once(qtbot, ctx):
    database = ctx.database()
    _admin, _approver, worker = money_team(database)
    submitted(database, worker, add_claimant(database, "Ann", "Jones"), fee(100))
    read_home_early(ctx, TODAY)
    home = HomeScreen(ctx, today=TODAY)
    qtbot.addWidget(home)
    qtbot.waitUntil(lambda: not home.loading, timeout=20_000)

    assert home.jobs.counts()[JobKind.CLAIMS_TO_APPROVE] == 1
    assert home.glance.figures == ops.query(ctx, current_year_figures, TODAY)
    # Taken once: a refresh reads the records afresh.
    assert ctx.take_early(EARLY_JOBS) is None
    assert ctx.take_early(EARLY_FIGURES) is None


def test_a_read_from_another_day_is_not_shown(qtbot, ctx):
    """A window left open past midnight: what was read yesterday is read again."""
    yesterday = TODAY - timedelta(days=1)
    read_home_early(ctx, yesterday)
    home = HomeScreen(ctx, today=TODAY)
    qtbot.addWidget(home)
    qtbot.waitUntil(lambda: not home.loading, timeout=20_000)

    assert home.glance.figures.today == TODAY
    assert home.jobs.counts() == {job.kind: job.count for job in ops.query(ctx, todays_jobs, TODAY)}


def test_current_year_figures_are_the_year_holding_today(ctx):
    figures = ops.query(ctx, current_year_figures, date(2026, 11, 26))
    # The default financial year starts on 1 April.
    assert (figures.first, figures.last) == (date(2026, 4, 1), date(2027, 3, 31))
