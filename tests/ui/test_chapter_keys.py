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


def _link_in_view(view) -> bool:
    return view.viewport().rect().intersects(view.cursorRect(view.textCursor()))


def _paged_down(qtbot, window, pages: int):
    """1.1.1 read with the keys, `pages` screens down from its top; its pane."""
    window.open_entry("1.1.1")
    activate(qtbot, window)
    view = window.chapter
    view.setFocus()
    for _ in range(pages):
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    return view


def test_tab_after_paging_down_goes_to_a_link_on_screen_not_back_to_the_top(
        qtbot, window) -> None:
    view = _paged_down(qtbot, window, 8)  # reading on down the chapter, past its first links
    scrolled = view.verticalScrollBar().value()
    assert scrolled > 0
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    # the page jumped back up to the first link near the top, and the place read was lost
    # (a link half shown at the top is brought whole into view: a line's scroll at most)
    near = scrolled - view.fontMetrics().height() * 3
    assert view.verticalScrollBar().value() >= near
    assert view.textCursor().hasSelection() and _link_in_view(view)


def test_shift_tab_after_paging_down_goes_to_a_link_on_screen_or_above_it(
        qtbot, window) -> None:
    view = _paged_down(qtbot, window, 4)
    scrolled = view.verticalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    # it went to the chapter's last link, far below the place read
    assert view.textCursor().hasSelection()
    assert view.verticalScrollBar().value() <= scrolled


def test_tab_after_going_back_goes_on_from_the_place_returned_to(qtbot, window) -> None:
    window.open_entry("1.1.1")
    activate(qtbot, window)
    view = window.chapter
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # the second link, well down the chapter
    followed = view.textCursor().selectedText()
    assert followed == "Staying Put Procedure"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.current == ("entry", "staying-put-policy")
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.current == OPEN_CHAPTER
    back_at = view.verticalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    # Tab went to the chapter's first link, a screen and more above the place returned to
    assert view.textCursor().selectedText() != "A Strengths Based Approach Procedure"
    assert view.verticalScrollBar().value() >= back_at - view.fontMetrics().height() * 3
    assert _link_in_view(view)


def test_tab_in_caret_browsing_goes_to_the_next_link_after_the_caret(qtbot, window) -> None:
    window.set_caret_browsing(True)
    try:
        view = _paged_down(qtbot, window, 8)
        caret = view.textCursor().position()
        assert caret > 0
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert view.textCursor().selectionStart() >= caret
    finally:
        window.set_caret_browsing(False)
