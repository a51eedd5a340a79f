"""`make bench`: run every benchmark in this folder, each printing its BENCH lines."""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"# {script.name}", flush=True)
        runpy.run_path(str(script), run_name="__main__")
    sys.stdout.flush()
    # Qt was loaded in this process: PySide6 can abort at interpreter shutdown (tests/conftest.py).
    os._exit(0)
