"""The "You said, we did" screen and an activity's Impact panel, on a real database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from involve_desktop.services.impact import ImpactFilter, list_impact, load_impact
from involve_desktop.ui import ops
from involve_desktop.ui.screens.impact_screen import ImpactScreen
from involve_desktop.ui.widgets.impact_panel import ImpactList, ImpactPanel
from tests.db.impact_helpers import TODAY, add_activity, add_impact
from tests.ui.helpers import show_active, type_text
from tests.ui.test_accessibility import unnamed_inputs


@pytest.fixture
def records(ctx) -> dict[str, int]:
    database = ctx.database()
    cafe = add_activity(database, "Café review", date(2025, 6, 1))
    group = add_activity(database, "Steering group", date(2026, 9, 1))
    return {
        "cafe": cafe,
        "group": group,
        "menu": add_impact(
            database,
            "Menu prices in large print",
            activity_id=cafe,
            changed="Large-print menus",
            told_people=True,
            told_on=date(2025, 8, 1),
        ),
        "evenings": add_impact(database, "Meet in the evenings", activity_id=group),
        "ramp": add_impact(database, "The ramp is too steep", source="Email to the office"),
    }


@pytest.fixture
def screen(qtbot, ctx, records) -> ImpactScreen:
    widget = ImpactScreen(ctx, today=TODAY)
    show_active(qtbot, widget)
    return widget


def shown(records_list: ImpactList, column: int = 2) -> list[str]:
    model = records_list.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def select_rows(records_list: ImpactList, *said: str) -> None:
    wanted = [record.id for record in records_list.model.records if record.said in said]
    records_list.select_ids(wanted)


def test_the_table_models_pass_qtmodeltester(qtmodeltester, qtbot, ctx, screen, records):
    qtmodeltester.check(screen.records.model)
    panel = ImpactPanel(ctx, records["group"], today=TODAY)
    qtbot.addWidget(panel)
    qtmodeltester.check(panel.model)


def test_the_list_tells_each_story_newest_first(screen):
    model = screen.records.model
    assert screen.title.text() == "You said, we did"
    assert shown(screen.records) == [
        "The ramp is too steep",
        "Meet in the evenings",
        "Menu prices in large print",
    ]
    assert shown(screen.records, 1) == ["Email to the office", "Steering group", "Café review"]
    assert shown(screen.records, 3) == [
        "Nothing recorded yet",
        "Nothing recorded yet",
        "Large-print menus",
    ]
    assert shown(screen.records, 5)[2] == "Told on 1 August 2025"
    assert model.index(0, 0).data() == "26/11/2026"
    assert screen.count_label.text() == "3 records"
    assert "experts by experience said" in screen.intro.text()
    assert unnamed_inputs(screen) == []


def test_filters_narrow_the_list(qtbot, screen):
    qtbot.mouseClick(screen.not_told, Qt.MouseButton.LeftButton)
    assert shown(screen.records) == ["The ramp is too steep", "Meet in the evenings"]
    qtbot.mouseClick(screen.standalone, Qt.MouseButton.LeftButton)
    assert shown(screen.records) == ["The ramp is too steep"]
    assert screen.count_label.text() == "1 record match"
    qtbot.mouseClick(screen.standalone, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.not_told, Qt.MouseButton.LeftButton)

    screen.year.setCurrentIndex(screen.year.findText("2025/26"))
    assert shown(screen.records) == ["Menu prices in large print"]
    screen.year.setCurrentIndex(0)
    screen.change.setCurrentIndex(screen.change.findText("Something changed"))
    assert shown(screen.records) == ["Menu prices in large print"]
    screen.change.setCurrentIndex(0)

    type_text(screen.search, "STEEP")
    assert shown(screen.records) == ["The ramp is too steep"]
    screen.search.clear()
    type_text(screen.search, "nothing like this")
    assert screen.records.empty_label.text() == "No records match these filters."
    assert not screen.records.empty_label.isHidden()


def test_feedback_added_from_the_screen_appears_selected(qtbot, ctx, screen):
    screen.start_new()
    editor = screen.records.editor
    qtbot.waitUntil(editor.isVisible)
    assert editor.activity_id is None
    type_text(editor.form.source, "Phone call")
    type_text(editor.form.said, "Longer opening hours on Saturdays")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert shown(screen.records)[0] == "Longer opening hours on Saturdays"
    assert [r.said for r in screen.records.selected()] == ["Longer opening hours on Saturdays"]
    assert screen.count_label.text() == "4 records"


def test_enter_opens_the_record_and_delete_asks_first(qtbot, ctx, screen, answers):
    select_rows(screen.records, "Meet in the evenings")
    screen.records.table.setFocus()
    qtbot.keyClick(screen.records.table, Qt.Key.Key_Return)
    editor = screen.records.editor
    qtbot.waitUntil(editor.isVisible)
    assert editor.form.said.toPlainText() == "Meet in the evenings"
    editor.reject()

    answers.yes_no = False
    qtbot.mouseClick(screen.records.delete_button, Qt.MouseButton.LeftButton)
    assert answers.asked == ["Delete this record?"]
    assert len(shown(screen.records)) == 3
    answers.yes_no = True
    qtbot.keyClick(screen.records.table, Qt.Key.Key_Delete)
    assert shown(screen.records) == ["The ramp is too steep", "Menu prices in large print"]
    assert len(ops.query(ctx, list_impact, ImpactFilter())) == 2


def test_mark_as_told_dates_the_selected_records(qtbot, ctx, screen, records, answers):
    select_rows(screen.records, "Meet in the evenings", "The ramp is too steep")
    assert screen.mark_told_button.isEnabled()
    answers.texts = ["2/12/2026", "20/11/2026"]
    qtbot.mouseClick(screen.mark_told_button, Qt.MouseButton.LeftButton)
    assert answers.problems == [
        ("Not marked as told", "The date people were told cannot be in the future.")
    ]
    qtbot.mouseClick(screen.mark_told_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "Marked 2 records as told on 20 November 2026."
    assert ops.query(ctx, load_impact, records["ramp"]).told_on == date(2026, 11, 20)
    assert shown(screen.records, 5)[:2] == ["Told on 20 November 2026"] * 2
    assert not screen.mark_told_button.isEnabled(), "nothing selected is left to tell"


def test_an_activitys_panel_lists_and_adds_only_its_own_records(qtbot, ctx, records):
    panel = ImpactPanel(ctx, records["group"], today=TODAY)
    show_active(qtbot, panel)
    assert shown(panel, 0) == ["Meet in the evenings"]
    assert shown(panel, 2) == ["Not yet told"]
    assert panel.empty_label.isHidden()
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    editor = panel.editor
    qtbot.waitUntil(editor.isVisible)
    assert editor.activity_id == records["group"]
    type_text(editor.form.said, "Send the papers a week ahead")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert shown(panel, 0) == ["Send the papers a week ahead", "Meet in the evenings"]

    empty = ImpactPanel(ctx, add_activity(ctx.database(), "New", TODAY), today=TODAY)
    qtbot.addWidget(empty)
    assert empty.empty_label.text() == (
        "Nothing recorded yet. What did experts by experience say or recommend, and what came "
        "of it?"
    )


def test_the_main_window_lists_both_areas_before_settings(qtbot, ctx):
    from involve_desktop.ui.main_window import MainWindow
    from involve_desktop.ui.screens.participation_screen import ParticipationScreen

    window = MainWindow(ctx)
    show_active(qtbot, window)
    window._services_ready()
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles.index("You said, we did") + 1 == titles.index("Participation")
    assert titles[-1] == "Settings"
    window.show_area(titles.index("You said, we did"))
    assert isinstance(window.current_screen(), ImpactScreen)
    window.show_area(titles.index("Participation"))
    assert isinstance(window.current_screen(), ParticipationScreen)


def test_the_screen_uses_the_charitys_word_for_people(screen):
    assert "Telling experts by experience what came of their involvement" in screen.intro.text()
    assert screen.mark_told_button.toolTip() == (
        "Record that the experts by experience involved were told"
    )
    assert "Add what experts by experience said at an activity" in (
        screen.records.add_button.toolTip()
    )
