"""The navigator beside the reading pane, and how the window's width is shared between them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QSize, Qt, Signal
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

    `side_roomy` and `main_roomy` say how wide each pane would like to be where the window
    has width to spare: the main pane as wide as it can use (a chapter at its full line
    length, with its outline), the side pane wide enough to show most of what it lists
    whole. The side pane takes what the main pane cannot use, up to its roomy width, unless
    the person chose its width by dragging (`width_chosen`, kept from start to start).

    Narrower than both panes' least widths side by side (a window snapped to half a small
    laptop screen), the side pane is put away by itself and the main pane has the whole
    width; widened again, the side pane comes back at its width. The person's own choice,
    `side_wanted`, is left as it was. Asked for there (`set_side_shown`), the side pane
    comes over the whole width in the main pane's place, until it is put away again.
    """

    # the side and main panes about to be shown or not, after any pane to be shown is
    # shown and before any is hidden: the keys can be moved out of a pane that goes.
    # `by_width`: the window's width did it, not the person
    placing = Signal(bool, bool, bool)  # side shown, main shown, by_width

    def __init__(self, side: QWidget, main: QWidget, side_width: int, side_easy: int,
                 comfort: Callable[[], int], parent: QWidget | None = None, *,
                 main_least: int = 0, side_asks: Callable[[], int] | None = None,
                 side_roomy: Callable[[], int] | None = None,
                 main_roomy: Callable[[], int] | None = None) -> None:
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
        self._side_roomy = side_roomy
        self._main_roomy = main_roomy
        self.width_chosen = False  # the person dragged the side pane, here or at a past start
        self.side_wanted = True  # the person's choice: beside the main pane where it fits
        self.side_in_front = False  # over the whole width, in a splitter too narrow for both
        self.splitterMoved.connect(lambda _pos, _index: self._dragged())

    @property
    def side(self) -> QWidget:
        return self.widget(0)

    @property
    def main(self) -> QWidget:
        return self.widget(1)

    def shared(self, width: int) -> list[int]:
        """The side and main panes' widths in a splitter `width` pixels wide."""
        if self.side.isHidden():
            return [0, width]
        return [width, 0] if self.main.isHidden() else self._shared_beside(width)

    def room_beside(self) -> bool:
        """Whether the splitter is wide enough for both panes' least widths side by side."""
        least = _least_width(self.side) + self.handleWidth() + self._least_main()
        return self.contentsRect().width() >= least

    def _shared_beside(self, width: int) -> list[int]:
        room = width - self.handleWidth()
        least_side = _least_width(self.side)
        wanted = self._wanted(room)
        easy = min(wanted, max(self.side_easy, least_side))
        side = min(wanted, max(room - self._comfort(), easy))
        if self._side_roomy is not None and self._main_roomy is not None \
                and not self.width_chosen:
            # the width the main pane has no use for: titles cut short beside a chapter
            # with half a screen of empty margin read worse than either. Asked only where
            # there is such width: the side pane measures what it lists to say
            spare = room - self._main_roomy()
            if spare > side:
                side = max(side, min(self._side_roomy(), spare))
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
        """The least the window lays the panes out at: the main pane's least width, as the
        side pane is put away where both do not fit. Qt's sum would count the side pane and
        the outline too, and held a window snapped from 1,200 pixels to half a laptop
        screen at 641, and a window beside the navigator at 535: more than half a 1366
        pixel screen at 150% scaling."""
        hint = super().minimumSizeHint()
        least = self._least_main()
        if self.side_in_front:
            least = max(least, _least_width(self.side))
        hint.setWidth(least + 2 * self.frameWidth())
        return hint

    def setSizes(self, sizes: Sequence[int]) -> None:  # noqa: N802 (Qt's)
        """The side pane's width is taken as the person's choice, given as the width allows."""
        if len(sizes) == 2 and sizes[0] > 0:
            self.set_side_width(sizes[0], chosen=True)
        else:
            super().setSizes(self.shared(self.contentsRect().width()))

    def set_side_width(self, width: int, *, chosen: bool) -> None:
        """The side pane's width as kept from a past start, given as the width allows;
        `chosen` if the person dragged it to that width."""
        self.side_width = width
        self.width_chosen = chosen
        self._dragged_here = False  # a width kept from another start, at another text size
        super().setSizes(self.shared(self.contentsRect().width()))

    def set_side_shown(self, shown: bool) -> None:
        """The person shows or hides the side pane: beside the main pane, which takes or
        gives its width in one step; where both do not fit, over the whole width in the
        main pane's place, or put away for it again, their choice for a wider splitter
        left as it was."""
        if self.isVisible() and not self.room_beside():
            self.side_in_front = shown
        else:
            self.side_wanted = shown
            self.side_in_front = False
        self._place(by_width=False)

    def set_side_wanted(self, wanted: bool) -> None:
        """The person's choice as kept from the last session: beside the main pane where
        the splitter has room for both, put away where it has not."""
        self.side_wanted = wanted
        self.side_in_front = False
        self._place(by_width=False)

    def _place(self, *, by_width: bool) -> None:
        """The panes shown or hidden as the choice and the splitter's width say: the width as
        resized (a window shown, its width is sent before it counts as visible), or as shown;
        before then it is not the window's yet."""
        if (by_width or self.isVisible()) and not self.room_beside():
            side, main = self.side_in_front, not self.side_in_front
        else:
            if self.side_in_front:  # widened with it shown: it stays in sight, beside
                self.side_wanted, self.side_in_front = True, False
            side, main = self.side_wanted, True
        if side == (not self.side.isHidden()) and main == (not self.main.isHidden()):
            return
        if side and self.side.isHidden() or main and self.main.isHidden():
            # the widths set while a pane is hidden, for Qt to give them as it shows it:
            # shown at the width it had, then narrowed, the chapter was laid out twice
            width = self.contentsRect().width()
            super().setSizes(self._shared_beside(width) if side and main
                             else [width, 0] if side else [0, width])
        for pane, shown in ((self.side, side), (self.main, main)):
            if shown:
                pane.setVisible(True)
        self.placing.emit(side, main, by_width)
        for pane, shown in ((self.side, side), (self.main, main)):
            if not shown:
                pane.setVisible(False)
        self.updateGeometry()  # the window's least width follows the side pane in front

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's)
        # the side pane put away or brought back first, then the width shared out, before
        # Qt shares the new width by its own rule: the panes are resized once, and the
        # chapter laid out once, at its final width
        if event.size().width() != event.oldSize().width():
            self._place(by_width=True)
            super().setSizes(self.shared(self.contentsRect().width()))
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's)
        # the desktop's text size changed with the window open: the side pane's tabs ask
        # for another width (sent once the panes inside have the new font)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._side_asks is not None:
            self.share_again()

    def share_again(self) -> None:
        """The width shared out again, as what the panes ask for changed (a text size, the
        titles listed): left as they were, the next touch of the window's edge moved them by
        a hundred pixels. Not after a drag: they would snap back to the widths the window's
        width gives them."""
        if self.isVisible() and not self._dragged_here:
            super().setSizes(self.shared(self.contentsRect().width()))

    def _dragged(self) -> None:
        if not self.side.isHidden():
            self.side_width = self.sizes()[0]
            self._dragged_here = True
            self.width_chosen = True


def _least_width(widget: QWidget) -> int:
    """The narrowest Qt lays `widget` out at: its minimum width, else its layout's."""
    return widget.minimumWidth() or widget.minimumSizeHint().width()
