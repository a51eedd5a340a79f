"""Problems the user can understand and act on, as opposed to bugs.

A `KnownError` carries a message written for a charity worker. Anything else that escapes is a
bug: it is logged and shown through the crash dialog.
"""

# Said after a message only on a screen, which refreshes its list when a record has gone.
LIST_REFRESHED = "The list is refreshed."


class KnownError(Exception):
    """A problem with a plain-English message the user can act on.

    `on_screen` is a sentence that is true only in a window ("The list is refreshed."):
    `message` (what the screens show) ends with it; `plain` is the message without it, for
    the command line, which has no list to refresh.
    """

    def __init__(self, message: str, *, detail: str = "", on_screen: str = "") -> None:
        full = f"{message} {on_screen}" if on_screen else message
        super().__init__(full)
        self.message = full
        self.plain = message
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
