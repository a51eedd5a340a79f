"""The key file: one database key, wrapped per secret, never stored as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from involve_desktop.db.key_slots import (
    DamagedKeyFile,
    KeyFile,
    WrongSecret,
    new_database_key,
)
from involve_desktop.domain.recovery_key import (
    RECOVERY_SLOT,
    new_recovery_key,
    normalise_recovery_key,
)

PASSWORD = "kettle on at the drop-in"


@pytest.fixture
def key_file(tmp_path: Path) -> tuple[KeyFile, bytes, str]:
    database_key = new_database_key()
    recovery = new_recovery_key()
    keys = KeyFile(tmp_path / "involve.keys")
    keys.add_slot("staff-1", PASSWORD, database_key)
    keys.add_slot(RECOVERY_SLOT, recovery, database_key)
    keys.save()
    return KeyFile.load(keys.path), database_key, recovery


def test_each_secret_opens_its_own_slot(key_file):
    keys, database_key, recovery = key_file
    assert keys.unlock("staff-1", PASSWORD) == database_key
    typed = recovery.lower().replace("-", " ")
    assert keys.unlock(RECOVERY_SLOT, normalise_recovery_key(typed)) == database_key


def test_the_key_and_the_passwords_are_not_in_the_file(key_file):
    keys, database_key, recovery = key_file
    raw = keys.path.read_bytes()
    assert database_key not in raw
    assert database_key.hex().encode() not in raw
    assert PASSWORD.encode() not in raw and recovery.encode() not in raw


def test_a_wrong_password_or_an_unknown_slot_is_refused_in_plain_words(key_file):
    keys, _key, _recovery = key_file
    with pytest.raises(WrongSecret, match="not right"):
        keys.unlock("staff-1", "kettle off")
    with pytest.raises(WrongSecret):
        keys.unlock("staff-9", PASSWORD)


def test_a_slot_cannot_be_moved_to_another_staff_member(key_file):
    keys, _key, _recovery = key_file
    keys.slots["staff-2"] = keys.slots["staff-1"]
    with pytest.raises(WrongSecret):
        keys.unlock("staff-2", PASSWORD)


def test_removing_a_slot_leaves_the_others_working(key_file):
    keys, database_key, recovery = key_file
    keys.remove_slot("staff-1")
    keys.save()
    reloaded = KeyFile.load(keys.path)
    with pytest.raises(WrongSecret):
        reloaded.unlock("staff-1", PASSWORD)
    assert reloaded.unlock(RECOVERY_SLOT, recovery) == database_key


def test_a_tampered_file_cannot_ask_for_huge_memory(key_file):
    keys, _key, _recovery = key_file
    document = json.loads(keys.path.read_text())
    document["slots"]["staff-1"]["kdf"]["memory_kib"] = 64 * 1024 * 1024
    keys.path.write_text(json.dumps(document))
    with pytest.raises(DamagedKeyFile, match="damaged"):
        KeyFile.load(keys.path).unlock("staff-1", PASSWORD)


def test_files_that_are_not_key_files_are_explained(tmp_path: Path):
    missing = tmp_path / "involve.keys"
    with pytest.raises(DamagedKeyFile, match="cannot read its key file"):
        KeyFile.load(missing)
    missing.write_text('{"format": "something-else"}')
    with pytest.raises(DamagedKeyFile, match="not an Involve key file"):
        KeyFile.load(missing)
    missing.write_text('{"format": "involve-keys", "version": 99, "slots": {}}')
    with pytest.raises(DamagedKeyFile, match="newer version"):
        KeyFile.load(missing)


def test_recovery_keys_are_long_random_and_grouped():
    first, second = new_recovery_key(), new_recovery_key()
    assert first != second
    groups = first.split("-")
    assert len(groups) == 8 and all(len(group) == 4 for group in groups)
