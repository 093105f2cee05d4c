"""Table rows on printed sheets: a row that would run over a sheet's edge starts the next one.

Qt moves a row on only when none of its cells' first lines fits; otherwise the row is cut, and
the next sheet began with the end of a cell's text under the repeated header, without the
number or name that says whose row it is. The row before it is ended with a page break
instead: its cells stay as they are, and the row starts below the next header. A row taller
than a sheet cannot start one whole: it is split where it falls, at its lines, rather than
leave the sheet before it all but blank.

Each page break lays the whole table out again (a tenth of a second for 1000 rows) and moves
the rows after it, so one break at a time, sheet after sheet, took seconds. Instead the rows'
heights on one endless sheet (`measure_tables`) and what the layout has shown of the table's
sheets say where its later rows will fall, and every break foreseen is made in one edit; where
a row's fate is in doubt, the layout is asked again. The layout has the last word: a row left
cut is found and moved as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFormat, QTextTable

UNPAGED = 1e7  # a page height no printed page reaches (Qt's layout counts to about 3.3e7)
BREAK_AFTER = QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter
# how far (device pixels) a row's place foreseen may be from where the layout puts it: a row
# starting a sheet was seen 0.19 pixels lower in one place than in another
ROUNDING = 2.0


@dataclass(frozen=True)
class Row:
    """A table row laid out on one endless sheet: the top of its first line, the bottom of its
    last, and the bottom of the shortest of its cells' first lines (where that fits on a sheet,
    Qt cuts the row rather than move it on)."""

    top: float
    bottom: float
    first_line_bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


class TableRows:
    """A table of a laid-out document, its rows' lines read from the layout as it is now, and
    its rows as they were on one endless sheet (`natural`, see `measure_tables`).

    Each cell's blocks are found once: the layout is read again and again, the text not.
    """

    def __init__(self, document: QTextDocument, table: QTextTable) -> None:
        self.table = table
        self.natural: list[Row] = []
        self.key = table.firstPosition()
        self.rows = table.rows()
        self.header_rows = table.format().headerRowCount()
        self._layout = document.documentLayout()
        self._cells: list[list[tuple[QTextBlock, int]]] = [
            [(cell.firstCursorPosition().block(), cell.lastCursorPosition().block().blockNumber())
             for cell in (table.cellAt(row, column) for column in range(table.columns()))]
            for row in range(self.rows)]

    def lines(self, row: int) -> list[tuple[float, float]]:
        """The top and bottom of each line of the row's cells."""
        found: list[tuple[float, float]] = []
        for block, last in self._cells[row]:
            while block.isValid() and block.blockNumber() <= last:
                top = self._layout.blockBoundingRect(block).top()
                lines = block.layout()
                for i in range(lines.lineCount()):
                    line = lines.lineAt(i)
                    found.append((top + line.y(), top + line.y() + line.height()))
                block = block.next()
        return found

    def first_lines(self, row: int) -> list[tuple[float, float]]:
        """The top and bottom of the first line of each of the row's cells."""
        found = []
        for block, _last in self._cells[row]:
            top = self._layout.blockBoundingRect(block).top()
            lines = block.layout()
            line = lines.lineAt(0) if lines.lineCount() else None
            found.append((top + line.y(), top + line.y() + line.height()) if line else (top, top))
        return found

    def top(self, row: int) -> float:
        return min(top for top, _bottom in self.first_lines(row))

    def sheets(self, row: int, page_height: float) -> set[int]:
        return {int(top // page_height) for top, _bottom in self.lines(row)}

    def last_rows_of_sheets(self, first: int, page_height: float) -> list[int]:
        """The rows from `first` on followed by one that starts on a later sheet, or by none:
        only these can be cut. Found by the rows' tops, quicker than by all their lines."""
        if first >= self.rows:
            return []
        found = []
        sheet = int(self.top(first) // page_height)
        for row in range(first, self.rows - 1):
            next_sheet = int(self.top(row + 1) // page_height)
            if next_sheet != sheet:
                found.append(row)
            sheet = next_sheet
        return [*found, self.rows - 1]

    def break_before(self, rows: list[int], on: bool) -> None:
        """Start rows on a new sheet, or no longer, by a page break after the row before each;
        in one edit, as each edit lays the table out again."""
        cursor = QTextCursor(self.table.document())
        cursor.beginEditBlock()
        for row in rows:
            for column in range(self.table.columns()):
                cell = self.table.cellAt(row - 1, column)
                cursor.setPosition(cell.lastCursorPosition().position())
                ending = cursor.blockFormat()
                policy = ending.pageBreakPolicy()
                ending.setPageBreakPolicy(policy | BREAK_AFTER if on else policy & ~BREAK_AFTER)
                cursor.setBlockFormat(ending)
        cursor.endEditBlock()

    def broken_after(self, row: int) -> bool:
        last = self.table.cellAt(row, 0).lastCursorPosition()
        return bool(last.blockFormat().pageBreakPolicy() & BREAK_AFTER)


@dataclass(frozen=True)
class _Fit:
    """What the layout has shown of one table's rows, each measured from its sheet's top: the
    lowest bottom of a row kept whole, the highest end of a row cut (where it would have
    ended), and where a row starts on a new sheet below the repeated header, when Qt moved it
    and when a page break did (lower: the row before takes its padding along)."""

    whole_bottom: float = 0.0
    cut_end: float = float("inf")
    moved_by_qt: float | None = None
    moved_by_break: float | None = None

    def fits(self, end: float) -> bool | None:
        """Whether a row ending there (from its sheet's top) fits on the sheet; None if what was
        seen cannot tell, or only by less than the layout rounds positions by."""
        if end <= self.whole_bottom - ROUNDING:
            return True
        return False if end >= self.cut_end + ROUNDING else None

    def breaks(self, rows: list[Row], first: int, sheet: int,
               page_height: float) -> list[int] | None:
        """The rows to start a sheet with a page break, `first` (cut where it is, to start
        `sheet`) and those after it as far as each row's fate is clear; [] if `first` cannot
        fit even a sheet of its own, None if that is in doubt."""
        if self.moved_by_break is None:
            return None
        alone = self.fits(self.moved_by_break + rows[first].height)
        if not alone:
            return None if alone is None else []
        breaks = [first]
        top = sheet * page_height + self.moved_by_break
        for row in range(first + 1, len(rows)):
            top += rows[row].top - rows[row - 1].top
            start = top - sheet * page_height
            whole = self.fits(start + rows[row].height)
            if whole:
                continue
            first_line = self.fits(start + rows[row].first_line_bottom - rows[row].top)
            if whole is None or first_line is None:
                break  # it may fit or not: the layout will say
            moved_to = self.moved_by_break if first_line else self.moved_by_qt
            if moved_to is None or not self.fits(moved_to + rows[row].height):
                break  # where Qt puts it is not known yet, or it is taller than a sheet
            if first_line:
                breaks.append(row)  # its first lines fit: cut, unless a page break moves it
            sheet += 1
            top = sheet * page_height + moved_to
        return breaks

    def seen(self, table: TableRows, page_height: float) -> _Fit:
        """This, with what the table's rows at the sheets' edges, laid out now, show."""
        rows = table.natural
        whole_bottom, cut_end, moved_by_qt = self.whole_bottom, self.cut_end, self.moved_by_qt
        for row in table.last_rows_of_sheets(table.header_rows, page_height):
            lines = table.lines(row)
            top = min(line_top for line_top, _bottom in lines)
            sheet = int(top // page_height)
            start = top - sheet * page_height
            if {int(line_top // page_height) for line_top, _bottom in lines} != {sheet}:
                cut_end = min(cut_end, start + rows[row].height)
                continue
            whole_bottom = max(whole_bottom,
                               max(bottom for _top, bottom in lines) - sheet * page_height)
            after = row + 1
            if after == table.rows or table.broken_after(row):
                continue
            next_top = table.top(after)
            next_sheet = int(next_top // page_height)
            if table.sheets(after, page_height) == {next_sheet}:
                # Qt moved it on: none of its first lines would have fitted where it stood
                moved_by_qt = next_top - next_sheet * page_height
                stood = start + rows[after].top - rows[row].top
                cut_end = min(cut_end, stood + rows[after].first_line_bottom - rows[after].top)
        return _Fit(whole_bottom, cut_end, moved_by_qt, self.moved_by_break)


def measure_tables(document: QTextDocument) -> dict[int, TableRows]:
    """Each table, by its first position, with its rows as the document is laid out now, on
    one endless sheet (a page `UNPAGED` high): their heights, and the distance from one row to
    the next, are what they are on paper wherever a row is not cut."""
    document.documentLayout().documentSize()  # lays out the whole document
    tables = {}
    for table in _tables(document):
        rows = TableRows(document, table)
        for row in range(rows.rows):
            lines = rows.lines(row)
            rows.natural.append(Row(min(top for top, _ in lines),
                                    max(bottom for _, bottom in lines),
                                    min(bottom for _top, bottom in rows.first_lines(row))))
        tables[rows.key] = rows
    return tables


def keep_table_rows_whole(document: QTextDocument, page_height: float,
                          tables: dict[int, TableRows]) -> None:
    """Start each table row that would be cut at a sheet's edge on the next sheet, whole.

    `tables`: from `measure_tables`, before the document was laid out in pages.
    """
    tried: set[tuple[int, int]] = set()
    fits: dict[int, _Fit] = {}
    settled = 0  # the document position before which no row is cut any more
    while (found := _first_cut_row(document, tables, page_height, tried, settled)) is not None:
        table, row = found
        settled = table.table.cellAt(row, 0).firstPosition()
        fit = fits[table.key] = fits.get(table.key, _Fit()).seen(table, page_height)
        sheet = int(table.top(row) // page_height) + 1
        breaks = fit.breaks(table.natural, row, sheet, page_height)
        tried.update((table.key, moved) for moved in breaks or [row])
        if breaks is None:
            # the table's first break, or one in doubt: made alone, and seen
            table.break_before([row], True)
            now = table.sheets(row, page_height)
            if len(now) > 1:
                table.break_before([row], False)  # taller than a sheet: split where it falls
            elif now == {sheet}:
                fits[table.key] = _Fit(fit.whole_bottom, fit.cut_end, fit.moved_by_qt,
                                       table.top(row) - sheet * page_height)
        elif breaks:
            table.break_before(breaks, True)


def _first_cut_row(document: QTextDocument, tables: dict[int, TableRows], page_height: float,
                   tried: set[tuple[int, int]], settled: int) -> tuple[TableRows, int] | None:
    """The first table row (not a header, nor the table's first) whose lines fall on two
    sheets, and that has not been moved before: moved, a row taller than a sheet is still cut.
    Rows that end before the position `settled` are not looked at again: a break changes only
    what follows it."""
    document.documentLayout().documentSize()  # lays out the whole document
    for table in tables.values():
        if table.table.lastPosition() < settled:
            continue
        last_column = table.table.columns() - 1
        first = table.header_rows + 1
        while (first < table.rows
               and table.table.cellAt(first, last_column).lastPosition() < settled):
            first += 1
        for row in table.last_rows_of_sheets(first, page_height):
            if (table.key, row) not in tried and len(table.sheets(row, page_height)) > 1:
                return table, row
    return None


def _tables(document: QTextDocument) -> list[QTextTable]:
    """Every table, tables inside boxes too, in reading order; but those with a cell across
    rows: there is no one row to move."""
    found: list[QTextTable] = []
    frames = list(document.rootFrame().childFrames())
    while frames:
        frame = frames.pop(0)
        frames[:0] = frame.childFrames()
        if isinstance(frame, QTextTable) and not any(
                frame.cellAt(row, column).rowSpan() > 1
                for row in range(frame.rows()) for column in range(frame.columns())):
            found.append(frame)
    return found
