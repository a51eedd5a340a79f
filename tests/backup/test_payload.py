"""What is inside a backup: the members come back whole at any database size, and nothing
but tar's zero padding may follow them."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from involve_desktop.backup.payload import Manifest, read_payload, write_payload
from involve_desktop.backup.problems import DamagedBackup
from involve_desktop.backup.sealed_file import SealedReader, SealedWriter

MANIFEST = Manifest(
    app_version="0.1.0",
    schema_revision="0007_backup",
    organisation="Greenfield Carers Network",
    people=3,
    made_at="2026-11-26T16:45:00Z",
    sequence=4,
    database_encrypted=True,
)


def sealed_payload(database: Path, *, extra: bytes = b"") -> bytes:
    target = io.BytesIO()
    writer = SealedWriter(target, None, made_at=MANIFEST.made_at, app_version="0.1.0", sequence=4)
    write_payload(writer, MANIFEST, database, key_file=b'{"slots": {}}', database_key=bytes(32))
    writer.write(extra)
    writer.close()
    return target.getvalue()


# Sizes around tar's 512-byte blocks and 10,240-byte records, and around the 1 MiB chunk: a
# 50 MB database once left part of tar's closing record unread, which must not count as damage.
@pytest.mark.parametrize("size", [0, 1, 511, 512, 10_239, 10_240, 1_048_576, 3_333_333])
def test_the_members_come_back_whole_at_any_size(tmp_path, size):
    database = tmp_path / "involve.db"
    database.write_bytes(bytes(range(251)) * (size // 251) + bytes(size % 251))
    out = tmp_path / "out"
    out.mkdir()

    reader = SealedReader(io.BytesIO(sealed_payload(database)))
    payload = read_payload(reader, out)

    assert reader.read_to_end()
    assert payload.manifest == MANIFEST
    assert payload.database.read_bytes() == database.read_bytes()
    assert (payload.key_file, payload.database_key) == (b'{"slots": {}}', bytes(32))


def test_anything_but_padding_after_the_members_is_noticed(tmp_path):
    database = tmp_path / "involve.db"
    database.write_bytes(b"x" * 5000)
    reader = SealedReader(io.BytesIO(sealed_payload(database, extra=b"\x00" * 700 + b"!")))
    read_payload(reader, tmp_path)
    assert not reader.read_to_end()


def test_an_archive_with_other_members_is_refused(tmp_path):
    import tarfile

    target = io.BytesIO()
    writer = SealedWriter(target, None, made_at=MANIFEST.made_at, app_version="0.1.0", sequence=4)
    with tarfile.open(fileobj=writer, mode="w|") as archive:
        info = tarfile.TarInfo("../../outside.txt")
        info.size = 3
        archive.addfile(info, io.BytesIO(b"bad"))
    writer.close()
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DamagedBackup, match="not what Involve puts in a backup"):
        read_payload(SealedReader(io.BytesIO(target.getvalue())), out)
    assert list(tmp_path.rglob("outside.txt")) == []


@pytest.mark.parametrize("kind", [tarfile.AREGTYPE, tarfile.CONTTYPE, tarfile.SYMTYPE])
def test_a_member_that_is_not_a_plain_file_is_refused(tmp_path, kind):
    target = io.BytesIO()
    writer = SealedWriter(target, None, made_at=MANIFEST.made_at, app_version="0.1.0", sequence=4)
    with tarfile.open(fileobj=writer, mode="w|") as archive:
        info = tarfile.TarInfo("manifest.json")
        info.type = kind
        data = MANIFEST.to_json() if kind != tarfile.SYMTYPE else b""
        info.size = len(data)
        if kind == tarfile.SYMTYPE:
            info.linkname = "/etc/passwd"
        archive.addfile(info, io.BytesIO(data))
    writer.close()
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DamagedBackup, match="not what Involve puts in a backup"):
        read_payload(SealedReader(io.BytesIO(target.getvalue())), out)


def test_a_backup_whose_date_is_not_a_date_is_called_damaged(tmp_path, monkeypatch):
    from involve_desktop import __version__
    from involve_desktop.backup import payload
    from involve_desktop.backup.payload import snapshot_facts
    from involve_desktop.backup.verify import verify_backup
    from involve_desktop.db import sqlite_file
    from tests.backup.helpers import new_charity

    paths, key = new_charity(tmp_path / "data", people=2)
    snapshot = tmp_path / "snapshot.db"
    sqlite_file.copy_database(paths.database, snapshot, key=key)
    facts = snapshot_facts(snapshot, key)
    odd = "2026-13-45T99:00:00Z"  # header and manifest agree, but it is no date
    manifest = Manifest(
        app_version=__version__,
        schema_revision=facts.revision or "",
        organisation="",
        people=facts.people,
        made_at=odd,
        sequence=1,
        database_encrypted=True,
    )
    monkeypatch.setattr(payload, "_timestamp", lambda iso: 0.0)
    file = tmp_path / "odd.involve-backup"
    with open(file, "wb") as target:
        writer = SealedWriter(target, None, made_at=odd, app_version=__version__, sequence=1)
        write_payload(writer, manifest, snapshot, key_file=None, database_key=key)  # type: ignore[arg-type]
        writer.close()

    with pytest.raises(DamagedBackup, match="did not pass their check") as refused:
        verify_backup(file, None, work_dir=tmp_path)
    assert isinstance(refused.value.__cause__, ValueError), "refused at the date itself"
