"""No two visible mnemonics (Alt+letter) share a letter on one screen or in one dialog: a
clash makes Alt+letter stop at the first and need pressing again, which a keyboard user
cannot see coming. A screen shares the keyboard with the main window's menus."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QMenuBar,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QWidget,
)

from involve_desktop.domain.activities import PowerShared
from involve_desktop.ui.dialogs.activity_editor import DETAILS_TAB, IMPACT_TAB, ActivityEditor
from involve_desktop.ui.dialogs.find_people_dialog import FindPeopleDialog
from involve_desktop.ui.dialogs.impact_editor import ImpactEditor
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.screens.activities.activities_screen import ActivitiesScreen
from involve_desktop.ui.screens.impact_screen import ImpactScreen
from tests.db.find_people_helpers import TODAY
from tests.db.find_people_helpers import add_activity as add_activity_in
from tests.ui.helpers import show_active

NOT_MNEMONICS = re.compile(r"&&|&#?\w+;")  # a literal "&", and HTML entities in rich text
MNEMONIC = re.compile(r"&(\w)")
WITH_TEXT = (QPushButton, QLabel, QCheckBox, QRadioButton)


def mnemonic_letters(text: str) -> list[str]:
    return [letter.upper() for letter in MNEMONIC.findall(NOT_MNEMONICS.sub("", text))]


def mnemonics(root: QWidget, *, leave_out: tuple[QWidget, ...] = ()) -> list[tuple[str, str]]:
    """(letter, text) for every mnemonic in `root` and its children, tab titles and the menu
    bar's titles included, but none inside `leave_out` (a tab page not shown, say)."""

    def left_out(widget: QWidget) -> bool:
        return any(widget is page or page.isAncestorOf(widget) for page in leave_out)

    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if left_out(widget):
            continue
        texts: list[str] = []
        if isinstance(widget, WITH_TEXT):
            texts.append(widget.text())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(index) for index in range(widget.count())]
        if isinstance(widget, QMenuBar):
            texts += [action.text() for action in widget.actions()]
        found += [(letter, text) for text in texts for letter in mnemonic_letters(text)]
    return found


def clashes(found: list[tuple[str, str]]) -> dict[str, list[str]]:
    counts = Counter(letter for letter, _text in found)
    return {
        letter: [text for other, text in found if other == letter]
        for letter, count in counts.items()
        if count > 1
    }


def test_the_helper_finds_letters_and_leaves_out_ampersands():
    assert mnemonic_letters("Save address &labels (PDF)\u2026") == ["L"]
    assert mnemonic_letters("Fish && chips, &amp; more") == []
    assert clashes([("S", "&Save"), ("S", "What was &said"), ("D", "&Date")]) == {
        "S": ["&Save", "What was &said"]
    }


@pytest.fixture
def window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    show_active(qtbot, window)
    window._services_ready()
    return window


def show_screen(window: MainWindow, kind: type) -> QWidget:
    for row in range(window.navigation.count()):
        window.show_area(row)
        if isinstance(window.current_screen(), kind):
            return window.current_screen()
    raise AssertionError(f"no {kind.__name__} in the main window")


def test_no_two_mnemonics_clash_on_the_activities_screen(window):
    screen = show_screen(window, ActivitiesScreen)
    found = mnemonics(screen) + mnemonics(window.menuBar())
    assert {"F", "E", "G", "H"} <= {letter for letter, _text in found}, "the menus are counted"
    assert clashes(found) == {}


def test_no_two_mnemonics_clash_on_the_impact_screen(window):
    screen = show_screen(window, ImpactScreen)
    assert clashes(mnemonics(screen) + mnemonics(window.menuBar())) == {}


@pytest.mark.parametrize("from_an_activity", [False, True])
def test_no_two_mnemonics_clash_in_the_impact_editor(qtbot, ctx, from_an_activity):
    activity_id = None
    if from_an_activity:
        with ctx.database().session_scope() as session:
            activity_id = add_activity_in(session, "Research")
    editor = ImpactEditor(ctx, None, activity_id, today=TODAY)
    show_active(qtbot, editor)
    assert clashes(mnemonics(editor)) == {}


def test_no_two_mnemonics_clash_on_the_activity_editors_impact_tab(qtbot, ctx):
    with ctx.database().session_scope() as session:
        activity_id = add_activity_in(session, "Research", PowerShared.CONSULT)
    editor = ActivityEditor(ctx, activity_id, today=TODAY)
    show_active(qtbot, editor)
    editor.tabs.setCurrentIndex(IMPACT_TAB)
    hidden = tuple(
        editor.tabs.widget(index) for index in range(editor.tabs.count()) if index != IMPACT_TAB
    )
    found = mnemonics(editor, leave_out=hidden)
    assert "D" in {letter for letter, _text in found}, editor.tabs.tabText(DETAILS_TAB)
    assert clashes(found) == {}


def test_no_two_mnemonics_clash_in_the_find_people_dialog(qtbot, ctx):
    with ctx.database().session_scope() as session:
        activity_id = add_activity_in(session, "Research")
    dialog = FindPeopleDialog(ctx, activity_id, today=TODAY)
    show_active(qtbot, dialog)
    found = mnemonics(dialog)
    assert "L" in {letter for letter, _text in found}, "Save address &labels"
    assert clashes(found) == {}
