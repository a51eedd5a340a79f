"""`Involve --self-test`, run as CI runs it on the built app (here unfrozen), and
`involve self-test`, the same checks without the window."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from involve_desktop.cli import main

STEPS = ["resources", "new records", "demo", "migrations", "pdf", "backup"]


def _self_test_folders() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("involve-self-test-*"))


@pytest.mark.slow
def test_the_app_checks_itself_headless_and_leaves_nothing_behind(tmp_path):
    before = _self_test_folders()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    # The user's data folder must be left alone: point it somewhere the test can watch.
    env["INVOLVE_DATA_DIR"] = str(tmp_path / "users-data")
    # With --self-test-log, as the windowed Windows build (no console) is run by its build.
    log = tmp_path / "self-test.log"
    done = subprocess.run(
        [sys.executable, "-m", "involve_desktop", "--self-test", "--self-test-log", str(log)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    written = log.read_text(encoding="utf-8")
    assert done.returncode == 0, written + done.stdout + done.stderr
    lines = written.splitlines()
    for step in [*STEPS, "window"]:
        assert any(line.startswith(f"ok   {step} (") for line in lines), (step, lines)
    assert lines[-1].startswith("Self-test passed in ")
    assert "pack of 5 documents" in written
    assert "copy kept first" in written
    assert "Self-test" not in done.stdout, "the lines go to the log file instead"
    assert not (tmp_path / "users-data").exists()
    assert _self_test_folders() == before


def test_a_failed_step_is_named_and_the_status_is_not_zero(tmp_path):
    # A migrations folder with no scripts, as a build that forgot them would have.
    empty = tmp_path / "migrations"
    (empty / "versions").mkdir(parents=True)
    code = (
        "import sys; from pathlib import Path; import involve_desktop.db.migrate as m; "
        f"m.MIGRATIONS_DIR = Path({str(empty)!r}); "
        "from involve_desktop.self_test import run_self_test; sys.exit(run_self_test())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "FAIL new records (" in done.stdout
    assert "Self-test failed at the step 'new records'." in done.stdout


def test_the_command_line_runs_every_check_but_the_window(capsys, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # restored after: run sets it
    assert main(["self-test"]) == 0
    out = capsys.readouterr().out
    for step in STEPS:
        assert f"ok   {step} (" in out
    assert "ok   window" not in out
    assert "run `Involve --self-test`" in out
