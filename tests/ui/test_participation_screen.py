"""The participation screen: the pyramid with its figures, by role, over the year, and the ways
in coming up, on a real database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage

from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.people import ParticipationLevel
from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.services.people import save_person
from involve_desktop.ui import ops
from involve_desktop.ui.screens.participation_screen import NONE_COMING, ParticipationScreen
from involve_desktop.ui.widgets.pyramid_chart import FILLS, PyramidBar, PyramidChart
from tests.db.impact_helpers import TODAY, add_activity, add_person_with_history
from tests.ui.helpers import show_active
from tests.ui.test_accessibility import unnamed_inputs

OBS, CON, COL, LEAD = list(ParticipationLevel)


@pytest.fixture
def register(ctx) -> None:
    with ctx.database().session_scope() as session:
        for _ in range(6):
            add_person_with_history(session, date(2024, 1, 1), [(date(2024, 1, 1), "", OBS)])
        for _ in range(3):
            add_person_with_history(
                session,
                date(2024, 1, 1),
                [(date(2024, 1, 1), "", OBS), (date(2026, 5, 1), OBS.value, CON)],
                roles=("Carer",),
            )
        add_person_with_history(session, date(2026, 6, 1), [(date(2026, 6, 1), "", LEAD)])
    add_activity(ctx.database(), "Open day", TODAY + timedelta(days=8), PowerShared.INFORM)
    add_activity(
        ctx.database(), "Co-design", TODAY + timedelta(days=20), PowerShared.DECIDE_TOGETHER
    )


@pytest.fixture
def screen(qtbot, ctx, register) -> ParticipationScreen:
    widget = ParticipationScreen(ctx, today=TODAY)
    show_active(qtbot, widget)
    return widget


def add_collaborator(ctx) -> None:
    """Someone new, added through the editor's service and announced as the editor does."""
    ops.change(
        ctx,
        "people",
        save_person,
        ctx.actor,
        PersonDetails(first_name="Ana", participation_level=COL, joined_on=TODAY),
        today=TODAY,
    )


def table(model) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_models_pass_qtmodeltester(qtmodeltester, screen):
    qtmodeltester.check(screen.levels_model)
    qtmodeltester.check(screen.roles_model)
    assert unnamed_inputs(screen) == []


def test_the_pyramid_and_its_figures_say_the_same(screen):
    assert screen.year.currentText() == "2026/27 (this year)"
    assert screen.levels_heading.text() == "<b>Experts by experience at each level</b>"
    assert table(screen.levels_model) == [
        ["Observing", "6", "9", "\u22123", "0", "0", "3", "6"],
        ["Contributing", "3", "0", "+3", "0", "3", "0", "3"],
        ["Collaborating", "0", "0", "0", "0", "0", "0", "0"],
        ["Leading", "1", "0", "+1", "1", "0", "0", "1"],
    ]
    headers = [screen.levels_model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers[1] == "Now" and headers[-1] == "Taking part now"
    assert screen.chart.accessibleName() == "Experts by experience at each level, 26 November 2026"
    assert screen.chart.accessibleDescription() == (
        "Leading: 1 expert by experience (10%); start of year: 0. "
        "Collaborating: 0 experts by experience (0%); start of year: 0. "
        "Contributing: 3 experts by experience (30%); start of year: 0. "
        "Observing: 6 experts by experience (60%); start of year: 9."
    )
    assert screen.summary.text().startswith(
        "10 experts by experience on the register now, 10 of them taking part at the moment. "
        "Since the year began on 1 April 2026: 1 new, 3 moved up and 0 moved down"
    )


def test_figures_by_role_count_everyone_with_the_role(screen):
    rows = {row[0]: row[1:] for row in table(screen.roles_model)}
    assert rows["Carer"] == ["0", "3", "0", "0", "3"]
    assert rows["No role recorded"] == ["6", "0", "0", "1", "7"]
    assert rows["Trustee"] == ["0", "0", "0", "0", "0"]


def test_a_past_year_ends_on_its_last_day(screen):
    screen.year.setCurrentIndex(screen.year.findText("2025/26"))
    assert [row[:3] for row in table(screen.levels_model)] == [
        ["Observing", "9", "9"],
        ["Contributing", "0", "0"],
        ["Collaborating", "0", "0"],
        ["Leading", "0", "0"],
    ]
    assert screen.levels_model.headerData(1, Qt.Orientation.Horizontal) == "End of year"
    assert screen.levels_model.columnCount() == 7, "taking part is known only for now"
    assert "on 31 March 2026" in screen.summary.text()


def test_each_level_shows_its_ways_in_or_says_there_are_none(screen):
    assert screen.ways[OBS].text() == "4 December 2026 \u2014 Open day"
    assert screen.ways[COL].text() == "16 December 2026 \u2014 Co-design"
    assert screen.ways[CON].text() == NONE_COMING == screen.ways[LEAD].text()


def test_the_screen_follows_changes_to_the_register(ctx, screen):
    add_collaborator(ctx)
    assert screen.levels_model.index(2, 1).data() == "1"
    assert screen.spread is not None and screen.spread.joined == 2


def test_the_chart_copies_as_an_image(screen):
    QGuiApplication.clipboard().clear()
    screen.copy_button.click()
    image: QImage = QGuiApplication.clipboard().image()
    assert not image.isNull()
    assert image.width() == screen.chart.width()
    assert screen.copied.text().startswith("Copied")


def test_the_bars_differ_in_grey_and_pattern_not_only_in_colour(qtbot):
    greys = [colour.lightness() for colour, _pattern in FILLS]
    assert greys == sorted(greys, reverse=True) and len(set(greys)) == len(greys)
    patterns = [pattern for _colour, pattern in FILLS[:3]]
    assert len(set(patterns)) == 3
    chart = PyramidChart()
    qtbot.addWidget(chart)
    chart.set_figures([PyramidBar("Observing", 0), PyramidBar("Leading", 2)], counted=str)
    assert chart.description() == "Leading: 2 (100%). Observing: 0 (0%)."
    chart.resize(chart.sizeHint())
    assert not chart.grab().isNull()


def test_a_screen_out_of_sight_catches_up_when_shown(ctx, screen):
    screen.hide()
    add_collaborator(ctx)
    assert screen.stale and screen.levels_model.index(2, 1).data() == "0"
    screen.show()
    assert not screen.stale and screen.levels_model.index(2, 1).data() == "1"
