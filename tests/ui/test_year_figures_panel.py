"""The year's figures as a person reads them, on the hand-built records whose answers are
worked out in tests/db/year_figures_helpers.py."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QTableView

from involve_desktop.domain.activities import Attendance
from involve_desktop.services.attendance import set_attendance
from involve_desktop.ui.widgets.year_figures_panel import NO_YEAR, YearFiguresPanel
from tests.db.year_figures_helpers import TODAY, build_year
from tests.ui.helpers import show_active

APRIL_YEAR = (date(2025, 4, 1), date(2026, 3, 31))


@pytest.fixture
def built(ctx):
    return build_year(ctx.database())


@pytest.fixture
def panel(qtbot, ctx, built):
    shown = YearFiguresPanel(ctx, today=TODAY)
    shown.resize(1000, 800)
    show_active(qtbot, shown)
    shown.show_year(*APRIL_YEAR)
    return shown


def cells(panel: YearFiguresPanel, key: str) -> list[list[str]]:
    model = panel.tables[key].model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def headers(panel: YearFiguresPanel, key: str) -> list[str]:
    model = panel.tables[key].model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_before_a_year_is_chosen_the_panel_says_to_choose_one(qtbot, ctx):
    panel = YearFiguresPanel(ctx, today=TODAY)
    qtbot.addWidget(panel)
    assert panel.intro.text() == NO_YEAR
    assert not panel.sections["people"].isVisibleTo(panel)


def test_the_panel_says_where_the_figures_come_from(panel):
    assert panel.intro.text() == (
        "Worked out from the records for 2025/26 (1 April 2025 to 31 March 2026), as they are "
        "today. They cannot be typed in."
    )


def test_people_who_took_part_by_level_beside_the_register(panel):
    assert panel.headings["people"].text() == "Experts by experience who took part"
    assert panel.sentences["people"].text() == (
        "3 experts by experience took part in at least one activity; 1 of them was new in 2025/26."
    )
    assert headers(panel, "levels") == ["Level", "Took part", "On the register at the end"]
    assert cells(panel, "levels") == [
        ["Observing", "1", "5"],
        ["Contributing", "2", "1"],
        ["Collaborating", "0", "0"],
        ["Leading", "0", "1"],
        ["All levels", "3", "7"],
    ]
    roles = {row[0]: row[1:] for row in cells(panel, "roles")}
    assert roles["Carer"] == ["0", "2", "0", "0"]
    assert roles["Uses services"] == ["1", "0", "0", "0"]
    assert cells(panel, "new") == [
        ["Joined the register in the year", "2"],
        ["Of them, took part in an activity", "1 of 2 (50%)"],
    ]


def test_activities_impact_money_and_not_taking_part_read_as_words(panel):
    assert cells(panel, "power") == [
        ["We inform (step 1 of 4)", "1 of 4 (25%)"],
        ["We consult (step 2 of 4)", "1 of 4 (25%)"],
        ["We decide together (step 3 of 4)", "1 of 4 (25%)"],
        ["You lead (step 4 of 4)", "1 of 4 (25%)"],
    ]
    assert [row[0] for row in cells(panel, "kinds")] == [
        "Steering group",
        "Interview panel",
        "Co-design workshop",
        "No kind recorded",
    ]
    assert cells(panel, "impact") == [
        ["Activities held by 31 March 2026 with an impact record", "2 of 4 (50%)"],
        ["Impact records reported back to the people involved", "2 of 4 (50%)"],
    ]
    assert cells(panel, "payments") == [
        ["Fees paid", "£125.00"],
        ["Mileage and expenses paid", "£8.00"],
        ["Total paid", "£133.00"],
        ["Experts by experience paid", "2"],
        ["Claimed, waiting to be approved or paid", "£25.00"],
    ]
    assert cells(panel, "budgets") == [
        ["Involvement", "£1,000.00", "£25.00", "£133.00", "£842.00"],
        ["Youth panel", "£200.00", "£0.00", "£0.00", "£200.00"],
        ["All budgets", "£1,200.00", "£25.00", "£133.00", "£1,042.00"],
    ]
    assert cells(panel, "choices") == [
        ["Not at the moment", "1"],
        ["Does not wish to take part", "1"],
    ]
    barriers = {row[0]: row[1:] for row in cells(panel, "barriers")}
    assert barriers["Transport"] == ["1", "1"]
    assert barriers["Digital"] == ["1", "0"]
    assert "not yet found a way" in panel.notes["not taking part"].text()


def test_every_table_has_a_name_and_every_sentence_can_be_selected(panel):
    for table in panel.findChildren(QTableView):
        assert table.accessibleName()
    for label in panel.findChildren(QLabel):
        if label in panel.headings.values():
            continue
        flags = label.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByMouse, label.text()


def test_ctrl_c_copies_the_chosen_rows_of_a_table_with_its_headers(qtbot, panel):
    table = panel.tables["payments"].view
    table.setFocus()
    table.selectRow(2)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Payments\tAmount\nTotal paid\t£133.00"


def test_the_figures_follow_a_change_to_the_records(qtbot, ctx, built, panel):
    with ctx.database().session_scope() as session:
        set_attendance(
            session,
            ctx.actor,
            built.activities["A3"],
            built.people["hal"],
            status=Attendance.ATTENDED,
            today=TODAY,
        )
    ctx.events.data_changed.emit("activities")

    assert cells(panel, "levels")[0] == ["Observing", "2", "5"]
    assert panel.sentences["people"].text().startswith("4 experts by experience took part")


def test_in_a_narrow_window_a_wide_table_scrolls_itself_and_the_words_wrap(qtbot, panel):
    panel.resize(320, 800)
    qtbot.waitUntil(lambda: panel.scroller.viewport().width() < 320)
    content = panel.scroller.widget()
    assert content.width() <= panel.scroller.viewport().width()  # no sideways scroll
    budgets = panel.tables["budgets"].view
    assert budgets.width() < budgets.sizeHint().width()
    bar = budgets.horizontalScrollBar()
    assert bar.maximum() > 0  # the table's own bar reaches its last column
    assert not panel.scroller.horizontalScrollBar().isVisible()
    assert panel.scroller.focusPolicy() == Qt.FocusPolicy.NoFocus
