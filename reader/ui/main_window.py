"""The main window: navigator, reading tabs and outline side by side; menus, status bar."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QKeySequence,
    QMouseEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from reader import APP_DISPLAY_NAME
from reader.bookmarks import find_by_id
from reader.edition import edition_phrase, stale_notice
from reader.gone_page import gone_page, gone_section_page
from reader.manual import Entry, Manual
from reader.navigation import BackForward, Place
from reader.render import (
    CHAPTER_SCHEME,
    PAGE_SCHEME,
    SECTION_SCHEME,
    ChapterRenderer,
    Heading,
    Page,
    goes_to_top,
)
from reader.saved_lists import file_stamp
from reader.search_results import Searcher
from reader.section_refs import gone_ref, is_gone_ref, split_ref
from reader.session import (
    Session,
    forget_where_tabs_have_been,
    save_window_session,
    session_path,
)
from reader.settings import Settings, save_settings
from reader.text_size import clamped, zoom_factor
from reader.ui.after_paint import after_next_paint
from reader.ui.announce import announce
from reader.ui.chapter_view import MATCH_STATUS, ChapterView
from reader.ui.clear_button import text_sized_clear_button
from reader.ui.column import flush_column
from reader.ui.contents import KIND_ROLE, ContentsPane
from reader.ui.edition_banner import EditionBanner
from reader.ui.find_bar import FindBar
from reader.ui.focus_edges import FocusEdges
from reader.ui.menus import (
    BOOKMARK_LABEL,
    BOOKMARKED_LABEL,
    NAVIGATOR_NARROW_TIP,
    NAVIGATOR_TIP,
    build_menus,
    build_toolbar,
    draw_arrows,
    shortcut_lines,
)
from reader.ui.navigator_tabs import NavigatorTabBar
from reader.ui.outline import OutlinePane
from reader.ui.saved_list import SavedListPane
from reader.ui.saved_places import SavedPlaces
from reader.ui.search_panel import SearchBox, SearchPanel
from reader.ui.side_splitter import SideSplitter
from reader.ui.status_widgets import StatusWidgets, problem_message
from reader.ui.tabs import ReadingTabs
from reader.ui.text_sized_arrows import text_sized_box_arrows
from reader.ui.text_sized_controls import text_scale, text_sized_scroll_bars
from reader.ui.theme import ThemeFollower
from reader.ui.window_editions import WindowEditions
from reader.ui.window_search import WindowSearch
from reader.ui.window_session import WindowSession
from reader.userdata import why_not_saved

if TYPE_CHECKING:
    # named for the type checker only: PySide makes a class the first time it is named
    from PySide6.QtCore import QModelIndex
    from PySide6.QtGui import QKeyEvent, QResizeEvent

    from reader.ui.content_install import ContentUpdater
    from reader.ui.focus_ring import FocusRing
    from reader.ui.index_loader import IndexLoader
    from reader.ui.navigator_button import NavigatorButton
    from reader.ui.toolbar_fit import ToolbarFit

log = logging.getLogger(__name__)

# the navigator's first tab, as it shows the contents or a search's results: Alt+C under
# both names ("Results" has no C), the tab as wide under one as the other (NavigatorTabBar)
CONTENTS_TAB = "&Contents"
RESULTS_TAB = "Sear&ch"

# pixels: about 38 characters of chapter text, and the window's least width. With the
# navigator at its narrowest beside it, the window fits half a 1366 pixel laptop screen at
# 125% scaling (546 pixels); narrower, the navigator is put away by itself, and the window
# fits half of 1366 at 150% (455) and of 1280 at 150% (427), frame and all
READING_MIN_WIDTH = 360
# pixels: about 65 characters. In a narrowing window the navigator gives way first, down to
# NAVIGATOR_EASY_WIDTH, before the chapter is narrowed below this
READING_COMFORT_WIDTH = 540
NAVIGATOR_WIDTH = 340  # pixels: the navigator's width until the person drags it
# pixels: the navigator gives way no further before the chapter does: about 22 characters
# of a chapter's number and title in the tree
NAVIGATOR_EASY_WIDTH = 220
# of the contents' rows: the share shown whole where the window has room to spare
TITLES_WHOLE_SHARE = 0.9
OUTLINE_WIDTH = 160  # pixels
OUTLINE_MIN_WINDOW_WIDTH = 1000  # pixels: narrower, the outline pane is not shown
PASSING_SECONDS = 2.0  # a page the tree's arrows leave sooner was only passed through
# milliseconds between saves of the open window's session (when it changed): a crash or a
# power cut then loses at most this much of the tabs and places, not the whole day's
SESSION_SAVE_MS = 5_000
# what follows "95 matches" when a search result is opened with its words highlighted
STEP_HINT = ": F3 for the next, Shift+F3 for the previous"


class MainWindow(WindowEditions, WindowSearch, WindowSession, QMainWindow):
    """Composes the panes and owns navigation between pages."""

    def __init__(
        self,
        manual: Manual,
        log_file: Path | None = None,
        settings: Settings | None = None,
        today: date | None = None,
        searcher: Searcher | None = None,
        content_notice: str | None = None,
    ) -> None:
        super().__init__()
        self.manual = manual
        # an installed update passed over for the bundled edition: said above every page
        self.content_notice = content_notice
        self.settings = settings or Settings()
        self._settings_unsaved: str | None = None  # why the last save failed, once said
        # the settings as this window last saved (or found) them: a choice whose save failed
        # still differs from them, and goes with the next save that can be made
        self._settings_saved = self.settings
        self.renderer = ChapterRenderer(manual)
        self.contents = ContentsPane(manual, self)
        self.search_box = SearchBox(self)
        self.search = SearchPanel(manual, searcher, self)
        self.index_loader: IndexLoader | None = None
        self.updater: ContentUpdater | None = None
        self.closed = False  # set by closeEvent, cleared when shown again
        self._switch_said = False  # an edition switch is on the status bar (load_edition)
        # the session file as this window found it: changed when it closes, another window
        # closed meanwhile, and that window's tabs are kept to reopen
        self._session_seen = file_stamp(session_path())
        self._problems_logged: set[str] = set()
        # the status bar's last message about the open page ("95 matches: F3 ..."), which
        # goes when the page does: on another page or tab it would say what is not there
        self._page_message = ""
        # number and title of chapters tabs showed, by id: said if a later edition lacks one
        self._labels_seen: dict[str, str] = {}
        self.navigator = QStackedWidget(self)
        self.navigator.addWidget(self.contents)
        self.navigator.addWidget(self.search)
        self.saved = SavedPlaces(manual, self)
        self.saved.open_requested.connect(self._open_from_list)
        self.saved.new_tab_requested.connect(lambda ref: self._open_in_new_tab("entry", ref))
        self.saved.status.connect(self.show_status)
        self.saved.all_bookmarks_requested.connect(self.show_bookmarks)
        self.saved.bookmarks_changed.connect(self._update_navigation_actions)
        self.saved.history_cleared.connect(self._forget_where_tabs_have_been)
        self.sidebar = QTabWidget(self)
        navigator_tabs = NavigatorTabBar(self.sidebar)
        navigator_tabs.chosen_by_key.connect(self._sidebar_tab_by_key)
        self.sidebar.setTabBar(navigator_tabs)
        self.sidebar.setDocumentMode(True)
        self.sidebar.addTab(self.navigator, CONTENTS_TAB)
        self.sidebar.addTab(self.saved.bookmarks_pane, "Boo&kmarks")
        self.sidebar.addTab(self.saved.history_pane, "Histor&y")
        tab_bar = self.sidebar.tabBar()
        tab_bar.setAccessibleName("Navigator")
        tab_bar.setAccessibleDescription("Contents or search results, bookmarks or history")
        navigator_tabs.keep_room_for(0, (CONTENTS_TAB, RESULTS_TAB))
        # in a navigator narrowed to half a screen all three stay in sight, where Qt
        # scrolled History out of it behind two small arrows; names shortened only where
        # their tabs cannot hold them (NavigatorTabBar)
        tab_bar.setUsesScrollButtons(False)
        tab_bar.setElideMode(Qt.TextElideMode.ElideRight)
        for index, name in enumerate(("Contents", "Bookmarks", "History")):
            tab_bar.setTabToolTip(index, name)
        self.sidebar.currentChanged.connect(self._sidebar_changed)
        # every way between the contents and the results (typing, Esc, the clear cross,
        # F6, an edition switch) goes through the stack
        self.navigator.currentChanged.connect(self._name_navigator_tab)
        # the tabs' Alt keys go with the navigator when it is put away (Qt gives a hidden
        # widget no keys): these bring it back, at that tab, as F6 and Ctrl+H do
        self._sidebar_keys: list[QShortcut] = []
        for index in range(self.sidebar.count()):
            key = QShortcut(QKeySequence.mnemonic(self.sidebar.tabText(index)), self)
            key.setEnabled(False)  # while the tabs show, the key is theirs alone
            key.activated.connect(lambda index=index: self._show_sidebar_tab(index))
            self._sidebar_keys.append(key)
        navigation = QWidget(self)
        navigation_layout = flush_column(navigation)
        navigation_layout.addWidget(self.search_box)
        navigation_layout.addWidget(self.sidebar, 1)
        self.themes = ThemeFollower(_application(), self.settings.theme, parent=self)
        self.themes.set_choice(self.settings.theme)
        self.contents.apply_stylesheet(self.themes.stylesheet)
        self.tabs = ReadingTabs(self)
        self.themes.applied.connect(self._restyle)
        self.banner = EditionBanner(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.outline = OutlinePane(self)
        self.outline_wanted = True  # View > Outline; hidden anyway on a page without headings
        reading = QWidget(self)
        # a narrow window takes its width from the side panes, never below a readable line
        reading.setMinimumWidth(READING_MIN_WIDTH)
        reading_layout = flush_column(reading)
        reading_layout.addWidget(self.banner)
        reading_layout.addWidget(self.tabs, 1)
        reading_layout.addWidget(self.find_bar)
        self.reading_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.reading_splitter.addWidget(reading)
        self.reading_splitter.addWidget(self.outline)
        self.reading_splitter.setStretchFactor(0, 1)
        self.reading_splitter.setSizes([680, OUTLINE_WIDTH])
        self.reading_splitter.setChildrenCollapsible(False)
        # the window narrows to the chapter's least width: the outline gives way before then
        self.splitter = SideSplitter(navigation, self.reading_splitter, NAVIGATOR_WIDTH,
                                     NAVIGATOR_EASY_WIDTH, self._reading_comfort, self,
                                     main_least=READING_MIN_WIDTH,
                                     side_asks=navigator_tabs.whole_names_width,
                                     side_roomy=self._navigator_roomy,
                                     main_roomy=self._reading_roomy)
        for splitter in (self.splitter, self.reading_splitter):
            splitter.installEventFilter(self)  # see eventFilter
        # made the first time the navigator goes: the way back to it, in sight
        self._navigator_button: NavigatorButton | None = None
        self.splitter.placing.connect(self._navigator_placing)
        self.setCentralWidget(self.splitter)
        self.resize(1200, 780)
        self.status_widgets = StatusWidgets(self, manual, log_file)
        build_menus(self)
        build_toolbar(self)
        # made where the toolbar is too narrow for its words, else after the first paint
        self._toolbar_fit: ToolbarFit | None = None
        # the action is greyed out where there is no chapter, and a disabled action's keys do
        # nothing: Ctrl+D there says why instead of leaving the person to think it was done
        self._bookmark_refused = QShortcut(self.bookmark_action.shortcuts()[0], self)
        self._bookmark_refused.activated.connect(self.toggle_bookmark)
        # the same for Ctrl+Shift+T with no closed tab: it says so rather than nothing at all
        self._reopen_refused = QShortcut(self.reopen_action.shortcuts()[0], self)
        self._reopen_refused.activated.connect(self.reopen_closed_tab)
        self._connect_contents()
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.focus_edges = FocusEdges(_application(), self)
        for pane in (self.contents.tree, self.search.results, self.outline.list,
                     self.saved.bookmarks_pane.list, self.saved.history_pane.list):
            self.focus_edges.add(pane)
        # in large text, the scroll bars, icons and clear buttons as large as the words
        self._text_scale = 1.0  # as the style draws them
        self._follow_text_size()
        # the keys move nothing before the window is on screen: the ring is set after
        self.focus_ring: FocusRing | None = None
        after_next_paint(self, self._ring_keyboard_focus)
        after_next_paint(self, self._fit_toolbar)
        self.find_bar.changed.connect(self._find_changed)
        self.find_bar.step.connect(lambda forward: self.chapter.next_match(forward))
        self.find_bar.closed.connect(self.close_find)
        self.outline.anchor_chosen.connect(self._outline_chosen)
        self.search_box.textChanged.connect(self._search_text_changed)
        self.search_box.returnPressed.connect(self._search_enter)
        self.search_box.new_tab_pressed.connect(lambda: self._search_enter(new_tab=True))
        self._enter_waiting = False  # Enter was pressed before the answer came
        self._enter_new_tab = False  # with Ctrl: the result waited for goes in a new tab
        _application().focusChanged.connect(self._focus_moved)
        self.search.answered.connect(self._search_answered)
        self.search.degraded.connect(self.show_status)
        self.search_box.down_pressed.connect(self._focus_results)
        self.search.results.up_from_first.connect(self.search_box.setFocus)
        self.search_box.escape_pressed.connect(self._search_box_escape)
        self.search.open_hit.connect(self.open_hit)
        self.search.open_hit_in_new_tab.connect(
            lambda entry_id, terms: self.open_hit(entry_id, terms, new_tab=True))
        self.search.suggestion_taken.connect(self.search_box.setText)
        # the word offered, taken with the keys, goes as its line does: to where it was typed
        self.search.suggestion_taken.connect(lambda _words: self.search_box.setFocus())
        # Esc goes back to the contents from the results and the section filter (ending the
        # search: Tab reaches the filter, and Esc there did nothing) and from the lists (to
        # the chapter, where the navigator is over it: the lists were opened from there)
        for listing, back_to_contents in ((self.search.results, self.close_search),
                                          (self.search.section_box, self.close_search),
                                          (self.saved.bookmarks_pane.list, self._leave_list),
                                          (self.saved.history_pane.list, self._leave_list)):
            back = QShortcut(QKeySequence(Qt.Key.Key_Escape), listing)
            back.setContext(Qt.ShortcutContext.WidgetShortcut)
            back.activated.connect(back_to_contents)
        self._edition_notice = ""  # what the banner says, or said before it was closed
        # said at the start after an update installed while the reader was closed; with
        # What's new a click away when the edition is the newer, or the same one re-issued
        self._edition_changed: str | None = None
        self._changes_listed = False
        self.banner.whats_new_button.clicked.connect(self._whats_new_from_banner)
        self.banner.status_message.connect(self.show_status)
        self.banner.left.connect(lambda: self.chapter.setFocus(Qt.FocusReason.OtherFocusReason))
        self._edition_age_checked = date.min
        # the installed-edition pointer's time and size when last read: not yet read
        self._pointer_seen: object = object()
        self.check_edition_age(today or date.today())
        self.new_tab()
        self._session_kept: Session | None = None  # as last saved while open
        self._session_save_failed = False  # said in the log, not again at each try
        self._saves_in_passing = True  # False beside another window: see there
        self._session_timer = QTimer(self)
        self._session_timer.setInterval(SESSION_SAVE_MS)
        self._session_timer.timeout.connect(self.save_session_in_passing)
        self._session_timer.start()

    @property
    def chapter(self) -> ChapterView:
        """The chapter view of the current tab."""
        return self.tabs.current_view()

    @property
    def current(self) -> tuple[str, str]:
        """What the current tab shows: (kind, ref), for the session and the tree."""
        return self.chapter.current

    @property
    def user_data_notices(self) -> list[str]:
        """Messages about damaged bookmarks or history files, for the status bar at start."""
        return list(self.saved.notices)

    def _connect_contents(self) -> None:
        self.contents.entry_chosen.connect(self.open_entry)
        self.contents.section_chosen.connect(self.open_section)
        self.contents.moved_to.connect(self._tree_moved)
        self.contents.new_tab_chosen.connect(self._open_in_new_tab)
        # Enter (or a double click) means "read it": arrows only open as they move
        self.contents.tree.activated.connect(lambda _index: self.focus_chapter())
        self.contents.tree.clicked.connect(self._tree_clicked)
        self.contents.escape_unused.connect(self.escape_to_chapter)

    # tabs --------------------------------------------------------------------------------------

    def new_tab(self, kind: str = "page", ref: str = "start", select: bool = True,
                at: int = -1) -> ChapterView:
        """Ctrl+T: a tab with the start page, or with a given page; `at` is where among the
        tabs, -1 for after the last."""
        view = ChapterView(self.themes.stylesheet, self.manual.root, self.tabs)
        view.set_zoom(self.settings.zoom_steps)
        self.focus_edges.add(view)
        text_sized_scroll_bars(view)
        if self.settings.caret_browsing:
            view.set_caret_browsing(True)
        view.chapter_link.connect(self.open_entry)
        view.section_link.connect(self.open_section)
        view.page_link.connect(self.open_reader_page)
        view.status_message.connect(self._view_status)
        # on one line: a bar grown by a line under the pointer on the page's last line took
        # the link from under it, and the hint went and came again as the pointer moved
        view.link_hint.connect(lambda hint: self.status_widgets.show_message(hint, lines=False))
        view.new_tab_link.connect(self.open_link_in_new_tab)
        view.back_requested.connect(self.go_back)
        view.forward_requested.connect(self.go_forward)
        view.zoom_requested.connect(self.zoom)
        view.anchor_followed.connect(self._update_navigation_actions)
        view.escape_pressed.connect(self.close_find)  # Esc in the page too, as in a browser
        view.resized.connect(
            lambda v=view: v is self.tabs.currentWidget() and self._show_outline(v))
        # only the current tab's view speaks to the find bar and the outline
        view.matches_changed.connect(
            lambda index, total, v=view: v is self.tabs.currentWidget()
            and self._matches_changed(index, total))
        view.verticalScrollBar().valueChanged.connect(
            lambda value, v=view: v is self.tabs.currentWidget() and self.outline.follow(value))
        if not self._open_in(view, kind, ref, record=False):
            self._open_in(view, "page", "start", record=False)
        index = self.tabs.insertTab(at, view, "")
        self.tabs.set_title(view, view.page.title if view.page else "")
        if select:
            self.tabs.setCurrentIndex(index)
        self._set_tab_order()
        return view

    def _set_tab_order(self) -> None:
        """Tab moves through the window as it is laid out: left to right, top to bottom."""
        bookmarks, history = self.saved.bookmarks_pane, self.saved.history_pane
        chain = [
            self.search_box, self.sidebar.tabBar(), self.contents.filter_box, self.contents.tree,
            self.search.section_box, self.search.suggestion, self.search.results, bookmarks.list,
            bookmarks.open_button, bookmarks.remove_button, bookmarks.up_button,
            bookmarks.down_button, bookmarks.export_button, bookmarks.import_button, history.list,
            history.clear_button, self.banner.label, self.banner.whats_new_button,
            self.banner.close_button,
            # the find bar sits under the page it searches: after it, or Tab from the tabs
            # went to the bar at the foot of the window and Shift+Tab from it skipped the page
            self.tabs.tabBar(), *self.tabs.views(),
            self.find_bar.field, self.find_bar.previous_button, self.find_bar.next_button,
            self.find_bar.match_case, self.find_bar.close_button,
            self.outline.list, self.status_widgets.problems_button,
        ]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)  # hidden ones are skipped by Qt

    def close_tab(self, index: int | None = None) -> None:
        """Ctrl+W; the last tab is replaced by the start page, never leaving the pane empty."""
        index = self.tabs.currentIndex() if index is None else index
        view = self.tabs.widget(index)
        if not isinstance(view, ChapterView):
            return
        self.tabs.remember_closed(view)
        focus = QApplication.focusWidget()
        reading = focus is None or focus is view or view.isAncestorOf(focus)
        if self.tabs.count() == 1:
            self.new_tab()
        self.tabs.removeTab(self.tabs.indexOf(view))
        view.deleteLater()
        if reading:  # the keyboard goes on in the page now shown, not nowhere
            self.chapter.setFocus()
        self._update_navigation_actions()

    def reopen_closed_tab(self) -> bool:
        """Ctrl+Shift+T: the last closed tab, where it was, with its back and forward lists."""
        if not self.tabs.closed:
            self.show_status("No closed tab to reopen")
            return False
        closed = self.tabs.closed.pop()
        view = self.new_tab(closed.place.kind, closed.place.ref, at=closed.index)
        if view.current != (closed.place.kind, closed.place.ref):  # gone since it was closed
            self._open_or_gone(view, closed.place.kind, closed.place.ref)
        view.history = closed.history
        view.restore_place(closed.place)
        self._update_navigation_actions()
        return True

    def open_link_in_new_tab(self, url: QUrl) -> None:
        """A middle-click or Ctrl+click on a link: the page opens in a tab behind this one."""
        kinds = {CHAPTER_SCHEME: "entry", SECTION_SCHEME: "section", PAGE_SCHEME: "page"}
        kind = kinds.get(url.scheme())
        if kind is None:  # a web link or an anchor of this page: as a plain click
            self.chapter.anchorClicked.emit(url)
            return
        self._open_in_new_tab(kind, url.path(), anchor=url.fragment())

    def _open_in_new_tab(self, kind: str, ref: str, select: bool = False,
                         anchor: str = "") -> bool:
        """A page in a tab of its own: behind the one being read, or shown (`select`); a
        chapter at the place `anchor` names in it."""
        if self._page_for(kind, ref) is None:
            self.show_status(f'"{ref}" is not in this edition')
            return False
        view = self.new_tab(kind, ref, select=select)
        there = True
        if kind == "entry" and (entry := self.manual.find(ref)) is not None:
            # opened, as by a plain click: History listed only chapters opened in the tab
            # being read, and one read in a tab of its own was missing from it
            self.saved.visited(entry)
            there = not anchor or self._open_at(view, entry, anchor)
        if not select:
            # a page message: once another tab is shown, "Ctrl+Tab to go to it" is done or
            # stale
            title = view.page.title if view.page else ref
            where = "" if there else f', at its top: it has no part "#{anchor}"'
            self.show_page_status(f"Opened in a new tab: {title}{where} (Ctrl+Tab to go to it)")
        return True

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.count():
            self._page_left()
            for view in self.tabs.views():  # a link's hint of the page put behind
                if view is not self.chapter and (hint := view.drop_hint()):
                    self.status_widgets.take_down(hint)
            self._sync_to_current()
            if self.find_bar.isVisible():
                for view in self.tabs.views():
                    if view.found and view is not self.chapter:
                        # the bar speaks to the tab shown: its words stayed marked in the tab
                        # left, there still once the bar was closed, and F3 stepped them
                        view.clear_matches()
                self._find_changed(self.find_bar.text(), self.find_bar.match_case.isChecked())

    def _sync_to_current(self) -> None:
        """The title, tree, outline and actions follow the current tab."""
        view = self.chapter
        page = view.page
        if page is not None:
            self.setWindowTitle(f"{page.title} \u2014 {APP_DISPLAY_NAME}")
        kind, ref = view.current
        if kind == "entry":
            self.contents.select("entry", ref)
        elif kind == "section":
            self.contents.select("section" if self.manual.section(ref) else "subsection", ref)
        else:
            self.contents.clear_selection()
        self._show_outline(view)
        self._update_navigation_actions()

    def _forget_where_tabs_have_been(self) -> None:
        """History cleared: each tab's Back and Forward and the closed tabs go too. The
        session keeps them on disk, where, on a shared computer, they would name the chapters
        the person asked to be forgotten. The open tabs stay: they are in plain view."""
        for view in self.tabs.views():
            view.history = BackForward()
        self.tabs.closed.clear()
        self._update_navigation_actions()
        try:
            self._session_seen = forget_where_tabs_have_been(self._session_seen)
        except OSError as exc:
            log.error("cannot remove the closed tabs and Back lists from the session: %s", exc)
            # on a shared computer the person must know the next start would still show them
            self.show_status(f"History cleared, but the closed tabs and each tab's Back and "
                             f"Forward could not be removed from what is kept for the next "
                             f"start ({why_not_saved(exc)}); they are still on this computer")

    def _update_navigation_actions(self) -> None:
        if not self.tabs.count():
            return
        view = self.chapter
        self.back_action.setEnabled(view.history.can_go_back())
        self.forward_action.setEnabled(view.history.can_go_forward())
        kind, ref = view.current
        chapter = kind == "entry"
        self.bookmark_action.setEnabled(chapter)
        self._bookmark_refused.setEnabled(not chapter)
        marked = chapter and self.saved.is_bookmarked(ref)
        self.bookmark_action.setChecked(marked)
        self.bookmark_action.setIconText(BOOKMARKED_LABEL if marked else BOOKMARK_LABEL)
        self.reopen_action.setEnabled(bool(self.tabs.closed))
        self._reopen_refused.setEnabled(not self.tabs.closed)  # one of the two takes the key

    def _restyle(self, _theme: object, css: str) -> None:
        self.tabs.restyle(css)
        self.contents.apply_stylesheet(css)
        draw_arrows(self)
        text_sized_box_arrows(self.search.section_box)  # in the new theme's colour

    # navigation -------------------------------------------------------------------------

    def _page_for(self, kind: str, ref: str) -> Page | None:
        if kind == "entry":
            entry = self.manual.find(ref)
            return self.renderer.page_for(entry) if entry else None
        if kind == "section":
            return self.renderer.section_page(ref)
        if ref == "whats-new":
            return self.renderer.whats_new_page(self._update_changes())
        return self.renderer.start_page()

    def _open_in(self, view: ChapterView, kind: str, ref: str, record: bool = True,
                 page: Page | None = None, find: bool = True) -> bool:
        """Show a page in a tab; `record` puts the place left on the tab's back list; `find`
        runs the find bar's words on it (False where the caller finds from a place of its
        own, after scrolling there)."""
        if kind == "entry":
            entry = self.manual.find(ref)
            if entry is not None:
                ref = entry.id
            elif page is None:  # a page saying the chapter is gone is given by _open_or_gone
                return False
        page = page or self._page_for(kind, ref)
        if page is None:
            return False
        view.reached_by_arrows = None
        # the page already open, opened again, is no step to go back to
        if record and view.page is not None and (kind, ref) != view.current:
            view.history.leave(view.place())
        fit_outline = (lambda: self._fit_outline(page.headings)) \
            if view is self.tabs.currentWidget() else None
        view.show_page(page, fit_outline)
        view.current = (kind, ref)
        self.tabs.set_title(view, page.title)
        for problem in page.problems:
            said = f"while opening {page.title}: {problem}"
            if said not in self._problems_logged:  # a page opened all day is logged once
                self._problems_logged.add(said)
                log.warning("%s", said)
        if view is self.tabs.currentWidget():
            self._page_left()
            if page.problems:
                self.show_page_status(problem_message(page.problems, self.manual.root))
            self._sync_to_current()
            if find and self.find_bar.isVisible():
                self._find_changed(self.find_bar.text(), self.find_bar.match_case.isChecked())
        return True

    def open_entry(self, ref: str, anchor: str = "") -> bool:
        """Open a contents entry by id or number, at the place `anchor` names in it (a link
        to a heading of another chapter) or at its top; False if the manual has no such
        entry."""
        entry = self.manual.find(ref)
        if entry is None:
            self.show_status(f'No chapter "{ref}" in this edition')
            return False
        view = self.chapter
        if anchor and view.current == ("entry", entry.id):
            view.follow_page_link(anchor)  # a place in the chapter open: as a link within it
            return True
        self._open_in(view, "entry", entry.id)
        self.saved.visited(entry)
        if anchor and not self._open_at(view, entry, anchor):
            self.show_page_status(f"This link points to a part of {entry.label} that is not "
                                  f'there ("#{anchor}"); it is open at its top')
        return True

    def _open_at(self, view: ChapterView, entry: Entry, anchor: str) -> bool:
        """The chapter just opened in `view` scrolled to the place `anchor` names; False if
        it has no such place. One whose text this edition lacks has none, and its page says
        so and gives the online address: no more is said of the place."""
        place = view.anchor_place(anchor)
        if place is not None:
            # as a kept place: a tab behind is scrolled there when it is first shown
            view.restore_place(Place("entry", entry.id, 0, place))
        return place is not None or goes_to_top(anchor) or not self.manual.has_text(entry)

    def _tree_moved(self, kind: str, ref: str) -> None:
        """The tree's arrow keys open as they move; a page left again within seconds was only
        passed through, and goes on neither the back list nor the history."""
        view = self.chapter
        passed = view.reached_by_arrows is not None and \
            time.monotonic() - view.reached_by_arrows < PASSING_SECONDS
        left_kind, _left_ref = view.current
        if kind == "entry":
            entry = self.manual.find(ref)
            if entry is None or not self._open_in(view, "entry", entry.id, record=not passed):
                return
            self.saved.visited(entry, by_arrows=True, passed=passed and left_kind == "entry")
        elif not self._open_in(view, "section", ref, record=not passed):
            return
        view.reached_by_arrows = time.monotonic()

    def open_requested(self, ref: str) -> None:
        """--open: a chapter or section in a tab of its own beside the tabs put back, or in
        the current tab if that shows the start page; the last session's tabs stay."""
        if self.chapter.current != ("page", "start"):
            self.new_tab()
        if self.manual.find(ref) is not None:
            self.open_entry(ref)
        else:
            self.open_section(ref.strip())

    def open_section(self, number: str) -> None:
        if not self._open_in(self.chapter, "section", number):
            self.show_status(f"No section {number} in this edition")

    def _open_from_list(self, entry_id: str) -> None:
        """A bookmark or a visit chosen (Enter, a double click): the keys go on in its text."""
        if self.open_entry(entry_id):
            self.focus_chapter()

    def focus_chapter(self) -> None:
        """The keys into the chapter (Shift+F6, or one opened from the navigator): where the
        navigator is over it (a window too narrow for both), it is put away first."""
        self.show_chapter_pane()
        self.chapter.setFocus()

    def show_chapter_pane(self) -> None:
        """The chapter in sight: where the navigator is over it, the navigator put away."""
        if self.splitter.side_in_front:
            self.set_navigator_shown(False, said=False)

    def escape_to_chapter(self) -> bool:
        """Esc in the navigator with nothing else to do (no filter or search to clear): where
        it is over the chapter, back to the chapter, as F9 goes; True if so. Beside the
        chapter Esc leaves the keys where they are, or goes to the contents, as before."""
        if not self.splitter.side_in_front:
            return False
        self.focus_chapter()
        return True

    def _leave_list(self) -> None:
        """Esc in the bookmarks or the history: back to the chapter they were opened from,
        where they are over it; beside it, to the contents."""
        if not self.escape_to_chapter():
            self.focus_contents()

    def _search_box_escape(self) -> None:
        """Esc in the search box: a search typed is cleared, back in the contents; in the
        empty box, over the chapter, back to the chapter."""
        if self.search_box.text() or not self.escape_to_chapter():
            self.close_search()

    def _tree_clicked(self, index: QModelIndex) -> None:
        """A chapter clicked in the navigator over the chapter: it was opened behind it, and
        is shown. A section clicked stays in the tree, to be opened out; Ctrl+click opened
        the chapter in a tab behind."""
        if self.splitter.side_in_front and index.data(KIND_ROLE) == "entry" and not \
                QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier:
            self.focus_chapter()

    def open_hit(self, entry_id: str, terms: tuple[str, ...], new_tab: bool = False) -> None:
        """Open a search result with its matches highlighted, scrolled to the first; the
        keys go on in its text, where F3 steps through them. In a `new_tab`, shown, the
        chapter being read stays in its own."""
        if self._open_in_new_tab("entry", entry_id, select=True) if new_tab \
                else self.open_entry(entry_id):
            if self.find_bar.isVisible():
                self.close_find()  # its words would stay shown beside the search's matches
            self.focus_chapter()
            count = self.chapter.highlight(terms)
            if count:
                self.show_page_status(f"{count} match{'es' * (count != 1)}{STEP_HINT}")

    def go_back(self) -> bool:
        """Alt+Left, the mouse's back button: the place before, scrolled as it was."""
        view = self.chapter
        return self._go_to(view, view.history.back(view.place()))

    def go_forward(self) -> bool:
        view = self.chapter
        return self._go_to(view, view.history.forward(view.place()))

    def _go_to(self, view: ChapterView, place: Place | None) -> bool:
        if place is None:
            return False
        moved = (place.kind, place.ref) != view.current or view.page is None
        if moved:
            self._open_or_gone(view, place.kind, place.ref, find=False)
        view.restore_place(place)
        if moved and view is self.chapter and self.find_bar.isVisible():
            # found again from the place returned to: found from the page's top, it counted
            # "1 of 95" off screen, and Enter went back to the title
            self._find_changed(self.find_bar.text(), self.find_bar.match_case.isChecked())
        self._update_navigation_actions()
        return True

    def _outline_chosen(self, anchor: str) -> None:
        self.chapter.follow_anchor(anchor)
        self.chapter.setFocus()

    def _show_outline(self, view: ChapterView) -> None:
        headings = view.page.headings if view.page else ()
        self.outline.set_headings(headings, view.anchor_positions() if headings else {})
        self._place_outline(self._outline_shown(headings))
        self.outline.follow(view.verticalScrollBar().value())

    def _outline_shown(self, headings: tuple[Heading, ...]) -> bool:
        """Whether the outline is shown beside a page with these headings."""
        return self.outline_wanted and bool(headings) and self._outline_roomy()

    def _outline_roomy(self) -> bool:
        """Whether the window leaves the chapter a comfortable width beside the outline: a
        window snapped to half a laptop screen keeps its width for the chapter."""
        if self.splitter.side.isHidden():
            # the navigator put away: in a window of 960 pixels the chapter had them all
            # and no outline, where one of 1,000 with the navigator has 540 beside it
            handle = self.reading_splitter.handleWidth()
            return self.width() >= READING_COMFORT_WIDTH + OUTLINE_WIDTH + handle
        return self.width() >= OUTLINE_MIN_WINDOW_WIDTH

    def _fit_outline(self, headings: tuple[Heading, ...]) -> None:
        """The outline shown or hidden for a page not yet laid out, and the chapter pane
        given its width for it now: laid out at the width it had, the page was laid out
        again as the outline came or went (a chapter of 1,000 headings, twice)."""
        if self._place_outline(self._outline_shown(headings)):
            # the splitter shares its width out when the window is next laid out: now
            QApplication.sendPostedEvents(self.reading_splitter, QEvent.Type.LayoutRequest)

    def _place_outline(self, shown: bool) -> bool:
        """Show or hide the outline, with the splitter's handle beside it; True if it was
        not so already."""
        if shown != self.outline.isHidden():
            return False
        focus = QApplication.focusWidget()
        if not shown and focus is not None and (focus is self.outline
                                                or self.outline.isAncestorOf(focus)):
            # Qt passed the focus on round to the search box or the tabs: a letter typed
            # next started a search. The headings were a way into the chapter
            self.chapter.setFocus()
        self.outline.setVisible(shown)
        # the splitter hides or shows the handle only when next laid out, then shares its few
        # pixels out: had it shared the width out before, the chapter was laid out again
        splitter = self.reading_splitter
        splitter.handle(splitter.indexOf(self.outline)).setVisible(shown)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.splitter, self.reading_splitter) \
                and event.type() == QEvent.Type.Resize:
            # the window resized past the outline's width: it comes or goes before the
            # splitters share the new width out. After, the chapter was laid out at the width
            # between, with the outline, and again without it; and a window narrowed to half
            # a laptop screen in one step gave the reading pane the outline's least width too
            view = self.tabs.currentWidget()
            if isinstance(view, ChapterView) and view.page is not None:
                self._place_outline(self._outline_shown(view.page.headings))
        return super().eventFilter(watched, event)

    def set_caret_browsing(self, on: bool) -> None:
        """View > Caret browsing (F7), in every tab; kept between runs."""
        self.caret_action.setChecked(on)
        for view in self.tabs.views():
            view.set_caret_browsing(on)
        self.show_status("Caret browsing on: the arrow keys move a text cursor in the chapter "
                         "(F7 turns it off)" if on else
                         "Caret browsing off: the arrow keys scroll the chapter")
        if on != self.settings.caret_browsing:  # after: a failed save says so instead
            self._change_settings(replace(self.settings, caret_browsing=on))

    def _reading_comfort(self) -> int:
        """The width the reading pane keeps before the navigator gives way: the chapter's
        comfortable width, and the outline's beside it where the window is wide enough for
        it (whether or not this page has headings: a page opened must not move the panes)."""
        outline = self.outline_wanted and self.width() >= OUTLINE_MIN_WINDOW_WIDTH
        handle = self.reading_splitter.handleWidth()
        return READING_COMFORT_WIDTH + (OUTLINE_WIDTH + handle if outline else 0)

    def _reading_roomy(self) -> int:
        """The widest the reading pane has a use for: the chapter at its whole line length,
        and the outline as `_reading_comfort` counts it. Beyond it the navigator widens."""
        outline = self._reading_comfort() - READING_COMFORT_WIDTH
        return self.chapter.measure_width() + outline

    def _navigator_roomy(self) -> int:
        """The navigator's width where the window has room to spare: most titles whole."""
        return self.contents.titles_width(TITLES_WHOLE_SHARE)

    def set_navigator_shown(self, shown: bool, *, said: bool = True) -> None:
        """View > Navigation pane (F9): the search box, contents, bookmarks and history
        beside the chapter, or the whole width for the chapter. In a window too narrow for
        both, shown over the chapter's whole width, and put away for it again, the person's
        choice for a wider window left as it was. `said`: told in the status bar and to a
        screen reader, for which the focus left in the chapter tells nothing."""
        navigation = self.splitter.side
        if shown != navigation.isHidden():  # not isVisible(): false too before the window shows
            self.navigator_action.setChecked(shown)
            return
        # in a window too narrow for both, over the chapter or put away for it again
        self.splitter.set_side_shown(shown)
        self.navigator_action.setChecked(shown)
        in_front = self.splitter.side_in_front
        for message in (NAVIGATOR_HIDDEN, NAVIGATOR_OVER, NAVIGATOR_AWAY):
            self.status_widgets.take_down(message)
        if in_front:  # said however it came: the way back to the chapter is not in sight
            self.status_widgets.show_message(NAVIGATOR_OVER)
            # said after the focus in the navigator (F6, Ctrl+K, Ctrl+H ...): a screen
            # reader heard the tree or the box, not that the chapter had gone from sight
            announce(self.statusBar(), NAVIGATOR_OVER)
        elif said:
            # the key first: at half a laptop screen the status bar cut off what came after
            self.show_status("Navigation pane shown" if shown else NAVIGATOR_HIDDEN)

    def _navigator_placing(self, shown: bool, chapter_shown: bool, by_width: bool) -> None:
        """The navigator and the chapter about to be shown or put away (the person's choice,
        or the window's width): the tick, the tabs' Alt keys and the keyboard follow."""
        self.navigator_action.setChecked(shown)
        if self._navigator_button is None and not (shown and chapter_shown):
            from reader.ui.navigator_button import NavigatorButton

            self._navigator_button = NavigatorButton(self.toolbar, self.set_navigator_shown)
        if self._navigator_button is not None:
            self._navigator_button.follow(shown, chapter_shown)
        for key in self._sidebar_keys:  # while the tabs show, the key is theirs alone
            key.setEnabled(not shown)
        focus = QApplication.focusWidget()
        if not shown and focus is not None and self.splitter.side.isAncestorOf(focus):
            self.chapter.setFocus()  # the keys must not go on into a pane no one sees
        elif not chapter_shown and focus is not None and self.splitter.main.isAncestorOf(focus):
            # into the navigator's pane shown, as Alt+C, Alt+K or Alt+Y take them
            self._sidebar_tab_by_key(self.sidebar.currentIndex())
        # read by a screen reader with the menu's tick: "beside" was wrong over the chapter
        self.navigator_action.setStatusTip(
            NAVIGATOR_TIP if self.splitter.room_beside() else NAVIGATOR_NARROW_TIP)
        if not by_width:
            return
        if shown:
            for message in (NAVIGATOR_AWAY, NAVIGATOR_OVER):
                self.status_widgets.take_down(message)
            # come back by itself, the window widened: the Tab order goes through it again
            announce(self.statusBar(), NAVIGATOR_BACK)
        elif self.splitter.side_wanted:
            self.show_status(NAVIGATOR_AWAY)  # it went by itself: where, and how it comes back

    def _show_navigator(self) -> None:
        """The navigator shown, for a key that goes to it (F6, Ctrl+K, Ctrl+H ...): the
        focus going into it says where the keys went."""
        if self.splitter.side.isHidden():
            self.set_navigator_shown(True, said=False)

    def _name_navigator_tab(self) -> None:
        """The first tab named for what it shows: "Contents" read above a list of search
        results, to a screen reader as well. Alt+C is its key under either name."""
        results = self.navigator.currentWidget() is self.search
        bar = self.sidebar.tabBar()
        bar.setTabText(0, RESULTS_TAB if results else CONTENTS_TAB)
        bar.setTabToolTip(0, "Search results" if results else "Contents")
        bar.setAccessibleTabName(0, "Search results" if results else "")

    def _sidebar_tab_by_key(self, index: int) -> None:
        """Alt+C, Alt+K or Alt+Y with the navigator shown: the keys go into the tab's pane,
        as when it was put away. Left in the chapter, Down scrolled the page, Enter followed
        a link in it, and a screen reader said nothing of the list shown."""
        pane = self.sidebar.widget(index)
        if pane is self.saved.bookmarks_pane:
            self.show_bookmarks()
        elif pane is self.saved.history_pane:
            self.show_history()
        elif self.navigator.currentWidget() is self.search:  # the results, as left
            self.search.results.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.focus_contents()

    def _show_sidebar_tab(self, index: int) -> None:
        """Alt+C, Alt+K or Alt+Y with the navigator put away: back, at that tab, with the
        keys in it as after F6, Ctrl+Shift+B and Ctrl+H; left in the chapter, a screen
        reader said nothing of the pane come back. The first tab as it was left: search
        results left showing are still there, as when the navigator is shown."""
        if index == 0 and self.navigator.currentWidget() is self.search:
            self._show_navigator()
            self.sidebar.setCurrentWidget(self.navigator)
            self.search.results.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        (self.focus_contents, self.show_bookmarks, self.show_history)[index]()

    def set_outline_wanted(self, wanted: bool) -> None:
        """View > Outline: show the headings pane when the page has headings."""
        self.outline_wanted = wanted
        self.outline_action.setChecked(wanted)
        self._show_outline(self.chapter)

    def focus_outline(self) -> None:
        """F8: the keys in the page's headings, which Tab reaches only after every link on
        the page; the outline turned on if it was off, or a word on why it is not there."""
        view = self.chapter
        if not (view.page and view.page.headings):
            self.status_widgets.show_message("This page has no headings to list.")
            return
        if not self.outline_wanted:
            self.set_outline_wanted(True)
        if self.outline.isHidden():
            # the navigator put away already (F9 would bring it over the chapter)
            hide = "" if self.splitter.side.isHidden() or self.splitter.side_in_front \
                else ", or hide the navigation pane (F9)"
            self.status_widgets.show_message(f"The outline needs a wider window: widen it{hide}.")
            return
        if self.outline.list.currentRow() < 0:
            self.outline.list.setCurrentRow(0)  # above the first heading: the keys start there
        self.outline.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # find in page -------------------------------------------------------------------------------

    def open_find(self) -> None:
        """Ctrl+F: the find bar under the chapter, its text selected to type over."""
        self.show_chapter_pane()  # over the navigator, the keys went into a bar no one saw
        self.find_bar.open()
        if self.find_bar.text():
            self._find_changed(self.find_bar.text(), self.find_bar.match_case.isChecked())

    def _find_changed(self, text: str, match_case: bool) -> None:
        self.chapter.find_text(text, match_case)
        if not text:
            self.find_bar.show_count(-1, 0)

    def _matches_changed(self, index: int, total: int) -> None:
        self.find_bar.show_count(index, total)
        if not total and self.statusBar().currentMessage().startswith(MATCH_STATUS):
            self.statusBar().clearMessage()  # "Match 1 of 95" on a page that has none
        if not total and self._page_message.endswith(STEP_HINT):
            # a search's highlights cleared with Esc: F3 has nothing left to step through
            self._page_left()

    def close_find(self) -> None:
        """Esc: hide the find bar and clear its highlights; with no find bar, clear those of
        the search that opened the page (the only other way out was Ctrl+F, then Esc)."""
        if not self.find_bar.isVisible():
            if self.chapter.matches:
                self.chapter.clear_matches()
            return
        self.find_bar.hide()
        self.chapter.clear_matches()
        self.chapter.setFocus()

    def next_match(self, forward: bool) -> None:
        """F3 / Shift+F3: through the find bar's matches, or the search's highlights."""
        if self.chapter.matches:  # stepped through behind the navigator over the chapter, unseen
            self.show_chapter_pane()
        if not self.chapter.next_match(forward) and self.find_bar.isVisible():
            self.find_bar.field.setFocus()

    # bookmarks, history, reference ----------------------------------------------------------

    def toggle_bookmark(self) -> None:
        """Ctrl+D: bookmark the open chapter, or remove its bookmark."""
        kind, ref = self.current
        entry = find_by_id(self.manual, ref) if kind == "entry" else None
        if entry is not None:
            self.saved.toggle(entry)
        elif kind == "section" and is_gone_ref(ref):  # "always in the contents" it is not
            self.show_status("Only chapters can be bookmarked, and this section is not in "
                             "this edition")
        elif kind == "section":
            self.show_status("Only chapters can be bookmarked; a section is always in the "
                             "contents")
        elif kind != "entry":
            self.show_status("Only chapters can be bookmarked; this page is always in the menus")
        elif self.saved.is_bookmarked(ref):  # a chapter this edition no longer has
            rows = [b.entry_id for b in self.saved.bookmarks]
            self.saved.remove_at(rows.index(ref))
        else:
            self.show_status("This chapter is not in this edition, so it cannot be bookmarked")

    def show_bookmarks(self) -> None:
        self._show_navigator()
        self.sidebar.setCurrentWidget(self.saved.bookmarks_pane)
        self.saved.bookmarks_pane.setFocus()

    def show_history(self) -> None:
        self._show_navigator()
        self.sidebar.setCurrentWidget(self.saved.history_pane)
        self.saved.history_pane.setFocus()

    def _sidebar_changed(self, _index: int) -> None:
        """The Bookmarks or History tab shown (a click, Alt+K, Alt+Y, Ctrl+Shift+B, Ctrl+H):
        the open chapter's row is made current, ready for Delete or Move up; a pane already
        shown keeps the row the person picked."""
        pane = self.sidebar.currentWidget()
        if isinstance(pane, SavedListPane):
            self._show_open_chapter_in(pane)

    def _show_open_chapter_in(self, pane: SavedListPane) -> None:
        kind, ref = self.current
        if kind == "entry":
            pane.show_entry(ref)

    def reference(self) -> str:
        """The open page as a reference to paste: number, title, manual and edition."""
        info = self.manual.info
        kind, ref = self.current
        entry = find_by_id(self.manual, ref) if kind == "entry" else None
        page = self.chapter.page
        name = entry.label if entry else (page.title if page else info.title)
        # the start page is titled as the manual: named once, not "X - X"
        named = info.title if name == info.title else f"{name} - {info.title}"
        return f"{named} ({edition_phrase(info.edition)})"

    def copy_reference(self) -> None:
        """Ctrl+Shift+C: the reference on the clipboard, for an email or a case note."""
        text = self.reference()
        _application().clipboard().setText(text)
        self.show_status(f"Copied: {text}")

    def _fit_toolbar(self) -> None:
        """Shorten the toolbar's labels where the bar is too narrow for them: from now on."""
        if self._toolbar_fit is None:
            from reader.ui.toolbar_fit import ToolbarFit

            self._toolbar_fit = ToolbarFit(self.toolbar)

    def _ring_keyboard_focus(self) -> None:
        from reader.ui.focus_ring import FocusRing

        self.focus_ring = FocusRing(_application(), self, self.themes)

    # the reader's pages, notices and status bar ------------------------------------------------

    def show_start_page(self) -> None:
        self._open_in(self.chapter, "page", "start")

    def show_whats_new(self) -> None:
        """Help > What's new, and the notice's button: beside the chapter being read, in a tab
        of its own as an update opens it, or the tab that has it already; it replaces only a
        start or What's new page."""
        shown = next((view for view in self.tabs.views()
                      if view.current == ("page", "whats-new")), None)
        if shown is not None:
            self.tabs.setCurrentWidget(shown)
        elif self.chapter.current[0] == "page":
            self._open_in(self.chapter, "page", "whats-new")
        else:
            self.new_tab("page", "whats-new")

    def _whats_new_from_banner(self) -> None:
        """The notice's What's new: the keys go on in the list of changes, as from a bookmark's
        Open; left on the button, a screen reader said nothing of the page that opened."""
        self.show_whats_new()
        self.chapter.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_reader_page(self, name: str) -> None:
        """Links to the reader's own pages: page:start, page:whats-new."""
        # in the tab whose page has the link, as any link opens
        self._open_in(self.chapter, "page", "whats-new" if name == "whats-new" else "start")

    def check_edition_age(self, today: date, *, only_if_changed: bool = False) -> None:
        """Show or hide the stale-edition banner for the edition's age on this day; with
        `only_if_changed`, a banner the person closed stays closed unless what it says changed."""
        info = self.manual.info
        stale = stale_notice(info.edition, today, self.settings.stale_after_months,
                             info.online_url)
        notice = " ".join(n for n in (self.content_notice, self._edition_changed, stale) if n)
        self._edition_age_checked = today
        if only_if_changed and notice == self._edition_notice:
            return
        self._edition_notice = notice
        self.banner.show_notice(notice, whats_new=bool(self._edition_changed)
                                and self._changes_listed)

    def check_edition_read(self, *, remember: bool = True) -> None:
        """At start: say above the page, once, that the manual changed since it was last read
        here (an update installed while the reader was closed, the reader itself updated, or
        the edition re-issued under its date);
        `remember` keeps this edition as the one read, so the next start says nothing."""
        from reader.edition_read import (
            edition_changed_notice,
            edition_in_use,
            last_edition_read,
            reissued,
            whats_new_lists_changes,
        )

        before = last_edition_read()
        now = edition_in_use(self.manual.info.edition, self.manual.root)
        # read only when it is needed: the edition's pointer is not opened at most starts
        recorded = not reissued(before, now) or self._update_changes() is not None
        self._edition_changed = edition_changed_notice(before, now, changes_recorded=recorded)
        self._changes_listed = whats_new_lists_changes(before, now, changes_recorded=recorded)
        if self._edition_changed:
            log.info("the edition changed since it was last read here: %s, last read %s",
                     now, before)
            self.check_edition_age(date.today())
            # said once, away from the focus: a screen reader would not tell of it unasked
            told = self._edition_changed
            after_next_paint(self.banner, lambda: announce(self.banner.label, told))
        if remember and before != now:  # no disk write before the first paint of most starts
            self._remember_edition_read()

    def _remember_edition_read(self) -> None:
        from reader.edition_read import edition_in_use, remember_edition_read

        try:
            remember_edition_read(edition_in_use(self.manual.info.edition, self.manual.root))
        except OSError as exc:  # the notice may come again at the next start: no more
            log.error("cannot keep the edition read: %s", exc)

    def show_status(self, message: str) -> None:
        self.status_widgets.show_message(message)
        announce(self.statusBar(), message)

    def show_page_status(self, message: str, *, said: bool = True) -> None:
        """A message about the open page, taken down when another page or tab is shown;
        those about the reader (a bookmark kept, an update installed) stay their time.
        `said`: told to a screen reader too; False where it hears it from elsewhere."""
        if said:
            self.show_status(message)
        else:
            self.status_widgets.show_message(message)
        self._page_message = message

    def _view_status(self, message: str) -> None:
        # with the find bar open, its count says "Match 2 of 95" already: twice at each F3
        said_there = message.startswith(MATCH_STATUS) and self.find_bar.isVisible()
        self.show_page_status(message, said=not said_there)

    def _page_left(self) -> None:
        if self._page_message:
            self.status_widgets.take_down(self._page_message)
            self._page_message = ""

    def tell_start_notices(self, notices: list[str]) -> QMessageBox:
        """What went wrong with the person's own files at start, each on its own line, in a
        box that waits for them: a status bar line would be gone in seconds, or cut off."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_DISPLAY_NAME,
                          "Some of what the reader keeps for you could not be read or written. The "
                          "rest works as usual.", QMessageBox.StandardButton.Ok, self)
        box.setInformativeText("\n\n".join(notices))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, and start-up goes on
        return box

    # chrome --------------------------------------------------------------------------------

    def shortcut_lines(self) -> list[tuple[str, str]]:
        """Every menu action that has a shortcut: (what it does, its keys)."""
        return shortcut_lines(self.menuBar())

    def show_shortcuts(self) -> QDialog:
        from reader.ui.shortcuts_dialog import ShortcutsDialog  # when asked for, not at start

        dialog = ShortcutsDialog(self.shortcut_lines(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # printing (reader/ui/print_actions.py, imported when first used) ---------------------------

    def print_page(self) -> None:
        from reader.ui.print_actions import print_current

        print_current(self)

    def export_pdf(self, path: Path | None = None) -> Path | None:
        """File > Export to PDF; `path` skips the file dialog (tests, scripting)."""
        from reader.ui.print_actions import export_current

        return export_current(self, path)

    # view --------------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        """Ctrl+Plus / Ctrl+Minus / Ctrl+0; the text size is kept between runs."""
        steps = 0 if step == 0 else clamped(self.settings.zoom_steps + step)
        self.tabs.set_zoom(steps)
        # the chapter's whole line length changed with its text: in a wide window the
        # navigator gives the chapter that width, or takes what it no longer uses
        self.splitter.share_again()
        # said, as the change is all a person sees, and a key at either end changes nothing
        size = f"Text size {round(100 * zoom_factor(steps))}%"
        if step and steps == self.settings.zoom_steps:
            self.show_status(f"{size}, the {'largest' if step > 0 else 'smallest'} there is "
                             "(Ctrl+0 for the normal size)")
        else:
            self.show_status(size if steps == 0 else f"{size} (Ctrl+0 for the normal size)")
        if steps != self.settings.zoom_steps:
            self._change_settings(replace(self.settings, zoom_steps=steps))
        self._show_outline(self.chapter)  # the headings moved with the text

    def set_theme(self, name: str) -> None:
        self.themes.set_choice(name)
        for action in self.theme_actions.actions():
            action.setChecked(action.data() == name)
        self._change_settings(replace(self.settings, theme=name))

    def edit_preferences(self) -> None:
        from reader.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()
        if chosen.theme != self.settings.theme:
            self.set_theme(chosen.theme)
        self._change_settings(chosen)
        self.check_edition_age(date.today())

    def _change_settings(self, settings: Settings) -> None:
        # only what changed here is saved: another window's choices since are kept
        self.settings = settings
        try:
            save_settings(settings, self._settings_saved)
        except OSError as exc:
            log.error("cannot save settings: %s", exc)
            why = why_not_saved(exc)
            if why == self._settings_unsaved:
                return  # said already: with a file IT made read-only, each Ctrl+Plus hid the size
            self._settings_unsaved = why
            self.show_status(f"Your settings could not be saved ({why}); they apply "
                             "until you close the reader")
        else:
            self._settings_unsaved = None
            self._settings_saved = settings

    # the contents, about -----------------------------------------------------------------------

    def _show_contents(self) -> None:
        # over search results too: keys must never go to a tree or filter no one can see
        self._show_navigator()
        self.sidebar.setCurrentWidget(self.navigator)
        self.navigator.setCurrentWidget(self.contents)

    def focus_contents(self) -> None:
        self._show_contents()
        self.contents.tree.setFocus()

    def focus_filter(self) -> None:
        self._show_contents()
        self.contents.filter_box.setFocus()
        self.contents.filter_box.selectAll()

    def show_about(self) -> QDialog:
        from reader.ui.about import AboutDialog  # reads package metadata: only when asked

        dialog = AboutDialog(self.manual.info, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # pages put back ----------------------------------------------------------------------------

    def _open_or_gone(self, view: ChapterView, kind: str, ref: str, find: bool = True) -> bool:
        """Show a page put back (a session, the back list, an edition switch) without adding to
        the back list; a chapter this edition lacks says so, anything else gone opens the start
        page. True if the page itself is shown. `find` as for _open_in."""
        if self._open_in(view, kind, ref, record=False, find=find):
            return True
        if kind == "entry":
            self._open_in(view, kind, ref, record=False, find=find,
                          page=gone_page(self.manual, self._entry_label(ref)))
        elif kind == "section":
            number, title = split_ref(ref)
            self._open_in(view, kind, gone_ref(number, title), record=False, find=find,
                          page=gone_section_page(self.manual, number, title))
        else:
            self._open_in(view, "page", "start", record=False, find=find)
        return False

    def _entry_label(self, entry_id: str) -> str:
        """A chapter's number and title: as this edition gives them, else as last seen (a tab,
        a bookmark, the history), else its id. Remembered, for a later edition without it."""
        entry = find_by_id(self.manual, entry_id)
        if entry is not None:
            self._labels_seen[entry_id] = entry.label
            return entry.label
        known = self._labels_seen.get(entry_id)
        if known is None:
            saved = (*self.saved.bookmarks, *self.saved.history)
            known = next((item.title for item in saved if item.entry_id == entry_id), entry_id)
        return known

    # Qt's events -------------------------------------------------------------------------------

    def focusNextPrevChild(self, next: bool) -> bool:
        before = QApplication.focusWidget()
        moved = super().focusNextPrevChild(next)
        # Qt goes round from the end of the reading area to the sidebar's tabs, past the
        # search box at the top, which only Shift+Tab then reached
        if next and moved and before is not self.search_box and \
                QApplication.focusWidget() is self.sidebar.tabBar():
            self.search_box.setFocus(Qt.FocusReason.TabFocusReason)
        return moved

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc that nothing in the navigator took (its tabs, a list's buttons, an empty list)
        # while it is over the chapter: back to the chapter, not stranded in the pane
        if event.key() == Qt.Key.Key_Escape and not event.modifiers() \
                and self.escape_to_chapter():
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # the mouse's back and forward buttons anywhere in the window, as in a browser
        if event.button() == Qt.MouseButton.BackButton:
            self.go_back()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.go_forward()
        else:
            super().mousePressEvent(event)

    def _quiet_tabs(self, quiet: bool) -> None:
        # Qt tears the tabs down after the window's Python side: their signals must not reach
        # the window then (a crash during garbage collection otherwise)
        self.tabs.blockSignals(quiet)
        for view in self.tabs.views():
            view.blockSignals(quiet)
            view.verticalScrollBar().blockSignals(quiet)

    def showEvent(self, event: QShowEvent) -> None:
        self.closed = False
        self._quiet_tabs(False)
        if self.focusWidget() is None and self.splitter.side.isHidden():
            # the navigator put away (a narrow window, or F9): Qt gave the keys to the first
            # control shown, the edition notice's link, where Enter opens the browser
            self.chapter.setFocus(Qt.FocusReason.OtherFocusReason)
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # all of the toolbar's fitting before the first paint: a window narrowed for it
        if self._toolbar_fit is None and self.toolbar.sizeHint().width() > self.toolbar.width():
            self._fit_toolbar()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the desktop's text size, changed
            self.themes.follow_text_size()
            self._follow_text_size()
        elif event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            # another window of the reader may have saved bookmarks or visits meanwhile
            self.saved.reload_if_changed()
            self._follow_edition_in_use()
            today = date.today()
            if today != self._edition_age_checked:  # left open overnight, or asleep for weeks
                self.check_edition_age(today, only_if_changed=True)

    def _dress_contents(self) -> None:
        """A contents pane made for another edition, as the first was made: its edge with the
        keys, and in large text its scroll bars and clear cross as large as the words. Left
        plain, the tree showed no edge with the keys, and small bars beside large rows."""
        self.focus_edges.add(self.contents.tree)
        if self._text_scale != 1.0:
            text_sized_scroll_bars(self.contents.tree)
            text_sized_clear_button(self.contents.filter_box)

    def _follow_text_size(self) -> None:
        """The small controls the style draws at one size, for the text's size if new."""
        scale = text_scale(self)
        if scale == self._text_scale:  # at the usual size, the whole cost
            return
        self._text_scale = scale
        from reader.ui.text_sized_window import size_controls_to_text  # large text only

        size_controls_to_text(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed = True
        self._quiet_tabs(True)
        self.themes.stop()
        try:
            self.saved.save_history_now()
            self.saved.save_unsaved_bookmarks()
            if self.settings.restore_session:
                try:
                    self._session_seen = save_window_session(self.session(), self._session_seen)
                except OSError as exc:
                    log.error("cannot save the session: %s", exc)
        finally:
            # whatever went wrong above: a worker thread left running when the window goes
            # takes the whole process down, with the index half built
            self._stop_index_loaders()
            if self.updater is not None:
                self.updater.stop()
            self.search.shutdown()
        super().closeEvent(event)


NAVIGATOR_HIDDEN = "Navigation pane hidden (F9 shows it again): the chapter has the whole width"
# in a window too narrow for the navigator beside the chapter
NAVIGATOR_AWAY = "Navigation pane put away (F9 shows it): the window is too narrow for both"
NAVIGATOR_OVER = "Navigation pane shown (F9 or Esc returns to the chapter, which it is over)"
NAVIGATOR_BACK = "Navigation pane back beside the chapter: the window is wide enough for both"


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication before the window"
    return app
