"""Whether Qt can read a raster picture's header, and draw a picture of the size it gives.

Asked before a page is laid out: a damaged picture, or one too large for Qt to hold (a scan
of 100,000 by 100,000 pixels), is then said in a sentence where it stands. Qt itself would
draw only its small file mark there, and say nothing of why. Only the header is read: the
picture is decoded once, when the page shows it.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DAMAGED = "is damaged: the picture in it cannot be read"
BYTES_PER_PIXEL = 4  # Qt holds a picture as 32 bits a pixel to draw it
# one stderr set aside at a time: two threads doing it at once could leave it on /dev/null
_STDERR_ASIDE = threading.Lock()


def header_problem(data: bytes) -> str | None:
    """None if Qt reads a size from the picture's header that it can hold; else why not."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageReader

    held = QByteArray(data)
    buffer = QBuffer(held)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    with _qt_messages_unsaid():
        size = reader.size()
    del reader  # before the buffer it reads from
    buffer.close()
    if not size.isValid() or size.isEmpty():
        return DAMAGED
    limit_mb = QImageReader.allocationLimit()
    if limit_mb and size.width() * size.height() * BYTES_PER_PIXEL > limit_mb * 1024 * 1024:
        return f"is too large to show ({size.width():,} by {size.height():,} pixels)"
    return None


@contextmanager
def _qt_messages_unsaid() -> Iterator[None]:
    """The decoder's own complaint ("libpng error: Read Error", written by libpng to the
    process's stderr, past Qt's message handler) kept off the command line, where the
    problem is said in the reader's words. Only there: a window may have other threads
    writing to stderr, and its stderr reaches no one anyway."""
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        yield
        return
    with _STDERR_ASIDE:
        sys.stderr.flush()
        kept = os.dup(2)
        try:
            with open(os.devnull, "wb") as nowhere:
                os.dup2(nowhere.fileno(), 2)
            yield
        finally:
            os.dup2(kept, 2)
            os.close(kept)
