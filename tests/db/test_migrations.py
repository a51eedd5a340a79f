"""Migrations: the schema in code matches the revisions, and old databases upgrade intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from involve_desktop.db import sqlite_file
from involve_desktop.db.engine import Database
from involve_desktop.db.migrate import MIGRATIONS_DIR, head_revision, upgrade_to_head
from involve_desktop.db.models import Base, Person, personal_columns, sensitive_columns
from involve_desktop.db.revision import SCHEMA_HEAD
from involve_desktop.db.startup import DatabaseState, inspect_database, prepare_database
from involve_desktop.domain.search_words import fold
from involve_desktop.errors import DatabaseProblem
from tests.conftest import TEST_KEY

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"

BROKEN_REVISION = '''
"""A revision that fails half-way, to prove nothing of it is left behind."""
import sqlalchemy as sa
from alembic import op

revision = "0002_broken"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("UPDATE person SET first_name = 'CHANGED'")
    raise RuntimeError("this revision fails part-way")


def downgrade():
    pass
'''


def rows(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def dump(path: Path, key: bytes | None = TEST_KEY) -> list[tuple]:
    """Schema and every row of every table (sqlcipher3 has no iterdump)."""
    connection = sqlite_file.connect(path, key=key, read_only=True)
    try:
        schema = connection.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        rows = [
            (name, sorted(map(repr, connection.execute(f'SELECT * FROM "{name}"').fetchall())))
            for kind, name, _sql in schema
            if kind == "table"
        ]
        return schema + rows
    finally:
        connection.close()


@pytest.fixture
def scripts_with_broken_revision(tmp_path: Path) -> Path:
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0002_broken.py").write_text(BROKEN_REVISION.format(head=SCHEMA_HEAD))
    return scripts


def test_the_head_constant_is_the_migrations_head():
    assert head_revision() == SCHEMA_HEAD


def test_models_match_the_migrated_schema(empty_database: Path):
    database = Database(empty_database, key=TEST_KEY)
    try:
        with database.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        database.close()
    assert differences == []


def test_personal_and_sensitive_columns_are_marked():
    table = Person.__table__
    assert "support_needs" in sensitive_columns(table)
    assert {"first_name", "last_name", "email", "phone", "address", "notes"} <= set(
        personal_columns(table)
    )
    assert "participation_level" not in personal_columns(table)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.db")), ids=lambda path: path.stem)
def test_each_shipped_revision_upgrades_to_head_with_its_data(fixture: Path, tmp_path: Path):
    # GIVEN a database made by a revision that shipped
    database = tmp_path / "involve.db"
    shutil.copy(fixture, database)
    people_before = rows(database, "SELECT id, first_name, last_name, joined_on FROM person")
    organisation_before = rows(database, "SELECT name, people_word_plural FROM organisation")
    assert people_before, "fixture databases hold people"

    # WHEN the app prepares it
    prepare_database(database)

    # THEN it is current and nothing was lost
    assert inspect_database(database, thorough=True).state is DatabaseState.CURRENT
    people = "SELECT id, first_name, last_name, joined_on FROM person"
    assert rows(database, people) == people_before
    assert (
        rows(database, "SELECT name, people_word_plural FROM organisation") == organisation_before
    )


def test_a_revision_that_fails_leaves_nothing_behind(
    database: Database, scripts_with_broken_revision
):
    path = database.path
    database.close()
    before = dump(path)
    with pytest.raises(RuntimeError, match="fails part-way"):
        upgrade_to_head(path, scripts_with_broken_revision, key=TEST_KEY)
    # The failed revision rolled back whole: no table, no changed names, same revision.
    assert dump(path) == before
    assert sqlite_file.read_revision(path, key=TEST_KEY) == SCHEMA_HEAD


def test_failed_upgrade_keeps_a_copy_and_tells_the_user(
    database: Database, scripts_with_broken_revision
):
    from involve_desktop.db.startup import upgrade_with_copy

    path = database.path
    database.close()
    before = dump(path)
    with pytest.raises(DatabaseProblem, match="put your data back exactly as it was"):
        upgrade_with_copy(path, SCHEMA_HEAD, scripts_with_broken_revision, key=TEST_KEY)
    assert dump(path) == before
    copies = list(path.parent.glob(f"involve-before-upgrade-{SCHEMA_HEAD}-*.db"))
    assert len(copies) == 1
    assert dump(copies[0]) == before


def test_a_new_file_gets_the_whole_schema(tmp_path: Path):
    path = tmp_path / "involve.db"
    status = prepare_database(path)
    assert status.state is DatabaseState.CURRENT
    assert status.revision == SCHEMA_HEAD


def test_people_from_before_the_register_can_be_found_after_the_upgrade(tmp_path: Path):
    # GIVEN the last database made before the full register (0002)
    database = tmp_path / "involve.db"
    shutil.copy(FIXTURES / "0002_staff_and_audit.db", database)
    people = rows(database, "SELECT id, first_name FROM person ORDER BY id")

    prepare_database(database)

    # THEN every person has search words and a sort key, and the charity's lists exist
    words = dict(rows(database, "SELECT person_id, words FROM person_search_words"))
    assert set(words) == {person_id for person_id, _ in people}
    for person_id, first_name in people:
        assert words[person_id].startswith(" "), "words are stored with a leading space"
        assert " " + fold(first_name.split()[0]) in words[person_id]
    assert all(key for (key,) in rows(database, "SELECT sort_key FROM person"))
    kinds = {kind for (kind,) in rows(database, "SELECT kind FROM person_option")}
    assert kinds == {"role", "interest"}


def test_a_register_from_before_activities_gains_the_lists_and_settings(tmp_path: Path):
    # GIVEN the last database made before activities (0003)
    database = tmp_path / "involve.db"
    shutil.copy(FIXTURES / "0003_people_register.db", database)
    roles_before = rows(database, "SELECT person_id, option_id FROM person_chosen_option")

    prepare_database(database)

    # THEN the charity's kinds and areas exist, impact is asked for after six weeks, and the
    # register's roles and interests are untouched
    kinds = {kind for (kind,) in rows(database, "SELECT list FROM activity_option")}
    assert kinds == {"kind", "area"}
    assert rows(database, "SELECT impact_due_weeks FROM organisation") == [(6,)]
    assert rows(database, "SELECT person_id, option_id FROM person_chosen_option") == roles_before
    assert rows(database, "SELECT count(*) FROM activity") == [(0,)]


def test_records_from_before_money_gain_a_policy_thresholds_and_approvers(tmp_path: Path):
    # GIVEN the last database made before claims (0004), with an active administrator and
    # an inactive staff member
    database = tmp_path / "involve.db"
    shutil.copy(FIXTURES / "0004_activities.db", database)
    activities_before = rows(database, "SELECT id, title, held_on, paid FROM activity")
    staff_before = rows(database, "SELECT id, name, role, active FROM staff ORDER BY id")

    prepare_database(database)

    # THEN one policy covers every date, with HMRC's mileage rates and no fee rate (the
    # charity sets those), the thresholds are there to check, and the administrator approves
    # and pays while the inactive member does neither
    assert rows(database, "SELECT effective_from, receipt_over_pence FROM payment_policy") == [
        ("2000-01-01", 1000)
    ]
    mileage = rows(
        database, "SELECT name, unit_pence FROM payment_rate WHERE kind = 'mileage' ORDER BY 2"
    )
    assert mileage == [("Bicycle", 20), ("Motorcycle", 24), ("Car", 45)]
    assert rows(database, "SELECT count(*) FROM payment_rate WHERE kind = 'fee'") == [(0,)]
    assert rows(database, "SELECT count(*) FROM benefits_threshold") == [(4,)]
    duties = rows(database, "SELECT id, designated_approver, designated_payer FROM staff")
    assert rows(database, "SELECT id, name, role, active FROM staff ORDER BY id") == staff_before
    assert duties == [(1, 1, 1), (2, 0, 0)]
    assert rows(database, "SELECT id, title, held_on, paid FROM activity") == activities_before
    assert rows(database, "SELECT count(*) FROM claim") == [(0,)]


def step_back(database: Path, revision: str) -> None:
    """Run the downgrade to `revision` on the file, as a developer undoing a release would."""
    from alembic import command

    from involve_desktop.db.engine import create_db_engine
    from involve_desktop.db.migrate import alembic_config

    engine = create_db_engine(database)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()


TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"


@pytest.mark.parametrize(
    ("fixture", "kept"),
    [
        ("0004_activities", "SELECT * FROM staff ORDER BY id"),
        ("0005_money", "SELECT * FROM organisation"),
        ("0007_backup", "SELECT * FROM organisation"),
        ("0007_backup", "SELECT * FROM person ORDER BY id"),
    ],
)
def test_a_revision_steps_back_cleanly_to_the_one_before(tmp_path: Path, fixture: str, kept: str):
    # GIVEN a database made by the revision before, upgraded to the head
    database = tmp_path / "involve.db"
    shutil.copy(FIXTURES / f"{fixture}.db", database)
    tables_before = rows(database, TABLES)
    kept_before = rows(database, kept)
    prepare_database(database)

    # WHEN the head is stepped back (one revision at a time, to the fixture's)
    step_back(database, fixture)

    # THEN the tables and the rows a later revision touched are as they were
    assert sorted(rows(database, TABLES)) == sorted(tables_before)
    assert rows(database, kept) == kept_before


def test_records_from_before_the_learning_cycle_keep_their_money_and_gain_the_settings(
    tmp_path: Path,
):
    # GIVEN the last database made before the learning cycle (0005), with claims and budgets
    database = tmp_path / "involve.db"
    shutil.copy(FIXTURES / "0005_money.db", database)
    claims_before = rows(
        database, "SELECT id, person_id, status, fees_pence, expenses_pence FROM claim"
    )
    budgets_before = rows(database, "SELECT id, year_start, name, allocated_pence FROM budget")
    month_before = rows(database, "SELECT evaluation_month FROM organisation")
    assert claims_before and budgets_before

    prepare_database(database)

    # THEN money is untouched, the evaluation falls on the 1st of the month it was in, with a
    # four-week reminder, and the cycle starts empty (a strategy is the charity's own words)
    assert (
        rows(database, "SELECT id, person_id, status, fees_pence, expenses_pence FROM claim")
        == claims_before
    )
    assert rows(database, "SELECT id, year_start, name, allocated_pence FROM budget") == (
        budgets_before
    )
    assert rows(
        database,
        "SELECT evaluation_month, evaluation_day, evaluation_reminder_weeks FROM organisation",
    ) == [(month_before[0][0], 1, 4)]
    for table in ("strategy", "action_item", "evaluation", "evaluation_answer", "staff_look"):
        assert rows(database, f"SELECT count(*) FROM {table}") == [(0,)]


def test_records_from_before_retention_gain_a_six_year_period_and_nobody_is_anonymised(
    tmp_path: Path,
):
    # GIVEN the last database made before the retention routine (0007)
    database = tmp_path / "involve.db"
    shutil.copy(FIXTURES / "0007_backup.db", database)
    people = "SELECT id, first_name, last_name, email, joined_on, last_involved_on FROM person"
    people_before = rows(database, people)
    claims = "SELECT id, person_id, status, fees_pence, expenses_pence FROM claim"
    claims_before = rows(database, claims)
    assert people_before and claims_before

    prepare_database(database)

    # THEN everyone is kept as they were, the period is the usual six years, and no record
    # counts as anonymised
    assert rows(database, people) == people_before
    assert rows(database, claims) == claims_before
    assert rows(database, "SELECT retention_years FROM organisation") == [(6,)]
    assert rows(database, "SELECT count(*) FROM person WHERE anonymised_on IS NOT NULL") == [(0,)]
