"""A database whose disk is full when the file is compacted: SQLite refuses VACUUM (it needs
room for a second copy of the file) while every other statement runs for real."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from involve_desktop.db.engine import Database


class FullDiskConnection:
    def __init__(self, connection):
        self._connection = connection

    def cursor(self, *args):
        return FullDiskCursor(self._connection.cursor(*args))

    def __getattr__(self, name):
        return getattr(self._connection, name)


class FullDiskCursor:
    def __init__(self, cursor):
        self._cursor = cursor

    def execute(self, statement, *args):
        if statement.strip().upper() == "VACUUM":
            raise sqlite3.OperationalError("database or disk is full")
        return self._cursor.execute(statement, *args)

    def __getattr__(self, name):
        return getattr(self._cursor, name)


@contextmanager
def disk_full_for_compaction(database: Database) -> Iterator[None]:
    """While open, every connection the engine hands out refuses VACUUM."""
    engine = database.engine
    real = engine.raw_connection
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "raw_connection", lambda *args: FullDiskConnection(real(*args)))
        yield
