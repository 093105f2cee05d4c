"""Blocks of a document laid out on paper: pictures alone in a paragraph, a paragraph split
where a sheet's edge falls, a sheet started at a block."""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCursor, QTextFormat

LINE_SEPARATOR = "\u2028"  # what <br/> becomes in a QTextDocument
OBJECT = "\ufffc"  # what a picture is in a QTextDocument's text


def only_pictures(block: QTextBlock) -> bool:
    """Whether the block is a paragraph of pictures and nothing else."""
    text = block.text()
    return OBJECT in text and not text.replace(OBJECT, "").strip()


def break_before(block: QTextBlock) -> None:
    starting = block.blockFormat()
    starting.setPageBreakPolicy(starting.pageBreakPolicy()
                                | QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).setBlockFormat(starting)


def split_block(block: QTextBlock, offset: int) -> None:
    ending = block.blockFormat()
    ending.setBottomMargin(0)
    going_on = QTextBlockFormat(block.blockFormat())
    going_on.setTopMargin(0)
    going_on.setTextIndent(0)
    cursor = QTextCursor(block)
    cursor.setBlockFormat(ending)
    cursor.setPosition(block.position() + offset)
    if offset and block.text()[offset - 1] == LINE_SEPARATOR:
        # the edge falls at a <br/>: the new paragraph stands in for it. Kept, it would end
        # this paragraph on an empty line that crosses the edge again
        cursor.deletePreviousChar()
    cursor.insertBlock(going_on)
    rest = cursor.block()
    if rest.textList() is not None:
        # the rest of a list item is no new item: no second bullet, same indent as its text
        indent = rest.textList().format().indent()
        rest.textList().remove(rest)
        indented = rest.blockFormat()
        indented.setIndent(indent)
        cursor.setBlockFormat(indented)
