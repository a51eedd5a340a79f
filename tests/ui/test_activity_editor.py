"""The activity editor and its attendee picker, typed into like a person would, saved to a
real database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from involve_desktop.domain.activities import Attendance, PowerShared
from involve_desktop.domain.activity_record import AttendeeLine
from involve_desktop.services.activities import load_activity
from involve_desktop.services.activity_list import ActivityFilter, matching_activity_ids
from involve_desktop.services.attendance import REMOVED_FROM_REGISTER, attendees
from involve_desktop.services.people_lifecycle import delete_person
from involve_desktop.services.people_list import rows_for
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.activity_editor import DETAILS_TAB, PEOPLE_TAB
from involve_desktop.ui.prompts import UnsavedChoice
from involve_desktop.ui.screens.activities.activities_screen import ActivitiesScreen
from involve_desktop.ui.screens.people.people_screen import PeopleScreen
from involve_desktop.ui.widgets.attendee_picker import AttendeeTableModel
from tests.ui.activity_helpers import add_activity, close_dialogs, take_part
from tests.ui.helpers import show_active, type_text
from tests.ui.people_helpers import TODAY, add_person
from tests.ui.test_accessibility import unnamed_inputs

LAST_MONTH = date(2026, 10, 15)


@pytest.fixture
def screen(qtbot, ctx) -> Iterator[ActivitiesScreen]:
    widget = ActivitiesScreen(ctx, today=TODAY)
    show_active(qtbot, widget)
    yield widget
    close_dialogs(widget)


@pytest.fixture
def zoe(ctx) -> int:
    return add_person(ctx, "Zoë", "O'Brien", roles=("Carer",))


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_editor(qtbot, screen: ActivitiesScreen, activity_id: int | None = None):
    screen.open_editor(activity_id)
    editor = screen.editor
    qtbot.waitUntil(editor.isVisible)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def saved_ids(ctx) -> list[int]:
    return ops.query(ctx, matching_activity_ids, ActivityFilter(), today=TODAY)


def find_and_add(qtbot, editor, text: str) -> None:
    editor.tabs.setCurrentIndex(PEOPLE_TAB)
    finder = editor.people.finder
    type_text(finder.search, text)
    qtbot.waitUntil(lambda: not finder.typing_timer.isActive())
    qtbot.keyClick(finder.search, Qt.Key.Key_Return)


def test_without_a_purpose_nothing_is_saved_and_the_field_says_why(qtbot, ctx, screen):
    editor = open_editor(qtbot, screen)
    assert editor.windowTitle() == "New activity"
    details = editor.details
    type_text(details.title, "Interview panel for the new manager")
    type_text(details.held_on, "3/12/2026")
    click(qtbot, editor.save_button)

    assert editor.isVisible()
    message = details.errors["purpose"]
    assert message.isVisible()
    assert "why this activity happens" in message.text()
    assert "Involvement without a purpose is only for show." in message.text()
    assert details.purpose.accessibleDescription().startswith("Please say why")
    assert editor.focusWidget() is details.purpose
    assert editor.tabs.tabText(DETAILS_TAB).startswith("\u26a0")
    assert saved_ids(ctx) == []

    type_text(details.purpose, "To choose the manager with the people they will serve.")
    click(qtbot, details.power.buttons[PowerShared.DECIDE_TOGETHER])
    type_text(details.kind.lineEdit(), "Interview panel")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert not editor.isVisible()
    [activity_id] = saved_ids(ctx)
    saved = ops.query(ctx, load_activity, activity_id)
    assert saved.power_shared is PowerShared.DECIDE_TOGETHER
    assert saved.held_on == date(2026, 12, 3)
    assert saved.lead_staff_id == ctx.actor.staff_id  # the signed-in staff member leads
    model = screen.model
    assert model.index(0, model.TITLE).data() == "Interview panel for the new manager"
    assert model.index(0, model.POWER).data() == "\u25cf\u25cf\u25cf\u25cb We decide together"
    assert screen.selected_id() == activity_id
    assert "Saved" in screen.message.text()


def test_times_and_dates_that_cannot_be_read_are_said_at_their_fields(qtbot, screen):
    editor = open_editor(qtbot, screen)
    type_text(editor.details.held_on, "31/02/2026")
    type_text(editor.details.starts_at, "half ten")
    click(qtbot, editor.save_button)
    assert editor.details.errors["held_on"].isVisible()
    assert "10:30" in editor.details.errors["starts_at"].text()
    assert editor.state_label.text().startswith("Not saved: 4 things need correcting")


def test_the_picker_finds_a_name_typed_without_its_accent_and_attendance_sets_last_involved(
    qtbot, ctx, screen, zoe
):
    # GIVEN a past activity and Zoë on the register
    activity_id = add_activity(ctx, "Feedback on the leaflet", LAST_MONTH)
    add_person(ctx, "Zoltan", "Kiss")
    editor = open_editor(qtbot, screen, activity_id)

    # WHEN "zoe" is typed and Enter pressed, then she is marked as attended
    find_and_add(qtbot, editor, "zoe")
    assert editor.isVisible(), "Enter adds the person; it does not also save the activity"
    assert [item.text() for item in _found(editor)] == ["Zoë O'Brien \u2014 Carer (already listed)"]
    assert editor.people.lines() == [AttendeeLine(zoe, "Zoë O'Brien")]
    editor.people.table.selectRow(0)
    click(qtbot, editor.people.mark_buttons[Attendance.ATTENDED])
    assert editor.people.summary.text() == "1 expert by experience listed: 1 attended."
    click(qtbot, editor.save_button)

    # THEN her last involvement is the activity's date, as the People list shows it
    assert not editor.isVisible()
    assert ops.query(ctx, rows_for, [zoe])[0].last_involved_on == LAST_MONTH
    people = PeopleScreen(ctx, today=TODAY)
    qtbot.addWidget(people)
    model = people.model
    row = model.row_of(zoe)
    assert model.index(row, model.LAST_INVOLVED).data() == "15/10/2026"
    assert screen.model.index(0, screen.model.ATTENDED).data() == "1 of 1"


def _found(editor) -> list:
    results = editor.people.finder.results
    return [results.item(row) for row in range(results.count())]


def test_a_role_is_chosen_or_typed_in_the_table(qtbot, ctx, screen, zoe):
    activity_id = add_activity(ctx, "Steering group", LAST_MONTH)
    take_part(ctx, activity_id, zoe, Attendance.ATTENDED)
    editor = open_editor(qtbot, screen, activity_id)
    editor.tabs.setCurrentIndex(PEOPLE_TAB)
    table = editor.people.table
    table.setCurrentIndex(editor.people.model.index(0, AttendeeTableModel.ROLE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    box = table.findChild(QComboBox)
    assert box is not None and box.isEditable()
    box.lineEdit().selectAll()
    type_text(box.lineEdit(), "Note taker")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.people.lines()[0].role == "Note taker")
    assert editor.isVisible(), "Enter confirms the cell; it does not also save the activity"
    click(qtbot, editor.save_button)
    [saved] = ops.query(ctx, attendees, activity_id)
    assert (saved.role, saved.status) == ("Note taker", Attendance.ATTENDED)


def test_a_past_activity_with_everyone_still_invited_asks_to_record_attendance(
    qtbot, ctx, answers, screen, zoe
):
    activity_id = add_activity(ctx, "Annual open meeting", LAST_MONTH)
    editor = open_editor(qtbot, screen, activity_id)
    find_and_add(qtbot, editor, "zoe")

    answers.yes_no = True
    click(qtbot, editor.save_button)
    assert answers.asked == ["Record who attended"]
    assert editor.isVisible()
    assert editor.tabs.currentIndex() == PEOPLE_TAB
    assert editor.people.selected_rows() == [0]
    assert ops.query(ctx, attendees, activity_id) == []  # nothing saved yet
    assert "mark who attended" in editor.state_label.text()

    answers.yes_no = False
    click(qtbot, editor.save_button)
    assert not editor.isVisible()
    [saved] = ops.query(ctx, attendees, activity_id)
    assert saved.status is Attendance.INVITED


def test_someone_deleted_from_the_register_stays_on_the_activity_without_their_name(
    qtbot, ctx, screen, zoe
):
    activity_id = add_activity(ctx, "Co-design workshop", LAST_MONTH)
    take_part(ctx, activity_id, zoe, Attendance.ATTENDED)
    ops.change(ctx, "people", delete_person, ctx.actor, zoe)

    assert screen.model.index(0, screen.model.ATTENDED).data() == "1 of 1"
    editor = open_editor(qtbot, screen, activity_id)
    editor.tabs.setCurrentIndex(PEOPLE_TAB)
    model = editor.people.model
    assert model.index(0, model.PERSON).data() == REMOVED_FROM_REGISTER
    assert not model.flags(model.index(0, model.ATTENDANCE)) & Qt.ItemFlag.ItemIsEditable
    editor.people.table.selectRow(0)
    assert not editor.people.remove_button.isEnabled()
    assert "1 no longer on the register, still counted" in editor.people.summary.text()
    type_text(editor.details.title, " (spring)")
    click(qtbot, editor.save_button)
    [kept] = ops.query(ctx, attendees, activity_id)
    assert (kept.person_id, kept.status) == (None, Attendance.ATTENDED)


def test_cancel_asks_and_leaves_the_activity_and_its_attendance_as_they_were(
    qtbot, ctx, answers, screen, zoe
):
    activity_id = add_activity(ctx, "Teaching session", date(2026, 12, 10))
    editor = open_editor(qtbot, screen, activity_id)
    find_and_add(qtbot, editor, "obrien")
    assert editor.dirty

    answers.unsaved = UnsavedChoice.CANCEL
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible()
    answers.unsaved = UnsavedChoice.DISCARD
    click(qtbot, editor.cancel_button)
    assert answers.asked == ["unsaved this activity", "unsaved this activity"]
    assert not editor.isVisible()
    assert ops.query(ctx, attendees, activity_id) == []


def test_removing_someone_is_saved_with_the_activity(qtbot, ctx, screen, zoe):
    activity_id = add_activity(ctx, "Peer support group", LAST_MONTH)
    take_part(ctx, activity_id, zoe, Attendance.APOLOGIES)
    editor = open_editor(qtbot, screen, activity_id)
    editor.tabs.setCurrentIndex(PEOPLE_TAB)
    editor.people.table.selectRow(0)
    qtbot.keyClick(editor.people.table, Qt.Key.Key_Delete)
    assert editor.people.lines() == []
    click(qtbot, editor.save_button)
    assert ops.query(ctx, attendees, activity_id) == []


def test_a_new_activity_is_saved_from_the_impact_tab_and_stays_open(qtbot, ctx, screen):
    editor = open_editor(qtbot, screen)
    type_text(editor.details.title, "Young people's panel")
    type_text(editor.details.purpose, "To let young people choose the youth worker.")
    type_text(editor.details.held_on, "10/12/2026")
    editor.tabs.setCurrentIndex(2)
    assert editor.impact_panel is None
    click(qtbot, editor.impact_page.findChild(type(editor.save_button)))

    assert editor.isVisible()
    [activity_id] = saved_ids(ctx)
    assert editor.activity_id == activity_id
    assert editor.impact_panel is not None
    assert editor.windowTitle() == "Young people's panel \u2014 activity"
    assert not editor.dirty


def test_the_attendee_model_passes_qtmodeltester(qtmodeltester):
    model = AttendeeTableModel()
    model.set_records(
        [
            AttendeeLine(1, "Zoë O'Brien", "Chair", Attendance.ATTENDED),
            AttendeeLine(None, REMOVED_FROM_REGISTER, "", Attendance.APOLOGIES),
        ]
    )
    qtmodeltester.check(model)
    assert not model.setData(model.index(1, model.ROLE), "Chair")
    assert not model.setData(model.index(0, model.ATTENDANCE), "maybe")


def test_every_input_is_named_and_tab_follows_the_form(qtbot, ctx, screen, zoe):
    activity_id = add_activity(ctx, "Steering group", LAST_MONTH)
    take_part(ctx, activity_id, zoe, Attendance.ATTENDED)
    editor = open_editor(qtbot, screen, activity_id)
    assert unnamed_inputs(editor) == []
    assert unnamed_inputs(screen) == []
    details = editor.details
    qtbot.waitUntil(details.title.hasFocus)
    for expected in (details.kind, details.area, details.purpose):
        qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
        assert editor.focusWidget() in (expected, getattr(expected, "lineEdit", lambda: None)())
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
    assert editor.focusWidget() in details.power.buttons.values()  # arrows then choose
    power = details.power.buttons[PowerShared.CONSULT]
    assert power.isChecked()
    assert (
        power.accessibleName() == "We consult, step 2 of 4: we ask for views and decide ourselves"
    )


def test_a_role_still_being_typed_is_saved_by_ctrl_s(qtbot, ctx, screen, zoe):
    activity_id = add_activity(ctx, "Steering group", LAST_MONTH)
    take_part(ctx, activity_id, zoe, Attendance.ATTENDED)
    editor = open_editor(qtbot, screen, activity_id)
    editor.tabs.setCurrentIndex(PEOPLE_TAB)
    table = editor.people.table
    table.setCurrentIndex(editor.people.model.index(0, AttendeeTableModel.ROLE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    box = table.findChild(QComboBox)
    box.lineEdit().selectAll()
    type_text(box.lineEdit(), "Chair")
    qtbot.waitUntil(lambda: box.lineEdit().hasFocus())
    # WHEN Ctrl+S is pressed with the cell still open (no Enter, no click elsewhere)
    editor._save_requested()
    # THEN the typed role is saved, not lost
    assert not editor.isVisible()
    [saved] = ops.query(ctx, attendees, activity_id)
    assert saved.role == "Chair"
