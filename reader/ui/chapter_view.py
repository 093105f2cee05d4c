"""The chapter pane: a QTextBrowser that shows rendered pages and routes their links."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRegularExpression, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.render import CHAPTER_SCHEME, PAGE_SCHEME, SECTION_SCHEME, Page

EXTERNAL_SCHEMES = ("http", "https", "mailto")


class ChapterView(QTextBrowser):
    """Shows one page; internal links become signals, external ones open only on a click."""

    chapter_link = Signal(str)  # entry id
    section_link = Signal(str)  # section or subsection number
    page_link = Signal(str)  # one of the reader's own pages: "start", "whats-new"
    status_message = Signal(str)

    def __init__(self, stylesheet: str, content_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page: Page | None = None
        self.matches: list[QTextCursor] = []
        self.match_index = -1
        # links are routed by hand: QTextBrowser must never follow one by itself
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(stylesheet)
        self.document().setDocumentMargin(18)
        # chapters name their images relative to the chapter file (chapters/images/...)
        self.setSearchPaths([str(content_dir), str(content_dir / "chapters")])
        self.setAccessibleName("Chapter")
        self.setAccessibleDescription("The text of the open chapter or page")
        self.anchorClicked.connect(self._follow)
        self.highlighted.connect(self._hover)

    def show_page(self, page: Page) -> None:
        self.page = page
        self.matches: list[QTextCursor] = []
        self.match_index = -1
        self.setExtraSelections([])
        self.setHtml(_with_body(page.html))
        self.verticalScrollBar().setValue(0)

    def highlight(self, terms: tuple[str, ...]) -> int:
        """Mark every occurrence of the words (and longer words they begin); go to the first."""
        self.matches = []
        self.match_index = -1
        words = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
        if words:
            alternatives = "|".join(QRegularExpression.escape(w) for w in words)
            pattern = QRegularExpression(
                rf"\b(?:{alternatives})\w*",
                QRegularExpression.PatternOption.CaseInsensitiveOption
                | QRegularExpression.PatternOption.UseUnicodePropertiesOption,
            )
            cursor = self.document().find(pattern, 0)
            while not cursor.isNull() and cursor.hasSelection():
                self.matches.append(QTextCursor(cursor))
                cursor = self.document().find(pattern, cursor)
        self._paint_matches()
        if self.matches:
            self.go_to_match(0)
        return len(self.matches)

    def go_to_match(self, index: int) -> None:
        if not self.matches:
            return
        self.match_index = index % len(self.matches)
        # a collapsed cursor: a selection would paint over the current match's colour
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.matches[self.match_index].selectionStart())
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._paint_matches()
        self.status_message.emit(f"Match {self.match_index + 1} of {len(self.matches)}")

    def next_match(self, forward: bool = True) -> bool:
        """F3 / Shift+F3: the next or previous highlighted match; False if there are none."""
        if not self.matches:
            return False
        self.go_to_match(self.match_index + (1 if forward else -1))
        return True

    def _paint_matches(self) -> None:
        selections = []
        for number, cursor in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            current = number == self.match_index
            selection.format.setBackground(QColor("#ff9f1a" if current else "#ffe58a"))
            selection.format.setForeground(QColor("#000000"))
            selections.append(selection)
        self.setExtraSelections(selections)

    def apply_stylesheet(self, stylesheet: str) -> None:
        """Switch the chapter stylesheet (a theme change) and redraw the open page in place."""
        self.document().setDefaultStyleSheet(stylesheet)
        if self.page is None:
            return
        # the default stylesheet is read when HTML is set: set it again, keep the reading place
        # and the search matches (same text, so the same character positions)
        bar = self.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        spans = [(c.selectionStart(), c.selectionEnd()) for c in self.matches]
        self.setHtml(_with_body(self.page.html))
        self.matches = []
        for start, end in spans:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.matches.append(cursor)
        self._paint_matches()
        bar.setValue(round(fraction * bar.maximum()))

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        # only files of the content folder; anything with a network scheme is refused
        qurl = QUrl(url) if isinstance(url, str) else url
        if qurl.scheme() and qurl.scheme() not in ("file", "qrc"):
            return None
        return super().loadResource(kind, qurl)

    def _follow(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == CHAPTER_SCHEME:
            self.chapter_link.emit(url.path())
        elif scheme == SECTION_SCHEME:
            self.section_link.emit(url.path())
        elif scheme == PAGE_SCHEME:
            self.page_link.emit(url.path())
        elif scheme in EXTERNAL_SCHEMES:
            if QDesktopServices.openUrl(url):
                self.status_message.emit(f"Opened in your web browser: {url.toString()}")
            else:
                self.status_message.emit(f"No web browser could open {url.toString()}")
        elif not scheme and url.hasFragment():
            self.scrollToAnchor(url.fragment())
        elif scheme == "missing":
            self.status_message.emit(
                f'This link points to "{url.path()}", which is not in the contents of this edition'
            )

    def _hover(self, url: QUrl) -> None:
        if url.isEmpty():
            self.status_message.emit("")
        elif url.scheme() in EXTERNAL_SCHEMES:
            self.status_message.emit(f"Opens in your web browser: {url.toString()}")


def _with_body(html: str) -> str:
    # QTextDocument applies the stylesheet's body rule only to an explicit <body> element
    return f"<html><body>{html}</body></html>"
