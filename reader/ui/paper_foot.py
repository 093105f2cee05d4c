"""A chapter's foot kept with the end of its text on paper, and the sheets that hold
something printed: "Page N of M" counts them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFormat, QTextTable

from reader.ui.paper_blocks import break_before, only_pictures, split_block, with_its_headings
from reader.ui.paper_table_rows import TableRows


def keep_foot_with_text(document: QTextDocument, page_height: float) -> None:
    """The chapter's foot (a rule, then "Last updated ... is the authoritative version") ends
    the sheet that holds the end of the text, whole, or goes on with its last lines (a
    table's last row, under its header).

    Run over a sheet's edge, its last line alone made a sheet of its own, one holding only
    what belonged on the sheet before: a page ending with words of the chapter that go on.
    """
    foot = document.lastBlock()
    rule = foot.previous()
    before = rule.previous()
    root = document.rootFrame()
    if (not before.isValid() or not foot.text().strip()
            or not rule.blockFormat().hasProperty(
                QTextFormat.Property.BlockTrailingHorizontalRulerWidth)
            or any(QTextCursor(block).currentFrame() != root for block in (before, rule, foot))):
        return  # no foot: a page that is not a chapter (the start page, a section's list)
    layout = document.documentLayout()
    layout.documentSize()  # lays out the whole document

    def sheets(block: QTextBlock) -> list[int]:
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        return [int((top + lines.lineAt(i).y()) // page_height)
                for i in range(lines.lineCount())]

    def foot_sheets() -> set[int]:
        foot = document.lastBlock()  # found again: a split before them renumbers blocks
        return {*sheets(foot.previous()), *sheets(foot)}

    def foot_whole() -> None:
        """The foot on a sheet of its own, if nothing else: a break before a rule that
        starts a sheet already would leave that sheet blank."""
        if len(foot_sheets()) > 1:
            break_before(document.lastBlock().previous())

    def together(start: QTextBlock | None = None) -> bool:
        """The foot on one sheet, with the text's last line (and `start`'s first)."""
        text = document.lastBlock().previous().previous()
        while text.isValid() and not text.text().strip():  # after a table: its last cell's
            text = text.previous()
        foot = foot_sheets()
        text_sheets = [*(sheets(start)[:1] if start is not None else []),
                       *(sheets(text)[-1:] if text.isValid() else [])]
        return len(foot) == 1 and set(text_sheets) <= foot

    if together():
        return
    lines = before.layout().lineCount()
    table = _table_above(before) if not before.text().strip() or not lines else None
    moved = _last_row_to_next_sheet(table) if table is not None else None
    if not before.text().strip() or not lines:
        if moved is None:
            foot_whole()  # no row to take along
    elif lines <= 3 and len(set(sheets(before))) == 1:
        # a short paragraph goes on whole, not a line of it alone; its heading with it
        moved = _with_what_it_follows(before)
    else:
        # its last two lines go on with the foot
        split_block(before, before.layout().lineAt(max(1, lines - 2)).textStart())
        break_before(before.next())
    document.markContentsDirty(0, document.characterCount())
    layout.documentSize()
    if not together(moved[0] if moved is not None else None):
        # a sheet too short for even that (a row taller than a sheet would only leave the
        # sheet before it all but blank): less goes on, or the foot whole, at least
        if moved is not None:
            moved[1]()
            document.markContentsDirty(0, document.characterCount())
            layout.documentSize()
        if not together():
            foot_whole()
        document.markContentsDirty(0, document.characterCount())


def _table_above(block: QTextBlock) -> QTextTable | None:
    """The table (or box) of the page's top level that ends right above `block`."""
    above = block.previous()
    root = block.document().rootFrame()
    frame = QTextCursor(above).currentFrame() if above.isValid() else None
    while frame is not None and frame != root and frame.parentFrame() != root:
        frame = frame.parentFrame()
    return frame if isinstance(frame, QTextTable) else None


def _last_row_to_next_sheet(table: QTextTable) -> tuple[QTextBlock, Callable[[], None]] | None:
    """Start a sheet with the table's last row (under its repeated header), or with the
    whole table where it has no other row, its headings with it: the block that starts that
    sheet, and what undoes it. None where the row starts a sheet already.

    After a table ending at a sheet's foot, the chapter's foot was left alone on a sheet of
    its own: the table's last row is the end of the text.
    """
    rows = TableRows(table.document(), table)
    last = rows.rows - 1
    if last > rows.header_rows:
        if rows.broken_after(last - 1):
            return None
        rows.break_before([last], True)
        return (table.cellAt(last, 0).firstCursorPosition().block(),
                lambda: rows.break_before([last], False))
    start = with_its_headings(table.firstCursorPosition().block())
    if start.position() < table.firstPosition():  # a heading above it: from there
        kept_block = start.blockFormat()
        break_before(start)
        return start, lambda: QTextCursor(start).setBlockFormat(kept_block)
    shape = table.format()
    kept = shape.pageBreakPolicy()
    shape.setPageBreakPolicy(kept | QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    table.setFormat(shape)

    def undo() -> None:
        shape.setPageBreakPolicy(kept)
        table.setFormat(shape)

    return start, undo


def _with_what_it_follows(caption: QTextBlock) -> tuple[QTextBlock, Callable[[], None]] | None:
    """Start a sheet with a short paragraph and its headings, or, for a caption, with the
    pictures right above it (and their headings): the block that starts that sheet, and
    what starts it at the caption instead, where they do not fit a sheet with the foot.
    None: nothing to undo.

    Moved on alone, a caption left its picture at the foot of the sheet before."""
    above = caption.previous()
    headed = with_its_headings(caption)
    if (headed != caption or not above.isValid() or not only_pictures(above)
            or QTextCursor(above).currentFrame() != caption.document().rootFrame()):
        break_before(headed)
        return None
    start = with_its_headings(above)
    kept = start.blockFormat()
    break_before(start)

    def caption_alone() -> None:
        QTextCursor(start).setBlockFormat(kept)
        break_before(caption)

    return start, caption_alone


def sheets_with_text(document: QTextDocument, page_height: float) -> int:
    """The sheets that hold something to see: the number "Page N of M" counts to.

    The document's own page count takes in the last paragraph's bottom margin and the page's
    blank edge; where the text ended just above a sheet's foot, those ran onto another sheet,
    printed with a header and footer and nothing else. Each line starts on the sheet it is
    printed on (the layout moves a line that would cross an edge); an empty line (after a
    table, an empty cell) prints nothing, a rule does.
    """
    layout = document.documentLayout()
    layout.documentSize()  # lays out the whole document
    rule = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
    last = 0
    block = document.lastBlock()
    while block.isValid():  # from the end: the first seen with anything to see is the last
        lines = block.layout()
        if lines.lineCount() and (block.text().strip()
                                  or block.blockFormat().hasProperty(rule)):
            top = layout.blockBoundingRect(block).top()
            last = max(last, int((top + lines.lineAt(lines.lineCount() - 1).y())
                                 // page_height))
            if QTextCursor(block).currentFrame() == document.rootFrame():
                break  # a cell's block further up could be lower only in a table
        block = block.previous()
    return last + 1
