"""The main window: contents navigator beside the chapter pane, menus, status bar."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader import APP_DISPLAY_NAME
from reader.edition import stale_notice
from reader.manual import Manual, Problem
from reader.render import ChapterRenderer, Page, format_date
from reader.search_results import Searcher

if TYPE_CHECKING:
    from reader.search import OpenedSearch
    from reader.ui.index_loader import IndexLoader
from reader.settings import Settings
from reader.ui.about import about_html
from reader.ui.chapter_view import ChapterView
from reader.ui.contents import ContentsPane
from reader.ui.edition_banner import EditionBanner
from reader.ui.search_panel import SearchBox, SearchPanel

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Composes the panes and owns navigation between pages."""

    def __init__(
        self,
        manual: Manual,
        stylesheet: str,
        log_file: Path | None = None,
        settings: Settings | None = None,
        today: date | None = None,
        searcher: Searcher | None = None,
    ) -> None:
        super().__init__()
        self.manual = manual
        self.log_file = log_file
        self.settings = settings or Settings()
        self.renderer = ChapterRenderer(manual)
        self.contents = ContentsPane(manual, self)
        self.search_box = SearchBox(self)
        self.search = SearchPanel(manual, searcher, self)
        self.index_loader: IndexLoader | None = None
        self.navigator = QStackedWidget(self)
        self.navigator.addWidget(self.contents)
        self.navigator.addWidget(self.search)
        navigation = QWidget(self)
        navigation_layout = QVBoxLayout(navigation)
        navigation_layout.setContentsMargins(0, 0, 0, 0)
        navigation_layout.setSpacing(4)
        navigation_layout.addWidget(self.search_box)
        navigation_layout.addWidget(self.navigator, 1)
        self.chapter = ChapterView(stylesheet, manual.root, self)
        self.banner = EditionBanner(self)
        reading = QWidget(self)
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.setSpacing(4)
        reading_layout.addWidget(self.banner)
        reading_layout.addWidget(self.chapter, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(navigation)
        splitter.addWidget(reading)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 820])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.resize(1200, 780)
        self._build_status_bar()
        self._build_menus()
        self.contents.entry_chosen.connect(self.open_entry)
        self.contents.section_chosen.connect(self.open_section)
        self.chapter.chapter_link.connect(self.open_entry)
        self.chapter.section_link.connect(self.open_section)
        self.chapter.page_link.connect(self.open_reader_page)
        self.chapter.status_message.connect(self._status)
        self.search_box.textChanged.connect(self._search_text_changed)
        self.search_box.returnPressed.connect(self._search_enter)
        self.search_box.down_pressed.connect(self._focus_results)
        self.search_box.escape_pressed.connect(self.close_search)
        self.search.open_hit.connect(self.open_hit)
        self.search.suggestion_taken.connect(self.search_box.setText)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search.results)
        back.setContext(Qt.ShortcutContext.WidgetShortcut)
        back.activated.connect(self.close_search)
        self.check_edition_age(today or date.today())
        self.show_start_page()

    # navigation -------------------------------------------------------------------------

    def open_entry(self, ref: str) -> bool:
        """Open a contents entry by id or number; False if the manual has no such entry."""
        entry = self.manual.find(ref)
        if entry is None:
            self._status(f'No chapter "{ref}" in this edition')
            return False
        page = self.renderer.page_for(entry)
        self._show(page)
        self.contents.select("entry", entry.id)
        return True

    def open_section(self, number: str) -> None:
        page = self.renderer.section_page(number)
        if page is None:
            self._status(f"No section {number} in this edition")
            return
        self._show(page)
        kind = "section" if self.manual.section(number) else "subsection"
        self.contents.select(kind, number)

    def open_hit(self, entry_id: str, terms: tuple[str, ...]) -> None:
        """Open a search result with its matches highlighted, scrolled to the first."""
        if self.open_entry(entry_id):
            count = self.chapter.highlight(terms)
            if count:
                self._status(f"{count} match{'es' * (count != 1)}: F3 for the next, "
                             "Shift+F3 for the previous")

    # search ----------------------------------------------------------------------------------

    def start_search(self) -> None:
        """Titles search at once; the full-text index opens (or is built) in the background."""
        # imported here, after the first paint: the search engine is not needed to start
        from reader.search import title_searcher
        from reader.ui.index_loader import IndexLoader

        if not self.search.full_text:
            self.search.set_searcher(title_searcher(self.manual))
        loader = IndexLoader(self.manual, self)
        loader.progress.connect(self._index_progress)
        loader.ready.connect(self._index_ready)
        loader.finished.connect(loader.deleteLater)
        self.index_loader = loader
        loader.start_low_priority()

    def _index_progress(self, done: int, total: int) -> None:
        if total <= 0:
            return
        self.index_progress.setRange(0, total)
        self.index_progress.setValue(done)
        self.index_progress.setVisible(done < total)

    def _index_ready(self, opened: OpenedSearch) -> None:
        self.index_progress.hide()
        self.index_loader = None
        self.search.set_searcher(opened.searcher)
        for problem in opened.problems:
            log.warning("search vocabulary: %s", problem)
        if opened.status.message:
            self._status(opened.status.message)
        elif opened.status.built:
            self._status("The search index is ready: search now covers the chapters' text")

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def close_search(self) -> None:
        """Esc: clear the search and go back to the contents tree."""
        self.search_box.clear()
        self.navigator.setCurrentWidget(self.contents)
        self.contents.tree.setFocus()

    def _search_text_changed(self, text: str) -> None:
        self.navigator.setCurrentWidget(self.search if text.strip() else self.contents)
        self.search.search(text)

    def _search_enter(self) -> None:
        result = self.search.last_result
        wants_suggestion = result is not None and (not result.hits or result.used_fallback)
        if wants_suggestion and self.search.take_suggestion():
            return
        if self.search.open_current():
            self.chapter.setFocus()

    def _focus_results(self) -> None:
        if self.search.model.rowCount():
            self.navigator.setCurrentWidget(self.search)
            self.search.results.setFocus()

    def show_start_page(self) -> None:
        self._show(self.renderer.start_page())
        self.contents.clear_selection()

    def show_whats_new(self) -> None:
        self._show(self.renderer.whats_new_page())
        self.contents.clear_selection()

    def open_reader_page(self, name: str) -> None:
        """Links to the reader's own pages: page:start, page:whats-new."""
        if name == "whats-new":
            self.show_whats_new()
        else:
            self.show_start_page()

    def check_edition_age(self, today: date) -> None:
        """Show or hide the stale-edition banner for the edition's age on this day."""
        info = self.manual.info
        self.banner.show_notice(
            stale_notice(info.edition, today, self.settings.stale_after_months, info.online_url)
        )

    def current_page(self) -> Page | None:
        return self.chapter.page

    def _show(self, page: Page) -> None:
        self.chapter.show_page(page)
        self.setWindowTitle(f"{page.title} \u2014 {APP_DISPLAY_NAME}")
        for problem in page.problems:
            log.warning("while opening %s: %s", page.title, problem)
        if page.problems:
            self._status(f"{page.title}: {page.problems[0]}")

    def _status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000 if message else 0)

    # chrome --------------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        info = self.manual.info
        self.edition_label = QLabel(f"Edition of {format_date(info.edition)}", self)
        self.edition_label.setAccessibleName("Edition date")
        self.edition_label.setToolTip(
            f"{info.title}, edition of {format_date(info.edition)}. "
            f"The online manual at {info.online_url} is the authoritative version."
        )
        self.index_progress = QProgressBar(self)
        self.index_progress.setMaximumWidth(160)
        self.index_progress.setFormat("Indexing %p%")
        self.index_progress.setAccessibleName("Search index progress")
        self.index_progress.setAccessibleDescription(
            "Building the full-text search index; titles can be searched meanwhile"
        )
        self.index_progress.hide()
        self.statusBar().addPermanentWidget(self.index_progress)
        self.statusBar().addPermanentWidget(self.edition_label)
        self.problems_button = QPushButton(self)
        self.problems_button.setFlat(True)
        self.problems_button.setAccessibleName("Content problems")
        self.problems_button.setAccessibleDescription("Lists problems found in the content")
        self.problems_button.clicked.connect(self.show_problems)
        self.statusBar().addPermanentWidget(self.problems_button)
        count = len(self.manual.problems)
        self.problems_button.setVisible(bool(count))
        if count:
            self.problems_button.setText(f"\u26a0 {count} content problem{'s' * (count != 1)}")
            self._status(
                f"The content has {count} problem{'s' * (count != 1)}; the rest of the "
                "manual opens as usual"
            )

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu("&Go")
        start = QAction("&Start page", self)
        start.setShortcut(QKeySequence("Alt+Home"))
        start.triggered.connect(self.show_start_page)
        go_menu.addAction(start)
        filter_action = QAction("&Filter contents", self)
        filter_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        filter_action.triggered.connect(self.focus_filter)
        go_menu.addAction(filter_action)
        search_action = QAction("&Search", self)
        search_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+L")])
        search_action.triggered.connect(self.focus_search)
        go_menu.addAction(search_action)
        next_match = QAction("&Next match", self)
        next_match.setShortcuts(QKeySequence.StandardKey.FindNext)
        next_match.triggered.connect(lambda: self.chapter.next_match(forward=True))
        go_menu.addAction(next_match)
        previous_match = QAction("&Previous match", self)
        previous_match.setShortcuts(QKeySequence.StandardKey.FindPrevious)
        previous_match.triggered.connect(lambda: self.chapter.next_match(forward=False))
        go_menu.addAction(previous_match)
        tree_action = QAction("&Contents tree", self)
        tree_action.setShortcut(QKeySequence("F6"))
        tree_action.triggered.connect(self.contents.tree.setFocus)
        go_menu.addAction(tree_action)
        chapter_action = QAction("C&hapter text", self)
        chapter_action.setShortcut(QKeySequence("Shift+F6"))
        chapter_action.triggered.connect(self.chapter.setFocus)
        go_menu.addAction(chapter_action)

        help_menu = self.menuBar().addMenu("&Help")
        whats_new = QAction("&What's new in this edition", self)
        whats_new.triggered.connect(self.show_whats_new)
        help_menu.addAction(whats_new)
        problems = QAction("Content &problems\u2026", self)
        problems.triggered.connect(self.show_problems)
        help_menu.addAction(problems)
        about = QAction("&About", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def focus_filter(self) -> None:
        self.contents.filter_box.setFocus()
        self.contents.filter_box.selectAll()

    def show_problems(self) -> None:
        problems: list[Problem] = self.manual.problems
        box = QMessageBox(self)
        box.setWindowTitle("Content problems")
        box.setIcon(QMessageBox.Icon.Warning if problems else QMessageBox.Icon.Information)
        if problems:
            box.setText(
                f"{len(problems)} problem{'s' * (len(problems) != 1)} were found in the "
                "content. The affected chapters may be incomplete; the rest of the manual "
                "opens as usual."
            )
            box.setDetailedText("\n".join(str(p) for p in problems))
        else:
            box.setText("No problems were found in the content.")
        if self.log_file:
            box.setInformativeText(f"Details are also written to the log: {self.log_file}")
        box.exec()

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_DISPLAY_NAME}", about_html(self.manual.info))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.index_loader is not None:
            self.index_loader.stop()
        self.search.shutdown()
        super().closeEvent(event)
