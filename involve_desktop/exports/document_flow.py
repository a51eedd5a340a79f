"""How a document flows onto its pages: headings kept with what follows them, and the
progress hook a slow document reports through. Used by `document.build_pdf`."""

from __future__ import annotations

from collections.abc import Callable


def heading_keeper(keep_room: float, frame_height: float) -> type:
    """reportlab's KeepTogether for a heading and what follows it, changed so something
    long (a table of many pages) starts under its heading when `keep_room` or more is left
    on the page instead of leaving the page blank; something short that does not fit still
    moves to the next page with its heading."""
    from reportlab.platypus import KeepTogether

    class HeadingWithNext(KeepTogether):
        def split(self, aW: float, aH: float) -> list:
            if getattr(self, "_wrapInfo", None) != (aW, aH):
                self.wrap(aW, aH)
            long = frame_height / 2 < self._H
            if long and self._H > aH > keep_room:
                return list(self._content)
            return super().split(aW, aH)

    return HeadingWithNext


class BuildProgress:
    """Calls the progress hook with a count that only goes up (a flowable split across
    pages is counted for each piece) and not more often than once per 1% of the work."""

    def __init__(self, hook: Callable[[int, int], None] | None, total: int) -> None:
        self.hook = hook
        self.total = max(total, 1)
        self.done = 0
        self.reported = -1

    def step(self) -> None:
        if self.hook is None:
            return
        self.done = min(self.done + 1, self.total - 1)
        if self.done * 100 // self.total > self.reported:
            self.reported = self.done * 100 // self.total
            self.hook(self.done, self.total)

    def finish(self) -> None:
        if self.hook is not None:
            self.hook(self.total, self.total)
