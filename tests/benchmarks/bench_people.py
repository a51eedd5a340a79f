"""The People screen on 20,000 people: opening it, and searching as you type.

`people_open` is the time from asking for the screen to its first rows on screen (the ids
query, the first block of rows, the paint). `people_search` is, for each keystroke of
several names typed letter by letter, the time from the keystroke reaching the search to
the new rows painted; the figure is the median. Each is also printed as a ratio against
the very same SQL (compiled from the app's own queries) run on a raw sqlcipher3/sqlite3
connection in the same process: what the screen adds on top of the database.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import compiled, print_time_bench, time_screen_opens

from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.models import Staff
from involve_desktop.db.startup import prepare_database
from involve_desktop.domain.roles import Role
from involve_desktop.paths import AppPaths, ensure_writable
from involve_desktop.services.demo import build_demo
from involve_desktop.services.people_list import PeopleFilter, matching_query
from involve_desktop.services.permissions import Actor

PEOPLE = 20_000
KEY = bytes(range(32))
TODAY = date(2026, 11, 26)
TYPED = ("smith", "williams", "zoe", "okafor", "jones", "ann", "carer")
OPENS = 7
FIRST_BLOCK = 100
OPEN_TARGET_S = 0.300
SEARCH_TARGET_S = 0.050


def build(folder: Path) -> tuple[AppPaths, Actor]:
    paths = AppPaths(folder)
    ensure_writable(paths)
    prepare_database(paths.database, key=KEY)
    database = Database(paths.database, key=KEY)
    with database.session_scope() as session:
        build_demo(session, people=PEOPLE, seed=11, today=TODAY)
        staff = Staff(name="Bench Admin", role=Role.ADMINISTRATOR.value)
        session.add(staff)
        session.flush()
        actor = Actor(staff.id, staff.name, Role.ADMINISTRATOR)
    database.close()
    return paths, actor


def sized_screen(ctx):  # type: ignore[no-untyped-def]
    from involve_desktop.ui.screens.people.people_screen import PeopleScreen

    screen = PeopleScreen(ctx, today=TODAY)
    screen.resize(1000, 700)
    return screen


def raw_list(connection, chosen: PeopleFilter) -> float:  # type: ignore[no-untyped-def]
    """The ids query and the first block's rows, as the screen runs them, with no app."""
    from sqlalchemy import func, select

    from involve_desktop.db.models import Person, PersonOption, person_chosen_option

    started = time.perf_counter()
    ids = [row[0] for row in connection.execute(compiled(matching_query(chosen, TODAY)))]
    first = ids[:FIRST_BLOCK] or [0]
    connection.execute(compiled(select(Person).where(Person.id.in_(first)))).fetchall()
    connection.execute(
        compiled(
            select(person_chosen_option.c.person_id, PersonOption.kind, PersonOption.name)
            .join(PersonOption, PersonOption.id == person_chosen_option.c.option_id)
            .where(person_chosen_option.c.person_id.in_(first))
            .order_by(func.lower(PersonOption.name))
        )
    ).fetchall()
    return time.perf_counter() - started


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from involve_desktop.app import AppContext
    from involve_desktop.db.sqlite_file import read_startup_facts

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        paths, actor = build(Path(folder))
        ctx = AppContext(paths, read_startup_facts(paths.database, key=KEY), key=KEY, actor=actor)
        ctx.database()
        raw = sqlite_file.connect(paths.database, key=KEY)

        people_open, raw_open = time_screen_opens(
            app, lambda: sized_screen(ctx), lambda: raw_list(raw, PeopleFilter()), OPENS
        )

        screen = sized_screen(ctx)
        screen.show()
        app.processEvents()
        keystrokes, raw_keystrokes = [], []
        for word in TYPED:
            for length in range(1, len(word) + 1):
                text = word[:length]
                raw_keystrokes.append(raw_list(raw, PeopleFilter(text=text)))
                started = time.perf_counter()
                screen.filters.search.setText(text)
                screen.filters.apply_typing_now()
                app.processEvents()
                keystrokes.append(time.perf_counter() - started)
            screen.filters.search.clear()
            screen.filters.apply_typing_now()
        raw.close()
        screen.close()
        ctx.close()

    search, raw_search = statistics.median(keystrokes), statistics.median(raw_keystrokes)
    print_time_bench("people_open", people_open, raw_open, OPEN_TARGET_S)
    print_time_bench("people_search", search, raw_search, SEARCH_TARGET_S)
    print(
        f"# raw SQL: open {raw_open * 1000:.1f} ms, keystroke median {raw_search * 1000:.1f} ms;"
        f" slowest keystroke {max(keystrokes) * 1000:.1f} ms over {len(keystrokes)} keystrokes"
    )


if __name__ == "__main__":
    main()
