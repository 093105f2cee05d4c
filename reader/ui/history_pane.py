"""The history pane: chapters opened lately, newest first, with the time; clearable."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from reader.bookmarks import find_by_id
from reader.history import History
from reader.manual import Manual
from reader.ui.saved_list import SavedListPane


class HistoryPane(SavedListPane):
    """Recently opened chapters; Enter or a double click opens one again."""

    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "History", "Chapters opened lately, newest first, with the time each was opened",
            "Chapters you open are listed here.", parent)
        self.clear_button = QPushButton("C&lear history", self)
        self.clear_button.setAccessibleName("Clear history")
        self.clear_button.setToolTip("Forget the chapters opened so far (bookmarks stay)")
        self.column.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.clear_button.clicked.connect(self.clear_requested.emit)

    def set_history(self, visits: History, manual: Manual) -> None:
        self.list.clear()
        for visit in visits:
            shown, when = visit.shown(manual), visit.when()
            # the time on a line of its own: rows alike whether or not the title wraps
            self.add_entry(f"{shown}\n{when}", visit.entry_id, f"{shown}\nOpened {when}",
                           find_by_id(manual, visit.entry_id) is not None)
        self.empty.setVisible(not visits)
        self.enable(self.clear_button, bool(visits))
