"""Home's first reads, started the moment the records open (AppContext.read_early).

Home is the first screen: its jobs and figures are read while the window makes its screens,
instead of after. This module stays light (no services at import), because the main window
registers the reads before SQLAlchemy has loaded.
"""

from __future__ import annotations

from concurrent.futures import Future
from datetime import date
from typing import Any

from involve_desktop.app import AppContext
from involve_desktop.ui import ops

EARLY_JOBS, EARLY_FIGURES = "home jobs", "home figures"


def read_home_early(ctx: AppContext, today: date) -> None:
    def jobs() -> tuple[date, Any]:
        from involve_desktop.services.home_jobs import todays_jobs

        return today, ops.query(ctx, todays_jobs, today)

    def figures() -> tuple[date, Any]:
        from involve_desktop.services.year_figures import current_year_figures

        return today, ops.query(ctx, current_year_figures, today)

    ctx.read_early(EARLY_JOBS, jobs)
    ctx.read_early(EARLY_FIGURES, figures)


def take_early(ctx: AppContext) -> tuple[Future[Any] | None, Future[Any] | None]:
    """The early jobs and figures, once (on the GUI thread); None where none was started."""
    return ctx.take_early(EARLY_JOBS), ctx.take_early(EARLY_FIGURES)


def early_result(
    future: Future[Any] | None, today: date, period: tuple[date, date] | None = None
) -> Any:
    """The early read's result when it was read for this day (and, for figures, this year),
    else None. Called on a worker thread: it waits if the read is still going."""
    if future is None:
        return None
    read_on, result = future.result()
    if read_on != today:
        return None
    if period is not None and (result.first, result.last) != period:
        return None
    return result
