"""A label of rich text whose links follow the theme."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

from reader.ui.tab_focus import FOCUS_PIXELS, draw_ring, marks_own_focus

RING_ROOM = FOCUS_PIXELS + 1  # pixels kept round the text for the ring, with or without it


class LinkLabel(QLabel):
    """Rich text with links, drawn in the palette's link colour of the theme in use.

    Qt colours a label's links when its text is set: after a change of theme (or the desktop
    turning dark in the evening) they stayed the light theme's dark blue, on black."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.text():
            text = self.text()
            self.clear()  # the same text set again is no change to Qt, and is not redrawn
            self.setText(text)


class TabLinkLabel(LinkLabel):
    """A label whose links Tab reaches, a stop only while it has one, and whose link is
    ready for Enter as Tab reaches it: Qt's own takes a second Tab to step from the label
    onto its link. Space opens the link as Enter does, as on a button. With the keys it has
    a ring in the themes' focus colour, as a tab has: Qt's own mark, a faint dotted line
    round the link, was easily missed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # room for the ring, kept without it: nothing moves as the keys come and go
        self.setContentsMargins(RING_ROOM, RING_ROOM, RING_ROOM, RING_ROOM)
        marks_own_focus(self)

    def set_linked_text(self, html: str, linked: bool) -> None:
        """Show `html`; `linked`: it has a link, for Tab to stop at."""
        self.setText(html)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            if linked else Qt.TextInteractionFlag.NoTextInteraction)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.focusNextPrevChild(reason == Qt.FocusReason.TabFocusReason)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            draw_ring(self, painter, self.rect())
            painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                              Qt.KeyboardModifier.NoModifier)
        super().keyPressEvent(event)
