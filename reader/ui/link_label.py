"""A label of rich text whose links follow the theme."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget


class LinkLabel(QLabel):
    """Rich text with links, drawn in the palette's link colour of the theme in use.

    Qt colours a label's links when its text is set: after a change of theme (or the desktop
    turning dark in the evening) they stayed the light theme's dark blue, on black."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.text():
            text = self.text()
            self.clear()  # the same text set again is no change to Qt, and is not redrawn
            self.setText(text)
