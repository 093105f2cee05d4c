"""Rows of the bookmarks and history lists measured at the width they are drawn at."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtWidgets import QListWidget, QStyledItemDelegate, QStyleOptionViewItem


class RowsAsWideAsTheList(QStyledItemDelegate):
    """Each row as tall as its words need at the width the list has room for now.

    Qt measured a wrapped row at the width of the widest row laid out before, and kept that
    once the list outgrew the pane and its scroll bar took some of the width: drawn narrower,
    a title ended in "..." above a blank line, and a visit lost its time."""

    def __init__(self, rows: QListWidget) -> None:
        super().__init__(rows)
        # kept, not asked for at each row: a list of 1,000 bookmarks measures every row at
        # each change
        self.viewport = rows.viewport()
        self.gaps = 2 * rows.spacing()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt's)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        room = self.viewport.width() - self.gaps
        within = QStyleOptionViewItem(option)
        within.rect = QRect(option.rect.topLeft(), QSize(room, option.rect.height()))
        wanted = super().sizeHint(within, index)
        return QSize(min(wanted.width(), room), wanted.height())
