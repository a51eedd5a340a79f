"""What Home says in words: the money chart's pounds rounded to the nearest, "Copied" said to
screen readers, and each job's tooltip naming the list it opens."""

from __future__ import annotations

from PySide6.QtCore import Qt

from involve_desktop.services.home_jobs import JobKind
from involve_desktop.ui import announce
from involve_desktop.ui.screens.home.glance_panel import COPIED
from involve_desktop.ui.screens.home.home_screen import HomeScreen
from tests.db.claim_helpers import TODAY, add_budget, money_team
from tests.ui.helpers import show_active
from tests.ui.test_home_screen import busy, open_home  # noqa: F401


def test_the_money_chart_rounds_to_the_nearest_pound(qtbot, ctx):
    admin, _approver, _worker = money_team(ctx.database())
    add_budget(ctx.database(), admin, 99_99)
    home = HomeScreen(ctx, today=TODAY)
    show_active(qtbot, home)
    qtbot.waitUntil(lambda: not home.loading, timeout=20_000)
    allocated = home.glance.charts["budgets"].figures.measures[0]
    assert allocated.name == "Allocated"
    assert allocated.values == (100,)  # £99.99 is drawn as £100, not £99


def test_copied_is_said_to_screen_readers(qtbot, ctx, monkeypatch):
    said: list[str] = []

    class Listening:
        """Stands in for the platform's accessibility bridge, which tests do not have."""

        @staticmethod
        def updateAccessibility(event) -> None:
            said.append(event.message())

    monkeypatch.setattr(announce, "QAccessible", Listening)
    _window, home = open_home(qtbot, ctx)
    section = home.glance.sections["power"]
    qtbot.mouseClick(section.copy_button, Qt.MouseButton.LeftButton)
    assert said == [COPIED]
    assert section.copied.text() == section.copied.accessibleDescription() == COPIED


def test_a_jobs_tooltip_says_which_list_it_opens(qtbot, ctx, request):
    request.getfixturevalue("busy")
    _window, home = open_home(qtbot, ctx)
    tip = home.jobs.button(JobKind.CLAIMS_TO_APPROVE).toolTip()
    assert tip == "Opens the Claims list, showing the 2 claims waiting for approval"
    assert home.jobs.button(JobKind.BACKUP).toolTip() == ""  # the button says it all
