"""Everyone's yearly totals read the year's lines once, not each claim's lines one by one.

Left to itself SQLite walks every counted claim of every year through the status index and
looks up its lines claim by claim: ten times slower on 50,000 claims (`make bench`,
person_totals). The plan is read back from SQLite for the statement the service sends.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from involve_desktop.services.money_totals import everyone_year_totals


def test_the_years_lines_are_gathered_first_and_never_fetched_claim_by_claim(database):
    sent: list[tuple[str, tuple]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if "claim_line" in statement:
            sent.append((statement, tuple(parameters)))

    event.listen(database.engine, "before_cursor_execute", capture)
    try:
        with database.session_scope() as session:
            everyone_year_totals(session, date(2026, 4, 1))
    finally:
        event.remove(database.engine, "before_cursor_execute", capture)
    assert len(sent) == 1
    statement, parameters = sent[0]
    with database.engine.connect() as connection:
        plan = [
            row[3]
            for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]
    assert any(step.startswith("MATERIALIZE") for step in plan), plan
    assert not any("ix_claim_line_claim_id" in step for step in plan), plan
