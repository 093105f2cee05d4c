"""A window kept open all day: what it does again and again leaves nothing behind."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QTextFrame
from PySide6.QtWidgets import QApplication

from reader.manual import load_manual
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


def test_a_page_with_a_problem_opened_all_day_is_logged_once(
        qtbot, content_copy: Path, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    chapter = next((content_copy / "chapters").glob("*.md"))
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "chapter:staying-put-policy", "chapter:no-such-chapter"), encoding="utf-8")
    window = MainWindow(load_manual(content_copy))
    qtbot.addWidget(window)
    told: list[str] = []
    monkeypatch.setattr(window, "show_status", told.append)
    with caplog.at_level(logging.WARNING):
        for _visit in range(5):
            window.open_entry("1.1.1")
            window.open_entry("6.4.3")
    logged = [r.getMessage() for r in caplog.records if "no-such-chapter" in r.getMessage()]
    assert len(logged) == 1
    # the person is still told at every opening
    assert sum("no-such-chapter" in message for message in told) == 5
