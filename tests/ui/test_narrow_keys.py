"""The keys in a window too narrow for the navigator beside the chapter (half a small
laptop screen): Esc takes the person back from the navigator over the chapter to the
chapter, once it has nothing else to do; the chapter's own actions show the chapter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.ui.main_window import MainWindow

from .conftest import activate
from .test_narrow_window import WITH_HEADINGS, sized, window_on_a_chapter_with_headings
from .test_narrower_than_both_panes import in_the_navigator, settle


def narrow_over_the_chapter(qtbot, window: MainWindow, key: str = "F6") -> None:
    """A window at 450 pixels on chapter 1.1.1, the navigator brought over it by `key`."""
    window.open_entry("1.1.1")
    activate(qtbot, window)
    sized(qtbot, window, 450)
    window.chapter.setFocus()
    QTest.keySequence(window, key)
    settle()
    assert not window.chapter.isVisible() and in_the_navigator(window), key


def reading_again(window: MainWindow) -> bool:
    return window.chapter.isVisible() and window.chapter.hasFocus() \
        and not window.splitter.side.isVisible()


def escape(window: MainWindow) -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    settle()


def test_esc_in_the_contents_over_the_chapter_clears_the_filter_then_goes_back(
        qtbot, window: MainWindow) -> None:
    narrow_over_the_chapter(qtbot, window, "Ctrl+Shift+F")
    qtbot.keyClicks(window.contents.filter_box, "fostering")
    escape(window)  # the filter cleared, the keys still in its box
    assert window.contents.filter_box.hasFocus() and not window.contents.filter_box.text()
    escape(window)  # into the tree, as beside the chapter
    assert window.contents.tree.hasFocus()
    escape(window)  # nothing left to clear: back to the chapter
    assert reading_again(window)
    assert "1.1.1" in window.windowTitle()


def test_esc_in_the_filtered_tree_clears_the_filter_first(qtbot, window: MainWindow) -> None:
    narrow_over_the_chapter(qtbot, window, "Ctrl+Shift+F")
    qtbot.keyClicks(window.contents.filter_box, "fostering")
    QTest.keyClick(window.contents.filter_box, Qt.Key.Key_Down)  # into the tree, opening
    escape(window)
    assert window.contents.tree.hasFocus() and not window.contents.filter_box.text()
    assert window.splitter.side.isVisible()
    escape(window)
    assert reading_again(window)


def test_esc_in_the_search_box_clears_the_search_then_goes_back(
        qtbot, window: MainWindow) -> None:
    narrow_over_the_chapter(qtbot, window, "Ctrl+K")
    qtbot.keyClicks(window.search_box, "fostering")
    escape(window)  # the search cleared, the contents shown, as beside the chapter
    assert not window.search_box.text() and window.contents.tree.hasFocus()
    window.search_box.setFocus()
    escape(window)  # an empty box: back to the chapter
    assert reading_again(window)


def test_esc_in_the_lists_goes_back_to_the_chapter_they_are_over(
        qtbot, window: MainWindow) -> None:
    window.open_entry("1.1.1")
    activate(qtbot, window)
    for key in ("Ctrl+H", "Ctrl+Shift+B"):  # beside the chapter: to the contents, as before
        QTest.keySequence(window, key)
        escape(window)
        assert window.contents.tree.hasFocus() and window.chapter.isVisible(), key
    for key in ("Ctrl+H", "Ctrl+Shift+B"):
        narrow_over_the_chapter(qtbot, window, key)
        escape(window)
        assert reading_again(window), key


def test_esc_on_the_navigators_tabs_over_the_chapter_goes_back_to_it(
        qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    window.sidebar.tabBar().setFocus()  # Shift+Tab from the filter, beside the chapter
    escape(window)
    assert window.sidebar.tabBar().hasFocus()  # nothing to do there
    narrow_over_the_chapter(qtbot, window)
    window.sidebar.tabBar().setFocus()
    escape(window)
    assert reading_again(window)


def test_ctrl_d_over_the_contents_shows_the_chapter_and_over_the_bookmarks_stays(
        qtbot, window: MainWindow) -> None:
    narrow_over_the_chapter(qtbot, window, "Ctrl+Shift+B")
    bookmarks = window.saved.bookmarks_pane.list
    assert bookmarks.count() == 0
    QTest.keySequence(window, "Ctrl+D")
    settle()
    # the bookmarks stay in sight, where the chapter's row came
    assert not window.chapter.isVisible() and in_the_navigator(window)
    assert bookmarks.count() == 1 and "1.1.1" in bookmarks.item(0).text()
    QTest.keySequence(window, "F6")  # over the contents: which chapter it is, in sight
    settle()
    QTest.keySequence(window, "Ctrl+D")
    settle()
    assert reading_again(window)
    assert not window.saved.is_bookmarked(window.current[1]) and bookmarks.count() == 0
    assert not window.bookmark_action.isChecked()


def test_f3_over_the_navigator_shows_the_match_it_steps_to(qtbot, window: MainWindow) -> None:
    narrow_over_the_chapter(qtbot, window)
    assert window.chapter.highlight(("children",))  # as a search result opened it
    QTest.keySequence(window, "F3")
    settle()
    assert reading_again(window)


def test_whats_new_and_the_toolbars_new_tab_over_the_navigator_are_shown(
        qtbot, window: MainWindow) -> None:
    whats_new = next(a for a in window.findChildren(QAction)
                     if a.text() == "&What's new in this edition")
    narrow_over_the_chapter(qtbot, window)
    whats_new.trigger()
    settle()
    assert window.current == ("page", "whats-new")
    assert window.chapter.isVisible() and not window.splitter.side.isVisible()
    new_tab = next(a for a in window.toolbar.actions() if a.text() == "New tab")
    tabs = window.tabs.count()
    narrow_over_the_chapter(qtbot, window)
    new_tab.trigger()
    settle()
    assert window.tabs.count() == tabs + 1
    assert window.chapter.isVisible() and not window.splitter.side.isVisible()


def test_f8_in_the_narrow_window_asks_only_for_a_wider_window(
        qtbot, content_copy: Path) -> None:
    window = window_on_a_chapter_with_headings(qtbot, content_copy)
    window.open_entry(WITH_HEADINGS)
    activate(qtbot, window)
    sized(qtbot, window, 450)
    QTest.keySequence(window, "F8")  # a page with headings; the outline has no room
    said = window.status_widgets.still_shown()
    # hiding the navigation pane, already put away, would not make room
    assert "wider window" in said and "F9" not in said


def test_a_screen_reader_hears_the_navigator_come_over_the_chapter_and_go_back_beside(
        qtbot, window: MainWindow, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr("reader.ui.main_window.announce", lambda _widget, text: said.append(text))
    narrow_over_the_chapter(qtbot, window, "Ctrl+H")
    # the focus in the history said where the keys are, not that the chapter went
    assert said and "it is over" in said[-1] and "Esc" in said[-1]
    # the menu's tick is read with its tip: over the chapter, not beside it
    assert window.navigator_action.isChecked()
    assert "over the chapter" in window.navigator_action.statusTip()
    sized(qtbot, window, 1200)
    assert "beside the chapter" in said[-1]
    assert "beside" in window.navigator_action.statusTip()
