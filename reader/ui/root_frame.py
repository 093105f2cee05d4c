"""A page's outermost frame, found so that PySide keeps nothing of it after the page goes."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument, QTextFrame


def root_frame(document: QTextDocument) -> QTextFrame:
    """The document's root frame, found from a cursor.

    PySide ties the object rootFrame() gives to the document's for as long as the document
    lives; every page shown makes a new root frame, and in a wide window each page opened
    left one more of them behind for the rest of the day.
    """
    frame = QTextCursor(document).currentFrame()
    while (outer := frame.parentFrame()) is not None:
        frame = outer
    return frame
