"""Help > About: versions, licences, and whose manual this is, in a box that fits the screen."""

from __future__ import annotations

import platform
from html import escape
from importlib import metadata

from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QWidget,
)

from reader import APP_DISPLAY_NAME, __version__
from reader.edition import capitalised, edition_phrase
from reader.manual import ManualInfo
from reader.ui.focus_edges import FocusEdges
from reader.ui.placement import FRAME_EDGES, TITLE_BAR, screen_room
from reader.ui.text_sized_controls import text_sized_scroll_bars

# (distribution, licence) of what the reader is built from
COMPONENTS = (
    ("PySide6-Essentials", "LGPL-3.0 (Qt for Python)"),
    ("Markdown", "BSD-3-Clause"),
    ("Whoosh", "BSD-2-Clause"),
    ("platformdirs", "MIT"),
    # the importers' (import-contents, import-chapter): frozen into the app with the rest
    ("beautifulsoup4", "MIT"),
    ("markdownify", "MIT"),
)
# pixels of text across: the message box's own width wrapped the text into lines enough to
# push its OK button under the taskbar of a 768-pixel laptop screen at 150%
TEXT_WIDTH = 600
ICON_SIZE = 64
TEXT_MARGIN = 4


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "bundled"


def about_html(info: ManualInfo) -> str:
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(_version(name))}</td>"
        f"<td>{escape(licence)}</td></tr>"
        for name, licence in COMPONENTS
    )
    published = f"Published by {escape(info.publisher)}. " if info.publisher else ""
    return f"""
<h3>{APP_DISPLAY_NAME} {escape(__version__)}</h3>
<p>Reads <b>{escape(info.title)}</b> offline. {capitalised(edition_phrase(info.edition))}.</p>
<p>{published}{escape(info.copyright)}</p>
<p>The online manual:<br>{escape(info.online_url) or "its address is not given"}</p>
<p>The reader itself is free software under the MIT licence. It is built with:</p>
<table cellpadding="3">
<tr><th align="left">Component</th><th align="left">Version</th><th align="left">Licence</th></tr>
{rows}
<tr><td>Qt</td><td>{escape(qVersion())}</td><td>LGPL-3.0</td></tr>
<tr><td>Python</td><td>{escape(platform.python_version())}</td><td>PSF-2.0</td></tr>
</table>
<p>The reader opens no network connection.</p>
"""


class TextScroller(QScrollArea):
    """The About text's scrolling pane; Home and End too, besides Qt's arrows and pages."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's)
        ends = {Qt.Key.Key_Home: self.verticalScrollBar().minimum(),
                Qt.Key.Key_End: self.verticalScrollBar().maximum()}
        if event.key() in ends:
            self.verticalScrollBar().setValue(ends[Qt.Key(event.key())])
            event.accept()
            return
        super().keyPressEvent(event)


class AboutDialog(QDialog):
    """The About text beside the reader's icon; it scrolls only where the screen is too
    short for it, and its OK button is always on screen."""

    def __init__(self, info: ManualInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_DISPLAY_NAME}")
        icon = QLabel(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            icon.setPixmap(app.windowIcon().pixmap(ICON_SIZE, ICON_SIZE))
        self.text = QLabel(about_html(info), self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setContentsMargins(TEXT_MARGIN, 0, TEXT_MARGIN, 0)  # off high contrast's edge
        self.scroller = TextScroller(self)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidgetResizable(True)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(self.text)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a stop only where it scrolls
        self.scroller.setAccessibleName(f"About {APP_DISPLAY_NAME}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.buttons.accepted.connect(self.accept)
        # the keyboard starts on OK, whatever else takes it: Enter closes the box at once
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()
        layout = QGridLayout(self)
        layout.addWidget(icon, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.scroller, 0, 1)
        layout.addWidget(self.buttons, 1, 0, 1, 2)
        layout.setColumnStretch(1, 1)
        self._icon = icon
        text_sized_scroll_bars(self.scroller)  # as the window's, in large text
        self._fit(screen_room(parent))

    def _fit(self, room: QSize) -> None:
        """All the text where the screen has room for it, else as much as fits, scrolled."""
        if not self._measure(room) and self.scroller.focusPolicy() == Qt.FocusPolicy.NoFocus:
            # scrolled, the text's end could be reached by the mouse only: Tab goes to the
            # pane, its arrows, pages, Home and End scroll it, and an edge shows it has them
            self.scroller.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                FocusEdges(app, self).add(self.scroller)
            self._measure(room)  # again, with room for the edge

    def _measure(self, room: QSize) -> bool:
        """Size the text's pane for `room`; whether all the text shows without scrolling."""
        layout = self.layout()
        margins = layout.contentsMargins()
        spacing = max(layout.spacing(), 0)
        sides = (margins.left() + margins.right() + self._icon.sizeHint().width() + spacing
                 + FRAME_EDGES)
        # the high contrast theme draws an edge round every scrolling pane: without room for
        # it the last line was cut off, under a scroll bar
        self.scroller.ensurePolished()
        frame = 2 * self.scroller.frameWidth()
        scroll_bar = self.scroller.verticalScrollBar().sizeHint().width()
        width = max(200, min(TEXT_WIDTH, room.width() - sides - scroll_bar - frame))
        below = (self.buttons.sizeHint().height() + spacing + margins.top() + margins.bottom()
                 + TITLE_BAR + FRAME_EDGES)
        needed = self.text.heightForWidth(width)
        height = min(needed, room.height() - below - frame)
        if height < needed:  # scrolled: room for its bar beside the text, never under it
            width += scroll_bar
        self.scroller.setMinimumSize(width + frame, max(height, ICON_SIZE) + frame)
        hint = self.sizeHint()
        # the pane's own size hint asks for up to 24 lines: on a short screen the box was
        # made that tall, its OK button below the screen's edge, whatever the height above
        self.resize(hint.width(),
                    min(hint.height(), room.height() - TITLE_BAR - FRAME_EDGES))
        return height >= needed
