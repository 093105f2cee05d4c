"""A calm strip above the chapter saying the edition may be out of date, or has changed since
it was last read; never blocks reading."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from reader.outside_links import leaving_hint
from reader.ui.link_label import RING_ROOM, TabLinkLabel
from reader.ui.outside_open import open_outside
from reader.ui.tooltips import plain_tooltip

WORD_JOINER = "\u2060"  # invisible; no line may break on either side of it
BREAK_HERE = "\u200b"  # invisible; a line may break here, as at a space
# a web address in a notice, without the full stop or comma that may follow it
WEB_ADDRESS = re.compile(r"https?://\S+?(?=[.,;:]?(?:\s|$))")


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
        )
        self.notice = ""  # what the banner says, as written
        self.label = TabLinkLabel(self)
        self.label.setWordWrap(True)
        self.label.setAccessibleDescription("Edition notice")
        # the online manual's address is a link: opened in the browser on a click, never unasked
        self.label.setOpenExternalLinks(False)
        self.label.linkActivated.connect(self._open_link)
        self.label.linkHovered.connect(self._hint_link)
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
        html, links = _linked(self.notice)
        # Tab reaches the address only when there is one; a notice without is no stop
        self.label.set_linked_text(html, bool(links))
        self.label.setAccessibleName(self.notice)  # read out as written, joiner or not
        self.setVisible(bool(text))

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


def _linked(notice: str) -> tuple[str, int]:
    """The notice as HTML with its web addresses made links, and how many there are."""
    parts, links, end = [], 0, 0
    for match in WEB_ADDRESS.finditer(notice):
        address = match.group()
        # Qt may break a line after "https://", leaving the scheme alone at a line's end and
        # the address in two pieces; a word joiner keeps the scheme with the rest. Unbroken,
        # the address was cut off at the notice's edge in a window half a screen wide: it
        # may break after a dot or a slash of the rest instead
        scheme, _, rest = escape(address).partition("://")
        rest = re.sub(r"([./])(?=.)", r"\1" + BREAK_HERE, rest)
        shown = f"{scheme}://{WORD_JOINER}{rest}"
        parts += [escape(notice[end:match.start()]),
                  f'<a href="{escape(address)}">{shown}</a>']
        links, end = links + 1, match.end()
    parts.append(escape(notice[end:]))
    return "".join(parts), links
