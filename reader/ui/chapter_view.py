"""The chapter pane: a QTextBrowser that shows rendered pages and routes their links."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

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
        # links are routed by hand: QTextBrowser must never follow one by itself
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(stylesheet)
        self.document().setDocumentMargin(18)
        self.setSearchPaths([str(content_dir)])
        self.setAccessibleName("Chapter")
        self.setAccessibleDescription("The text of the open chapter or page")
        self.anchorClicked.connect(self._follow)
        self.highlighted.connect(self._hover)

    def show_page(self, page: Page) -> None:
        self.page = page
        self.setHtml(page.html)
        self.verticalScrollBar().setValue(0)

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
