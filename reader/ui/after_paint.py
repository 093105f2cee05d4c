"""Work that waits until a widget has been painted: the window first, the rest after."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    """Calls back once, just after the watched widget's next paint."""

    def __init__(self, callback: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._callback: Callable[[], object] | None = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            owner = self.parent()
            # once this paint is done; dropped if the owner is deleted first
            QTimer.singleShot(0, owner, callback)
            self.deleteLater()
        return False


def after_next_paint(widget: QWidget, callback: Callable[[], object],
                     owner: QObject | None = None) -> None:
    """Call `callback` once `widget` has next been painted (never, if it is not shown).

    `owner` (the widget itself by default) ends the wait if it is deleted first.
    """
    widget.installEventFilter(_AfterPaint(callback, owner or widget))
