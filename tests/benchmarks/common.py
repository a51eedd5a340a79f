"""Shared helpers for `make bench`: one line per figure, in the agreed format, and the
timing of a screen opened to its first rows beside the same SQL on a raw connection."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.dialects import sqlite


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
