"""The navigator beside the reading pane, and how the window's width is shared between them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

# of the splitter's width: the most a side pane takes for what it asks (its tabs' names)
# beyond the person's width; a very large text size must not leave the chapter a strip
ASKED_SHARE = 0.4


class SideSplitter(QSplitter):
    """A side pane and a main pane, side by side; the main pane is what is read.

    Narrowed, the side pane gives way first, down to `side_easy` pixels, while the main
    pane keeps the width `comfort()` says it reads well at; then the main pane narrows,
    down to its least width, and last the side pane, down to its own. Widened again, the
    side pane grows back to the width the person gave it: a window snapped to half a
    laptop screen keeps its text readable, and a pane widened on a large monitor does not
    squeeze the text on a small one.

    `main_least` is the main pane's least width without what gives way in a narrow
    window (the outline): the window may narrow to it in one step, as a window snapped to
    half a screen does, while the handle is dragged no further than the main pane's panes
    shown allow.

    `side_asks` says how wide the side pane must be to show its tabs' names whole: where
    the window has room, the side pane is that wide even if the person's width is less
    (a width kept from a smaller text size), up to ASKED_SHARE of the splitter; a width the
    person drags it to here stands, as they chose it with the names in sight.
    """

    def __init__(self, side: QWidget, main: QWidget, side_width: int, side_easy: int,
                 comfort: Callable[[], int], parent: QWidget | None = None, *,
                 main_least: int = 0, side_asks: Callable[[], int] | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.addWidget(side)
        self.addWidget(main)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self.side_width = side_width  # as the person left it: what a wider window gives back
        self.side_easy = side_easy
        self._comfort = comfort
        self._main_least = main_least
        self._side_asks = side_asks
        self._dragged_here = False  # the person's width is then theirs alone, however narrow
        self.splitterMoved.connect(lambda _pos, _index: self._dragged())

    @property
    def side(self) -> QWidget:
        return self.widget(0)

    def shared(self, width: int) -> list[int]:
        """The side and main panes' widths in a splitter `width` pixels wide."""
        return [0, width] if self.side.isHidden() else self._shared_beside(width)

    def _shared_beside(self, width: int) -> list[int]:
        room = width - self.handleWidth()
        least_side = _least_width(self.side)
        wanted = self._wanted(room)
        easy = min(wanted, max(self.side_easy, least_side))
        side = min(wanted, max(room - self._comfort(), easy))
        # the main pane's least width comes first; the window is never narrower than both
        side = max(least_side, min(side, room - self._least_main()))
        return [side, max(0, room - side)]

    def _wanted(self, room: int) -> int:
        """The side pane's width where the window has room for it: the person's, or what
        the side pane asks for if that is more (and no more than its share of `room`)."""
        if self._side_asks is None or self._dragged_here:
            return self.side_width
        return max(self.side_width, min(self._side_asks(), int(room * ASKED_SHARE)))

    def _least_main(self) -> int:
        return self._main_least or _least_width(self.widget(1))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's)
        """The least the window lays the panes out at: Qt's sum would count the outline
        too, and held a window snapped from 1,200 pixels to half a laptop screen at 641."""
        hint = super().minimumSizeHint()
        side = 0 if self.side.isHidden() else _least_width(self.side) + self.handleWidth()
        hint.setWidth(side + self._least_main() + 2 * self.frameWidth())
        return hint

    def setSizes(self, sizes: Sequence[int]) -> None:  # noqa: N802 (Qt's)
        """The side pane's width is taken as the person's choice, given as the width allows."""
        if len(sizes) == 2 and sizes[0] > 0:
            self.side_width = sizes[0]
            self._dragged_here = False  # a width kept from another start, at another text size
        super().setSizes(self.shared(self.contentsRect().width()))

    def set_side_shown(self, shown: bool) -> None:
        """Show or hide the side pane; the main pane takes or gives its width in one step."""
        if shown and self.side.isHidden():
            # its width set while it is hidden, for Qt to give it as it shows it: shown at the
            # width it had, then narrowed, the chapter beside it was laid out twice
            super().setSizes(self._shared_beside(self.contentsRect().width()))
        self.side.setVisible(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's)
        # shared out here, before Qt shares the new width by its own rule: the panes are
        # resized once, and the chapter laid out once, at its final width
        if event.size().width() != event.oldSize().width():
            super().setSizes(self.shared(self.contentsRect().width()))
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's)
        # the desktop's text size changed with the window open: the side pane's tabs ask
        # for another width (sent once the panes inside have the new font). Not after a
        # drag: the panes would snap back to the widths the window's width gives them
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.isVisible() \
                and self._side_asks is not None and not self._dragged_here:
            super().setSizes(self.shared(self.contentsRect().width()))

    def _dragged(self) -> None:
        if not self.side.isHidden():
            self.side_width = self.sizes()[0]
            self._dragged_here = True


def _least_width(widget: QWidget) -> int:
    """The narrowest Qt lays `widget` out at: its minimum width, else its layout's."""
    return widget.minimumWidth() or widget.minimumSizeHint().width()
