"""Settings, Lists: the charity's roles and interests, renamed and tidied on real records."""

from __future__ import annotations

from PySide6.QtCore import Qt

from involve_desktop.domain.people import OptionKind
from involve_desktop.services.people import load_person
from involve_desktop.services.people_list import PeopleFilter, matching_ids
from involve_desktop.services.person_lists import list_options, option_usage
from involve_desktop.ui import ops
from involve_desktop.ui.screens.settings_screen import SettingsScreen
from tests.ui.helpers import show_active
from tests.ui.people_helpers import add_person


def choose(box, name: str) -> None:
    for row in range(box.list.count()):
        if box.list.item(row).text().startswith(f"{name} ("):
            box.list.setCurrentRow(row)
            return
    raise AssertionError(f"{name} is not listed")


def test_lists_show_how_many_hold_each_entry(qtbot, ctx):
    add_person(ctx, "Zoë", "O'Brien", roles=("Carer", "Trustee"))
    add_person(ctx, "Siân", "ap Gwilym", roles=("Carer",))
    screen = SettingsScreen(ctx)
    show_active(qtbot, screen)
    texts = [screen.lists_tab.roles.list.item(row).text() for row in range(3)]
    assert texts == [
        "Campaigner (0 experts by experience)",
        "Carer (2 experts by experience)",
        "Member (0 experts by experience)",
    ]


def test_renaming_onto_an_existing_entry_folds_them_and_search_follows(qtbot, ctx, answers):
    both = add_person(ctx, "Zoë", "O'Brien", roles=("Carer", "Family carer"))
    add_person(ctx, "Siân", "ap Gwilym", roles=("Family carer",))
    screen = SettingsScreen(ctx)
    show_active(qtbot, screen)
    roles = screen.lists_tab.roles
    choose(roles, "Family carer")
    answers.texts = ["carer"]
    qtbot.mouseClick(roles.rename_button, Qt.MouseButton.LeftButton)

    assert "Family carer" not in ops.query(ctx, list_options, OptionKind.ROLE)
    usage = {use.name: use.people for use in ops.query(ctx, option_usage, OptionKind.ROLE)}
    assert usage["Carer"] == 2
    assert ops.query(ctx, load_person, both).roles == ("Carer",)
    assert len(ops.query(ctx, matching_ids, PeopleFilter(text="carer"))) == 2
    assert len(ops.query(ctx, matching_ids, PeopleFilter(text="family"))) == 0


def test_removing_asks_says_who_holds_it_and_takes_it_off_their_records(qtbot, ctx, answers):
    person = add_person(ctx, "Łukasz", "Wiśniewski", interests=("Research", "Governance"))
    screen = SettingsScreen(ctx)
    show_active(qtbot, screen)
    interests = screen.lists_tab.interests
    choose(interests, "Research")
    answers.yes_no = True
    qtbot.mouseClick(interests.remove_button, Qt.MouseButton.LeftButton)
    assert answers.asked == ["Remove an interest"]
    assert ops.query(ctx, load_person, person).interests == ("Governance",)
    assert "Research" not in ops.query(ctx, list_options, OptionKind.INTEREST)


def test_an_empty_name_is_refused_in_words(qtbot, ctx, answers):
    screen = SettingsScreen(ctx)
    show_active(qtbot, screen)
    answers.texts = ["   "]
    qtbot.mouseClick(screen.lists_tab.roles.add_button, Qt.MouseButton.LeftButton)
    assert answers.problems == [("Not changed", "Type the role to add.")]
