"""Involve's headless commands: `involve demo`, `involve check`, `involve --version`.

No Qt here, so every command runs on a machine with no display (CI, scripts, a server).
"""

from __future__ import annotations

import argparse
import logging
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
        "--replace",
        action="store_true",
        help="set an existing database aside (kept, renamed) and build the demo in its place",
    )
    demo.set_defaults(run=run_demo)

    check = commands.add_parser(
        "check", help="check the database; exit status 0 only when it is sound and current"
    )
    check.set_defaults(run=run_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        paths = resolve_paths(args.data_dir)
        return int(args.run(paths, args))
    except KnownError as error:
        print(error.message, file=sys.stderr)
        return EXIT_PROBLEM


def run_demo(paths: AppPaths, args: argparse.Namespace) -> int:
    from involve_desktop.db.engine import Database
    from involve_desktop.db.startup import prepare_database, set_aside
    from involve_desktop.services.demo import build_demo

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
            print(f"The old database is kept as {kept}.")
        prepare_database(paths.database)
        database = Database(paths.database)
        try:
            with database.session_scope() as session:
                summary = build_demo(session, people=args.people, seed=args.seed)
        finally:
            database.close()
    log.info("Built a demo database with %d people", summary.people)
    print(f"Demo database ready at {paths.database} with {count_of_people(summary.people)}.")
    return EXIT_OK


def run_check(paths: AppPaths, args: argparse.Namespace) -> int:
    from involve_desktop.db.startup import DatabaseState, inspect_database

    status = inspect_database(paths.database, thorough=True)
    if status.state is DatabaseState.MISSING:
        print(f"There is no Involve database at {paths.database}.", file=sys.stderr)
        return EXIT_PROBLEM
    if status.state is not DatabaseState.CURRENT:
        print(status.message, file=sys.stderr)
        return EXIT_PROBLEM
    print(f"{status.message} {_people_line(paths)} Involve {__version__}, {paths.database}.")
    warning = warning_for(drive_kind(paths.data_dir), paths.data_dir)
    if warning:
        print(f"Warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _people_line(paths: AppPaths) -> str:
    from involve_desktop.db.engine import Database
    from involve_desktop.services.people import count_people

    database = Database(paths.database)
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


if __name__ == "__main__":
    sys.exit(main())
