"""Start the Involve desktop app.

The order matters for safety and speed: arguments → data folder → logging → one copy only →
check (and if due, copy and upgrade) the database → read the few facts the window needs with
the standard library → Qt → show the window → load SQLAlchemy and the services in the
background. Qt is imported as late as possible because PySide6 inspects the source of every
module imported after it (docs/decisions/002-start-up-time.md).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
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
from involve_desktop.errors import AlreadyRunningError, DataFolderError, KnownError
from involve_desktop.instance_lock import InstanceLock
from involve_desktop.logging_setup import setup_logging
from involve_desktop.paths import AppPaths, ensure_writable, resolve_paths, resources_dir

USER_ENV = "INVOLVE_USER"
PASSWORD_ENV = "INVOLVE_PASSWORD"
PRELOAD_DELAY_MS = 150
# Held while Involve runs on Windows; Setup (AppMutex in packaging/involve.iss) waits for it.
RUNNING_MUTEX = "InvolveRunningMutex"
_running_mutex: Any = None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="involve-desktop", description="Start Involve.")
    parser.add_argument("--version", action="version", version=f"Involve {__version__}")
    parser.add_argument(
        "--data-dir",
        help="folder holding the database (default: INVOLVE_DATA_DIR, else your data folder)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this copy of Involve works, in a temporary folder, with no window; "
        "exit status 0 when it does",
    )
    parser.add_argument("--self-test-log", type=Path, help="with --self-test, write its lines here")
    # For `make bench`: write start-up timings to this file, then quit.
    parser.add_argument("--report-start-to", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if sys.platform == "win32":
        _hold_running_mutex()
    if args.self_test:
        from involve_desktop.self_test import run_self_test

        log = args.self_test_log.open("w", encoding="utf-8") if args.self_test_log else None
        with log or contextlib.nullcontext():
            return run_self_test(open_window_for_self_test, log)
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
        while True:
            # Before every open, also after a restore in the window: a swap that stopped
            # part-way must be finished, or the old records would open and be lost next time.
            if not _restore_finished_or_said(paths):
                return 1
            try:
                opening = open_records(paths, args.report_start_to)
            except KnownError as problem:
                _show_start_problem("Involve cannot open your records", problem.message)
                return 1
            if opening is None:
                return 0
            status, restore = _run_window(paths, opening, args.report_start_to)
            if restore is None:
                return status
            # The window closed to restore a backup: the records are closed now. Restore,
            # then sign in again as at a start (the staff and the key may be the backup's).
            from involve_desktop.ui.screens.backup.restore_flow import restore_now

            restore_now(paths, restore)
    finally:
        lock.release()


def _hold_running_mutex() -> None:
    """Windows: the mutex Setup looks for, held (its handle kept) while the process lives."""
    global _running_mutex
    import ctypes

    _running_mutex = ctypes.windll.kernel32.CreateMutexW(  # type: ignore[attr-defined]
        None, False, RUNNING_MUTEX
    )


def finish_interrupted_restore(paths: AppPaths) -> bool:
    """Before anything opens the records: finish a restore stopped between its two renames,
    and clear what a stopped backup left. The backup code loads only when something is left
    (it costs ~50 ms of start-up otherwise)."""
    try:
        names = os.listdir(paths.data_dir)
        if "backups" in names and os.path.isdir(paths.data_dir / "backups"):
            names += os.listdir(paths.data_dir / "backups")
    except OSError:
        return False
    if not any(_left_by_backup(name) for name in names):
        return False
    from involve_desktop.backup.restore import finish_interrupted_restore as finish

    return finish(paths)


def _restore_finished_or_said(paths: AppPaths) -> bool:
    """True when no restore is left half done; else the problem is shown and False."""
    reason = "its files could not be put in place"
    try:
        finish_interrupted_restore(paths)
    except OSError as error:
        reason = f"{error.strerror or 'a file could not be renamed'}"
    if not (paths.data_dir / _RESTORE_MARKER).exists():
        return True
    _show_start_problem(
        "Involve cannot open your records",
        f"The restore could not finish: {reason}. Close other programs that may be using the "
        "Involve folder and start Involve again.",
    )
    return False


# What backup/restore.py leaves while it works (its marker, staged files, working folders).
_RESTORE_MARKER = "restore-pending.json"
_LEFT_BY_BACKUP = (_RESTORE_MARKER, "involve.db.restoring", "involve.keys.restoring")
_WORKING_FOLDERS = (".involve-verify-", ".backup-")


_PARTIAL_PREFIXES = ("involve-before-restore-", ".involve-copy-")


def _left_by_backup(name: str) -> bool:
    if name.endswith(".partial") and name.startswith(_PARTIAL_PREFIXES):
        return True  # a kept copy or a local copy half-written by a stopped run
    return name in _LEFT_BY_BACKUP or name.startswith(_WORKING_FOLDERS)


def _qt_app(paths: AppPaths | None = None) -> Any:
    """The one QApplication; given the data folder, sized to this computer's text size."""
    global _text_size_applied
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "involve.svg")))
        from involve_desktop.ui.gc_on_gui_thread import collect_on_gui_thread

        # Garbage is collected on the GUI thread only, never on a reader thread.
        collect_on_gui_thread(app)
    if paths is not None and not _text_size_applied:
        from involve_desktop.ui.text_size import apply_saved_text_size

        apply_saved_text_size(app, paths)
        _text_size_applied = True
    return app


_text_size_applied = False  # the "Text size" setting is applied once, at the first window


def _show_start_problem(title: str, message: str) -> None:
    _qt_app()
    from involve_desktop.ui import prompts

    prompts.show_problem(None, title, message)


def _data_folder_is_safe_or_accepted(paths: AppPaths) -> bool:
    warning = warning_for(drive_kind(paths.data_dir), paths.data_dir)
    if warning is None:
        return True
    _qt_app(paths)
    from involve_desktop.ui import prompts

    return prompts.ask_yes_no(
        None, "Your data folder is not on this computer's disk", warning, "Open anyway"
    )


@dataclass(frozen=True)
class Opening:
    """How the records were opened: with which key, by whom (slot), and who that is if known."""

    key: bytes
    slot_id: str
    actor: Any = None


def open_records(paths: AppPaths, report_to: Path | None) -> Opening | None:
    """Sign in (or set up, or protect older records); None when the user stops."""
    if paths.key_file.exists():
        return _sign_in(paths, report_to)
    _qt_app(paths)
    from involve_desktop.services import protection
    from involve_desktop.services.staff import slot_id

    facts = None
    if paths.database.exists() and paths.database.stat().st_size:
        # Records from before encryption: check and upgrade them as always first.
        if not open_database(paths.database):
            return None
        facts = read_startup_facts(paths.database)
    if facts is not None and facts.organisation_name:
        from involve_desktop.ui.dialogs.protect_records_wizard import ProtectRecordsWizard

        wizard = ProtectRecordsWizard(
            facts.organisation_name,
            lambda *answers: protection.protect_existing_records(paths, *answers),
        )
        if not wizard.exec():
            return None
        signed = wizard.result_of_protect
    else:
        from involve_desktop.ui.dialogs.first_run_wizard import FirstRunWizard

        wizard = FirstRunWizard(
            paths, lambda *answers: protection.start_new_records(paths, *answers)
        )
        if not wizard.exec():
            return None
        if wizard.restored:
            # Records from a backup, with their own staff: sign in as at any start.
            return open_records(paths, report_to)
        signed = wizard.result_of_finish
    return Opening(signed.key, slot_id(signed.actor.staff_id), signed.actor)


def _sign_in(paths: AppPaths, report_to: Path | None) -> Opening | None:
    from involve_desktop.db.key_slots import KeyFile

    keys = KeyFile.load(paths.key_file)
    scripted = _scripted_sign_in(keys)
    if scripted is not None:
        key, slot = scripted
        return Opening(key, slot) if open_database(paths.database, key) else None
    _qt_app(paths)
    from PySide6.QtCore import QTimer

    from involve_desktop.ui.dialogs.sign_in_dialog import SignInDialog

    # Only staff slots carry a name; the recovery slot is reached through the dialog's link.
    dialog = SignInDialog("Involve", keys.labels(), keys.unlock)
    if report_to is not None:
        _report_when_shown_then_close(dialog, report_to)
    # Once the window has painted, so that loading does not delay it.
    QTimer.singleShot(PRELOAD_DELAY_MS, _preload_services)
    if not dialog.exec() or dialog.key is None:
        return None
    if not open_database(paths.database, dialog.key):
        return None
    if dialog.new_password is not None:
        from involve_desktop.services.protection import reset_password_with_recovery_key

        actor = reset_password_with_recovery_key(
            paths, dialog.key, dialog.slot_id, dialog.new_password
        )
        return Opening(dialog.key, dialog.slot_id, actor)
    return Opening(dialog.key, dialog.slot_id)


def _preload_services() -> threading.Thread:
    """Import SQLAlchemy and the services while the password is typed and checked.

    The sign-in window waits for a person, and Argon2id runs outside the GIL, so this costs
    nothing that anyone waits for, and Home (the first screen) is ready sooner: its screen
    and the services for its jobs and figures are loaded by then.
    """

    def preload() -> None:
        import involve_desktop.services.home_jobs
        import involve_desktop.services.organisation
        import involve_desktop.services.people
        import involve_desktop.services.protection
        import involve_desktop.services.year_figures
        import involve_desktop.ui.screens.home.home_screen  # noqa: F401

    thread = threading.Thread(target=preload, name="preload", daemon=True)
    thread.start()
    return thread


def _scripted_sign_in(keys: Any) -> tuple[bytes, str] | None:
    """INVOLVE_USER and INVOLVE_PASSWORD, for scripted starts (self-test, benchmarks)."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if not user or not password:
        return None
    slot = keys.slot_named(user)
    if slot is None:
        return None
    preloading = _preload_services()
    unlocked = keys.unlock(slot, password), slot
    # A scripted start stands in for a person at the sign-in window, who takes longer to
    # type a password than the records layer takes to load: the main window opens once it
    # has, as it does after a typed sign-in.
    preloading.join()
    return unlocked


def open_database(path: Path, key: bytes | None = None) -> bool:
    """Make the database ready, asking the user where a choice is theirs; False to stop."""
    status = inspect_database(path, key=key)
    if status.state is DatabaseState.CURRENT:
        return True
    if status.state is DatabaseState.OUT_OF_DATE:
        _qt_app()
        from involve_desktop.ui.progress import run_with_progress

        run_with_progress(
            None,
            "Upgrading your records",
            "Involve is upgrading your records for this version. A copy is kept first.",
            lambda: prepare_database(path, key=key),
        )
        return True
    try:
        prepare_database(path, key=key)
    except DamagedDatabase as damaged:
        _qt_app()
        from involve_desktop.ui.dialogs.damaged_database_dialog import DamagedDatabaseDialog

        newest = damaged.good_copies[0] if damaged.good_copies else None
        dialog = DamagedDatabaseDialog(damaged.message, newest)
        dialog.exec()
        if not dialog.use_copy or newest is None:
            return False
        replace_with_copy(path, newest, key=key)
        return open_database(path, key)
    return True


def _run_window(paths: AppPaths, opening: Opening, report_to: Path | None) -> tuple[int, Any]:
    """Run the main window until it closes: the exit status, and the backup to restore
    when the window closed for a restore (the Backup screen's request), else None."""
    facts = read_startup_facts(paths.database, key=opening.key)
    app = _qt_app(paths)
    from involve_desktop.app import AppContext
    from involve_desktop.ui.crash import CrashHandler

    CrashHandler(paths.log_dir).install()
    ctx = AppContext(paths, facts, key=opening.key, actor=opening.actor, slot_id=opening.slot_id)
    from involve_desktop.ui.screens.home.early import read_home_early

    # Home is the first screen: its jobs and figures are read while the window is made.
    read_home_early(ctx, date.today())
    try:
        from involve_desktop.ui.main_window import MainWindow

        window = MainWindow(ctx)
        window.show()
        if report_to is not None:
            _report_start_when_ready(ctx, report_to, window)
        # Also after the wizard, which already opened the database: the warm-up is then almost
        # free, and its `services_ready` signal is what fills in the window.
        ctx.start_warm_up()
        status = int(app.exec())
    finally:
        ctx.close()
    return status, ctx.restore_on_close


SELF_TEST_WINDOW_LIMIT_MS = 120_000


def open_window_for_self_test(paths: AppPaths, key: bytes, slot: str, actor: Any) -> list[str]:
    """For `--self-test`: the main window on the records, opened as at a start and closed
    (without the backup offer) once Home has drawn; what went wrong, if anything."""
    app = _qt_app(paths)
    from PySide6.QtCore import QTimer

    limit = QTimer()
    limit.setSingleShot(True)
    limit.timeout.connect(lambda: app.exit(3))
    limit.start(SELF_TEST_WINDOW_LIMIT_MS)
    problems: list[str] = []

    def fail_fast(kind: type[BaseException], error: BaseException, tb: Any) -> None:
        # Instead of the crash dialog, which would wait for a person who is not there.
        import traceback

        traceback.print_exception(kind, error, tb)
        problems.append(f"{kind.__name__}: {error}")
        app.exit(4)

    # Once the loop runs, after _run_window has installed the crash handler.
    QTimer.singleShot(0, lambda: setattr(sys, "excepthook", fail_fast))
    report = paths.data_dir / "start-report.txt"
    status, _ = _run_window(paths, Opening(key, slot, actor), report)
    limit.stop()
    if status == 3:
        problems.append(f"Home was not drawn within {SELF_TEST_WINDOW_LIMIT_MS // 1000} s")
    elif status != 0 and not problems:
        problems.append(f"the window closed with status {status}")
    elif not report.is_file() or "home_ready" not in report.read_text(encoding="utf-8"):
        problems.append("the window closed before Home was drawn")
    if "PySide6.QtCharts" not in sys.modules:
        problems.append("Home drew no chart (QtCharts was never loaded)")
    if app.windowIcon().pixmap(32, 32).isNull():
        problems.append("the app icon could not be drawn (image plugins missing?)")
    return problems


def _report_start_when_ready(ctx: Any, report_to: Path, window: Any) -> None:
    """Record when the window is shown and idle, when the records are ready, and when Home
    has drawn today's jobs and the year's figures (`home_ready`); then quit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    marks: dict[str, float] = {}

    def shown() -> None:
        marks["shown"] = time.time()

    def records_ready() -> None:
        marks["ready"] = time.time()
        home = window.screens.get("home")
        if home is None or not home.loading:
            finish()
        else:
            home.ready.connect(finish)

    def finish() -> None:
        marks.setdefault("home_ready", time.time())
        lines = [f"{name} {value:.6f}" for name, value in marks.items()]
        lines.append(f"resident_kb {_resident_kb()}")
        report_to.write_text("\n".join(lines) + "\n", encoding="utf-8")
        # exit(), not quit(): quit() closes the window as a user would, which offers a backup.
        QApplication.exit(0)

    QTimer.singleShot(0, shown)
    ctx.events.services_ready.connect(lambda: QTimer.singleShot(0, records_ready))


def _report_when_shown_then_close(dialog: Any, report_to: Path) -> None:
    """For `make bench`: the sign-in window is the first usable one; record it, then stop."""
    from PySide6.QtCore import QTimer

    def shown() -> None:
        report_to.write_text(f"shown {time.time():.6f}\nresident_kb {_resident_kb()}\n")
        dialog.reject()

    QTimer.singleShot(0, shown)


def _resident_kb() -> int:
    """Resident memory now (Linux), for `make bench`; 0 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
