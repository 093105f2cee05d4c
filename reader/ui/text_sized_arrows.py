"""Arrows as large as the text beside them: the contents tree's, a drop-down list's and a
number box's.

Fusion draws each of these arrows at most 8 pixels wide, and the themes' style sheets at 8
to 12, whatever the text size: beside 20-point words they were hard to see and to hit. At
the usual sizes (9 and 10 points) the style's own arrows are as large, and are left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from reader.resources import resources_dir
from reader.ui.theme import LIGHT_EDGE_WINDOW

if TYPE_CHECKING:  # Qt makes a class's Python type as it is first named: not at every start
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

STYLE_ARROW = 8  # Fusion's widest arrow at 96 dots an inch, in pixels
ARROW_LINES = 0.55  # an arrow's width, in the text's line heights
ARROW_DEPTH = 8 / 14  # as deep as Fusion draws its arrows, for their width
ARROW_ALPHA = 160  # as Fusion draws them: the text colour, a little faded
BRANCH_ROOM = 12  # pixels of the tree's indent beside its arrow, as the style keeps them
IMAGE_PER_ARROW = 16 / 10  # the arrow images' size for their triangles' width


def text_sized_arrow(widget: QWidget, metrics: QFontMetrics) -> int:
    """The width of an arrow beside text of these metrics, or 0 where the style's own is as
    wide (the usual text sizes)."""
    side = round(metrics.height() * ARROW_LINES)
    return side if side > round(STYLE_ARROW * widget.logicalDpiX() / 96) else 0


def branch_indent(side: int) -> int:
    """The tree's indent for a branch arrow of this width."""
    return side + BRANCH_ROOM


def draw_branch_arrow(painter: QPainter, cell: QRect, side: int, colour: QColor,
                      expanded: bool) -> None:
    """A tree row's arrow, centred in its cell: pointing down when the row is expanded,
    right when it is not; drawn as Fusion draws its own, only larger."""
    from PySide6.QtGui import QPolygonF  # in large text only: not made at every start

    depth = side * ARROW_DEPTH
    centre = QPointF(cell.center()) + QPointF(0.5, 0.5)
    if expanded:
        top = centre.y() - depth / 2
        points = [QPointF(centre.x() - side / 2, top), QPointF(centre.x() + side / 2, top),
                  QPointF(centre.x(), top + depth)]
    else:
        left = centre.x() - depth / 2
        points = [QPointF(left, centre.y() - side / 2), QPointF(left, centre.y() + side / 2),
                  QPointF(left + depth, centre.y())]
    faded = QColor(colour)
    faded.setAlpha(ARROW_ALPHA)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(faded)  # no edge but its own colour: the same shape at any scale
    painter.setBrush(faded)
    painter.drawPolygon(QPolygonF(points))
    painter.restore()


def text_sized_box_arrows(box: QComboBox | QAbstractSpinBox) -> None:
    """A drop-down list's or number box's arrows as large as its text, in the theme's text
    colour; nothing changes at the usual sizes. On the box alone, as check boxes are sized
    (theme.text_sized_box): for the whole application a style sheet cost about 15 ms of each
    start."""
    side = text_sized_arrow(box, box.fontMetrics())
    if not side:
        return
    dark_text = box.palette().color(box.foregroundRole()).lightness() < 128  # light theme
    icons = resources_dir() / "icons"
    down, up = ((icons / f"{name}{'-dark' if dark_text else ''}.svg").as_posix()
                for name in ("down-arrow", "up-arrow"))
    # the images' triangles take 10 of their 16 pixels; a number box has two to its height
    image, small = round(side * IMAGE_PER_ARROW), round(side * 0.8 * IMAGE_PER_ARROW)
    # Fusion's number box loses its edge once its buttons are styled: the light theme's
    # edge drawn again (the other themes' style sheets draw their own)
    edge = QColor(LIGHT_EDGE_WINDOW).darker(140).name()  # as Fusion draws it
    frame = f"QAbstractSpinBox {{ border: 1px solid {edge}; border-radius: 3px;" \
        " padding: 1px 3px; background: palette(base); }" if dark_text else ""
    box.setStyleSheet(
        f"{frame}QComboBox::drop-down {{ border: none; width: {side + 10}px; }}"
        f"QComboBox::down-arrow {{ image: url({down}); width: {image}px; height: {image}px; }}"
        f"QAbstractSpinBox::up-button, QAbstractSpinBox::down-button"
        f" {{ border: none; width: {side + 8}px; }}"
        f"QAbstractSpinBox::up-arrow {{ image: url({up}); width: {small}px; height: {small}px; }}"
        f"QAbstractSpinBox::down-arrow {{ image: url({down}); width: {small}px;"
        f" height: {small}px; }}")
