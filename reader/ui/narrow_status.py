"""A status bar message in a narrow window: the edition's date cut short beside it, and the
message on up to three lines where one does not hold it. Imported only when a message first
needs it: a wide window never does, and start-up time counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import QStatusBar, QStyle, QStyleOption, QWidget

from reader.edition import short_date

# at 20 points beside the date a line holds some 18 letters: on two, "Navigation pane put
# away (F9 sh…" lost what to press; and "...it is still on this computer" needs three at any size
MESSAGE_LINES = 3
LINES_PADDING = 8  # pixels above and below the lines, as the bar keeps round one line


def short_edition(edition: date) -> str:
    """The edition label's words where the room is short: "2 Sep 2024"."""
    return "Date unknown" if edition == date.min else short_date(edition)


def fitted_lines(message: str, font: QFont, width: int) -> tuple[str, ...]:
    """The message broken into lines no wider than `width`, at most MESSAGE_LINES of them,
    the last ending in "…" where the words go on. Joined, they are the message as shown."""
    layout = QTextLayout(message, font)
    option = QTextOption()
    # a long address breaks where it must rather than running under the edition's date
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    starts: list[int] = []
    layout.beginLayout()
    while len(starts) <= MESSAGE_LINES:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) <= 1:
        return (message,)
    if len(starts) <= MESSAGE_LINES:
        return tuple(message[start:end] for start, end in zip(starts, [*starts[1:], None],
                                                              strict=True))
    kept = [message[start:end] for start, end in zip(starts[:MESSAGE_LINES - 1],
                                                     starts[1:MESSAGE_LINES], strict=True)]
    rest = message[starts[MESSAGE_LINES - 1]:]
    last = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return (*kept, last)


def lines_height(bar: QStatusBar, count: int) -> int:
    """The bar's height for this many lines of its message."""
    return count * bar.fontMetrics().lineSpacing() + LINES_PADDING


def paint_lines(bar: QStatusBar, lines: Sequence[str], permanent: Sequence[QWidget]) -> None:
    """The bar painted as Qt paints it, with the message on its lines: Qt draws a message on
    one line only, cut off where the widgets at the right begin."""
    painter = QPainter(bar)
    style = bar.style()
    option = QStyleOption()
    option.initFrom(bar)
    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, bar)
    for widget in permanent:  # their frames, as Qt draws them round each
        frame = QStyleOption()
        frame.rect = widget.geometry().adjusted(-2, -1, 2, 1)
        frame.palette = bar.palette()
        frame.state = QStyle.StateFlag.State_None
        style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem, frame, painter,
                            widget)
    # where Qt puts a message: 6 pixels in, up to 2 pixels before the first widget
    left = 6
    right = min((w.x() for w in permanent), default=bar.width() - 12) - 2
    spacing = bar.fontMetrics().lineSpacing()
    top = (bar.height() - len(lines) * spacing) // 2
    painter.setPen(bar.palette().windowText().color())
    flags = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
    for number, line in enumerate(lines):
        painter.drawText(QRect(left, top + number * spacing, right - left, spacing),
                         int(flags) | int(Qt.TextFlag.TextSingleLine), line.rstrip())
    painter.end()
