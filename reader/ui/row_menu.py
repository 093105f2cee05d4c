"""What the contents tree and the search results share: a row opened in a new tab by a middle
click, Ctrl+click or Ctrl+Enter, and a row's menu (a right click, the menu key or Shift+F10)
offering "Open" and "Open in new tab"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu

from reader.ui.key_names import is_menu_key


def is_new_tab_click(event: QMouseEvent) -> bool:
    """A middle click, or Ctrl with the left button: as on a link."""
    ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    button = event.button()
    return button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and ctrl)


def is_new_tab_key(event: QKeyEvent) -> bool:
    """Ctrl+Enter, on the main keys or the keypad."""
    ctrl = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier \
        == Qt.KeyboardModifier.ControlModifier
    return ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class NewTabRows:
    """Mixed into an item view (first among its bases) whose rows open pages: `_ask_new_tab`
    says a row is wanted in a new tab, `_opens` whether a row opens anything."""

    _menu: QMenu | None = None  # made when first asked for: start-up time counts
    _menu_row = QPersistentModelIndex()  # the row the menu was shown for

    def _ask_new_tab(self, index: QModelIndex) -> None:
        raise NotImplementedError

    def _opens(self, index: QModelIndex) -> bool:
        return index.isValid()

    def _row_key(self, event: QKeyEvent) -> bool:
        """Ctrl+Enter or the menu key, acted on; False for any other key."""
        view: QAbstractItemView = self  # type: ignore[assignment]
        if is_new_tab_key(event):
            self._ask_new_tab(view.currentIndex())
        elif is_menu_key(event):
            # taken: Qt would otherwise make a context-menu event of it too
            self._show_menu(view.currentIndex(), None)
        else:
            return False
        event.accept()
        return True

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's)
        # a right click comes from the viewport, at its row; the menu key, and the event some
        # systems make of it, belong below the current row
        view: QAbstractItemView = self  # type: ignore[assignment]
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            self._show_menu(view.indexAt(event.pos()), event.pos())
        else:
            self._show_menu(view.currentIndex(), None)
        event.accept()

    def _show_menu(self, index: QModelIndex, at: QPoint | None) -> None:
        """The menu of a row that opens a page, at `at` in the viewport, else below the row."""
        view: QAbstractItemView = self  # type: ignore[assignment]
        if not self._opens(index):
            return  # below the rows, or a row that opens nothing
        if self._menu is None:
            self._menu = QMenu(view)
            # the text after a tab names the key that does the same in the view
            self._menu.addAction("&Open\tEnter").triggered.connect(
                lambda: self._act_on_menu_row(view.activated.emit))
            self._menu.addAction("Open in &new tab\tCtrl+Enter").triggered.connect(
                lambda: self._act_on_menu_row(self._ask_new_tab))
        self._menu_row = QPersistentModelIndex(index)
        if at is None:
            view.scrollTo(index)
            rect = view.visualRect(index)
            at = QPoint(rect.left() + rect.height() // 2, rect.bottom())
        self._menu.popup(view.viewport().mapToGlobal(at))

    def _act_on_menu_row(self, act: Callable[[QModelIndex], object]) -> None:
        row = self._menu_row
        if row.isValid():  # not filtered or searched away while the menu was open
            view: QAbstractItemView = self  # type: ignore[assignment]
            act(view.model().index(row.row(), 0, row.parent()))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's)
        # a right press made its row current, and a contents row made current by the mouse
        # opens: the chapter being read was replaced before the menu could offer a new tab
        if not is_new_tab_click(event) and event.button() != Qt.MouseButton.RightButton:
            super().mousePressEvent(event)  # type: ignore[misc]

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's)
        if not is_new_tab_click(event):
            super().mouseReleaseEvent(event)  # type: ignore[misc]
            return
        view: QAbstractItemView = self  # type: ignore[assignment]
        self._ask_new_tab(view.indexAt(event.position().toPoint()))
