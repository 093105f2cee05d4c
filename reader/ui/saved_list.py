"""What the bookmarks and history panes share: a list of chapters, a note while it is empty,
a menu on a row (a right click, the context-menu key or Shift+F10)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QWidget,
)

from reader.ui.column import ROW_GAP, flush_column
from reader.ui.key_names import is_menu_key
from reader.ui.row_menu import is_new_tab_click, is_new_tab_key
from reader.ui.tooltips import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SavedListPane(QWidget):
    """A list of chapters by entry id; Enter or a double click asks to open one.

    Subclasses add their buttons below the list with `add_buttons`.
    """

    open_requested = Signal(str)  # entry id
    new_tab_requested = Signal(str)  # entry id

    def __init__(self, name: str, description: str, empty_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = RowList(self)
        self.list.setAccessibleName(name)
        self.list.setAccessibleDescription(description)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # a long title wraps onto a second line rather than hiding its end (or the time of a
        # visit) behind a sideways scroll bar in the narrow pane
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setAlternatingRowColors(True)  # tells apart rows that wrap
        # a gap between rows as well: the light theme's alternate shade is faint, and a
        # visit's time ran straight into the next chapter's title (search results have one)
        self.list.setSpacing(ROW_GAP // 2)
        self.empty = QLabel(empty_text, self)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 6px;")
        self.column = flush_column(self)
        self.column.addWidget(self.empty)
        self.column.addWidget(self.list, 1)
        self.setFocusProxy(self.list)
        # Qt makes the first row current, unselected, when the list first gets the keyboard:
        # the pane's buttons act on it, yet it showed as a faint tint (on black, none at all)
        self.list.currentRowChanged.connect(self._select_current)
        self.list.itemActivated.connect(lambda item: self.open_requested.emit(item.data(ID_ROLE)))
        # the row's menu: made once, its actions enabled for the row as it is shown
        self.menu = QMenu(self)
        self.open_action = self.menu_action("&Open\tEnter", self.open_requested.emit)
        self.new_tab_action = self.menu_action("Open in &new tab\tCtrl+Enter",
                                               self.new_tab_requested.emit)
        self.list.menu_asked.connect(self.show_menu)
        self.list.new_tab_asked.connect(
            lambda item: self.new_tab_requested.emit(item.data(ID_ROLE)))

    def add_buttons(self, buttons: Sequence[QPushButton]) -> None:
        """The pane's buttons below the list, two to a row, each as wide as half the pane:
        the bookmarks' and the history's alike (the history's one button, sized to its
        words at the left, looked like a stray from another window)."""
        grid = QGridLayout()
        grid.setSpacing(4)
        for column in (0, 1):  # halves however long the words: a lone button takes one
            grid.setColumnStretch(column, 1)
        for n, button in enumerate(buttons):
            grid.addWidget(button, n // 2, n % 2)
        if len(buttons) == 1:
            # Qt leaves out the gap beside an empty column: kept as a margin, lest the lone
            # button be that much wider than the bookmarks' (no widget more at each start)
            grid.setContentsMargins(0, 0, grid.horizontalSpacing(), 0)
        self.column.addLayout(grid)

    def menu_action(self, text: str, act: Callable[[str], object]) -> QAction:
        """A line of the row's menu: `act` on the current row's entry id. The text after a
        tab names the key that does the same in the list: said, not bound, as the list
        handles its own keys."""
        action = self.menu.addAction(text)
        action.triggered.connect(lambda _checked=False: self._act_on_current(act))
        return action

    def _act_on_current(self, act: Callable[[str], object]) -> None:
        item = self.list.currentItem()
        if item is not None:
            act(item.data(ID_ROLE))

    def show_menu(self, at: QPoint | None = None) -> None:
        """The row's menu: at the row clicked (`at`, in the list's viewport), else below
        the current row, where the keyboard is."""
        if at is not None:
            item = self.list.itemAt(at)
            if item is None:
                return  # a click below the rows: nothing to act on
            self.list.setCurrentItem(item)
        item = self.list.currentItem()
        if item is None:
            return
        if at is None:
            self.list.scrollToItem(item)
            rect = self.list.visualItemRect(item)
            at = QPoint(rect.left() + rect.height() // 2, rect.bottom())
        self.update_menu()
        self.menu.popup(self.list.viewport().mapToGlobal(at))

    def update_menu(self) -> None:
        """Enable the menu's lines for the current row; subclasses add theirs."""

    def _select_current(self, row: int) -> None:
        item = self.list.item(row)
        if item is not None and not item.isSelected():
            item.setSelected(True)

    def show_entry(self, entry_id: str) -> None:
        """Make the chapter's row current, if the list has it (its first: in the history,
        the latest visit); Qt would make the first row current, whatever is being read."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == entry_id:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                return

    def enable(self, button: QWidget, enabled: bool) -> None:
        """Enable or disable one of the pane's buttons; a pressed button that can no longer
        act hands the keyboard to the list, where Qt would send it on to the next control
        (Export, or the tab bar) and a second press would do something else. So too for
        the button that asked a question: the keys come back to it as the box closes."""
        if not enabled and button.window().focusWidget() is button:
            self.list.setFocus()
        button.setEnabled(enabled)

    def add_entry(self, text: str, entry_id: str, tooltip: str, in_edition: bool) -> None:
        """One row; a chapter gone from the edition being read shows in italics."""
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, entry_id)
        item.setToolTip(plain_tooltip(tooltip))
        if not in_edition:
            font = QFont()
            font.setItalic(True)
            item.setFont(font)
        self.list.addItem(item)


class RowList(QListWidget):
    """The rows of a saved list: says when a menu is asked for on a row, and when a row is
    wanted in a new tab (a middle click or Ctrl+click, Ctrl+Enter), as in the contents.

    Handled here, not by a filter on the viewport, where right clicks land: asking for the
    viewport from Python makes PySide create every widget class, 4 ms of each start.
    """

    menu_asked = Signal(object)  # QPoint in the viewport for a right click; None for a key
    new_tab_asked = Signal(QListWidgetItem)
    _rows_measured = False  # by RowsAsWideAsTheList, from the first time the list shows

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's)
        if not self._rows_measured:
            # here, not as the list is made: the lists are behind the contents at a start,
            # and the delegate's classes cost PySide milliseconds to make
            from reader.ui.row_heights import RowsAsWideAsTheList

            self.setItemDelegate(RowsAsWideAsTheList(self))
            self._rows_measured = True
        super().showEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # a right click comes from the viewport, at its row; the context-menu key, and the
        # event Qt makes of it on some systems, belong below the current row
        mouse = event.reason() == QContextMenuEvent.Reason.Mouse
        self.menu_asked.emit(event.pos() if mouse else None)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_menu_key(event):
            self.menu_asked.emit(None)
            return  # taken: Qt would otherwise make a context-menu event of it too
        if is_new_tab_key(event):  # it opened the row in the tab being read
            if (item := self.currentItem()) is not None:
                self.new_tab_asked.emit(item)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Ctrl with a press unselected the row in this one-row list
        if not is_new_tab_click(event):
            super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # a middle click or Ctrl+click opens in a new tab, as on a chapter in the contents
        if is_new_tab_click(event):
            if (item := self.itemAt(event.position().toPoint())) is not None:
                self.new_tab_asked.emit(item)
            return
        super().mouseReleaseEvent(event)
