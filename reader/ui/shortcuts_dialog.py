"""Help > Keyboard shortcuts: every menu shortcut in two columns, and the keys of the panes."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
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

MIN_LIST_HEIGHT = 120
PANE_KEYS = (
    "In the search box: Down goes to the results (Up from the first comes back), Enter "
    "opens the highlighted one, Esc returns to the contents, as it does from Bookmarks and "
    "History; in the page, Esc clears the highlights. In the contents: arrow keys move and "
    "open, Enter opens a section's overview, Esc clears the filter; a middle click or "
    "Ctrl+click on a chapter or a link (Ctrl+Enter on a link reached with Tab) opens it in "
    "a new tab. The mouse's back and forward "
    "buttons go back and forward; Ctrl+wheel zooms."
)


class ShortcutsDialog(QDialog):
    """Two columns side by side: in one, the list was taller than a 768-pixel laptop screen,
    and a message box squeezed it into narrow wrapped rows."""

    def __init__(self, lines: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        half = (len(lines) + 1) // 2
        self.table = QLabel(
            f"<table><tr><td valign='top'>{_column(lines[:half])}</td><td width='32'></td>"
            f"<td valign='top'>{_column(lines[half:])}</td></tr></table>", self)
        self.table.setTextFormat(Qt.TextFormat.RichText)
        self.table.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # at 150% on a 768-pixel laptop even two columns are taller than the screen: the
        # list scrolls there, and nowhere else
        self.scroller = QScrollArea(self)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(self.table)
        self.scroller.setAccessibleName("Keyboard shortcuts")
        self.panes = QLabel(PANE_KEYS, self)
        self.panes.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(self.panes)
        layout.addWidget(buttons)
        self._buttons = buttons
        self._edged = False  # the list has a focus edge (FocusEdges), given once
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
        table = self.table.sizeHint()
        self.table.setMinimumSize(table)  # scrolled when it must be, never squeezed
        # the high contrast theme draws a border round every scrolling pane: without room
        # for it the whole list took scroll bars both ways and hid its last row
        self.scroller.ensurePolished()
        frame = 2 * self.scroller.frameWidth()
        margins = self.layout().contentsMargins()
        sides = margins.left() + margins.right()
        width = min(table.width() + self.scroller.verticalScrollBar().sizeHint().width() + frame,
                    room.width() - sides - FRAME_EDGES)
        below = (self.panes.heightForWidth(width) + self._buttons.sizeHint().height()
                 + 2 * self.layout().spacing() + margins.top() + margins.bottom())
        height = max(MIN_LIST_HEIGHT,
                     min(table.height() + frame, room.height() - below - TITLE_BAR - FRAME_EDGES))
        if height < table.height() + frame:
            # the arrow keys scroll the list: it takes the keyboard first, and shows it has it
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            if not self._edged:
                FocusEdges(app, self).add(self.scroller)
                self._edged = True
            # the edge is drawn inside the pane: wider by it, lest a sideways scroll bar show
            width = min(width + 2 * EDGE_PIXELS, room.width() - sides - FRAME_EDGES)
        else:  # the whole list on screen: the keyboard starts on OK, not on an invisible pane
            self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setMinimumSize(width, height)
        # set here: Qt would cap the dialog at 2/3 of the screen, and squeeze the wrapped
        # text below the list over it
        self.resize(width + sides, height + below)


def _column(lines: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><td>{escape(what)}</td><td><b>{escape(keys)}</b></td></tr>"
                   for what, keys in lines)
    return f"<table cellpadding='3'>{rows}</table>"
