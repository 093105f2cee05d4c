"""The toolbar's way to the navigator while it is put away: in sight where the status bar
has no room to say where it went (a narrow window in large text shows only the edition)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

NAME = "Navigation pane"  # as View > Navigation pane and the status bar call it
LABEL = "\u2630 Navigation"
SHOW_TIP = "Show the navigation pane: search, contents, bookmarks and history (F9)"
BACK_TIP = "Back to the chapter, which the navigation pane is over (F9 or Esc)"


class NavigatorButton:
    """A button at the toolbar's start, shown only while the navigator is not beside the
    chapter: put away (by the window's width or by F9), or over the chapter, when it is
    pressed and takes the person back. Made the first time the navigator goes, not with
    every window."""

    def __init__(self, toolbar: QToolBar, turn: Callable[[bool], object]) -> None:
        self.toolbar = toolbar
        self.action = QAction(LABEL, toolbar)
        self.action.setCheckable(True)
        self.action.triggered.connect(lambda: turn(self.action.isChecked()))
        first = toolbar.actions()[0] if toolbar.actions() else None
        toolbar.insertAction(first, self.action)
        button = toolbar.widgetForAction(self.action)
        button.setAccessibleName(NAME)  # read with its state: pressed while over the chapter
        button.setAccessibleDescription(SHOW_TIP)

    def follow(self, shown: bool, chapter_shown: bool) -> None:
        """The navigator `shown` or not, the chapter too: the button in sight while they are
        not side by side, pressed while the navigator is over the chapter."""
        beside = shown and chapter_shown
        self.action.setVisible(not beside)
        self.action.setChecked(shown and not chapter_shown)
        tip = BACK_TIP if self.action.isChecked() else SHOW_TIP
        self.action.setToolTip(tip)
        self.toolbar.widgetForAction(self.action).setAccessibleDescription(tip)
