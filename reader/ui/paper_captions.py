"""A picture and its caption printed on one sheet: the caption is never the first thing on a
sheet with its picture at the foot of the sheet before."""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCursor, QTextTable

from reader.ui.paper_blocks import break_before, only_pictures, with_its_headings

# a caption's mark in the laid-out document: Qt's HTML keeps no class, but takes a block's
# user state from the stylesheet (nothing else on paper uses it)
CAPTION_STATE = 4207
CAPTION_RULE = f"\np.figure-caption {{ -qt-user-state: {CAPTION_STATE}; }}\n"


def keep_with_its_picture(caption: QTextBlock, page_height: float) -> bool:
    """Start the next sheet with the pictures above a caption (and their headings) where the
    caption would start it alone; whether it did. A picture and caption taller than a sheet
    together stay as they fall.

    A picture ending a sheet, or filling its foot with no room left for the caption, left
    its caption at the top of the next sheet, read there without what it describes.
    """
    if caption.userState() != CAPTION_STATE:
        return False
    pictures = caption.previous()
    if (not pictures.isValid() or not only_pictures(pictures)
            or not _side_by_side(pictures, caption)):
        return False
    layout = caption.document().documentLayout()

    def sheet(block: QTextBlock, line: int) -> int:
        lines = block.layout()
        return int((layout.blockBoundingRect(block).top() + lines.lineAt(line).y())
                   // page_height)

    def apart() -> bool:
        # the layout follows each change at once: no need to lay the document out again
        return sheet(pictures, 0) != sheet(caption, caption.layout().lineCount() - 1)

    if not caption.layout().lineCount() or not apart():
        return False
    document = caption.document()
    root = QTextCursor(pictures).currentFrame() == document.rootFrame()
    start = with_its_headings(pictures) if root else pictures
    kept = start.blockFormat()
    break_before(start)
    if apart():  # too tall for one sheet together: a break would only leave a gap
        QTextCursor(start).setBlockFormat(kept)
        return False
    return True


def _side_by_side(pictures: QTextBlock, caption: QTextBlock) -> bool:
    """Whether the two are in the body, or in one cell of a box or a table of one row.

    A break in a cell of a table of more rows would cut its row in two, which the rows' own
    keeping whole (reader.ui.paper_table_rows) then moves on: its break and this one would
    leave a sheet all but blank.
    """
    frame = QTextCursor(pictures).currentFrame()
    if frame != QTextCursor(caption).currentFrame():
        return False
    root = pictures.document().rootFrame()
    if frame == root:
        return True
    if not isinstance(frame, QTextTable) or frame.cellAt(pictures.position()) != frame.cellAt(
            caption.position()):
        return False
    while frame is not None and frame != root:
        if isinstance(frame, QTextTable) and frame.rows() != 1:
            return False
        frame = frame.parentFrame()
    return True

