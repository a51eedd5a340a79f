"""The sealed file format on its own: round trips, and every kind of bad file told apart."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from involve_desktop.backup.backup_key import BackupKey
from involve_desktop.backup.problems import (
    BackupProblem,
    DamagedBackup,
    NewerBackup,
    NotABackup,
    PassphraseNeeded,
    WrongPassphrase,
)
from involve_desktop.backup.sealed_file import (
    CHUNK_SIZE,
    MAGIC,
    SealedReader,
    SealedWriter,
    read_header,
)
from involve_desktop.db.key_slots import KdfParameters
from tests.backup.helpers import PASSPHRASE, QUICK_KDF

MIB = 1 << 20
HEADER_END = len(MAGIC) + 6  # magic, version, length: the header's JSON starts here


def seal(payload: bytes, key: BackupKey | None, *, sequence: int = 1) -> bytes:
    target = io.BytesIO()
    writer = SealedWriter(
        target, key, made_at="2026-11-26T16:45:00Z", app_version="0.1.0", sequence=sequence
    )
    # Written in uneven pieces, as tar writes, so chunk edges fall inside writes.
    for start in range(0, len(payload), 70_001):
        writer.write(payload[start : start + 70_001])
    writer.close()
    return target.getvalue()


def unseal(sealed: bytes, passphrase: str | None = PASSPHRASE, **kwargs) -> bytes:
    reader = SealedReader(io.BytesIO(sealed), passphrase=passphrase, **kwargs)
    return reader.read()


@pytest.fixture(scope="module")
def key() -> BackupKey:
    # Module-wide, so made before the per-test quick settings apply: give them here.
    return BackupKey.for_file(KdfParameters(**QUICK_KDF, salt=bytes(16)), PASSPHRASE)


@pytest.fixture(scope="module")
def payload() -> bytes:
    # Two and a half chunks of bytes that do not repeat.
    return hashlib.shake_256(b"involve").digest(int(2.5 * MIB))


@pytest.fixture(scope="module")
def sealed(key, payload) -> bytes:
    return seal(payload, key)


def header_length(sealed: bytes) -> int:
    return struct.unpack(">I", sealed[len(MAGIC) + 2 : HEADER_END])[0]


def chunks_start(sealed: bytes) -> int:
    return HEADER_END + header_length(sealed) + 64


@pytest.mark.parametrize("size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE])
def test_any_payload_size_comes_back_exactly(key, size):
    data = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    assert unseal(seal(data, key)) == data


def test_the_passphrase_alone_opens_a_file_sealed_with_a_stored_key(key, sealed, payload):
    assert unseal(sealed, PASSPHRASE) == payload
    # The stored key opens it with no passphrase and no key derivation.
    assert unseal(sealed, None, backup_key=key) == payload


def test_nothing_readable_is_left_in_an_encrypted_file(key):
    words = b"Siobhan O'Brien, benefits: PIP, support needs: large print " * 2000
    sealed = seal(words, key)
    assert b"Siobhan" not in sealed
    assert b"benefits" not in sealed


def test_two_files_from_the_same_key_share_no_keystream(key):
    # Each file has its own seed, so its own chunk key: the same content seals differently.
    first, second = seal(b"same" * 1000, key), seal(b"same" * 1000, key)
    assert first[chunks_start(first) :] != second[chunks_start(second) :]


def test_a_wrong_passphrase_is_said_as_such(sealed):
    with pytest.raises(WrongPassphrase, match="passphrase does not open this backup"):
        unseal(sealed, "not the passphrase at all")


def test_an_encrypted_file_with_no_passphrase_asks_for_one(sealed):
    with pytest.raises(PassphraseNeeded, match="Enter its passphrase"):
        unseal(sealed, None)


def test_a_stored_key_from_another_passphrase_falls_back_to_asking(sealed):
    other = BackupKey.from_passphrase("another passphrase entirely")
    with pytest.raises(PassphraseNeeded):
        unseal(sealed, None, backup_key=other)


def test_the_header_is_readable_without_the_passphrase(sealed):
    header = read_header(io.BytesIO(sealed))
    assert header.encrypted
    assert header.sequence == 1
    assert header.made_at == "2026-11-26T16:45:00Z"
    assert header.kdf is not None and header.kdf.memory_kib == 1024


@pytest.mark.parametrize(
    "content", [b"", b"PK\x03\x04 a zip file", b"SQLite format 3\x00" + bytes(100), b"INVOLVE"]
)
def test_a_file_that_is_not_a_backup_is_said_as_such(content):
    with pytest.raises(NotABackup, match="is not an Involve backup"):
        unseal(content)


def rebuild_header(document: dict, version: int = 1) -> bytes:
    """A header with a correct hash (as a genuine file from another version would have)."""
    body = json.dumps(document).encode()
    prefix = MAGIC + struct.pack(">HI", version, len(body)) + body
    return prefix + hashlib.sha256(prefix).digest() + bytes(32)


def header_document(sealed: bytes) -> dict:
    return json.loads(sealed[HEADER_END : HEADER_END + header_length(sealed)])


def test_a_file_from_a_newer_format_names_the_version_to_install(sealed):
    document = header_document(sealed) | {"app_version": "1.4", "format_version": 2}
    newer = rebuild_header(document, version=2) + b"whatever a later format puts here"
    with pytest.raises(NewerBackup, match=r"newer version of Involve \(1\.4\)\. Install"):
        unseal(newer)


def test_key_derivation_settings_over_the_caps_are_refused_before_deriving(sealed):
    document = header_document(sealed)
    document["kdf"]["memory_kib"] = 64 * 1024 * 1024  # 64 GiB
    started = time.perf_counter()
    with pytest.raises(DamagedBackup, match="header"):
        unseal(rebuild_header(document) + sealed[chunks_start(sealed) :])
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("setting", "value"),
    [("memory_kib", 262_144 + 1024), ("iterations", 9), ("parallelism", 17)],
)
def test_backup_headers_may_not_ask_for_more_than_256_mib_8_passes_16_lanes(sealed, setting, value):
    from involve_desktop.backup.backup_key import BACKUP_KDF, BACKUP_KDF_CAPS

    assert all(BACKUP_KDF[name] <= cap for name, cap in BACKUP_KDF_CAPS.items())
    document = header_document(sealed)
    document["kdf"][setting] = value
    started = time.perf_counter()
    with pytest.raises(DamagedBackup, match="header"):
        unseal(rebuild_header(document) + sealed[chunks_start(sealed) :])
    assert time.perf_counter() - started < 1


def test_a_damaged_header_mac_is_damage_not_a_wrong_passphrase(sealed):
    # The MAC is the 32 bytes before the chunks: the right passphrase still opens chunk 0.
    position = chunks_start(sealed) - 5
    damaged = bytearray(sealed)
    damaged[position] ^= 0x01
    with pytest.raises(DamagedBackup, match="header"):
        unseal(bytes(damaged))


@pytest.mark.parametrize(
    ("cut", "message"),
    [
        ("in the magic", "not an Involve backup"),
        ("in the header", "incomplete: it ends at byte"),
        ("after the header", "incomplete: it ends at byte"),
        ("mid-chunk", "damaged from byte 1,"),
        ("at a chunk edge", "incomplete: it ends at byte 2,"),
        ("one byte short", "damaged from byte 2,"),
    ],
)
def test_a_file_cut_short_anywhere_is_refused_saying_where(sealed, cut, message):
    first_chunk = chunks_start(sealed)
    stored_chunk = CHUNK_SIZE + 16
    length = {
        "in the magic": 7,
        "in the header": HEADER_END + 10,
        "after the header": first_chunk,
        "mid-chunk": first_chunk + stored_chunk + 500,
        "at a chunk edge": first_chunk + 2 * stored_chunk,  # the last chunk is missing
        "one byte short": len(sealed) - 1,
    }[cut]
    with pytest.raises(BackupProblem, match=message):
        unseal(sealed[:length])


def test_bytes_added_at_the_end_are_caught(sealed):
    with pytest.raises(DamagedBackup):
        unseal(sealed + b"\x00")


def test_chunks_swapped_are_caught(sealed):
    start, size = chunks_start(sealed), CHUNK_SIZE + 16
    swapped = (
        sealed[:start]
        + sealed[start + size : start + 2 * size]
        + sealed[start : start + size]
        + sealed[start + 2 * size :]
    )
    with pytest.raises(DamagedBackup, match=f"damaged from byte {start:,}"):
        unseal(swapped)


@pytest.fixture(scope="module")
def small_sealed(key) -> bytes:
    # Small enough that hypothesis can try many positions quickly: header, one chunk.
    return seal(b"a small backup payload " * 50, key)


@settings(max_examples=150)
@given(data=st.data())
def test_a_flipped_byte_anywhere_is_caught_and_never_called_a_wrong_passphrase(small_sealed, data):
    position = data.draw(st.integers(0, len(small_sealed) - 1), label="position")
    bit = data.draw(st.integers(0, 7), label="bit")
    damaged = bytearray(small_sealed)
    damaged[position] ^= 1 << bit
    with pytest.raises(DamagedBackup):
        unseal(bytes(damaged))


@settings(max_examples=100)
@given(data=st.data())
def test_a_flipped_byte_in_an_unencrypted_file_is_caught_too(data):
    sealed = seal(b"an unencrypted local copy " * 40, None)
    position = data.draw(st.integers(0, len(sealed) - 1), label="position")
    damaged = bytearray(sealed)
    damaged[position] ^= 0x80
    with pytest.raises(DamagedBackup):
        unseal(bytes(damaged), None)


def test_an_unencrypted_file_opens_with_or_without_a_passphrase():
    sealed = seal(b"records" * 10, None)
    assert not read_header(io.BytesIO(sealed)).encrypted
    assert unseal(sealed, None) == b"records" * 10
    assert unseal(sealed, "any passphrase") == b"records" * 10
