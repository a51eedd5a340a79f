"""Involve's headless commands: `involve demo`, `involve check`, `involve export`,
`involve backup`, `involve restore`, `involve verify`, `involve self-test`, `involve --version`.

No Qt here, so every command runs on a machine with no display (CI, scripts, a server).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from involve_desktop import __version__
from involve_desktop.domain.formatting import count_of_people
from involve_desktop.drive_safety import drive_kind, warning_for
from involve_desktop.errors import KnownError
from involve_desktop.instance_lock import InstanceLock
from involve_desktop.logging_setup import setup_logging
from involve_desktop.paths import AppPaths, ensure_writable, resolve_paths

log = logging.getLogger(__name__)

DEMO_PASSWORD = "demo garden kettle"

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="involve", description="Involve: headless commands for scripts and support."
    )
    parser.add_argument("--version", action="version", version=f"Involve {__version__}")
    parser.add_argument(
        "--data-dir",
        help="folder holding the database (default: INVOLVE_DATA_DIR, else your data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = commands.add_parser("demo", help="build a demo database of invented people")
    demo.add_argument("--people", type=_positive, default=200, help="how many people (default 200)")
    demo.add_argument("--seed", type=int, default=2026, help="same seed, same data (default 2026)")
    demo.add_argument(
        "--years",
        type=_at_least_one,
        default=2,
        help="how many years of activities, claims and history (default 2)",
    )
    demo.add_argument(
        "--password",
        default=DEMO_PASSWORD,
        help=f"the demo administrator's password (default: {DEMO_PASSWORD!r})",
    )
    demo.add_argument(
        "--replace",
        action="store_true",
        help="set an existing database aside (kept, renamed) and build the demo in its place",
    )
    demo.set_defaults(run=run_demo)

    check = commands.add_parser(
        "check", help="check the database; exit status 0 only when it is sound and current"
    )
    check.set_defaults(run=run_check)

    self_test = commands.add_parser(
        "self-test",
        help="check this copy of Involve works, in a temporary folder (not your records); "
        "exit status 0 when it does",
    )
    self_test.set_defaults(run=run_self_test)

    from involve_desktop.cli_export import add_export_parser

    add_export_parser(commands, run_export)
    from involve_desktop.cli_backup import add_backup_parsers

    add_backup_parsers(commands, _unlock_actor)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        paths = resolve_paths(args.data_dir)
        # Every other command opens or replaces the records.
        if args.command not in ("verify", "self-test"):
            from involve_desktop.cli_backup import finish_interrupted_restore

            finish_interrupted_restore(paths)
        return int(args.run(paths, args))
    except KnownError as error:
        print(error.message, file=sys.stderr)
        return EXIT_PROBLEM


def run_demo(paths: AppPaths, args: argparse.Namespace) -> int:
    from involve_desktop.db.engine import Database
    from involve_desktop.db.startup import set_aside
    from involve_desktop.domain.recovery_key import new_recovery_key
    from involve_desktop.services.demo import DEMO_ADMINISTRATOR, DEMO_ORGANISATION, build_demo
    from involve_desktop.services.protection import start_new_records

    ensure_writable(paths)
    setup_logging(paths.log_dir)
    with InstanceLock(paths.lock_file):
        if paths.database.exists():
            if not args.replace:
                print(
                    f"There is already a database at {paths.database}. Nothing was changed. "
                    "Use --replace to set it aside (it is kept, renamed) and build the demo.",
                    file=sys.stderr,
                )
                return EXIT_PROBLEM
            kept = set_aside(paths.database, "involve-replaced-")
            if paths.key_file.exists():
                os.replace(paths.key_file, kept.with_suffix(".keys"))
            print(f"The old database is kept as {kept}.")
        recovery_key = new_recovery_key()
        signed = start_new_records(
            paths, DEMO_ORGANISATION, DEMO_ADMINISTRATOR, args.password, recovery_key
        )
        database = Database(paths.database, key=signed.key)
        try:
            with database.session_scope() as session:
                summary = build_demo(session, people=args.people, seed=args.seed, years=args.years)
        finally:
            database.close()
    log.info(
        "Built a demo database with %d people, %d activities and %d claims",
        summary.people,
        summary.activities,
        summary.claims,
    )
    print(
        f"Demo database ready at {paths.database} with {count_of_people(summary.people)}, "
        f"{summary.activities:,} activities and {summary.claims:,} claims."
    )
    print(f"Sign in as {DEMO_ADMINISTRATOR!r} with the password {args.password!r}.")
    print(f"Recovery key: {recovery_key}")
    return EXIT_OK


def run_self_test(_paths: AppPaths, _args: argparse.Namespace) -> int:
    """Every check of `Involve --self-test` but the window (no Qt here)."""
    from involve_desktop.self_test import run_self_test as run

    return run()


def _unlock(paths: AppPaths) -> bytes | None:
    """The database key from INVOLVE_USER / INVOLVE_PASSWORD, or asked for; None if plain."""
    return _unlock_slot(paths)[0]


def _unlock_slot(paths: AppPaths) -> tuple[bytes | None, str | None]:
    """The database key and the slot of the staff member who opened it (None, None: plain)."""
    if not paths.key_file.exists():
        return None, None
    from involve_desktop.db.key_slots import KeyFile

    keys = KeyFile.load(paths.key_file)
    user = os.environ.get("INVOLVE_USER") or _ask("Your name as it appears in Involve: ")
    password = os.environ.get("INVOLVE_PASSWORD") or _ask("Password: ", secret=True)
    slot = keys.slot_named(user)
    if slot is None:
        raise KnownError("That name or password is not right. Please try again.")
    return keys.unlock(slot, password), slot


def run_export(paths: AppPaths, args: argparse.Namespace) -> int:
    from involve_desktop.cli_export import run_export as export

    return export(paths, args, _unlock_actor)


def _unlock_actor(paths: AppPaths):  # type: ignore[no-untyped-def]
    """The key, and the staff member as the actor (the sign-in is audited, as in the app)."""
    key, slot = _unlock_slot(paths)
    if slot is None:
        return key, None
    from involve_desktop.db.engine import Database
    from involve_desktop.services.protection import record_sign_in

    database = Database(paths.database, key=key)
    try:
        with database.session_scope() as session:
            return key, record_sign_in(session, slot)
    finally:
        database.close()


def _ask(prompt: str, *, secret: bool = False) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise KnownError(
            "The records are encrypted: set INVOLVE_USER and INVOLVE_PASSWORD, or run this "
            "command in a terminal so it can ask for them."
        )
    if secret:
        import getpass

        return getpass.getpass(prompt)
    return input(prompt)


def run_check(paths: AppPaths, args: argparse.Namespace) -> int:
    from involve_desktop.db.startup import DatabaseState, inspect_database

    key = _unlock(paths) if paths.database.exists() else None
    status = inspect_database(paths.database, thorough=True, key=key)
    if status.state is DatabaseState.MISSING:
        print(f"There is no Involve database at {paths.database}.", file=sys.stderr)
        return EXIT_PROBLEM
    if status.state is not DatabaseState.CURRENT:
        print(status.message, file=sys.stderr)
        return EXIT_PROBLEM
    print(f"{status.message} {_people_line(paths, key)} Involve {__version__}, {paths.database}.")
    warning = warning_for(drive_kind(paths.data_dir), paths.data_dir)
    if warning:
        print(f"Warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _people_line(paths: AppPaths, key: bytes | None) -> str:
    from involve_desktop.db.engine import Database
    from involve_desktop.services.people import count_people

    database = Database(paths.database, key=key)
    try:
        with database.session_scope() as session:
            return f"It holds {count_of_people(count_people(session, include_archived=True))}."
    finally:
        database.close()


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


if __name__ == "__main__":
    sys.exit(main())
