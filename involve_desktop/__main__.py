"""Start the Involve desktop app.

The order matters for safety and speed: arguments → data folder → logging → one copy only →
check (and if due, copy and upgrade) the database → read the few facts the window needs with
the standard library → Qt → show the window → load SQLAlchemy and the services in the
background. Qt is imported as late as possible because PySide6 inspects the source of every
module imported after it (docs/decisions/002-start-up-time.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from involve_desktop import APP_NAME, __version__
from involve_desktop.db.sqlite_file import read_startup_facts
from involve_desktop.db.startup import (
    DamagedDatabase,
    DatabaseState,
    inspect_database,
    prepare_database,
    replace_with_copy,
)
from involve_desktop.drive_safety import drive_kind, warning_for
from involve_desktop.errors import AlreadyRunningError, DatabaseProblem, DataFolderError
from involve_desktop.instance_lock import InstanceLock
from involve_desktop.logging_setup import setup_logging
from involve_desktop.paths import AppPaths, ensure_writable, resolve_paths, resources_dir


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="involve-desktop", description="Start Involve.")
    parser.add_argument("--version", action="version", version=f"Involve {__version__}")
    parser.add_argument(
        "--data-dir",
        help="folder holding the database (default: INVOLVE_DATA_DIR, else your data folder)",
    )
    # For `make bench`: write start-up timings to this file, then quit.
    parser.add_argument("--report-start-to", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    paths = resolve_paths(args.data_dir)
    try:
        ensure_writable(paths)
    except DataFolderError as problem:
        _show_start_problem("Involve cannot start", problem.message)
        return 2
    setup_logging(paths.log_dir)
    if not _data_folder_is_safe_or_accepted(paths):
        return 1
    lock = InstanceLock(paths.lock_file)
    try:
        lock.acquire()
    except AlreadyRunningError as problem:
        _show_start_problem("Involve is already open", problem.message)
        return 1
    try:
        try:
            if not open_database(paths.database):
                return 1
        except DatabaseProblem as problem:
            _show_start_problem("Involve cannot open your records", problem.message)
            return 1
        return _run_window(paths, args.report_start_to)
    finally:
        lock.release()


def _qt_app() -> Any:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "involve.svg")))
    return app


def _show_start_problem(title: str, message: str) -> None:
    _qt_app()
    from involve_desktop.ui import prompts

    prompts.show_problem(None, title, message)


def _data_folder_is_safe_or_accepted(paths: AppPaths) -> bool:
    warning = warning_for(drive_kind(paths.data_dir), paths.data_dir)
    if warning is None:
        return True
    _qt_app()
    from involve_desktop.ui import prompts

    return prompts.ask_yes_no(
        None, "Your data folder is not on this computer's disk", warning, "Open anyway"
    )


def open_database(path: Path) -> bool:
    """Make the database ready, asking the user where a choice is theirs; False to stop."""
    status = inspect_database(path)
    if status.state is DatabaseState.CURRENT:
        return True
    if status.state is DatabaseState.OUT_OF_DATE:
        _qt_app()
        from involve_desktop.ui.progress import run_with_progress

        run_with_progress(
            None,
            "Upgrading your records",
            "Involve is upgrading your records for this version. A copy is kept first.",
            lambda: prepare_database(path),
        )
        return True
    try:
        prepare_database(path)
    except DamagedDatabase as damaged:
        _qt_app()
        from involve_desktop.ui.dialogs.damaged_database_dialog import DamagedDatabaseDialog

        newest = damaged.good_copies[0] if damaged.good_copies else None
        dialog = DamagedDatabaseDialog(damaged.message, newest)
        dialog.exec()
        if not dialog.use_copy or newest is None:
            return False
        replace_with_copy(path, newest)
        return open_database(path)
    return True


def _run_window(paths: AppPaths, report_to: Path | None) -> int:
    facts = read_startup_facts(paths.database)
    app = _qt_app()
    from involve_desktop.app import AppContext
    from involve_desktop.ui.crash import CrashHandler

    CrashHandler(paths.log_dir).install()
    ctx = AppContext(paths, facts)
    try:
        if facts.organisation_name is None:
            from involve_desktop.ui.dialogs.first_run_wizard import FirstRunWizard

            if not FirstRunWizard(ctx).exec():
                return 0
        from involve_desktop.ui.main_window import MainWindow

        window = MainWindow(ctx)
        window.show()
        if report_to is not None:
            _report_start_when_ready(ctx, report_to)
        # Also after the wizard, which already opened the database: the warm-up is then almost
        # free, and its `services_ready` signal is what fills in the window.
        ctx.start_warm_up()
        return int(app.exec())
    finally:
        ctx.close()


def _report_start_when_ready(ctx: Any, report_to: Path) -> None:
    """Record when the window is shown and idle, and when the records are ready; then quit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    marks: dict[str, float] = {}

    def shown() -> None:
        marks["shown"] = time.time()

    def finish() -> None:
        marks["ready"] = time.time()
        lines = [f"{name} {value:.6f}" for name, value in marks.items()]
        lines.append(f"max_rss_kb {_max_rss_kb()}")
        report_to.write_text("\n".join(lines) + "\n", encoding="utf-8")
        QApplication.quit()

    QTimer.singleShot(0, shown)
    ctx.events.services_ready.connect(lambda: QTimer.singleShot(0, finish))


def _max_rss_kb() -> int:
    try:
        import resource
    except ImportError:  # Windows
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    sys.exit(main())
