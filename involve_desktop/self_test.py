"""`Involve --self-test` (and `involve self-test`): prove a build has everything it needs.

Run on the built app in CI, so that a missing font, migration script, native library or
hidden import fails there and not on a charity's first day. It works in a fresh temporary
data folder (removed afterwards), never the user's, and needs no display: the Qt platform
is set to offscreen before Qt loads. Each step prints one line with its time; the exit
status is 0 only when every step passed, else the first failed step is named.

No Qt here: the window step is handed in by the bootstrap (`__main__.py`), which opens the
main window exactly as a start does. The CLI, which has no Qt, runs the other steps.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from involve_desktop.paths import AppPaths, ensure_writable, resources_dir

DEMO_PEOPLE = 200
# Strong enough for the checks on passwords; these records live for seconds.
PASSWORD = "self test lantern orchard"
PASSPHRASE = "self test backup meadow"

# Opens the main window on the records; returns what went wrong there (empty when all is well).
OpenWindow = Callable[[AppPaths, bytes, str, Any], list[str]]


class StepFailed(Exception):
    """A check inside a step did not hold; the message says what, in plain words."""


@dataclass
class Records:
    """What the steps share: the temporary data folder and the records made in it."""

    work: Path
    paths: AppPaths
    key: bytes = b""
    actor: Any = None


def run_self_test(open_window: OpenWindow | None = None, out: TextIO | None = None) -> int:
    """Run every step in a temporary data folder; 0 when all pass, 1 at the first failure."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything loads Qt
    out = out or sys.stdout
    work = Path(tempfile.mkdtemp(prefix="involve-self-test-"))
    records = Records(work, AppPaths(work / "data"))
    steps: list[tuple[str, Callable[[Records], str]]] = [
        ("resources", check_resources),
        ("new records", make_new_records),
        ("demo", build_demo_records),
        ("migrations", check_migrations),
        ("pdf", make_pdf),
        ("backup", back_up_and_verify),
    ]
    if open_window is not None:
        steps.append(("window", lambda records: _open_window(records, open_window)))
    started = time.perf_counter()
    try:
        for name, step in steps:
            step_started = time.perf_counter()
            try:
                said = step(records)
            except Exception as error:
                _say(out, f"FAIL {name} ({time.perf_counter() - step_started:.2f} s): {error}")
                # Into the log file too when one is given: a windowed build has no stderr.
                traceback.print_exc(file=sys.stderr if out is sys.stdout else out)
                _say(out, f"Self-test failed at the step '{name}'.")
                return 1
            _say(out, f"ok   {name} ({time.perf_counter() - step_started:.2f} s): {said}")
    finally:
        _remove(work, out)
    if open_window is None:
        _say(out, "The window was not checked here: run `Involve --self-test` for that.")
    _say(out, f"Self-test passed in {time.perf_counter() - started:.2f} s.")
    return 0


def check_resources(records: Records) -> str:
    """The shipped fonts load into reportlab, and the app icon is there."""
    from involve_desktop.exports import fonts

    for name in (fonts.BODY_FONT, fonts.BOLD_FONT, fonts.ARABIC_FONT, fonts.CJK_FONT):
        fonts.register(name)
    icon = resources_dir() / "icons" / "involve.svg"
    if not icon.is_file():
        raise StepFailed(f"the app icon is missing: {icon}")
    return f"fonts and icon found in {resources_dir()}"


def make_new_records(records: Records) -> str:
    """New encrypted records, as the first-run wizard makes them: every migration runs."""
    from involve_desktop.db.revision import SCHEMA_HEAD
    from involve_desktop.db.sqlite_file import read_revision
    from involve_desktop.domain.recovery_key import new_recovery_key
    from involve_desktop.services.demo import DEMO_ADMINISTRATOR, DEMO_ORGANISATION
    from involve_desktop.services.protection import start_new_records

    ensure_writable(records.paths)
    signed = start_new_records(
        records.paths, DEMO_ORGANISATION, DEMO_ADMINISTRATOR, PASSWORD, new_recovery_key()
    )
    records.key, records.actor = signed.key, signed.actor
    revision = read_revision(records.paths.database, key=records.key)
    if revision != SCHEMA_HEAD:
        raise StepFailed(f"new records are at schema {revision}, not {SCHEMA_HEAD}")
    return f"encrypted records at schema {revision}"


def build_demo_records(records: Records) -> str:
    from involve_desktop.db.engine import Database
    from involve_desktop.services.demo import build_demo

    database = Database(records.paths.database, key=records.key)
    try:
        with database.session_scope() as session:
            summary = build_demo(session, people=DEMO_PEOPLE)
    finally:
        database.close()
    return f"{summary.people} people, {summary.activities} activities, {summary.claims} claims"


def check_migrations(records: Records) -> str:
    """The records check as current; an encrypted database one revision old upgrades as at a
    start (SQLCipher, with a copy kept first)."""
    from involve_desktop.db.revision import SCHEMA_HEAD
    from involve_desktop.db.sqlite_file import read_revision
    from involve_desktop.db.startup import DatabaseState, inspect_database, prepare_database

    status = inspect_database(records.paths.database, key=records.key)
    if status.state is not DatabaseState.CURRENT:
        raise StepFailed(f"the demo records are {status.state.value}: {status.message}")
    older = records.work / "older.db"
    previous = _make_previous_revision(older, records.key)
    status = inspect_database(older, key=records.key)
    if status.state is not DatabaseState.OUT_OF_DATE:
        raise StepFailed(f"a database at {previous} checks as {status.state.value}")
    status = prepare_database(older, key=records.key)
    if status.state is not DatabaseState.CURRENT:
        raise StepFailed(f"a database at {previous} was {status.state.value} after upgrading")
    copies = list(records.work.glob("involve-before-upgrade-*.db"))
    if not copies:
        raise StepFailed("no copy was kept before the upgrade")
    if read_revision(copies[0], key=records.key) != previous:
        raise StepFailed(f"the copy kept before the upgrade is not the records at {previous}")
    return f"upgraded {previous} to {SCHEMA_HEAD}, copy kept first"


def _make_previous_revision(path: Path, key: bytes) -> str:
    """A database encrypted with `key` at the revision before the head, made with the shipped
    scripts."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from involve_desktop.db.engine import create_db_engine
    from involve_desktop.db.migrate import alembic_config, head_revision
    from involve_desktop.db.revision import SCHEMA_HEAD

    config = alembic_config()
    head = head_revision()
    if head != SCHEMA_HEAD:
        raise StepFailed(f"the migration scripts end at {head}, the app expects {SCHEMA_HEAD}")
    previous = ScriptDirectory.from_config(config).get_revision(head).down_revision
    if not isinstance(previous, str):
        raise StepFailed(f"the head revision {head} has no single revision before it")
    engine = create_db_engine(path, key=key)
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, previous)
    finally:
        engine.dispose()
    return previous


def make_pdf(records: Records) -> str:
    """The pack (annual report, strategy, plan, evaluation, claim form) as one PDF."""
    import pypdfium2

    from involve_desktop.db.engine import Database
    from involve_desktop.exports.make_document import make_document
    from involve_desktop.services.report_documents import (
        DocumentKind,
        DocumentRequest,
        pack_choices,
    )

    target = records.work / "pack.pdf"
    today = date.today()
    database = Database(records.paths.database, key=records.key)
    try:
        with database.session_scope() as session:
            kinds = tuple(c.kind for c in pack_choices(session, None, today) if c.available)
        request = DocumentRequest(DocumentKind.PACK, pack=kinds)
        pages = make_document(database, records.actor, request, target, today)
    finally:
        database.close()
    if target.read_bytes()[:5] != b"%PDF-":
        raise StepFailed("the file written does not start as a PDF")
    document = pypdfium2.PdfDocument(target)
    try:
        read_pages = len(document)
    finally:
        document.close()
    if pages < 1 or read_pages != pages:
        raise StepFailed(f"the PDF has {read_pages} pages, {pages} were written")
    return f"pack of {len(kinds)} documents, {pages} pages, read back by pdfium"


def back_up_and_verify(records: Records) -> str:
    """An encrypted backup with a passphrase (Argon2id), then read back and checked."""
    from involve_desktop.backup.backup_key import BackupKey
    from involve_desktop.backup.verify import verify_backup
    from involve_desktop.db.engine import Database
    from involve_desktop.services.backups import back_up

    folder = records.work / "stick"
    folder.mkdir()
    database = Database(records.paths.database, key=records.key)
    try:
        result = back_up(
            database,
            records.paths,
            records.key,
            folder,
            records.actor,
            now=datetime.now(),
            key=BackupKey.from_passphrase(PASSPHRASE),
            removable=True,
        )
    finally:
        database.close()
    summary = verify_backup(result.path, PASSPHRASE, work_dir=records.work)
    if not summary.encrypted or summary.people != DEMO_PEOPLE:
        raise StepFailed(
            f"the backup holds {summary.people} people (encrypted: {summary.encrypted})"
        )
    return f"{result.size_bytes // 1024} KB, encrypted, verified with {summary.people} people"


def _open_window(records: Records, open_window: OpenWindow) -> str:
    from involve_desktop.services.staff import slot_id

    problems = open_window(
        records.paths, records.key, slot_id(records.actor.staff_id), records.actor
    )
    if problems:
        raise StepFailed("; ".join(problems))
    return "main window shown offscreen, Home drawn with its chart, icon loaded"


def _say(out: TextIO | None, line: str) -> None:
    # A windowed Windows build has no console: sys.stdout is None, and the exit status speaks.
    if out is not None:
        print(line, file=out, flush=True)


def _remove(work: Path, out: TextIO | None) -> None:
    """Remove the temporary folder; first let go of log files the app opened in it. What is
    left (a file another program holds) is said, but fails nothing: the checks passed."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "involve_handler", False)]:
        root.removeHandler(handler)
        handler.close()
    shutil.rmtree(work, ignore_errors=True)
    if work.exists():
        _say(out, f"warning: the temporary folder {work} could not be removed completely")
