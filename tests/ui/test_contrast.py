"""Colours that pass WCAG AA: every colour the app sets, with what it is drawn on, reaches
4.5:1 for text and 3:1 for chart bars and outlines, in light and dark themes alike."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from involve_desktop.ui import colours
from involve_desktop.ui.colours import (
    GRAPHICS_CONTRAST,
    PAIRS,
    TEXT_CONTRAST,
    chart_outline,
    contrast_ratio,
    error_style,
    relative_luminance,
)
from involve_desktop.ui.widgets.pyramid_chart import FILLS, PATTERN_INK, PyramidBar, PyramidChart


def palette(window: str, base: str, text: str) -> QPalette:
    chosen = QPalette()
    chosen.setColor(QPalette.ColorRole.Window, QColor(window))
    chosen.setColor(QPalette.ColorRole.Base, QColor(base))
    chosen.setColor(QPalette.ColorRole.Text, QColor(text))
    chosen.setColor(QPalette.ColorRole.WindowText, QColor(text))
    return chosen


LIGHT = palette("#efefef", "#ffffff", "#000000")
DARK = palette("#2d2d2d", "#1e1e1e", "#ffffff")


def test_the_contrast_ratio_is_worked_out_as_wcag_says():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    # The classic borderline grey: just short of 4.5:1 on white, either way round.
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("pair", PAIRS, ids=[pair.name for pair in PAIRS])
def test_every_colour_the_app_sets_reads_on_what_it_is_drawn_on(pair):
    assert contrast_ratio(pair.foreground, pair.background) >= pair.needed


def test_problem_messages_are_readable_on_light_and_dark_themes():
    for theme in (LIGHT, DARK):
        window = theme.color(QPalette.ColorRole.Window)
        shown = QColor(error_style(theme).split("color: ")[1].split(";")[0])
        assert contrast_ratio(shown, window) >= TEXT_CONTRAST
        assert contrast_ratio(shown, theme.color(QPalette.ColorRole.Base)) >= TEXT_CONTRAST


def test_every_pyramid_bar_shows_its_edge_and_pattern_in_light_and_dark_themes():
    for theme in (LIGHT, DARK):
        background = theme.color(QPalette.ColorRole.Base)
        outline = chart_outline(theme)
        assert contrast_ratio(theme.color(QPalette.ColorRole.Text), background) >= TEXT_CONTRAST
        for fill, pattern in FILLS:
            edge = max(contrast_ratio(fill, background), contrast_ratio(outline, background))
            assert edge >= GRAPHICS_CONTRAST, fill.name()
            if pattern.name != "SolidPattern":
                assert contrast_ratio(PATTERN_INK, fill) >= GRAPHICS_CONTRAST, fill.name()
    assert [fill.name() for fill, _pattern in FILLS] == list(colours.CHART_FILLS)


def test_the_pyramid_is_drawn_with_the_themes_text_colour_for_words_and_outlines(qtbot):
    chart = PyramidChart()
    qtbot.addWidget(chart)
    chart.setPalette(DARK)
    chart.set_figures(
        [
            PyramidBar("Informed", 40),
            PyramidBar("Consulted", 20),
            PyramidBar("Involved", 10),
            PyramidBar("Leading", 5),
        ],
        caption="How people take part",
    )
    chart.resize(chart.sizeHint())
    image = chart.grab().toImage()
    accent = FILLS[-1][0].name()
    # Where the dark accent bar (the top of the pyramid) meets the dark background, its edge
    # is drawn light: without it the bar would vanish into a dark theme.
    edges = []
    for x in range(image.width()):
        column = [image.pixelColor(x, y).name() for y in range(image.height())]
        if accent in column:
            top = column.index(accent)
            edges.append(max(relative_luminance(column[y]) for y in range(top - 3, top)))
    assert edges, "the accent bar is drawn"
    assert max(edges) > 0.5
    assert contrast_ratio(chart_outline(DARK), "#1e1e1e") >= GRAPHICS_CONTRAST
