"""Opens or builds the full-text index on a low-priority thread while the window stays live."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal

from reader.manual import Manual
from reader.search import BuildCancelled, OpenedSearch, open_search

log = logging.getLogger(__name__)


class IndexLoader(QThread):
    """One run of `open_search`; `progress` while building, then `ready` or `cancelled`."""

    progress = Signal(int, int)  # done, total
    ready = Signal(object)  # OpenedSearch
    cancelled = Signal()

    def __init__(self, manual: Manual, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-index")
        self.manual = manual
        self._cancel = threading.Event()

    def run(self) -> None:
        try:
            opened: OpenedSearch = open_search(
                self.manual, progress=self.progress.emit, cancel=self._cancel.is_set
            )
        except BuildCancelled:
            self.cancelled.emit()
            return
        self.ready.emit(opened)

    def stop(self) -> None:
        """Ask the build to stop and wait for the thread (the window is closing)."""
        self._cancel.set()
        if self.isRunning():
            self.wait(10_000)

    def start_low_priority(self) -> None:
        # reading comes first: the build must not compete with the window for the CPU
        self.start(QThread.Priority.LowPriority)
