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


def with_its_headings(block: QTextBlock) -> QTextBlock:
    """The first of the headings right above `block`, or the block if none: where a sheet
    starts that is to hold it. A closing paragraph, or a picture and its caption, moved on
    alone left its heading at the foot of the sheet before: a heading is kept with what
    follows it only where that was not moved."""
    root = block.document().rootFrame()
    while ((above := block.previous()).isValid() and above.previous().isValid()
           and above.blockFormat().headingLevel()
           and QTextCursor(above).currentFrame() == root):
        block = above
    return block


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
