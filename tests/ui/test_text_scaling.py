"""Text that scales: at a 16 pt system font every screen still fits a 1000-pixel-wide window
(filter rows wrap onto more lines) and no label's words are cut off; the "Text size" menu
makes all text larger at once, headings too, and the choice is kept on this computer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QMenu, QWidget

from involve_desktop.ui.areas import AREAS
from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.text_size import (
    SYSTEM_SIZE_PROPERTY,
    apply_saved_text_size,
    saved_text_size,
)
from involve_desktop.ui.widgets.flow_layout import FlowLayout, labelled
from tests.ui.helpers import show_active
from tests.ui.test_mnemonics import mnemonics

WIDEST_SCREEN = 1000

LARGE_POINTS = 16


@pytest.fixture
def large_font(qapp) -> Iterator[None]:
    before = QApplication.font()
    font = QApplication.font()
    font.setPointSizeF(LARGE_POINTS)
    QApplication.setFont(font)
    yield
    QApplication.setFont(before)


@pytest.fixture
def system_font(qapp) -> Iterator[float]:
    """The system's font size, put back after a test that changes the text size."""
    before = QApplication.font()
    yield before.pointSizeF()
    QApplication.setFont(before)
    qapp.setProperty(SYSTEM_SIZE_PROPERTY, None)


def text_size_menu(window: MainWindow) -> QMenu:
    """The main window's own Text size menu (MainWindow._build_menus adds it)."""
    return next(
        action.menu() for action in window.menuBar().actions() if action.text() == "Text si&ze"
    )


def cut_labels(root: QWidget) -> list[str]:
    """Shown labels whose words need more room than they have and cannot wrap."""
    return [
        label.text()
        for label in root.findChildren(QLabel)
        if label.isVisible() and not label.wordWrap() and label.sizeHint().width() > label.width()
    ]


def test_every_screen_fits_and_shows_its_words_at_a_large_system_font(qtbot, demo_ctx, large_font):
    window = MainWindow(demo_ctx, AREAS)
    menu = text_size_menu(window)
    show_active(qtbot, window)
    window._services_ready()
    widths = {}
    for row, area in enumerate(window.areas):
        window.show_area(row)
        qtbot.waitUntil(lambda: window.current_screen() is not None)
        screen = window.current_screen()
        assert screen is window.screens[area.key]
        widths[area.key] = screen.minimumSizeHint().width()
        window.resize(max(window.minimumSizeHint().width(), 1000), 760)
        qtbot.wait(1)
        assert cut_labels(screen) == [], area.key
        # Alt+Z opens the Text size menu from every screen: no field there takes Z.
        assert "Z" not in {letter for letter, _text in mnemonics(screen)}, area.key
    assert menu.title() == "Text si&ze"
    assert {key: width for key, width in widths.items() if width > WIDEST_SCREEN} == {}
    assert window.minimumSizeHint().width() <= WIDEST_SCREEN + window.navigation.maximumWidth()


def test_a_flow_layout_wraps_its_filters_onto_a_second_line_when_narrow(qtbot):
    holder = QWidget()
    layout = FlowLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    fields = [labelled(f"Filter {number}:", QComboBox()) for number in range(4)]
    for field in [*fields, QCheckBox("Show the archive instead")]:
        layout.addWidget(field)
    qtbot.addWidget(holder)
    one_line = layout.sizeHint()
    holder.resize(one_line.width(), one_line.height())
    holder.show()
    assert {field.y() for field in fields} == {0}
    narrow = one_line.width() // 2
    assert layout.heightForWidth(narrow) > one_line.height()
    holder.resize(narrow, layout.heightForWidth(narrow))
    qtbot.waitUntil(lambda: len({field.y() for field in fields}) > 1)
    assert all(field.geometry().right() < narrow for field in fields)
    assert layout.minimumSize().width() < narrow


def test_larger_text_grows_every_window_at_once_and_is_kept_for_next_time(qtbot, ctx, system_font):
    from involve_desktop.ui.widgets.heading import heading

    window = MainWindow(ctx, tuple(area for area in AREAS if area.key in ("people", "settings")))
    # The main window has the menu of its own (MainWindow._build_menus).
    menu = text_size_menu(window)
    show_active(qtbot, window)
    window._services_ready()
    title = heading("Experts by experience")
    window.current_screen().layout().addWidget(title)
    label = window.people_label
    assert [action.text() for action in menu.actions() if action.isCheckable()] == [
        "&Normal",
        "&Larger",
        "L&argest",
    ]
    assert window.text_size_actions["normal"].isChecked()
    width_before = label.sizeHint().width()
    heading_before = title.font().pointSizeF()

    window.text_size_actions["larger"].trigger()

    assert QApplication.font().pointSizeF() == pytest.approx(system_font * 1.25)
    qtbot.waitUntil(lambda: label.font().pointSizeF() == pytest.approx(system_font * 1.25))
    assert label.sizeHint().width() > width_before
    # Headings stay half as large again as the text around them, at the new size.
    assert title.font().pointSizeF() == pytest.approx(system_font * 1.25 * 1.5)
    assert title.font().pointSizeF() > heading_before
    assert title.font().bold()
    saved = QSettings(str(ctx.paths.window_state), QSettings.Format.IniFormat)
    assert saved.value("text_size") == "larger"

    # Ctrl+Shift+= steps up to Largest; Ctrl+- steps back down, never below Normal.
    qtbot.keyClick(
        window,
        "=",
        modifier=Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert saved_text_size(ctx.paths).key == "largest"
    assert window.text_size_actions["largest"].isChecked()
    assert QApplication.font().pointSizeF() == pytest.approx(system_font * 1.5)
    for _press in range(3):
        qtbot.keyClick(window, "-", modifier=Qt.KeyboardModifier.ControlModifier)
    assert saved_text_size(ctx.paths).key == "normal"
    assert QApplication.font().pointSizeF() == pytest.approx(system_font)

    # The next start opens at the size chosen last on this computer.
    window.text_size_actions["largest"].trigger()
    qapp = QApplication.instance()
    qapp.setProperty(SYSTEM_SIZE_PROPERTY, None)
    font = QApplication.font()
    font.setPointSizeF(system_font)
    QApplication.setFont(font)
    assert apply_saved_text_size(qapp, ctx.paths).key == "largest"
    assert QApplication.font().pointSizeF() == pytest.approx(system_font * 1.5)
