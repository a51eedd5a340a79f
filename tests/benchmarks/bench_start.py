"""Cold start: Involve on a 20,000-person demo database against a bare PySide6 window.

Since the records are encrypted, the first usable window is the sign-in window: cold start is
measured to it (the password is typed by a person). Memory is measured after a scripted
sign-in, with the main window filled in.

Each run is a fresh process. The baseline is the same Python showing an empty QMainWindow;
both report when the window is shown and the event loop has run once. Best of N, so that
a noisy neighbour on the machine does not decide the figure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import print_bench

from involve_desktop.cli import DEMO_PASSWORD
from involve_desktop.services.demo import DEMO_ADMINISTRATOR

RUNS = int(os.environ.get("BENCH_RUNS", "9"))
PEOPLE = 20_000

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


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


# Signing in as the demo administrator without typing, for the runs that go past sign-in.
SIGNED_IN = {"INVOLVE_USER": DEMO_ADMINISTRATOR, "INVOLVE_PASSWORD": DEMO_PASSWORD}


def _run(command: list[str], report: Path, **env: str) -> dict[str, float]:
    report.unlink(missing_ok=True)
    started = time.time()
    subprocess.run(command, env=_env(**env), check=True, timeout=120, capture_output=True)
    marks = dict(line.split() for line in report.read_text().splitlines())
    return {
        name: float(value) - (started if name != "resident_kb" else 0)
        for name, value in marks.items()
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "involve_desktop.cli",
                "--data-dir",
                str(data_dir),
                "demo",
                "--people",
                str(PEOPLE),
            ],
            check=True,
            capture_output=True,
        )
        report = Path(folder) / "report.txt"
        baseline_script = Path(folder) / "baseline.py"
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
        # Warm the disk cache and .pyc files for both before measuring.
        _run(baseline_cmd, report)
        _run(app_cmd, report)
        # Interleaved, so a slow spell on the machine hits both sides alike.
        baseline_runs, app_runs = [], []
        for _ in range(RUNS):
            baseline_runs.append(_run(baseline_cmd, report))
            app_runs.append(_run(app_cmd, report))
        signed_in_runs = [_run(app_cmd, report, **SIGNED_IN) for _ in range(3)]
    baseline = min(run["shown"] for run in baseline_runs)
    baseline_mb = max(run["resident_kb"] for run in baseline_runs) / 1024
    shown = min(run["shown"] for run in app_runs)
    ready = min(run["ready"] for run in signed_in_runs)
    signed_in_shown = min(run["shown"] for run in signed_in_runs)
    memory_mb = max(run["resident_kb"] for run in signed_in_runs) / 1024
    print_bench("cold_start", shown, "s", shown / baseline, "<=2.0x", shown / baseline <= 2.0)
    print_bench(
        "start_memory", memory_mb, "MB", memory_mb / baseline_mb, "<=200MB", memory_mb <= 200
    )
    print(
        f"# baseline: bare PySide6 window shown in {baseline:.3f}s (best of {RUNS}), "
        f"{baseline_mb:.1f} MB resident (worst of {RUNS}); memory is the worst run too"
    )
    # Not targets: after signing in (Argon2id, about 0.25 s), when the main window shows and
    # when its first screen is filled in (SQLAlchemy loads in the background meanwhile).
    # Home will have to be ready within 0.5 s of the window showing, so this is watched.
    print(
        f"# signed in by script: main window shown at {signed_in_shown:.3f}s, first screen "
        f"filled at {ready:.3f}s ({ready - signed_in_shown:.3f}s after the window showed)"
    )


if __name__ == "__main__":
    main()
