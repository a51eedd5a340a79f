"""Every colour the app sets itself, each with what it is drawn on, so that one test
(tests/ui/test_contrast.py) can hold them all to WCAG 2.x AA: 4.5:1 for text, 3:1 for the
parts of a chart or outline that must be seen.

Everything else comes from the system's palette (Text on Base, WindowText on Window), which
the system keeps readable in light and dark themes alike; so where a fixed colour would fail
on a dark theme, the colour is chosen from the palette here instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

TEXT_CONTRAST = 4.5  # WCAG 1.4.3, normal-size text
GRAPHICS_CONTRAST = 3.0  # WCAG 1.4.11, chart bars, outlines and focus marks

# The backgrounds a window or field has in the common light and dark themes (Windows,
# macOS, GNOME/KDE and Qt's Fusion): fixed colours must read on all of their kind.
LIGHT_BACKGROUNDS = ("#ffffff", "#f0f0f0", "#efefef", "#ececec", "#e8e8e8")
DARK_BACKGROUNDS = ("#1e1e1e", "#202020", "#2d2d2d", "#353535", "#3c3c3c")

# A problem said at the field (with a warning sign too, never colour alone).
ERROR_TEXT_ON_LIGHT = "#a1001a"
ERROR_TEXT_ON_DARK = "#ff9a9a"

# The pyramid (and Home's charts): grey fills from light to dark, each with its own pattern,
# and the one dark accent at the top; the patterns are drawn in PATTERN_INK over the fill.
CHART_FILLS = ("#e4e4e4", "#b4b4b4", "#7c7c7c", "#1d3557")
PATTERN_INK = "#303030"
# Home's charts: a single measure, drawn under the chart's text colour.
SINGLE_FILL = "#9a9a9a"


@dataclass(frozen=True)
class ColourPair:
    """A colour and what it is drawn on; `kind` is "text" or "graphics"."""

    name: str
    foreground: str
    background: str
    kind: str

    @property
    def needed(self) -> float:
        return TEXT_CONTRAST if self.kind == "text" else GRAPHICS_CONTRAST


def _on_each(
    name: str, foreground: str, backgrounds: tuple[str, ...], kind: str
) -> list[ColourPair]:
    return [ColourPair(f"{name} on {back}", foreground, back, kind) for back in backgrounds]


# Every fixed pair the app draws. Chart fills are not listed against the background: each
# bar has an outline in the palette's text colour, which carries its edge (see
# `chart_outline`); the fills are listed against the pattern drawn on them.
PAIRS: tuple[ColourPair, ...] = (
    *_on_each("error text", ERROR_TEXT_ON_LIGHT, LIGHT_BACKGROUNDS, "text"),
    *_on_each("error text", ERROR_TEXT_ON_DARK, DARK_BACKGROUNDS, "text"),
    ColourPair("pattern on mid-grey fill", PATTERN_INK, CHART_FILLS[1], "graphics"),
    ColourPair("pattern on dark-grey fill", PATTERN_INK, CHART_FILLS[2], "graphics"),
    ColourPair("accent fill on light background", CHART_FILLS[3], "#ffffff", "graphics"),
    ColourPair("dark chart text on single fill", "#000000", SINGLE_FILL, "text"),
)


def relative_luminance(colour: str | QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    rgb = QColor(colour)

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(rgb.red()) + 0.7152 * linear(rgb.green()) + 0.0722 * linear(rgb.blue())


def contrast_ratio(first: str | QColor, second: str | QColor) -> float:
    """WCAG 2.x contrast ratio, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_dark(colour: str | QColor) -> bool:
    return relative_luminance(colour) < 0.18


def error_text(palette: QPalette) -> str:
    """The colour of a problem message, readable on the palette's window and field colours."""
    background = palette.color(QPalette.ColorRole.Window)
    return ERROR_TEXT_ON_DARK if is_dark(background) else ERROR_TEXT_ON_LIGHT


def error_style(palette: QPalette | None = None) -> str:
    """The style sheet of a problem message, for the application's palette unless given."""
    if palette is None:
        from PySide6.QtGui import QGuiApplication

        palette = QGuiApplication.palette()
    return f"color: {error_text(palette)}; font-weight: 600;"


def chart_outline(palette: QPalette) -> QColor:
    """Bars are outlined in the text colour: it stands out from the chart's background in
    every theme (as the text does), so each bar's edge shows whatever its fill."""
    return palette.color(QPalette.ColorRole.Text)
