"""What the bookmarks and history panes share: a list of chapters, a note while it is empty."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from reader.ui.column import flush_column
from reader.ui.tooltips import plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SavedListPane(QWidget):
    """A list of chapters by entry id; Enter or a double click asks to open one.

    Subclasses add their buttons to `self.column`, below the list.
    """

    open_requested = Signal(str)  # entry id

    def __init__(self, name: str, description: str, empty_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(name)
        self.list.setAccessibleDescription(description)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # a long title wraps onto a second line rather than hiding its end (or the time of a
        # visit) behind a sideways scroll bar in the narrow pane
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setAlternatingRowColors(True)  # tells apart rows that wrap
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
        (Export, or the tab bar) and a second press would do something else."""
        if not enabled and button.hasFocus():
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
