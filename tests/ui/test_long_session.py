"""A window kept open all day: what it does again and again leaves nothing behind."""

from __future__ import annotations

import gc

from PySide6.QtGui import QTextFrame

from reader.ui.chapter_view import PAGE_MARGIN
from reader.ui.main_window import MainWindow


def alive(kind: type) -> int:
    """How many objects of a kind Python still holds."""
    gc.collect()
    return sum(isinstance(thing, kind) for thing in gc.get_objects())


def test_pages_opened_in_a_wide_window_leave_nothing_behind(qtbot, window: MainWindow) -> None:
    window.resize(1900, 900)  # wide: each page's text is centred between wider margins
    chapters = [entry.id for entry in window.manual.chapters()[:4]]
    window.open_entry(chapters[-1])
    before = alive(QTextFrame)
    for _day in range(3):
        for ref in chapters:
            window.open_entry(ref)
    assert alive(QTextFrame) == before
    # the margins were set on every page: what kept an object for each
    assert window.chapter.document().rootFrame().frameFormat().leftMargin() > PAGE_MARGIN
