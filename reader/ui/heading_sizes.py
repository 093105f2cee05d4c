"""Headings at the size the stylesheet gives them.

Qt's HTML reader sizes h1 to h6 as a step above the document's default font and lets that
step win over any CSS font-size, so the stylesheet's heading sizes were never drawn, and
headings did not follow the text when it was zoomed. Dropping the step once the HTML is read
lets the stylesheet's size apply.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat

from reader.ui.one_layout import one_layout

_STEP = QTextFormat.Property.FontSizeAdjustment
# Qt tells a page's formats apart by a hash that counts a list of anchor names by its type
# alone: every heading's own format (its first letter holds its anchor) was compared with each
# one made before it, and a chapter of 1,000 headings took 20 ms more to resize, 2,000 took
# 90 ms more. The names again, as text, which the hash does read, keep them apart; Qt draws
# nothing from a property of its users' range.
_NAMED = int(QTextFormat.Property.UserProperty) + 1


def apply_heading_sizes(document: QTextDocument) -> None:
    """Best called before the page is first laid out (see reader/ui/one_layout.py): a page
    laid out already is laid out again, in full."""
    # the whole page laid out again after, not only the changed headings: so marked, a page
    # set again in place (a theme or text size change) kept the height of its first
    # screens, and the rest of the chapter could not be scrolled to
    with one_layout(document):
        cursor = QTextCursor(document)
        # one edit: each heading changed on its own had the page laid out again from there
        # to the end (1,000 headings: 0.3 s, 2,000: 1.5 s)
        cursor.beginEditBlock()
        levels: dict[int, int] = {}  # by the document's index of the block's format
        block = document.begin()
        while block.isValid():
            # by its format's index: a table's hundreds of cells share a few formats
            if (level := levels.get(block.blockFormatIndex())) is None:
                level = levels[block.blockFormatIndex()] = block.blockFormat().headingLevel()
            if level:
                # the heading's formats in one call: fragment by fragment was half the time
                for part in block.textFormats():
                    style = part.format
                    if style.hasProperty(_STEP):
                        style.clearProperty(_STEP)
                        names = style.anchorNames()
                        if names:
                            style.setProperty(_NAMED, " ".join(names))
                        start = block.position() + part.start
                        cursor.setPosition(start)
                        cursor.setPosition(start + part.length, QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(style)
            block = block.next()
        cursor.endEditBlock()
