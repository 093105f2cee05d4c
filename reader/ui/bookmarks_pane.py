"""The bookmarks pane: kept chapters in the person's order; open, remove, reorder, export."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton, QWidget

from reader.bookmarks import Bookmark, Bookmarks, find_by_id
from reader.manual import Manual
from reader.ui.saved_list import ID_ROLE, SavedListPane


class BookmarksPane(SavedListPane):
    """A list of bookmarks with buttons below it; emits what the person asked for."""

    remove_requested = Signal(int)  # row
    move_requested = Signal(int, int)  # row, -1 up / +1 down
    export_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Bookmarks",
            "Chapters you bookmarked, in your order; Enter or a double click opens one, "
            "Delete removes it",
            "No bookmarks yet. Press Ctrl+D in a chapter to keep it here.",
            parent)
        self.open_button = self._button("&Open", "Open the selected bookmark",
                                        lambda: self._emit_row(self.open_requested))
        self.remove_button = self._button("&Remove", "Remove the selected bookmark (Delete)",
                                          lambda: self._with_row(self.remove_requested.emit))
        self.up_button = self._button("Move &up", "Move the selected bookmark up",
                                      lambda: self._with_row(lambda r: self._move(r, -1)))
        self.down_button = self._button("Move do&wn", "Move the selected bookmark down",
                                        lambda: self._with_row(lambda r: self._move(r, 1)))
        self.export_button = self._button("E&xport\u2026", "Save the bookmarks to a file",
                                          self.export_requested.emit)
        self.import_button = self._button("&Import\u2026", "Add bookmarks from a file",
                                          self.import_requested.emit)
        self.add_buttons((self.open_button, self.remove_button, self.up_button,
                          self.down_button, self.export_button, self.import_button))
        self.remove_action = self.menu_action(
            "&Remove bookmark\tDelete", lambda _id: self._with_row(self.remove_requested.emit))
        self.up_action = self.menu_action(
            "Move &up", lambda _id: self._with_row(lambda r: self._move(r, -1)))
        self.down_action = self.menu_action(
            "Move do&wn", lambda _id: self._with_row(lambda r: self._move(r, 1)))
        self.list.currentRowChanged.connect(self._enable)
        self._shown: Bookmarks = ()  # the bookmarks the rows show, in the edition below
        self._shown_in: Manual | None = None
        self._enable()

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("\u2026"))
        button.clicked.connect(slot)
        return button

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Delete in the list (which passes it up) removes, as in a file manager
        if event.key() == Qt.Key.Key_Delete:
            self._with_row(self.remove_requested.emit)
            return
        super().keyPressEvent(event)

    def set_bookmarks(self, items: Bookmarks, manual: Manual) -> None:
        """Show the bookmarks; one whose chapter is gone stays, marked, in italics."""
        row = self.list.currentRow()
        # quiet while it is rebuilt: an empty list for a moment would disable the buttons,
        # and the one just pressed would lose the keyboard
        self.list.blockSignals(True)
        try:
            if manual is not self._shown_in or not self._changed_in_place(items, manual):
                self.list.clear()
                for bookmark in items:
                    self._add_row(bookmark, manual)
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        finally:
            self.list.blockSignals(False)
        self._shown, self._shown_in = items, manual
        self.empty.setVisible(not items)
        self._enable()

    def _changed_in_place(self, items: Bookmarks, manual: Manual) -> bool:
        """Make one removal, one added at the end or one moved a row as a change to the rows
        there; False for any other change. Building a thousand rows afresh for each Delete or
        Move up took most of the time the key took."""
        old = self._shown
        if len(items) == len(old) - 1:
            row = next((n for n, (a, b) in enumerate(zip(old, items, strict=False)) if a != b),
                       len(items))
            if old[:row] + old[row + 1:] != items:
                return False
            self.list.takeItem(row)
        elif len(items) == len(old) + 1 and items[:-1] == old:
            self._add_row(items[-1], manual)
        elif len(items) == len(old):
            row = next((n for n, (a, b) in enumerate(zip(old, items, strict=True)) if a != b),
                       None)
            if row is None:
                return True
            swapped = old[:row] + old[row + 1:row + 2] + old[row:row + 1] + old[row + 2:]
            if row + 1 >= len(old) or swapped != items:
                return False
            self.list.insertItem(row, self.list.takeItem(row + 1))
        else:
            return False
        return True

    def _add_row(self, bookmark: Bookmark, manual: Manual) -> None:
        shown = bookmark.shown(manual)
        in_edition = find_by_id(manual, bookmark.entry_id) is not None
        tooltip = shown if in_edition else (
            "This chapter is not in the edition you are reading; the bookmark is kept "
            "in case it comes back")
        self.add_entry(shown, bookmark.entry_id, tooltip, in_edition)

    def select_row(self, row: int) -> None:
        self.list.setCurrentRow(row)

    def _move(self, row: int, offset: int) -> None:
        self.move_requested.emit(row, offset)

    def _with_row(self, act: Callable[[int], object]) -> None:
        row = self.list.currentRow()
        if row >= 0:
            act(row)

    def _emit_row(self, signal: SignalInstance) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(ID_ROLE))

    def _enable(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.enable(self.open_button, row >= 0)
        self.enable(self.remove_button, row >= 0)
        self.enable(self.up_button, row > 0)
        self.enable(self.down_button, 0 <= row < count - 1)
        self.enable(self.export_button, count > 0)

    def update_menu(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < count - 1)
