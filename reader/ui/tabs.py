"""The reading tabs: one ChapterView per tab, and the tabs closed lately, to reopen."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QStyle,
    QStyleOptionTab,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
)

from reader.navigation import BackForward, Place
from reader.session import MAX_TABS
from reader.ui.chapter_view import ChapterView
from reader.ui.cross_icon import LINE_PIXELS, draw_cross
from reader.ui.tab_focus import draw_focus_ring, tab_text
from reader.ui.text_sized_controls import text_scale

# Ctrl+Shift+T goes this far back: as many as a session keeps, so that all the tabs of
# another window closed earlier can be reopened
CLOSED_KEPT = MAX_TABS
TAB_TEXT_MAX = 32  # characters on a tab; the tooltip has the whole title
CATCH_UP_MS = 50  # between redraws of tabs not shown after a theme or text size change
TAB_TEXT_MIN = 14  # characters a tab keeps however many are open: "6.4.3 Looked A…"
# pixels between a close button and its tab's right edge, as the Fusion style leaves them
CLOSE_EDGE_ROOM = 12
RING_ROOM = 6  # pixels between the focus ring and a tab's title and close button


@dataclass(frozen=True)
class ClosedTab:
    """What a closed tab showed and its back/forward lists, so reopening restores both."""

    place: Place
    history: BackForward
    index: int = -1  # where it stood among the tabs: reopened there, not at the end


class TabCloseButton(QAbstractButton):
    """A tab's close button, a cross drawn in the palette's colours.

    Without a desktop icon theme the style falls back to a red square, which reads as a
    warning on the chapter's tab, and ignores the high-contrast palette.
    """

    def __init__(self, bar: QTabBar) -> None:
        super().__init__(bar)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+W closes a tab from the keyboard
        self.setToolTip("Close this tab (Ctrl+W)")
        self.edge_room = 0  # pixels on its right kept clear of the cross
        self.fit()

    def fit(self) -> None:
        """Size it for its tab bar's style: a style that puts the button against the tab's
        edge (the high contrast theme's tab borders) gets the room it left out inside it."""
        self.edge_room = 0
        bar = self.parentWidget()
        # on the right only: where the style puts it on the left (macOS), its edge is its own
        if isinstance(bar, ReadingTabBar) and bar.close_side() == QTabBar.ButtonPosition.RightSide:
            option = QStyleOptionTab()
            option.rect = QRect(0, 0, 200, 30)
            option.shape = bar.shape()
            option.rightButtonSize = self.sizeHint()
            placed = bar.style().subElementRect(
                QStyle.SubElement.SE_TabBarTabRightButton, option, bar)
            if placed.isValid():
                self.edge_room = max(0, CLOSE_EDGE_ROOM - (option.rect.right() - placed.right()))
        self.resize(self.sizeHint().width() + self.edge_room, self.sizeHint().height())

    def sizeHint(self) -> QSize:
        # as much larger as the tab's title: the style's stays 16 pixels beside any text
        style, scale = self.style(), text_scale(self)
        return QSize(
            round(style.pixelMetric(QStyle.PixelMetric.PM_TabCloseIndicatorWidth, None, self)
                  * scale),
            round(style.pixelMetric(QStyle.PixelMetric.PM_TabCloseIndicatorHeight, None, self)
                  * scale))

    def cross_rect(self) -> QRect:
        """Where the cross and its hover background are drawn: all but the edge room."""
        return self.rect().adjusted(0, 0, -self.edge_room, 0)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Enter, QEvent.Type.Leave):
            self.update()  # the hover background
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cross = palette.color(QPalette.ColorRole.ButtonText)
        area = self.cross_rect()
        if self.underMouse() or self.isDown():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(area, 3, 3)
            cross = palette.color(QPalette.ColorRole.HighlightedText)
        draw_cross(painter, QRectF(area), cross, LINE_PIXELS * text_scale(self))
        painter.end()


class ReadingTabBar(QTabBar):
    """Tabs that keep enough of their title to be told apart; past that the bar scrolls.

    Qt shrinks eliding tabs to three letters before it offers its scroll buttons, and a dozen
    tabs read "1…", "6…", "1…".
    """

    def tabInserted(self, index: int) -> None:
        super().tabInserted(index)
        side = self.close_side()
        old = self.tabButton(index, side)
        if old is None:  # tabs that cannot be closed
            return
        button = TabCloseButton(self)
        button.clicked.connect(lambda: self._close_clicked(button))
        self.setTabButton(index, side, button)
        # Qt only hides a replaced button. Unparented, it goes with `old`: deleteLater() freed
        # Qt's button but not PySide's object for it, one more kept for every tab opened
        old.setParent(None)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's)
        super().paintEvent(event)
        index = self.currentIndex()
        if self.hasFocus() and index >= 0:  # Tab from the edition notice, Shift+Tab from the page
            painter = QPainter(self)
            draw_focus_ring(self, painter, self._ring_place(index))
            painter.end()

    def _ring_place(self, index: int) -> QRect:
        """Round the tab's title and close button, RING_ROOM clear of them: off the tab's
        border, which the high-contrast theme draws in the ring's yellow."""
        place = self.tabRect(index)
        text = tab_text(self, index)
        if not text.isValid():
            return place
        content = text
        button = self.close_button(index)
        if isinstance(button, TabCloseButton) and button.isVisible():
            content = content.united(button.cross_rect().translated(button.pos()))
        left, right = content.left(), content.right()
        return QRect(QPoint(max(place.left(), left - RING_ROOM), place.top()),
                     QPoint(min(place.right(), right + RING_ROOM), place.bottom()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            # before the bar lays its tabs out again in the new style (a theme change) or
            # text size
            for index in range(self.count()):
                button = self.close_button(index)
                if isinstance(button, TabCloseButton):
                    button.fit()
        super().changeEvent(event)

    def close_side(self) -> QTabBar.ButtonPosition:
        """Where the style puts a tab's close button: left on macOS, right elsewhere."""
        left = self.style().styleHint(QStyle.StyleHint.SH_TabBar_CloseButtonPosition, None, self)
        return (QTabBar.ButtonPosition.LeftSide if left == QTabBar.ButtonPosition.LeftSide.value
                else QTabBar.ButtonPosition.RightSide)

    def close_button(self, index: int) -> QWidget | None:
        return self.tabButton(index, self.close_side())

    def _close_clicked(self, button: TabCloseButton) -> None:
        # tabs move, so the button's tab is found when it is clicked
        for index in range(self.count()):
            if self.close_button(index) is button:
                self.tabCloseRequested.emit(index)
                return

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
        # the look (theme stylesheet, text size) the tabs not shown take when next shown
        self._stylesheet: str | None = None
        self._zoom_steps: int | None = None
        self._behind: weakref.WeakSet[ChapterView] = weakref.WeakSet()
        # connected first: the tab is up to date before the window reads its outline
        self.currentChanged.connect(lambda index: self._catch_up(self.widget(index)))
        # and the others one at a time, once the tab shown has been painted, between
        # whatever the person does next
        self._background = QTimer(self)
        self._background.setSingleShot(True)
        self._background.setInterval(CATCH_UP_MS)
        self._background.timeout.connect(self._catch_up_one)

    def restyle(self, stylesheet: str) -> None:
        """A theme change: the tab shown is redrawn now, the others one by one after it (or
        as soon as one is shown).

        Each redraw lays its page out again; with ten tabs open, doing them all at once
        held a theme change or a text size step up for a quarter of a second."""
        self._stylesheet = stylesheet
        self._for_shown_tab(lambda view: view.apply_stylesheet(stylesheet))

    def set_zoom(self, steps: int) -> None:
        """A text size step: the tab shown now, the others one by one after it."""
        self._zoom_steps = steps
        self._for_shown_tab(lambda view: view.set_zoom(steps))

    def _for_shown_tab(self, change: Callable[[ChapterView], object]) -> None:
        shown = self.currentWidget()
        for view in self.views():
            if view is shown:
                change(view)
            else:
                self._behind.add(view)
        if self._behind:
            self._background.start()

    def _catch_up_one(self) -> None:
        waiting = [view for view in self.views() if view in self._behind]
        if waiting:
            self._catch_up(waiting[0])
        if len(waiting) > 1:
            self._background.start()

    def catch_up_all(self) -> None:
        """Bring every tab still behind up to date now, before their places are kept: a
        place keeps its pixels beside its text, and an earlier version reading the session
        lays the page out at the new text size."""
        for view in self.views():
            self._catch_up(view)

    def _catch_up(self, view: QWidget | None) -> None:
        if not isinstance(view, ChapterView) or view not in self._behind:
            return
        self._behind.discard(view)
        if self._zoom_steps is not None and self._stylesheet is not None:
            view.zoom_steps = self._zoom_steps  # one redraw for both below
        elif self._zoom_steps is not None:
            view.set_zoom(self._zoom_steps)
        if self._stylesheet is not None:
            view.apply_stylesheet(self._stylesheet)

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
        self.tabBar().setAccessibleTabName(index, title)  # the whole title, not "Polic…"
        bar = self.tabBar()
        close = bar.close_button(index) if isinstance(bar, ReadingTabBar) else None
        if close is not None:  # a screen reader would meet an unnamed button
            close.setAccessibleName(f"Close {title}")

    def remember_closed(self, view: ChapterView) -> None:
        if view.current == ("page", "start") and not view.history.can_go_back() \
                and not view.history.can_go_forward():
            # nothing to reopen: Ctrl+W on the start page left by a closed chapter made
            # Ctrl+Shift+T open another start page before that chapter
            return
        self._catch_up(view)  # reopened, it is laid out at the text size in use: see above
        self.closed.append(ClosedTab(view.place(), view.history, self.indexOf(view)))
        del self.closed[:-CLOSED_KEPT]

    def cycle(self, step: int) -> None:
        """Ctrl+Tab / Ctrl+Shift+Tab: the next or previous tab, round the end."""
        if self.count() > 1:
            self.setCurrentIndex((self.currentIndex() + step) % self.count())
