"""Starting the app for real (in-process): the happy path and every way it refuses to start."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from involve_desktop.__main__ import main
from involve_desktop.db import sqlite_file
from involve_desktop.db.startup import DatabaseState, inspect_database
from involve_desktop.instance_lock import InstanceLock
from involve_desktop.services.protection import start_new_records
from involve_desktop.ui.dialogs.damaged_database_dialog import DamagedDatabaseDialog
from involve_desktop.ui.dialogs.first_run_wizard import FirstRunWizard
from tests.conftest import EXAMPLE_ORGANISATION


@pytest.fixture(autouse=True)
def keep_hooks(monkeypatch):
    """The app installs its crash handler; put the test runner's back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def start(paths, tmp_path) -> tuple[int, str]:
    report = tmp_path / "started.txt"
    status = main(["--data-dir", str(paths.data_dir), "--report-start-to", str(report)])
    return status, report.read_text() if report.exists() else ""


def when_modal(kind, act) -> None:
    """Answer the next modal dialog of `kind` as the user would."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)


PASSWORD = "lighthouse pebble orchard"
RECOVERY = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"


def set_up_records(paths):
    return start_new_records(paths, EXAMPLE_ORGANISATION, "Priya Shah", PASSWORD, RECOVERY)


def start_process(paths, report_file, **env):
    # A real process, as a double-click starts it (in-process, a finished app.exec() leaves
    # Qt unwilling to run the next test's dialogs).
    command = [sys.executable, "-m", "involve_desktop", "--data-dir", str(paths.data_dir)]
    return subprocess.run(
        [*command, "--report-start-to", str(report_file)],
        capture_output=True,
        timeout=60,
        env={**os.environ, **env},
    )


def test_the_app_asks_who_is_signing_in_first(paths, tmp_path):
    set_up_records(paths)
    report_file = tmp_path / "started.txt"
    finished = start_process(paths, report_file)
    assert finished.returncode == 0 and b"Traceback" not in finished.stderr
    report = report_file.read_text()
    assert "shown" in report and "ready" not in report, "the sign-in window came first"


def test_a_signed_in_start_shows_the_window_and_records_the_sign_in(paths, tmp_path):
    signed = set_up_records(paths)
    report_file = tmp_path / "started.txt"
    finished = start_process(
        paths, report_file, INVOLVE_USER="Priya Shah", INVOLVE_PASSWORD=PASSWORD
    )
    assert finished.returncode == 0 and b"Traceback" not in finished.stderr
    assert "ready" in report_file.read_text()
    assert not paths.lock_file.with_name("involve.lock.owner").exists(), "the lock is released"
    connection = sqlite_file.connect(paths.database, key=signed.key)
    actions = [row[0] for row in connection.execute("SELECT action FROM audit_event")]
    connection.close()
    assert actions[-1] == "signed in"


def test_a_first_start_opens_the_wizard_and_cancelling_saves_nothing(
    qapp, paths, tmp_path, answers
):
    assert not paths.database.exists()
    answers.yes_no = True  # "Close Involve?" → yes
    when_modal(FirstRunWizard, lambda wizard: wizard.reject())
    status, report = start(paths, tmp_path)
    assert status == 0
    assert report == "", "the main window never opened"
    assert not paths.database.exists() and not paths.key_file.exists()


def test_a_second_copy_is_refused_in_plain_words(qapp, paths, database, tmp_path, answers):
    with InstanceLock(paths.lock_file):
        status, _report = start(paths, tmp_path)
    assert status == 1
    title, message = answers.problems[0]
    assert title == "Involve is already open"
    assert "Only one copy can use it at a time" in message


def test_a_data_folder_that_cannot_be_written_is_explained(qapp, tmp_path, answers):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    status = main(["--data-dir", str(blocker / "data")])
    assert status == 2
    _title, message = answers.problems[0]
    assert "cannot save its files" in message and "--data-dir" in message


def test_a_database_from_a_newer_version_is_refused_and_untouched(
    qapp, paths, plain_database, tmp_path, answers
):
    plain_database.close()
    connection = sqlite3.connect(paths.database)
    connection.execute("UPDATE alembic_version SET version_num = '0042_future'")
    connection.commit()
    connection.close()
    sqlite_file.checkpoint(paths.database)
    before = paths.database.read_bytes()
    status, _report = start(paths, tmp_path)
    assert status == 1
    assert "newer version of Involve" in answers.problems[0][1]
    assert paths.database.read_bytes() == before


def test_a_damaged_database_offers_the_good_copy_and_starts_from_it(
    qapp, paths, tmp_path, answers, monkeypatch
):
    signed = set_up_records(paths)
    monkeypatch.setenv("INVOLVE_USER", "Priya Shah")
    monkeypatch.setenv("INVOLVE_PASSWORD", PASSWORD)
    copy = paths.data_dir / "involve-before-upgrade-0001_foundation-20261120-120000.db"
    sqlite_file.copy_database(paths.database, copy, key=signed.key)
    for companion in paths.data_dir.glob("involve.db-*"):
        companion.unlink()
    paths.database.write_bytes(b"\0garbage" * 500)

    when_modal(DamagedDatabaseDialog, lambda dialog: dialog.use_copy_button.click())
    status, report = start(paths, tmp_path)

    assert answers.problems == []
    assert status == 0 and "ready" in report
    assert inspect_database(paths.database, key=signed.key).state is DatabaseState.CURRENT
    assert list(paths.data_dir.glob("involve-damaged-*.db")), "the damaged file is kept"


def test_a_data_folder_on_a_network_drive_is_warned_about_and_can_be_declined(
    qapp, paths, monkeypatch, answers
):
    import involve_desktop.__main__ as bootstrap
    from involve_desktop.drive_safety import DriveKind

    # The operating system's answer is the edge: pretend the folder is on a share.
    monkeypatch.setattr(bootstrap, "drive_kind", lambda folder: DriveKind.NETWORK)
    answers.yes_no = False
    status = main(["--data-dir", str(paths.data_dir)])
    assert status == 1
    assert answers.asked == ["Your data folder is not on this computer's disk"]
    assert not paths.database.exists(), "nothing was created on the share"
