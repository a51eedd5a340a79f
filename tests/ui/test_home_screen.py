"""Home: each of today's jobs shows the count of the list it opens in one click, the count
follows changes made anywhere without a restart, and the year at a glance draws exactly the
figures the yearly evaluation and the annual report print."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import update

from involve_desktop.db.backup_models import BackupSettings
from involve_desktop.db.cycle_models import Evaluation
from involve_desktop.db.models import Person
from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.learning_cycle import EvaluationStatus
from involve_desktop.services import backup_settings
from involve_desktop.services.claim_workflow import approve_claim
from involve_desktop.services.evaluations import list_evaluations
from involve_desktop.services.home_jobs import JobKind
from involve_desktop.services.report_annual import annual_report
from involve_desktop.services.year_figures import year_figures
from involve_desktop.ui import ops
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.screens.activities.activities_screen import ActivitiesScreen
from involve_desktop.ui.screens.backup.backup_screen import BackupScreen
from involve_desktop.ui.screens.claims.claims_screen import ClaimsScreen
from involve_desktop.ui.screens.evaluation.evaluation_screen import EvaluationScreen
from involve_desktop.ui.screens.home.home_screen import HomeScreen
from involve_desktop.ui.screens.home.jobs_panel import NOTHING_TO_DO
from involve_desktop.ui.screens.impact_screen import ImpactScreen
from involve_desktop.ui.screens.people.people_screen import PeopleScreen
from involve_desktop.ui.screens.plan.plan_screen import STRATEGY_TAB, PlanScreen
from involve_desktop.ui.widgets.year_figures_panel import YearFiguresPanel, table_text
from tests.db.claim_helpers import add_claimant, fee, money_team, submitted
from tests.db.impact_helpers import add_activity, add_impact
from tests.db.plan_helpers import add_item, make_strategy
from tests.ui.helpers import show_active

TODAY = date.today()  # the screens a job opens count from the clock, so the records do too
DEMO_DAY = date(2026, 11, 26)


def set_person(ctx, person_id: int, **values: object) -> None:
    with ctx.database().session_scope() as session:
        session.execute(update(Person).where(Person.id == person_id).values(**values))


def backed_up_on(ctx, when: datetime) -> None:
    with ctx.database().session_scope() as session:
        backup_settings.load(session)  # makes the settings row
        session.execute(update(BackupSettings).values(last_removable_backup_at=when))


@pytest.fixture
def busy(ctx) -> dict[str, object]:
    """Something of most kinds to do today, built through the services."""
    database = ctx.database()
    admin, _approver, worker = money_team(database)
    people = {name: add_claimant(database, name, "Jones") for name in ("Ann", "Bo", "Cy", "Di")}
    waiting = [
        submitted(database, worker, people["Ann"], fee(100)),
        submitted(database, worker, people["Cy"], fee(300)),
    ]
    to_pay = submitted(database, worker, people["Bo"], fee(200))
    with database.session_scope() as session:
        approve_claim(session, admin, to_pay)
    set_person(ctx, people["Ann"], consent_review_on=TODAY - timedelta(days=3))
    set_person(ctx, people["Bo"], consent_review_on=TODAY + timedelta(days=10))
    set_person(ctx, people["Cy"], consent_review_on=TODAY + timedelta(days=90))
    set_person(ctx, people["Di"], last_involved_on=TODAY - timedelta(days=365 * 8))
    add_activity(database, "Coffee morning", TODAY - timedelta(days=3))
    add_activity(database, "Summer fair", TODAY - timedelta(weeks=20))
    add_activity(database, "Next panel", TODAY + timedelta(days=3))
    add_impact(database, "More evening sessions", today=TODAY)
    add_impact(database, "Easier forms", today=TODAY, told_people=True, told_on=TODAY)
    with database.session_scope() as session:
        plan = make_strategy(session, review_on=TODAY - timedelta(days=1))
        add_item(session, plan, "Pay people on time", due_on=TODAY - timedelta(days=7))
        add_item(session, plan, "Train staff", due_on=TODAY + timedelta(days=7))
    return {"admin": admin, "waiting": waiting}


def open_home(qtbot, ctx) -> tuple[MainWindow, HomeScreen]:
    window = MainWindow(ctx)
    window.resize(1280, 800)
    show_active(qtbot, window)
    window._services_ready()
    home = window.current_screen()
    assert isinstance(home, HomeScreen), "the app opens on Home"
    qtbot.waitUntil(lambda: not home.loading, timeout=20_000)
    return window, home


def rows_shown(screen) -> int:
    """How many records the screen a job opened lists."""
    if isinstance(screen, ImpactScreen):
        return screen.records.model.rowCount()
    if isinstance(screen, PlanScreen):
        return screen.plan_tab.model.rowCount()
    return len(screen.model.ids)


LISTS = {
    JobKind.CLAIMS_TO_APPROVE: ClaimsScreen,
    JobKind.CLAIMS_TO_PAY: ClaimsScreen,
    JobKind.CONSENT_REVIEWS: PeopleScreen,
    JobKind.ATTENDANCE_NOT_RECORDED: ActivitiesScreen,
    JobKind.IMPACT_OVERDUE: ActivitiesScreen,
    JobKind.NOT_TOLD: ImpactScreen,
    JobKind.PLAN_OVERDUE: PlanScreen,
}


def test_each_job_opens_the_list_it_counts_in_one_click(qtbot, ctx, busy):
    window, home = open_home(qtbot, ctx)
    counts = home.jobs.counts()
    expected = {
        JobKind.CLAIMS_TO_APPROVE: 2,
        JobKind.CLAIMS_TO_PAY: 1,
        JobKind.CONSENT_REVIEWS: 2,
        JobKind.ATTENDANCE_NOT_RECORDED: 2,
        JobKind.IMPACT_OVERDUE: 1,
        JobKind.NOT_TOLD: 1,
        JobKind.PLAN_OVERDUE: 1,
    }
    assert {kind: counts.get(kind) for kind in expected} == expected
    for kind, screen_kind in LISTS.items():
        window.open_area("home")
        qtbot.mouseClick(home.jobs.button(kind), Qt.MouseButton.LeftButton)
        screen = window.current_screen()
        assert isinstance(screen, screen_kind), kind
        assert rows_shown(screen) == counts[kind], kind

    # The one-off jobs open where the work is done.
    one_off = {
        JobKind.STRATEGY_REVIEW: PlanScreen,
        JobKind.BACKUP: BackupScreen,
        JobKind.EVALUATION: EvaluationScreen,
    }
    for kind, screen_kind in one_off.items():
        if kind not in counts:
            continue  # the evaluation is due only in some weeks of the year
        window.open_area("home")
        home.jobs.button(kind).click()
        assert isinstance(window.current_screen(), screen_kind), kind
    assert window.screens["plan"].tabs.currentIndex() == STRATEGY_TAB


def test_overdue_is_said_in_words_and_buttons_say_what_they_open(qtbot, ctx, busy):
    _window, home = open_home(qtbot, ctx)
    label, button = home.jobs.lines[JobKind.PLAN_OVERDUE]
    assert label.text() == "Overdue: 1 action-plan item is past the date due."
    assert label.font().bold()
    not_overdue, _button = home.jobs.lines[JobKind.CLAIMS_TO_APPROVE]
    assert not_overdue.text() == "2 claims waiting for approval."
    assert button.accessibleName() == "Show them: 1 action-plan item is past the date due"


def test_approving_a_claim_lowers_the_count_without_a_restart(qtbot, ctx, busy):
    _window, home = open_home(qtbot, ctx)
    assert home.jobs.counts()[JobKind.CLAIMS_TO_APPROVE] == 2

    first, second = busy["waiting"]  # type: ignore[misc]
    ops.change(ctx, "claims", approve_claim, busy["admin"], first)
    qtbot.waitUntil(lambda: home.jobs.counts().get(JobKind.CLAIMS_TO_APPROVE) == 1)
    assert home.jobs.counts()[JobKind.CLAIMS_TO_PAY] == 2

    # The last one approved: the job goes.
    ops.change(ctx, "claims", approve_claim, busy["admin"], second)
    qtbot.waitUntil(lambda: JobKind.CLAIMS_TO_APPROVE not in home.jobs.counts())
    assert JobKind.CLAIMS_TO_APPROVE not in home.jobs.lines


def test_a_change_while_home_is_hidden_is_read_when_it_is_shown_again(qtbot, ctx, busy):
    window, home = open_home(qtbot, ctx)
    window.open_area("people")
    generations = dict(home.generations)
    ops.change(ctx, "claims", approve_claim, busy["admin"], busy["waiting"][0])  # type: ignore[index]
    assert home.generations == generations, "nothing is read while Home is out of sight"
    window.open_area("home")
    qtbot.waitUntil(lambda: home.jobs.counts().get(JobKind.CLAIMS_TO_APPROVE) == 1)


def test_with_nothing_to_do_home_says_so(qtbot, ctx):
    backed_up_on(ctx, datetime.combine(DEMO_DAY, datetime.min.time()))
    with ctx.database().session_scope() as session:  # last year's evaluation, signed off
        session.add(
            Evaluation(
                year_start=date(2025, 4, 1),
                status=EvaluationStatus.SIGNED_OFF.value,
                signed_off_at=datetime(2026, 3, 20, 12, 0),
            )
        )
    home = HomeScreen(ctx, today=DEMO_DAY)
    show_active(qtbot, home)
    qtbot.waitUntil(lambda: not home.loading, timeout=20_000)
    assert home.jobs.counts() == {}
    assert home.jobs.status.text() == NOTHING_TO_DO
    assert home.jobs.status.isVisible()


# --- the year at a glance -------------------------------------------------------------------


@pytest.fixture
def demo_home(qtbot, demo_ctx) -> HomeScreen:
    home = HomeScreen(demo_ctx, today=DEMO_DAY)
    home.resize(1280, 800)
    show_active(qtbot, home)
    qtbot.waitUntil(lambda: not home.loading, timeout=20_000)
    return home


def test_the_charts_draw_the_figures_year_figures_gives(demo_home, demo_ctx):
    glance = demo_home.glance
    first, last = glance.period()  # type: ignore[misc]
    assert first <= DEMO_DAY <= last, "the current financial year by default"
    expected = ops.query(demo_ctx, year_figures, first, last, DEMO_DAY)
    assert glance.figures == expected

    power = glance.charts["power"].figures
    top_first = list(reversed(expected.activities.by_power))
    assert power.measures[0].values == tuple(row.count for row in top_first)
    assert power.categories == tuple(f"{row.power.label}: {row.count:,}" for row in top_first)
    kinds = glance.charts["kinds"].figures
    assert kinds.measures[0].values == tuple(row.count for row in expected.activities.by_kind)
    assert sum(kinds.measures[0].values) == expected.activities.total
    impact = glance.charts["impact"].figures
    assert impact.measures[0].values == (
        expected.impact.with_impact.percent,
        expected.impact.told.percent,
    )
    budgets = glance.charts["budgets"].figures
    allocated = budgets.measures[0].values
    assert allocated[-1] == (expected.money.allocated_pence + 50) // 100  # nearest pound
    # Never a chart without its numbers: said to screen readers, and in the table beside.
    for chart in glance.charts.values():
        assert chart.accessibleName() and chart.accessibleDescription()
    we_consult = f"We consult (step 2 of 4): {expected.activities.power(PowerShared.CONSULT)} of"
    assert we_consult in glance.charts["power"].accessibleDescription()
    levels = table_text(glance.tables["levels"].view).splitlines()
    assert levels[-1].split("\t")[:2] == ["All levels", f"{expected.people.total:,}"]
    assert demo_home.glance.pyramid.total() == expected.people.spread.total_now


def test_copy_as_image_puts_the_chart_on_the_clipboard(qtbot, demo_home):
    QGuiApplication.clipboard().clear()
    section = demo_home.glance.sections["power"]
    qtbot.mouseClick(section.copy_button, Qt.MouseButton.LeftButton)
    image = QGuiApplication.clipboard().image()
    assert not image.isNull()
    assert image.width() == section.chart.width() * section.chart.devicePixelRatio()
    assert section.copied.text().startswith("Copied")


def test_switching_the_year_shows_that_years_figures(qtbot, demo_home, demo_ctx):
    glance = demo_home.glance
    this_year = glance.figures
    glance.year.setCurrentIndex(glance.year.currentIndex() + 1)  # the year before
    qtbot.waitUntil(lambda: not demo_home.loading and glance.figures is not this_year)
    first, last = glance.period()  # type: ignore[misc]
    assert glance.figures == ops.query(demo_ctx, year_figures, first, last, DEMO_DAY)
    assert glance.figures.first < this_year.first
    assert glance.figures.label in glance.charts["kinds"].figures.title


def test_a_chart_row_opens_its_records(qtbot, demo_ctx):
    window, home = open_home(qtbot, demo_ctx)
    figures = home.glance.figures
    row = [power.power for power in figures.activities.by_power].index(PowerShared.CONSULT)
    table = home.glance.tables["power"].view
    table.activated.emit(table.model().index(row, 0))
    screen = window.current_screen()
    assert isinstance(screen, ActivitiesScreen)
    assert len(screen.model.ids) == figures.activities.power(PowerShared.CONSULT)
    assert "We consult" in screen.filters.showing.text()

    window.open_area("home")
    home.glance.sections["budgets"].records_button.click()
    assert window.current_screen().year.period() == home.glance.period()


def test_home_the_evaluation_and_the_annual_report_agree(qtbot, demo_home, demo_ctx):
    """For a year the demo charity evaluated: the same figures on Home, in the evaluation's
    figures panel, and in the annual report."""
    evaluation = ops.query(demo_ctx, list_evaluations, DEMO_DAY)[0]
    period = (evaluation.year_first, evaluation.year_last)
    glance = demo_home.glance
    glance.year.choose(period)
    qtbot.waitUntil(lambda: not demo_home.loading and glance.figures.first == period[0])

    panel = YearFiguresPanel(demo_ctx, today=DEMO_DAY)
    show_active(qtbot, panel)
    panel.show_year(*period)
    report = ops.query(demo_ctx, annual_report, *period, DEMO_DAY)
    assert glance.figures == panel.figures == report.figures
    for key in ("levels", "new", "kinds", "power", "impact", "budgets"):
        assert (
            table_text(glance.tables[key].view).split("\n")[1:]
            == table_text(panel.tables[key].view).split("\n")[1:]
        ), key
    figures = report.figures
    said = " ".join(section.sentence.text() for section in glance.sections.values())
    for sentence in (
        figures.people.summary,
        figures.new_people.summary,
        figures.activities.summary,
        figures.impact.summary,
        figures.money.summary,
    ):
        assert sentence in said


def test_the_retention_job_opens_the_people_past_the_retention_period(qtbot, ctx, busy):
    _window, home = open_home(qtbot, ctx)
    count = home.jobs.counts()[JobKind.RETENTION]
    assert count == 1
    qtbot.mouseClick(home.jobs.button(JobKind.RETENTION), Qt.MouseButton.LeftButton)
    dialog = home.retention_dialog
    assert dialog.isVisible()
    assert dialog.table.rowCount() == count
    dialog.reject()


def test_no_two_mnemonics_clash_on_home(qtbot, ctx, busy):
    from tests.ui.test_mnemonics import clashes, mnemonics

    window, home = open_home(qtbot, ctx)
    found = mnemonics(home) + mnemonics(window.menuBar())
    assert "Y" in {letter for letter, _text in found}, "&Year"
    assert clashes(found) == {}
