"""Closed tabs: what Ctrl+Shift+T brings back, and what is not worth bringing back."""

from __future__ import annotations

from PySide6.QtTest import QTest

from reader.session import load_session
from reader.ui.chapter_view import ChapterView
from reader.ui.main_window import MainWindow

from .conftest import activate, shown_window


def row(win: MainWindow) -> list[str]:
    """The tabs' chapter numbers, left to right."""
    return [win.tabs.tabText(index).split(" ")[0] for index in range(win.tabs.count())]


def close_with_ctrl_w(win: MainWindow, number: str) -> None:
    win.tabs.setCurrentIndex(row(win).index(number))
    QTest.keySequence(win, "Ctrl+W")


def reopen_with_ctrl_shift_t(win: MainWindow) -> str:
    """Ctrl+Shift+T; the number of the tab it brought back and made current."""
    QTest.keySequence(win, "Ctrl+Shift+T")
    return row(win)[win.tabs.currentIndex()]


def test_ctrl_w_on_the_start_page_left_by_the_last_tab_does_not_hide_that_tab(window) -> None:
    window.open_entry("6.7.6")
    window.new_tab()  # the start page, nothing read in it
    window.tabs.setCurrentIndex(0)
    window.close_tab()
    window.close_tab()  # the start page alone: closed, it is replaced by the same page
    assert window.current == ("page", "start")
    QTest.keySequence(window, "Ctrl+Shift+T")
    assert window.current == ("entry", "staying-put-policy")  # not another start page
    assert not window.reopen_action.isEnabled()


def test_ctrl_shift_t_brings_back_the_last_closed_first_the_readers_own_pages_too(
        window) -> None:
    window.open_entry("1.1.1")
    window.new_tab("entry", "6.7.6")
    window.new_tab("page", "whats-new")
    window.new_tab("entry", "4.6")
    four_six = window.current
    window.show_start_page()  # the start page with 4.6 to go back to: worth reopening
    for _ in range(3):
        window.close_tab()
    assert window.tabs.count() == 1
    QTest.keySequence(window, "Ctrl+Shift+T")
    assert window.current == ("entry", "staying-put-policy")
    QTest.keySequence(window, "Ctrl+Shift+T")
    assert window.current == ("page", "whats-new")
    QTest.keySequence(window, "Ctrl+Shift+T")
    assert window.current == ("page", "start")
    assert window.go_back() and window.current == four_six
    assert not window.reopen_action.isEnabled()


def test_the_last_fifty_closed_tabs_are_kept_to_reopen(qtbot, window) -> None:
    # as many as a session keeps: all the tabs of another window closed earlier
    tabs = window.tabs
    for number in range(51):
        view = ChapterView("", window.manual.root)
        qtbot.addWidget(view)
        view.current = ("entry", f"chapter-{number}")
        tabs.remember_closed(view)
    assert len(tabs.closed) == 50
    assert tabs.closed[0].place.ref == "chapter-1"  # the first one closed is let go
    assert tabs.closed[-1].place.ref == "chapter-50"


def test_closed_tabs_reopen_where_they_stood_also_after_a_restart(qtbot) -> None:
    win = shown_window(qtbot)
    activate(qtbot, win)
    win.open_entry("1.1.1")
    for number in ("6.7.6", "4.6", "9.1", "8.2"):
        win.new_tab("entry", number)
    win.open_entry("1.1.2")  # 8.2 behind it, Alt+Left's
    assert row(win) == ["1.1.1", "6.7.6", "4.6", "9.1", "1.1.2"]
    for number in ("6.7.6", "1.1.2", "4.6"):
        close_with_ctrl_w(win, number)
    assert row(win) == ["1.1.1", "9.1"]
    assert reopen_with_ctrl_shift_t(win) == "4.6"
    assert row(win) == ["1.1.1", "4.6", "9.1"]  # where it stood, not after 9.1
    assert reopen_with_ctrl_shift_t(win) == "1.1.2"
    QTest.keySequence(win, "Alt+Left")  # its Back list came back with it
    assert row(win) == ["1.1.1", "4.6", "9.1", "8.2"] and win.tabs.currentIndex() == 3
    close_with_ctrl_w(win, "1.1.1")  # and closed again, the row's first: ahead of 4.6
    win.close()
    again = shown_window(qtbot)
    activate(qtbot, again)
    again.restore(load_session()[0])
    assert row(again) == ["4.6", "9.1", "8.2"]
    assert reopen_with_ctrl_shift_t(again) == "1.1.1"
    assert reopen_with_ctrl_shift_t(again) == "6.7.6"
    assert row(again) == ["1.1.1", "6.7.6", "4.6", "9.1", "8.2"]


def test_ctrl_shift_t_with_no_closed_tab_says_so(window) -> None:
    window.chapter.setFocus()
    QTest.keySequence(window, "Ctrl+Shift+T")  # nothing closed yet
    assert window.statusBar().currentMessage() == "No closed tab to reopen"
    assert window.tabs.count() == 1
    window.new_tab("entry", "4.6")
    window.close_tab()
    window.statusBar().clearMessage()
    assert reopen_with_ctrl_shift_t(window) == "4.6"  # a closed tab: the key brings it back
    assert window.statusBar().currentMessage() != "No closed tab to reopen"
    QTest.keySequence(window, "Ctrl+Shift+T")  # all reopened: it says so again
    assert window.statusBar().currentMessage() == "No closed tab to reopen"
    assert window.tabs.count() == 2
