"""The main window: contents navigator beside the chapter pane, menus, status bar."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader import APP_DISPLAY_NAME
from reader.content_update import (
    InstallResult,
    installed_edition,
    uninstall_content,
)
from reader.edition import stale_notice
from reader.manual import ContentError, Manual, Problem, load_manual
from reader.render import ChapterRenderer, Page, format_date
from reader.search_results import Searcher

if TYPE_CHECKING:
    from reader.search import OpenedSearch
    from reader.ui.index_loader import IndexLoader
from reader.resources import stylesheet
from reader.session import Session, save_session
from reader.settings import THEMES, Settings, save_settings
from reader.ui.about import about_html
from reader.ui.chapter_view import ChapterView
from reader.ui.content_install import InstallWorker
from reader.ui.contents import ContentsPane
from reader.ui.edition_banner import EditionBanner
from reader.ui.preferences import PreferencesDialog
from reader.ui.printing import PrintError, export_pdf, print_page, printed_footer, printed_header
from reader.ui.search_panel import SearchBox, SearchPanel
from reader.ui.theme import THEME_LABELS, ThemeFollower

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Composes the panes and owns navigation between pages."""

    def __init__(
        self,
        manual: Manual,
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
        self.install_worker: InstallWorker | None = None
        self.current: tuple[str, str] = ("page", "start")  # what is open, for the session
        self.navigator = QStackedWidget(self)
        self.navigator.addWidget(self.contents)
        self.navigator.addWidget(self.search)
        navigation = QWidget(self)
        navigation_layout = QVBoxLayout(navigation)
        navigation_layout.setContentsMargins(0, 0, 0, 0)
        navigation_layout.setSpacing(4)
        navigation_layout.addWidget(self.search_box)
        navigation_layout.addWidget(self.navigator, 1)
        self.themes = ThemeFollower(_application(), self.settings.theme, parent=self)
        self.chapter = ChapterView(self.themes.set_choice(self.settings.theme), manual.root, self)
        self.chapter.zoomIn(self.settings.zoom_steps)
        self.themes.applied.connect(lambda _theme, css: self.chapter.apply_stylesheet(css))
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
        self._connect_contents()
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

    def _connect_contents(self) -> None:
        self.contents.entry_chosen.connect(self.open_entry)
        self.contents.section_chosen.connect(self.open_section)

    # navigation -------------------------------------------------------------------------

    def open_entry(self, ref: str) -> bool:
        """Open a contents entry by id or number; False if the manual has no such entry."""
        entry = self.manual.find(ref)
        if entry is None:
            self._status(f'No chapter "{ref}" in this edition')
            return False
        page = self.renderer.page_for(entry)
        self._show(page)
        self.current = ("entry", entry.id)
        self.contents.select("entry", entry.id)
        return True

    def open_section(self, number: str) -> None:
        page = self.renderer.section_page(number)
        if page is None:
            self._status(f"No section {number} in this edition")
            return
        self._show(page)
        self.current = ("section", number)
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
        self.current = ("page", "start")
        self.contents.clear_selection()

    def show_whats_new(self) -> None:
        self._show(self.renderer.whats_new_page())
        self.current = ("page", "whats-new")
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
        self.update_progress = QProgressBar(self)
        self.update_progress.setMaximumWidth(160)
        self.update_progress.setAccessibleName("Content update progress")
        self.update_progress.setAccessibleDescription("Checking and installing a content update")
        self.update_progress.hide()
        self.statusBar().addPermanentWidget(self.update_progress)
        self.problems_button = QPushButton(self)
        self.problems_button.setFlat(True)
        self.problems_button.setAccessibleName("Content problems")
        self.problems_button.setAccessibleDescription("Lists problems found in the content")
        self.problems_button.clicked.connect(self.show_problems)
        self.statusBar().addPermanentWidget(self.problems_button)
        self._show_problem_count()

    def _show_problem_count(self) -> None:
        count = len(self.manual.problems)
        self.problems_button.setVisible(bool(count))
        if count:
            self.problems_button.setText(f"\u26a0 {count} content problem{'s' * (count != 1)}")
            self._status(
                f"The content has {count} problem{'s' * (count != 1)}; the rest of the "
                "manual opens as usual"
            )

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | str] = ()
                ) -> QAction:
        action = QAction(text, self)
        keys: list[QKeySequence] = []
        for shortcut in shortcuts:
            if isinstance(shortcut, QKeySequence.StandardKey):
                keys.extend(QKeySequence.keyBindings(shortcut))
            else:
                keys.append(QKeySequence(shortcut))
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        Key = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&Print\u2026", self.print_page, [Key.Print])
        self._action(file_menu, "&Export to PDF\u2026", self.export_pdf, ["Ctrl+Shift+E"])
        file_menu.addSeparator()
        self._action(file_menu, "&Install content update\u2026", self.install_update)
        self._action(file_menu, "&Go back to the bundled edition\u2026", self.remove_update)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, [Key.Quit])

        view_menu = self.menuBar().addMenu("&View")
        self._action(view_menu, "Zoom &in", lambda: self.zoom(1), [Key.ZoomIn, "Ctrl+="])
        self._action(view_menu, "Zoom &out", lambda: self.zoom(-1), [Key.ZoomOut])
        self._action(view_menu, "&Normal size", lambda: self.zoom(0), ["Ctrl+0"])
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_actions = QActionGroup(self)
        for name in THEMES:
            action = self._action(theme_menu, THEME_LABELS.get(name, name),
                                  lambda _checked=False, name=name: self.set_theme(name))
            action.setCheckable(True)
            action.setChecked(name == self.settings.theme)
            action.setData(name)
            self.theme_actions.addAction(action)
        self._action(view_menu, "&Preferences\u2026", self.edit_preferences, [Key.Preferences])

        go_menu = self.menuBar().addMenu("&Go")
        self._action(go_menu, "&Start page", self.show_start_page, ["Alt+Home"])
        self._action(go_menu, "&Search", self.focus_search, ["Ctrl+K", "Ctrl+L"])
        self._action(go_menu, "&Filter contents", self.focus_filter, ["Ctrl+Shift+F"])
        self._action(go_menu, "&Next match", lambda: self.chapter.next_match(True),
                     [Key.FindNext])
        self._action(go_menu, "&Previous match", lambda: self.chapter.next_match(False),
                     [Key.FindPrevious])
        go_menu.addSeparator()
        self._action(go_menu, "&Contents tree", lambda: self.contents.tree.setFocus(), ["F6"])
        self._action(go_menu, "C&hapter text", self.chapter.setFocus, ["Shift+F6"])

        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&What's new in this edition", self.show_whats_new)
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts)
        self._action(help_menu, "Content &problems\u2026", self.show_problems)
        self._action(help_menu, "&About", self.show_about)

    def shortcut_lines(self) -> list[tuple[str, str]]:
        """Every menu action that has a shortcut: (what it does, its keys)."""
        found = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            actions = list(menu.actions()) if menu else []
            while actions:
                action = actions.pop(0)
                if action.menu():
                    actions.extend(action.menu().actions())
                elif action.shortcuts():
                    keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                     for k in action.shortcuts())
                    found.append((action.text().replace("&", "").rstrip("\u2026"), keys))
        return found

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td>{escape(what)}</td><td><b>{escape(keys)}</b></td></tr>"
                       for what, keys in self.shortcut_lines())
        extra = ("<p>In the search box: Down goes to the results, Enter opens the highlighted "
                 "one, Esc returns to the contents. In the contents: arrow keys move and open, "
                 "Enter opens a section's overview.</p>")
        box = QMessageBox(self)
        box.setWindowTitle("Keyboard shortcuts")
        box.setText(f"<table cellpadding='3'>{rows}</table>{extra}")
        box.exec()

    # printing --------------------------------------------------------------------------------

    def _print_parts(self) -> tuple[str, str, str, list[str]]:
        page = self.chapter.page or self.renderer.start_page()
        info = self.manual.info
        # paper is white whatever the screen's theme
        return (page.html, stylesheet("light"), printed_header(info, page.title),
                printed_footer(info, date.today()))

    def print_page(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        try:
            pages = print_page(*self._print_parts(), printer)
        except PrintError as exc:
            QMessageBox.warning(self, "Print", str(exc))
            return
        self._status(f"Sent {pages} page{'s' * (pages != 1)} to the printer")

    def export_pdf(self, path: Path | None = None) -> Path | None:
        """File > Export to PDF; `path` skips the file dialog (tests, scripting)."""
        if path is None:
            page = self.chapter.page
            suggested = _file_name(page.title if page else "procedures") + ".pdf"
            start = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export to PDF", str(Path(start) / suggested), "PDF files (*.pdf)")
            if not chosen:
                return None
            path = Path(chosen)
        try:
            pages = export_pdf(path, *self._print_parts())
        except PrintError as exc:
            QMessageBox.warning(self, "Export to PDF", str(exc))
            return None
        self._status(f"Saved {pages} page{'s' * (pages != 1)} to {path}")
        return path

    # view --------------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        """Ctrl+Plus / Ctrl+Minus / Ctrl+0; the text size is kept between runs."""
        steps = 0 if step == 0 else max(-8, min(20, self.settings.zoom_steps + step))
        self.chapter.zoomIn(steps - self.settings.zoom_steps)
        self._change_settings(replace(self.settings, zoom_steps=steps))

    def set_theme(self, name: str) -> None:
        self.themes.set_choice(name)
        for action in self.theme_actions.actions():
            action.setChecked(action.data() == name)
        self._change_settings(replace(self.settings, theme=name))

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()
        if chosen.theme != self.settings.theme:
            self.set_theme(chosen.theme)
        self._change_settings(chosen)
        self.check_edition_age(date.today())

    def _change_settings(self, settings: Settings) -> None:
        self.settings = settings
        try:
            save_settings(settings)
        except OSError as exc:
            log.error("cannot save settings: %s", exc)
            self._status(f"Your settings could not be saved ({exc.strerror}); they apply "
                         "until you close the reader")

    # content updates ---------------------------------------------------------------------------

    def install_update(self, archive: Path | None = None) -> None:
        """File > Install content update: checked off the GUI thread, then switched to."""
        if archive is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, "Install content update", "", "Content updates (*.zip)")
            if not chosen:
                return
            archive = Path(chosen)
        worker = InstallWorker(archive, parent=self)
        worker.progress.connect(self._install_progress)
        worker.installed.connect(self._installed)
        worker.refused.connect(self._install_refused)
        worker.finished.connect(worker.deleteLater)
        self.install_worker = worker
        self.update_progress.setRange(0, 0)
        self.update_progress.show()
        self._status(f"Checking {archive.name}\u2026 the current edition stays open meanwhile")
        worker.start()

    def _install_progress(self, message: str, done: int, total: int) -> None:
        self.update_progress.setRange(0, max(total, 0))
        self.update_progress.setValue(done)
        self._status(message)

    def _install_refused(self, reason: str) -> None:
        self.update_progress.hide()
        self.install_worker = None
        QMessageBox.warning(self, "Content update not installed",
                            f"{reason}\n\nNothing was changed: the current edition is still "
                            "the one you are reading.")

    def _installed(self, result: InstallResult) -> None:
        self.update_progress.hide()
        self.install_worker = None
        try:
            manual = load_manual(result.path)
        except ContentError as exc:  # validated before the switch, so this is unexpected
            self._install_refused(f"The new edition cannot be read: {exc}")
            return
        self.load_edition(manual, changes=result.diff.lines())
        self._status(f"Installed the edition of {format_date(result.edition)}: "
                     f"{result.diff.summary()}")

    def remove_update(self) -> None:
        if installed_edition() is None:
            QMessageBox.information(self, "Bundled edition",
                                    "No content update is installed: you are reading the "
                                    "edition that came with the reader.")
            return
        answer = QMessageBox.question(
            self, "Go back to the bundled edition",
            "Remove the installed content update and read the edition that came with the "
            "reader?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        result = uninstall_content()
        self.load_edition(load_manual(result.now_reading))

    def load_edition(self, manual: Manual, changes: list[str] | None = None) -> None:
        """Switch the window to another edition; search re-indexes in the background."""
        if self.index_loader is not None:
            self.index_loader.stop()
            self.index_loader = None
        self.manual = manual
        self.renderer = ChapterRenderer(manual)
        old = self.contents
        self.contents = ContentsPane(manual, self)
        self._connect_contents()
        self.navigator.insertWidget(0, self.contents)
        self.navigator.removeWidget(old)
        old.deleteLater()
        self.navigator.setCurrentWidget(self.contents)
        self.search_box.clear()
        self.search.set_sections(manual)
        self.chapter.setSearchPaths([str(manual.root), str(manual.root / "chapters")])
        self.edition_label.setText(f"Edition of {format_date(manual.info.edition)}")
        self._show_problem_count()
        self.check_edition_age(date.today())
        self.start_search()
        self._show(self.renderer.whats_new_page(changes))

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

    # session -----------------------------------------------------------------------------------

    def session(self) -> Session:
        """The window's layout and open page, as the next start should find them."""
        kind, ref = self.current
        return Session(
            geometry=bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            splitter=tuple(self.splitter.sizes()),
            page_kind=kind,
            page_ref=ref,
            scroll=self.chapter.verticalScrollBar().value(),
        )

    def restore(self, session: Session) -> None:
        """Put back the layout and the page of the last session; what is gone is skipped."""
        if session.geometry:
            self.restoreGeometry(QByteArray.fromBase64(session.geometry.encode("ascii")))
        if len(session.splitter) == 2 and all(session.splitter):
            self.splitter.setSizes(list(session.splitter))
        if session.page_kind == "entry":
            opened = self.open_entry(session.page_ref)
        elif session.page_kind == "section":
            opened = self.renderer.section_page(session.page_ref) is not None
            if opened:
                self.open_section(session.page_ref)
        else:
            self.open_reader_page(session.page_ref)
            opened = True
        if opened:
            # the layout of the page settles first; scroll once it has
            QTimer.singleShot(0, lambda: self.chapter.verticalScrollBar().setValue(
                session.scroll))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.themes.stop()
        if self.settings.restore_session:
            try:
                save_session(self.session())
            except OSError as exc:
                log.error("cannot save the session: %s", exc)
        if self.index_loader is not None:
            self.index_loader.stop()
        self.search.shutdown()
        super().closeEvent(event)


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication before the window"
    return app


def _file_name(title: str) -> str:
    """A page title as a safe file name: "6.4.3 Looked After Reviews" stays readable."""
    return re.sub(r"[^\w.\- ]+", "", title).strip()[:80] or "procedures"
