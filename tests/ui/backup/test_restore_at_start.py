"""The bootstrap's part in restoring: a restore stopped part-way is finished before the
records open, and a restore confirmed in the window happens once the window and the records
are closed, followed by signing in again. Run as real processes, as a double-click runs it."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from involve_desktop import __main__ as bootstrap
from involve_desktop.backup import restore as restoring
from involve_desktop.backup.problems import BackupFailed
from involve_desktop.db.key_slots import KeyFile
from involve_desktop.paths import AppPaths, ensure_writable
from involve_desktop.services import backup_settings
from involve_desktop.services.backups import back_up
from involve_desktop.ui import ops
from tests.ui.backup.conftest import ADMIN, PASSPHRASE, PASSWORD, PEOPLE, TODAY, at, signed_in
from tests.ui.people_helpers import add_person


def run(script: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        cwd=Path(__file__).parents[3],
    )


def charity_with_a_backup(qapp, tmp_path: Path) -> tuple[AppPaths, Path]:
    """Records with a backup on a stick, and one more person added since."""
    paths = AppPaths(tmp_path / "data")
    ensure_writable(paths)
    ctx = signed_in(paths)
    try:
        ops.change(ctx, "backup", backup_settings.set_passphrase, ctx.actor, PASSPHRASE)
        stick = tmp_path / "stick"
        stick.mkdir()
        made = back_up(ctx.database(), ctx.paths, ctx.key, stick, ctx.actor, now=at(TODAY))
        add_person(ctx, "Added", "Later")
    finally:
        ctx.close()
    return paths, made.path


def test_the_start_knows_every_name_a_restore_leaves_behind():
    for name in (restoring.MARKER_NAME, restoring.STAGED_DATABASE, restoring.STAGED_KEYS):
        assert bootstrap._left_by_backup(name), name
    assert bootstrap._left_by_backup(".involve-verify-x1y2")
    assert bootstrap._left_by_backup(".backup-x1y2")
    assert not bootstrap._left_by_backup("involve.db")
    assert bootstrap._left_by_backup(f"{restoring.KEPT_PREFIX}2026-11-26.db.partial")
    assert bootstrap._left_by_backup(".involve-copy-000003-20261126-1645.involve-backup.partial")
    assert not bootstrap._left_by_backup("notes.partial")


def test_a_clean_data_folder_starts_without_loading_the_backup_code(paths):
    finished = run(
        """
        import sys
        from involve_desktop import __main__ as bootstrap
        from involve_desktop.paths import AppPaths
        print(bootstrap.finish_interrupted_restore(AppPaths(sys.argv[1])))
        print("involve_desktop.backup.restore" in sys.modules)
        """,
        str(paths.data_dir),
    )
    assert finished.stdout.split() == ["False", "False"], finished.stderr


def test_a_restore_stopped_between_its_renames_is_finished_before_the_records_open(
    qapp, tmp_path, monkeypatch
):
    paths, backup = charity_with_a_backup(qapp, tmp_path)
    real_replace = os.replace

    def stop_at_the_key_file(source, target):
        if Path(source).name == restoring.STAGED_KEYS:
            raise OSError(errno.EIO, "the power went here")
        real_replace(source, target)

    monkeypatch.setattr(restoring.os, "replace", stop_at_the_key_file)
    with pytest.raises(BackupFailed, match="finishes the restore as it starts"):
        restoring.restore_backup(backup, PASSPHRASE, paths, now=at(TODAY, 15))
    monkeypatch.setattr(restoring.os, "replace", real_replace)
    assert (paths.data_dir / restoring.MARKER_NAME).exists()

    report = tmp_path / "started.txt"
    command = [sys.executable, "-m", "involve_desktop", "--data-dir", str(paths.data_dir)]
    finished = subprocess.run(
        [*command, "--report-start-to", str(report)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "INVOLVE_USER": ADMIN, "INVOLVE_PASSWORD": PASSWORD},
    )

    assert finished.returncode == 0, finished.stderr
    assert "ready" in report.read_text()
    assert not (paths.data_dir / restoring.MARKER_NAME).exists()


DRIVER = """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from involve_desktop import __main__ as bootstrap
    from involve_desktop.services.people import count_people
    from involve_desktop.ui import ops, prompts
    from involve_desktop.ui.main_window import MainWindow

    data, backup = sys.argv[1:3]
    app = QApplication(sys.argv[:1])
    prompts.show_message = lambda parent, title, message: print("MESSAGE", title, flush=True)
    prompts.show_problem = lambda parent, title, message: print("PROBLEM", message, flush=True)
    seen = []

    def look():
        for window in QApplication.topLevelWidgets():
            if not isinstance(window, MainWindow) or window in seen:
                continue
            if not (window.isVisible() and window.ctx.services_ready):
                continue
            seen.append(window)
            people = ops.query(window.ctx, count_people)
            print("WINDOW", len(seen), "PEOPLE", people, flush=True)
            if len(seen) == 1:
                window.show_backup_area()
                dialog = window.current_screen().start_restore(Path(backup))
                dialog.confirm()
            else:
                QApplication.exit(0)
        QTimer.singleShot(100, look)

    QTimer.singleShot(100, look)
    sys.exit(bootstrap.main(["--data-dir", data]))
"""


def test_a_swap_that_fails_in_the_app_never_lets_the_old_records_open(qapp, tmp_path):
    paths, backup = charity_with_a_backup(qapp, tmp_path)
    # Another program holds the database: the swap's rename fails every time in this run.
    failing = DRIVER.replace(
        "    data, backup = sys.argv[1:3]\n",
        """    data, backup = sys.argv[1:3]
    import errno, os
    real_replace = os.replace

    def held(source, target):
        if Path(source).name == "involve.db.restoring":
            raise OSError(errno.EACCES, "Permission denied")
        real_replace(source, target)

    os.replace = held
""",
    )

    finished = run(
        failing, str(paths.data_dir), str(backup), INVOLVE_USER=ADMIN, INVOLVE_PASSWORD=PASSWORD
    )

    assert finished.returncode == 1, finished.stderr
    lines = finished.stdout.splitlines()
    assert lines[0] == f"WINDOW 1 PEOPLE {PEOPLE + 1}"
    assert lines[1].startswith("PROBLEM The restore could not finish putting the records")
    assert lines[2:] == [
        "PROBLEM The restore could not finish: Permission denied. Close other programs that "
        "may be using the Involve folder and start Involve again."
    ], finished.stdout
    assert (paths.data_dir / restoring.MARKER_NAME).exists()
    # The next start finishes the restore: the records are the backup's, none were lost.
    report = tmp_path / "started.txt"
    command = [sys.executable, "-m", "involve_desktop", "--data-dir", str(paths.data_dir)]
    again = subprocess.run(
        [*command, "--report-start-to", str(report)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "INVOLVE_USER": ADMIN, "INVOLVE_PASSWORD": PASSWORD},
    )
    assert again.returncode == 0, again.stderr
    assert not (paths.data_dir / restoring.MARKER_NAME).exists()
    assert sorted(paths.data_dir.glob(f"{restoring.KEPT_PREFIX}*.db"))


def test_a_restore_confirmed_in_the_window_closes_restores_and_signs_in_again(qapp, tmp_path):
    paths, backup = charity_with_a_backup(qapp, tmp_path)

    finished = run(
        DRIVER,
        str(paths.data_dir),
        str(backup),
        INVOLVE_USER=ADMIN,
        INVOLVE_PASSWORD=PASSWORD,
    )

    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.splitlines() == [
        f"WINDOW 1 PEOPLE {PEOPLE + 1}",
        "MESSAGE Backup restored",
        f"WINDOW 2 PEOPLE {PEOPLE}",
    ], finished.stderr
    kept = sorted(paths.data_dir.glob(f"{restoring.KEPT_PREFIX}*.db"))
    assert len(kept) == 1, "the records from before are kept"
    keys = KeyFile.load(paths.key_file)
    assert keys.unlock(keys.slot_named(ADMIN), PASSWORD)
