"""Back and Forward arrows drawn in the palette's text colours.

The style's standard arrows are black in every theme: on the dark window they all but vanish,
and on the high-contrast black one they do. These are drawn from the palette instead, enabled
and disabled alike, and drawn again whenever the theme changes.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

BACK = -1
FORWARD = 1
SIZES = (16, 24)  # menus and toolbars; Qt scales these for any other size
RATIOS = (1.0, 2.0)  # sharp on ordinary and high-density screens alike


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


def arrow_icon(palette: QPalette, direction: int) -> QIcon:
    """An arrow pointing BACK (left) or FORWARD (right), in the palette's button text colours."""
    icon = QIcon()
    for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled)):
        colour = palette.color(group, QPalette.ColorRole.ButtonText)
        for size in SIZES:
            for ratio in RATIOS:
                icon.addPixmap(_arrow(colour, direction, size, ratio), mode)
    return icon
