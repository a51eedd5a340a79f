"""Small file steps that must reach the disk before the next one starts."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (POSIX; Windows cannot open a folder to sync it)."""
    if os.name == "nt":
        return
    fsync_file(folder)


def write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def remove_quietly(path: Path) -> None:
    """Remove `path` if it can be: on a drive that has gone there is nothing to remove."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
