"""The session is kept while the window is open: a reader killed (a crash, a flat battery, a
shutdown) still finds its tabs at the next start."""

from __future__ import annotations

import pytest

from reader.session import load_session
from reader.ui.main_window import MainWindow

from .conftest import shown_window


@pytest.fixture(autouse=True)
def quick_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saves every few tens of milliseconds rather than seconds, so a test need not wait."""
    monkeypatch.setattr("reader.ui.main_window.SESSION_SAVE_MS", 30)


def started_after_a_crash(qtbot) -> MainWindow:
    """A start while the window before it is still open: it never closed, as in a crash."""
    win = shown_window(qtbot)
    win.restore(load_session()[0])
    return win


def titles(win: MainWindow) -> list[str]:
    return [view.page.title.split(" ")[0] for view in win.tabs.views()]


def test_tabs_opened_before_a_crash_come_back_at_the_next_start(qtbot) -> None:
    win = shown_window(qtbot)
    win.open_entry("6.7.6")
    win.open_entry("1.1.1")
    win.new_tab("entry", "9.1")
    win.tabs.setCurrentIndex(0)
    scroll = win.chapter.verticalScrollBar()
    scroll.setValue(scroll.maximum() // 2)
    place = win.chapter.place().top
    assert place is not None and place.block > 0
    qtbot.wait(200)  # reading on for a moment, then the reader is killed
    again = started_after_a_crash(qtbot)
    assert titles(again) == ["1.1.1", "9.1"]
    assert again.tabs.currentIndex() == 0
    assert again.chapter.place().top.block == place.block  # at the paragraph being read
    assert again.go_back() and titles(again)[0] == "6.7.6"


def test_a_tab_closed_before_a_crash_stays_closed_and_can_be_reopened(qtbot) -> None:
    win = shown_window(qtbot)
    win.open_entry("1.1.1")
    win.new_tab("entry", "9.1")
    qtbot.wait(200)
    win.close_tab()
    qtbot.wait(200)
    again = started_after_a_crash(qtbot)
    assert titles(again) == ["1.1.1"]
    assert again.reopen_closed_tab() and titles(again) == ["1.1.1", "9.1"]


def test_the_tabs_of_a_window_closed_meanwhile_are_not_written_over(qtbot) -> None:
    first, second = shown_window(qtbot), shown_window(qtbot)
    first.open_entry("6.7.6")
    second.open_entry("9.1")
    qtbot.wait(200)
    second.close()  # its tabs are the next start's, until the first closes too
    first.open_entry("1.1.1")
    qtbot.wait(200)  # the first, still open, leaves the second's session as it is
    again = started_after_a_crash(qtbot)
    assert titles(again) == ["9.1"]
    first.close()  # closed after all: its tabs, with the second's to reopen
    last = started_after_a_crash(qtbot)
    assert titles(last) == ["1.1.1"]
    assert last.reopen_closed_tab() and titles(last) == ["1.1.1", "9.1"]


def test_nothing_is_kept_while_open_when_the_session_is_not_to_be_restored(qtbot) -> None:
    win = shown_window(qtbot)
    win.settings = win.settings.__class__(restore_session=False)
    win.open_entry("1.1.1")
    qtbot.wait(200)
    assert load_session()[0].tabs == ()


def test_a_session_that_cannot_be_saved_while_open_is_logged_once(
        qtbot, monkeypatch, caplog) -> None:
    # a profile gone read-only: the log said so every five seconds, all day
    import logging

    import reader.ui.window_session as window_session

    def refused(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(window_session, "save_open_session", refused)
    window = shown_window(qtbot)
    with caplog.at_level(logging.ERROR, logger="reader.ui.window_session"):
        for ref in ("1.1.1", "6.4.3", "1.1.2"):  # a change before each try
            window.open_entry(ref)
            window.save_session_in_passing()
    assert sum("cannot save the session" in r.getMessage() for r in caplog.records) == 1
