"""Python's cycle collector, run on the GUI thread only.

Python collects reference cycles in whichever thread happens to allocate when a threshold is
crossed. With the search index and content updates running on worker threads, that can be a
worker, and a cycle holding a Qt widget is then destroyed off the GUI thread: the process
crashes (seen as a segmentation fault during an update install). So automatic collection is
switched off and a timer on the GUI thread collects instead, once a second.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, Qt, QTimer

CHECK_INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """While it lives, cycles are collected on the thread that created it, never elsewhere."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        # to the second is enough, and lets a laptop's idle wake-ups be batched together
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the young generation, and older ones as their thresholds say; objects freed.

        The young one every time, not by its allocation count: objects freed in bulk (a closed
        window) lower that count again, and a cycle made on a worker would then wait for ever.
        """
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        older = [gen for gen in (1, 2) if thresholds[gen] and counts[gen] > thresholds[gen]]
        return gc.collect(older[-1] if older else 0)

    def stop(self) -> None:
        """Hand collection back to Python (the event loop is over)."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
