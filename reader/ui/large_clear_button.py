"""A text field's clear button for large text, as large as its words.

Qt's own button is sized by the style (22 by 18 pixels, a 16-pixel cross) whatever the
text: beside 20-point words a cross of a few pixels, hard to see and to hit. Made only in
large text; at the usual sizes the field keeps Qt's, or has it back (clear_button.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QLineEdit, QToolButton

from reader.ui.cross_icon import cross_icon

ICON_PIXELS = 16  # Qt's clear button's icon at the usual text size
ROOM = 4  # pixels round the icon, as Qt leaves them


class LargeClearButton(QToolButton):
    """At the field's right end while it has text; a click empties it, as Qt's does."""

    def __init__(self, field: QLineEdit, name: str, scale: float) -> None:
        super().__init__(field)
        self._field = field
        self.setIcon(cross_icon())
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Esc or Ctrl+A clears from the keys
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.setAccessibleName(name)
        self.setToolTip(name)  # as Qt's button has it (clear_button.py)
        self.fit(scale)
        self.clicked.connect(self._clear)
        field.textChanged.connect(self._shown)
        field.installEventFilter(self)
        self._shown(field.text())

    def fit(self, scale: float) -> None:
        """As large as the field's text, `scale` times the usual size."""
        side = round(ICON_PIXELS * scale)
        self.setIconSize(QSize(side, side))
        self.resize(side + ROOM, side + ROOM)
        self._field.setTextMargins(0, 0, self.width(), 0)
        self._place()

    def remove(self) -> None:
        """Gone from the field, with the room it kept there: the text is usual again."""
        field = self._field
        field.textChanged.disconnect(self._shown)
        field.removeEventFilter(self)
        field.setTextMargins(0, 0, 0, 0)
        self.hide()
        self.setParent(None)  # out of the field's children at once
        self.deleteLater()

    def _clear(self) -> None:
        # as Qt's button does: the search follows an edit, and this is one
        self._field.clear()
        self._field.textEdited.emit("")

    def _shown(self, text: str) -> None:
        self.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        field = self._field
        self.move(field.width() - self.width() - 1, (field.height() - self.height()) // 2)
