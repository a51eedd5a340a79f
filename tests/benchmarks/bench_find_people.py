"""Finding people for an activity among 20,000: the time `find_people` takes, from the
activity's id to the candidates as plain data, median over several activities (different
areas and power shared) and runs. The ratio is against the very same SQL (compiled from the
app's own query) run on a raw sqlcipher3 connection in the same process: what the service
adds on top of the database.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from common import print_bench
from sqlalchemy.dialects import sqlite

from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.startup import prepare_database
from involve_desktop.domain.activities import PowerShared
from involve_desktop.domain.activity_record import ActivityDetails
from involve_desktop.services.activities import save_activity
from involve_desktop.services.demo import build_demo
from involve_desktop.services.find_people import candidates_query, find_people, opportunity

PEOPLE = 20_000
KEY = bytes(range(32))
TODAY = date(2026, 11, 26)
RUNS = 5
TARGET_S = 0.200
ACTIVITIES = (
    ("Research", PowerShared.DECIDE_TOGETHER),
    ("Governance", PowerShared.YOU_LEAD),
    ("Service design", PowerShared.CONSULT),
    ("", PowerShared.INFORM),  # no area: everyone's interests fit, the longest list
)


def build(folder: Path) -> tuple[Path, list[int]]:
    path = folder / "involve.db"
    prepare_database(path, key=KEY)
    database = Database(path, key=KEY)
    with database.session_scope() as session:
        build_demo(session, people=PEOPLE, seed=17, today=TODAY)
        ids = [
            save_activity(
                session,
                None,
                ActivityDetails(
                    title=f"{area or 'Open'} meeting",
                    purpose="To hear views",
                    held_on=TODAY,
                    area=area,
                    power_shared=power,
                ),
            )
            for area, power in ACTIVITIES
        ]
    database.close()
    return path, ids


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path, activity_ids = build(Path(folder))
        database = Database(path, key=KEY)
        raw = sqlite_file.connect(path, key=KEY)
        timings, raw_timings, sizes = [], [], []
        with database.session_scope() as session:
            statements = {
                activity_id: str(
                    candidates_query(
                        session, activity_id, opportunity(session, activity_id), TODAY
                    ).compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
                )
                for activity_id in activity_ids
            }
        for _run in range(RUNS):
            for activity_id in activity_ids:
                started = time.perf_counter()
                raw.execute(statements[activity_id]).fetchall()
                raw_timings.append(time.perf_counter() - started)
                with database.session_scope() as session:
                    started = time.perf_counter()
                    found = find_people(session, activity_id, today=TODAY)
                    timings.append(time.perf_counter() - started)
                sizes.append(len(found))
        raw.close()
        database.close()

    median, raw_median = statistics.median(timings), statistics.median(raw_timings)
    print_bench(
        "find_people",
        median * 1000,
        "ms",
        median / raw_median,
        f"<={TARGET_S * 1000:.0f}ms",
        median <= TARGET_S,
    )
    print(
        f"# raw SQL median {raw_median * 1000:.1f} ms; slowest find_people "
        f"{max(timings) * 1000:.1f} ms; {min(sizes):,} to {max(sizes):,} people found"
    )


if __name__ == "__main__":
    main()
