"""The navigator's tabs (Contents, Bookmarks, History): each name whole where its tab holds it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionTab, QStylePainter, QTabBar, QWidget

from reader.ui.tab_focus import NAME_MARGIN, draw_focus_ring, drawn_tab


class NavigatorTabBar(QTabBar):
    """Tabs that share the bar's width and show each name whole when the tab holds it.

    In a navigator narrowed to half a laptop screen (182 pixels) the three tabs hold their
    names with a few pixels to spare, but Qt elides a name that does not fit inside the
    style's padding, and the tabs read "Co...", "Book...", "H...". A name that fits its tab
    is drawn across that padding instead; one that does not is still elided by Qt. The tab
    texts themselves are unchanged: their Alt letters and accessible names stay whole.
    """

    chosen_by_key = Signal(int)  # the tab's index: its Alt letter was pressed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painting = False  # while Qt paints, the names drawn whole here are left out
        self._names: dict[int, tuple[str, ...]] = {}  # by tab: every name it may take

    def keep_room_for(self, index: int, names: tuple[str, ...]) -> None:
        """The names the tab may take (Contents, and Search while the results show): it is
        as wide as the widest whichever it reads, so that the tabs beside it stay where they
        were, and the navigator asks for no other width when a search starts."""
        self._names[index] = names
        self.updateGeometry()

    def tabSizeHint(self, index: int) -> QSize:  # noqa: N802 (Qt's)
        hint = super().tabSizeHint(index)
        text = self.tabText(index)
        names = self._names.get(index, ())
        if text in names:  # not the shortened name Qt measures for the tab's least width
            metrics = self.fontMetrics()
            widest = max(metrics.size(Qt.TextFlag.TextShowMnemonic, name).width() for name in names)
            hint.setWidth(hint.width() + widest
                          - metrics.size(Qt.TextFlag.TextShowMnemonic, text).width())
        return hint

    def event(self, event: QEvent) -> bool:
        # Qt only shows the tab of an Alt letter, with the keys left where they were
        taken = super().event(event)
        if taken and event.type() == QEvent.Type.Shortcut:
            self.chosen_by_key.emit(self.currentIndex())
        return taken

    def _name(self, index: int) -> str:
        """The tab's name as read, without the & of its Alt letter."""
        return self.tabText(index).replace("&&", "\0").replace("&", "").replace("\0", "&")

    def holds_name(self, index: int) -> bool:
        """Whether the tab is wide enough for its whole name."""
        width = self.fontMetrics().horizontalAdvance(self._name(index))
        return width + 2 * NAME_MARGIN <= self.tabRect(index).width()

    def whole_names_width(self) -> int:
        """The bar's width at which Qt gives every tab its whole name, with the style's
        padding: at a large text size (20 pt) three tabs ask for more than the navigator's
        usual width, and read "Con...", "Book...", "Hi..." however they are drawn."""
        return sum(self.tabSizeHint(index).width() for index in range(self.count()))

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

    def _draw_focus(self, painter: QStylePainter) -> None:
        """A ring round the chosen tab: Shift+Tab from the contents filter left the keyboard
        on no visible thing."""
        draw_focus_ring(self, painter, drawn_tab(self, self.currentIndex()))
