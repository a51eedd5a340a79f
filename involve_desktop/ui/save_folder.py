"""The folder files are saved to, remembered between choices and between runs of the app.

Every save picker starts where the user last saved, so a charity worker who files everything
in "Trustees 2026" does not walk there again each time. The folder is kept in the same ini
file as the window's size (`AppPaths.window_state`), beside the records, never inside them.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QWidget

from involve_desktop.app import AppContext
from involve_desktop.ui import prompts

SAVE_FOLDER_KEY = "save_folder"
# How long to wait to learn whether the remembered folder is there. A network drive that is
# not connected can take half a minute to say so on Windows; the picker is not kept waiting.
FOLDER_CHECK_SECONDS = 1.5


def _settings(ctx: AppContext) -> QSettings:
    return QSettings(str(ctx.paths.window_state), QSettings.Format.IniFormat)


def documents_folder() -> Path:
    """The user's Documents folder, or their home folder where the system names none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def remembered_folder(ctx: AppContext) -> Path:
    """Where the last file was saved; Documents the first time. A folder that has gone since
    (a USB stick pulled out, a network drive not connected) falls back to Documents too, so
    the picker never opens on a path that is not there."""
    stored = _settings(ctx).value(SAVE_FOLDER_KEY)
    if not stored:
        return documents_folder()
    folder = Path(str(stored))
    return folder if folder_is_there(folder) else documents_folder()


def folder_is_there(folder: Path, wait: float = FOLDER_CHECK_SECONDS) -> bool:
    """Whether `folder` exists, asked on a thread of its own so that a network path that
    does not answer cannot hang the window: after `wait` seconds it counts as gone. (Skipping
    the check would only move the hang into the system's file picker.) The thread left
    waiting on a silent server ends by itself when the system gives up."""
    found: list[bool] = []
    look = threading.Thread(
        target=lambda: found.append(folder.is_dir()), name="Is the folder there", daemon=True
    )
    look.start()
    look.join(wait)
    return bool(found and found[0])


def remember_folder(ctx: AppContext, chosen_file: Path) -> None:
    """Offer `chosen_file`'s folder next time. Called once the file is saved there: a folder
    that could not be written in is not offered again."""
    settings = _settings(ctx)
    settings.setValue(SAVE_FOLDER_KEY, str(chosen_file.parent))
    settings.sync()


def choose_save_path(
    ctx: AppContext,
    parent: QWidget | None,
    title: str,
    file_filter: str,
    name: str,
    *,
    suffixes: tuple[str, ...],
    what: str,
) -> Path | None:
    """Ask where to save a file named `name` (offered in the remembered folder). A name typed
    without one of `suffixes` gets the first of them, and then the user is asked before a
    file of that name is replaced: the picker asked about the name as typed, not this one.
    `what` finishes "Replace it with …", e.g. "this list". None if the user cancelled.
    The caller calls `remember_folder` once the file is saved."""
    path = prompts.choose_save_file(parent, title, file_filter, remembered_folder(ctx) / name)
    if path is None:
        return None
    if path.suffix.lower() not in suffixes:
        # Also a name with a dot of its own ("Members v2"): the dot is not a file type.
        path = path.with_name(path.name + suffixes[0])
        if path.exists() and not prompts.ask_yes_no(
            parent,
            "Replace the file?",
            f"\u201c{path.name}\u201d already exists. Replace it with {what}?",
            "Replace",
        ):
            return None
    return path
