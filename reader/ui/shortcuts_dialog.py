"""Help > Keyboard shortcuts: every menu shortcut in two columns, and the keys of the panes."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reader.ui.focus_edges import EDGE_PIXELS, FocusEdges
from reader.ui.placement import FRAME_EDGES, TITLE_BAR, screen_room
from reader.ui.text_sized_controls import text_sized_scroll_bars

MIN_LIST_HEIGHT = 120
GUTTER = 32  # pixels between the two columns
NOTES_IN_COLUMNS_WIDTH = 720  # pixels: a narrower dialog has the pane notes in one column
# the keys of the panes, in two columns under those of the shortcuts: in one paragraph across
# the dialog they made lines of 120 characters and more, hard to follow from end to start
PANE_KEYS = (
    (
        "<b>In the search box</b>: Down goes to the results (Up from the first returns), "
        "Enter opens the highlighted one, Esc goes to the contents, as from the lists.",
        "<b>In the bookmarks and the history</b>: Delete removes the row.",
        "<b>In the page</b>: Esc clears the highlights.",
    ),
    (
        "<b>In the contents</b>: arrow keys move and open (with Ctrl, only move), Enter goes "
        "into the page, Esc clears the filter, Down in it goes to the tree.",
        "<b>In a narrow window</b>, the navigation pane over the chapter: Esc in the pane goes "
        "back to the chapter (a filter or search typed is cleared first).",
        "<b>Anywhere</b>: a middle click or Ctrl+click on a chapter or link (Ctrl+Enter on a "
        "link or a chapter's row) opens it in a new tab; Shift+F10 opens a row's menu. A "
        "mouse's side buttons go back and forward; Ctrl+wheel zooms.",
    ),
)


class ShortcutsDialog(QDialog):
    """Two columns side by side: in one, the list was taller than a 768-pixel laptop screen,
    and a message box squeezed it into narrow wrapped rows. The notes on the panes' keys
    scroll with the list: below it, out of the scrolled area, they took the whole of a small
    screen, the list a strip of four rows and OK under the screen's edge."""

    def __init__(self, lines: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self._lines = lines
        body = QWidget(self)  # the list, and the notes on the panes' keys below it
        self.table = QLabel(body)
        self.table.setTextFormat(Qt.TextFormat.RichText)
        self.table.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panes = QLabel(body)
        self.panes.setTextFormat(Qt.TextFormat.RichText)
        self.panes.setWordWrap(True)
        layout = QVBoxLayout(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(layout.spacing())
        column.addWidget(self.table)
        column.addWidget(self.panes)
        column.addStretch(1)  # any room to spare below the notes, not between the two
        # at 150% on a 768-pixel laptop even two columns are taller than the screen: the
        # list and the notes scroll there, and nowhere else
        self.scroller = QScrollArea(self)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(body)
        self.scroller.setAccessibleName("Keyboard shortcuts")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(buttons)
        self._buttons = buttons
        self._edged = False  # the list has a focus edge (FocusEdges), given once
        text_sized_scroll_bars(self.scroller)  # as the window's, in large text
        self._fit(screen_room(parent))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # a change of theme while it is open (the desktop asking for high contrast) changes
        # the list's edge: fitted to the old one it took scroll bars and hid its last row
        if event.type() == QEvent.Type.StyleChange:
            # once every widget in it has taken the new style: the list's own edge comes after
            QTimer.singleShot(0, self, lambda: self._fit(screen_room(self.parentWidget())))

    def _fit(self, room: QSize) -> None:
        """The whole list where the screen has room for it, else as much as fits, scrolled."""
        # the high contrast theme draws a border round every scrolling pane: without room
        # for it the whole list took scroll bars both ways and hid its last row
        self.scroller.ensurePolished()
        frame = 2 * self.scroller.frameWidth()
        margins = self.layout().contentsMargins()
        sides = margins.left() + margins.right()
        most = room.width() - sides - FRAME_EDGES
        half = (len(self._lines) + 1) // 2
        left, right = _column(self._lines[:half]), _column(self._lines[half:])
        widths = (_ideal_width(left, self.table.font()), _ideal_width(right, self.table.font()))
        two = _two_columns(left, right, widths)
        self.table.setText(two)
        if self.table.sizeHint().width() + frame > most:
            # at 200% on a laptop the two columns were wider than the screen: the keys of the
            # second were cut off at its edge, a scroll bar across to reach them
            self.table.setText(_column(self._lines))
        self.table.setMinimumSize(0, 0)
        table = self.table.sizeHint()
        self.table.setMinimumSize(table)  # scrolled when it must be, never squeezed
        width = min(table.width() + self._bar_width() + frame, most)
        # two columns of notes where there is room for them, else one, lest they crowd out
        # the list on a small screen; the second begins where the list's second does
        columns = 2 if self.table.text() == two and width >= NOTES_IN_COLUMNS_WIDTH else 1
        self.panes.setText(_pane_keys(columns, widths))
        whole = table.height() + self.layout().spacing() + self._fit_notes(width) + frame
        below = (self._buttons.sizeHint().height() + self.layout().spacing() + margins.top()
                 + margins.bottom())
        height = max(MIN_LIST_HEIGHT,
                     min(whole, room.height() - below - TITLE_BAR - FRAME_EDGES))
        if height < whole:
            # the arrow keys scroll the list: it takes the keyboard first, and shows it has it
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            if not self._edged:
                FocusEdges(app, self).add(self.scroller)
                self._edged = True
            # the edge is drawn inside the pane: wider by it, lest a sideways scroll bar show
            width = min(width + 2 * EDGE_PIXELS, room.width() - sides - FRAME_EDGES)
            self._fit_notes(width)  # within the edge, on a screen with no room to widen by it
        else:  # the whole list on screen: the keyboard starts on OK, not on an invisible pane
            self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setMinimumSize(width, height)
        # set here: Qt would cap the dialog at 2/3 of the screen, and squeeze the wrapped
        # text over the list
        self.resize(width + sides, height + below)

    def _fit_notes(self, width: int) -> int:
        """Wrap the notes within a scrolled pane `width` wide, beside its scroll bar; their
        height. At the width they are shown at, not at the narrower one Qt guesses for
        wrapped text: that guess made the dialog taller, and the list floated in blank
        space; and no wider, lest a list wider than a small screen take them past its edge."""
        across = width - 2 * self.scroller.frameWidth() - self._bar_width()
        height = self.panes.heightForWidth(across)
        self.panes.setMinimumHeight(height)
        self.panes.setMaximumWidth(across)
        return height

    def _bar_width(self) -> int:
        """The room the list's scroll bar takes beside it (wider in large text)."""
        return self.scroller.verticalScrollBar().sizeHint().width()


def _column(lines: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><td>{escape(what)}</td><td><b>{escape(keys)}</b></td></tr>"
                   for what, keys in lines)
    return f"<table cellpadding='3'>{rows}</table>"


def _ideal_width(html: str, font: QFont) -> int:
    """The pixels across `html` takes, unwrapped, in this font."""
    page = QTextDocument()
    page.setDefaultFont(font)
    page.setHtml(html)
    return round(page.idealWidth() - 2 * page.documentMargin())


def _pane_keys(columns: int, widths: tuple[int, int]) -> str:
    """The keys of the panes under the list: in two columns as wide as the list's, lines of
    some 60 characters."""
    left, right = (f"<table cellpadding='3'><tr><td>{'<br><br>'.join(notes)}</td></tr></table>"
                   for notes in PANE_KEYS)
    if columns == 1:  # one paragraph, as short as it can be
        return ("<table cellspacing='2' cellpadding='5'><tr><td>"
                f"{' '.join(note for notes in PANE_KEYS for note in notes)}</td></tr></table>")
    return _two_columns(left, right, widths)


def _two_columns(left: str, right: str, widths: tuple[int, int]) -> str:
    """Side by side, each column `widths` pixels across; cells inset alike, so that the list
    and the notes below it begin at the same left edge, and their second columns at the same
    place (at half the dialog's width each, the notes' second began a hand to the right of
    the list's)."""
    return (f"<table><tr><td width='{widths[0]}' valign='top'>{left}</td>"
            f"<td width='{GUTTER}'></td>"
            f"<td width='{widths[1]}' valign='top'>{right}</td></tr></table>")
