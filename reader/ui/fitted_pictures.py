"""Pictures wider than the chapter pane shown at its width, as a browser's `max-width: 100%`
shows them, and drawn smoothly at that size.

Qt never shrinks a picture: a 1,400 pixel flowchart ran out of an 850 pixel pane behind a
horizontal scroll bar, and the person scrolled sideways and back for every line below it.
Here the page's pictures are sized as Qt lays each line out, so a new width, text size or
tab shown costs no layout more than it did. Imported only for a page with a picture.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QHelpEvent,
    QImage,
    QPainter,
    QPixmap,
    QPyTextObject,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QToolTip

from reader.ui.content_resources import IMAGE, picture_size


def insets(document: QTextDocument, position: int) -> float:
    """How much of the page's text width the paragraph holding a picture keeps to either
    side of it: its margins and indent, and its list's (a blockquote is a margin)."""
    block = document.findBlock(position)
    shape = block.blockFormat()
    taken = shape.leftMargin() + shape.rightMargin() + shape.indent() * document.indentWidth()
    if (items := block.textList()) is not None:
        taken += items.format().indent() * document.indentWidth()
    return max(0.0, taken)


class FittedPictures(QPyTextObject):
    """The chapter pane's image handler: Qt's, but a picture wider than the room the pane
    has for it is laid out at that room, its shape kept.

    The room is the pane's less its plain margins: a picture between the plain margins and
    the text column's is laid out whole, and the margins give way for it (see ChapterView
    `_make_room`), which needs each picture's own width: `widest`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.needs: dict[int, float] = {}  # by position: a picture's own width, with insets
        self.shares: dict[int, float] = {}  # by position: a picture shown smaller, how much
        self._smaller: dict[str, tuple[int, QImage]] = {}  # by name: source's key, drawn

    def new_page(self) -> None:
        self.needs.clear()
        self.shares.clear()
        self._smaller.clear()

    def widest(self) -> float:
        """The widest picture at its own size, with its paragraph's insets; 0 if none."""
        return max(self.needs.values(), default=0.0)

    def intrinsicSize(self, document: QTextDocument, position: int,  # noqa: N802 (Qt's)
                      format: QTextFormat) -> QSizeF:
        image = format.toImageFormat()
        own = picture_size(document, image)
        if own is None or own.isEmpty():
            return QSizeF(16, 16)  # Qt's mark for a picture not shown is its own size
        taken = insets(document, position)
        self.needs[position] = own.width() + taken
        room = document.pageSize().width() - 2 * document.documentMargin() - taken
        if 0 < room < own.width():
            self.shares[position] = room / own.width()
            own = QSizeF(room, own.height() * room / own.width())
        else:
            self.shares.pop(position, None)
        # whole pixels, as Qt lays a picture out
        return QSizeF(QSize(round(own.width()), round(own.height())))

    def share_at(self, position: int) -> float | None:
        """How much of its size the picture at this place (either side of it) is shown at,
        if it is shown smaller than that."""
        return self.shares.get(position, self.shares.get(position - 1))

    def drawObject(self, painter: QPainter, rect: QRectF,  # noqa: N802 (Qt's)
                   document: QTextDocument, position: int, format: QTextFormat) -> None:
        name = format.toImageFormat().name()
        picture = document.resource(IMAGE, QUrl(name))
        if isinstance(picture, QPixmap):
            picture = picture.toImage()
        if not isinstance(picture, QImage) or picture.isNull():
            return
        ratio = painter.device().devicePixelRatioF()
        wanted = QSize(round(rect.width() * ratio), round(rect.height() * ratio))
        if picture.width() > wanted.width() + 1:
            picture = self._drawn_smaller(name, picture, wanted)
        painter.drawImage(rect, picture)

    def _drawn_smaller(self, name: str, picture: QImage, wanted: QSize) -> QImage:
        """The picture scaled down smoothly, once for each size it is shown at: Qt scales by
        dropping pixels, and two lines in five of a diagram shown at a third were gone."""
        key = picture.cacheKey()
        kept = self._smaller.get(name)
        if kept is not None and kept[0] == key and kept[1].size() == wanted:
            return kept[1]
        smaller = picture.scaled(wanted, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        self._smaller[name] = key, smaller
        return smaller


def picture_share_hint(share: float) -> str:
    """What a person is told of a picture shown smaller than its own size."""
    return (f"Shown at {round(100 * share)}% of its size to fit the pane: widen the window, "
            "or hide the navigation pane (F9), to see it larger")


class PictureTips(QObject):
    """Under the pointer, a picture shown at the pane's width says at what share of its size:
    a diagram shown so looks whole. Watches the pane's viewport once a page has a picture;
    an override of the pane's own events cost every page a call into Python at each paint."""

    def __init__(self, view: QTextBrowser, pictures: FittedPictures) -> None:
        super().__init__(view)
        self.view = view
        self.pictures = pictures
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's)
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        view = self.view
        point = QPointF(event.pos()) + QPointF(view.horizontalScrollBar().value(),
                                               view.verticalScrollBar().value())
        position = view.document().documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
        share = self.pictures.share_at(position) if position >= 0 else None
        if share is None:
            return False
        QToolTip.showText(event.globalPos(), picture_share_hint(share), view)
        return True
