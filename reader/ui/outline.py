"""The outline: the open page's headings beside it, the current one following the scroll."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.render import Heading
from reader.ui.column import ROW_GAP, flush_column
from reader.ui.tooltips import plain_tooltip

if TYPE_CHECKING:  # names in annotations only: PySide makes a class's type as it is named
    from PySide6.QtGui import QPainter, QResizeEvent, QShowEvent

ANCHOR_ROLE = Qt.ItemDataRole.UserRole + 1
INDENT_ROLE = Qt.ItemDataRole.UserRole + 2  # how many levels below the page's top headings
TOP_SLACK = 24  # a heading just under the top edge already counts as the one being read


class OutlinePane(QWidget):
    """A clickable list of the page's headings, indented by level."""

    anchor_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("On this page", self)
        self.title.setStyleSheet("font-weight: bold; padding: 2px 4px;")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Outline")
        self.list.setAccessibleDescription(
            "Headings of the open page; Enter or a click goes to one")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        # in the narrow column a heading wraps to four or five lines, into the next without it
        self.list.setSpacing(ROW_GAP // 2)
        self.list.setItemDelegate(_IndentedHeadings(self.list))
        self.title.setBuddy(self.list)
        layout = flush_column(self, spacing=2)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.list)
        self._tops: list[float] = []  # y of each heading, in list order
        self._headings: tuple[Heading, ...] = ()  # those listed
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)

    def set_headings(self, headings: tuple[Heading, ...], positions: dict[str, float]) -> None:
        """Show these headings; `positions` (anchor -> y) lets the current one follow."""
        self._tops = [positions.get(heading.anchor, 0.0) for heading in headings]
        if headings == self._headings:
            # the same page laid out again (the window resized, the text size changed):
            # only where the headings are has moved. A page of a thousand headings was
            # listed afresh three times as it opened.
            return
        self._headings = headings
        blocker = self.list.blockSignals(True)
        # no current row as the rows go: cleared with one, a long outline had half its rows
        # measured again on the way out (1,000 headings: 4 ms)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(blocker)
        self.list.clear()
        top_level = min((h.level for h in headings), default=1)
        for heading in headings:
            item = QListWidgetItem(heading.text)
            item.setData(ANCHOR_ROLE, heading.anchor)
            item.setToolTip(plain_tooltip(heading.text))
            item.setData(INDENT_ROLE, heading.level - top_level)
            self.list.addItem(item)
        self._lay_out_beside_scroll_bar()

    def _lay_out_beside_scroll_bar(self) -> None:
        """Wrap the headings at the width beside the scroll bar, when they surely need one.

        Qt lays a list out at the width it has, finds it needs a scroll bar, and wraps every
        heading again at the narrower width: after a short page, a thousand headings were
        laid out twice as the chapter opened. Each row is a line high at least, so more
        lines than the list shows need the bar; with it on while they are laid out, they are
        laid out once. Off screen, the list is laid out when it is shown.
        """
        shown_lines = self.list.viewport().height() // max(1, self.list.fontMetrics().lineSpacing())
        if not self.list.isVisible() or self.list.count() <= shown_lines:
            return
        policy = self.list.verticalScrollBarPolicy()  # always on already in large text
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.list.doItemsLayout()
        self.list.setVerticalScrollBarPolicy(policy)

    def follow(self, scroll: int) -> None:
        """Mark the heading the reader is in: the last one above the top of the view."""
        row = bisect_right(self._tops, scroll + TOP_SLACK) - 1
        blocker = self.list.blockSignals(True)
        if row < 0:
            self.list.clearSelection()
            self.list.setCurrentRow(-1)
        elif row != self.list.currentRow():
            self.list.setCurrentRow(row)
            self._keep_in_sight(row)
        self.list.blockSignals(blocker)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's)
        super().resizeEvent(event)  # the list is resized already, by the pane's layout
        self._current_in_sight()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's)
        super().showEvent(event)
        self._current_in_sight()

    def _current_in_sight(self) -> None:
        """Wrapped anew at another width, or shown again, the outline keeps the heading
        being read in sight: it showed another part of a long chapter than was read."""
        if self.list.currentRow() >= 0 and self.isVisible():
            self.list.executeDelayedItemsLayout()  # laid out now, not after: where rows are
            self._keep_in_sight(self.list.currentRow())

    def _keep_in_sight(self, row: int) -> None:
        """The heading being read, with those either side, in sight; moved to the middle of
        the outline when they are not: at an edge, reading on, it sat on the outline's last
        line, none of what comes next in sight."""
        listed = self.list
        shown = listed.viewport().rect()
        around = range(max(0, row - 1), min(listed.count(), row + 2))
        if not all(shown.contains(listed.visualItemRect(listed.item(n))) for n in around):
            listed.scrollToItem(listed.item(row), QAbstractItemView.ScrollHint.PositionAtCenter)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.anchor_chosen.emit(str(item.data(ANCHOR_ROLE)))


class _IndentedHeadings(QStyledItemDelegate):
    """Indents each heading by its level where it is drawn (QListWidget has no tree indent),
    and measures it at the width it is drawn at.

    The whole row is set in, not its first line: with spaces before the text, a heading
    that wrapped went on at the pane's left edge, under the top-level headings, and a
    step of a section read as a section of its own. The text holds no indent, so typing a
    heading's first letters finds it at any level.

    Qt lays the rows out at the list's width, then measures each again as it draws it at
    the width of the widest row and its gaps, a few pixels more than a row has: a heading
    that needed two lines where the rows were laid out was drawn one line high, as
    "Multi-line heading ...". Measured at the width beside the gaps whatever width Qt asks
    for, a row is as tall where it is drawn as where it was laid out."""

    def __init__(self, rows: QListWidget) -> None:
        super().__init__(rows)
        self._rows = rows
        # kept, not asked for at each row: a thousand headings are measured at each layout.
        # Taken at the first, not here: wrapping that plain QWidget before the first paint
        # made PySide create every widget class
        self._viewport: QWidget | None = None
        self._gaps = 2 * rows.spacing()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        if level := index.data(INDENT_ROLE):
            option = QStyleOptionViewItem(option)  # Qt's own, drawn with for the next rows
            option.rect = option.rect.adjusted(_indent(option, level, option.rect.width()),
                                               0, 0, 0)
        super().paint(painter, option, index)

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt's)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        whole = QRect(option.rect)  # a copy: the attribute is the option's own rectangle
        if self._viewport is None:
            self._viewport = self._rows.viewport()
        room = self._viewport.width() - self._gaps
        if room <= 0:  # no width yet, before the list is first laid out in the pane
            room = whole.width()
        indent = _indent(option, index.data(INDENT_ROLE) or 0, room)
        # wrapped at the width beside the indent; the list's option put back as it was, not
        # copied: a copy for each of a thousand headings was a third of the outline's time
        option.rect = QRect(whole.x() + indent, whole.y(), room - indent, whole.height())
        try:
            size = super().sizeHint(option, index)
        finally:
            option.rect = whole
        # no wider than the row: a word longer than the room beside a deep indent (large
        # text) made the list wider than the pane, and Qt then wrapped every heading at that
        # width, their ends cut off behind a horizontal scroll bar
        width = size.width() + indent
        return QSize(min(width, room) if room > 0 else width, size.height())


def _indent(option: QStyleOptionViewItem, level: int, width: int) -> int:
    """The indent, in pixels, of a heading `level` levels below the page's top headings, in
    a row `width` wide: an em a level, up to a fifth of the row, so that a deep heading keeps
    room to read."""
    em = option.fontMetrics.horizontalAdvance("\u2003")
    return min(level * em, width // 5)
