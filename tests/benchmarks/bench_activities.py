"""The Activities screen on 50,000 activities with 200,000 attendance rows.

`activities_open` is the time from asking for the screen to its first rows painted: the
practice prompts, the filter lists, the ids query, the first block of rows (with their
attendance and impact counts) and the paint. It is also printed as a ratio against the very
same list SQL (compiled from `activity_query`, and the statements `activity_rows` runs)
on a raw sqlcipher3/sqlite3 connection in the same process: what the screen adds on top.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import compiled, print_time_bench, time_screen_opens
from sqlalchemy import event, insert, select

from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.models import (
    Activity,
    ActivityOption,
    AttendanceRecord,
    ImpactRecord,
    Person,
    Staff,
)
from involve_desktop.db.startup import prepare_database
from involve_desktop.domain.activities import Attendance, PowerShared
from involve_desktop.domain.roles import Role
from involve_desktop.paths import AppPaths, ensure_writable
from involve_desktop.services.activity_list import ActivityFilter, activity_query, activity_rows
from involve_desktop.services.demo import build_demo
from involve_desktop.services.permissions import Actor

ACTIVITIES = 50_000
PER_ACTIVITY = 4  # 200,000 attendance rows
PEOPLE = 5_000
IMPACT_EVERY = 3  # one activity in three has an impact record
KEY = bytes(range(32))
TODAY = date(2026, 11, 26)
OPENS = 7
FIRST_BLOCK = 100
BATCH = 10_000
OPEN_TARGET_S = 0.300


def build(folder: Path) -> tuple[AppPaths, Actor]:
    paths = AppPaths(folder)
    ensure_writable(paths)
    prepare_database(paths.database, key=KEY)
    database = Database(paths.database, key=KEY)
    chooser = random.Random(6)
    with database.session_scope() as session:
        build_demo(session, people=PEOPLE, seed=6, today=TODAY, activities=0)
        staff = [Staff(name=f"Staff member {n}", role=Role.STAFF.value) for n in range(6)]
        admin = Staff(name="Bench Admin", role=Role.ADMINISTRATOR.value)
        session.add_all([*staff, admin])
        session.flush()
        actor = Actor(admin.id, admin.name, Role.ADMINISTRATOR)
        options = {
            which: session.scalars(
                select(ActivityOption.id).where(ActivityOption.list == which)
            ).all()
            for which in ("kind", "area")
        }
        people = session.scalars(select(Person.id)).all()
        first_day = TODAY - timedelta(days=365 * 12)
        activities = [
            {
                "title": f"Activity {number}: {chooser.choice(('panel', 'workshop', 'group'))}",
                "kind_id": chooser.choice(options["kind"]),
                "area_id": chooser.choice(options["area"]),
                "purpose": "To hear what people think before the service changes.",
                "power_shared": chooser.choice(list(PowerShared)).value,
                "held_on": first_day + timedelta(days=chooser.randrange(365 * 13)),
                "place": "",
                "place_accessible": "",
                "lead_staff_id": chooser.choice(staff).id,
                "paid": False,
                "pay_note": "",
                "notes": "",
            }
            for number in range(ACTIVITIES)
        ]
        _insert(session, Activity, activities)
        activity_ids = session.scalars(select(Activity.id)).all()
        statuses = [status.value for status in Attendance]
        attendance = [
            {"activity_id": activity_id, "person_id": person_id, "role": "", "status": status}
            for activity_id in activity_ids
            for person_id, status in zip(
                chooser.sample(people, PER_ACTIVITY),
                chooser.choices(statuses, k=PER_ACTIVITY),
                strict=True,
            )
        ]
        _insert(session, AttendanceRecord, attendance)
        impact = [
            {
                "activity_id": activity_id,
                "source": "",
                "said": "More evening meetings",
                "decided": "",
                "changed": "",
                "told_people": False,
                "recorded_on": TODAY,
            }
            for activity_id in activity_ids[::IMPACT_EVERY]
        ]
        _insert(session, ImpactRecord, impact)
    database.close()
    return paths, actor


def _insert(session, model, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(model), rows[start : start + BATCH])


def rows_statements(database: Database, activity_ids: list[int]) -> list[tuple[str, tuple]]:
    """The statements `activity_rows` sends for these ids, captured as they are run."""
    captured: list[tuple[str, tuple]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, tuple(parameters)))

    event.listen(database.engine, "before_cursor_execute", capture)
    with database.session_scope() as session:
        activity_rows(session, activity_ids)
    event.remove(database.engine, "before_cursor_execute", capture)
    return captured


def raw_open(connection, ids_sql: str, rows_sql: list[tuple[str, tuple]]) -> float:  # type: ignore[no-untyped-def]
    """The ids query and the first block's rows, as the screen runs them, with no app."""
    started = time.perf_counter()
    ids = [row[0] for row in connection.execute(ids_sql)]
    assert len(ids) == ACTIVITIES
    for statement, parameters in rows_sql:
        connection.execute(statement, parameters).fetchall()
    return time.perf_counter() - started


def sized_screen(ctx):  # type: ignore[no-untyped-def]
    from involve_desktop.ui.screens.activities.activities_screen import ActivitiesScreen

    screen = ActivitiesScreen(ctx, today=TODAY)
    screen.resize(1250, 700)
    return screen


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from involve_desktop.app import AppContext
    from involve_desktop.db.sqlite_file import read_startup_facts

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        paths, actor = build(Path(folder))
        ctx = AppContext(paths, read_startup_facts(paths.database, key=KEY), key=KEY, actor=actor)
        database = ctx.database()
        ids_sql = compiled(activity_query(ActivityFilter(), TODAY))
        raw = sqlite_file.connect(paths.database, key=KEY)
        first = [row[0] for row in raw.execute(ids_sql)][:FIRST_BLOCK]
        rows_sql = rows_statements(database, first)
        screen_open, raw_time = time_screen_opens(
            app, lambda: sized_screen(ctx), lambda: raw_open(raw, ids_sql, rows_sql), OPENS
        )
        raw.close()
        ctx.close()

    print_time_bench("activities_open", screen_open, raw_time, OPEN_TARGET_S)
    print(
        f"# raw SQL: open {raw_time * 1000:.1f} ms; {ACTIVITIES:,} activities, "
        f"{ACTIVITIES * PER_ACTIVITY:,} attendance rows, {PEOPLE:,} people"
    )


if __name__ == "__main__":
    main()
