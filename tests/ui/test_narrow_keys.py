"""The keys in a window too narrow for the navigator beside the chapter (half a small
laptop screen): Esc takes the person back from the navigator over the chapter to the
chapter, once it has nothing else to do; the chapter's own actions show the chapter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.ui.main_window import MainWindow

from .conftest import activate
from .test_narrow_window import sized
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
