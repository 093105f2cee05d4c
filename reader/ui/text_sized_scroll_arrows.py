"""Scroll-bar buttons and arrows as large as the text: imported only in large text.

Fusion draws a scroll bar's buttons as long as its usual bar is wide and their arrows at
most 8 pixels, whatever the bar's width: beside 20-point words a bar twice as wide still had
its buttons' tiny arrows, hard to see and to hit. Fusion draws those arrows itself, with no
call a style could take over, so this style draws the whole bar as Fusion does, with square
buttons, and lays a larger arrow over each button's own: centred on the same point, it
covers the small one whole.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPolygonF
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionSlider, QWidget

from reader.ui.text_sized_arrows import ARROW_DEPTH, STYLE_ARROW
from reader.ui.text_sized_controls import text_scale

Control = QStyle.ComplexControl
Sub = QStyle.SubControl
ARROW_ALPHA = 220  # as Fusion draws a scroll bar's arrows: the text colour, a little faded
ROOM = 4  # pixels at least between the arrow and its button's sides


class LargeScrollArrows(QProxyStyle):
    """Fusion's scroll bar, its buttons as long as the bar is wide and their arrows as much
    larger as the text is."""

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_ScrollBarExtent and widget is not None:
            return round(value * text_scale(widget))
        return value

    def drawComplexControl(self, control: Control, option: QStyleOption,  # noqa: N802
                           painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control != Control.CC_ScrollBar or widget is None \
                or not isinstance(option, QStyleOptionSlider) or text_scale(widget) == 1.0:
            return
        horizontal = option.orientation == Qt.Orientation.Horizontal
        backwards = horizontal and option.direction == Qt.LayoutDirection.RightToLeft
        side = round(STYLE_ARROW * widget.logicalDpiX() / 96 * text_scale(widget))
        colour = _faded(option.palette.color(QPalette.ColorRole.WindowText),
                        option.palette.color(QPalette.ColorRole.Button))
        for sub, step in ((Sub.SC_ScrollBarSubLine, -1), (Sub.SC_ScrollBarAddLine, 1)):
            if not option.subControls & sub:
                continue
            button = self.subControlRect(control, option, sub, widget)
            room = min(button.width(), button.height()) - 2 * ROOM
            if room > STYLE_ARROW:  # a button too small for more than the style's own
                _draw_arrow(painter, button, min(side, room), horizontal,
                            -step if backwards else step, colour)


def _faded(text: QColor, button: QColor) -> QColor:
    """The text colour a little faded on the button, as Fusion draws its arrows; opaque, so
    that the small arrow beneath does not show through as a darker triangle."""
    share = ARROW_ALPHA / 255
    return QColor(*(round(share * ink + (1 - share) * ground) for ink, ground in (
        (text.red(), button.red()), (text.green(), button.green()),
        (text.blue(), button.blue()))))


def _draw_arrow(painter: QPainter, button: QRect, side: int, horizontal: bool, step: int,
                colour: QColor) -> None:
    """A triangle `side` wide pointing along the bar (step -1: up or left), centred on the
    button."""
    depth = side * ARROW_DEPTH
    centre = QPointF(button.center()) + QPointF(0.5, 0.5)
    tip, base = step * depth / 2, -step * depth / 2
    if horizontal:
        points = [QPointF(centre.x() + base, centre.y() - side / 2),
                  QPointF(centre.x() + base, centre.y() + side / 2),
                  QPointF(centre.x() + tip, centre.y())]
    else:
        points = [QPointF(centre.x() - side / 2, centre.y() + base),
                  QPointF(centre.x() + side / 2, centre.y() + base),
                  QPointF(centre.x(), centre.y() + tip)]
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF(points))
    painter.restore()


_shared: list[LargeScrollArrows] = []  # one style for every bar, made when first wanted
LARGE_ARROWS = "large_scroll_arrows"  # a bar's property: it has this style


def large_scroll_arrows(bar: QWidget, large: bool) -> None:
    """Give the bar the style of large arrows, or (`large` False) the application's again."""
    if large == bool(bar.property(LARGE_ARROWS)):
        return
    bar.setProperty(LARGE_ARROWS, large)
    if large:
        if not _shared:
            _shared.append(LargeScrollArrows())
        bar.setStyle(_shared[0])
    else:
        bar.setStyle(None)  # the application's style, as every other widget has
