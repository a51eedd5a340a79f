"""Where Involve keeps its files.

The data folder comes from `--data-dir`, else `INVOLVE_DATA_DIR`, else the user's data folder
(platformdirs). Everything the app writes lives under it, so pointing it elsewhere moves
everything: database, copies made before upgrades, logs and window state.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from involve_desktop.errors import DataFolderError

DATA_DIR_ENV = "INVOLVE_DATA_DIR"
DATABASE_FILE_NAME = "involve.db"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILE_NAME

    @property
    def key_file(self) -> Path:
        return self.data_dir / "involve.keys"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "involve.lock"

    @property
    def window_state(self) -> Path:
        return self.data_dir / "window-state.ini"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Involve", appauthor=False, roaming=False))


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Pick the data folder: the argument, then the environment variable, then the default."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or default_data_dir()
    return AppPaths(Path(chosen).expanduser().resolve())


def ensure_writable(paths: AppPaths) -> None:
    """Create the data and log folders and prove a file can be written there."""
    folder = paths.data_dir
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as error:
        raise DataFolderError(
            f"Involve cannot save its files in the folder {folder}. "
            "Check that the folder exists and that you are allowed to change it, "
            "or start Involve with another folder (--data-dir or INVOLVE_DATA_DIR).",
            detail=type(error).__name__,
        ) from error


def resources_dir() -> Path:
    """The shipped resources (icons, fonts), whether running from source or a frozen build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
