"""Is the data folder on the computer's own disk?

SQLite cannot keep a database safe on a network share (locking and the write-ahead log do not
work there) or on a USB stick (sticks may say a write is done before it is). Involve warns
before opening a database in such a place; backups, not the live database, go on the stick.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath


class DriveKind(StrEnum):
    LOCAL = "local"
    NETWORK = "network"
    REMOVABLE = "removable"


NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "sshfs",
        "fuse.sshfs",
        "afs",
        "9p",
        "davfs",
        "ncpfs",
        "fuse.rclone",
        "glusterfs",
        "ceph",
    }
)
REMOVABLE_MOUNT_ROOTS = ("/media/", "/run/media/", "/mnt/usb")

# Windows GetDriveTypeW answers
_DRIVE_REMOVABLE = 2
_DRIVE_REMOTE = 4


@dataclass(frozen=True)
class Mount:
    device: str
    point: str
    filesystem: str


def parse_mounts(text: str) -> list[Mount]:
    """The lines of /proc/self/mounts (spaces in names are written as \\040)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1].replace("\\040", " ")
            mounts.append(Mount(fields[0], point, fields[2]))
    return mounts


def kind_from_mounts(
    folder: PurePosixPath, mounts: Iterable[Mount], is_removable_device: Callable[[str], bool]
) -> DriveKind:
    """Classify `folder` by the mount that holds it (the longest matching mount point)."""
    holding = None
    for mount in mounts:
        point = PurePosixPath(mount.point)
        if (folder == point or point in folder.parents) and (
            holding is None or len(mount.point) > len(holding.point)
        ):
            holding = mount
    if holding is None:
        return DriveKind.LOCAL
    if holding.filesystem in NETWORK_FILESYSTEMS or holding.device.startswith("//"):
        return DriveKind.NETWORK
    if (holding.point + "/").startswith(REMOVABLE_MOUNT_ROOTS) or is_removable_device(
        holding.device
    ):
        return DriveKind.REMOVABLE
    return DriveKind.LOCAL


def drive_kind(folder: Path) -> DriveKind:
    """Where `folder` lives, on this computer; LOCAL when it cannot be told."""
    try:
        if sys.platform == "win32":
            return _windows_drive_kind(folder)
        if sys.platform.startswith("linux"):
            mounts = parse_mounts(Path("/proc/self/mounts").read_text(encoding="utf-8"))
            return kind_from_mounts(PurePosixPath(folder), mounts, _linux_removable)
        if sys.platform == "darwin" and str(folder).startswith("/Volumes/"):
            return DriveKind.REMOVABLE
    except OSError:
        pass
    return DriveKind.LOCAL


def _linux_removable(device: str) -> bool:
    name = os.path.basename(device)
    # /dev/sdb1 → /sys/class/block/sdb1/../removable is the whole disk's flag
    partition = Path("/sys/class/block") / name
    for flag in (partition / "removable", partition.resolve().parent / "removable"):
        try:
            return flag.read_text().strip() == "1"
        except OSError:
            continue
    return False


def _windows_drive_kind(folder: Path) -> DriveKind:
    import ctypes

    anchor = folder.anchor
    if anchor.startswith("\\\\"):
        return DriveKind.NETWORK
    kind = ctypes.windll.kernel32.GetDriveTypeW(anchor)  # type: ignore[attr-defined]
    if kind == _DRIVE_REMOTE:
        return DriveKind.NETWORK
    if kind == _DRIVE_REMOVABLE:
        return DriveKind.REMOVABLE
    return DriveKind.LOCAL


def warning_for(kind: DriveKind, folder: Path) -> str | None:
    """What to tell the user about a data folder of this kind; None when it is fine."""
    where = {
        DriveKind.NETWORK: "on a network drive",
        DriveKind.REMOVABLE: "on a removable drive such as a USB stick",
    }.get(kind)
    if where is None:
        return None
    return (
        f"Your data folder ({folder}) is {where}. Involve's database can be damaged when it is "
        "kept there, because such drives can be disconnected, or report a save as finished "
        "before it is. Please keep the data folder on this computer's own disk and put "
        "backups on the stick or network drive instead."
    )
