"""The history pane: chapters opened lately, newest first, with the time; one can be
removed, or all cleared."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton, QWidget

from reader.bookmarks import find_by_id
from reader.history import History
from reader.manual import Manual
from reader.ui.saved_list import SavedListPane


class HistoryPane(SavedListPane):
    """Recently opened chapters; Enter or a double click opens one again, Delete removes it."""

    clear_requested = Signal()
    remove_requested = Signal(str)  # entry id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "History", "Chapters opened lately, newest first, with the time each was opened; "
            "Delete removes one",
            "Chapters you open are listed here.", parent)
        self.remove_action = self.menu_action("&Remove from history\tDelete",
                                              self.remove_requested.emit)
        self.menu.addSeparator()
        self.clear_action = self.menu.addAction("C&lear history")
        self.clear_action.triggered.connect(self.clear_requested.emit)
        self.clear_button = QPushButton("C&lear history", self)
        self.clear_button.setAccessibleName("Clear history")
        self.clear_button.setToolTip("Forget the chapters opened so far (bookmarks stay)")
        self.add_buttons((self.clear_button,))
        self.clear_button.clicked.connect(self.clear_requested.emit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Delete in the list (which passes it up) removes the visit, as in the bookmarks
        if event.key() == Qt.Key.Key_Delete:
            self.remove_action.trigger()  # the row's menu line: on the current row, if any
            return
        super().keyPressEvent(event)

    def set_history(self, visits: History, manual: Manual, row: int | None = None) -> None:
        """Show the visits; `row` (one removed) is made current again, the next one there."""
        self.list.clear()
        for visit in visits:
            shown, when = visit.shown(manual), visit.when()
            # the time on a line of its own: rows alike whether or not the title wraps
            self.add_entry(f"{shown}\n{when}", visit.entry_id, f"{shown}\nOpened {when}",
                           find_by_id(manual, visit.entry_id) is not None)
        if row is not None and visits:
            self.list.setCurrentRow(min(row, len(visits) - 1))
        self.empty.setVisible(not visits)
        self.enable(self.clear_button, bool(visits))
