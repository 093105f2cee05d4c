"""The main window's search: the index loaded in the background, and the search box's keys
between it, the results and the chapter."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from reader.ui.announce import announce
from reader.ui.status_widgets import problem_message

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reader.search import OpenedSearch
    from reader.search_results import Searcher
    from reader.ui.index_loader import IndexLoader
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class WindowSearch:
    """MainWindow's part that wires the search: a plain class it inherits, with no state of
    its own (the window sets what these methods use in its __init__)."""

    def start_search(self: MainWindow) -> None:
        """Titles search first, then the full-text index, both loaded in the background."""
        from reader.ui.index_loader import IndexLoader

        if self.closed:
            return  # asked for by a paint just before closing: no thread may outlive close
        loader = IndexLoader(self.manual, self)
        # answers from a loader of an edition the window has left behind are dropped
        loader.titles_ready.connect(
            lambda searcher: self._titles_ready(loader, searcher))
        loader.progress.connect(self.status_widgets.show_index_progress)
        loader.ready.connect(lambda opened: self._index_ready(loader, opened))
        loader.failed.connect(lambda problem: self._index_failed(loader, problem))
        loader.finished.connect(loader.deleteLater)
        self.index_loader = loader
        loader.start_low_priority()

    def _titles_ready(self: MainWindow, loader: IndexLoader, searcher: Searcher) -> None:
        if loader is self.index_loader:
            self.search.set_searcher(searcher)
        else:
            searcher.close()

    def _index_ready(self: MainWindow, loader: IndexLoader, opened: OpenedSearch) -> None:
        if loader is not self.index_loader:
            opened.searcher.close()
            return
        self.status_widgets.index_progress.hide()
        self.index_loader = None
        self.search.set_searcher(opened.searcher)
        if not opened.searcher.full_text:  # the index could not be opened or built
            self.search.index_unavailable()
        for problem in opened.problems:
            log.warning("search vocabulary: %s", problem)
        told = opened.status.message or (
            "Search now looks in the chapters' text as well as their titles"
            if opened.status.built else "")
        if opened.problems:
            # said, not only logged: "s47" no longer finds "section 47", and nothing showed why
            vocabulary = problem_message(opened.problems, self.manual.root)
            told = f"{told} {vocabulary}" if opened.status.message else vocabulary
        if told:
            # an edition switch said a moment before ("Installed the edition of ...: 2
            # updated") stays in view beside it: replaced, it was gone within a second
            earlier = self.status_widgets.still_shown() if self._switch_said else ""
            joined = f"{earlier.rstrip('.')}. {told}" if earlier else told
            self.status_widgets.show_message(joined)
            announce(self.statusBar(), told)  # the switch was read out already
        self._switch_said = False

    def _index_failed(self: MainWindow, loader: IndexLoader, problem: str) -> None:
        if loader is self.index_loader:
            self.status_widgets.index_progress.hide()
            self.index_loader = None
            self.search.index_unavailable(problem)

    def _stop_index_loaders(self: MainWindow) -> None:
        # every loader, also one whose answer has arrived but whose thread is still ending:
        # a QThread destroyed while it runs takes the process down
        from reader.ui.index_loader import IndexLoader

        for loader in self.findChildren(IndexLoader):
            loader.stop()
        self.index_loader = None

    def focus_search(self: MainWindow) -> None:
        self._show_navigator()
        self.search_box.setFocus()
        self.search_box.selectAll()

    def close_search(self: MainWindow) -> None:
        """Esc: clear the search and go back to the contents tree."""
        self.search_box.clear()
        self.focus_contents()

    def _search_text_changed(self: MainWindow, text: str) -> None:
        self._enter_waiting = False
        self.sidebar.setCurrentWidget(self.navigator)
        self.navigator.setCurrentWidget(self.search if text.strip() else self.contents)
        self.search.search(text)

    def _search_enter(self: MainWindow, new_tab: bool = False) -> None:
        if self.search.answer_pending:
            # typed fast, or pasted: the results on screen are for earlier words
            self._enter_waiting = True
            self._enter_new_tab = new_tab
            return
        result = self.search.last_result
        wants_suggestion = result is not None and (not result.hits or result.used_fallback)
        if wants_suggestion and self.search.take_suggestion():
            return
        if self.search.open_current(new_tab):
            self.focus_chapter()

    def _search_answered(self: MainWindow) -> None:
        if self._enter_waiting:
            self._enter_waiting = False
            self._search_enter(self._enter_new_tab)

    def _focus_moved(self: MainWindow, old: QWidget | None, new: QWidget | None) -> None:
        # Enter waiting for the answer is dropped once the person goes on (to the contents
        # filter, the page): the late answer pulled them to its first result, mid-word.
        # Not when the window itself loses the keys (Alt+Tab): the search box keeps them
        if old is self.search_box and new is not None:
            self._enter_waiting = False

    def _focus_results(self: MainWindow) -> None:
        if self.search.model.rowCount():
            self.sidebar.setCurrentWidget(self.navigator)
            self.navigator.setCurrentWidget(self.search)
            self.search.results.setFocus()
