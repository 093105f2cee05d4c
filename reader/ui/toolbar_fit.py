"""The toolbar's words given up, a few buttons at a time, where the bar is too narrow for them:
at half a small laptop screen Qt put Bookmark, Find and Print out of sight behind its »
button, where a small screen most needs them. Every button keeps its accessible name and
tooltip, and its words come back as the bar widens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QToolButton

from reader.ui.menus import RoomForEither

SEPARATOR = "|"  # the line between the arrows and the rest, in STEPS
# the buttons (by accessible name) whose words go together, the first to go first: the arrows
# say Back and Forward by themselves, ☰ is the sign of a menu, + of a new tab, the star of a
# bookmark. Find and Print have no sign to keep: their words stay, and last the line between
# the arrows and the rest goes for them (Print in sight at half a small screen in large text)
STEPS: tuple[tuple[str, ...], ...] = (("Back", "Forward"), ("Navigation pane",), ("New tab",),
                                      ("Bookmark",), (SEPARATOR,))


def short_label(label: str) -> str:
    """The sign a button's label begins with: "☰ Navigation" gives "☰"."""
    return label.split(" ", 1)[0]


class ToolbarFit(QObject):
    """Shortens the toolbar's labels, the least needed first, until every button is on the
    bar and not behind », and lengthens them again while the bar has room for them. Decided
    by the bar's width and its buttons' own sizes, so at any text size, font or theme."""

    def __init__(self, bar: QToolBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self.given_up = 0  # how many of STEPS are shortened
        self._full: dict[QAction, str] = {}  # a sign-only button's whole label
        self._room_labels: dict[RoomForEither, tuple[str, ...]] = {}  # the labels its width held
        self._fitting = False
        self._fit_due = False
        # measures a label as the bar's buttons show it, without moving the bar's buttons
        self._probe = QToolButton(bar)
        self._probe.setObjectName("toolbar-label-measure")
        self._probe.setAutoRaise(True)
        self._probe.hide()
        bar.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._fitting:
            return False  # the labels being changed here
        if kind == QEvent.Type.Resize:
            self.fit()
        elif kind == QEvent.Type.ActionChanged:
            # the window's new label ("★ Bookmarked") on a button showing only its sign
            self._keep_short(event.action())
            self._fit_soon()  # shown or hidden (the ☰ Navigation button)
        elif kind in (QEvent.Type.ActionAdded, QEvent.Type.FontChange,
                      QEvent.Type.StyleChange):
            self._fit_soon()  # once the buttons have their new font, style or names
        elif kind == QEvent.Type.LayoutRequest and self._overflows():
            self.fit()  # anything else that made a button wider
        return False

    def fit(self) -> None:
        """The fewest labels shortened that puts every button on the bar."""
        self._fitting = True
        try:
            for index, step in enumerate(STEPS):  # a button made since, or one relabelled
                self._shorten(step, index < self.given_up)
            # measured before it is changed: a label is not tried and taken back at every
            # step of a resize
            while self.given_up and (self.bar.sizeHint().width()
                                     + self._gain(STEPS[self.given_up - 1])
                                     <= self.bar.width()):
                self.given_up -= 1
                self._shorten(STEPS[self.given_up], False)
            while self.given_up < len(STEPS) and self._overflows():
                self._shorten(STEPS[self.given_up], True)
                self.given_up += 1
            layout = self.bar.layout()
            if layout is not None:
                layout.activate()  # laid out now: never painted a moment with »
        finally:
            self._fitting = False

    def _fit_soon(self) -> None:
        if not self._fit_due:
            self._fit_due = True
            QTimer.singleShot(0, self, self._fit_later)

    def _fit_later(self) -> None:
        self._fit_due = False
        self.fit()

    def _overflows(self) -> bool:
        return self.bar.sizeHint().width() > self.bar.width()

    def _buttons(self, names: tuple[str, ...]) -> list[tuple[QAction, QToolButton]]:
        found = []
        for action in self.bar.actions():
            button = self.bar.widgetForAction(action)
            if isinstance(button, QToolButton) and button.accessibleName() in names:
                found.append((action, button))
        return found

    def _shorten(self, names: tuple[str, ...], short: bool) -> None:
        """The step's buttons to their arrow or sign alone (`short`), or to their words."""
        if names == (SEPARATOR,):
            for action in self._separators():
                action.setVisible(not short)
            return
        for action, button in self._buttons(names):
            if not action.icon().isNull():
                style = (Qt.ToolButtonStyle.ToolButtonIconOnly if short
                         else self.bar.toolButtonStyle())
                if button.toolButtonStyle() != style:
                    button.setToolButtonStyle(style)
                continue
            room = button.findChild(RoomForEither)
            if short and action not in self._full:
                self._full[action] = action.iconText()
                if room is not None:
                    self._room_labels[room] = room.labels
                    room.hold(tuple(short_label(label) for label in room.labels))
                action.setIconText(short_label(action.iconText()))
            elif not short and action in self._full:
                action.setIconText(self._full.pop(action))
                if room is not None and room in self._room_labels:
                    room.hold(self._room_labels.pop(room))

    def _separators(self) -> list[QAction]:
        return [action for action in self.bar.actions() if action.isSeparator()]

    def _keep_short(self, action: QAction) -> None:
        full = self._full.get(action)
        if full is not None and action.iconText() != short_label(full):
            self._full[action] = action.iconText()
            self._fitting = True
            try:
                action.setIconText(short_label(action.iconText()))
            finally:
                self._fitting = False

    def _gain(self, names: tuple[str, ...]) -> int:
        """How much wider the step's shortened buttons are with their words."""
        if names == (SEPARATOR,):
            spacing = self.bar.layout().spacing() if self.bar.layout() is not None else 0
            return sum(self.bar.widgetForAction(action).sizeHint().width() + spacing
                       for action in self._separators())
        gain = 0
        for action, button in self._buttons(names):
            if not action.isVisible():
                continue
            if not action.icon().isNull():
                text = (action.iconText(),)
                gain += (self._width(action, text, self.bar.toolButtonStyle())
                         - self._width(action, text, Qt.ToolButtonStyle.ToolButtonIconOnly))
                continue
            room = button.findChild(RoomForEither)
            whole = self._room_labels.get(room) if room is not None else None
            whole = whole or (self._full.get(action, action.iconText()),)
            style = button.toolButtonStyle()
            gain += (self._width(action, whole, style)
                     - self._width(action, tuple(map(short_label, whole)), style))
        return gain

    def _width(self, action: QAction, labels: tuple[str, ...],
               style: Qt.ToolButtonStyle) -> int:
        """The widest of the labels on a button like the action's on the bar."""
        probe = self._probe
        probe.setIconSize(self.bar.iconSize())
        probe.setToolButtonStyle(style)
        probe.setIcon(action.icon())
        widths = []
        for label in labels:
            probe.setText(label)
            widths.append(probe.sizeHint().width())
        return max(widths)
