"""Closed tabs: what Ctrl+Shift+T brings back, and what is not worth bringing back."""

from __future__ import annotations

from PySide6.QtTest import QTest


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
