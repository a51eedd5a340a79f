"""The "Text size" setting: Normal, Larger (x1.25) or Largest (x1.5), on top of the system
font size, kept per computer next to the window's place (ctx.paths.window_state).

It sets the application's font, so every label, field and table follows at once and every
open window lays itself out again. Text drawn larger than the rest (headings, the recovery
key) is sized with `set_relative_size`, so it follows too instead of keeping a fixed size.

Imported at start, before the window opens: only QtCore and QtWidgets, which are loaded by
then anyway; the menu's QtGui classes are imported when the menu is built.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget

from involve_desktop.paths import AppPaths

SETTING_KEY = "text_size"
# The system's own size, kept on the application so a second change scales from it again.
# A known limit: once Larger or Largest is applied, the application font is set explicitly,
# and Qt then stops passing a change of the system font size on to it (no
# ApplicationFontChange comes from the system), so such a change shows after a restart.
# Following it live would mean watching ThemeChange and reading
# QFontDatabase.systemFont(GeneralFont) afresh, which cannot be checked on the offscreen
# platform the tests use. At Normal the font is never set, so the system's changes show at once.
SYSTEM_SIZE_PROPERTY = "involveSystemFontSize"
# On a widget: how much larger than the application font its text is drawn.
RELATIVE_SIZE_PROPERTY = "involveRelativeTextSize"


@dataclass(frozen=True)
class TextSize:
    key: str
    label: str
    scale: float


TEXT_SIZES = (
    TextSize("normal", "&Normal", 1.0),
    TextSize("larger", "&Larger", 1.25),
    TextSize("largest", "L&argest", 1.5),
)
NORMAL = TEXT_SIZES[0]


def _settings(paths: AppPaths) -> QSettings:
    return QSettings(str(paths.window_state), QSettings.Format.IniFormat)


def saved_text_size(paths: AppPaths) -> TextSize:
    """The size chosen on this computer; Normal when none was chosen or the file is odd."""
    key = _settings(paths).value(SETTING_KEY, NORMAL.key)
    return next((size for size in TEXT_SIZES if size.key == key), NORMAL)


def save_text_size(paths: AppPaths, size: TextSize) -> None:
    settings = _settings(paths)
    settings.setValue(SETTING_KEY, size.key)
    settings.sync()


def apply_saved_text_size(app: QApplication, paths: AppPaths) -> TextSize:
    """At start, before the first window: size the application font as chosen."""
    size = saved_text_size(paths)
    if size is not NORMAL:
        set_text_scale(app, size.scale)
    return size


def set_text_scale(app: QApplication, scale: float) -> None:
    """Make the application font `scale` times the system size, at once in every window."""
    system = app.property(SYSTEM_SIZE_PROPERTY)
    font = app.font()
    if system is None:
        # Some systems give the font in pixels, not points: scale whichever it has.
        system = font.pointSizeF() if font.pointSizeF() > 0 else -float(font.pixelSize())
        app.setProperty(SYSTEM_SIZE_PROPERTY, system)
    system = float(system)
    if system > 0:
        font.setPointSizeF(system * scale)
    else:
        font.setPixelSize(round(-system * scale))
    app.setFont(font)
    for widget in app.allWidgets():
        if widget.property(RELATIVE_SIZE_PROPERTY) is not None:
            _size_relative(widget)


def set_relative_size(widget: QWidget, scale: float) -> None:
    """Draw `widget`'s text `scale` times the application font (a heading at 1.5, say), and
    keep it so when the text size changes, rather than fixing its size in points."""
    widget.setProperty(RELATIVE_SIZE_PROPERTY, scale)
    _size_relative(widget)


def _size_relative(widget: QWidget) -> None:
    scale = float(widget.property(RELATIVE_SIZE_PROPERTY))
    base = QApplication.font()
    font = widget.font()
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * scale)
    else:
        font.setPixelSize(round(base.pixelSize() * scale))
    widget.setFont(font)


def add_text_size_menu(menu_bar_owner: QMainWindow, paths: AppPaths) -> QMenu:
    """A "Text size" menu: Normal, Larger and Largest as radio choices, and "Bigger text" and
    "Smaller text" to step (Ctrl+Shift+= or Ctrl++, Ctrl+Shift+- or Ctrl+-; Ctrl+0 to Ctrl+9
    open areas). Alt+Z opens it: Z is the one letter no screen's mnemonics use ("View" would
    clash on every screen with "&Level", "&When" or "&View")."""
    from PySide6.QtGui import QAction, QActionGroup, QKeySequence

    menu = menu_bar_owner.menuBar().addMenu("Text si&ze")
    group = QActionGroup(menu)
    group.setExclusive(True)
    chosen = saved_text_size(paths)
    actions: dict[str, QAction] = {}
    for size in TEXT_SIZES:
        action = menu.addAction(size.label)
        action.setCheckable(True)
        action.setChecked(size is chosen)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, size=size: _choose(size, paths))
        actions[size.key] = action

    def step(by: int) -> None:
        current = saved_text_size(paths)
        index = min(max(TEXT_SIZES.index(current) + by, 0), len(TEXT_SIZES) - 1)
        actions[TEXT_SIZES[index].key].trigger()

    menu.addSeparator()
    larger = menu.addAction("&Bigger text")
    larger.setShortcuts([QKeySequence("Ctrl+Shift+="), QKeySequence("Ctrl++")])
    larger.triggered.connect(lambda: step(1))
    smaller = menu.addAction("&Smaller text")
    smaller.setShortcuts([QKeySequence("Ctrl+Shift+-"), QKeySequence("Ctrl+-")])
    smaller.triggered.connect(lambda: step(-1))
    menu_bar_owner.text_size_actions = actions  # for tests and the lead's wiring
    return menu


def _choose(size: TextSize, paths: AppPaths) -> None:
    save_text_size(paths, size)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        set_text_scale(app, size.scale)
