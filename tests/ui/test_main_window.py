"""The main window: areas, shortcuts, the status bar, and remembering where it was."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from involve_desktop.app import AppContext
from involve_desktop.db.models import Person
from involve_desktop.db.sqlite_file import read_startup_facts
from involve_desktop.ui.areas import AREAS, Area
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.prompts import UnsavedChoice
from involve_desktop.ui.screens.base import Screen
from involve_desktop.ui.screens.home.home_screen import HomeScreen
from involve_desktop.ui.screens.people.people_screen import PeopleScreen
from involve_desktop.ui.screens.settings_screen import SettingsScreen
from tests.conftest import TEST_KEY
from tests.ui.helpers import show_active


class ListScreen(Screen):
    """A screen that lists records, as later areas do: it can search and create."""

    can_search = True
    can_create = True

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.requests: list[str] = []

    def focus_search(self) -> None:
        self.requests.append("search")

    def start_new(self) -> None:
        self.requests.append("new")


SETTINGS_AREA = next(area for area in AREAS if area.key == "settings")
# Window mechanics are tested on two plain areas; the real ones are tested in their own files.
TWO_AREAS = (SETTINGS_AREA, Area("list", "List", ListScreen))


def open_window(qtbot, ctx, areas=AREAS) -> MainWindow:
    window = MainWindow(ctx, areas)
    show_active(qtbot, window)
    return window


def add_people(ctx, count: int) -> None:
    with ctx.database().session_scope() as session:
        for number in range(count):
            session.add(Person(first_name=f"Person {number}", joined_on=date(2026, 1, 1)))


def test_window_names_the_organisation_and_counts_people_in_its_words(qtbot, ctx):
    add_people(ctx, 3)
    window = open_window(qtbot, ctx)
    window._services_ready()
    assert window.windowTitle() == "Involve \u2014 Greenfield Carers Network"
    assert window.organisation_label.text() == "Greenfield Carers Network"
    assert window.people_label.text() == "3 experts by experience on the register"
    # Home comes first and the window opens on it; the register is next, named in the
    # charity's own word.
    assert window.navigation.item(0).text() == "Home"
    assert window.navigation.item(1).text() == "Experts by experience"
    assert isinstance(window.current_screen(), HomeScreen)
    assert window.navigation.item(window.navigation.count() - 1).text() == "Settings"


def test_the_window_opens_before_the_records_and_fills_in_when_they_are_ready(
    qtbot, paths, database
):
    ctx = AppContext(paths, read_startup_facts(paths.database, key=TEST_KEY), key=TEST_KEY)
    try:
        window = open_window(qtbot, ctx)
        assert window.stack.currentWidget() is window.loading_panel
        with qtbot.waitSignal(ctx.events.services_ready, timeout=10_000):
            ctx.start_warm_up()
        qtbot.waitUntil(lambda: isinstance(window.current_screen(), HomeScreen))
        assert window.people_label.text() == "0 experts by experience on the register"
    finally:
        ctx.close()


def test_ctrl_number_switches_areas_and_ctrl_f_ctrl_n_reach_the_screen(qtbot, ctx):
    window = open_window(qtbot, ctx, TWO_AREAS)
    window._services_ready()
    assert not window.find_action.isEnabled(), "Settings has nothing to search"

    # Settings has a key of its own (Ctrl+comma), so the digits start with the next area.
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    screen = window.current_screen()
    assert isinstance(screen, ListScreen)
    assert window.find_action.isEnabled() and window.new_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert screen.requests == ["search", "new"]

    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_screen(), SettingsScreen)


def test_unsaved_settings_keep_the_user_in_settings_when_they_cancel(qtbot, ctx, answers):
    window = open_window(qtbot, ctx, TWO_AREAS)
    window._services_ready()
    settings = window.current_screen()
    qtbot.keyClicks(settings.organisation_form.name_edit, " Trust")
    answers.unsaved = UnsavedChoice.CANCEL
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() is settings
    assert window.navigation.currentRow() == 0
    assert settings.organisation_form.name_edit.text().endswith(" Trust")

    # Closing the window asks too, and Cancel keeps it open.
    window.close()
    assert window.isVisible()
    assert answers.asked == ["unsaved the settings", "unsaved the settings"]


def test_size_and_position_are_remembered_but_every_start_opens_on_the_first_area(qtbot, ctx):
    window = open_window(qtbot, ctx, TWO_AREAS)
    window._services_ready()
    window.resize(780, 540)  # inside the offscreen platform's 800 x 600 screen
    window.show_area(1)
    window.close()

    again = open_window(qtbot, ctx, TWO_AREAS)
    assert (again.width(), again.height()) == (780, 540)
    # Home in the app: the first screen says what needs attention today.
    assert again.navigation.currentRow() == 0


def test_home_has_its_own_key_and_the_digits_keep_their_areas(qtbot, ctx):
    window = open_window(qtbot, ctx)
    window._services_ready()
    keys = [action.shortcuts()[0].toString() for action in window.area_actions]
    assert keys[0] == "Alt+Home"
    assert keys[1:11] == [f"Ctrl+{digit % 10}" for digit in range(1, 11)]
    assert window.navigation.item(1).toolTip().endswith("(Ctrl+1)")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_screen(), PeopleScreen)
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert isinstance(window.current_screen(), HomeScreen)
    assert window.open_area("no such area") is None
    assert isinstance(window.open_area("people"), PeopleScreen)


def test_about_box_shows_version_and_opens_the_folders(qtbot, ctx, answers):
    from PySide6.QtWidgets import QLabel

    from involve_desktop import __version__
    from involve_desktop.ui.dialogs.about_dialog import AboutDialog
    from tests.ui.helpers import shown_text

    about = AboutDialog(ctx.paths)
    qtbot.addWidget(about)
    text = " ".join(shown_text(label) for label in about.findChildren(QLabel))
    assert __version__ in text
    assert str(ctx.paths.data_dir) in text
    qtbot.mouseClick(about.open_data_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(about.open_logs_button, Qt.MouseButton.LeftButton)
    assert answers.opened_folders == [ctx.paths.data_dir, ctx.paths.log_dir]


def test_the_status_bar_reminds_of_the_yearly_evaluation_and_opens_it(qtbot, ctx):
    from dataclasses import replace
    from datetime import timedelta

    from involve_desktop.services.evaluation_reminder import evaluation_reminder
    from involve_desktop.services.organisation import load_organisation, save_organisation
    from involve_desktop.ui.screens.evaluation.evaluation_screen import EvaluationScreen

    # GIVEN the evaluation falls due in two weeks (reminders start four weeks ahead)
    due = date.today() + timedelta(days=14)
    with ctx.database().session_scope() as session:
        details = load_organisation(session)
        save_organisation(
            session, replace(details, evaluation_month=due.month, evaluation_day=due.day)
        )
        expected = evaluation_reminder(session, date.today())
    assert expected is not None and expected.text.endswith("in 2 weeks.")

    # WHEN the window opens, THEN the status bar says so, and the link opens the evaluation
    window = open_window(qtbot, ctx)
    window._services_ready()
    assert window.evaluation_label.isVisible()
    assert expected.text in window.evaluation_label.text()
    window.evaluation_label.linkActivated.emit("evaluation")
    assert isinstance(window.current_screen(), EvaluationScreen)

    # AND when the reminder weeks are shortened, this year's reminder has not started yet, so
    # the line follows the change to last year's evaluation, never done
    with ctx.database().session_scope() as session:
        details = load_organisation(session)
        save_organisation(session, replace(details, evaluation_reminder_weeks=1))
        now_expected = evaluation_reminder(session, date.today())
    ctx.events.data_changed.emit("organisation")
    assert now_expected is not None and "ago" in now_expected.text
    assert now_expected.text in window.evaluation_label.text()
