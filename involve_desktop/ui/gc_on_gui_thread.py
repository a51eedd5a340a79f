"""Python's garbage collection, run only on the GUI thread.

Left to itself, Python collects garbage on whichever thread happens to allocate when a
threshold is passed: often one of the reader threads (Home's reads, the progress workers,
the early reads). A cycle that holds a Qt object is then freed on that thread, and Qt objects
must only be deleted on the thread they live on: the app can crash ("Garbage-collecting" in
a reader's stack). So, as pyqtgraph's GarbageCollector does, automatic collection is turned
off and a timer on the GUI thread collects instead, each generation only once its threshold
is passed, so a tick with little garbage costs next to nothing.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 1000


class GarbageCollector(QObject):
    """Collects garbage every `interval_ms` on the thread it lives on (the GUI thread)."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generations past their thresholds, as Python itself would."""
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)


def collect_on_gui_thread(app: QCoreApplication) -> GarbageCollector:
    """Install the collector on the application (once; later calls return the same one)."""
    found = app.findChild(GarbageCollector)
    return found if found is not None else GarbageCollector(app)
