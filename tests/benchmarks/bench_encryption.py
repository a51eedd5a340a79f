"""Encryption at rest: what it costs to open and search, and how long signing in takes.

Both databases hold the same 20,000 invented people (same seed); one is encrypted with
SQLCipher, the other plain. Each figure is the encrypted one against the plain one, measured
in the same run.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from common import print_bench
from sqlalchemy import or_, select

from involve_desktop.db.engine import Database
from involve_desktop.db.key_slots import KeyFile
from involve_desktop.db.models import Person
from involve_desktop.db.startup import prepare_database
from involve_desktop.domain.recovery_key import new_recovery_key
from involve_desktop.paths import AppPaths, ensure_writable
from involve_desktop.services.demo import DEMO_ORGANISATION, build_demo
from involve_desktop.services.protection import start_new_records

PEOPLE = 20_000
PASSWORD = "bench lantern copper meadow"
SEARCHES = ("ann", "smi", "zo", "o'b", "jon", "wil", "pat", "kow", "lee", "ow")
TODAY = date(2026, 11, 26)


def build(folder: Path) -> tuple[Path, Path, bytes, str]:
    encrypted_paths = AppPaths(folder / "encrypted")
    ensure_writable(encrypted_paths)
    signed = start_new_records(
        encrypted_paths, DEMO_ORGANISATION, "Bench Admin", PASSWORD, new_recovery_key()
    )
    plain = folder / "plain.db"
    prepare_database(plain)
    for path, key in ((encrypted_paths.database, signed.key), (plain, None)):
        database = Database(path, key=key)
        with database.session_scope() as session:
            build_demo(session, people=PEOPLE, seed=7, today=TODAY)
        database.close()
    return encrypted_paths.database, plain, signed.key, encrypted_paths.key_file.as_posix()


def time_open(path: Path, key: bytes | None) -> float:
    """A new engine, a connection with all its settings, the schema read, a first query."""
    started = time.perf_counter()
    database = Database(path, key=key)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        connection.exec_driver_sql("SELECT name FROM organisation").scalar()
    elapsed = time.perf_counter() - started
    database.close()
    return elapsed


def time_search(database: Database, text: str) -> float:
    pattern = f"%{text}%"
    query = (
        select(Person.id)
        .where(or_(Person.first_name.ilike(pattern), Person.last_name.ilike(pattern)))
        .order_by(Person.last_name, Person.first_name)
        .limit(200)
    )
    started = time.perf_counter()
    with database.session_scope() as session:
        session.scalars(query).all()
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        encrypted, plain, key, key_file = build(Path(folder))
        opens = {name: [] for name in ("encrypted", "plain")}
        for _ in range(30):
            opens["encrypted"].append(time_open(encrypted, key))
            opens["plain"].append(time_open(plain, None))
        open_e, open_p = min(opens["encrypted"]), min(opens["plain"])
        databases = {"encrypted": Database(encrypted, key=key), "plain": Database(plain)}
        searches = {name: [] for name in databases}
        for _ in range(3):
            for text in SEARCHES:
                for name, database in databases.items():
                    searches[name].append(time_search(database, text))
        for database in databases.values():
            database.close()
        search_e = statistics.median(searches["encrypted"])
        search_p = statistics.median(searches["plain"])
        keys = KeyFile.load(Path(key_file))
        slot = next(iter(keys.labels()))
        sign_ins = []
        for _ in range(3):
            started = time.perf_counter()
            keys.unlock(slot, PASSWORD)
            sign_ins.append(time.perf_counter() - started)
        sign_in = statistics.median(sign_ins)

    print_bench(
        "encrypted_open", open_e * 1000, "ms", open_e / open_p, "<=1.5x", open_e / open_p <= 1.5
    )
    print_bench(
        "encrypted_search",
        search_e * 1000,
        "ms",
        search_e / search_p,
        "<=1.5x",
        search_e / search_p <= 1.5,
    )
    print_bench("sign_in", sign_in, "s", sign_in / 0.2, "0.2-1.0s", 0.2 <= sign_in <= 1.0)
    print(f"# plain: open {open_p * 1000:.2f} ms, search median {search_p * 1000:.2f} ms")


if __name__ == "__main__":
    main()
