"""Every input can be found by a screen reader and reached in a sensible order by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from involve_desktop.ui.areas import AREAS
from involve_desktop.ui.dialogs.first_run_wizard import FirstRunWizard
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.screens.settings_screen import SettingsScreen
from tests.ui.helpers import show_active

INPUTS = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QSlider,
    QAbstractItemView,
)
# Widgets whose inner parts (a combo box's list, a date field's calendar) Qt names itself.
COMPOUNDS = (QComboBox, QAbstractSpinBox, QCalendarWidget)
MOST_TAB_PRESSES = 400


def inner_part(widget: QWidget, root: QWidget) -> bool:
    if isinstance(widget, QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, COMPOUNDS):
            return True
        parent = parent.parentWidget()
    return False


def is_input(widget: QWidget, root: QWidget) -> bool:
    if isinstance(widget, QCheckBox):
        # A box with no words beside it; a hidden one is given its words before it shows.
        return widget.isVisibleTo(root) and not widget.text().replace("&", "").strip()
    return isinstance(widget, INPUTS)


def unnamed_inputs(root: QWidget) -> list[str]:
    return [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for widget in root.findChildren(QWidget)
        if is_input(widget, root) and not inner_part(widget, root) and not widget.accessibleName()
    ]


def wordless_buttons(root: QWidget) -> list[str]:
    return [
        f"{type(button).__name__} {button.objectName()!r} {button.toolTip()!r}"
        for button in root.findChildren(QPushButton) + root.findChildren(QRadioButton)
        if button.isVisibleTo(root)  # a hidden one is given its words before it shows
        and not button.text().replace("&", "").strip()
        and not button.accessibleName()
    ]


def tab_stops(root: QWidget) -> list[QWidget]:
    """The widgets in `root` that a keyboard user must be able to reach with Tab now."""
    return [
        widget
        for widget in root.findChildren(QWidget)
        if widget.isVisibleTo(root.window())
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
        and not inner_part(widget, root)
    ]


def walk_with_tab(qtbot, root: QWidget) -> tuple[set[QWidget], list[str]]:
    """Press Tab from `root`'s first stop until focus comes round again: what was focused
    (with its parents), and where Tab stuck in one place (a keyboard trap)."""
    stops = tab_stops(root)
    assert stops, root
    widget = root.nextInFocusChain()
    while widget not in stops:
        widget = widget.nextInFocusChain()
    first = widget
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    reached: set[QWidget] = set()
    traps: list[str] = []
    for _press in range(MOST_TAB_PRESSES):
        focused = QApplication.focusWidget()
        holder = focused
        while holder is not None:
            reached.add(holder)
            holder = holder.parentWidget()
        # A table edited cell by cell, as a spreadsheet is, takes Tab to move across its
        # cells, and says so: Ctrl+Tab leaves it, as in every Qt table.
        cell_by_cell = isinstance(focused, QAbstractItemView) and focused.tabKeyNavigation()
        leave = Qt.KeyboardModifier.ControlModifier if cell_by_cell else Qt.KeyboardModifier(0)
        qtbot.keyClick(focused, Qt.Key.Key_Tab, modifier=leave)
        now = QApplication.focusWidget()
        if now is focused:
            if len(stops) > 1:
                traps.append(f"{type(focused).__name__} {focused.accessibleName()!r}")
            break
        if now is first:
            break
    return reached, traps


def unreachable(qtbot, root: QWidget) -> list[str]:
    """Every Tab stop in `root`, on every page of its tabs, that Tab does not reach."""
    missed: list[str] = []
    tab_widgets = [tabs for tabs in root.findChildren(QTabWidget) if tabs.isVisible()]
    states = [(None, 0)] + [(tabs, index) for tabs in tab_widgets for index in range(tabs.count())]
    for tabs, index in states:
        if tabs is not None:
            if not tabs.isVisible() or not tabs.isTabEnabled(index):
                continue
            tabs.setCurrentIndex(index)
        reached, traps = walk_with_tab(qtbot, root)
        missed += [f"Tab stuck in {trap}" for trap in traps]
        missed += [
            f"{type(widget).__name__} {widget.accessibleName() or describe(widget)!r}"
            for widget in tab_stops(root)
            if widget not in reached
        ]
    return sorted(set(missed))


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return text() if callable(text) else widget.objectName()


def test_every_input_in_the_wizard_and_settings_has_an_accessible_name(qtbot, ctx, paths):
    wizard = FirstRunWizard(paths, lambda *answers: None)
    settings = SettingsScreen(ctx)
    qtbot.addWidget(wizard)
    qtbot.addWidget(settings)
    assert unnamed_inputs(wizard) == []
    assert unnamed_inputs(settings) == []


def test_every_button_says_what_it_does(qtbot, ctx):
    settings = SettingsScreen(ctx)
    qtbot.addWidget(settings)
    buttons = settings.findChildren(QPushButton) + settings.findChildren(QRadioButton)
    assert len(buttons) >= 10
    for button in buttons:
        assert button.text().replace("&", "").strip(), "a button with no words"


def test_tab_moves_through_the_organisation_fields_in_reading_order(qtbot, ctx):
    settings = SettingsScreen(ctx)
    show_active(qtbot, settings)
    form = settings.organisation_form
    form.name_edit.setFocus()
    qtbot.waitUntil(form.name_edit.hasFocus)
    order = [form.charity_number_edit, form.address_edit, form.choose_logo_button]
    for expected in order:
        qtbot.keyClick(settings.focusWidget(), Qt.Key.Key_Tab)
        assert settings.focusWidget() is expected


def test_every_input_on_the_people_screen_and_in_the_person_editor_has_a_name(qtbot, ctx):
    from involve_desktop.ui.dialogs.person_editor import PersonEditor
    from involve_desktop.ui.screens.people.people_screen import PeopleScreen

    screen = PeopleScreen(ctx)
    editor = PersonEditor(ctx)
    qtbot.addWidget(screen)
    qtbot.addWidget(editor)
    assert unnamed_inputs(screen) == []
    assert unnamed_inputs(editor) == []
    for button in editor.findChildren(QPushButton) + screen.findChildren(QPushButton):
        assert button.text().replace("&", "").strip(), "a button with no words"


def test_tab_moves_through_the_about_section_in_reading_order(qtbot, ctx):
    from involve_desktop.ui.dialogs.person_editor import PersonEditor

    editor = PersonEditor(ctx)
    show_active(qtbot, editor)
    about = editor.about
    about.first_name.setFocus()
    qtbot.waitUntil(about.first_name.hasFocus)
    for expected in (about.last_name, about.preferred_name, about.pronouns, about.date_of_birth):
        qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
        assert editor.focusWidget() is expected


# --- every area and the main dialogs, on the demo charity ----------------------------------


def every_screen(qtbot, demo_ctx):
    """(area key, screen) for every area, each shown in the main window in turn."""
    window = MainWindow(demo_ctx, AREAS)
    window.resize(1200, 800)
    show_active(qtbot, window)
    window._services_ready()
    for row, area in enumerate(window.areas):
        window.show_area(row)
        qtbot.waitUntil(
            lambda row=row: window.current_screen() is window.screens.get(window.areas[row].key)
        )
        # Home works its figures out on a worker: its charts are named once they are drawn.
        qtbot.waitUntil(
            lambda: not getattr(window.current_screen(), "loading", False), timeout=20_000
        )
        yield area.key, window.current_screen()


def test_every_screen_names_its_inputs_and_its_buttons_say_what_they_do(qtbot, demo_ctx):
    problems = {}
    for key, screen in every_screen(qtbot, demo_ctx):
        found = unnamed_inputs(screen) + wordless_buttons(screen)
        if found:
            problems[key] = found
    assert problems == {}


def coloured_without_words(view: QAbstractItemView) -> list[str]:
    """Cells painted a colour of their own that say nothing in words."""
    model = view.model()
    found = []
    for row in range(min(model.rowCount(), 60)):
        column = -1
        while model.hasIndex(row, column + 1):
            column += 1
            index = model.index(row, column)
            roles = (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole)
            coloured = any(model.data(index, role) is not None for role in roles)
            if coloured and not str(model.data(index) or "").strip():
                found.append(f"{view.accessibleName()} row {row} column {column}")
    return found


def test_charts_are_named_and_no_table_says_anything_by_colour_alone(qtbot, demo_ctx):
    from involve_desktop.ui.widgets.pyramid_chart import PyramidChart

    charts = []
    problems = {}
    for key, screen in every_screen(qtbot, demo_ctx):
        charts += [(key, chart) for chart in screen.findChildren(PyramidChart)]
        found = []
        for view in screen.findChildren(QAbstractItemView):
            if view.model() is not None and not inner_part(view, screen):
                found += coloured_without_words(view)
        if found:
            problems[key] = found
    assert problems == {}
    assert charts, "the participation pyramid is on its screen"
    for key, chart in charts:
        # Home works its figures out in the background; the chart is named when they come.
        qtbot.waitUntil(lambda chart=chart: bool(chart.accessibleDescription()), timeout=20_000)
        assert chart.accessibleName() and chart.accessibleName() != "Pyramid chart", key
        assert chart.accessibleDescription(), key  # the figures, in words


def test_tab_reaches_every_control_on_every_screen(qtbot, demo_ctx):
    problems = {}
    for key, screen in every_screen(qtbot, demo_ctx):
        found = unreachable(qtbot, screen)
        if found:
            problems[key] = found
    assert problems == {}


def first_id(ctx, model) -> int:
    from sqlalchemy import select

    with ctx.database().session_scope() as session:
        return session.scalar(select(model.id).order_by(model.id))


def main_dialogs(ctx, tmp_path) -> dict[str, QWidget]:
    """The main dialogs, each open on a record of the demo charity."""
    from datetime import date, datetime

    from involve_desktop.backup.backup_key import BACKUP_KDF
    from involve_desktop.db.cycle_models import ActionItem, Evaluation, Strategy
    from involve_desktop.db.models import Activity, Person
    from involve_desktop.db.money_models import Claim
    from involve_desktop.services import backup_settings
    from involve_desktop.services.backups import back_up
    from involve_desktop.ui import ops
    from involve_desktop.ui.dialogs.action_item_editor import ActionItemEditor
    from involve_desktop.ui.dialogs.activity_editor import ActivityEditor
    from involve_desktop.ui.dialogs.claim_editor import ClaimEditor
    from involve_desktop.ui.dialogs.find_people_dialog import FindPeopleDialog
    from involve_desktop.ui.dialogs.import_people_wizard import ImportPeopleWizard
    from involve_desktop.ui.dialogs.person_editor import PersonEditor
    from involve_desktop.ui.screens.backup.passphrase_dialog import PassphraseDialog
    from involve_desktop.ui.screens.backup.restore_dialog import RestoreDialog
    from involve_desktop.ui.screens.evaluation.evaluation_editor import EvaluationEditor

    today = date(2026, 11, 26)
    assert BACKUP_KDF  # quick in tests (tests/conftest.py)
    activity = first_id(ctx, Activity)
    ops.change(ctx, "backup", backup_settings.set_passphrase, ctx.actor, "copper meadow river")
    folder = tmp_path / "stick"
    folder.mkdir()
    made = back_up(ctx.database(), ctx.paths, ctx.key, folder, None, now=datetime(2026, 11, 26))
    evaluation_editor = EvaluationEditor(ctx, today)
    evaluation_editor.open_evaluation(first_id(ctx, Evaluation))
    return {
        "person editor": PersonEditor(ctx, first_id(ctx, Person)),
        "new person": PersonEditor(ctx),
        "activity editor": ActivityEditor(ctx, activity, today=today),
        "claim editor": ClaimEditor(ctx, first_id(ctx, Claim), today=today),
        "evaluation editor": evaluation_editor,
        "action item editor": ActionItemEditor(
            ctx, first_id(ctx, Strategy), first_id(ctx, ActionItem), today=today
        ),
        "find people": FindPeopleDialog(ctx, activity, today=today),
        "import wizard": ImportPeopleWizard(ctx),
        "backup passphrase": PassphraseDialog(ctx, changing=True),
        "restore": RestoreDialog(made.path, tmp_path, lambda _request: None),
    }


def test_every_main_dialog_names_its_inputs_and_tab_reaches_every_control(
    qtbot, demo_ctx, tmp_path
):
    problems = {}
    for name, dialog in main_dialogs(demo_ctx, tmp_path).items():
        dialog.resize(1000, 760)
        show_active(qtbot, dialog)
        found = unnamed_inputs(dialog) + wordless_buttons(dialog) + unreachable(qtbot, dialog)
        if found:
            problems[name] = found
        dialog.hide()
    assert problems == {}


def test_no_two_alt_letters_clash_on_any_screen_or_settings_tab(qtbot, demo_ctx):
    """Each page of a screen's tabs as shown, with the menus (Text size's Alt+Z among them)."""
    from involve_desktop.ui.text_size import add_text_size_menu
    from tests.ui.test_mnemonics import clashes, mnemonics

    problems = {}
    for key, screen in every_screen(qtbot, demo_ctx):
        window = screen.window()
        if not hasattr(window, "text_size_actions"):
            add_text_size_menu(window, demo_ctx.paths)
        tabs = [tabs for tabs in screen.findChildren(QTabWidget) if tabs.isVisible()][:1]
        for page in range(tabs[0].count()) if tabs else [None]:
            if page is not None:
                tabs[0].setCurrentIndex(page)
            hidden = tuple(
                widget for widget in screen.findChildren(QWidget) if not widget.isVisibleTo(window)
            )
            found = clashes(mnemonics(screen, leave_out=hidden) + mnemonics(window.menuBar()))
            if found:
                problems[f"{key} {tabs[0].tabText(page) if tabs else ''}"] = found
    assert problems == {}


def test_no_two_alt_letters_clash_on_any_page_of_the_first_run_wizard(qtbot, paths):
    from PySide6.QtWidgets import QWizard

    from tests.ui.test_mnemonics import clashes, mnemonic_letters, mnemonics

    wizard = FirstRunWizard(paths, lambda *answers: None)
    qtbot.addWidget(wizard)
    kinds = QWizard.WizardButton
    buttons = [
        wizard.button(kind)
        for kind in (kinds.BackButton, kinds.NextButton, kinds.FinishButton, kinds.CancelButton)
    ]
    button_letters = [(letter, b.text()) for b in buttons for letter in mnemonic_letters(b.text())]
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        assert clashes(mnemonics(page) + button_letters) == {}, type(page).__name__


def test_tab_moves_through_the_wrapped_people_filters_in_reading_order(qtbot, ctx):
    from involve_desktop.ui.screens.people.people_screen import PeopleScreen

    screen = PeopleScreen(ctx)
    screen.resize(700, 600)  # narrow enough for the filters to wrap
    show_active(qtbot, screen)
    bar = screen.filters
    # Wrapped: the Clear button sits on a lower line than the Role filter.
    clear_top = bar.clear_button.mapTo(bar, bar.clear_button.rect().topLeft()).y()
    assert clear_top > bar.role.mapTo(bar, bar.role.rect().bottomLeft()).y()
    bar.search.setFocus()
    qtbot.waitUntil(bar.search.hasFocus)
    order = [
        bar.role,
        bar.interest,
        bar.level,
        bar.taking_part,
        bar.consent_due,
        bar.not_involved,
        bar.archived,
        bar.clear_button,
    ]
    for expected in order:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
