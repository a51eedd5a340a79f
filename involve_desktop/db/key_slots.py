"""The database key, wrapped once per staff password and once for the printed recovery key.

The database is encrypted with a random 256-bit key (SQLCipher, raw key, so no key
derivation at each connection). That key is never stored as it is: each *slot* in the key
file holds it encrypted (AES-256-GCM) under a key derived from one secret (Argon2id,
memory-hard). Adding or removing a staff member adds or removes a slot; the data is never
re-encrypted, and no password is stored anywhere.

The crypto libraries are imported only when a key is derived, so that the sign-in window can
open before they load. The key file (`involve.keys`, JSON, next to the database) is
versioned, written atomically, and its KDF parameters are capped when read, so a tampered
file cannot make sign-in use gigabytes of memory. It names slots by id only ("staff-3",
"recovery") and labels staff slots with the name shown in the sign-in list.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from involve_desktop.errors import KnownError

KEY_FILE_FORMAT = "involve-keys"
KEY_FILE_VERSION = 1
DATABASE_KEY_BYTES = 32

# Argon2id, 128 MiB, 4 passes: about 0.3 s on the 2-core CI machine, inside the 0.2 to 1 s that
# sign-in may take; a tampered file cannot ask for more than KDF_CAPS.
DEFAULT_KDF = {"memory_kib": 131_072, "iterations": 4, "parallelism": 4}
KDF_CAPS = {"memory_kib": 1_048_576, "iterations": 20, "parallelism": 16}


class WrongSecret(KnownError):
    """The password or recovery key does not open this slot."""


class DamagedKeyFile(KnownError):
    """The key file cannot be read or is not one Involve wrote."""


@dataclass(frozen=True)
class KdfParameters:
    memory_kib: int
    iterations: int
    parallelism: int
    salt: bytes

    @classmethod
    def fresh(cls) -> KdfParameters:
        return cls(**DEFAULT_KDF, salt=secrets.token_bytes(16))

    def derive(self, secret: str) -> bytes:
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(
            secret.encode("utf-8"),
            self.salt,
            time_cost=self.iterations,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=32,
            type=Type.ID,
        )


def new_database_key() -> bytes:
    return secrets.token_bytes(DATABASE_KEY_BYTES)


class KeyFile:
    """The slots of one database, loaded from and saved to `path`."""

    def __init__(self, path: Path, slots: dict[str, dict[str, object]] | None = None) -> None:
        self.path = path
        self.slots: dict[str, dict[str, object]] = dict(slots or {})

    # --- reading and writing ---------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise DamagedKeyFile(
                f"Involve cannot read its key file ({path.name}), so it cannot open your "
                "records. Restore the key file from a backup, or ask for help.",
                detail=type(error).__name__,
            ) from error
        if not isinstance(document, dict) or document.get("format") != KEY_FILE_FORMAT:
            raise DamagedKeyFile(f"{path.name} is not an Involve key file.")
        if document.get("version", 0) > KEY_FILE_VERSION:
            raise DamagedKeyFile(
                f"{path.name} was written by a newer version of Involve. Please install it."
            )
        slots = document.get("slots")
        if not isinstance(slots, dict):
            raise DamagedKeyFile(f"{path.name} has no key slots.")
        return cls(path, slots)

    def save(self) -> None:
        document = {"format": KEY_FILE_FORMAT, "version": KEY_FILE_VERSION, "slots": self.slots}
        partial = self.path.with_name(self.path.name + ".partial")
        with open(partial, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, self.path)

    # --- slots -----------------------------------------------------------------------------

    def add_slot(self, slot_id: str, secret: str, database_key: bytes, *, label: str = "") -> None:
        """Wrap `database_key` under `secret`; replaces a slot with the same id.

        `label` is what the sign-in list shows for the slot (a staff member's name), since
        the names inside the database cannot be read before it is opened.
        """
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kdf = KdfParameters.fresh()
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(kdf.derive(secret)).encrypt(nonce, database_key, _aad(slot_id))
        self.slots[slot_id] = {
            "label": label,
            "kdf": {
                "name": "argon2id",
                "memory_kib": kdf.memory_kib,
                "iterations": kdf.iterations,
                "parallelism": kdf.parallelism,
                "salt": _b64(kdf.salt),
            },
            "nonce": _b64(nonce),
            "wrapped_key": _b64(wrapped),
        }

    def labels(self) -> dict[str, str]:
        """Slot id → label, for the slots that have one (the staff who can sign in)."""
        return {
            slot_id: str(slot.get("label"))
            for slot_id, slot in self.slots.items()
            if slot.get("label")
        }

    def slot_named(self, label: str) -> str | None:
        """The slot of the staff member with this name, for sign-in by name (CLI, scripts)."""
        return next((slot for slot, name in self.labels().items() if name == label), None)

    def remove_slot(self, slot_id: str) -> None:
        self.slots.pop(slot_id, None)

    def unlock(self, slot_id: str, secret: str) -> bytes:
        """The database key, or `WrongSecret` when `secret` does not open the slot."""
        slot = self.slots.get(slot_id)
        if slot is None:
            raise WrongSecret("That name or password is not right. Please try again.")
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kdf, nonce, wrapped = _read_slot(slot, self.path)
        try:
            return AESGCM(kdf.derive(secret)).decrypt(nonce, wrapped, _aad(slot_id))
        except InvalidTag:
            raise WrongSecret("That name or password is not right. Please try again.") from None


def _read_slot(slot: dict[str, object], path: Path) -> tuple[KdfParameters, bytes, bytes]:
    try:
        raw = slot["kdf"]
        assert isinstance(raw, dict) and raw.get("name") == "argon2id"
        numbers = {name: int(raw[name]) for name in KDF_CAPS}
        if any(not 1 <= numbers[name] <= cap for name, cap in KDF_CAPS.items()):
            raise ValueError("key derivation settings out of range")
        kdf = KdfParameters(**numbers, salt=_unb64(raw["salt"]))
        return kdf, _unb64(slot["nonce"]), _unb64(slot["wrapped_key"])
    except (AssertionError, KeyError, TypeError, ValueError) as error:
        raise DamagedKeyFile(
            f"A key slot in {path.name} is damaged. Another staff member, or the recovery "
            "key, can still open the records.",
            detail=type(error).__name__,
        ) from error


def _aad(slot_id: str) -> bytes:
    # Binds each wrapped key to its slot, so slots cannot be swapped between staff.
    return f"involve-key-slot:v{KEY_FILE_VERSION}:{slot_id}".encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("expected base64 text")
    return base64.b64decode(text, validate=True)
