"""The navigator's tabs (Contents, Bookmarks, History): each name whole where its tab holds it."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyleOptionTab, QStylePainter, QTabBar, QWidget

NAME_MARGIN = 2  # pixels kept clear each side of a name drawn across its tab's padding
FOCUS_PIXELS = 2  # the width of the ring round the chosen tab's name while the bar has the keys


class NavigatorTabBar(QTabBar):
    """Tabs that share the bar's width and show each name whole when the tab holds it.

    In a navigator narrowed to half a laptop screen (182 pixels) the three tabs hold their
    names with a few pixels to spare, but Qt elides a name that does not fit inside the
    style's padding, and the tabs read "Co...", "Book...", "H...". A name that fits its tab
    is drawn across that padding instead; one that does not is still elided by Qt. The tab
    texts themselves are unchanged: their Alt letters and accessible names stay whole.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painting = False  # while Qt paints, the names drawn whole here are left out

    def _name(self, index: int) -> str:
        """The tab's name as read, without the & of its Alt letter."""
        return self.tabText(index).replace("&&", "\0").replace("&", "").replace("\0", "&")

    def holds_name(self, index: int) -> bool:
        """Whether the tab is wide enough for its whole name."""
        width = self.fontMetrics().horizontalAdvance(self._name(index))
        return width + 2 * NAME_MARGIN <= self.tabRect(index).width()

    def initStyleOption(self, option: QStyleOptionTab, tabIndex: int) -> None:  # noqa: N802, N803 (Qt's)
        super().initStyleOption(option, tabIndex)
        if self.holds_name(tabIndex):  # where Qt's elision is only for want of padding
            option.text = "" if self._painting else self.tabText(tabIndex)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's)
        self._painting = True
        try:
            super().paintEvent(event)
        finally:
            self._painting = False
        painter = QStylePainter(self)
        style = self.style()
        underline = style.styleHint(QStyle.StyleHint.SH_UnderlineShortcut, None, self)
        flags = Qt.AlignmentFlag.AlignCenter | (
            Qt.TextFlag.TextShowMnemonic if underline else Qt.TextFlag.TextHideMnemonic)
        for index in range(self.count()):
            if not self.holds_name(index):
                continue
            option = QStyleOptionTab()
            self.initStyleOption(option, index)
            place = self.tabRect(index)
            if index != self.currentIndex():  # as the style lowers a tab not chosen
                place.translate(0, style.pixelMetric(
                    QStyle.PixelMetric.PM_TabBarTabShiftVertical, option, self))
            painter.drawItemText(place, int(flags), option.palette,
                                 bool(option.state & QStyle.StateFlag.State_Enabled),
                                 option.text, QPalette.ColorRole.WindowText)
        if self.hasFocus() and self.currentIndex() >= 0:
            self._draw_focus(painter)

    def _drawn_tab(self, index: int) -> QRect:
        """The tab as the style draws it, without the gap a theme leaves after it.

        The high-contrast theme's 2-pixel gap between tabs is part of each tab's place, and
        the ring drawn round the place ran out across it, against the next tab. The text
        sits as far from the tab's right side as from its left: a wider strip at the right
        is that gap.
        """
        place = self.tabRect(index)
        option = QStyleOptionTab()
        self.initStyleOption(option, index)
        text = self.style().subElementRect(QStyle.SubElement.SE_TabBarTabText, option, self)
        if not text.isValid():
            return place
        right = min(place.right(), text.right() + text.left() - place.left())
        place.setRight(max(right, place.left()))
        return place

    def _draw_focus(self, painter: QStylePainter) -> None:
        """A ring round the chosen tab: Fusion marks nothing on a tab bar with the keys, so
        Shift+Tab from the contents filter left the keyboard on no visible thing. It takes
        the colour of the themes' focus rings on fields and buttons (the link colour: blue,
        light blue on dark, yellow on black); the highlight was 2:1 on a dark tab."""
        place = self._drawn_tab(self.currentIndex())
        # along the tab's sides, where a whole name leaves NAME_MARGIN clear, above and
        # below the name where the tab has room: never across a letter
        place.adjust(0, NAME_MARGIN + 1, 0, -NAME_MARGIN - 1)
        pen = QPen(self.palette().color(QPalette.ColorRole.Link), FOCUS_PIXELS)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = FOCUS_PIXELS // 2  # the pen is centred on the line: keep all of it inside
        painter.drawRect(place.adjusted(half, half, -half, -half))
