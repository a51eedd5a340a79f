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
from pathlib import Path

from common import SIGNED_IN, print_bench, run_marks, start_commands

RUNS = int(os.environ.get("BENCH_RUNS", "9"))
PEOPLE = 20_000


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
        baseline_cmd, app_cmd, report = start_commands(Path(folder), data_dir)
        # Warm the disk cache and .pyc files for both before measuring.
        run_marks(baseline_cmd, report)
        run_marks(app_cmd, report)
        # Interleaved, so a slow spell on the machine hits both sides alike.
        baseline_runs, app_runs = [], []
        for _ in range(RUNS):
            baseline_runs.append(run_marks(baseline_cmd, report))
            app_runs.append(run_marks(app_cmd, report))
        signed_in_runs = [run_marks(app_cmd, report, **SIGNED_IN) for _ in range(3)]
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
