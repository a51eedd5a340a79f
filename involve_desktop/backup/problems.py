"""What can go wrong with a backup file, each with a message that says what to do."""

from __future__ import annotations

from involve_desktop.errors import KnownError


class BackupProblem(KnownError):
    """A backup could not be made, read or restored; nothing of the user's was changed."""


class NotABackup(BackupProblem):
    """The file is not an Involve backup at all."""


class NewerBackup(BackupProblem):
    """The file was made by a newer version of Involve than this one."""


class DamagedBackup(BackupProblem):
    """The file's bytes are not what was written: damaged, cut short or tampered with."""


class WrongPassphrase(BackupProblem):
    """The header is intact but the passphrase does not open it."""


class PassphraseNeeded(BackupProblem):
    """The file is encrypted and no passphrase (or stored key that fits) was given."""


class BackupFailed(BackupProblem):
    """Writing the backup did not finish (disk full, drive removed, records failed a check)."""


def byte_position(offset: int) -> str:
    return f"byte {offset:,}"


def damaged_from(offset: int) -> DamagedBackup:
    return DamagedBackup(
        f"This backup is damaged from {byte_position(offset)} on, so it cannot be used. It may "
        "have been cut short while it was copied, or the drive may be failing. Please use "
        "another backup."
    )


def not_a_backup(name: str) -> NotABackup:
    return NotABackup(
        f"{name} is not an Involve backup. Choose a file whose name ends in .involve-backup."
    )


def wrong_passphrase() -> WrongPassphrase:
    return WrongPassphrase("The passphrase does not open this backup. Check it and try again.")


def passphrase_needed() -> PassphraseNeeded:
    return PassphraseNeeded("This backup is encrypted. Enter its passphrase to open it.")


def newer_backup(app_version: str) -> NewerBackup:
    made_by = f"a newer version of Involve ({app_version})" if app_version else "a newer Involve"
    return NewerBackup(
        f"This backup was made by {made_by}. Install that version or newer to restore it."
    )


def database_key_needed() -> PassphraseNeeded:
    return PassphraseNeeded(
        "This is one of Involve's automatic local copies, made before a backup passphrase was "
        "set. It opens only in Involve on the computer that made it: sign in there and restore "
        "it from the Backup area's list of copies."
    )
