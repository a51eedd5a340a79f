"""The Activities screen: the list over SQL, its filters, the practice prompts' filters,
opening, deleting and finding people."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt

from involve_desktop.db.models import Staff
from involve_desktop.domain.activities import Attendance, PowerShared
from involve_desktop.domain.activity_record import ImpactDetails
from involve_desktop.domain.roles import Role
from involve_desktop.services.activity_list import ActivityFilter, ActivitySort
from involve_desktop.services.impact import impact_for_activity, list_impact, save_impact
from involve_desktop.ui import ops
from involve_desktop.ui.screens.activities.activities_screen import ActivitiesScreen
from tests.ui.activity_helpers import add_activity, close_dialogs, take_part
from tests.ui.helpers import show_active, type_text
from tests.ui.people_helpers import TODAY, add_person


@pytest.fixture
def activities(ctx) -> dict[str, int]:
    lead = ctx.actor.staff_id
    made = {
        key: add_activity(
            ctx, title, held_on, kind=kind, area=area, power_shared=power, lead_staff_id=led
        )
        for key, title, held_on, kind, area, power, led in (
            (
                "panel",
                "Interview panel",
                date(2026, 12, 3),
                "Interview panel",
                "Recruitment and selection",
                PowerShared.DECIDE_TOGETHER,
                lead,
            ),
            (
                "survey",
                "Annual survey review",
                date(2026, 5, 14),
                "Consultation",
                "",
                PowerShared.INFORM,
                None,
            ),
            (
                "group",
                "Steering group",
                date(2026, 2, 10),
                "Steering group",
                "Governance",
                PowerShared.YOU_LEAD,
                lead,
            ),
        )
    }
    zoe = add_person(ctx, "Zoë", "O'Brien")
    sam = add_person(ctx, "Sam", "Jones")
    take_part(ctx, made["group"], zoe, Attendance.ATTENDED)
    take_part(ctx, made["group"], sam, Attendance.APOLOGIES)
    take_part(ctx, made["survey"], zoe)
    with ctx.database().session_scope() as session:
        save_impact(
            session,
            ctx.actor,
            ImpactDetails(said="Meet in the evenings", activity_id=made["group"]),
            today=TODAY,
        )
    return made


@pytest.fixture
def screen(qtbot, ctx, activities) -> Iterator[ActivitiesScreen]:
    widget = ActivitiesScreen(ctx, today=TODAY)
    show_active(qtbot, widget)
    yield widget
    close_dialogs(widget)


def shown_titles(screen: ActivitiesScreen) -> list[str]:
    model = screen.model
    return [model.index(row, model.TITLE).data() for row in range(model.rowCount())]


def choose(box, text: str) -> None:
    index = box.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    box.setCurrentIndex(index)


def test_the_table_model_passes_qtmodeltester(qtmodeltester, screen):
    qtmodeltester.check(screen.model)


def test_the_list_shows_everything_newest_first_in_words_not_colour(screen):
    assert shown_titles(screen) == ["Interview panel", "Annual survey review", "Steering group"]
    assert screen.count_label.text() == "3 activities"
    model = screen.model
    cells = [model.index(2, column).data() for column in range(model.columnCount())]
    assert cells == [
        "10/02/2026",
        "Steering group",
        "Steering group",
        "Governance",
        "\u25cf\u25cf\u25cf\u25cf You lead",
        "Priya Shah",
        "1 of 2",
        "1",
    ]
    spoken = model.index(2, model.POWER).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "You lead, step 4 of 4: people lead and we support them"
    assert model.index(1, model.IMPACT).data() == "None yet"  # past, nothing recorded
    assert model.index(0, model.IMPACT).data() == ""  # still to come
    assert model.index(0, model.ATTENDED).data() == "None listed"


def test_filters_by_year_lead_kind_and_no_impact(qtbot, ctx, screen):
    filters = screen.filters
    assert [filters.year.itemText(i) for i in range(4)] == [
        "Any year",
        "2027/28 (next year)",
        "2026/27 (this year)",
        "2025/26 (last year)",
    ]
    choose(filters.year, "2025/26 (last year)")
    assert shown_titles(screen) == ["Steering group"]
    assert screen.count_label.text() == "1 activity match"
    choose(filters.year, "Any year")
    choose(filters.lead, "Priya Shah")
    assert shown_titles(screen) == ["Interview panel", "Steering group"]
    filters.no_impact.setChecked(True)
    assert shown_titles(screen) == ["Interview panel"]
    click(qtbot, filters.clear_button)
    choose(filters.kind, "Consultation")
    assert shown_titles(screen) == ["Annual survey review"]
    choose(filters.kind, "Any kind")
    type_text(filters.search, "steer")
    qtbot.waitUntil(lambda: shown_titles(screen) == ["Steering group"])


def test_upcoming_comes_soonest_first_and_a_header_click_sorts_in_sql(qtbot, ctx, screen):
    add_activity(ctx, "Christmas party", date(2026, 12, 18))
    choose(screen.filters.when, "Upcoming")
    assert shown_titles(screen) == ["Interview panel", "Christmas party"]
    choose(screen.filters.when, "All")
    screen.table.sortByColumn(screen.model.TITLE, Qt.SortOrder.AscendingOrder)
    assert screen.filters.sort is ActivitySort.TITLE
    assert shown_titles(screen)[:2] == ["Annual survey review", "Christmas party"]


def test_a_practice_prompt_shows_its_filter_and_show_all_takes_it_away(qtbot, screen):
    screen.prompts.filter_requested.emit(ActivityFilter(attendance_not_recorded=True))
    assert shown_titles(screen) == ["Annual survey review"]
    assert screen.filters.prompt_line.isVisible()
    assert screen.filters.showing.text() == (
        "Showing: past activities where nobody's attendance has been recorded."
    )
    screen.filters.no_impact.setChecked(True)  # narrows the prompt's list further
    assert shown_titles(screen) == ["Annual survey review"]
    click(qtbot, screen.filters.show_all_button)
    assert not screen.filters.prompt_line.isVisible()
    assert not screen.filters.no_impact.isChecked()
    assert len(shown_titles(screen)) == 3


def test_filters_are_kept_when_the_records_change(ctx, screen):
    choose(screen.filters.kind, "Steering group")
    add_activity(ctx, "Steering group, spring", date(2026, 4, 20), kind="Steering group")
    ctx.events.data_changed.emit("activities")
    assert shown_titles(screen) == ["Steering group, spring", "Steering group"]
    assert screen.filters.kind.currentText() == "Steering group"


def test_enter_opens_the_selected_activity(qtbot, screen):
    screen.select_activity(screen.model.ids[2])
    screen.table.setFocus()  # as after clicking a row or tabbing to the list
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.editor.isVisible())
    assert screen.editor.windowTitle() == "Steering group \u2014 activity"
    screen.editor.reject()


def test_delete_says_what_goes_and_keeps_impact_as_feedback(
    qtbot, ctx, answers, screen, activities
):
    screen.select_activity(activities["group"])
    answers.yes_no = False
    click(qtbot, screen.delete_button)
    assert len(shown_titles(screen)) == 3

    answers.yes_no = True
    screen.table.setFocus()  # Delete acts on the list while the list has the focus
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    assert answers.asked == ["Delete activity", "Delete activity"]
    assert shown_titles(screen) == ["Interview panel", "Annual survey review"]
    assert screen.message.text() == "Deleted \u201cSteering group\u201d (10/02/2026)."
    assert ops.query(ctx, impact_for_activity, activities["group"]) == []
    [kept] = ops.query(ctx, list_impact)
    assert kept.said == "Meet in the evenings"


def test_the_delete_question_names_what_goes_and_what_stays(screen, activities):
    screen.select_activity(activities["group"])
    row = screen.model.row_at(screen.model.row_of(activities["group"]))
    question = screen._delete_question(row)
    assert "2 experts by experience listed, 1 marked as attended" in question
    assert "Its impact record stays, as feedback on its own." in question


def test_find_people_opens_for_the_selected_activity(qtbot, screen, activities):
    assert not screen.find_button.isEnabled()
    assert screen.find_button.text() == "F&ind experts by experience\u2026"
    screen.select_activity(activities["panel"])
    click(qtbot, screen.find_button)
    qtbot.waitUntil(lambda: screen.find_dialog.isVisible())
    assert screen.find_dialog.activity_id == activities["panel"]
    screen.find_dialog.reject()


def test_find_people_is_not_offered_for_an_activity_that_has_happened(qtbot, screen, activities):
    screen.select_activity(activities["group"])  # 10 February, before today
    assert screen.open_button.isEnabled()
    assert not screen.find_button.isEnabled()
    assert screen.find_button.toolTip() == (
        "This activity has happened; record who took part in the activity instead"
    )
    screen.find_people()
    assert not hasattr(screen, "find_dialog")
    screen.select_activity(activities["panel"])  # 3 December, still to come
    assert screen.find_button.isEnabled()
    assert screen.find_button.toolTip() == (
        "Find experts by experience to invite to the selected activity"
    )


def test_staff_who_have_left_are_named_as_such_in_the_lead_filter(ctx, screen):
    with ctx.database().session_scope() as session:
        session.add(Staff(name="Tom Reed", role=Role.STAFF.value, active=False))
    ctx.events.data_changed.emit("organisation")
    names = [screen.filters.lead.itemText(i) for i in range(screen.filters.lead.count())]
    assert names == ["Anyone", "Priya Shah", "Tom Reed (no longer active)"]


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
