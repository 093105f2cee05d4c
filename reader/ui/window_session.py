"""The main window's session: its layout, tabs and closed tabs saved, and put back at start."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from reader.navigation import BackForward, Place
from reader.section_refs import find_section, gone_ref, is_gone_ref, section_title, split_ref
from reader.session import STEPS_KEPT, Session, TabState, save_open_session
from reader.ui.tabs import ClosedTab

if TYPE_CHECKING:
    from reader.ui.chapter_view import ChapterView
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class WindowSession:
    """MainWindow's part that keeps the session: a plain class it inherits, with no state of
    its own (the window sets what these methods use in its __init__)."""

    def session(self: MainWindow, catch_up: bool = True) -> Session:
        """The window's layout and open tabs, as the next start should find them.
        `catch_up`: bring tabs behind on a text size or theme up to date first, for their
        pixels (their text places are right either way)."""
        if catch_up:
            self.tabs.catch_up_all()
        tabs = tuple(self._tab_state(view) for view in self.tabs.views())
        return Session(
            geometry=bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            # the navigator's width as the person gave it, not as a narrow window squeezed it
            splitter=(self.splitter.side_width, self.splitter.sizes()[1]),
            navigator_width_chosen=self.splitter.width_chosen,
            reading_splitter=tuple(self.reading_splitter.sizes()),
            # the person's choice, not the navigator put away by a narrow window
            navigator_shown=self.splitter.side_wanted,
            tabs=tabs,
            current_tab=self.tabs.currentIndex(),
            closed=tuple(replace(self._place_state(closed.place, closed.history), at=closed.index)
                         for closed in self.tabs.closed),
            contents_opened=self.contents.opened_out(),
        )

    def save_session_in_passing(self: MainWindow) -> None:
        """Keep the session on disk while the window is open, when it changed: the reader
        killed, the laptop's battery run out, the next start still finds the tabs."""
        if self.closed or not self.settings.restore_session or not self._saves_in_passing:
            return
        # tabs behind are not redrawn every few seconds for this: only closing needs them
        session = self.session(catch_up=False)
        if session == self._session_kept:
            return
        try:
            seen = save_open_session(session, self._session_seen)
        except OSError as exc:
            if not self._session_save_failed:  # once: tried again every few seconds
                log.error("cannot save the session while the window is open: %s", exc)
            self._session_save_failed = True
            return
        self._session_save_failed = False
        if seen is not None:
            self._session_seen, self._session_kept = seen, session

    def _tab_state(self: MainWindow, view: ChapterView) -> TabState:
        return self._place_state(view.place(), view.history)

    def _place_state(self: MainWindow, place: Place,
                     history: BackForward | None = None) -> TabState:
        """A tab as the session keeps it: a chapter by id, a section by number and title (a
        later edition may renumber it), each with its title to say if it has gone; with its
        Back and Forward lists, kept the same way."""
        if history is not None:
            return replace(self._place_state(place),
                           back=tuple(map(self._place_state, history.back_list[-STEPS_KEPT:])),
                           forward=tuple(map(self._place_state,
                                             history.forward_list[-STEPS_KEPT:])))
        kind, ref = place.kind, place.ref
        title = ""
        if kind == "entry":
            title = self._entry_label(ref)
        elif kind == "section":
            ref, title = split_ref(ref) if is_gone_ref(ref) else (
                ref, section_title(self.manual, ref) or "")
        return TabState(kind, ref, place.scroll, title, place.top)

    def restore_beside_another(self: MainWindow, session: Session) -> bool:
        """Another window is open, with the last session's tabs: this one takes the layout,
        not the tabs, and starts on the start page. Saving the session in passing is left
        to that window, whose tabs a crash would otherwise lose: this one's would be in the
        file in their place. Closed, this one keeps them there as tabs to reopen."""
        self._saves_in_passing = False
        self._session_seen = None  # the file's tabs are the other window's, as if saved since
        return self.restore(replace(session, tabs=(), current_tab=0, closed=()))

    def restore(self: MainWindow, session: Session) -> bool:
        """Put back the layout and the tabs of the last session; what is gone is skipped.
        True if the window was put back where it was; Qt refuses a place kept on a screen
        much wider or narrower than this one (a monitor at work, the laptop at home)."""
        geometry = session.geometry
        if not geometry.isascii():  # a damaged file: the place alone is lost, not the tabs
            log.warning("the window's place in the last session is not Qt's: %r", geometry[:40])
            geometry = ""
        placed = bool(geometry) and self.restoreGeometry(
            QByteArray.fromBase64(geometry.encode("ascii")))
        if len(session.splitter) == 2 and all(session.splitter):
            # the navigator as the person left it, as far as this window leaves the chapter
            # its width: one widened on a monitor is narrower on a laptop, and wide again after
            self.splitter.set_side_width(session.splitter[0],
                                         chosen=session.navigator_width_chosen)
        if len(session.reading_splitter) == 2 and all(session.reading_splitter):
            self.reading_splitter.setSizes(list(session.reading_splitter))
        # the person's choice: in a window too narrow for both, the navigator stays put away
        self.splitter.set_side_wanted(session.navigator_shown)
        self.navigator_action.setChecked(not self.splitter.side.isHidden())
        self.contents.open_out(session.contents_opened)
        if session.tabs:
            self._restore_tabs(session)
        self.tabs.closed[:0] = [ClosedTab(self._restored_place(tab), self._restored_steps(tab),
                                          tab.at) for tab in session.closed]
        self._update_navigation_actions()
        return placed

    def _restore_tabs(self: MainWindow, session: Session) -> None:
        """The session's tabs, each at its place; the one that was current is shown."""
        first = self.chapter
        for number, tab in enumerate(session.tabs):
            view = first if number == 0 else self.new_tab(select=False)
            ref = self._restored_ref(tab)
            view.history = self._restored_steps(tab)
            if self._open_or_gone(view, tab.kind, ref):
                view.restore_place(Place(tab.kind, ref, tab.scroll, tab.top))
        self.tabs.setCurrentIndex(min(session.current_tab, self.tabs.count() - 1))
        self._sync_to_current()

    def _restored_place(self: MainWindow, tab: TabState) -> Place:
        return Place(tab.kind, self._restored_ref(tab), tab.scroll, tab.top)

    def _restored_steps(self: MainWindow, tab: TabState) -> BackForward:
        """A tab's Back and Forward lists as the session kept them."""
        return BackForward([self._restored_place(step) for step in tab.back],
                           [self._restored_place(step) for step in tab.forward])

    def _restored_ref(self: MainWindow, tab: TabState) -> str:
        """A tab kept by the session, as this edition names it (a chapter gone is said so by
        the title it had, a section is found again by its title)."""
        if tab.kind == "entry" and tab.title and self.manual.find(tab.ref) is None:
            self._labels_seen.setdefault(tab.ref, tab.title)
        elif tab.kind == "section":  # by number while the title matches, else by title
            found = find_section(self.manual, tab.ref, tab.title)
            return found if found is not None else gone_ref(tab.ref, tab.title)
        return tab.ref
