"""The main window's edition: content updates installed or removed, and the switch to
another edition, this window's own or one installed meanwhile by another."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from reader.edition import edition_phrase
from reader.render import ChapterRenderer
from reader.section_refs import carried
from reader.ui.after_paint import after_next_paint
from reader.ui.contents import ContentsPane

if TYPE_CHECKING:
    from pathlib import Path

    from reader.manual import Manual
    from reader.navigation import Place
    from reader.ui.content_install import ContentUpdater
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class WindowEditions:
    """MainWindow's part that changes the edition it reads: a plain class it inherits, with
    no state of its own (the window sets what these methods use in its __init__)."""

    def install_update(self: MainWindow, archive: Path | None = None) -> None:
        """File > Install content update (reader/ui/content_install.py)."""
        self._content_updater().install(archive)

    def remove_update(self: MainWindow) -> None:
        self._content_updater().remove()

    def _content_updater(self: MainWindow) -> ContentUpdater:
        # imported when first used: updates are rare, and start-up time counts
        from reader.ui.content_install import ContentUpdater

        if self.updater is None:
            self.updater = ContentUpdater(self)
        return self.updater

    def load_edition(self: MainWindow, manual: Manual, changes: list[str] | None = None) -> None:
        """Switch the window to another edition; search re-indexes in the background.

        Every tab shows its page again from the new edition, where it was scrolled to; a tab
        on a chapter the new edition lacks says so. What's new opens in a tab of its own,
        beside the chapter being read, with `changes` (one line each; None: those recorded
        when the update was installed)."""
        self._stop_index_loaders()
        for view in self.tabs.views():
            kind, ref = view.current
            if kind == "entry":
                self._entry_label(ref)  # remembered as the edition left names it
        left, self.manual = self.manual, manual
        self._carry_sections(left)
        self.renderer = ChapterRenderer(manual)
        old = self.contents
        # Qt would pass the focus of the pane going away on to the new pane's filter box
        in_tree = old.tree.hasFocus()
        self.contents = ContentsPane(manual, self)
        self.contents.open_out(old.opened_out())  # the sections as the person left them
        self._connect_contents()
        self.navigator.insertWidget(0, self.contents)
        self.navigator.removeWidget(old)
        old.deleteLater()
        # a search typed meanwhile (the update installs in the background) is kept, with its
        # section: wiped, the next keys typed made a search of their own ("staying" + " put"
        # became " put"). The new edition's engine, once loaded, answers it again
        searching = bool(self.search_box.text().strip())
        self.navigator.setCurrentWidget(self.search if searching else self.contents)
        self.contents.apply_stylesheet(self.themes.stylesheet)
        self._dress_contents()
        # in a wide window the navigator is as wide as most of its titles: this edition's
        self.splitter.share_again()
        self._set_tab_order()
        section = self.search.section_box.currentData()
        self.search.set_sections(manual)
        if section and (kept := self.search.section_box.findData(section)) >= 0:
            self.search.section_box.setCurrentIndex(kept)
        self.saved.set_manual(manual)
        for view in self.tabs.views():
            view.set_content_dir(manual.root)
            place = self._carried_place(left, view.place())
            self._open_or_gone(view, place.kind, place.ref)
            view.restore_place(place)
        self.status_widgets.set_manual(manual)
        self.content_notice = None  # an edition was chosen: nothing was passed over
        self._switch_said = True  # said by the caller, kept when the new search is ready
        self._edition_changed = None  # the switch is said here, and What's new opened
        self.check_edition_age(date.today())
        self._remember_edition_read()
        if in_tree:
            self.contents.focus_tree()
        # the chapter being read stays in its tab; a start or What's new page is replaced
        news = self.chapter if self.chapter.current[0] == "page" else self.new_tab()
        if changes is None:  # the changes its install recorded, for an installed update
            changes = self._update_changes()
        self._open_in(news, "page", "whats-new", record=False,
                      page=self.renderer.whats_new_page(changes))
        if self.isVisible():
            # the new edition on screen first: begun at once, the index loader's imports
            # competed with the switch and doubled the window's pause
            after_next_paint(self.chapter.viewport(), self.start_search, owner=self)
        else:
            self.start_search()

    def _follow_edition_in_use(self: MainWindow) -> None:
        """The window is active again: read the edition a start would read now, if another
        window or the command line installed or removed an update meanwhile. Left on its own,
        the window showed an older edition unawares, and once a second install removed that
        edition's folder, its chapters said their text could not be read."""
        from reader.edition_pointer import (
            POINTER_NAME,
            data_root_or_default,
            installed_edition,
            is_installed_edition,
        )
        from reader.manual import BUNDLED_CONTENT

        if self.closed or not self.isVisible():
            return  # a window closed is read by no one: switched, it would keep the edition read
        root = self.manual.root
        # a window given another content folder (--content) reads that, whatever is installed
        if root != BUNDLED_CONTENT and not is_installed_edition(root):
            return
        data = data_root_or_default(None)
        # the pointer read again only once it changed: a damaged one was logged as such at
        # each activation. The rest (imports included, which the first activation, at start,
        # would wait for) only once it names another edition
        try:
            stamp = (data / POINTER_NAME).stat()
            seen: tuple[int, int] | None = (stamp.st_mtime_ns, stamp.st_size)
        except OSError:
            seen = None  # none (the bundled edition), or one that cannot be read
        if seen == self._pointer_seen:
            return
        self._pointer_seen = seen
        installed = installed_edition()
        if (installed.path if installed is not None else BUNDLED_CONTENT) == root:
            return
        self._switch_to_edition_in_use()

    def _switch_to_edition_in_use(self: MainWindow) -> None:
        from reader.content_update import diff_contents
        from reader.edition_pointer import content_in_use
        from reader.manual import BUNDLED_CONTENT, ContentError, load_manual
        from reader.ui.content_install import InstallWorker

        if self.updater is not None and self.updater.findChildren(InstallWorker):
            return  # this window's own install switches it when it lands
        path, notice = content_in_use(BUNDLED_CONTENT)
        if notice is not None or path == self.manual.root:
            return  # an update passed over is said at the next start, with its reason
        try:
            manual = load_manual(path)
        except ContentError as exc:
            log.error("cannot read the edition installed meanwhile in %s: %s", path, exc)
            return
        self.load_edition(manual, changes=diff_contents(self.manual, manual).lines())
        self.show_status(f"Now reading {edition_phrase(manual.info.edition)}, installed "
                         "since this window opened; What's new lists what changed")

    def _carried_place(self: MainWindow, left: Manual, place: Place) -> Place:
        """A place in the edition `left`, as the edition now read names it: a section may
        have been renumbered (found again by its title), or be gone."""
        if place.kind != "section":
            return place
        return replace(place, ref=carried(left, self.manual, place.ref))

    def _carry_sections(self: MainWindow, left: Manual) -> None:
        """Back and forward lists and closed tabs follow renumbered sections: Back must not
        open the section that now has the number the one left had."""
        histories = [view.history for view in self.tabs.views()]
        histories += [closed.history for closed in self.tabs.closed]
        for history in histories:
            history.back_list[:] = [self._carried_place(left, p) for p in history.back_list]
            history.forward_list[:] = [self._carried_place(left, p)
                                       for p in history.forward_list]
        self.tabs.closed[:] = [replace(closed, place=self._carried_place(left, closed.place))
                               for closed in self.tabs.closed]

    def _update_changes(self: MainWindow) -> list[str] | None:
        """What the content update being read changed, as recorded when it was installed (in
        this window, another, or from the command line); None for the bundled edition."""
        from reader.edition_pointer import installed_edition

        installed = installed_edition()
        if installed is None or installed.path != self.manual.root:
            return None
        if not installed.changes and installed.changes_from is None:
            return None  # installed by a reader that kept no record of them
        return list(installed.changes)
