"""Saving a PDF (or any export) safely: the file reaches the disk before it takes the chosen
name, and the rename is put on the disk too where the system allows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from involve_desktop.services.export_files import ExportProblem, save_atomically


def test_the_file_is_flushed_to_disk_before_its_rename_and_the_folder_after(tmp_path, monkeypatch):
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(handle: int) -> None:
        target = Path(os.readlink(f"/proc/self/fd/{handle}")) if Path("/proc").is_dir() else None
        events.append("folder" if target == tmp_path else "file")
        real_fsync(handle)

    def replace(source, destination) -> None:  # type: ignore[no-untyped-def]
        events.append("rename")
        real_replace(source, destination)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "report.pdf"
    save_atomically(target, lambda temporary: temporary.write_bytes(b"%PDF-1.4 whole"))
    assert target.read_bytes() == b"%PDF-1.4 whole"
    assert events[:2] == ["file", "rename"]
    if os.name == "posix":
        assert events == ["file", "rename", "folder"]
    assert [path.name for path in tmp_path.iterdir()] == ["report.pdf"]


def test_a_write_that_fails_leaves_nothing_and_says_what_to_do(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the older copy")

    def fails(temporary: Path) -> None:
        temporary.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportProblem, match="Check there is space on the drive"):
        save_atomically(target, fails)
    assert target.read_bytes() == b"the older copy"
    assert [path.name for path in tmp_path.iterdir()] == ["report.pdf"]
