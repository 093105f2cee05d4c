"""The reading tabs: one ChapterView per tab, and the tabs closed lately, to reopen."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QTabBar, QTabWidget, QToolButton, QWidget

from reader.navigation import BackForward, Place
from reader.ui.chapter_view import ChapterView

CLOSED_KEPT = 20  # Ctrl+Shift+T goes this far back
TAB_TEXT_MAX = 32  # characters on a tab; the tooltip has the whole title
TAB_TEXT_MIN = 14  # characters a tab keeps however many are open: "6.4.3 Looked A…"


@dataclass(frozen=True)
class ClosedTab:
    """What a closed tab showed and its back/forward lists, so reopening restores both."""

    place: Place
    history: BackForward


class ReadingTabBar(QTabBar):
    """Tabs that keep enough of their title to be told apart; past that the bar scrolls.

    Qt shrinks eliding tabs to three letters before it offers its scroll buttons, and a dozen
    tabs read "1…", "6…", "1…".
    """

    def minimumTabSizeHint(self, index: int) -> QSize:
        least = super().minimumTabSizeHint(index)  # three letters, the close button, margins
        wider = least.width() + self.fontMetrics().horizontalAdvance("x" * (TAB_TEXT_MIN - 3))
        return QSize(min(wider, self.tabSizeHint(index).width()), least.height())


class ReadingTabs(QTabWidget):
    """Tabs of open chapters: compact, closable, movable, always visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabBar(ReadingTabBar(self))
        self.closed: list[ClosedTab] = []
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setUsesScrollButtons(True)
        bar = self.tabBar()
        bar.setExpanding(False)
        bar.setElideMode(Qt.TextElideMode.ElideRight)
        bar.setSelectionBehaviorOnRemove(QTabBar.SelectionBehavior.SelectPreviousTab)
        bar.setAccessibleName("Open chapters")
        bar.setAccessibleDescription(
            "One tab per open chapter; Ctrl+Tab moves between them, Ctrl+W closes one")
        # the bar's scroll arrows are for the mouse: the keys move along the tabs themselves
        for arrow in bar.findChildren(QToolButton):
            arrow.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Reading tabs")

    def views(self) -> list[ChapterView]:
        return [view for i in range(self.count())
                if isinstance(view := self.widget(i), ChapterView)]

    def current_view(self) -> ChapterView:
        view = self.currentWidget()
        assert isinstance(view, ChapterView), "the window always keeps one tab open"
        return view

    def set_title(self, view: ChapterView, title: str) -> None:
        index = self.indexOf(view)
        if index < 0:
            return
        short = title if len(title) <= TAB_TEXT_MAX else title[: TAB_TEXT_MAX - 1] + "\u2026"
        self.setTabText(index, short.replace("&", "&&"))  # "&" would be a mnemonic
        self.setTabToolTip(index, title)
        close = self.tabBar().tabButton(index, QTabBar.ButtonPosition.RightSide)
        if close is not None:  # a screen reader would meet an unnamed button
            close.setAccessibleName(f"Close {title}")
            close.setToolTip("Close this tab (Ctrl+W)")

    def remember_closed(self, view: ChapterView) -> None:
        self.closed.append(ClosedTab(view.place(), view.history))
        del self.closed[:-CLOSED_KEPT]

    def cycle(self, step: int) -> None:
        """Ctrl+Tab / Ctrl+Shift+Tab: the next or previous tab, round the end."""
        if self.count() > 1:
            self.setCurrentIndex((self.currentIndex() + step) % self.count())
