"""The ring round the chosen tab while its tab bar has the keyboard, for every tab bar.

Fusion marks nothing there, or tints the tab a shade (1.1:1), and the high-contrast theme
draws the chosen tab alike with and without the keys: Tab onto a tab bar seemed to go
nowhere. The ring takes the colour of the themes' focus rings on fields and buttons (the link
colour: blue, light blue on dark, yellow on black).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyleOptionTab, QTabBar, QWidget

NAME_MARGIN = 2  # pixels kept clear each side of a tab's name
FOCUS_PIXELS = 2  # the width of the ring


def drawn_tab(bar: QTabBar, index: int) -> QRect:
    """The tab as the style draws it, without the gap a theme leaves after it.

    The high-contrast theme's 2-pixel gap between tabs is part of each tab's place, and a
    ring drawn round the place ran out across it, against the next tab. The text sits as far
    from the tab's right side as from its left: a wider strip at the right is that gap.
    """
    place = bar.tabRect(index)
    text = tab_text(bar, index)
    if not text.isValid():
        return place
    right = min(place.right(), text.right() + text.left() - place.left())
    place.setRight(max(right, place.left()))
    return place


def tab_text(bar: QTabBar, index: int) -> QRect:
    """Where the style draws the tab's name; not valid if it says nothing of it."""
    option = QStyleOptionTab()
    bar.initStyleOption(option, index)
    return bar.style().subElementRect(QStyle.SubElement.SE_TabBarTabText, option, bar)


def draw_focus_ring(bar: QTabBar, painter: QPainter, place: QRect) -> None:
    """The ring along the tab's sides, above and below its name: never across a letter."""
    draw_ring(bar, painter, place.adjusted(0, NAME_MARGIN + 1, 0, -NAME_MARGIN - 1))


OWN_MARK = "marks_own_focus"  # a control's property: it draws its own ring (focus_ring.py)


def marks_own_focus(control: QWidget) -> None:
    """Leaves the control unringed by the light theme's ring: it draws one of its own."""
    control.setProperty(OWN_MARK, True)


def draw_ring(widget: QWidget, painter: QPainter, place: QRect) -> None:
    """The focus ring, all of it inside `place`; also round a control that is no tab."""
    pen = QPen(widget.palette().color(QPalette.ColorRole.Link), FOCUS_PIXELS)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = FOCUS_PIXELS // 2  # the pen is centred on the line: keep all of it inside
    painter.drawRect(place.adjusted(half, half, -half, -half))
