"""Column widths for a page's tables that keep each word whole wherever the pane has room.

Qt lays a table out in the page's wrap mode, which may break a word anywhere: it then takes
each column's least width to be one letter and gives the columns equal shares, so in a table
of six columns "Conference" was cut in two in a pane with room for all of it. Here, as in a
browser, each column gets the width of its longest word first, then a share of what is left
up to the width of its longest line. Only a table too wide for the pane even so has words
broken, and only in its widest columns: the narrow ones keep theirs whole.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QFontMetricsF,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
)

from reader.ui.root_frame import root_frame

# a word measured a hair narrower than Qt lays it out would still be cut at its last letter
SLACK_PX = 2.0
SPARE_PX = 2.0  # of a table's room, left unshared (see `TableColumns.fit`)
VARIABLE = QTextLength.Type.VariableLength
PERCENTAGE = QTextLength.Type.PercentageLength
LEFT = QTextFormat.Property.TableCellLeftPadding
RIGHT = QTextFormat.Property.TableCellRightPadding


class _Table:
    """A table, by where it starts, and its columns' widths, measured in its own fonts."""

    def __init__(self, table: QTextTable, insets: float, least: list[float],
                 most: list[float]) -> None:
        # by its place, not the object: a page set anew deletes the tables Qt made for it
        self.position = table.firstPosition()
        self.insets = insets  # how much narrower than the page's text its boxes make its room
        self.least = least  # by column: its longest word, with the cells' padding
        self.most = most  # by column: its longest line, unbroken, with the padding


class TableColumns:
    """A page's tables, measured once; `fit` sets their columns for the width of the page.

    `scale`: the layout's pixels per CSS pixel, where it is laid out for a printer: the
    words are measured in the device's pixels, and the content's lengths scaled to them.
    """

    def __init__(self, document: QTextDocument, scale: float = 1.0) -> None:
        self.document = document
        self.scale = scale
        self.tables: list[_Table] = []
        measure = _Measure(document, scale)  # one for all: tables of a page share words
        for table in _tables(root_frame(document)):
            # a width given in the content is the author's, and a table of one column (the
            # page's boxes) has no shares to set
            if table.columns() < 2 or not _widths_left_open(table):
                continue
            if (insets := _box_insets(table)) is not None:
                self.tables.append(_measured(document, table, insets, measure))

    def fit(self, page_width: float) -> None:
        """Set the columns for a page this wide (the pane's width: the document's margins
        are taken off here)."""
        if not self.tables:
            return
        room = page_width - self.scale * _horizontal(root_frame(self.document).frameFormat())
        cursor = QTextCursor(self.document)
        for measured in self.tables:
            table = _table_at(cursor, measured.position)
            if table is None or table.columns() != len(measured.least):
                continue  # not the page measured
            columns = _column_room(table, room - self.scale * measured.insets, self.scale)
            widths = _widths(measured.least, measured.most, columns)
            shape = table.format()
            # shares a hair short of the whole: Qt's rounding of a whole made a table filling
            # the page a pixel wider than it, and gave the page a horizontal scroll bar
            whole = columns + self.scale * SPARE_PX
            shape.setColumnWidthConstraints(
                [QTextLength(PERCENTAGE, 100 * width / whole) for width in widths])
            table.setFormat(shape)


def _table_at(cursor: QTextCursor, position: int) -> QTextTable | None:
    if position >= cursor.document().characterCount():
        return None
    cursor.setPosition(position)
    table = cursor.currentTable()
    return table if table is not None and table.firstPosition() == position else None


def _tables(frame: QTextFrame) -> list[QTextTable]:
    found = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            found.append(child)
        found += _tables(child)
    return found


def _widths_left_open(table: QTextTable) -> bool:
    shape = table.format()
    return (shape.width().type() in (VARIABLE, PERCENTAGE)
            and all(length.type() == VARIABLE for length in shape.columnWidthConstraints()))


def _box_insets(table: QTextTable) -> float | None:
    """How much narrower than the page's text the boxes around a table make its room; None
    inside a table of several columns, whose share of the page is its own."""
    taken = 0.0
    frame = table.parentFrame()
    while frame is not None and frame.parentFrame() is not None:  # up to the page's frame
        if isinstance(frame, QTextTable):
            if frame.columns() > 1:
                return None
            cell = frame.cellAt(table.firstPosition()).format()
            shape = frame.format()
            taken += (_horizontal(shape) + 2 * shape.border() + 2 * shape.cellSpacing()
                      + _padding(cell, shape.cellPadding(), LEFT)
                      + _padding(cell, shape.cellPadding(), RIGHT))
        else:
            taken += _horizontal(frame.frameFormat())
        frame = frame.parentFrame()
    return taken


def _measured(document: QTextDocument, table: QTextTable, insets: float,
              measure: _Measure) -> _Table:
    columns = table.columns()
    least, most = [1.0] * columns, [1.0] * columns
    scale = measure.scale
    table_padding = table.format().cellPadding()
    paddings: dict[int, float] = {}  # by the document's index of the cell's format
    for row in range(table.rows()):
        for column in range(columns):
            cell = table.cellAt(row, column)
            if cell.row() != row or cell.column() != column or cell.columnSpan() > 1:
                continue  # a cell across columns says nothing of one column's width
            if (padding := paddings.get(cell.tableCellFormatIndex())) is None:
                shape = cell.format()
                padding = paddings[cell.tableCellFormatIndex()] = scale * (
                    _padding(shape, table_padding, LEFT) + _padding(shape, table_padding, RIGHT)
                    + SLACK_PX)
            word, line = 0.0, 0.0
            # by position, not a cursor: a cell's cursor took 50 microseconds on a long page
            block = document.findBlock(cell.firstPosition())
            last = document.findBlock(cell.lastPosition())
            while block.isValid():
                block_word, block_line = measure.block(block)
                word, line = max(word, block_word), max(line, block_line)
                if block == last:
                    break
                block = block.next()
            least[column] = max(least[column], word + padding)
            most[column] = max(most[column], line + padding)
    return _Table(table, insets, least, most)


def _padding(cell: QTextFormat, table_padding: float, side: QTextFormat.Property) -> float:
    # the cell's own padding (a CSS rule), else the table's cellpadding, as Qt takes it
    return cell.doubleProperty(side) if cell.hasProperty(side) else table_padding


class _Measure:
    """Widths of a page's text in its own fonts; each word measured once in each font, as
    a table of hundreds of rows says the same words over and over."""

    def __init__(self, document: QTextDocument, scale: float) -> None:
        self.document = document
        self.scale = scale
        self.device = document.documentLayout().paintDevice()  # None: the screen's
        self.default_font = document.defaultFont()
        # by the document's index of the format: the font's metrics and its space's width,
        # or no metrics and a picture's width
        self.formats: dict[int, tuple[QFontMetricsF | None, float]] = {}
        self.words: dict[tuple[int, str], float] = {}
        self.indents: dict[int, float] = {}  # by the document's index of the block's format

    def block(self, block: QTextBlock) -> tuple[float, float]:
        """The widest word of a paragraph, and its width on one line."""
        if (indent := self.indents.get(block.blockFormatIndex())) is None:
            indent = self.indents[block.blockFormatIndex()] = self._indent(block)
        word, line = 0.0, 0.0
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            index = fragment.charFormatIndex()
            if (known := self.formats.get(index)) is None:
                known = self.formats[index] = self._format(fragment.charFormat())
            metrics, space = known
            if metrics is None:  # a picture: its width is the format's
                word, line = max(word, space), line + space
            else:
                text = fragment.text()
                pieces = text.split()
                # the line as its words and the spaces between them: measured whole, each
                # long cell took as long again as all its words
                spaces = len(pieces) - 1 + text[:1].isspace() + text[-1:].isspace()
                line += space * max(0, spaces)
                for piece in pieces:
                    if (width := self.words.get((index, piece))) is None:
                        width = self.words[index, piece] = metrics.horizontalAdvance(piece)
                    word = max(word, width)
                    line += width
            fragments += 1
        return word + indent, line + indent

    def _format(self, style: QTextCharFormat) -> tuple[QFontMetricsF | None, float]:
        if style.isImageFormat():
            return None, self.scale * style.toImageFormat().width()
        font = style.font().resolve(self.default_font)
        metrics = (QFontMetricsF(font, self.device) if self.device is not None
                   else QFontMetricsF(font))
        return metrics, metrics.horizontalAdvance(" ")

    def _indent(self, block: QTextBlock) -> float:
        """The room a paragraph's margins and list take beside its text."""
        shape = block.blockFormat()
        indent = shape.leftMargin() + shape.rightMargin() + max(0.0, shape.textIndent())
        # a list item's format names its list: the same format, the same list's indent
        listed = block.textList()
        depth = listed.format().indent() if listed is not None else shape.indent()
        return self.scale * (indent + depth * self.document.indentWidth())


def _horizontal(shape: QTextFrameFormat) -> float:
    """What a frame takes from the width inside it: its margins, border and padding."""
    return shape.leftMargin() + shape.rightMargin() + 2 * (shape.border() + shape.padding())


def _column_room(table: QTextTable, available: float, scale: float) -> float:
    """What a table's columns share in a space this wide, as Qt reckons it."""
    shape = table.format()
    own = shape.width()
    width = own.value(available) if own.type() == PERCENTAGE else available
    columns = table.columns()
    return width - scale * (_horizontal(shape) + columns * 2 * shape.border()
                            + (columns + 1) * shape.cellSpacing())


def _capped(least: list[float], room: float) -> list[float]:
    """Room for too few whole words: the narrowest columns keep theirs whole, and only the
    widest share what is left, so that the fewest words are broken."""
    widths = list(least)
    left = room
    by_width = sorted(range(len(least)), key=least.__getitem__)
    for done, column in enumerate(by_width):
        widths[column] = min(least[column], left / (len(least) - done))
        left -= widths[column]
    return widths


def _widths(least: list[float], most: list[float], room: float) -> list[float]:
    """Each column's width in the room, or none where the table fits unwrapped (Qt then
    gives each column its longest line, and the table no more width than that)."""
    if room <= 0 or sum(most) <= room:
        return []
    if sum(least) >= room:
        return _capped(least, room)
    widths = list(least)
    # the rest in equal shares, none past its longest line, as Qt shares it among columns of
    # unbreakable words; a column given all it needs leaves its share to the others
    left = room - sum(widths)
    open_columns = [column for column, width in enumerate(widths) if width < most[column]]
    while left > 0.01 and open_columns:
        share = left / len(open_columns)
        for column in list(open_columns):
            given = min(share, most[column] - widths[column])
            widths[column] += given
            left -= given
            if widths[column] >= most[column]:
                open_columns.remove(column)
    return widths
