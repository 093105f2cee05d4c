"""Small controls that grow with large text, and shrink back with it: scroll bars and the
toolbar's icons.

The style draws these at one size whatever the text size: beside 20-point words a 14-pixel
scroll bar, 24-pixel Back and Forward arrows and a field's clear cross of a few pixels were
hard to see and to hit. Each is sized on its own widget, and only in large text: a style
sheet or style for the whole application cost about 15 ms of each start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # Qt makes a class's Python type as it is first named: not at every start
    from PySide6.QtWidgets import QAbstractScrollArea, QToolBar

USUAL_POINTS = 10.0  # the desktops' usual text size (Windows' is 9): nothing grows below it


def text_scale(widget: QWidget) -> float:
    """How much larger the widget's text is than the usual size; 1 at the usual sizes."""
    return max(1.0, widget.font().pointSizeF() / USUAL_POINTS)


def text_sized_scroll_bars(area: QAbstractScrollArea) -> None:
    """The pane's scroll bars as much wider as its text is larger; the style's own again
    once the text is back to the usual size."""
    vertical, horizontal = area.verticalScrollBar(), area.horizontalScrollBar()
    scale = text_scale(area)
    if scale == 1.0:
        if vertical.styleSheet():  # widened for large text before
            from reader.ui.text_sized_scroll_arrows import large_scroll_arrows

            vertical.setStyleSheet("")
            horizontal.setStyleSheet("")
            for bar in (vertical, horizontal):
                large_scroll_arrows(bar, large=False)
            if _wraps_rows(area):
                area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        return
    from PySide6.QtWidgets import QStyle

    # its width alone: the style still draws the bar, in every theme's colours
    extent = round(area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) * scale)
    vertical.setStyleSheet(f"QScrollBar:vertical {{ width: {extent}px; }}")
    horizontal.setStyleSheet(f"QScrollBar:horizontal {{ height: {extent}px; }}")
    # and their buttons' arrows as much larger, which the style keeps at 8 pixels
    from reader.ui.text_sized_scroll_arrows import large_scroll_arrows

    for bar in (vertical, horizontal):
        large_scroll_arrows(bar, large=True)
    if _wraps_rows(area):
        # such a list measures its rows for its width less the style's bar, not this wider
        # one: they wrapped into lines they had no room for, and ran into the next row.
        # With the bar always there, they are measured for the width they get
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)


def _wraps_rows(area: QAbstractScrollArea) -> bool:
    """Whether the pane is a list whose rows wrap."""
    from PySide6.QtWidgets import QListView

    return isinstance(area, QListView) and area.wordWrap()


def text_sized_toolbar(bar: QToolBar) -> None:
    """The toolbar's icons (Back and Forward) as much larger as its text is; the style's
    own size at the usual text sizes."""
    scale = text_scale(bar)
    if scale == 1.0:
        bar.setIconSize(QSize())  # an invalid size: the style's, as Qt takes it
        return
    from PySide6.QtWidgets import QStyle

    side = round(bar.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarIconSize) * scale)
    bar.setIconSize(QSize(side, side))
