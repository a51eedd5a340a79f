"""The areas listed in the main window's navigation, in order. A new area is one line here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from involve_desktop.app import AppContext
from involve_desktop.ui.screens.base import Screen


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    make_screen: Callable[[AppContext], Screen]


def _settings(ctx: AppContext) -> Screen:
    from involve_desktop.ui.screens.settings_screen import SettingsScreen

    return SettingsScreen(ctx)


AREAS: tuple[Area, ...] = (Area("settings", "Settings", _settings),)
