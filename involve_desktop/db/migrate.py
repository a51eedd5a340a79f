"""Alembic, driven from code: which revisions exist, and upgrading a file to the head.

Imported only when a revision differs from `SCHEMA_HEAD`, because Alembic costs about 0.6 s
to import and most starts need none of it.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from involve_desktop.db.engine import create_db_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(script_location: Path = MIGRATIONS_DIR) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


def known_revisions(script_location: Path = MIGRATIONS_DIR) -> set[str]:
    scripts = ScriptDirectory.from_config(alembic_config(script_location))
    return {script.revision for script in scripts.walk_revisions()}


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def upgrade_to_head(
    path: Path, script_location: Path = MIGRATIONS_DIR, *, key: bytes | None = None
) -> None:
    """Apply every missing revision, each in its own transaction."""
    engine = create_db_engine(path, key=key)
    try:
        with engine.connect() as connection:
            config = alembic_config(script_location)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()
