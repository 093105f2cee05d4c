"""Loads the search engines on a low-priority thread while the window stays live.

First the title engine (it needs the vocabulary and a speller: a fraction of a second), then
the full-text index, opened or built. Even importing the search modules (Whoosh) and Markdown
happens on this thread: done on the GUI thread it held the window still for a fifth of a second.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal

from reader.manual import Manual

log = logging.getLogger(__name__)


class IndexLoader(QThread):
    """`titles_ready`, then `progress` while building, then `ready` unless stopped; or
    `failed` at any point."""

    titles_ready = Signal(object)  # TitleSearcher
    progress = Signal(int, int)  # done, total
    ready = Signal(object)  # OpenedSearch
    failed = Signal(str)  # what went wrong, in plain words

    def __init__(self, manual: Manual, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-index")
        self.manual = manual
        self._cancel = threading.Event()

    def run(self) -> None:
        # Markdown too: without it here, the first chapter opened waited 40 ms for its import
        import reader.chapter_markdown  # noqa: F401
        from reader.search import BuildCancelled, open_search, title_searcher

        try:
            self.titles_ready.emit(title_searcher(self.manual))
            opened = open_search(self.manual, progress=self.progress.emit,
                                 cancel=self._cancel.is_set)
        except BuildCancelled:
            return
        except Exception as exc:  # open_search means not to raise: the window must still know
            log.exception("the search engines could not be loaded")
            self.failed.emit(f"Full-text search could not be started ({type(exc).__name__}: "
                             f"{exc}); searching titles and notes only. The log has the details.")
            return
        if self._cancel.is_set():
            opened.searcher.close()  # the window has moved on (closed, or another edition)
            return
        self.ready.emit(opened)

    def stop(self) -> None:
        """Ask the build to stop and wait for the thread to end.

        No time limit: the build checks for cancelling after every chapter, and a QThread
        destroyed while it still runs takes the whole process down.
        """
        self._cancel.set()
        self.wait()

    def start_low_priority(self) -> None:
        # reading comes first: the build must not compete with the window for the CPU
        self.start(QThread.Priority.LowPriority)
