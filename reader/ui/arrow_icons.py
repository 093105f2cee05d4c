"""Back and Forward arrows drawn in the palette's text colours.

The style's standard arrows are black in every theme: on the dark window they all but vanish,
and on the high-contrast black one they do. These are drawn from the palette instead, enabled
and disabled alike, and drawn again whenever the theme changes.
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


def _arrow(colour: QColor, direction: int, size: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, max(1.5, size / 10))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    middle = size / 2
    tip = middle + direction * size * 0.3
    tail = middle - direction * size * 0.3
    head = direction * size * 0.25
    path = QPainterPath(QPointF(tail, middle))
    path.lineTo(QPointF(tip, middle))
    path.moveTo(QPointF(tip - head, middle - size * 0.25))
    path.lineTo(QPointF(tip, middle))
    path.lineTo(QPointF(tip - head, middle + size * 0.25))
    painter.drawPath(path)
    painter.end()
    return pixmap


class _ArrowEngine(QIconEngine):
    """Draws the arrow afresh for each size and screen scale asked for. Pixmaps made at 1x
    and 2x were scaled to any other: at 125% or 150% a smeared grey arrow."""

    def __init__(self, colours: dict[QIcon.Mode, QColor], direction: int) -> None:
        super().__init__()
        self.colours = colours
        self.direction = direction

    def _colour(self, mode: QIcon.Mode) -> QColor:
        return self.colours.get(mode, self.colours[QIcon.Mode.Normal])

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        side = min(size.width(), size.height())
        return _arrow(self._colour(mode), self.direction, side, scale)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        arrow = _arrow(self._colour(mode), self.direction, side, ratio)
        painter.drawPixmap(rect.x() + (rect.width() - side) // 2,
                           rect.y() + (rect.height() - side) // 2, arrow)

    def clone(self) -> QIconEngine:
        return _ArrowEngine(dict(self.colours), self.direction)


def arrow_icon(palette: QPalette, direction: int) -> QIcon:
    """An arrow pointing BACK (left) or FORWARD (right), in the palette's button text colours."""
    colours = {mode: palette.color(group, QPalette.ColorRole.ButtonText)
               for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                                   (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled))}
    return QIcon(_ArrowEngine(colours, direction))
