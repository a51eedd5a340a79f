"""The backup file format: a versioned header, then the payload in authenticated chunks.

Layout (all numbers big-endian):

    magic        15 bytes  b"INVOLVE-BACKUP\\n"
    version       2 bytes  the format version (1)
    length        4 bytes  n, the header's length (at most 64 KiB)
    header        n bytes  JSON: cipher, key-derivation settings and salt, the file's random
                           seed, chunk size, when and by which app version it was made
    hash         32 bytes  SHA-256 of everything above (no key)
    mac          32 bytes  HMAC-SHA256 of the same bytes under the file's MAC key
    chunks                 the payload, 1 MiB per chunk, each sealed on its own

The magic, version, length, header and hash keep this shape in every later format version, so
an older app can always say "made by a newer version" rather than "damaged".

Why each part (docs/decisions/010-backups.md): the unkeyed hash and the keyed MAC of the header
tell a damaged file (bad hash) from a wrong passphrase (good hash, bad MAC), as KeePass's KDBX 4
does. Chunks follow age's STREAM design: AES-256-GCM with a nonce made of an 11-byte chunk
counter and a last-chunk flag, so chunks cannot be reordered, dropped or cut off without the
reader noticing, and the reader never holds more than a chunk. Each file's AES and MAC keys
come from HKDF over the backup key and the file's own random seed, so no two files share a key
and nonces never repeat under a key. The header hash is each chunk's associated data, which
binds the chunks to this header. A file made without encryption (cipher "none") keeps the same
framing with a SHA-256 after each chunk, so damage and truncation are still caught.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from involve_desktop.backup.backup_key import DATABASE_KEY_KDF, BackupKey, within_caps
from involve_desktop.backup.problems import (
    DamagedBackup,
    damaged_from,
    database_key_needed,
    newer_backup,
    not_a_backup,
    passphrase_needed,
    wrong_passphrase,
)
from involve_desktop.db.key_slots import KdfParameters

MAGIC = b"INVOLVE-BACKUP\n"
FORMAT_VERSION = 1
CIPHER_AES = "AES-256-GCM"
CIPHER_NONE = "none"
CHUNK_SIZE = 1 << 20
MAX_HEADER_BYTES = 64 * 1024
CHUNK_SIZE_LIMITS = (4096, 16 << 20)
SEED_BYTES = 32
TAG_BYTES = 16
DIGEST_BYTES = 32
COUNTER_BYTES = 11
_PREFIX = struct.Struct(">HI")
_HKDF_INFO = b"involve-backup v1: chunk key and header MAC key"
_UNENCRYPTED_MAC = b"involve-backup v1: not encrypted"


@dataclass(frozen=True)
class Header:
    """What the header says about the file; readable without the passphrase."""

    cipher: str
    kdf: KdfParameters | None
    seed: bytes
    made_at: str
    app_version: str
    sequence: int
    chunk_size: int = CHUNK_SIZE
    format_version: int = FORMAT_VERSION

    @property
    def encrypted(self) -> bool:
        return self.cipher == CIPHER_AES

    @classmethod
    def new(cls, key: BackupKey | None, *, made_at: str, app_version: str, sequence: int) -> Header:
        return cls(
            cipher=CIPHER_AES if key is not None else CIPHER_NONE,
            kdf=key.kdf if key is not None else None,
            seed=secrets.token_bytes(SEED_BYTES),
            made_at=made_at,
            app_version=app_version,
            sequence=sequence,
        )

    def to_json(self) -> bytes:
        document: dict[str, Any] = {
            "format_version": self.format_version,
            "cipher": self.cipher,
            "seed": _b64(self.seed),
            "chunk_size": self.chunk_size,
            "made_at": self.made_at,
            "app_version": self.app_version,
            "sequence": self.sequence,
        }
        if self.encrypted and self.kdf is None:
            document["kdf"] = {"name": DATABASE_KEY_KDF}
        elif self.kdf is not None:
            document["kdf"] = {
                "name": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "parallelism": self.kdf.parallelism,
                "salt": _b64(self.kdf.salt),
            }
        return json.dumps(document, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, body: bytes) -> Header:
        """The header, or ValueError/KeyError/TypeError when it is not one this app wrote."""
        document = json.loads(body.decode("utf-8"))
        cipher = document["cipher"]
        kdf = None
        if cipher == CIPHER_AES:
            raw = document["kdf"]
            if raw["name"] not in ("argon2id", DATABASE_KEY_KDF):
                raise ValueError("unknown key derivation")
            kdf = (
                None
                if raw["name"] == DATABASE_KEY_KDF
                else KdfParameters(
                    memory_kib=_whole(raw["memory_kib"]),
                    iterations=_whole(raw["iterations"]),
                    parallelism=_whole(raw["parallelism"]),
                    salt=_unb64(raw["salt"]),
                )
            )
            if kdf is not None and not within_caps(kdf):
                raise ValueError("key derivation settings out of range")
        elif cipher != CIPHER_NONE:
            raise ValueError("unknown cipher")
        header = cls(
            cipher=cipher,
            kdf=kdf,
            seed=_unb64(document["seed"]),
            made_at=str(document["made_at"]),
            app_version=str(document["app_version"]),
            sequence=_whole(document["sequence"]),
            chunk_size=_whole(document["chunk_size"]),
            format_version=_whole(document["format_version"]),
        )
        low, high = CHUNK_SIZE_LIMITS
        if len(header.seed) != SEED_BYTES or not low <= header.chunk_size <= high:
            raise ValueError("seed or chunk size out of range")
        return header


class _Sealer:
    """Seals and opens the chunks of one file, and makes its header's MAC."""

    def __init__(self, header: Header, header_hash: bytes, master_key: bytes | None) -> None:
        self.header_hash = header_hash
        self.overhead = TAG_BYTES if header.encrypted else DIGEST_BYTES
        self._aead: Any = None
        self._mac_key = b""
        if header.encrypted:
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
            from cryptography.hazmat.primitives.kdf.hkdf import HKDF

            assert master_key is not None
            keys = HKDF(hashes.SHA256(), length=64, salt=header.seed, info=_HKDF_INFO).derive(
                master_key
            )
            self._aead = AESGCM(keys[:32])
            self._mac_key = keys[32:]

    def header_mac(self, prefix: bytes) -> bytes:
        if self._aead is None:
            return hashlib.sha256(_UNENCRYPTED_MAC + self.header_hash).digest()
        return hmac.new(self._mac_key, prefix, hashlib.sha256).digest()

    def seal(self, counter: int, last: bool, data: bytes | memoryview) -> bytes:
        nonce = _nonce(counter, last)
        if self._aead is not None:
            return self._aead.encrypt(nonce, data, self.header_hash)
        return bytes(data) + self._digest(nonce, data)

    def open(self, counter: int, last: bool, stored: bytes) -> bytes | None:
        """The chunk's content, or None when it is not this chunk as written."""
        if len(stored) < self.overhead:
            return None
        nonce = _nonce(counter, last)
        if self._aead is not None:
            from cryptography.exceptions import InvalidTag

            try:
                return self._aead.decrypt(nonce, stored, self.header_hash)
            except InvalidTag:
                return None
        data, digest = stored[: -self.overhead], stored[-self.overhead :]
        return data if hmac.compare_digest(self._digest(nonce, data), digest) else None

    def _digest(self, nonce: bytes, data: bytes | memoryview) -> bytes:
        hasher = hashlib.sha256(self.header_hash)
        hasher.update(nonce)
        hasher.update(data)
        return hasher.digest()


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(COUNTER_BYTES, "big") + (b"\x01" if last else b"\x00")


class SealedWriter:
    """A write-only stream that seals what is written to it into `target`.

    `close()` seals the last chunk (with the last-chunk flag) but leaves `target` open, so the
    caller can flush and fsync it. `progress(done)` is told the payload bytes sealed so far.
    """

    def __init__(
        self,
        target: BinaryIO,
        key: BackupKey | None,
        *,
        made_at: str,
        app_version: str,
        sequence: int,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.header = Header.new(key, made_at=made_at, app_version=app_version, sequence=sequence)
        body = self.header.to_json()
        prefix = MAGIC + _PREFIX.pack(self.header.format_version, len(body)) + body
        digest = hashlib.sha256(prefix).digest()
        self._sealer = _Sealer(self.header, digest, key.key if key is not None else None)
        self._target = target
        self._target.write(prefix + digest + self._sealer.header_mac(prefix))
        self._buffer = bytearray()
        self._counter = 0
        self._done = 0
        self._progress = progress
        self.closed = False

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def write(self, data: bytes | bytearray | memoryview) -> int:
        if self.closed:
            raise ValueError("write to a closed backup")
        self._buffer += data
        size = self.header.chunk_size
        # Seal only when more than a chunk is waiting: the last chunk must carry the flag, and
        # it is not known to be last until close().
        if len(self._buffer) > size:
            start = 0
            with memoryview(self._buffer) as view:
                while len(self._buffer) - start > size:
                    self._emit(view[start : start + size], last=False)
                    start += size
            del self._buffer[:start]
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer = bytearray()
            self.closed = True

    def flush(self) -> None:
        self._target.flush()

    def _emit(self, data: bytes | memoryview, *, last: bool) -> None:
        self._target.write(self._sealer.seal(self._counter, last, data))
        self._counter += 1
        self._done += len(data)
        if self._progress is not None:
            self._progress(self._done)


class SealedReader:
    """A read-only stream of a sealed file's payload, checked chunk by chunk.

    Every chunk is checked before any of its bytes are returned; a damaged chunk, or a file
    that ends before its last chunk, raises `DamagedBackup` saying where. `read_to_end()`
    checks the rest after a reader (tarfile) stops early.
    """

    def __init__(
        self,
        source: BinaryIO,
        *,
        passphrase: str | None = None,
        backup_key: BackupKey | None = None,
        name: str = "This file",
    ) -> None:
        self._source = source
        self.header, prefix, digest, mac = _read_header(source, name)
        self._offset = len(prefix) + 2 * DIGEST_BYTES
        master = _master_key(self.header, passphrase, backup_key)
        self._sealer = _Sealer(self.header, digest, master)
        self._stored_size = self.header.chunk_size + self._sealer.overhead
        self._carry = b""
        self._counter = 0
        self._chunk: memoryview = memoryview(b"")
        self._position = 0
        self._finished = False
        if not hmac.compare_digest(self._sealer.header_mac(prefix), mac):
            # Good hash, bad MAC: the wrong key, unless the right key opens the first chunk,
            # in which case the MAC's own bytes are what is damaged.
            if self.header.encrypted and self._first_chunk_opens():
                raise _damaged_header()
            raise wrong_passphrase() if self.header.encrypted else _damaged_header()

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(CHUNK_SIZE), b""))
        while self._position >= len(self._chunk) and not self._finished:
            self._next_chunk()
        taken = self._chunk[self._position : self._position + size]
        self._position += len(taken)
        return bytes(taken)

    def read_to_end(self) -> bool:
        """Check every remaining chunk; True when the bytes left unread are all zeros (the
        padding a tar stream ends with, which tarfile need not read)."""
        only_zeros = not any(self._chunk[self._position :])
        self._position = len(self._chunk)
        while not self._finished:
            self._next_chunk()
            only_zeros = only_zeros and not any(self._chunk)
            self._position = len(self._chunk)
        return only_zeros

    def _next_chunk(self) -> None:
        wanted = self._stored_size + 1 - len(self._carry)
        stored = self._carry + _read_up_to(self._source, wanted)
        # One byte past a whole chunk says whether another follows: only the last may be short.
        last = len(stored) <= self._stored_size
        stored, self._carry = stored[: self._stored_size], stored[self._stored_size :]
        content = self._sealer.open(self._counter, last, stored)
        if content is None:
            cut = last and self._sealer.open(self._counter, False, stored) is not None
            if not stored or cut:
                raise _cut_short(self._offset + len(stored))
            raise damaged_from(self._offset)
        self._offset += len(stored)
        self._counter += 1
        self._chunk, self._position = memoryview(content), 0
        self._finished = last

    def _first_chunk_opens(self) -> bool:
        stored = _read_up_to(self._source, self._stored_size + 1)
        last = len(stored) <= self._stored_size
        return self._sealer.open(0, last, stored[: self._stored_size]) is not None


def read_header(source: BinaryIO, name: str = "This file") -> Header:
    """The header alone, checked against its hash (no passphrase needed)."""
    return _read_header(source, name)[0]


def _read_header(source: BinaryIO, name: str) -> tuple[Header, bytes, bytes, bytes]:
    start = _read_up_to(source, len(MAGIC))
    if start != MAGIC:
        different = [i for i, (a, b) in enumerate(zip(start, MAGIC, strict=False)) if a != b]
        # A byte or two wrong in an otherwise right start is damage, not another kind of file.
        if len(start) == len(MAGIC) and len(different) <= 2:
            raise _damaged_header()
        raise not_a_backup(name)
    fixed = _read_up_to(source, _PREFIX.size)
    if len(fixed) < _PREFIX.size:
        raise _cut_short(len(MAGIC) + len(fixed))
    version, length = _PREFIX.unpack(fixed)
    if not 0 < length <= MAX_HEADER_BYTES:
        raise _damaged_header()
    body = _read_up_to(source, length)
    checks = _read_up_to(source, 2 * DIGEST_BYTES)
    prefix = start + fixed + body
    if len(body) < length or len(checks) < 2 * DIGEST_BYTES:
        raise _cut_short(len(prefix) + len(checks))
    digest, mac = checks[:DIGEST_BYTES], checks[DIGEST_BYTES:]
    if not hmac.compare_digest(hashlib.sha256(prefix).digest(), digest):
        raise _damaged_header()
    if version > FORMAT_VERSION:
        raise newer_backup(_app_version(body))
    try:
        header = Header.from_json(body)
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as error:
        raise _damaged_header() from error
    if header.format_version != version:
        raise _damaged_header()
    return header, prefix, digest, mac


def _master_key(header: Header, passphrase: str | None, stored: BackupKey | None) -> bytes | None:
    if not header.encrypted:
        return None
    if stored is not None and stored.opens(header.kdf):
        return stored.key
    if header.kdf is None:
        raise database_key_needed()
    if passphrase is None:
        raise passphrase_needed()
    return BackupKey.for_file(header.kdf, passphrase).key


def _app_version(body: bytes) -> str:
    try:
        return str(json.loads(body.decode("utf-8")).get("app_version", ""))
    except (AttributeError, ValueError, UnicodeDecodeError):
        return ""


def _damaged_header() -> DamagedBackup:
    return DamagedBackup(
        "The start of this backup (its header) is damaged, so it cannot be opened. "
        "Please use another backup."
    )


def _cut_short(offset: int) -> DamagedBackup:
    return DamagedBackup(
        f"This backup is incomplete: it ends at byte {offset:,}, before its last part. It was "
        "probably not copied or written completely. Please use another backup."
    )


def _read_up_to(source: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes, fewer only at the end of the file."""
    parts = []
    while size > 0:
        part = source.read(size)
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _whole(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected a whole number")
    return value


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("expected base64 text")
    return base64.b64decode(text, validate=True)
