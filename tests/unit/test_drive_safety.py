"""Telling a data folder on the computer's own disk from one on a share or a stick."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from involve_desktop.drive_safety import (
    DriveKind,
    drive_kind,
    kind_from_mounts,
    parse_mounts,
    warning_for,
)

MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw 0 0
//office-nas/shared /mnt/office cifs rw,vers=3.0 0 0
nas:/export/home /home/remote nfs4 rw 0 0
/dev/sdb1 /media/sam/KINGSTON vfat rw,nosuid 0 0
/dev/sdc1 /srv/data ext4 rw 0 0
/dev/sdd1 /mnt/my\\040stick vfat rw 0 0
"""


def classify(
    folder: str, removable_devices: frozenset[str] = frozenset({"/dev/sdd1"})
) -> DriveKind:
    return kind_from_mounts(
        PurePosixPath(folder), parse_mounts(MOUNTS), lambda device: device in removable_devices
    )


def test_the_computers_own_disk_is_local():
    assert classify("/home/sam/.local/share/Involve") is DriveKind.LOCAL
    assert classify("/srv/data/involve") is DriveKind.LOCAL


def test_shares_are_network_drives():
    assert classify("/mnt/office/Involve") is DriveKind.NETWORK
    assert classify("/home/remote/sam/Involve") is DriveKind.NETWORK


def test_sticks_are_removable_by_where_they_mount_or_by_the_devices_flag():
    assert classify("/media/sam/KINGSTON/Involve") is DriveKind.REMOVABLE
    assert classify("/mnt/my stick/Involve") is DriveKind.REMOVABLE


def test_the_longest_mount_point_decides():
    assert classify("/mnt/office") is DriveKind.NETWORK
    assert classify("/mnt/officer") is DriveKind.LOCAL


def test_only_unsafe_places_get_a_warning(tmp_path: Path):
    assert warning_for(DriveKind.LOCAL, tmp_path) is None
    network = warning_for(DriveKind.NETWORK, Path("/mnt/office/Involve"))
    assert network is not None and "network drive" in network and "/mnt/office/Involve" in network
    stick = warning_for(DriveKind.REMOVABLE, Path("/media/x"))
    assert stick is not None and "USB stick" in stick


def test_this_machines_temporary_folder_is_local(tmp_path: Path):
    assert drive_kind(tmp_path) is DriveKind.LOCAL
