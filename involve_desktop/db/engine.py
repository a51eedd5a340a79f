"""The one engine factory and the unit of work.

Every connection (app, CLI, Alembic, tests) comes from `sqlite_file.connect`, so the same
safety settings apply everywhere. The driver's own transaction handling is switched off and
SQLAlchemy emits BEGIN itself, which makes DDL transactional: an upgrade that fails part-way
rolls back whole (SQLAlchemy's documented pysqlite recipe; see NOTES on half-applied
migrations).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from involve_desktop.db import sqlite_file


def create_db_engine(path: Path, *, key: bytes | None = None) -> Engine:
    """The engine for the database at `path`; with `key`, an SQLCipher database."""
    engine = create_engine(
        f"sqlite:///{path}",
        creator=lambda: sqlite_file.connect(path, key=key),
        # The driver's own exception classes, so errors from sqlcipher3 are wrapped too.
        module=sqlite_file.driver(key),
        # Bound parameters are names and notes: keep them out of error messages and logs.
        hide_parameters=True,
    )

    @event.listens_for(engine, "begin")
    def _begin(connection):  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")

    return engine


class Database:
    """The database the app works on: an engine plus sessions, one per unit of work."""

    def __init__(self, path: Path, *, key: bytes | None = None) -> None:
        self.path = path
        self.engine = create_db_engine(path, key=key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session_scope(self) -> Iterator[Session]:
        """Commit when the block ends normally, roll back when it raises."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
