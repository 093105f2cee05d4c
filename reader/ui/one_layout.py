"""Changes to a page made before Qt lays it out, so that it is laid out once, after them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QTextDocument


@contextmanager
def one_layout(document: QTextDocument) -> Iterator[None]:
    """No layout of `document` while the block runs; one of the whole page after it.

    Qt lays a page out again at each change to its text or formats: new HTML, then the
    headings' sizes, then the margins, each laid out a chapter of 1,000 headings in full.
    Nested, only the outermost block lays the page out.
    """
    was_enabled = document.isLayoutEnabled()
    document.setLayoutEnabled(False)
    try:
        yield
    finally:
        document.setLayoutEnabled(was_enabled)  # enabled again: the whole page, once
