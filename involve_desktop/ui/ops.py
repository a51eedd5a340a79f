"""The one bridge from a widget to a service.

`query` reads; `change` writes and then announces what changed on the app's single
`data_changed` signal, so every screen can decide for itself whether to refresh. Both run
the service in its own unit of work: committed when it returns, rolled back when it raises.
`ValidationFailed` goes back to the caller (to show at the field). Anything else that the
caller does not handle reaches the crash handler, which shows a `KnownError`'s plain message
and treats everything else as a bug (`ui/crash.py`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from involve_desktop.app import AppContext

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")
Service = Callable[Concatenate[Any, P], R]


def query(ctx: AppContext, service: Service[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    with ctx.database().session_scope() as session:
        return service(session, *args, **kwargs)


def change(
    ctx: AppContext,
    kind: str,
    service: Service[P, R],
    *args: P.args,
    **kwargs: P.kwargs,
) -> R:
    with ctx.database().session_scope() as session:
        result = service(session, *args, **kwargs)
    log.info("Saved a change to %s", kind)
    ctx.events.data_changed.emit(kind)
    return result
