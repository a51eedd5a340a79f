"""Which drives are offered for a backup: the removable, writable, present ones."""

from __future__ import annotations

from collections import namedtuple
from pathlib import Path

from involve_desktop.backup.drives import Drive, drives_from, removable_drives
from involve_desktop.drive_safety import DriveKind

# The shape psutil.disk_partitions() gives.
Partition = namedtuple("Partition", "device mountpoint fstype opts")

PARTITIONS = [
    Partition("/dev/sda1", "/", "ext4", "rw,relatime"),
    Partition("/dev/sdb1", "/media/priya/KINGSTON", "vfat", "rw,nosuid,nodev"),
    Partition("/dev/sdc1", "/run/media/priya/BACKUPS 2", "exfat", "rw"),
    Partition("/dev/sr0", "/media/priya/DVD", "iso9660", "ro"),
    Partition("/dev/sdd1", "/media/priya/CARD", "vfat", "rw"),  # a reader with no card
    Partition("//server/share", "/mnt/office", "cifs", "rw"),
    Partition("/dev/sdb1", "/media/priya/KINGSTON", "vfat", "rw"),  # listed twice
]
KINDS = {
    "/": DriveKind.LOCAL,
    "/mnt/office": DriveKind.NETWORK,
}


def kind_of(path: Path) -> DriveKind:
    return KINDS.get(str(path), DriveKind.REMOVABLE)


def free_bytes(path: Path) -> int | None:
    return None if path.name == "CARD" else 8_000_000_000


def test_only_removable_writable_present_drives_are_offered():
    drives = drives_from(PARTITIONS, kind_of, free_bytes, lambda path: "")
    assert drives == [
        Drive("KINGSTON", Path("/media/priya/KINGSTON"), 8_000_000_000),
        Drive("BACKUPS 2", Path("/run/media/priya/BACKUPS 2"), 8_000_000_000),
    ]


def test_the_drives_of_this_computer_are_listed_without_error():
    # This machine may have none; each one listed is a folder that exists.
    for drive in removable_drives():
        assert drive.path.is_dir()
        assert drive.free_bytes >= 0
        assert drive.label
