"""Moving through a chapter by keyboard: Tab to a link, Enter or Ctrl+Enter on it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .conftest import activate

OPEN_CHAPTER = ("entry", "childrens-services-policies-values-and-principles")


def test_ctrl_enter_on_a_link_opens_it_in_a_new_tab_as_ctrl_click_does(qtbot, window) -> None:
    window.open_entry("1.1.1")
    activate(qtbot, window)
    view = window.chapter
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # the first link: "A Strengths Based Approach ..."
    assert view.textCursor().selectedText().startswith("A Strengths Based Approach")
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 2
    assert view.current == OPEN_CHAPTER  # the page worked from stays on screen
    assert window.tabs.currentWidget() is view
    assert window.tabs.widget(1).current == ("entry", "a-strengths-based-approach")
    qtbot.keyClick(view, Qt.Key.Key_Return)  # a plain Enter still follows it here
    assert view.current == ("entry", "a-strengths-based-approach")
    assert window.tabs.count() == 2
