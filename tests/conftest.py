"""Shared fixtures: a real data folder and a real database in a temporary directory."""

from __future__ import annotations

import os

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from involve_desktop.db.engine import Database
from involve_desktop.db.startup import prepare_database
from involve_desktop.domain.financial_year import YearStart
from involve_desktop.domain.organisation import OrganisationDetails
from involve_desktop.domain.terms import PeopleTerms
from involve_desktop.paths import AppPaths, ensure_writable
from involve_desktop.services.organisation import save_organisation

EXAMPLE_ORGANISATION = OrganisationDetails(
    name="Greenfield Carers Network",
    charity_number="1098765",
    address="1 High Street\nGreenfield\nGF1 1AA",
    year_start=YearStart(month=4, day=1),
    evaluation_month=3,
    terms=PeopleTerms("expert by experience", "experts by experience"),
)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    app_paths = AppPaths(tmp_path / "data")
    ensure_writable(app_paths)
    return app_paths


# Tests run on encrypted databases, through the same engine factory as the app, with a fixed
# raw key so that no key derivation slows them down.
TEST_KEY = bytes(range(32))


@pytest.fixture
def empty_database(paths: AppPaths) -> Path:
    """An encrypted database at the current schema, with no organisation yet."""
    prepare_database(paths.database, key=TEST_KEY)
    return paths.database


@pytest.fixture
def database(empty_database: Path) -> Iterator[Database]:
    """An encrypted database with the example organisation saved."""
    db = Database(empty_database, key=TEST_KEY)
    with db.session_scope() as session:
        save_organisation(session, EXAMPLE_ORGANISATION)
    yield db
    db.close()


@pytest.fixture
def plain_database(paths: AppPaths) -> Iterator[Database]:
    """A plain database as made before encryption (the foundation), with the organisation."""
    prepare_database(paths.database)
    db = Database(paths.database)
    with db.session_scope() as session:
        save_organisation(session, EXAMPLE_ORGANISATION)
    yield db
    db.close()


# Hypothesis: no example database in the work tree, and no deadline, because CI machines are
# slow and noisy (its pytest plugin is off; see pyproject.toml).
from hypothesis import settings  # noqa: E402

settings.register_profile("involve", deadline=None, database=None)
settings.load_profile("involve")


@pytest.fixture(autouse=True)
def fast_key_derivation(monkeypatch):
    """Argon2id at 1 MiB in tests: the real 128 MiB setting is measured by `make bench`."""
    from involve_desktop.db import key_slots

    monkeypatch.setattr(
        key_slots, "DEFAULT_KDF", {"memory_kib": 1024, "iterations": 1, "parallelism": 1}
    )


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's QApplication, collecting garbage on the GUI thread only, as the app does."""
    from involve_desktop.ui.gc_on_gui_thread import collect_on_gui_thread

    collect_on_gui_thread(qapp)
    return qapp


# PySide6 6.12 can abort while the interpreter shuts down after Qt tests ("bool_dealloc" in
# the final garbage collection), which would turn a green run red after pytest has reported.
# The results are final by then, so leave without the interpreter's shutdown.
_EXIT_STATUS = {"code": 0}


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS["code"] = int(exitstatus)


def pytest_unconfigure(config):
    import sys

    if not getattr(config, "workerinput", None):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS["code"])
