"""Each of Home's jobs opens exactly the records it counts, even when the user had filtered
that list before (a search typed on Claims, say, is taken off)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from involve_desktop.services.home_jobs import JobKind
from tests.ui.test_home_screen import LISTS, busy, open_home, rows_shown  # noqa: F401

AREAS = {
    JobKind.CLAIMS_TO_APPROVE: "claims",
    JobKind.CLAIMS_TO_PAY: "claims",
    JobKind.CONSENT_REVIEWS: "people",
    JobKind.ATTENDANCE_NOT_RECORDED: "activities",
    JobKind.IMPACT_OVERDUE: "activities",
    JobKind.NOT_TOLD: "impact",
    JobKind.PLAN_OVERDUE: "plan",
}


def search_box(screen):
    """The screen's own search field, wherever it keeps it."""
    if hasattr(screen, "plan_tab"):
        return screen.plan_tab.filters.search
    filters = getattr(screen, "filters", screen)
    return filters.search


def filter_first(qtbot, window, area: str) -> None:
    """Filter the list the way a user would, until it shows nothing."""
    window.open_area(area)
    screen = window.current_screen()
    box = search_box(screen)
    box.setFocus()
    qtbot.keyClicks(box, "nothing is called this")
    qtbot.waitUntil(lambda: rows_shown(screen) == 0, timeout=5_000)


@pytest.mark.usefixtures("busy")
def test_each_job_shows_its_count_after_that_list_was_filtered(qtbot, ctx):
    window, home = open_home(qtbot, ctx)
    counts = home.jobs.counts()
    assert set(AREAS) == set(LISTS)
    for kind, area in AREAS.items():
        filter_first(qtbot, window, area)
        window.open_area("home")
        qtbot.mouseClick(home.jobs.button(kind), Qt.MouseButton.LeftButton)
        screen = window.current_screen()
        assert isinstance(screen, LISTS[kind]), kind
        qtbot.wait(10)
        assert rows_shown(screen) == counts[kind], kind


@pytest.mark.usefixtures("busy")
def test_the_claims_job_takes_off_the_person_chosen_on_claims(qtbot, ctx):
    window, home = open_home(qtbot, ctx)
    window.open_area("claims")
    claims = window.current_screen()
    claims.filters.show_person(999, "Nobody Here")
    qtbot.waitUntil(lambda: rows_shown(claims) == 0)
    window.open_area("home")
    qtbot.mouseClick(home.jobs.button(JobKind.CLAIMS_TO_APPROVE), Qt.MouseButton.LeftButton)
    assert rows_shown(claims) == home.jobs.counts()[JobKind.CLAIMS_TO_APPROVE] == 2
    assert claims.filters.person is None
    assert claims.filters.search.text() == ""
