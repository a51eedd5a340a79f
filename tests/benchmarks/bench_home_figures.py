"""The figures Home needs before it is ready, for a demo charity of 20,000 people and 5 years.

The median time of what Home asks for as it opens: the year at a glance (`year_figures` for
the current financial year) and today's jobs (`todays_jobs`), on the same session, one after
the other. It is printed as a comment, not a target: the issue's target is `home_ready`
(bench_home.py), where Home reads the two side by side while the window is made; this says
where that time goes.

The ratio is against counting every person's attendance in one grouped query on the same
database in the same run: the floor for any figure that reads the whole register's activity.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from involve_desktop.db.engine import Database
from involve_desktop.db.startup import prepare_database
from involve_desktop.domain.financial_year import year_containing
from involve_desktop.services.demo import build_demo
from involve_desktop.services.home_jobs import todays_jobs
from involve_desktop.services.organisation import load_organisation
from involve_desktop.services.year_figures import year_figures

PEOPLE = 20_000
YEARS = 5
KEY = bytes(range(32))
TODAY = date(2026, 11, 26)
RUNS = 9
BASELINE_SQL = "SELECT person_id, count(*) FROM attendance GROUP BY person_id"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "involve.db"
        prepare_database(path, key=KEY)
        database = Database(path, key=KEY)
        with database.session_scope() as session:
            build_demo(session, people=PEOPLE, today=TODAY, years=YEARS)
        with database.session_scope() as session:
            organisation = load_organisation(session)
            assert organisation is not None
            first, last = year_containing(TODAY, organisation.year_start)
            cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]

            def baseline() -> float:
                started = time.perf_counter()
                cursor.execute(BASELINE_SQL).fetchall()
                return time.perf_counter() - started

            def home() -> tuple[float, float]:
                started = time.perf_counter()
                figures = year_figures(session, first, last, TODAY)
                middle = time.perf_counter()
                jobs = todays_jobs(session, TODAY)
                assert figures.people.total and jobs, "the demo has figures and jobs to show"
                return middle - started, time.perf_counter() - middle

            home()  # the first run reads the pages from the file
            raw = statistics.median(baseline() for _ in range(RUNS))
            runs = [home() for _ in range(RUNS)]
        database.close()

    figures = statistics.median(run[0] for run in runs)
    jobs = statistics.median(run[1] for run in runs)
    total = statistics.median(sum(run) for run in runs)
    print(
        f"# Home's reads one after the other (not a target; see home_ready): "
        f"{total * 1000:.0f} ms = year_figures {figures * 1000:.0f} ms + todays_jobs "
        f"{jobs * 1000:.0f} ms ({total / raw:.1f}x counting attendance by person, "
        f"{raw * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    main()
