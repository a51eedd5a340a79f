"""What a backup holds, inside the sealed file: a tar stream of four members.

- `manifest.json`: payload version, app version, schema revision, organisation name, number of
  people, when it was made, its sequence number, and whether the database is encrypted;
- `involve.db`: a backup-API snapshot of the database, checked before it was sealed;
- `involve.keys`: the key file, so staff sign in with their own passwords after a restore;
- `database.key`: the raw database key, so that the backup passphrase alone can check and
  restore the backup on another PC (the passphrase protects it; docs/decisions/010-backups.md).

Tar rather than zip because tar reads and writes as a stream: the sealed file is decrypted
chunk by chunk straight into the database file, where zip would need the whole decrypted
archive on disk first to find its directory at the end. Nothing is compressed: an SQLCipher
database is random bytes, and the rest is a few hundred bytes. Members are read by their fixed
names into fixed places, never by paths taken from the archive.
"""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO

from involve_desktop.backup.problems import DamagedBackup, newer_backup
from involve_desktop.db import sqlite_file

PAYLOAD_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_NAME = "involve.db"
KEYS_NAME = "involve.keys"
DATABASE_KEY_NAME = "database.key"
# Small members are read into memory; anything larger than this is not one Involve wrote.
MAX_SMALL_MEMBER = 1 << 20
DATABASE_KEY_BYTES = 32


@dataclass(frozen=True)
class Manifest:
    app_version: str
    schema_revision: str
    organisation: str
    people: int
    made_at: str
    sequence: int
    database_encrypted: bool
    payload_version: int = PAYLOAD_VERSION

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=1, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        document = json.loads(raw.decode("utf-8"))
        if int(document.get("payload_version", 0)) > PAYLOAD_VERSION:
            raise newer_backup(str(document.get("app_version", "")))
        manifest = cls(
            app_version=str(document["app_version"]),
            schema_revision=str(document["schema_revision"]),
            organisation=str(document["organisation"]),
            people=int(document["people"]),
            made_at=str(document["made_at"]),
            sequence=int(document["sequence"]),
            database_encrypted=bool(document["database_encrypted"]),
            payload_version=int(document["payload_version"]),
        )
        return manifest


@dataclass(frozen=True)
class SnapshotFacts:
    """What the manifest says about a database, read from the database itself."""

    revision: str | None
    organisation: str | None
    people: int


def snapshot_facts(database: Path, key: bytes | None) -> SnapshotFacts:
    facts = sqlite_file.read_startup_facts(database, key=key)
    connection = sqlite_file.connect(database, key=key, read_only=True)
    try:
        (people,) = connection.execute("SELECT count(*) FROM person").fetchone()
    finally:
        connection.close()
    return SnapshotFacts(facts.revision, facts.organisation_name, int(people))


@dataclass(frozen=True)
class Payload:
    """A backup's content, read back: the database is a file, the rest is in memory."""

    manifest: Manifest
    database: Path
    key_file: bytes | None
    database_key: bytes | None


def write_payload(
    target: BinaryIO,
    manifest: Manifest,
    database: Path,
    *,
    key_file: bytes | None,
    database_key: bytes | None,
) -> None:
    """Stream the members into `target` (a `SealedWriter`), the manifest first."""
    mtime = _timestamp(manifest.made_at)
    with tarfile.open(fileobj=target, mode="w|", format=tarfile.PAX_FORMAT) as archive:
        _add_bytes(archive, MANIFEST_NAME, manifest.to_json(), mtime)
        info = tarfile.TarInfo(DATABASE_NAME)
        info.size, info.mtime, info.mode = database.stat().st_size, mtime, 0o600
        with open(database, "rb") as handle:
            archive.addfile(info, handle)
        if key_file is not None:
            _add_bytes(archive, KEYS_NAME, key_file, mtime)
        if database_key is not None:
            _add_bytes(archive, DATABASE_KEY_NAME, database_key, mtime)


def read_payload(source: BinaryIO, folder: Path) -> Payload:
    """Read the members from `source` (a `SealedReader`); the database goes to `folder`."""
    found: dict[str, bytes] = {}
    database = folder / DATABASE_NAME
    try:
        with tarfile.open(fileobj=source, mode="r|") as archive:
            for member in archive:
                # Only plain files: no links, devices or GNU/PAX extensions Involve never writes.
                if member.name in found or member.type != tarfile.REGTYPE:
                    raise _unexpected()
                content = archive.extractfile(member)
                assert content is not None
                if member.name == DATABASE_NAME:
                    with open(database, "wb") as handle:
                        shutil.copyfileobj(content, handle, 1 << 20)
                    found[member.name] = b""
                elif member.name in (MANIFEST_NAME, KEYS_NAME, DATABASE_KEY_NAME):
                    if member.size > MAX_SMALL_MEMBER:
                        raise _unexpected()
                    found[member.name] = content.read()
                else:
                    raise _unexpected()
    except tarfile.TarError as error:
        raise _unexpected() from error
    if MANIFEST_NAME not in found or DATABASE_NAME not in found:
        raise _unexpected()
    try:
        manifest = Manifest.from_json(found[MANIFEST_NAME])
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as error:
        raise _unexpected() from error
    database_key = found.get(DATABASE_KEY_NAME)
    if database_key is not None and len(database_key) != DATABASE_KEY_BYTES:
        raise _unexpected()
    if manifest.database_encrypted and database_key is None:
        raise _unexpected()
    return Payload(manifest, database, found.get(KEYS_NAME), database_key)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), mtime, 0o600
    archive.addfile(info, io.BytesIO(data))


def _timestamp(iso: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def _unexpected() -> DamagedBackup:
    return DamagedBackup(
        "This backup opened, but what is inside is not what Involve puts in a backup, so it "
        "cannot be used. Please use another backup."
    )
