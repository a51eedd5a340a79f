"""Text that scales: at a 16 pt system font every screen still fits a 1000-pixel-wide window
(filter rows wrap onto more lines) and no label's words are cut off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QWidget

from involve_desktop.ui.main_window import MainWindow
from involve_desktop.ui.widgets.flow_layout import FlowLayout, labelled
from tests.ui.helpers import show_active

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


def cut_labels(root: QWidget) -> list[str]:
    """Shown labels whose words need more room than they have and cannot wrap."""
    return [
        label.text()
        for label in root.findChildren(QLabel)
        if label.isVisible() and not label.wordWrap() and label.sizeHint().width() > label.width()
    ]


def test_every_screen_fits_and_shows_its_words_at_a_large_system_font(qtbot, demo_ctx, large_font):
    window = MainWindow(demo_ctx)
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
