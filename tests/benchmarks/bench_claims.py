"""The Claims screen on 50,000 claims (with their lines) across 20,000 people.

`claims_open` is the time from asking for the screen to its first rows painted: the budget
list, the ids query, the count and money of every status tab, the first block of rows (with
what each claim was for) and the paint. Its ratio is against raw sqlcipher3/sqlite3 fetching
the first 200 rows of the same join (claim, person, budget) ordered by work date, newest
first: what the screen adds on top of the cheapest way to show the newest claims.
"""

from __future__ import annotations

import bisect
import os
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import compiled, print_time_bench, time_screen_opens
from sqlalchemy import func, insert, select

from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.models import Activity, Person, Staff
from involve_desktop.db.money_models import Budget, Claim, ClaimLine, PaymentRun
from involve_desktop.db.startup import prepare_database
from involve_desktop.domain.claims import ClaimStatus, LineKind
from involve_desktop.domain.money import line_amount
from involve_desktop.domain.people import PaymentMethod
from involve_desktop.domain.roles import Role
from involve_desktop.paths import AppPaths, ensure_writable
from involve_desktop.services.claim_list import claim_query, status_counts
from involve_desktop.services.demo import build_demo
from involve_desktop.services.permissions import Actor

CLAIMS = 50_000
PEOPLE = 20_000
ACTIVITIES = 2_000
KEY = bytes(range(32))
TODAY = date(2026, 11, 26)
YEARS = 6  # claims spread over the last six years
OPENS = 7
FIRST_ROWS = 200
BATCH = 10_000
OPEN_TARGET_S = 0.300
# Most claims are history (paid); a few wait at each step, as in a working charity.
STATUS_WEIGHTS = {
    ClaimStatus.PAID: 80,
    ClaimStatus.APPROVED: 5,
    ClaimStatus.SUBMITTED: 6,
    ClaimStatus.DRAFT: 4,
    ClaimStatus.REJECTED: 5,
}


def build(folder: Path) -> tuple[AppPaths, Actor]:
    paths = AppPaths(folder)
    ensure_writable(paths)
    prepare_database(paths.database, key=KEY)
    database = Database(paths.database, key=KEY)
    chooser = random.Random(7)
    with database.session_scope() as session:
        build_demo(session, people=PEOPLE, seed=7, today=TODAY, activities=ACTIVITIES)
        admin = Staff(name="Bench Admin", role=Role.ADMINISTRATOR.value)
        session.add(admin)
        session.flush()
        actor = Actor(admin.id, admin.name, Role.ADMINISTRATOR)
        people = session.scalars(select(Person.id)).all()
        activities = session.execute(select(Activity.id, Activity.held_on)).all()
        budgets = session.scalars(select(Budget.id)).all()
        wanted = CLAIMS - (session.scalar(select(func.count()).select_from(Claim)) or 0)
        runs = _add_runs(session, admin.id)
        first_new = (session.scalar(select(func.max(Claim.id))) or 0) + 1
        claims, lines = [], []
        for claim_id in range(first_new, first_new + wanted):
            claim, claim_lines = _claim(chooser, claim_id, people, activities, budgets, runs)
            claims.append(claim)
            lines.extend(claim_lines)
        _insert(session, Claim, claims)
        _insert(session, ClaimLine, lines)
    database.close()
    return paths, actor


def _add_runs(session, made_by: int) -> list[tuple[int, date]]:  # type: ignore[no-untyped-def]
    """A payment run on the 20th of every month of the years the claims cover."""
    days = [
        date(TODAY.year - YEARS + months // 12, months % 12 + 1, 20) for months in range(YEARS * 12)
    ]
    rows = [
        {"paid_on": day, "made_by": made_by, "made_at": datetime(day.year, day.month, day.day)}
        for day in days
        if day < TODAY
    ]
    _insert(session, PaymentRun, rows)
    return [
        (row.id, row.paid_on)
        for row in session.execute(
            select(PaymentRun.id, PaymentRun.paid_on)
            .where(PaymentRun.made_by == made_by)
            .order_by(PaymentRun.paid_on)
        )
    ]


def _claim(chooser, claim_id, people, activities, budgets, runs):  # type: ignore[no-untyped-def]
    work_date = TODAY - timedelta(days=chooser.randrange(365 * YEARS))
    status = chooser.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    activity = chooser.choice(activities) if chooser.random() < 0.8 else None
    hours = chooser.choice((100, 150, 200, 300))
    lines = [
        _line(claim_id, 0, LineKind.FEE, "hour", hours, 25_00, work_date, activity),
    ]
    if chooser.random() < 0.5:
        miles = chooser.randrange(10, 600)  # tenths of a mile, as hundredths
        lines.append(_line(claim_id, 1, LineKind.MILEAGE, "Car", miles * 10, 45, work_date))
    if chooser.random() < 0.3:
        pence = chooser.randrange(2_00, 9_00)
        lines.append(
            _line(claim_id, len(lines), LineKind.EXPENSE, "Parking", 100, pence, work_date)
        )
    fees = sum(line["amount_pence"] for line in lines if line["kind"] == LineKind.FEE.value)
    expenses = sum(line["amount_pence"] for line in lines) - fees
    made = datetime(work_date.year, work_date.month, work_date.day, 17)
    later = bisect.bisect_right([day for _id, day in runs], work_date)
    paid_in = runs[later] if status is ClaimStatus.PAID and later < len(runs) else None
    if status is ClaimStatus.PAID and paid_in is None:
        status = ClaimStatus.APPROVED  # worked after the last run: not paid yet
    claim = {
        "id": claim_id,
        "person_id": chooser.choice(people),
        "status": status.value,
        "payment_method": chooser.choice(list(PaymentMethod)[:3]).value,
        "budget_id": chooser.choice(budgets) if budgets and chooser.random() < 0.7 else None,
        "adjusts_claim_id": None,
        "work_date": work_date,
        "fees_pence": fees,
        "expenses_pence": expenses,
        "notes": "",
        "created_at": made,
        "created_by": None,
        "submitted_at": made if status is not ClaimStatus.DRAFT else None,
        "approved_at": made if status in (ClaimStatus.APPROVED, ClaimStatus.PAID) else None,
        "approved_over_budget": False,
        "paid_on": paid_in[1] if paid_in else None,
        "payment_run_id": paid_in[0] if paid_in else None,
        "rejected_at": made if status is ClaimStatus.REJECTED else None,
        "rejection_reason": "Claimed twice" if status is ClaimStatus.REJECTED else "",
        "updated_at": made,
    }
    return claim, lines


def _line(claim_id, position, kind, rate, quantity, unit, day, activity=None) -> dict:  # type: ignore[no-untyped-def]
    return {
        "claim_id": claim_id,
        "position": position,
        "kind": kind.value,
        "activity_id": activity.id if activity else None,
        "line_date": activity.held_on if activity else day,
        "rate_name": rate,
        "description": "",
        "quantity_hundredths": quantity,
        "unit_pence": unit,
        "amount_pence": line_amount(quantity, unit),
        "policy_id": None,
    }


def _insert(session, model, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(model), rows[start : start + BATCH])


def first_rows_sql() -> str:
    """The newest claims with their person and budget: the join a list of claims shows."""
    return compiled(
        select(
            Claim.id,
            Claim.work_date,
            Claim.fees_pence,
            Claim.expenses_pence,
            Claim.status,
            Claim.payment_method,
            Claim.paid_on,
            Person.first_name,
            Person.last_name,
            Person.preferred_name,
            Budget.name,
            Budget.year_start,
        )
        .outerjoin(Person, Person.id == Claim.person_id)
        .outerjoin(Budget, Budget.id == Claim.budget_id)
        .order_by(Claim.work_date.desc(), Claim.id.desc())
        .limit(FIRST_ROWS)
    )


def raw_first_rows(connection, sql: str) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    rows = connection.execute(sql).fetchall()
    assert len(rows) == FIRST_ROWS
    return time.perf_counter() - started


def sized_screen(ctx):  # type: ignore[no-untyped-def]
    from involve_desktop.ui.screens.claims.claims_screen import ClaimsScreen

    screen = ClaimsScreen(ctx, today=TODAY)
    screen.resize(1250, 700)
    return screen


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from involve_desktop.app import AppContext
    from involve_desktop.db.sqlite_file import read_startup_facts
    from involve_desktop.services.claim_list import ClaimFilter

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        paths, actor = build(Path(folder))
        ctx = AppContext(paths, read_startup_facts(paths.database, key=KEY), key=KEY, actor=actor)
        database = ctx.database()
        raw = sqlite_file.connect(paths.database, key=KEY)
        sql = first_rows_sql()
        screen_open, raw_time = time_screen_opens(
            app, lambda: sized_screen(ctx), lambda: raw_first_rows(raw, sql), OPENS
        )
        started = time.perf_counter()
        ids = raw.execute(compiled(claim_query(ClaimFilter()))).fetchall()
        ids_time = time.perf_counter() - started
        with database.session_scope() as session:
            started = time.perf_counter()
            status_counts(session, ClaimFilter())
            counts_time = time.perf_counter() - started
            lines = session.scalar(select(func.count()).select_from(ClaimLine))
        raw.close()
        ctx.close()

    print_time_bench("claims_open", screen_open, raw_time, OPEN_TARGET_S)
    print(
        f"# raw SQL: first {FIRST_ROWS} rows {raw_time * 1000:.2f} ms, all {len(ids):,} ids "
        f"{ids_time * 1000:.1f} ms; status counts {counts_time * 1000:.1f} ms; "
        f"{len(ids):,} claims, {lines:,} lines, {PEOPLE:,} people"
    )


if __name__ == "__main__":
    main()
