"""The history pane: chapters opened lately, newest first, with the time; clearable."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.bookmarks import find_by_id
from reader.history import History
from reader.manual import Manual

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def visit_text(shown: str, when: str) -> str:
    """One line of history, as the pane and the menu show it."""
    return f"{shown}  \u00b7  {when}"


class HistoryPane(QWidget):
    """Recently opened chapters; Enter or a double click opens one again."""

    open_requested = Signal(str)  # entry id
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName("History")
        self.list.setAccessibleDescription(
            "Chapters opened lately, newest first, with the time each was opened")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.empty = QLabel("Chapters you open are listed here.", self)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 6px;")
        self.clear_button = QPushButton("&Clear history", self)
        self.clear_button.setAccessibleName("Clear history")
        self.clear_button.setToolTip("Forget the chapters opened so far (bookmarks stay)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setFocusProxy(self.list)
        self.list.itemActivated.connect(lambda item: self.open_requested.emit(item.data(ID_ROLE)))
        self.clear_button.clicked.connect(self.clear_requested.emit)

    def set_history(self, visits: History, manual: Manual) -> None:
        self.list.clear()
        for visit in visits:
            item = QListWidgetItem(visit_text(visit.shown(manual), visit.when()))
            item.setData(ID_ROLE, visit.entry_id)
            item.setToolTip(f"{visit.shown(manual)}\nOpened {visit.when()}")
            if find_by_id(manual, visit.entry_id) is None:
                font = QFont()
                font.setItalic(True)
                item.setFont(font)
            self.list.addItem(item)
        self.empty.setVisible(not visits)
        self.clear_button.setEnabled(bool(visits))
