"""A ring round the control that has the keyboard, in the light theme.

Fusion marks a focused button, check box, drop-down list or number box by turning its grey
edge blue (1.2:1 against the grey of the light theme's edges) or with a faint tint round its
label (1.4:1): moving with Tab, a person could hardly see where the keys would go. The dark
and high-contrast themes draw rings of their own from their style sheets. The light theme
has none, and a style sheet or style for the whole application cost about 15 ms of each
start: one small ring widget instead follows the keyboard, made when first wanted.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QMenuBar,
    QRadioButton,
    QTabBar,
    QWidget,
)

from reader.ui.tab_focus import OWN_MARK
from reader.ui.theme import Theme, ThemeFollower

# navy: 3.2:1 on the grey of the light theme's edges, 12:1 on the window
RING_COLOUR = "#002266"
RING_PIXELS = 2
# these mark the keyboard themselves: the panes with a coloured edge (focus_edges.py), tab
# bars with a ring round the chosen tab (tab_focus.py); the menu bar's item is highlighted
MARKED_ALREADY = (QTabBar, QMenuBar)


class _Ring(QWidget):
    """The ring, laid over its control's own edge: a ring outside it was cut off where the
    control fills its parent (the dialogs' buttons), and clicks pass through it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(QColor(RING_COLOUR), RING_PIXELS))
        inset = RING_PIXELS / 2
        painter.drawRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset))


class FocusRing(QObject):
    """Rings the control that has the keyboard in `window` and its dialogs, while the theme
    is light and the keyboard moved the focus (a click leaves it unringed, as Fusion does)."""

    def __init__(self, app: QApplication, window: QWidget, themes: ThemeFollower) -> None:
        super().__init__(window)  # goes with the window, and its connections with it
        self._window = window
        self._ring: _Ring | None = None  # made when first wanted
        self._light = themes.theme == Theme.LIGHT
        themes.applied.connect(self._themed)
        app.focusChanged.connect(self._moved)

    def _themed(self, theme: str, _css: str) -> None:
        self._light = theme == Theme.LIGHT
        if not self._light:
            self._put_on(None)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not self._light or new is None or not self._ours(new):
            return
        wanted = (new.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
                  and not isinstance(new, MARKED_ALREADY)
                  and not new.property("focus_edge") and not new.property(OWN_MARK))
        self._put_on(new if wanted else None)

    def _put_on(self, control: QWidget | None) -> None:
        ring = self._ring
        if ring is not None:
            ring.hide()
            if ring.parentWidget() is not None:
                ring.parentWidget().removeEventFilter(self)
        if control is None:
            return
        if ring is None:
            ring = self._ring = _Ring(control)
            # it goes with the control it is on: a closed dialog's buttons take it along
            ring.destroyed.connect(self._forget)
        elif ring.parentWidget() is not control:
            ring.setParent(control)
        control.installEventFilter(self)
        ring.setGeometry(_ringed_place(control))
        ring.raise_()
        ring.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Resize and self._ring is not None
                and isinstance(watched, QWidget)):
            self._ring.setGeometry(_ringed_place(watched))
        return False

    def _forget(self) -> None:
        self._ring = None

    def _ours(self, widget: QWidget) -> bool:
        """Whether the widget is in this reader window or a dialog of it."""
        window: QWidget | None = widget.window()
        while window is not None and window is not self._window:
            parent = window.parentWidget()
            window = parent.window() if parent is not None else None
        return window is not None


def _ringed_place(control: QWidget) -> QRect:
    """The control's own place; a check box's box and words only, not the empty rest of a
    row a form stretched it across."""
    place = control.rect()
    if isinstance(control, (QCheckBox, QRadioButton)):
        place.setWidth(min(place.width(), control.sizeHint().width()))
    return place
