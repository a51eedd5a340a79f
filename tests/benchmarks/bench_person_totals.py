"""Every person's money in one financial year, on 20,000 people with 50,000 claims.

`person_totals` is the median time of `everyone_year_totals` for the current financial year
(the totals tab of the Claims screen asks for exactly this): one query that adds up fees
apart from mileage and expenses for every person with counted claims, joined to their
names and in their order, turned into plain records. It is also printed as a ratio against
the same sums on a raw sqlcipher3/sqlite3 connection in the same process (`SELECT
claim.person_id, SUM(...) ... GROUP BY`, the year's lines taken first as the service does):
what the service adds on top of the sums themselves. The plain join is printed too: SQLite
plans it through the status index, one claim at a time, and it is about ten times slower.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from common import print_time_bench
from sqlalchemy import insert, select

from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.models import Person
from involve_desktop.db.money_models import Claim, ClaimLine
from involve_desktop.db.startup import prepare_database
from involve_desktop.domain.claims import COUNTED_STATUSES, ClaimStatus, LineKind
from involve_desktop.domain.financial_year import YearStart, year_containing
from involve_desktop.domain.money import line_amount
from involve_desktop.services.demo import build_demo
from involve_desktop.services.money_totals import everyone_year_totals

PEOPLE = 20_000
CLAIMS = 50_000
YEARS = 5  # claims spread over the last five years
KEY = bytes(range(32))
TODAY = date(2026, 11, 26)
RUNS = 7
BATCH = 10_000
TARGET_S = 0.500
STATUS_WEIGHTS = {
    ClaimStatus.PAID: 70,
    ClaimStatus.APPROVED: 8,
    ClaimStatus.SUBMITTED: 8,
    ClaimStatus.DRAFT: 8,
    ClaimStatus.REJECTED: 6,
}

COUNTED = ", ".join(f"'{status.value}'" for status in COUNTED_STATUSES)
SUMS = """
SUM(CASE WHEN {lines}.kind = 'fee' THEN {lines}.amount_pence ELSE 0 END),
SUM(CASE WHEN {lines}.kind != 'fee' THEN {lines}.amount_pence ELSE 0 END),
COUNT(DISTINCT claim.id)
"""
RAW_SQL = f"""
WITH year_lines AS MATERIALIZED (
  SELECT claim_id, kind, amount_pence FROM claim_line WHERE line_date BETWEEN ? AND ?
)
SELECT claim.person_id, {SUMS.format(lines="year_lines")}
FROM claim JOIN year_lines ON year_lines.claim_id = claim.id
WHERE claim.person_id IS NOT NULL AND claim.status IN ({COUNTED})
GROUP BY claim.person_id
"""
PLAIN_JOIN_SQL = f"""
SELECT claim.person_id, {SUMS.format(lines="claim_line")}
FROM claim JOIN claim_line ON claim_line.claim_id = claim.id
WHERE claim.person_id IS NOT NULL AND claim.status IN ({COUNTED})
  AND claim_line.line_date BETWEEN ? AND ?
GROUP BY claim.person_id
"""


def claim_rows(people: list[int], chooser: random.Random):  # type: ignore[no-untyped-def]
    """(claim row, its line rows): one to three lines, fees, mileage in tenths, costs."""
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    line_id = 1
    for claim_id in range(1, CLAIMS + 1):
        day = TODAY - timedelta(days=chooser.randrange(365 * YEARS))
        lines = []
        for position in range(chooser.choice((1, 1, 2, 3))):
            kind = LineKind.FEE if position == 0 else chooser.choice(list(LineKind))
            if kind is LineKind.FEE:
                quantity, unit = chooser.choice((100, 150, 200, 300)), 25_00
            elif kind is LineKind.MILEAGE:
                quantity, unit = chooser.randint(10, 400) * 10, 45
            else:
                quantity, unit = 100, chooser.randint(100, 4000)
            lines.append(
                {
                    "id": line_id,
                    "claim_id": claim_id,
                    "position": position,
                    "kind": kind.value,
                    "activity_id": None,
                    "line_date": day,
                    "rate_name": "hour" if kind is LineKind.FEE else "Car",
                    "description": "",
                    "quantity_hundredths": quantity,
                    "unit_pence": unit,
                    "amount_pence": line_amount(quantity, unit),
                    "policy_id": None,
                }
            )
            line_id += 1
        fees = sum(line["amount_pence"] for line in lines if line["kind"] == "fee")
        claim = {
            "id": claim_id,
            "person_id": chooser.choice(people),
            "status": chooser.choices(statuses, weights)[0].value,
            "payment_method": "bank_transfer",
            "budget_id": None,
            "work_date": day,
            "fees_pence": fees,
            "expenses_pence": sum(line["amount_pence"] for line in lines) - fees,
            "notes": "",
            "created_at": datetime.combine(day, datetime.min.time()),
        }
        yield claim, lines


def build(folder: Path) -> Path:
    path = folder / "involve.db"
    prepare_database(path, key=KEY)
    database = Database(path, key=KEY)
    chooser = random.Random(23)
    with database.session_scope() as session:
        build_demo(session, people=PEOPLE, seed=23, today=TODAY, activities=0)
        people = list(session.scalars(select(Person.id)))
        claims, lines = [], []
        for claim, claim_lines in claim_rows(people, chooser):
            claims.append(claim)
            lines.extend(claim_lines)
        for table, rows in ((Claim.__table__, claims), (ClaimLine.__table__, lines)):
            for start in range(0, len(rows), BATCH):
                session.execute(insert(table), rows[start : start + BATCH])
    database.close()
    return path


def time_service(database: Database, year_first: date) -> tuple[float, int]:
    """Median seconds for the totals, each in its own unit of work as the tab asks for them."""
    times, listed = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        with database.session_scope() as session:
            listed = len(everyone_year_totals(session, year_first))
        times.append(time.perf_counter() - started)
    return statistics.median(times), listed


def time_raw(path: Path, sql: str, first: date, last: date) -> tuple[float, int]:
    connection = sqlite_file.connect(path, key=KEY, read_only=True)
    times, listed = [], 0
    try:
        for _ in range(RUNS):
            started = time.perf_counter()
            listed = len(connection.execute(sql, (first.isoformat(), last.isoformat())).fetchall())
            times.append(time.perf_counter() - started)
    finally:
        connection.close()
    return statistics.median(times), listed


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = build(Path(folder))
        first, last = year_containing(TODAY, YearStart(month=4, day=1))  # the demo's year
        database = Database(path, key=KEY)
        try:
            seconds, listed = time_service(database, first)
        finally:
            database.close()
        raw_seconds, raw_listed = time_raw(path, RAW_SQL, first, last)
        join_seconds, join_listed = time_raw(path, PLAIN_JOIN_SQL, first, last)
    assert listed == raw_listed == join_listed, (listed, raw_listed, join_listed)
    print_time_bench("person_totals", seconds, raw_seconds, TARGET_S)
    print(
        f"# raw SQL: {raw_seconds * 1000:.1f} ms (the plain join: {join_seconds * 1000:.1f} ms); "
        f"{listed:,} people with money in the year, {PEOPLE:,} people, {CLAIMS:,} claims over "
        f"{YEARS} years"
    )


if __name__ == "__main__":
    main()
