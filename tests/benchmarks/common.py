"""Shared helpers for `make bench`: one line per figure, in the agreed format, and the
timing of a screen opened to its first rows beside the same SQL on a raw connection."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.dialects import sqlite

from involve_desktop.cli import DEMO_PASSWORD
from involve_desktop.services.demo import DEMO_ADMINISTRATOR

# The cold-start baseline: the same Python showing an empty QMainWindow, reporting when it
# is shown and the event loop has run once, as the app's `--report-start-to` does.
BASELINE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
def shown():
    rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:"))
    open(sys.argv[1], "w").write(f"shown {time.time():.6f}\\nresident_kb {rss}\\n")
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

# Signing in as the demo administrator without typing, for the runs that go past sign-in.
SIGNED_IN = {"INVOLVE_USER": DEMO_ADMINISTRATOR, "INVOLVE_PASSWORD": DEMO_PASSWORD}


def print_bench(name: str, value: float, unit: str, ratio: float, target: str, ok: bool) -> None:
    verdict = "PASS" if ok else "FAIL"
    print(
        f"BENCH {name} {value:.3f}{unit} ratio={ratio:.2f}x target={target} {verdict}", flush=True
    )


def print_time_bench(name: str, seconds: float, raw_seconds: float, target_seconds: float) -> None:
    """A timing in milliseconds, as a ratio against the raw SQL, against its target."""
    print_bench(
        name,
        seconds * 1000,
        "ms",
        seconds / raw_seconds,
        f"<={target_seconds * 1000:.0f}ms",
        seconds <= target_seconds,
    )


def compiled(statement: Any) -> str:
    """The app's own query as SQL text, to run on a raw connection."""
    return str(statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def time_screen_opens(
    app: Any, open_screen: Callable[[], Any], raw_run: Callable[[], float], times: int
) -> tuple[float, float]:
    """Median seconds from asking for a screen to its first rows painted, and median seconds
    of `raw_run` (the same SQL with no app), each measured `times` times in turn."""
    opens, raw_opens = [], []
    for _ in range(times):
        raw_opens.append(raw_run())
        started = time.perf_counter()
        screen = open_screen()
        screen.show()
        app.processEvents()
        opens.append(time.perf_counter() - started)
        assert screen.model.cache, "the first rows were fetched and painted"
        screen.close()
        screen.deleteLater()
        app.processEvents()
    return statistics.median(opens), statistics.median(raw_opens)


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def run_marks(command: list[str], report: Path, **env: str) -> dict[str, float]:
    """Run one fresh process that writes marks ("shown 1712345678.123") to `report`; the
    marks as seconds since the process was started (resident_kb as it is)."""
    report.unlink(missing_ok=True)
    started = time.time()
    subprocess.run(command, env=_env(**env), check=True, timeout=120, capture_output=True)
    marks = dict(line.split() for line in report.read_text().splitlines())
    return {
        name: float(value) - (started if name != "resident_kb" else 0)
        for name, value in marks.items()
    }


def start_commands(folder: Path, data_dir: Path) -> tuple[list[str], list[str], Path]:
    """The baseline's and the app's command lines (the app on `data_dir`), and the report
    file both write their marks to; the baseline script is written into `folder`."""
    report = folder / "report.txt"
    baseline_script = folder / "baseline.py"
    baseline_script.write_text(BASELINE)
    baseline_cmd = [sys.executable, str(baseline_script), str(report)]
    app_cmd = [
        sys.executable,
        "-m",
        "involve_desktop",
        "--data-dir",
        str(data_dir),
        "--report-start-to",
        str(report),
    ]
    return baseline_cmd, app_cmd, report
