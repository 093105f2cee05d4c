"""The main window: contents navigator beside the chapter pane, menus, status bar."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader import APP_DISPLAY_NAME
from reader.edition import stale_notice
from reader.manual import Manual, Problem
from reader.render import ChapterRenderer, Page, format_date
from reader.settings import Settings
from reader.ui.about import about_html
from reader.ui.chapter_view import ChapterView
from reader.ui.contents import ContentsPane
from reader.ui.edition_banner import EditionBanner

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
    ) -> None:
        super().__init__()
        self.manual = manual
        self.log_file = log_file
        self.settings = settings or Settings()
        self.renderer = ChapterRenderer(manual)
        self.contents = ContentsPane(manual, self)
        self.chapter = ChapterView(stylesheet, manual.root, self)
        self.banner = EditionBanner(self)
        reading = QWidget(self)
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.setSpacing(4)
        reading_layout.addWidget(self.banner)
        reading_layout.addWidget(self.chapter, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.contents)
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
