"""The chapter pane: a QTextBrowser that shows rendered pages and routes their links."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QPointF,
    QRect,
    QRegularExpression,
    QSizeF,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.navigation import BackForward, Place, TextPlace
from reader.outside_links import LEAVING_SCHEMES, leaving_hint, outside_address
from reader.render import CHAPTER_SCHEME, PAGE_SCHEME, SECTION_SCHEME, Page, goes_to_top
from reader.stylesheet_colours import rule_colours
from reader.text_size import (
    BODY_POINTS,
    MEASURE_EMS,
    desktop_factor,
    zoom_factor,
    zoomed_stylesheet,
)
from reader.ui.announce import announce
from reader.ui.heading_sizes import apply_heading_sizes
from reader.ui.one_layout import one_layout
from reader.ui.outside_open import open_outside
from reader.ui.root_frame import root_frame
from reader.ui.table_columns import TableColumns

if TYPE_CHECKING:
    from reader.ui.fitted_pictures import FittedPictures

# the light theme's, should a stylesheet lack its match rules
MATCH_COLOURS = {"color": "#000000", "background-color": "#ffe58a"}
CURRENT_MATCH_COLOURS = {"color": "#000000", "background-color": "#ff9f1a"}


def match_colours(stylesheet: str) -> tuple[dict[str, str], dict[str, str]]:
    """A theme's colours for search matches, and for the current one: Qt draws these over
    the text, so they come from the stylesheet's span.match and span.match-current rules."""
    rules = rule_colours(stylesheet)
    return (MATCH_COLOURS | rules.get("span.match", {}),
            CURRENT_MATCH_COLOURS | rules.get("span.match-current", {}))
PAGE_MARGIN = 18  # pixels around the page


MATCH_STATUS = "Match "  # "Match 2 of 5" in the status bar


class ChapterView(QTextBrowser):
    """Shows one page; internal links become signals, external ones open only on a click."""

    chapter_link = Signal(str, str)  # entry id, and the place in it ("": its top)
    section_link = Signal(str)  # section or subsection number
    page_link = Signal(str)  # one of the reader's own pages: "start", "whats-new"
    status_message = Signal(str)
    link_hint = Signal(str)  # where the link under the pointer, or Tab's link, goes
    new_tab_link = Signal(QUrl)  # a link middle-clicked or Ctrl+clicked
    back_requested = Signal()  # the mouse's back button
    forward_requested = Signal()
    zoom_requested = Signal(int)  # Ctrl+wheel: +1 larger, -1 smaller
    matches_changed = Signal(int, int)  # current match (0-based, -1: none), how many
    anchor_followed = Signal()  # moved within the page: the tab's back list has grown
    escape_pressed = Signal()
    resized = Signal()  # the text was laid out again: headings moved

    def __init__(self, stylesheet: str, content_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page: Page | None = None
        self.matches: list[QTextCursor] = []
        self.match_index = -1
        self.found = False  # the matches are the find bar's, not those of a search opened here
        self.current: tuple[str, str] = ("page", "start")  # what is open: (kind, ref)
        self.history = BackForward()
        self.reached_by_arrows: float | None = None  # when the tree's arrows opened this page
        self.zoom_steps = 0  # text size: see reader/text_size.py
        self._desktop = self._desktop_factor()
        self._stylesheet = stylesheet  # the theme's, before zoom
        self._match_colours = match_colours(stylesheet)
        self._side = PAGE_MARGIN  # the page's side margins now: wider in a wide window
        self._widest = 0.0  # the page's widest picture, with what it sits in; 0 if it fits
        self._pictures: FittedPictures | None = None  # lays pictures out; once a page has one
        self._room_unmeasured = False  # the page was set before the pane had a width
        self._tables = TableColumns(self.document())  # the page's tables, to fit at each width
        self._new_tab_press: QUrl | None = None
        self._hint = ""  # the link's hint (pointed at, or Tab's) put in the status bar
        # a place to go to when the tab is first shown, and the text size it was taken at
        self._pending: tuple[Place, int] | None = None
        # links are routed by hand: QTextBrowser must never follow one by itself
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(zoomed_stylesheet(stylesheet, 0, self._desktop))
        self.document().setUndoRedoEnabled(False)  # read only: nothing to undo
        self.document().setDocumentMargin(PAGE_MARGIN)
        self.set_content_dir(content_dir)
        self.setAccessibleName("Chapter")
        self.setAccessibleDescription("The text of the open chapter or page")
        self.anchorClicked.connect(self._follow)
        self.highlighted.connect(self._hover)

    def set_content_dir(self, content_dir: Path) -> None:
        """The folder images are read from (a content update moves it)."""
        self._content_dir = content_dir  # images are read from its chapters/ folder only

    def show_page(self, page: Page, fit_pane: Callable[[], object] | None = None) -> None:
        """Show a page. `fit_pane` is called with its text in, before it is laid out: the
        window resizes the pane for it there (the outline shown or hidden), and the page is
        laid out once, at its width, not first at the width it had."""
        self.page = page
        self.matches: list[QTextCursor] = []
        self.match_index = -1
        self.found = False
        self.setExtraSelections([])
        self._set_html(page.html, fit_pane)
        self.verticalScrollBar().setValue(0)
        self._pending = None
        self.matches_changed.emit(-1, 0)

    def _set_html(self, html: str, fit_pane: Callable[[], object] | None = None) -> None:
        # laid out once, with its headings' sizes and its margins: each laid it all out again
        with one_layout(self.document()):
            self._fit_pictures(html)
            self.setHtml(_with_body(html))
            apply_heading_sizes(self.document())
            if fit_pane is not None:
                fit_pane()
            self._side = PAGE_MARGIN  # new HTML, new root frame: the plain margin again
            self._widest = 0.0
            self._fit_measure()
            self._tables = TableColumns(self.document())
            self._tables.fit(self.document().pageSize().width())
        self._make_room()
        self._lay_out_whole()

    def _fit_pictures(self, html: str) -> None:
        """A picture wider than the pane is shown at its width (see fitted_pictures.py)."""
        if self._pictures is None and "<img" in html:
            # imported here: most pages have no picture, and start-up time counts
            from PySide6.QtGui import QTextFormat

            from reader.ui.fitted_pictures import FittedPictures, PictureTips

            self._pictures = FittedPictures()
            self._pictures.setParent(self)
            self.document().documentLayout().registerHandler(
                QTextFormat.ObjectTypes.ImageObject.value, self._pictures)
            PictureTips(self, self._pictures)
        if self._pictures is not None:
            self._pictures.new_page()

    def _em(self) -> float:
        """The chapter text's em, in pixels, at this pane's text size."""
        return BODY_POINTS * zoom_factor(self.zoom_steps) * self._desktop * self.logicalDpiY() / 72

    def measure_width(self) -> int:
        """The pane's width at which its text has its whole readable line length, with its
        plain margins: wider, the margins only grow."""
        em = self._em()
        return round(MEASURE_EMS * em + 2 * PAGE_MARGIN + 2 * em) + 2 * self.frameWidth()

    def _measure_side(self) -> float:
        """The side margins that keep the text at a readable line length in this pane."""
        em = self._em()
        # not viewport(): wrapping that plain QWidget makes PySide create every widget class,
        # 12 ms before the first paint. The widest viewport includes the scroll bar's room:
        # two ems of it are kept back, so a pane of usual width keeps its plain margins
        width = self.maximumViewportSize().width() - 2 * em
        side = PAGE_MARGIN + max(0.0, width - 2 * PAGE_MARGIN - MEASURE_EMS * em) / 2
        # the margins give way for a picture wider than the text, as far as the pane allows
        return max(PAGE_MARGIN, min(side, (width - self._widest) / 2))

    def _make_room(self) -> None:
        """A picture wider than the text column: the margins give way for it, where the pane
        has room. Qt does not shrink a picture: in the column a diagram ran out of the pane
        behind a horizontal scroll bar, half a screen of empty margin beside it."""
        document = self.document()
        page = document.pageSize().width()
        # a tab's page is set before the tab is shown: measured when the pane has a width
        self._room_unmeasured = page <= 0
        if self._room_unmeasured:
            return
        over = document.size().width() - page  # lays the page out, if it is not yet
        # a picture shown at the pane's width runs over nothing, but wants its own: the
        # margins give way for it where the pane is widened
        widest = self._pictures.widest() if self._pictures is not None else 0.0
        if over >= 1:
            # whatever the margins, the picture (and the box it is in) takes this much
            widest = max(widest, page - 2 * self._side + over)
        if widest <= self._widest:
            return
        self._widest = widest
        if self._side > PAGE_MARGIN:
            self._fit_measure()

    def _fit_measure(self) -> None:
        """In a wide window the text keeps a readable line length, centred: lines of 170
        characters across a full-width pane are hard to follow to their end."""
        side = self._measure_side()
        if abs(side - self._side) >= 1:  # the frame untouched in a window of usual width
            root = root_frame(self.document())
            frame = root.frameFormat()
            frame.setLeftMargin(side)
            frame.setRightMargin(side)
            root.setFrameFormat(frame)
            self._side = side

    def place(self) -> Place:
        """Where this tab is now, to come back to, or will be when a tab not yet shown first
        is: by the text at the top, to come back to at any width or text size."""
        kind, ref = self.current
        if self._pending is not None:
            pending = self._pending[0]
            return Place(kind, ref, pending.scroll, pending.top)
        top = self._top_of_view()
        return Place(kind, ref, self.verticalScrollBar().value(),
                     TextPlace(*top) if top is not None else None)

    def set_caret_browsing(self, on: bool) -> None:
        """Caret browsing (F7): a text cursor that the arrow keys move through the text, which
        screen readers follow line by line and Shift+arrows select from. Off, as in a web
        browser, the arrow keys scroll the page."""
        flags = Qt.TextInteractionFlag.TextBrowserInteraction
        if on:
            flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
        self.setTextInteractionFlags(flags)
        if on:  # from where the person is reading, not from the top of the page
            self.setTextCursor(self.cursorForPosition(self.viewport().rect().topLeft()))

    def _desktop_factor(self) -> float:
        """The desktop's text size, as the window's own text has it (see text_size.py)."""
        font = self.font()
        points = font.pointSizeF()
        if points <= 0:  # a font given in pixels
            points = font.pixelSize() * 72 / self.logicalDpiY()
        return desktop_factor(points)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's)
        super().changeEvent(event)
        # the desktop's text size changed with the window open: the chapter follows it
        if event.type() == QEvent.Type.FontChange:
            desktop = self._desktop_factor()
            if desktop != self._desktop:
                self._desktop = desktop
                self._restyle()

    def set_zoom(self, steps: int) -> None:
        """Text size as zoom steps from the default; redraws the open page in place."""
        if steps != self.zoom_steps:
            self.zoom_steps = steps
            self._restyle()

    def find_text(self, text: str, match_case: bool = False) -> int:
        """Find in page: mark every occurrence of the text; go to the first one from the top
        of what is on screen, as a browser does."""
        self.matches = []
        self.match_index = -1
        self.found = bool(text)
        if text:
            flags = QTextDocument.FindFlag.FindCaseSensitively if match_case \
                else QTextDocument.FindFlag(0)
            pattern = _typed_pattern(text, match_case)
            cursor = self.document().find(pattern, 0, flags)
            while not cursor.isNull() and cursor.hasSelection():
                self.matches.append(QTextCursor(cursor))
                cursor = self.document().find(pattern, cursor, flags)
        self._paint_matches()
        if self.matches:
            top = self.cursorForPosition(self.viewport().rect().topLeft()).position()
            first = next((n for n, c in enumerate(self.matches) if c.selectionStart() >= top), 0)
            self.go_to_match(first)
        else:
            self.matches_changed.emit(-1, 0)
        return len(self.matches)

    def clear_matches(self) -> None:
        self.matches = []
        self.match_index = -1
        self.found = False
        self.setExtraSelections([])
        self.matches_changed.emit(-1, 0)

    def _named_blocks(self) -> Iterator[tuple[str, QTextBlock]]:
        """Each named place of the page (a heading's id, an element's, an <a name>) and the
        block it starts in, in the page's order."""
        block = self.document().begin()
        while block.isValid():
            # the block's formats in one call: fragment by fragment was 9 ms of a chapter of
            # 1,000 headings, where it is 5
            for part in block.textFormats():
                for name in part.format.anchorNames():
                    yield name, block
            block = block.next()

    def anchor_positions(self) -> dict[str, float]:
        """Where each named anchor (a heading's id) sits in the document, in pixels."""
        layout = self.document().documentLayout()
        found: dict[str, float] = {}
        for name, block in self._named_blocks():
            found.setdefault(name, layout.blockBoundingRect(block).y())
        return found

    def _anchor_names(self) -> set[str]:
        """Every named place of the page."""
        return {name for name, _block in self._named_blocks()}

    def restore_place(self, place: Place) -> None:
        """Scroll to a kept place (its kind and ref are the caller's) once the page is laid
        out at its real width."""
        if self.isVisible():
            self._pending = None
            self._scroll_to(place, self.zoom_steps)
        else:
            self._pending = place, self.zoom_steps

    def resizeEvent(self, event: QResizeEvent) -> None:
        if not self.document().isLayoutEnabled():
            # a page being set (show_page), the pane resized for it: the page takes the
            # width, to be laid out at it once it is whole. Qt would also fit the scroll bars
            # to the page not yet laid out: one taken away and put back was two more widths,
            # each a layout. Its headings have not moved; they are not laid out yet.
            self.document().setPageSize(QSizeF(self.viewport().width(), -1))
            return
        # narrower or wider, the text is as long as before in other lines: the place is kept
        # by what is read at the top, not in pixels, where it moved by a dozen headings
        rewrapped = event.size().width() != event.oldSize().width()
        reading = self._top_of_view() if rewrapped else None
        held = self._held_in_view() if rewrapped else None
        refit = rewrapped and (bool(self._tables.tables) or self._picture_at_pane_width())
        if abs(self._measure_side() - self._side) < 1 and not refit:
            super().resizeEvent(event)
        else:
            # the new margins, tables' columns and width laid out together: Qt laid the page
            # out at the new width down to the place read, then the margins set after laid all
            # of it out again. Until then the page is as wide as the pane was: narrowed, Qt
            # gave it a horizontal scroll bar for that moment, and the pane, a row shorter,
            # was resized twice more (the outline shown again, in a wide window).
            policy = self.horizontalScrollBarPolicy()
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            with one_layout(self.document()):
                self._fit_measure()
                if refit:
                    self._tables.fit(self.viewport().width())
                super().resizeEvent(event)
            self._lay_out_whole()
            self.setHorizontalScrollBarPolicy(policy)
        if self._room_unmeasured:
            # a new tab's page, first shown: in the measure's margins a diagram set in it
            # ran out of a wide pane behind a horizontal scroll bar
            self._make_room()
        if reading is not None:
            self._scroll_to_top_of_view(*reading)
        if held is not None:
            self._hold_in_view(*held)
        self.resized.emit()

    def _picture_at_pane_width(self) -> bool:
        """A picture shown at the pane's width, before this resize or after it: the whole
        page is laid out at the new width at once. Qt lays out what is on screen first, and
        a picture further down kept its width of the wider pane for that moment: narrowed,
        the page had a horizontal scroll bar for it, flickering as the window was dragged."""
        if self._pictures is None:  # a page never had a picture: nothing to ask, and the
            return False  # viewport, wrapped before the first paint, cost PySide its classes
        page = self.document().pageSize().width()
        return self._widest > min(page, self.viewport().width()) - 2 * PAGE_MARGIN

    def _held_in_view(self) -> tuple[int, int] | None:
        """What the person is at on screen, if anything, and how far down the pane: the
        current match, or the caret they move (F7). Kept by the top alone, either ran off
        the foot of a narrowed pane as the text above it took more lines."""
        if (at := self._match_in_view()) is not None:
            return self.matches[self.match_index].selectionStart(), at
        if self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard:
            caret = self.cursorRect()
            if caret.bottom() >= 0 and caret.top() <= self.viewport().height():
                return self.textCursor().position(), caret.top()
        return None

    def _hold_in_view(self, position: int, at: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        line = self.cursorRect(cursor)
        at = max(0, min(at, self.viewport().height() - line.height()))  # a shorter pane too
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + line.top() - at)

    def _top_of_view(self) -> tuple[int, float] | None:
        """The block at the top of the pane and how far down it the top is, as a share of
        its height; None at the top of the page, which stays the top."""
        top = self.verticalScrollBar().value()
        if top <= 0:
            return None
        layout = self.document().documentLayout()
        # a pixel in from the text's edge: at the edge itself Qt finds no table cell there
        position = layout.hitTest(QPointF(self._side + 1, top), Qt.HitTestAccuracy.FuzzyHit)
        block = self.document().findBlock(max(position, 0))
        if not block.isValid():
            return None
        box = layout.blockBoundingRect(block)
        # beside a table narrower than the text (centred, or set in), Qt gives the block
        # before the table: kept as dozens of its heights below it, the place moved by rows
        # at another width. The cells' blocks follow it, row by row
        while box.bottom() <= top and block.next().isValid():
            block = block.next()
            box = layout.blockBoundingRect(block)
        # below 0 when the top is in the space above the block, which is kept too
        unit = _share_unit(block, box.height(), top < box.y())
        return block.blockNumber(), (top - box.y()) / unit if unit > 0 else 0.0

    def _scroll_to_top_of_view(self, number: int, share: float) -> bool:
        """False if the page has no such block (a later edition's shorter page)."""
        block = self.document().findBlockByNumber(number)
        if not block.isValid():
            return False
        box = self.document().documentLayout().blockBoundingRect(block)
        place = round(box.y() + share * _share_unit(block, box.height(), share < 0))
        bar = self.verticalScrollBar()
        if place > bar.maximum():  # Qt lays the rest out bit by bit: its length is a guess
            self._lay_out_whole()
        bar.setValue(place)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending is not None:
            (place, steps), self._pending = self._pending, None
            # the layout for the visible width settles first
            QTimer.singleShot(0, lambda: self._scroll_to(place, steps))

    def _scroll_to(self, place: Place, steps: int) -> None:
        """Scroll to a place kept at the text size `steps`: by its text, or where that is not
        known (a session kept by an earlier version), by its pixels."""
        top = place.top
        if top is not None and self._scroll_to_top_of_view(top.block, top.share):
            return
        value = place.scroll
        if steps != self.zoom_steps and self.page is not None and not self.matches:
            # the text size changed before the tab was first shown: a place kept in pixels
            # moves with the text, or three steps larger opened it a third of a chapter short.
            # Measured at the width the page has now, as only a shown page has it.
            before = self._height_at(self.page.html, steps)
            after = self._height_at(self.page.html, self.zoom_steps)
            if before > 0:
                value = round(value * after / before)
        self.verticalScrollBar().setValue(value)

    def _height_at(self, html: str, steps: int) -> float:
        """The page laid out at this text size, and its height; it stays laid out so."""
        now, self.zoom_steps = self.zoom_steps, steps
        try:
            self.document().setDefaultStyleSheet(
                zoomed_stylesheet(self._stylesheet, steps, self._desktop))
            self._set_html(html)
            return self.document().size().height()
        finally:
            self.zoom_steps = now

    def follow_anchor(self, anchor: str) -> None:
        """Go to a place in the page ("": its top); Back returns to where the reader was."""
        self.history.leave(self.place())
        if anchor:
            self.scrollToAnchor(anchor)
        else:  # the page's top: Qt's scrollToAnchor("") does not move
            self.verticalScrollBar().setValue(0)
        self.anchor_followed.emit()

    def follow_page_link(self, anchor: str) -> None:
        """A link to a place in this page: there, or its top for "#" and "#top"; one to a
        place the page lacks says so (the page went nowhere and said nothing: the link
        looked broken, or dead)."""
        if anchor and anchor in self._anchor_names():
            self.follow_anchor(anchor)
        elif goes_to_top(anchor):  # as a browser, the page's top
            self.follow_anchor("")
        else:
            self.status_message.emit(
                f'This link points to a part of the page that is not there ("#{anchor}")')

    def anchor_place(self, anchor: str) -> TextPlace | None:
        """Where a named place of the page starts, as a place to scroll to at any width or
        text size (a tab not shown yet is laid out later); None if the page has none such."""
        return next((TextPlace(block.blockNumber()) for name, block in self._named_blocks()
                     if name == anchor), None)

    def highlight(self, terms: tuple[str, ...]) -> int:
        """Mark every occurrence of the words (and longer words they begin); go to the first."""
        self.matches = []
        self.match_index = -1
        self.found = False
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
        self._bring_into_view(self._current_match_rect())
        self._paint_matches()
        self.status_message.emit(f"{MATCH_STATUS}{self.match_index + 1} of {len(self.matches)}")
        self.matches_changed.emit(self.match_index, len(self.matches))

    def _bring_into_view(self, match: QRect) -> None:
        """A match off screen, or at its very edge, is scrolled to a third of the way down:
        scrolled only just into view, it sat on the bottom line with none of what follows."""
        margin = 2 * match.height()  # two lines of what comes before and after
        if match.top() >= margin and match.bottom() <= self.viewport().height() - margin:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + match.top() - self.viewport().height() // 3)

    def _current_match_rect(self) -> QRect:
        """Where the current match's first line is in the viewport, in pixels."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.matches[self.match_index].selectionStart())
        return self.cursorRect(cursor)

    def _match_in_view(self) -> int | None:
        """How far down the viewport the current match is, None if there is none on screen:
        one the person scrolled away from is no longer what they read."""
        if not 0 <= self.match_index < len(self.matches):
            return None
        match = self._current_match_rect()
        if match.bottom() < 0 or match.top() > self.viewport().height():
            return None
        return match.top()

    def next_match(self, forward: bool = True) -> bool:
        """F3 / Shift+F3: the next or previous highlighted match; False if there are none."""
        if not self.matches:
            return False
        self.go_to_match(self.match_index + (1 if forward else -1))
        return True

    def _paint_matches(self) -> None:
        other, current = self._match_colours
        selections = []
        for number, cursor in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            colours = current if number == self.match_index else other
            selection.format.setBackground(QColor(colours["background-color"]))
            selection.format.setForeground(QColor(colours["color"]))
            selections.append(selection)
        self.setExtraSelections(selections)

    def apply_stylesheet(self, stylesheet: str) -> None:
        """Switch the chapter stylesheet (a theme change) and redraw the open page in place."""
        self._stylesheet = stylesheet
        self._match_colours = match_colours(stylesheet)
        self._restyle()

    def _restyle(self) -> None:
        self.document().setDefaultStyleSheet(
            zoomed_stylesheet(self._stylesheet, self.zoom_steps, self._desktop))
        if self.page is None:
            return
        # the default stylesheet is read when HTML is set: set it again, keep the reading place
        # and the search matches (same text, so the same character positions)
        bar = self.verticalScrollBar()
        # by the text at the top: as a share of the page's length the place moved by a
        # heading, as the text grew with the size and its pictures did not
        reading = self._top_of_view()
        reading_match = self._match_in_view()
        caret = self._held_in_view() if reading_match is None else None
        cursor = self.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        spans = [(c.selectionStart(), c.selectionEnd()) for c in self.matches]
        self._set_html(self.page.html)
        # the text cursor too (and what it selects): new HTML put it back at the page's start,
        # and in caret browsing the next arrow key went to the chapter's title
        cursor = QTextCursor(self.document())
        cursor.setPosition(anchor)
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.matches = []
        for start, end in spans:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.matches.append(cursor)
        self._paint_matches()
        if reading is None or not self._scroll_to_top_of_view(*reading):
            bar.setValue(0)  # the top of the page stays the top
        if reading_match is not None:
            # kept by the top alone, the match drifts down the screen as the text grows
            # (the screen does not): one read near the bottom was below it after four steps
            bar.setValue(bar.value() + self._current_match_rect().top() - reading_match)
            self._bring_into_view(self._current_match_rect())
        elif caret is not None:
            self._hold_in_view(*caret)  # on the screen still, where the text grew under it

    def _lay_out_whole(self) -> None:
        """Lay the whole page out now, and give the scroll bar its whole length at once.

        Qt lays a new page out as far as it is shown and the rest bit by bit after, and
        meanwhile gives the scroll bar a length guessed from that first part: a place kept
        as a share of the length (a text size step) was taken from the guess. The outline
        needs the whole page laid out anyway, for where its headings are.
        """
        layout = self.document().documentLayout()
        layout.documentSizeChanged.emit(layout.documentSize())  # as Qt says it, sooner

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        # imported here: most pages have no image, and start-up time counts
        from reader.ui.content_resources import content_resource

        # drawn for this screen's scale: Qt's own scaling left a diagram's lines uneven
        return content_resource(kind, url if isinstance(url, str) else url.toString(),
                                self._content_dir, self.devicePixelRatioF(),
                                document=self.document())

    def _follow(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == CHAPTER_SCHEME:
            self.chapter_link.emit(url.path(), url.fragment())
        elif scheme == SECTION_SCHEME:
            self.section_link.emit(url.path())
        elif scheme == PAGE_SCHEME:
            self.page_link.emit(url.path())
        elif scheme in LEAVING_SCHEMES:
            self._open_outside(url)
        elif not scheme and url.hasFragment():
            self.follow_page_link(url.fragment())
        elif scheme == "missing":
            self.status_message.emit(
                f'This link points to "{url.path()}", which is not in the contents of this edition'
            )
        else:  # a file, a network share, a script: a tampered chapter must not open them
            self.status_message.emit(
                f"The reader opens only web and email links; this one is not: {url.toString()}")

    def _open_outside(self, url: QUrl) -> None:
        """A web page in the browser, an email in the mail program, with nothing to attach."""
        told = open_outside(url.toEncoded().data().decode("ascii"))
        if told:
            self.status_message.emit(told)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        button = event.button()
        if button in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
            (self.back_requested if button == Qt.MouseButton.BackButton
             else self.forward_requested).emit()
            event.accept()
            return
        self._new_tab_press = None
        if _wants_new_tab(event):
            href = self.anchorAt(event.position().toPoint())
            if href:
                # held until release, as a click: QTextBrowser must not follow it as well
                self._new_tab_press = QUrl(href)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._new_tab_press is not None:
            url, self._new_tab_press = self._new_tab_press, None
            if self.anchorAt(event.position().toPoint()) == url.toString():
                self.new_tab_link.emit(url)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.escape_pressed.emit()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            href = self._focused_link()
            if href:
                # Ctrl+Enter, as Ctrl+click, as in a browser: Qt followed the link in this
                # tab, and the page the person was working from was gone from the screen
                self.new_tab_link.emit(QUrl(href))
                event.accept()
                return
        super().keyPressEvent(event)

    def _focused_link(self) -> str:
        """The address of the link Tab stopped on, "" if none is."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return ""
        end = QTextCursor(self.document())
        end.setPosition(cursor.selectionEnd())  # the link's last character
        link = end.charFormat()
        return link.anchorHref() if link.isAnchor() else ""

    def focusNextPrevChild(self, next: bool) -> bool:
        if not self.isVisible():
            # hidden with the keys in it (its tab closed or put behind), Qt asks it to pass
            # them on; QTextBrowser took that for Tab to its next link, whose hint then stayed
            # in the status bar under another tab
            self._show_hint("")
            return QWidget.focusNextPrevChild(self, next)
        self._tab_from_here(next)
        moved = super().focusNextPrevChild(next)
        if moved and self.hasFocus() and self.textCursor().hasSelection():
            # Tab stopped on a link: where it goes is said as a pointer over it shows it.
            # Hovers are only shown (they would chatter), but a screen reader hears just the
            # link's words, with nothing to say they are a link or where they lead
            end = QTextCursor(self.document())
            end.setPosition(self.textCursor().selectionEnd())  # the link's last character
            hint = self._link_hint(end.charFormat())
            self._show_hint(hint)
            announce(self, hint)
        else:  # Tab went on past the last link: its hint goes too
            self._show_hint("")
        return moved

    def _tab_from_here(self, next: bool) -> None:
        """Tab and Shift+Tab go on from the caret, or from the text on screen where neither
        the caret nor the link last reached is in view: Qt went from the top of the page
        when no link was chosen, so after Page Down, Back or a caret moved with the arrows
        Tab jumped up to the chapter's first link and the place read was lost."""
        cursor = self.textCursor()
        shown = self.viewport().rect()
        in_view = shown.intersects(self.cursorRect(cursor))
        if cursor.hasSelection() and in_view:
            return  # a link on screen: Qt goes on from it
        if in_view:
            position = cursor.position()
        else:
            corner = shown.topLeft() if next else shown.bottomRight()
            position = self.cursorForPosition(corner).position()
        if not next:
            block = self.document().findBlock(position)
            first = block.begin().fragment()
            if block.position() < position < first.position() + first.length():
                # Qt's search back from inside a paragraph's first run of text gives up at
                # once; from its start it goes on to the paragraphs above, as wanted here
                position = block.position() + 1
        # Qt starts from the page's top or end unless something is selected: one character
        # before (or after) the place is, and the search starts beside it
        last = self.document().characterCount() - 1
        start = QTextCursor(self.document())
        start.setPosition(max(position - 1, 0) if next else position)
        start.setPosition(position if next else min(position + 1, last),
                          QTextCursor.MoveMode.KeepAnchor)
        if not start.hasSelection():
            return  # at the page's very top or end: where Qt starts anyway
        bar = self.verticalScrollBar()
        held = bar.value()
        self.setTextCursor(start)  # which scrolls to it; the link found scrolls if needed
        bar.setValue(held)

    def _link_hint(self, link: QTextCharFormat) -> str:
        """What following a link does: the address a web or email link opens, or the
        chapter's own words for it ("Opens 1.1.2 A Strengths Based Approach")."""
        address = outside_address(link.anchorHref())
        return leaving_hint(address) if address is not None else link.toolTip()

    def wheelEvent(self, event: QWheelEvent) -> None:
        # Ctrl+wheel goes through the window, so the size is saved and every tab follows
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_requested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def _hover(self, url: QUrl) -> None:
        address = outside_address(url.toString()) if not url.isEmpty() else None
        # what a click would open, no more; a chapter link's tooltip says where it goes
        self._show_hint(leaving_hint(address) if address is not None else "")

    def drop_hint(self) -> str:
        """The page goes out of sight (another tab shown, its tab closed): the hint of the
        link Tab stopped on in it, to be taken down, as it speaks of a page no longer there;
        "" if it showed none."""
        hint, self._hint = self._hint, ""
        return hint

    def _show_hint(self, hint: str) -> None:
        """A link's hint to the status bar; "" takes down only a hint, no other message."""
        if hint or self._hint:
            self.link_hint.emit(hint)
        self._hint = hint


def _wants_new_tab(event: QMouseEvent) -> bool:
    """A middle click, or a Ctrl+click: open in a new tab, as browsers do."""
    ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    return event.button() == Qt.MouseButton.MiddleButton or (
        event.button() == Qt.MouseButton.LeftButton and ctrl)


def _share_unit(block: QTextBlock, height: float, above: bool) -> float:
    """What a text place's share is a share of: the block's height, or above the block its
    first line's. The space above a block keeps its height at any width, as that line does:
    as a share of a paragraph that took more lines in a narrower pane, the space grew, and
    the line before the paragraph came into sight at the top."""
    if above and block.layout() is not None and block.layout().lineCount() > 0:
        return block.layout().lineAt(0).height()
    return height


# the keyboard types straight quotes; the manual has them curly as often as not
_TYPED_AS = {mark: cls for cls, marks in (("['\u2018\u2019]", "'\u2018\u2019"),
                                           ('["\u201c\u201d]', '"\u201c\u201d'))
             for mark in marks}
# split keeping the runs of white space, each then found as one: Qt finds in the page's
# text with its no-break spaces made plain ones, and one pasted into the bar (copied from a
# document, or from the page's selection) found nothing
_SPACES = re.compile(r"(\s+)")


def _typed_pattern(text: str, match_case: bool) -> QRegularExpression:
    """What is typed in the find bar, as a pattern in which a straight quote also finds a
    curly one and a curly one a straight one: "Children's" missed "Children\u2019s"; and
    any run of spaces or line breaks finds one: words pasted from an email or a PDF, broken
    over two lines, found nothing where the page holds them on one."""
    pattern = "".join(r"\s+" if run.isspace() else
                      "".join(_TYPED_AS.get(c) or QRegularExpression.escape(c) for c in run)
                      for run in _SPACES.split(text) if run)
    options = QRegularExpression.PatternOption.UseUnicodePropertiesOption
    if not match_case:
        options |= QRegularExpression.PatternOption.CaseInsensitiveOption
    return QRegularExpression(pattern, options)


def _with_body(html: str) -> str:
    # QTextDocument applies the stylesheet's body rule only to an explicit <body> element
    return f"<html><body>{html}</body></html>"
