"""Back and Forward arrows drawn in the palette's text colours.

The style's standard arrows are black in every theme: on the dark window they all but vanish,
and on the high-contrast black one they do. These are drawn from the palette instead, enabled
and disabled alike, and drawn again whenever the theme changes.

A highlighted menu item and a toolbar button under the mouse both ask for the "active" arrow,
one on the highlight colour and the other on the button's: that arrow is edged in the button
colour, which cannot be told from a button, and keeps it apart from any highlight (white on
the high-contrast theme's yellow was no arrow at all).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

BACK = -1
FORWARD = 1
EDGE_WIDTH = 1.0  # pixels of the active arrow's edge on each side
# the modes in which the arrow may lie on a highlight (a menu's highlighted item)
EDGED_MODES = (QIcon.Mode.Active, QIcon.Mode.Selected)


def _arrow(colour: QColor, direction: int, size: int, ratio: float,
           edge: QColor | None = None) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = max(1.5, size / 10)
    path = _arrow_path(direction, size)
    for ink, stroke in ((edge, width + 2 * EDGE_WIDTH), (colour, width)):
        if ink is None:
            continue
        pen = QPen(ink, stroke)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(path)
    painter.end()
    return pixmap


def _arrow_path(direction: int, size: int) -> QPainterPath:
    middle = size / 2
    tip = middle + direction * size * 0.3
    tail = middle - direction * size * 0.3
    head = direction * size * 0.25
    path = QPainterPath(QPointF(tail, middle))
    path.lineTo(QPointF(tip, middle))
    path.moveTo(QPointF(tip - head, middle - size * 0.25))
    path.lineTo(QPointF(tip, middle))
    path.lineTo(QPointF(tip - head, middle + size * 0.25))
    return path


class _ArrowEngine(QIconEngine):
    """Draws the arrow afresh for each size and screen scale asked for. Pixmaps made at 1x
    and 2x were scaled to any other: at 125% or 150% a smeared grey arrow."""

    def __init__(self, colours: dict[QIcon.Mode, QColor], direction: int,
                 edge: QColor) -> None:
        super().__init__()
        self.colours = colours
        self.direction = direction
        self.edge = edge

    def _colour(self, mode: QIcon.Mode) -> QColor:
        return self.colours.get(mode, self.colours[QIcon.Mode.Normal])

    def _edge(self, mode: QIcon.Mode) -> QColor | None:
        return self.edge if mode in EDGED_MODES else None

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        side = min(size.width(), size.height())
        return _arrow(self._colour(mode), self.direction, side, scale, self._edge(mode))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        arrow = _arrow(self._colour(mode), self.direction, side, ratio, self._edge(mode))
        painter.drawPixmap(rect.x() + (rect.width() - side) // 2,
                           rect.y() + (rect.height() - side) // 2, arrow)

    def clone(self) -> QIconEngine:
        return _ArrowEngine(dict(self.colours), self.direction, QColor(self.edge))


def arrow_icon(palette: QPalette, direction: int) -> QIcon:
    """An arrow pointing BACK (left) or FORWARD (right), in the palette's button text colours."""
    colours = {mode: palette.color(group, QPalette.ColorRole.ButtonText)
               for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                                   (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled))}
    edge = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Button)
    return QIcon(_ArrowEngine(colours, direction, edge))
