"""Test helper: count how many times Qt lays a page out, to its end."""

from __future__ import annotations

from itertools import count

from PySide6.QtCore import QSizeF
from PySide6.QtGui import (
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

# kinds of inline object of the tests' own: one for each counter, as a page may have two
_markers = count(QTextFormat.ObjectTypes.UserObject + 7)


class LayoutCounter(QPyTextObject):
    """An inline object at the end of a page: Qt sizes it each time it lays that far.

    A page laid out to its end once per width change is what a person waits for; each
    more count is the whole page laid out again for nothing.
    """

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def intrinsicSize(self, document: QTextDocument, position: int,  # noqa: N802 (Qt's)
                      format: QTextFormat) -> QSizeF:
        self.count += 1
        return QSizeF(1, 1)

    def drawObject(self, painter: QPainter, rect: object, document: QTextDocument,  # noqa: N802
                   position: int, format: QTextFormat) -> None:
        pass


def count_layouts(document: QTextDocument) -> LayoutCounter:
    """Put a counter at the end of the page; it counts from 0, whether or not the page
    is laid out yet (a page not yet laid out is not laid out by this)."""
    counter = LayoutCounter()
    counter.setParent(document)  # lives as long as the page's document
    kind = next(_markers)
    document.documentLayout().registerHandler(kind, counter)
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    marker = QTextCharFormat()
    marker.setObjectType(kind)
    cursor.insertText("\ufffc", marker)
    if document.isLayoutEnabled():
        document.size()  # the end block laid out again for the marker: not counted
    counter.count = 0
    return counter
