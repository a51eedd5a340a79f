"""One copy of Involve per database.

The lock is the operating system's own file lock (flock on Linux and macOS, a byte-range
lock on Windows), so it dies with the process that held it: a lock left behind by a crash
or a power cut is simply taken over by the next start. A small owner file next to it says
which computer and when, for the message shown to the second copy.

Written here rather than taken from `filelock` because that package imports asyncio and
costs 55 ms at every start, a third of the time a bare Qt window needs to appear
(docs/decisions/002-start-up-time.md).
"""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime
from pathlib import Path

from involve_desktop.errors import AlreadyRunningError

if os.name == "nt":
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


class InstanceLock:
    """Holds the data folder's lock for as long as the app (or a CLI command) runs."""

    def __init__(self, lock_path: Path) -> None:
        self.lock_path = lock_path
        self._owner_path = lock_path.with_name(lock_path.name + ".owner")
        self._descriptor: int | None = None

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def acquire(self) -> None:
        descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(descriptor):
            os.close(descriptor)
            raise AlreadyRunningError(self._already_running_message())
        self._descriptor = descriptor
        owner = {
            "pid": os.getpid(),
            "computer": socket.gethostname(),
            "since": datetime.now().isoformat(timespec="minutes"),
        }
        self._owner_path.write_text(json.dumps(owner), encoding="utf-8")

    def release(self) -> None:
        if self._descriptor is None:
            return
        self._owner_path.unlink(missing_ok=True)
        _unlock(self._descriptor)
        os.close(self._descriptor)
        self._descriptor = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _already_running_message(self) -> str:
        message = "Involve is already open with this data"
        try:
            owner = json.loads(self._owner_path.read_text(encoding="utf-8"))
            since = datetime.fromisoformat(owner["since"])
            message += f" (opened {since:%d %B %Y at %H:%M} on {owner['computer']})"
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return (
            message + ". Only one copy can use it at a time, so that nothing is lost. "
            "Switch to the open window, or close it and try again."
        )
