"""The key that seals backup files, derived from the charity's backup passphrase.

Argon2id (memory-hard, `argon2-cffi`) turns the passphrase into a 32-byte key, with the
settings and salt kept beside it in `KdfParameters` (the same shape as the key file's). The app
stores the derived key, never the passphrase, so one-click backups need no typing; every file
records the settings and salt in its header, so the passphrase alone opens it on another PC.
Each file then gets its own keys from this one (HKDF over the file's random seed), in
`sealed_file.py`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from involve_desktop.db.key_slots import KdfParameters

# RFC 9106's second recommended setting: 64 MiB, 3 passes, 4 lanes, about 0.25 s here (NOTES).
# Backups are made far less often than sign-ins, so the slower, stronger end is affordable.
BACKUP_KDF = {"memory_kib": 65_536, "iterations": 3, "parallelism": 4}
KEY_BYTES = 32
SALT_BYTES = 16
# Argon2 itself needs at least 8 KiB per lane and a salt of 8 bytes or more.
MIN_MEMORY_KIB_PER_LANE = 8
MIN_SALT_BYTES = 8
# What a backup header may ask of Argon2id: far above BACKUP_KDF, far below what would stall
# or exhaust a charity's PC when a tampered file is opened (the key file allows more).
BACKUP_KDF_CAPS = {"memory_kib": 262_144, "iterations": 8, "parallelism": 16}
LOCAL_COPY_INFO = b"involve local copy v1"
# What the header names as the key derivation of a copy sealed with the database key.
DATABASE_KEY_KDF = "database-key"


@dataclass(frozen=True)
class BackupKey:
    """A derived backup key and the settings that derived it (both needed to store it)."""

    kdf: KdfParameters | None  # None: derived from the database key (local copies)
    key: bytes

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES:
            raise ValueError("a backup key is 32 bytes")

    def __repr__(self) -> str:
        # The key must never reach a log or a crash report through a repr.
        if self.kdf is None:
            return "BackupKey(from the database key)"
        return f"BackupKey(memory_kib={self.kdf.memory_kib}, iterations={self.kdf.iterations})"

    @classmethod
    def from_passphrase(cls, passphrase: str) -> BackupKey:
        """A new key with a fresh salt: setting or changing the passphrase."""
        kdf = KdfParameters(**BACKUP_KDF, salt=secrets.token_bytes(SALT_BYTES))
        return cls(kdf, kdf.derive(passphrase))

    @classmethod
    def from_database_key(cls, database_key: bytes) -> BackupKey:
        """The key that seals local copies before a passphrase is set: only someone who can
        sign in (and so holds the database key) can open them, so the database key inside
        such a copy is never readable from the file alone."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        derived = HKDF(hashes.SHA256(), length=KEY_BYTES, salt=None, info=LOCAL_COPY_INFO)
        return cls(None, derived.derive(database_key))

    @property
    def from_database(self) -> bool:
        return self.kdf is None

    @classmethod
    def for_file(cls, params: KdfParameters, passphrase: str) -> BackupKey:
        """The key for a file whose header holds `params` (already checked by `within_caps`)."""
        return cls(params, params.derive(passphrase))

    def opens(self, params: KdfParameters | None) -> bool:
        """Whether this key was derived with the same settings and salt as a file's (None: a
        file sealed with the database key)."""
        return self.kdf == params


def within_caps(params: KdfParameters) -> bool:
    """Settings a genuine file could hold: a tampered header must not ask for gigabytes."""
    numbers = {
        "memory_kib": params.memory_kib,
        "iterations": params.iterations,
        "parallelism": params.parallelism,
    }
    if any(not 1 <= numbers[name] <= cap for name, cap in BACKUP_KDF_CAPS.items()):
        return False
    return (
        params.memory_kib >= MIN_MEMORY_KIB_PER_LANE * params.parallelism
        and len(params.salt) >= MIN_SALT_BYTES
    )
