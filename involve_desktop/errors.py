"""Problems the user can understand and act on, as opposed to bugs.

A `KnownError` carries a message written for a charity worker. Anything else that escapes is a
bug: it is logged and shown through the crash dialog.
"""


class KnownError(Exception):
    """A problem with a plain-English message the user can act on."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class DataFolderError(KnownError):
    """The data folder cannot be created or written."""


class AlreadyRunningError(KnownError):
    """Another copy of Involve has the same database open."""


class DatabaseProblem(KnownError):
    """The database cannot be used as it is (damaged, from a newer version, failed upgrade)."""


class ValidationFailed(Exception):
    """Input that cannot be saved; `errors` maps a field name to a message for that field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = dict(errors)
