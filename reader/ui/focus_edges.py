"""A coloured edge on the pane that has the keyboard: the tree, the chapter, a list."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QFrame, QWidget

EDGE_PIXELS = 2  # the same focused or not, so that nothing moves when the focus does
# The highlight colour was 1.9:1 from the frame colour in light and dark: moving with Tab or
# F6, a person could hardly tell which pane had the keys. The link colour is 4.3:1 from it
# in light (blue on grey), 3.6:1 in dark (light blue); high contrast's style sheet draws its
# own edges, yellow and thick, or white and thin.
MARKED = QPalette.ColorRole.Link
PLAIN = QPalette.ColorRole.Mid


class FocusEdges(QObject):
    """Fusion marked the focus with a dotted line on one row of the tree and nothing on the
    chapter, so the eye could not tell where the arrow keys would go. Each pane gets a plain
    edge in the theme's link colour while it has the focus, the frame colour otherwise.
    No stylesheet: one set on the whole application slows every widget's drawing."""

    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(window)  # goes with the window, and its connection with it
        app.focusChanged.connect(self._moved)

    def add(self, pane: QAbstractScrollArea) -> None:
        pane.setFrameShape(QFrame.Shape.Box)
        pane.setFrameShadow(QFrame.Shadow.Plain)
        pane.setLineWidth(EDGE_PIXELS)
        pane.setProperty("focus_edge", True)
        _colour(pane, pane.hasFocus())

    def _moved(self, old: QWidget | None, new: QWidget | None) -> None:
        # the pane itself has the focus, never its viewport: Qt makes the pane the
        # viewport's focus proxy
        for widget, focused in ((old, False), (new, True)):
            if isinstance(widget, QAbstractScrollArea) and widget.property("focus_edge"):
                _colour(widget, focused)


def _colour(pane: QAbstractScrollArea, focused: bool) -> None:
    # a QFrame draws a plain box in its foreground role: no palette is changed
    pane.setForegroundRole(MARKED if focused else PLAIN)
