"""The printed recovery key: 160 random bits, written as eight groups of four letters/digits."""

from __future__ import annotations

import base64
import secrets

RECOVERY_KEY_GROUPS = 8
RECOVERY_SLOT = "recovery"  # its slot in the key file


def new_recovery_key() -> str:
    """e.g. 'K7QX-2M4D-…'; base32, so no 0/O or 1/l confusion when copied by hand."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_KEY_GROUPS * 5 // 2)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, RECOVERY_KEY_GROUPS * 4, 4))


def normalise_recovery_key(typed: str) -> str:
    """Forgive spaces, missing dashes and lower case when a recovery key is typed back."""
    letters = "".join(ch for ch in typed.upper() if ch.isalnum())
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))
