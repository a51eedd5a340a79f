"""The removable drives this computer can see now, to offer as places for a backup.

psutil lists the mounted partitions on every platform; `drive_safety` already knows how to
tell a removable drive from a local or network one (Windows' drive type; on Linux the
/media and /run/media mount roots or the kernel's removable flag; /Volumes on a Mac).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from involve_desktop.drive_safety import DriveKind, drive_kind


@dataclass(frozen=True)
class Drive:
    label: str  # what to show: "KINGSTON (E:)" on Windows, the folder name elsewhere
    path: Path
    free_bytes: int


def removable_drives() -> list[Drive]:
    """Removable drives mounted now and writable, in the order the system lists them."""
    import psutil

    return drives_from(psutil.disk_partitions(all=False), drive_kind, _free_bytes, _volume_label)


def drives_from(
    partitions: Iterable[Any],
    kind_of: Callable[[Path], DriveKind],
    free_bytes: Callable[[Path], int | None],
    volume_label: Callable[[Path], str],
) -> list[Drive]:
    """The removable ones among `partitions` (psutil's shape: `mountpoint`, `opts`)."""
    drives = []
    seen: set[Path] = set()
    for partition in partitions:
        path = Path(partition.mountpoint)
        options = set(str(getattr(partition, "opts", "")).split(","))
        if path in seen or "ro" in options or "cdrom" in options:
            continue
        if kind_of(path) is not DriveKind.REMOVABLE:
            continue
        free = free_bytes(path)
        if free is None:  # listed, but gone or not ready (a card reader with no card)
            continue
        seen.add(path)
        drives.append(Drive(_label(path, volume_label(path)), path, free))
    return drives


def _label(path: Path, volume: str) -> str:
    if sys.platform == "win32":
        letter = path.anchor.rstrip("\\")
        return f"{volume} ({letter})" if volume else f"USB drive ({letter})"
    return volume or path.name or str(path)


def _free_bytes(path: Path) -> int | None:
    import psutil

    try:
        return int(psutil.disk_usage(str(path)).free)
    except OSError:
        return None


def _volume_label(path: Path) -> str:
    """The name the drive was given (Windows); elsewhere the mount folder is already it."""
    if sys.platform != "win32":
        return ""
    import ctypes

    buffer = ctypes.create_unicode_buffer(261)
    ok = ctypes.windll.kernel32.GetVolumeInformationW(  # type: ignore[attr-defined]
        ctypes.c_wchar_p(path.anchor), buffer, len(buffer), None, None, None, None, 0
    )
    return buffer.value if ok else ""
