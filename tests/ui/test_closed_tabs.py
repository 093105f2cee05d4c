"""Closed tabs: what Ctrl+Shift+T brings back, and what is not worth bringing back."""

from __future__ import annotations

from PySide6.QtTest import QTest

from reader.ui.chapter_view import ChapterView


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
