"""Rewriting the database file so that removed records leave no trace in it.

SQLite keeps deleted and overwritten data in free pages and in the write-ahead log until
something reuses them. After personal data is removed (the retention routine), VACUUM
rebuilds the file from the live rows only, and a TRUNCATE checkpoint folds the log into it
and empties it. VACUUM cannot run inside a transaction, so it runs on a connection of its
own once the unit of work that removed the data has committed.

Compacting can fail after the change has committed (the disk is full: VACUUM needs room for a
second copy of the file). The change stands, so the failure is logged and reported to the
caller, never raised from the commit.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import time
from collections.abc import Callable

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

CHECKPOINT_ATTEMPTS = 20
CHECKPOINT_PAUSE_S = 0.05


def compact(engine: Engine) -> bool:
    """Checkpoint, VACUUM and checkpoint again, on a connection outside any transaction;
    False when SQLite could not (the reason is logged: it never holds personal data)."""
    connection = engine.raw_connection()
    try:
        # The driver runs in autocommit mode (sqlite_file.connect): no BEGIN is open here.
        cursor = connection.cursor()
        _checkpoint(cursor)
        cursor.execute("VACUUM")
        _checkpoint(cursor)
        cursor.close()
        return True
    except _driver_errors() as problem:
        log.warning("The database file could not be compacted: %s", type(problem).__name__)
        return False
    finally:
        connection.close()


def _driver_errors() -> tuple[type[Exception], ...]:
    # An encrypted file is opened through sqlcipher3, whose errors are not sqlite3's; it is
    # imported only when such a file is open (sqlite_file.driver).
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, cipher.Error) if cipher is not None else (sqlite3.Error,)


def _checkpoint(cursor) -> None:  # type: ignore[no-untyped-def]
    # Another connection reading at that moment makes the checkpoint stop short (busy = 1),
    # leaving old pages in the log: try again briefly rather than leave them there.
    for _attempt in range(CHECKPOINT_ATTEMPTS):
        busy = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return
        time.sleep(CHECKPOINT_PAUSE_S)
    log.warning("The write-ahead log could not be emptied: another connection was reading")


def compact_after_commit(session: Session, on_failure: Callable[[], None]) -> None:
    """Compact the file once this session's transaction has committed (never if it rolls
    back: then nothing was removed); `on_failure` is called if it could not be."""
    engine = session.get_bind()

    def _compact(_session: Session) -> None:
        if not compact(engine):  # type: ignore[arg-type]
            on_failure()

    event.listen(session, "after_commit", _compact, once=True)
