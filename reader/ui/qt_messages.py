"""Qt's own messages during a screenshot, the offscreen platform's harmless complaint left out."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

# the offscreen platform has no window system to pass a window's size limits to; Qt says so
# at every show, and a screenshot's output is read by scripts and people
OFFSCREEN_HINTS = "This plugin does not support propagateSizeHints()"


@contextmanager
def offscreen_hints_unsaid() -> Iterator[None]:
    """Leaves out the offscreen platform's complaint; every other message goes on as before."""

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message == OFFSCREEN_HINTS:
            return
        if previous is not None:
            previous(kind, context, message)
        else:  # Qt's own handler, which cannot be called from here, writes the line alone
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handle)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
