"""The app's shared context: paths, the database, the words for people, and one signal hub.

There are no globals: the bootstrap makes one `AppContext` and hands it to the main window,
which hands it to each screen. Services never see it; screens reach services through
`ui/ops.py`, which announces every change on `events.data_changed`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from involve_desktop.db.sqlite_file import StartupFacts
from involve_desktop.domain.terms import DEFAULT_TERMS, PeopleTerms
from involve_desktop.paths import AppPaths

if TYPE_CHECKING:
    from involve_desktop.db.engine import Database
    from involve_desktop.services.permissions import Actor

log = logging.getLogger(__name__)
# How long closing waits for reads still running (Home's take well under a second even on a
# 20,000-person register); a read stuck longer is left, as closing must not hang.
READERS_TIMEOUT_S = 10.0


class DataEvents(QObject):
    """The app's signal hub. `data_changed(kind)` names what changed, e.g. 'organisation'."""

    data_changed = Signal(str)
    services_ready = Signal()


class AppContext:
    def __init__(
        self,
        paths: AppPaths,
        facts: StartupFacts,
        *,
        key: bytes | None = None,
        actor: Actor | None = None,
        slot_id: str = "",
    ) -> None:
        self.paths = paths
        self.key = key
        self.actor = actor
        self.slot_id = slot_id
        self.events = DataEvents()
        self.organisation_name = facts.organisation_name or ""
        self.terms = (
            PeopleTerms(facts.term_singular, facts.term_plural)
            if facts.term_singular and facts.term_plural
            else DEFAULT_TERMS
        )
        self._database: Database | None = None
        self._database_lock = threading.Lock()
        self._warm_up_thread: threading.Thread | None = None
        # Reads the first screen needs, started the moment the records open (read_early).
        self._early: dict[str, Future[Any]] = {}
        # Reads running on threads of their own (start_reader): close() lets them finish
        # before the records close, so none reads a database being closed or replaced.
        self._readers: set[threading.Thread] = set()
        self._readers_lock = threading.Lock()
        # A checked backup to restore once the window and the records are closed (the Backup
        # screen's RestoreRequest); the bootstrap restores it, then asks who signs in.
        self.restore_on_close: object | None = None
        self.events.data_changed.connect(self._on_data_changed)

    @property
    def services_ready(self) -> bool:
        return self._database is not None

    def database(self) -> Database:
        """The open database; the first call imports SQLAlchemy and makes the engine."""
        with self._database_lock:
            if self._database is None:
                from involve_desktop.db.engine import Database

                self._database = Database(self.paths.database, key=self.key)
            return self._database

    def start_warm_up(self) -> None:
        """Load the database layer in the background, so the window can show first."""
        self._warm_up_thread = threading.Thread(target=self._warm_up, name="warm-up", daemon=True)
        self._warm_up_thread.start()

    def _warm_up(self) -> None:
        import involve_desktop.services.organisation
        import involve_desktop.services.people

        with self.database().session_scope() as session:
            involve_desktop.services.organisation.is_set_up(session)
            if self.actor is None and self.slot_id:
                from involve_desktop.services.protection import record_sign_in

                # Who signed in is looked up here, off the start-up path (decision 002).
                self.actor = record_sign_in(session, self.slot_id)
            from involve_desktop.services.audit import prune_as_set

            prune_as_set(session)
        self.events.services_ready.emit()

    def read_early(self, key: str, read: Callable[[], Any]) -> None:
        """Start `read` now, on a thread of its own, and keep its result for `take_early(key)`.

        The bootstrap starts the first screen's reads as soon as the records are open, so
        they overlap with making the window and its screens instead of waiting for them.
        `read` imports what it needs itself, so starting it costs the window nothing.
        """
        future: Future[Any] = Future()
        self._early[key] = future
        self.start_reader(lambda: _fill(future, read), "early read")

    def start_reader(self, read: Callable[[], None], name: str) -> None:
        """Run `read` on a thread of its own, known to `close()`, which waits for it."""

        def run() -> None:
            try:
                read()
            finally:
                with self._readers_lock:
                    self._readers.discard(threading.current_thread())

        thread = threading.Thread(target=run, name=name, daemon=True)
        with self._readers_lock:
            self._readers.add(thread)
        thread.start()

    def wait_for_readers(self, timeout: float = READERS_TIMEOUT_S) -> bool:
        """Wait up to `timeout` seconds in all for the reads still running; True when none is."""
        deadline = time.monotonic() + timeout
        with self._readers_lock:
            running = list(self._readers)
        for thread in running:
            thread.join(max(deadline - time.monotonic(), 0))
        with self._readers_lock:
            return not self._readers

    def take_early(self, key: str) -> Future[Any] | None:
        """The early read started under `key`, once (later reads are read afresh)."""
        return self._early.pop(key, None)

    def wait_for_warm_up(self) -> None:
        if self._warm_up_thread is not None:
            self._warm_up_thread.join()

    def _on_data_changed(self, kind: str) -> None:
        if kind == "organisation":
            from involve_desktop.services.organisation import load_organisation

            with self.database().session_scope() as session:
                details = load_organisation(session)
            if details is not None:
                self.organisation_name = details.name
                self.terms = details.terms

    def close(self) -> None:
        self.wait_for_warm_up()
        if not self.wait_for_readers():
            log.warning("A read was still running when the records closed.")
        if self._database is not None:
            self._database.close()
            from involve_desktop.db.sqlite_file import checkpoint

            checkpoint(self.paths.database, key=self.key)


def _fill(future: Future[Any], read: Callable[[], Any]) -> None:
    try:
        future.set_result(read())
    except Exception as problem:  # given to whoever takes the result, raised there
        future.set_exception(problem)
