"""A cross (×) drawn at any size in the palette's colours: a tab's close button, a field's
clear button in large text."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication

CROSS_INSET = 0.3  # of the square's side, clear of the cross on each side
ICON_INSET = 0.15  # an icon's cross fills its button, as the style's circled cross does
LINE_PIXELS = 1.5  # the cross's lines at the usual text size
LINE_PER_SIDE = LINE_PIXELS / 16  # an icon's, for its side: as heavy for its size at any size


def draw_cross(painter: QPainter, area: QRectF, colour: QColor, width: float,
               inset: float = CROSS_INSET) -> None:
    """A cross of lines `width` pixels wide, centred in `area`, `inset` of its side clear
    on each side."""
    side = min(area.width(), area.height())
    inset *= side
    square = QRectF(0, 0, side, side)
    square.moveCenter(area.center())
    square.adjust(inset, inset, -inset, -inset)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(square.topLeft(), square.bottomRight())
    painter.drawLine(QPointF(square.left(), square.bottom()), square.topRight())
    painter.restore()


class _CrossEngine(QIconEngine):
    """Draws the cross afresh for each size asked for, in the colours of the theme in use
    as it is drawn: nothing to draw again when the theme changes."""

    def _colour(self, mode: QIcon.Mode) -> QColor:
        palette = QApplication.palette()
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return palette.color(QPalette.ColorRole.Text)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        draw_cross(painter, QRectF(rect), self._colour(mode),
                   max(LINE_PIXELS, side * LINE_PER_SIDE), ICON_INSET)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def clone(self) -> QIconEngine:
        return _CrossEngine()


def cross_icon() -> QIcon:
    """The cross, at whatever size it is asked for."""
    return QIcon(_CrossEngine())
