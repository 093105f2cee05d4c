"""A label of rich text whose links follow the theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

from reader.ui.tab_focus import FOCUS_PIXELS, draw_ring, marks_own_focus

if TYPE_CHECKING:
    from PySide6.QtGui import QPainterPath

RING_ROOM = FOCUS_PIXELS + 1  # pixels kept round the text for the ring, with or without it
LINK_GAP = 1  # pixels between a link's words and the ring round them


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
            outline = self.link_outline()
            if outline.isEmpty():  # no link found in the words as laid out: the whole label
                draw_ring(self, painter, self.rect())
            else:
                from PySide6.QtGui import QPalette, QPen  # made by PySide when first named

                pen = QPen(self.palette().color(QPalette.ColorRole.Link), FOCUS_PIXELS)
                pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
                painter.setPen(pen)
                painter.drawPath(outline)
            painter.end()

    def link_outline(self) -> QPainterPath:
        """Round the words of the link that has the keys, as a browser rings it: a ring round
        the whole line, "Did you mean" and all, did not say which words Enter would follow.
        A link wrapped onto two lines is ringed as one shape round both of its pieces.
        Empty when the label shows no link with the keys."""
        # named here, not at start: PySide makes each class the first time it is named
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QPainterPath, QTextDocument

        outline = QPainterPath()
        # the words as the label laid them out: its own document, not a copy made to match
        document = self.findChild(QTextDocument)
        if document is None or not self.hasSelectedText():  # the link with the keys is
            return outline  # the label's selection
        start = self.selectionStart()
        end = start + len(self.selectedText())
        origin = self.contentsRect().topLeft()
        room = self.contentsRect().height() - document.size().height()
        drop = 0.0  # the label sets its words as its alignment asks, in its height
        if self.alignment() & Qt.AlignmentFlag.AlignVCenter:
            drop = max(room / 2, 0.0)
        elif self.alignment() & Qt.AlignmentFlag.AlignBottom:
            drop = max(room, 0.0)
        grow = LINK_GAP + FOCUS_PIXELS / 2  # the pen is centred on the outline
        block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            layout = block.layout()
            for number in range(layout.lineCount()):
                line = layout.lineAt(number)
                first = max(start, block.position() + line.textStart())
                last = min(end, block.position() + line.textStart() + line.textLength())
                if first >= last:
                    continue
                left = _x(line.cursorToX(first - block.position()))
                right = _x(line.cursorToX(last - block.position()))
                piece = QRectF(min(left, right), line.y(), abs(right - left), line.height())
                piece.translate(layout.position())
                piece.translate(origin.x(), origin.y() + drop)
                shape = QPainterPath()
                shape.addRect(piece.adjusted(-grow, -grow, grow, grow).toAlignedRect())
                outline = outline.united(shape)
            block = block.next()
        return outline.simplified()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                              Qt.KeyboardModifier.NoModifier)
        super().keyPressEvent(event)


def _x(found: float | tuple[float, int]) -> float:
    """The x of QTextLine.cursorToX, which PySide gives with the position it took."""
    return found[0] if isinstance(found, tuple) else found
