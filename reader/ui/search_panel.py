"""The search panel: results list, section filter, "did you mean", searching on a worker thread.

Every keystroke searches. A search runs on a worker thread so the window never stalls; each new
keystroke makes the pending one stale, the worker skips stale requests, and a stale answer that
arrives late is dropped.
"""

from __future__ import annotations

import logging
import threading
from html import escape

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.manual import FLAG_LABELS, ONLINE_ONLY_NOTE, Manual
from reader.render import notes_html
from reader.search_results import (
    NOTHING_TO_SEARCH,
    Hit,
    Searcher,
    SearchResult,
    no_such_number_text,
    none_has,
)
from reader.ui.announce import TYPING_PAUSE_MS, announce
from reader.ui.clear_button import add_clear_button
from reader.ui.column import flush_column
from reader.ui.link_label import RING_ROOM, TabLinkLabel
from reader.ui.row_menu import NewTabRows, is_new_tab_key

log = logging.getLogger(__name__)

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
RESULT_LIMIT = 50
LABEL_INSET = 4  # pixels between the pane's edge and its notes, as in the contents pane
ModelIndex = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
ONLINE_ONLY = "online only"
QUOTE_LIMIT = 80  # characters of a query or correction shown: 500 words would fill the pane


def clipped(text: str) -> str:
    """`text` as shown on the search line: its start, with an ellipsis when cut short."""
    text = text.strip()
    return text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT].rstrip() + "\u2026"


class SearchWorker(QObject):
    """Runs searches off the GUI thread; only the newest request is worth running."""

    finished = Signal(int, object)  # generation, SearchResult
    degraded = Signal(str)  # the engine fell back to titles and notes: why, in plain words

    def __init__(self, searcher: Searcher | None) -> None:
        super().__init__()
        self._searcher = searcher
        self._told: str | None = None  # the engine's problem, once said
        self._lock = threading.Lock()
        self.latest = 0  # written by the GUI thread, read here: a plain int is enough

    @Slot(object)
    def set_searcher(self, searcher: Searcher) -> None:
        with self._lock:
            old, self._searcher = self._searcher, searcher
            self._told = None
        if old is not None and old is not searcher:
            old.close()

    @Slot(int, str, str)
    def run(self, generation: int, query: str, section: str) -> None:
        if generation != self.latest or self._searcher is None:
            return  # a newer keystroke is queued, or search is not ready (it re-runs then)
        try:
            with self._lock:
                result = self._searcher.search(query, limit=RESULT_LIMIT,
                                               section=section or None)
                problem = self._searcher.problem
        except Exception as exc:  # the searcher promises not to raise; never let it kill us
            log.exception("a search of %d characters failed", len(query))  # never the words
            self.finished.emit(generation, SearchResult(query, None, (), False, failure=str(exc)))
            return
        if problem and problem != self._told:  # the index failed while in use: said once,
            self._told = problem  # before the answer, whose count must not claim full text
            self.degraded.emit(problem)
        self.finished.emit(generation, result)

    @Slot()
    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()


def hit_html(hit: Hit) -> str:
    """One result row: number and title, flags as words, where it sits, why it is listed
    where neither its title nor its snippet shows the words typed, the snippet."""
    badges = " ".join(f"[{escape(FLAG_LABELS.get(f, f))}]" for f in hit.flags)
    # as the section pages say it: which results open with text and which with a link only
    held = f"({ONLINE_ONLY}) " if hit.online_only else ""
    notes = notes_html(hit.notes)
    title = escape(hit.label)
    snippet = f"<br/>{hit.snippet}" if hit.snippet else ""
    if hit.snippet_text == hit.title:
        # found by its title: the words marked there, not in the title said again below it
        title = escape(hit.label.removesuffix(hit.title)) + hit.snippet
        snippet = ""
    elif hit.snippet_text in hit.notes:
        snippet = ""  # a note is said once
    # found by its section's title: the words marked there, as in a title or snippet
    where = hit.section_html or escape(hit.section)
    # found as another term of the field's vocabulary: which, since the row shows no word
    # typed. Its line break is small too: a full-size one made the line above it taller.
    found_as = (f"<br/>Found as: {escape('; '.join(hit.found_as))}" if hit.found_as else "")
    return (
        f"<b>{title}</b> <small>{held}{badges}</small><br/>"
        f'<small class="where">{where}{found_as}</small>{notes}{snippet}'
    )


class ResultsModel(QAbstractListModel):
    """The hits of the last search."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: tuple[Hit, ...] = ()

    def set_hits(self, hits: tuple[Hit, ...]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        label = hit.label
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.ToolTipRole:  # as the contents tree's tooltip says it
            return f"{label}\n{ONLINE_ONLY_NOTE}" if hit.online_only else label
        if role == Qt.ItemDataRole.AccessibleTextRole:
            flags = ", ".join(FLAG_LABELS.get(f, f) for f in hit.flags)
            notes = "".join(f". Note: {note}" for note in hit.notes)
            held = f", {ONLINE_ONLY}: {ONLINE_ONLY_NOTE.lower()}" if hit.online_only else ""
            # the marks of a row are not heard, nor the status line above it with the row
            why = f". {hit.reason_heard}" if hit.reason_heard else ""
            return (f"{label}{f' ({flags})' if flags else ''}{held}, in {hit.section}{why}"
                    f"{notes}")
        if role == HTML_ROLE:
            return hit_html(hit)
        return None


class HtmlDelegate(QStyledItemDelegate):
    """Paints a row's HTML (bold title, small section path, highlighted snippet)."""

    MARGIN = 6

    def _document(self, option: QStyleOptionViewItem, index: ModelIndex,
                  selected: bool = False) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(self.MARGIN)
        if selected:
            # in the selection's colours, swapped: a yellow mark on a yellow selection (high
            # contrast) would vanish
            ink = option.palette.color(QPalette.ColorRole.HighlightedText).name()
            paper = option.palette.color(QPalette.ColorRole.Highlight).name()
            document.setDefaultStyleSheet(
                f".match {{ background-color: {ink}; color: {paper}; }}")
        else:
            document.setDefaultStyleSheet(".match { background-color: #ffe58a; color: #000000; }")
        document.setHtml(str(index.data(HTML_ROLE)))
        document.setTextWidth(max(option.rect.width(), 120))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        style = item.widget.style() if item.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = self._document(option, index, selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        view = self.parent()
        if isinstance(view, QAbstractItemView):
            # measured at the width the row is drawn at: the list asks with no width or a
            # narrower one, and the extra lines it counted hung as a blank band under the text
            option = QStyleOptionViewItem(option)
            option.rect.setWidth(view.viewport().width())
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))


class SectionBox(QComboBox):
    """The section filter: as narrow as the side pane gets, its list as wide as it needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # the longest section title would otherwise set the narrowest the side pane can be
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)

    def showPopup(self) -> None:
        # sized as it opens, so that the window's start pays nothing for it
        view = self.view()
        scroll_bar = view.verticalScrollBar().sizeHint().width()
        view.setMinimumWidth(view.sizeHintForColumn(0) + scroll_bar)
        super().showPopup()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # a theme change while the list is open (the desktop asking for high contrast) gives
        # it a thicker edge: at the height it opened with, its last section was cut in half
        if event.type() == QEvent.Type.StyleChange:
            # once the list itself has taken the new style, which comes after the box's
            QTimer.singleShot(0, self, self._refit_popup)

    def _refit_popup(self) -> None:
        view = self.view()
        if not view.isVisible():
            return  # sized afresh when next opened
        reached = view.currentIndex()  # where the arrow keys had got to, kept
        self.hidePopup()
        self.showPopup()
        if reached.isValid():
            view.setCurrentIndex(reached)


class SearchPanel(QWidget):
    """Results of what is typed in the search box, with a section filter and suggestions."""

    open_hit = Signal(str, tuple)  # entry id, words to highlight
    open_hit_in_new_tab = Signal(str, tuple)  # entry id, words to highlight
    suggestion_taken = Signal(str)  # the corrected query the person chose
    search_requested = Signal(int, str, str)  # to the worker: generation, query, section
    answered = Signal()  # the answer to what is typed now is on screen
    degraded = Signal(str)  # the full-text index failed in use: why, in plain words

    def __init__(
        self, manual: Manual, searcher: Searcher | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.query = ""
        self.generation = 0
        self.shown_generation = 0  # the search whose answer is on screen
        self.last_result: SearchResult | None = None
        self.full_text = bool(searcher and searcher.full_text)
        self.index_failed = False  # the index failed in use: titles and notes until restart
        self.section_box = SectionBox(self)
        self.set_sections(manual)
        self.section_box.setAccessibleName("Search in section")
        self.section_box.setAccessibleDescription("Limits the results to one section")
        self.suggestion = SuggestionLabel(self)
        self.suggestion.setWordWrap(True)
        self.suggestion.linkActivated.connect(self._take_suggestion)
        self.suggestion.hide()
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.message.setWordWrap(True)
        # the pane is flush with the window's edge: without a margin these lines touched it,
        # where the contents' and bookmarks' notes keep a few pixels off
        self.message.setContentsMargins(LABEL_INSET, 0, LABEL_INSET, 0)
        self.message.setAccessibleDescription("Search status")
        self._announcement = ""
        self._announce_timer = QTimer(self)
        self._announce_timer.setSingleShot(True)
        self._announce_timer.setInterval(TYPING_PAUSE_MS)
        self._announce_timer.timeout.connect(lambda: announce(self.message, self._announcement))
        self.results = ResultsList(self)
        self.model = ResultsModel()
        self.results.setModel(self.model)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setAccessibleName("Search results")
        self.results.setAccessibleDescription("Enter or a click opens the chapter")
        # an empty list is no Tab stop: nothing there to do, and the message says why
        listed = self.results.focusPolicy()
        self.model.modelReset.connect(lambda: self.results.setFocusPolicy(
            listed if self.model.rowCount() else Qt.FocusPolicy.NoFocus))
        layout = flush_column(self)
        layout.addWidget(self.section_box)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        self.results.activated.connect(self._open)
        self.results.clicked.connect(self._clicked)
        self.results.new_tab_chosen.connect(
            lambda row: self._open(self.model.index(row, 0), new_tab=True))
        self.section_box.currentIndexChanged.connect(lambda _: self.search(self.query))

        self._thread = QThread(self)
        self._thread.setObjectName("search")
        self.worker = SearchWorker(searcher)
        self.worker.moveToThread(self._thread)
        self.search_requested.connect(self.worker.run)
        self.worker.finished.connect(self._show_result)
        self.worker.degraded.connect(self.index_unavailable)
        if searcher is not None:
            self._start_thread()

    def _start_thread(self) -> None:
        # started with the first engine, not before: the window paints sooner without it
        if self._thread.isRunning():
            return
        self._thread.start()
        # a QThread destroyed while running aborts the process: stop it however the app ends
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def set_sections(self, manual: Manual) -> None:
        """The section filter's choices, for this manual (again after an edition switch)."""
        self.manual = manual
        self._held: tuple[int, int] | None = None  # counted when first needed
        blocker = self.section_box.blockSignals(True)
        self.section_box.clear()
        self.section_box.addItem("All sections", "")
        for section in manual.sections:
            self.section_box.addItem(f"{section.number}. {section.title}", section.number)
        self.section_box.blockSignals(blocker)

    # searching ---------------------------------------------------------------------------

    def search(self, query: str) -> None:
        """Search for what is typed now; any search still pending becomes stale."""
        self.query = query
        self.generation += 1
        self.worker.latest = self.generation
        if not query.strip():
            self._announce_timer.stop()  # the search is over: its count is news no more
            self.shown_generation = self.generation
            self.last_result = None
            self.model.set_hits(())
            self.suggestion.hide()
            self.message.setText("Type words, a chapter number or an abbreviation.")
            return
        self.search_requested.emit(self.generation, query, self.section_box.currentData())

    def set_searcher(self, searcher: Searcher) -> None:
        """Swap the engine (titles only -> full text) and search again."""
        self.full_text = searcher.full_text
        self.index_failed = False
        self.worker.set_searcher(searcher)  # runs in this thread under the worker's lock
        self._start_thread()
        if self.query:
            self.search(self.query)

    def _show_result(self, generation: int, result: SearchResult) -> None:
        if generation != self.generation:
            return  # an answer to a query the person has typed past
        self.shown_generation = generation
        self.last_result = result
        self.model.set_hits(result.hits)
        if result.failure:  # not "Nothing found": the words may well be in the manual
            self.suggestion.hide()
            self.message.setText(f"The search could not be run ({result.failure}); "
                                 "see the log.")
            self._announce_when_typing_pauses(self.message.text())
            self.answered.emit()
            return
        if result.hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        before = after = ""  # what the suggestion line says, for a screen reader
        if result.corrected:
            self.suggestion.set_linked_text(
                f"{none_has(result.query)}\u201c{escape(clipped(result.query))}\u201d; "
                f"showing results for <b>{escape(clipped(result.suggestion or ''))}</b>.",
                linked=False)
            self.suggestion.setAccessibleName("")  # Qt reads out the line as shown
            self.suggestion.setAccessibleDescription("Spelling corrected")
            self.suggestion.show()
            before = f"Showing results for {clipped(result.suggestion or '')}. "
        elif result.suggestion:
            offered = clipped(result.suggestion)
            self.suggestion.set_linked_text(
                f'Did you mean <a href="suggest"><b>{escape(offered)}</b></a>?', linked=True)
            # said as Tab reaches it: the question, and what Enter does, as for the results
            self.suggestion.setAccessibleName(f"Did you mean {offered}?")
            self.suggestion.setAccessibleDescription(
                "Enter, Space or a click searches for it instead")
            self.suggestion.show()
            after = f" Did you mean {offered}?"
        else:
            self.suggestion.hide()
        status = self._status_text(result)
        self.message.setText(status)
        self._announce_when_typing_pauses(
            before + status + ("." if after and status[-1:] != "." else "") + after)
        self.answered.emit()

    def _announce_when_typing_pauses(self, text: str) -> None:
        self._announcement = text
        self._announce_timer.start()

    def _status_text(self, result: SearchResult) -> str:
        # said without "index", a word of the program's, not of the person's
        titles_only = (
            "" if self.full_text else
            " (titles and notes only: the chapters' text cannot be searched)" if self.index_failed
            else " (titles only until the chapters' text can be searched)")
        count = len(result.hits)
        # the section chosen is named, so that a short list is not taken for all there is
        scope = self.section_box.currentText() if self.section_box.currentData() else ""
        where = f" in {scope}" if scope else ""
        typed = result.query.strip()
        if result.nothing_to_search and len(typed) == 1 and typed.isalnum():
            # the first letter of "s47" is no common word nor punctuation: the person is
            # still typing, and the long reason flashed up at every search begun
            return "Keep typing: one letter is too short to search for."
        if result.nothing_to_search:  # "of the": not "Nothing found", nothing was asked
            return (f"{NOTHING_TO_SEARCH} Try other words, a chapter number such as 6.4.3, "
                    "or browse the contents (Esc).")
        if result.no_such_number:  # not "Nothing found": the number itself is not here
            browse = "" if count else (" Browse the contents (Esc), or type a section's "
                                       "number, such as 6.4, to list its chapters.")
            return f"{no_such_number_text(result)}{browse}"
        if not count:
            return (
                f"Nothing found for \u201c{clipped(result.query)}\u201d{where}{titles_only}. "
                f"{self._coverage_note()}Try fewer or other words, a chapter number such as "
                "6.4.3, or browse the contents (Esc)."
            )
        found = f"{count}{'+' if count == RESULT_LIMIT else ''} result{'s' * (count != 1)}"
        fallback = (f" with some words of \u201c{result.stands_for}\u201d" if result.stands_for
                    else " with any of the words" if result.used_fallback else "")
        return f"{found}{fallback}{where}{titles_only}"

    def _coverage_note(self) -> str:
        """Why a word in a chapter may not be found: most chapters' text is not held."""
        if self._held is None:
            chapters = self.manual.chapters()
            self._held = (sum(1 for c in chapters if self.manual.has_text(c)), len(chapters))
        held, total = self._held
        if held == total:
            return ""
        have = "has its" if held == 1 else "have their"
        return (f"Only {held} of {total} chapters {have} text in this offline edition; "
                "the others are found by their titles and notes. ")

    def index_unavailable(self, problem: str = "") -> None:
        """Titles and notes only from now on; `problem`, if given, is said in the status bar."""
        self.full_text = False
        self.index_failed = True
        if problem:
            self.degraded.emit(problem)
        if self.query:  # the count shown must not go on promising the full text
            self.search(self.query)

    def _take_suggestion(self, _link: str = "") -> None:
        self.take_suggestion()

    def take_suggestion(self) -> bool:
        """Search for the "did you mean" query instead; False if there is none."""
        result = self.last_result
        if not (result and result.suggestion and not result.corrected
                and self.suggestion.isVisible()):
            return False
        self.suggestion_taken.emit(result.suggestion)
        return True

    # opening -----------------------------------------------------------------------------

    @property
    def answer_pending(self) -> bool:
        """Whether the results on screen are those of something typed before."""
        return self.shown_generation != self.generation

    def open_current(self, new_tab: bool = False) -> bool:
        """Open the highlighted result (the first if none is), in a new tab if asked."""
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        if not index.isValid():
            return False
        self._open(index, new_tab)
        return True

    def _clicked(self, index: QModelIndex) -> None:
        # where a click already activates (KDE's single-click setting), it is opened once
        hint = QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick
        if not self.results.style().styleHint(hint, None, self.results):
            self._open(index)

    def _open(self, index: QModelIndex, new_tab: bool = False) -> None:
        hit = self.model.hits[index.row()]
        self._announce_timer.stop()  # the chapter opened is the news now, not the count
        (self.open_hit_in_new_tab if new_tab else self.open_hit).emit(hit.id, hit.terms)

    def shutdown(self) -> None:
        """Stop the worker thread (the window is closing or the app quitting); idempotent."""
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()  # a search takes milliseconds; a running QThread must not die
            self.worker.close()


class SuggestionLabel(TabLinkLabel):
    """The "did you mean" line: its word offered is a Tab stop, ringed with the keys, that
    Space takes as Enter does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # as far from the pane's edge as the other notes, the ring's room above and below
        self.setContentsMargins(LABEL_INSET, RING_ROOM, LABEL_INSET, RING_ROOM)


class ResultsList(NewTabRows, QListView):
    """The results; Up on the first goes back to the search box, as Down came from it. A
    result opens in a new tab as a contents row does, beside the chapter being read."""

    up_from_first = Signal()
    new_tab_chosen = Signal(int)  # the result's row

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Up and not event.modifiers() \
                and self.currentIndex().row() <= 0:
            self.up_from_first.emit()
        elif not self._row_key(event):
            super().keyPressEvent(event)

    def _ask_new_tab(self, index: QModelIndex) -> None:
        if index.isValid():
            self.new_tab_chosen.emit(index.row())


class SearchBox(QLineEdit):
    """The search field: Down goes to the results, Esc back to the contents, Ctrl+Enter opens
    the highlighted result in a new tab."""

    down_pressed = Signal()
    escape_pressed = Signal()
    new_tab_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Search the manual (Ctrl+K)")
        add_clear_button(self, "Clear search")
        self.setAccessibleName("Search the manual")
        self.setAccessibleDescription(
            "Searches titles and text as you type; understands chapter numbers and the "
            "field's abbreviations. Enter opens the highlighted result, Ctrl+Enter in a new "
            "tab; Esc returns to the contents."
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        elif is_new_tab_key(event):  # not the returnPressed Qt gives Enter with any keys held
            self.new_tab_pressed.emit()
        else:
            super().keyPressEvent(event)
