"""A window kept open all day: what it does again and again leaves nothing behind."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QTextFrame
from PySide6.QtWidgets import QApplication

from reader.ui.chapter_view import PAGE_MARGIN, ChapterView
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


def test_tabs_opened_and_closed_leave_nothing_behind(window: MainWindow) -> None:
    def open_and_close(times: int) -> None:
        for _ in range(times):
            window.new_tab("entry", "1.1.1")
            window.close_tab()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the loop does

    open_and_close(1)
    before = alive(QObject), len(QApplication.topLevelWidgets())
    open_and_close(10)
    assert (alive(QObject), len(QApplication.topLevelWidgets())) == before
    assert len(window.findChildren(ChapterView)) == 1
    assert window.tabs.count() == 1
