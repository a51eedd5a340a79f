"""Cold start: Involve on a 20,000-person demo database against a bare PySide6 window.

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
    import resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    open(sys.argv[1], "w").write(f"shown {time.time():.6f}\\nmax_rss_kb {rss}\\n")
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _run(command: list[str], report: Path) -> dict[str, float]:
    report.unlink(missing_ok=True)
    started = time.time()
    subprocess.run(command, env=_env(), check=True, timeout=120, capture_output=True)
    marks = dict(line.split() for line in report.read_text().splitlines())
    return {
        name: float(value) - (started if name != "max_rss_kb" else 0)
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
    baseline = min(run["shown"] for run in baseline_runs)
    baseline_mb = max(run["max_rss_kb"] for run in baseline_runs) / 1024
    shown = min(run["shown"] for run in app_runs)
    ready = min(run["ready"] for run in app_runs)
    memory_mb = max(run["max_rss_kb"] for run in app_runs) / 1024
    print_bench("cold_start", shown, "s", shown / baseline, "<=2.0x", shown / baseline <= 2.0)
    print_bench(
        "start_memory", memory_mb, "MB", memory_mb / baseline_mb, "<=200MB", memory_mb <= 200
    )
    print(
        f"# baseline: bare PySide6 window shown in {baseline:.3f}s (best of {RUNS}), "
        f"{baseline_mb:.1f} MB resident (worst of {RUNS}); memory is the worst run too"
    )
    # Not a target of this issue: how long after the window the first screen is filled in
    # (SQLAlchemy loads in the background meanwhile). Home will have to be ready within
    # 0.5 s of the window showing, so this is watched from now on.
    print(f"# first screen filled in {ready:.3f}s, {ready - shown:.3f}s after the window showed")


if __name__ == "__main__":
    main()
