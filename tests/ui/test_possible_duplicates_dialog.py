"""The "this may be someone already in the register" question, driven by keyboard and mouse."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from involve_desktop.domain.person_record import PersonDetails
from involve_desktop.services.people import save_person
from involve_desktop.services.people_duplicates import find_likely_duplicates
from involve_desktop.ui import ops
from involve_desktop.ui.dialogs.possible_duplicates_dialog import (
    DuplicateAction,
    DuplicateAnswer,
    PossibleDuplicatesDialog,
)
from tests.ui.helpers import show_active

BORN = date(1984, 6, 2)


@pytest.fixture
def matches(ctx):
    """Two records in the register that look like a new "Zoe OBrien" typed in the editor."""
    ids = [
        ops.change(ctx, "people", save_person, ctx.actor, details)
        for details in (
            PersonDetails("Zoë", "O'Brien", email="zoe@example.org", date_of_birth=BORN),
            PersonDetails("Zoe", "Brien", date_of_birth=BORN),
        )
    ]
    typed = PersonDetails("Zoe", "OBrien", email="ZOE@example.org", date_of_birth=BORN)
    found = ops.query(ctx, find_likely_duplicates, typed)
    assert [match.person_id for match in found] == ids
    return found


@pytest.fixture
def dialog(qtbot, ctx, matches):
    shown = PossibleDuplicatesDialog(matches, ctx.terms.singular)
    show_active(qtbot, shown)
    return shown


def cell(dialog, row: int, column: int) -> str:
    return dialog.match_list.topLevelItem(row).text(column)


def test_the_matches_are_listed_with_their_reasons_in_the_charitys_words(dialog, matches):
    assert dialog.windowTitle() == "Is this a new expert by experience?"
    assert dialog.add_anyway_button.text() == "&Add as a new expert by experience anyway"
    assert [cell(dialog, 0, column) for column in range(4)] == [
        "Zoë O'Brien",
        "2 June 1984",
        "zoe@example.org",
        "Same email address, same date of birth, same name",
    ]
    assert cell(dialog, 1, 3) == "Same date of birth, very similar name"
    assert dialog.open_button.text() == "&Open Zoë O'Brien"
    assert dialog.match_list.accessibleName() and dialog.go_back_button.accessibleName()


def test_choosing_a_match_with_the_arrow_keys_and_enter_opens_it(qtbot, dialog, matches):
    assert dialog.match_list.hasFocus()
    qtbot.keyClick(dialog.match_list, Qt.Key.Key_Down)
    assert dialog.open_button.text() == "&Open Zoe Brien"
    qtbot.keyClick(dialog.match_list, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.answer() == DuplicateAnswer.open_existing(matches[1].person_id)


def test_a_double_click_opens_that_match(qtbot, dialog, matches):
    view = dialog.match_list
    place = view.visualItemRect(view.topLevelItem(1)).center()
    # A double click is a press, a release and a double-click press, as from a real mouse.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=place)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=place)
    assert dialog.answer() == DuplicateAnswer.open_existing(matches[1].person_id)


def test_adding_anyway(qtbot, dialog):
    qtbot.mouseClick(dialog.add_anyway_button, Qt.MouseButton.LeftButton)
    assert dialog.answer().action is DuplicateAction.SAVE_ANYWAY
    assert dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.parametrize("how", ["escape", "button"])
def test_escape_or_go_back_returns_to_the_form(qtbot, dialog, how):
    if how == "escape":
        qtbot.keyClick(dialog.match_list, Qt.Key.Key_Escape)
    else:
        qtbot.mouseClick(dialog.go_back_button, Qt.MouseButton.LeftButton)
    assert dialog.answer() == DuplicateAnswer.go_back()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_every_button_can_be_reached_by_keyboard(dialog):
    buttons = dialog.findChildren(QPushButton)
    assert {button.text().split()[0] for button in buttons} == {"&Open", "&Add", "&Go"}
    assert all(button.focusPolicy() & Qt.FocusPolicy.TabFocus for button in buttons)


def test_the_answer_classmethods():
    assert DuplicateAnswer.save_anyway() == DuplicateAnswer(DuplicateAction.SAVE_ANYWAY)
    assert DuplicateAnswer.open_existing(7).person_id == 7
    assert DuplicateAnswer.go_back().person_id is None
