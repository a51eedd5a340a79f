"""The People screen: the list over SQL, search as you type, filters, archive, delete, undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from involve_desktop.domain.people import ParticipationLevel, TakingPart
from involve_desktop.domain.person_record import Consent
from involve_desktop.services.people_list import PeopleFilter, matching_ids
from involve_desktop.ui.screens.people.people_screen import PeopleScreen
from involve_desktop.ui.screens.people.people_table import PeopleTableModel
from tests.ui.helpers import show_active, type_text
from tests.ui.people_helpers import TODAY, add_person


@pytest.fixture
def people(ctx) -> dict[str, int]:
    return {
        "zoe": add_person(ctx, "Zoë", "O'Brien", roles=("Carer",)),
        "lukasz": add_person(
            ctx,
            "Łukasz",
            "Wiśniewski",
            roles=("Trustee", "Volunteer"),
            participation_level=ParticipationLevel.LEADING,
            consent=Consent(given_on=date(2024, 12, 1), review_on=date(2026, 12, 1)),
        ),
        "fang": add_person(
            ctx, "芳", "王", interests=("Research",), taking_part=TakingPart.DOES_NOT_WISH
        ),
        "sian": add_person(ctx, "Siân", "ap Gwilym", preferred_name="Sian"),
    }


@pytest.fixture
def screen(qtbot, ctx, people) -> PeopleScreen:
    widget = PeopleScreen(ctx, today=TODAY)
    show_active(qtbot, widget)
    return widget


def shown_names(screen: PeopleScreen) -> list[str]:
    model = screen.model
    return [model.index(row, model.NAME).data() for row in range(model.rowCount())]


def search(qtbot, screen: PeopleScreen, text: str) -> None:
    screen.filters.search.clear()
    type_text(screen.filters.search, text)
    qtbot.waitUntil(lambda: not screen.filters.typing_timer.isActive())


def test_the_table_model_passes_qtmodeltester(qtmodeltester, screen):
    qtmodeltester.check(screen.model)


def test_the_list_shows_everyone_in_surname_order_in_the_charitys_words(screen):
    assert shown_names(screen) == ["Siân ap Gwilym", "Zoë O'Brien", "Łukasz Wiśniewski", "芳 王"]
    assert screen.title.text() == "Experts by experience"
    assert screen.count_label.text() == "4 experts by experience on the register"
    model = screen.model
    row = shown_names(screen).index("Łukasz Wiśniewski")
    assert model.index(row, model.ROLES).data() == "Trustee, Volunteer"
    assert model.index(row, model.LEVEL).data() == "Leading"
    # Said in words, not colour alone.
    assert model.index(row, model.CONSENT_REVIEW).data() == "01/12/2026 (due)"
    fang = shown_names(screen).index("芳 王")
    assert model.index(fang, model.TAKING_PART).data() == "Does not wish to take part"
    assert model.index(fang, model.LAST_INVOLVED).data() == ""


def test_search_as_you_type_finds_names_without_accents(qtbot, screen):
    search(qtbot, screen, "zoe")
    assert shown_names(screen) == ["Zoë O'Brien"]
    assert screen.count_label.text() == "1 expert by experience match"
    search(qtbot, screen, "research")
    assert shown_names(screen) == ["芳 王"]
    search(qtbot, screen, "nobody like this")
    assert shown_names(screen) == []
    assert screen.count_label.text() == "0 experts by experience match"


def test_filters_and_sorting_run_in_sql_and_survive_leaving_the_screen(qtbot, screen):
    screen.filters.role.setCurrentIndex(screen.filters.role.findData("Trustee"))
    assert shown_names(screen) == ["Łukasz Wiśniewski"]
    screen.filters.clear()
    screen.table.sortByColumn(PeopleTableModel.LEVEL, Qt.SortOrder.DescendingOrder)
    assert shown_names(screen)[0] == "Łukasz Wiśniewski"
    screen.filters.consent_due.setChecked(True)
    assert shown_names(screen) == ["Łukasz Wiśniewski"]
    screen.hide()
    screen.show()
    assert screen.filters.consent_due.isChecked()
    assert shown_names(screen) == ["Łukasz Wiśniewski"]


def test_rows_are_fetched_only_as_they_are_shown(qtbot, ctx):
    for number in range(450):
        add_person(ctx, f"Person{number:03}", "Many")
    fetched: list[int] = []
    widget = PeopleScreen(ctx, today=TODAY)
    original = widget.model.fetch_rows
    widget.model.fetch_rows = lambda ids: fetched.append(len(ids)) or original(ids)
    widget.model.set_ids(widget.model.ids)
    show_active(qtbot, widget)
    assert widget.model.rowCount() == 450
    assert sum(fetched) <= 200, "only the first blocks are read to show the first screen"


def test_archive_hides_a_person_and_undo_brings_them_back(qtbot, screen, answers):
    screen.select_person(screen.model.ids[shown_names(screen).index("Zoë O'Brien")])
    qtbot.mouseClick(screen.archive_button, Qt.MouseButton.LeftButton)
    assert "Zoë O'Brien" not in shown_names(screen)
    assert "Archived 1 expert by experience" in screen.changes.message.text()
    screen.filters.archived.setChecked(True)
    assert shown_names(screen) == ["Zoë O'Brien"]
    assert screen.count_label.text() == "1 expert by experience in the archive"
    screen.filters.archived.setChecked(False)
    qtbot.mouseClick(screen.changes.undo_button, Qt.MouseButton.LeftButton)
    assert "Zoë O'Brien" in shown_names(screen)
    assert screen.changes.message.text() == "Undone: 1 expert by experience back on the register."
    assert not screen.changes.undo_button.isVisible()


def test_delete_names_what_goes_and_asks_first(qtbot, ctx, screen, people, answers):
    screen.select_person(people["lukasz"])
    answers.yes_no = False
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert answers.asked == ["Delete for good"]
    assert "Łukasz Wiśniewski" in shown_names(screen)

    answers.yes_no = True
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert "Łukasz Wiśniewski" not in shown_names(screen)
    assert screen.changes.message.text().startswith("Deleted Łukasz Wiśniewski")
    from involve_desktop.ui import ops

    assert people["lukasz"] not in ops.query(ctx, matching_ids, PeopleFilter())


def test_staff_who_may_not_delete_do_not_see_delete_or_merge(qtbot, ctx, people):
    from involve_desktop.domain.roles import Role
    from involve_desktop.services.permissions import Actor

    ctx.actor = Actor(ctx.actor.staff_id, "Tom Reed", Role.STAFF)
    widget = PeopleScreen(ctx, today=TODAY)
    show_active(qtbot, widget)
    assert not widget.delete_button.isVisible()
    assert not widget.merge_button.isVisible()
    assert widget.archive_button.isVisible()


def test_ctrl_f_and_a_change_elsewhere_reach_the_list(qtbot, ctx, screen):
    screen.focus_search()
    qtbot.waitUntil(screen.filters.search.hasFocus)
    add_person(ctx, "Ayesha", "Qureshi")
    ctx.events.data_changed.emit("people")
    assert "Ayesha Qureshi" in shown_names(screen)


def test_enter_in_the_search_box_searches_and_only_enter_in_the_table_opens(qtbot, screen):
    search(qtbot, screen, "zoe")
    screen.table.selectRow(0)
    screen.filters.search.setFocus()
    qtbot.keyClick(screen.filters.search, Qt.Key.Key_Return)
    assert getattr(screen, "editor", None) is None, "Enter in the search box opens nothing"
    assert shown_names(screen) == ["Zoë O'Brien"]

    screen.table.setFocus()
    screen.table.selectRow(0)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert screen.editor is not None and "Zoë O'Brien" in screen.editor.windowTitle()
