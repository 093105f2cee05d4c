"""A calm strip above the chapter saying the edition may be out of date, or has changed since
it was last read; never blocks reading."""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from reader.outside_links import leaving_hint
from reader.ui.link_label import RING_ROOM, TabLinkLabel
from reader.ui.outside_open import open_outside
from reader.ui.tooltips import plain_tooltip

if TYPE_CHECKING:  # made only for a notice too long for its room
    from PySide6.QtWidgets import QScrollArea

WORD_JOINER = "\u2060"  # invisible; no line may break on either side of it
BREAK_HERE = "\u200b"  # invisible; a line may break here, as at a space
# a web address in a notice, without the full stop or comma that may follow it
WEB_ADDRESS = re.compile(r"https?://\S+?(?=[.,;:]?(?:\s|$))")
# of the column the notice stands in, at most: in large text in half a laptop screen it took
# all but three lines of the page, and was cut off itself, mid-address. Beyond it, it scrolls
MOST_OF_COLUMN = 0.3
LEAST_LINES = 3  # a notice gets this many lines at least, however short the column
# keys that scroll a notice too long for its room, while its link has the keys
SCROLL_KEYS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}
PAGE_KEYS = {Qt.Key.Key_PageUp: -1, Qt.Key.Key_PageDown: 1}


class EditionBanner(QFrame):
    """Shows the edition's notices (stale, changed since last read); the person can hide it
    for this session."""

    status_message = Signal(str)  # what became of a click on the notice's address
    left = Signal()  # Esc: the keys go back to the page being read

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editionBanner")
        # the palette's tooltip colours are light-on-dark or dark-on-light in every theme
        self.setStyleSheet(
            "#editionBanner { background: palette(tool-tip-base); "
            "border: 1px solid palette(mid); border-radius: 4px; }"
            "#editionBanner QLabel { color: palette(tool-tip-text); }"
            # the notice's words scroll inside its own edge: no second one round them
            "#editionBanner QScrollArea { border: none; margin: 0px; background: transparent; }"
        )
        self.notice = ""  # what the banner says, as written
        self.label = TabLinkLabel(self)
        self.label.setWordWrap(True)
        self.label.setAccessibleDescription("Edition notice")
        # the online manual's address is a link: opened in the browser on a click, never unasked
        self.label.setOpenExternalLinks(False)
        self.label.linkActivated.connect(self._open_link)
        self.label.linkHovered.connect(self._hint_link)
        # its width is what an address must fit to be kept whole: a scroll bar coming beside
        # it narrows it, the notice's own width the same
        self.label.installEventFilter(self)
        # shown with a notice that the manual changed: what changed is one click away
        self.whats_new_button = QPushButton("What's new", self)
        self.whats_new_button.setAccessibleDescription("Opens the list of what changed")
        self.whats_new_button.hide()
        self.close_button = QToolButton(self)
        self.close_button.setText("\u2715")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName("Hide edition notice")
        self.close_button.setAccessibleDescription("Hides this notice until the next start")
        self.close_button.setToolTip("Hide this notice until the next start")
        self.close_button.clicked.connect(self._close)
        # made when a notice is first too long for its room: rare, and a scroll area costs
        # milliseconds of every start
        self.scroller: QScrollArea | None = None
        self._fitted: tuple[object, ...] = ()  # what the height was last fitted for
        # the notice the label shows, and for each of its addresses whether it is kept whole
        # (see _fit_addresses)
        self._set: tuple[str, tuple[bool, ...]] | None = None
        layout = QHBoxLayout(self)
        # less the room the label keeps for its focus ring: the text stays where it was
        layout.setContentsMargins(10 - RING_ROOM, 6 - RING_ROOM, 6, 6 - RING_ROOM)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.whats_new_button)
        layout.addWidget(self.close_button)
        self.hide()

    def show_notice(self, text: str | None, whats_new: bool = False) -> None:
        """`whats_new`: the notice says the manual changed, and offers the list of changes."""
        self.notice = text or ""
        self.whats_new_button.setVisible(whats_new)
        self._fit_addresses()
        self.label.setAccessibleName(self.notice)  # read out as written, joiner or not
        self.setVisible(bool(text))
        self._fit_height()

    def _fit_addresses(self, room: int | None = None) -> None:
        """The notice's words set in the label, each address whole where it fits on a line
        of its own, as a browser moves it whole to the next line: broken where it need not
        be, "https://derbycsc." ended a line and "proceduresonline.com/" began the next.
        `room`: the label's width for its words, if not the width it has now."""
        from PySide6.QtGui import QFontMetricsF  # made by PySide when first named

        metrics = QFontMetricsF(self.label.font())
        words = _address_words(self.notice)
        # until the notice is shown, its label has no width of its own: set as it is most
        # often shown, each address whole, and set again only if the width it is shown at
        # cannot hold one (set twice at every start, it cost the first paint about 0.1 ms)
        if room is None and self.isVisible():
            room = self.label.contentsRect().width()
        whole = tuple(room is None or room > 0 and metrics.horizontalAdvance(word) <= room
                      for word in words)
        if self._set == (self.notice, whole):
            return
        self._set = (self.notice, whole)
        html, links = _linked(self.notice, whole)
        # an address kept whole is no least width of the label: the window narrowed, the
        # label narrows with it, and the address is let break again (here, on the resize)
        self.label.setMinimumWidth(1 if any(whole) else 0)
        # Tab reaches the address only when there is one; a notice without is no stop
        self.label.set_linked_text(html, bool(links))

    def _fit_height(self) -> None:
        """As tall as the notice, up to its share of the column; beyond, it scrolls.

        Whether it scrolls is judged by the words as set without a scroll bar, and only
        then are they set again beside the bar it brings. Judged by the words as last set,
        a notice whose address, kept whole, made it scroll, and broken beside the bar fitted
        without one, went to and fro between the two, each change a resize that asked again,
        until the process ran out of stack (large text, a notice beside the outline)."""
        shown = self.scroller if self.scroller is not None else self.label
        column = self.parentWidget()
        lines = self.label.fontMetrics().lineSpacing()
        most = max(round(column.height() * MOST_OF_COLUMN) if column is not None else 0,
                   LEAST_LINES * lines + 2 * RING_ROOM)
        fitted = (shown.width(), most, lines, self.notice)
        # measuring lays the words out again; and until shown, the column has no height
        if fitted == self._fitted or not self.notice or not self.isVisible():
            return
        self._fitted = fitted
        self._fit_addresses(self._label_room(beside_bar=False))  # then their height
        needed = self.label.heightForWidth(shown.width())
        scrolls = needed > most
        if self.scroller is None:
            if not scrolls:
                return  # the layout gives the label the height its words need
            self.scroller = self._scroller()
        if scrolls:
            self._fit_addresses(self._label_room(beside_bar=True))
        # the bar there or not as the notice fits, never as the words happened to wrap
        # beside a bar shown a moment before: they stayed wrapped for it, and it stayed
        self.scroller.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn if scrolls
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setFixedHeight(most if scrolls else needed)

    def _label_room(self, *, beside_bar: bool) -> int:
        """The label's width for its words: in the scrolling pane, as it is beside its bar
        or without it, whichever the bar happens to be now."""
        label = self.label
        if self.scroller is None:
            return label.contentsRect().width()
        room = self.scroller.width() - (label.width() - label.contentsRect().width())
        if beside_bar:
            room -= self.scroller.verticalScrollBar().sizeHint().width()
        return room

    def _scroller(self) -> QScrollArea:
        """The notice's words moved into a pane of their own that scrolls."""
        from PySide6.QtWidgets import QScrollArea

        from reader.ui.text_sized_controls import text_sized_scroll_bars

        scroller = QScrollArea(self)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidgetResizable(True)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the link is the stop
        layout = self.layout()
        layout.replaceWidget(self.label, scroller)
        scroller.setWidget(self.label)
        # the notice's own colour behind the words, not the scroll area's
        scroller.viewport().setAutoFillBackground(False)
        text_sized_scroll_bars(scroller)  # as wide as the window's, in large text
        return scroller

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange and self.parentWidget() is not None:
            # the column's height sets the notice's most: told of it as it changes
            self.parentWidget().installEventFilter(self)
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.Show):
            self._fit_height()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's)
        if event.type() == QEvent.Type.Resize and (
                watched is self.parentWidget()
                or watched is self.label and event.size().width() != event.oldSize().width()):
            self._fit_height()
        return False

    def _close(self) -> None:
        """Hide the notice; with the keys in it, they go back to the page as Esc takes them:
        Qt gave them to the next thing in the Tab order, the tabs' bar above the page."""
        had_keys = self.focusWidget() is not None and self.focusWidget().hasFocus()
        self.hide()
        if had_keys:
            self.left.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on a button of the notice presses it, as on its link: outside a dialog Qt's
        buttons take Space only, and Enter did nothing. Esc leaves the notice for the page."""
        focused = self.focusWidget()
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and focused in (self.whats_new_button, self.close_button)):
            focused.click()
        elif event.key() == Qt.Key.Key_Escape:
            self.left.emit()
        elif event.key() in SCROLL_KEYS | PAGE_KEYS and not event.modifiers() \
                and self.scroller is not None:
            bar = self.scroller.verticalScrollBar()
            step = bar.singleStep() * SCROLL_KEYS.get(Qt.Key(event.key()), 0) \
                + bar.pageStep() * PAGE_KEYS.get(Qt.Key(event.key()), 0)
            bar.setValue(bar.value() + step)
        else:
            super().keyPressEvent(event)

    def _hint_link(self, href: str) -> None:
        # as plain text: Qt shows a tip with a tag in it as HTML, and the address comes from
        # the content pack, where "<h1>" would be a heading that is no part of what opens
        self.label.setToolTip(plain_tooltip(leaving_hint(href)) if href else "")

    def _open_link(self, href: str) -> None:
        told = open_outside(href)
        if told:
            self.status_message.emit(told)


def _address_words(notice: str) -> list[str]:
    """Each web address of the notice with what follows it up to a space (a full stop, a
    comma): what must fit on a line for the address to stand whole on it."""
    return [notice[match.start():].split(maxsplit=1)[0]
            for match in WEB_ADDRESS.finditer(notice)]


def _linked(notice: str, whole: tuple[bool, ...] = ()) -> tuple[str, int]:
    """The notice as HTML with its web addresses made links, and how many there are.
    `whole`: for each address in turn, whether it is kept from breaking (not, past its end)."""
    parts, links, end = [], 0, 0
    for match in WEB_ADDRESS.finditer(notice):
        address = match.group()
        # Qt may break a line after "https://", leaving the scheme alone at a line's end and
        # the address in two pieces; a word joiner keeps the scheme with the rest. Unbroken,
        # the address was cut off at the notice's edge in a window half a screen wide: where
        # it does not fit on a line of its own, it may break after a dot or a slash instead
        scheme, _, rest = escape(address).partition("://")
        if not (links < len(whole) and whole[links]):
            rest = re.sub(r"([./])(?=.)", r"\1" + BREAK_HERE, rest)
        shown = f"{scheme}://{WORD_JOINER}{rest}"
        parts += [escape(notice[end:match.start()]),
                  f'<a href="{escape(address)}">{shown}</a>']
        links, end = links + 1, match.end()
    parts.append(escape(notice[end:]))
    return "".join(parts), links
