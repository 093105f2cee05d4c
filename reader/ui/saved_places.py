"""Bookmarks and history in the window: their state, panes, menus, files and messages."""

from __future__ import annotations

import logging
import weakref
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from reader.bookmark_store import (
    Added,
    BookmarkStore,
    Moved,
    Removed,
    Retitled,
    Synced,
    apply_change,
)
from reader.bookmarks import (
    BookmarkFileError,
    Bookmarks,
    export_bookmarks,
    find_by_id,
    import_bookmarks,
    is_bookmarked,
    merge,
    move,
    new_bookmark,
    outdated_titles,
)
from reader.file_lock import LockBusyError, locked
from reader.history import (
    History,
    add_visit,
    history_path,
    join_removals,
    latest,
    merge_history,
    now_stamp,
    read_history,
    remove_visit,
    save_history,
)
from reader.manual import Entry, Manual
from reader.saved_lists import file_stamp
from reader.ui.bookmarks_pane import BookmarksPane
from reader.ui.history_pane import HistoryPane
from reader.ui.save_dialog import ask_save_path, documents_folder
from reader.userdata import why_not_saved, why_not_written

log = logging.getLogger(__name__)

HISTORY_SAVE_DELAY_MS = 1500  # history is written after reading settles, not at every click
HISTORY_IN_MENU = 15
# a menu longer than the screen is laid out in columns past its right edge, out of the mouse's
# reach: 1,000 bookmarks made one 35,000 pixels wide. The pane holds them all.
BOOKMARKS_IN_MENU = 20
# a line of a menu wider than the screen hid its end, and pushed the other lines' ends off too
MENU_TEXT_MAX = 80


class SavedPlaces(QObject):
    """Owns the bookmarks and history lists and keeps their panes and menus in step.

    Another window of the reader, opened by a second click on its icon, saves the same files.
    So each save makes this window's changes to what the file holds now (BookmarkStore), and
    a history file that changed is joined to this window's: neither window's bookmarks or
    visits are lost to the other's older list.
    """

    open_requested = Signal(str)  # entry id
    new_tab_requested = Signal(str)  # entry id: opened in a tab behind the one being read
    status = Signal(str)  # a message for the status bar
    bookmarks_changed = Signal()  # from the pane, the menu, Ctrl+D or an import
    all_bookmarks_requested = Signal()  # the menu's line for those it has no room for
    history_cleared = Signal()  # History > Clear: the tabs forget where they have been too

    def __init__(self, manual: Manual, window: QWidget) -> None:
        super().__init__(window)
        # signals, not stored callbacks: no reference cycle through the window
        self.manual = manual
        self._window = weakref.ref(window)
        self.store = BookmarkStore()
        bookmarks_notice = self.store.notice
        saved_history = read_history()
        self.history, history_notice = saved_history.visits, saved_history.notice
        self._history_cleared = saved_history.cleared
        self._history_removed = saved_history.removed
        self._history_stamp = file_stamp(history_path())
        self._before_arrows: History | None = None  # as it was before the tree's last visit
        self.notices = [n for n in (bookmarks_notice, history_notice) if n]
        self.bookmarks_pane = BookmarksPane(window)
        self.history_pane = HistoryPane(window)
        self._history_timer = QTimer(self)
        self._history_timer.setSingleShot(True)
        self._history_timer.setInterval(HISTORY_SAVE_DELAY_MS)
        self._history_timer.timeout.connect(self._save_history_due)
        self._history_unsaved_told = False  # said once while saves keep failing, not per visit
        pane = self.bookmarks_pane
        pane.open_requested.connect(self._open)
        pane.remove_requested.connect(self.remove_at)
        pane.move_requested.connect(self.move_at)
        pane.export_requested.connect(lambda: self.export_to())
        pane.import_requested.connect(lambda: self.import_from())
        self.history_pane.open_requested.connect(self._open)
        for listing in (pane, self.history_pane):
            listing.new_tab_requested.connect(
                lambda entry_id: self._open(entry_id, self.new_tab_requested))
        self.history_pane.clear_requested.connect(self.clear_history)
        self.history_pane.remove_requested.connect(self.remove_from_history)
        self._retitle()
        self._refresh()

    def set_manual(self, manual: Manual) -> None:
        """Another edition: the same lists, shown with that edition's numbers and titles."""
        self.manual = manual
        self._retitle()
        self._refresh()

    def _retitle(self) -> None:
        """Keep each bookmark's number and title as this edition has them, for an edition
        without its chapter (and an export) to show. Not saved now, it is tried again with
        the next change, and as the window closes; the store logs why."""
        titles = outdated_titles(self.bookmarks, self.manual)
        if titles:
            self.store.change(Retitled(titles))

    def _open(self, entry_id: str, opener: SignalInstance | None = None) -> None:
        """A bookmark or a visit chosen: its chapter opened (by `opener`: in this tab unless
        given), or, gone from this edition, said so by the number and title the person sees
        (the chapter's id means nothing to them)."""
        if find_by_id(self.manual, entry_id) is not None:
            (opener or self.open_requested).emit(entry_id)
            return
        title = next((item.title for item in (*self.bookmarks, *self.history)
                      if item.entry_id == entry_id), entry_id)
        self.status.emit(f"{title} is not in the edition you are reading")

    def _refresh(self) -> None:
        self.bookmarks_pane.set_bookmarks(self.bookmarks, self.manual)
        self.history_pane.set_history(self.history, self.manual)

    # bookmarks --------------------------------------------------------------------------------

    @property
    def bookmarks(self) -> Bookmarks:
        """As this window shows them: the file as last read, with this window's changes."""
        return self.store.items

    def is_bookmarked(self, entry_id: str) -> bool:
        return is_bookmarked(self.bookmarks, entry_id)

    def reload_if_changed(self) -> None:
        """The window is active again: show what another window saved meanwhile."""
        self._reload_bookmarks()
        if self._merge_changed_history():
            self.history_pane.set_history(self.history, self.manual)

    def _reload_bookmarks(self) -> None:
        """Show what another window saved; a damaged file is set aside and said so."""
        before = self.bookmarks
        self._say(self.store.reload(), "")
        if self.bookmarks != before:
            self.bookmarks_pane.set_bookmarks(self.bookmarks, self.manual)
            self.bookmarks_changed.emit()

    def toggle(self, entry: Entry) -> bool:
        """Ctrl+D: bookmark the chapter or remove its bookmark, as the window showed it; True
        if it is now kept."""
        wanted = not self.is_bookmarked(entry.id)
        # made to the file as it is now: done already in another window, it is done once
        self._save_bookmarks(
            self.store.change(Added((new_bookmark(entry.id, entry.label),))
                              if wanted else Removed(entry.id)),
            f"Bookmarked {entry.label}" if wanted
            else f"Removed the bookmark for {entry.label}")
        return wanted

    def remove_at(self, row: int) -> None:
        if 0 <= row < len(self.bookmarks):
            gone = self.bookmarks[row]
            self._save_bookmarks(self.store.change(Removed(gone.entry_id)),
                                 f"Removed the bookmark for {gone.shown(self.manual)}")

    def move_at(self, row: int, offset: int) -> None:
        if move(self.bookmarks, row, offset) == self.bookmarks:  # no row, or no further
            return
        moving = self.bookmarks[row].entry_id
        self._save_bookmarks(self.store.change(Moved(moving, offset)), "")
        moved_to = _row_of(self.bookmarks, moving)
        if moved_to is not None:  # not removed in another window meanwhile
            self.bookmarks_pane.select_row(moved_to)

    def _save_bookmarks(self, synced: Synced, done: str) -> None:
        """Show the list as saved; `done` says what changed, and whether it was saved."""
        self._refresh()
        self.bookmarks_changed.emit()
        self._say(synced, done)

    def _say(self, synced: Synced, done: str) -> None:
        """One message: what was done, whether it was saved, and what was wrong with the
        file. Said one after another, each hid the one before."""
        said = done
        if synced.failed is not None:
            exc = synced.failed
            lost = (f"your bookmarks could not be saved ({why_not_saved(exc)}); they are kept "
                    "only until you close the reader")
            said = f"{done}, but {lost}" if done else lost[0].upper() + lost[1:]
        if synced.notice:  # found damaged and set aside
            said = f"{said}. {synced.notice}" if said else synced.notice
        if said:
            self.status.emit(said)

    def save_unsaved_bookmarks(self) -> None:
        """The window closes: a last try at the changes a failed save left in it alone."""
        if self.store.unsaved:
            self.store.save()  # failing again, it logs why; the window is going

    def export_to(self, path: Path | None = None) -> Path | None:
        """Bookmarks > Export: `path` skips the file dialog (tests, scripting)."""
        if path is None:
            path = ask_save_path(self._window(), "Export bookmarks",
                                 documents_folder() / "bookmarks.json", "Bookmarks", "json")
            if path is None:
                return None
        try:
            export_bookmarks(self.bookmarks, path)
        except OSError as exc:
            QMessageBox.warning(self._window(), "Export bookmarks",
                                f"Could not write {path}: {why_not_written(path, exc)}")
            return None
        self.status.emit(f"Saved {len(self.bookmarks)} bookmark"
                     f"{'s' * (len(self.bookmarks) != 1)} to {path}")
        return path

    def import_from(self, path: Path | None = None) -> int:
        """Bookmarks > Import: adds those not already kept, at the end; how many were added."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self._window(), "Import bookmarks", str(documents_folder()),
                "Bookmarks (*.json)")
            if not chosen:
                return 0
            path = Path(chosen)
        try:
            imported, unreadable = import_bookmarks(path)
        except BookmarkFileError as exc:
            QMessageBox.warning(self._window(), "Import bookmarks",
                                f"{exc}.\n\nYour bookmarks are unchanged.")
            return 0
        # the count is of those this window does not have now; what the reading found wrong
        # with the file is said with the count, which would hide it said on its own
        # each as this edition names it: the file may come from a colleague's older edition
        imported = apply_change(imported, Retitled(outdated_titles(imported, self.manual)))
        found = self.store.reload().notice
        added = merge(self.bookmarks, imported)[1]
        # of those added: one already kept, and gone from this edition, was counted here too
        had = {b.entry_id for b in self.bookmarks}
        elsewhere = len({b.entry_id for b in imported if b.entry_id not in had
                         and find_by_id(self.manual, b.entry_id) is None})
        synced = self.store.change(Added(imported))
        if found and not synced.notice:
            synced = replace(synced, notice=found)
        notes = [f"{len(imported) - added} you had already" if added < len(imported) else "",
                 f"{elsewhere} of them not in this edition" if elsewhere else "",
                 f"{unreadable} could not be read" if unreadable else ""]
        self._save_bookmarks(synced, f"Added {added} bookmark{'s' * (added != 1)} from {path.name}"
                             + "".join(f"; {note}" for note in notes if note))
        return added

    def fill_bookmarks_menu(self, menu: QMenu, fixed: list[QAction]) -> None:
        """The fixed actions, then one line per bookmark, numbered as this edition has them."""
        self.reload_if_changed()
        _keep_only(menu, fixed)
        if self.bookmarks:
            menu.addSeparator()
        for bookmark in self.bookmarks[:BOOKMARKS_IN_MENU]:
            action = menu.addAction(_menu_text(bookmark.shown(self.manual)))
            action.triggered.connect(lambda _c=False, i=bookmark.entry_id: self._open(i))
        if len(self.bookmarks) > BOOKMARKS_IN_MENU:
            action = menu.addAction(f"All {len(self.bookmarks):,} bookmarks\u2026")
            action.triggered.connect(self.all_bookmarks_requested)

    # history ----------------------------------------------------------------------------------

    def visited(self, entry: Entry, by_arrows: bool = False, passed: bool = False) -> None:
        """A chapter opened. `by_arrows`: by the tree's arrow keys; `passed`: the chapter
        those arrows opened before this one was only passed through, so the history goes back
        to how it was before it (an older visit of that chapter keeps its place)."""
        if passed and self._before_arrows is not None:
            self.history = self._before_arrows
        self._before_arrows = self.history if by_arrows else None
        self.history = add_visit(self.history, entry.id, entry.label)
        self.history_pane.set_history(self.history, self.manual)
        self._history_timer.start()

    def _merge_changed_history(self) -> bool:
        """Another window's visits, and its clear, joined to this window's; True if that
        changed this window's list."""
        if file_stamp(history_path()) == self._history_stamp:
            return False
        saved = read_history()
        self._history_stamp = file_stamp(history_path())
        if saved.notice:
            self.status.emit(saved.notice)
        cleared_before = self._history_cleared
        self._history_cleared = latest(self._history_cleared, saved.cleared)
        if self._history_cleared != cleared_before:
            # cleared in another window: the tabs here forget where they have been too, or
            # this window's session would bring the chapters back at the next start
            self.history_cleared.emit()
        self._history_removed = join_removals(self._history_removed, saved.removed)
        merged = merge_history(self.history, saved.visits, self._history_cleared,
                               removed=self._history_removed)
        if merged == self.history:
            return False
        self.history = merged
        self._before_arrows = None  # a list from before the join would undo it
        return True

    def _save_history_due(self) -> None:
        failed = self.save_history_now()
        if failed is None:
            self._history_unsaved_told = False
        elif not self._history_unsaved_told:
            self._history_unsaved_told = True
            self.status.emit(f"Your history could not be saved ({why_not_saved(failed)}); "
                             "the pages you visit are listed in this window only.")

    def save_history_now(self) -> OSError | None:
        """Write the history; what went wrong, if it could not be written."""
        self._history_timer.stop()
        try:
            # one window at a time reads, joins and writes: two saving at the same moment
            # each wrote its own join, and the visits of the one that wrote first were lost
            with locked(history_path()):
                if self._merge_changed_history():
                    self.history_pane.set_history(self.history, self.manual)
                return self._write_history()
        except LockBusyError as exc:
            log.error("history not saved: %s held by another reader window", history_path())
            return exc

    def _write_history(self) -> OSError | None:
        try:
            save_history(self.history, cleared=self._history_cleared,
                         removed=self._history_removed)
        except OSError as exc:
            log.error("cannot save history: %s", exc)
            return exc
        self._history_stamp = file_stamp(history_path())
        return None

    def remove_from_history(self, entry_id: str) -> None:
        """Remove from history: the chapter's visit, in this window and the saved history (at
        once, as a clear is: on a shared computer it must not stay on disk till closing)."""
        visit = next((v for v in self.history if v.entry_id == entry_id), None)
        if visit is None:
            return
        self._history_timer.stop()
        row = self.history.index(visit)
        below = self.history[row + 1].entry_id if row + 1 < len(self.history) else None
        self.history, self._history_removed = remove_visit(
            self.history, self._history_removed, entry_id)
        self._before_arrows = None  # it would bring the visit back
        shown = visit.shown(self.manual)
        failed = self.save_history_now()  # which may join visits another window saved since
        # the row below the one removed is current, for the next Delete, wherever the visits
        # joined have put it
        row = next((n for n, v in enumerate(self.history) if v.entry_id == below), row)
        self.history_pane.set_history(self.history, self.manual, row)
        if failed is None:
            self.status.emit(f"Removed {shown} from the history")
        else:
            self.status.emit(f"Removed {shown} from the history in this window, but the saved "
                             f"history could not be changed ({why_not_saved(failed)}); it "
                             "is still on this computer")

    def clear_history(self) -> bool:
        """History > Clear, once the person says so: a click by mistake lost every visit, and
        the Back and Forward that could have found them again. True if cleared."""
        self.reload_if_changed()  # the count asked about takes in another window's visits
        if not self.history:
            return False  # the button and menu line are disabled: nothing to ask about
        from reader.ui.clear_history_question import ask_to_clear_history

        if not ask_to_clear_history(self._window(), len(self.history)):
            return False
        self.clear_history_now()
        return True

    def clear_history_now(self) -> None:
        """This window's visits and every other window's, on this computer."""
        self._history_timer.stop()
        self.history = ()
        self._before_arrows = None
        self._history_cleared = now_stamp()
        self.history_pane.set_history(self.history, self.manual)
        try:
            with locked(history_path()):
                failed = self._write_history()
        except LockBusyError as exc:
            failed = exc
        if failed is None:
            self.status.emit("History cleared, with Back, Forward and closed tabs; your "
                             "bookmarks are unchanged")
        else:  # on a shared computer, the person must know the visits are still on disk
            self.status.emit(f"History cleared from this window, but the saved history could "
                             f"not be removed ({why_not_saved(failed)}); it is still on "
                             "this computer")
        # after the message above: the tabs' Back and Forward and the closed tabs that
        # cannot be removed from the file are said in the window's own words, over it
        self.history_cleared.emit()

    def fill_history_menu(self, menu: QMenu, fixed: list[QAction]) -> None:
        self.reload_if_changed()
        _keep_only(menu, fixed)
        shown: History = self.history[:HISTORY_IN_MENU]
        if shown:
            menu.addSeparator()
        for visit in shown:
            action = menu.addAction(
                f"{_menu_text(visit.shown(self.manual))}  \u00b7  {visit.when()}")
            action.triggered.connect(lambda _c=False, i=visit.entry_id: self._open(i))


def _menu_text(label: str) -> str:
    """A chapter's label as a menu line: shortened past MENU_TEXT_MAX, "&" not a mnemonic."""
    if len(label) > MENU_TEXT_MAX:
        label = label[:MENU_TEXT_MAX - 1].rstrip() + "\u2026"
    return label.replace("&", "&&")


def _row_of(items: Bookmarks, entry_id: str) -> int | None:
    return next((row for row, b in enumerate(items) if b.entry_id == entry_id), None)


def _keep_only(menu: QMenu, fixed: list[QAction]) -> None:
    for action in menu.actions():
        if action not in fixed:
            menu.removeAction(action)
            if action.parent() is menu:
                # unparented, it goes with the loop's last hold on it; deleteLater() freed
                # Qt's action but not PySide's object for it, a score kept each time the
                # menu opened
                action.setParent(None)
