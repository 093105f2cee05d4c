"""The bookmarks and history lists and the contents tree from the keyboard: a row's menu,
removing a visit."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListWidget, QMenu

from reader.history import Visit, now_stamp, read_history, save_history
from reader.ui.main_window import MainWindow

from .conftest import activate, shown_window
from .questions import agree_to_clear_history
from .test_main_window import find_row

# a menu shown offscreen: the platform cannot raise it or give it the keyboard
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


def menu_lines(menu: QMenu) -> list[str]:
    return [a.text().split("\t")[0].replace("&", "") for a in menu.actions()
            if not a.isSeparator() and a.isEnabled()]


def shown_menu(qtbot) -> QMenu:
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def with_two_of_each(win: MainWindow) -> None:
    for ref in ("6.7.6", "9.1"):
        win.open_entry(ref)
        win.toggle_bookmark()


@pytest.mark.parametrize("key,modifier", [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
                                          (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)])
@pytest.mark.parametrize("show", ["show_history", "show_bookmarks"])
def test_the_menu_key_on_a_row_shows_its_menu_by_the_row(
    qtbot, window, show: str, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    with_two_of_each(window)
    getattr(window, show)()
    listing = window.sidebar.currentWidget().list
    qtbot.waitUntil(listing.hasFocus)
    listing.setCurrentRow(1)
    qtbot.keyClick(listing, key, modifier)
    menu = shown_menu(qtbot)
    row = listing.visualItemRect(listing.item(1))
    assert listing.viewport().mapFromGlobal(menu.pos()).y() == pytest.approx(row.bottom(),
                                                                                abs=2)
    lines = menu_lines(menu)
    menu.close()
    assert lines[:2] == ["Open", "Open in new tab"]
    if show == "show_history":
        assert lines[2:] == ["Remove from history", "Clear history"]
    else:  # the last row goes no further down, the first no further up
        assert lines[2:] == ["Remove bookmark", "Move up"]
        pane = window.saved.bookmarks_pane
        listing.setCurrentRow(0)
        pane.update_menu()  # as the menu is shown
        assert menu_lines(pane.menu)[2:] == ["Remove bookmark", "Move down"]


def history_with_the_keys(qtbot, window) -> QListWidget:
    """The history pane shown, its list with the keyboard."""
    window.show_history()
    listing = window.saved.history_pane.list
    qtbot.waitUntil(listing.hasFocus)
    return listing


def test_open_in_new_tab_from_the_menu_keeps_the_chapter_being_read(qtbot, window) -> None:
    with_two_of_each(window)  # 9.1 is read, 6.7.6 is the history's second row
    listing = history_with_the_keys(qtbot, window)
    listing.setCurrentRow(1)
    qtbot.keyClick(listing, Qt.Key.Key_Menu)
    shown_menu(qtbot)
    window.saved.history_pane.new_tab_action.trigger()
    assert [v.page.title[:5] for v in window.tabs.views()] == ["9.1 D", "6.7.6"]
    assert window.chapter.page.title.startswith("9.1")


def right_click(listing: QAbstractItemView, at: QPoint) -> None:
    """What Qt sends the rows for a right click: the button pressed and let go, then a
    context-menu event (QTest's clicks make none)."""
    QTest.mouseClick(listing.viewport(), Qt.MouseButton.RightButton, pos=at)
    QApplication.sendEvent(listing.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, at, listing.viewport().mapToGlobal(at)))


def test_a_right_click_shows_the_menu_of_the_row_clicked_and_none_below_the_rows(
    qtbot, window
) -> None:
    with_two_of_each(window)
    listing = history_with_the_keys(qtbot, window)
    right_click(listing, listing.visualItemRect(listing.item(1)).center())
    shown_menu(qtbot).close()
    assert listing.currentRow() == 1
    assert window.tabs.count() == 1  # the menu only: a right click opens no tab
    right_click(listing, listing.viewport().rect().bottomLeft() + QPoint(5, -5))
    # no menu for the row that is current: its Remove would act on a row not clicked
    assert QApplication.activePopupWidget() is None
    assert not window.saved.history_pane.menu.isVisible()


def test_delete_removes_one_visit_and_the_saved_history_keeps_it_removed(qtbot) -> None:
    first, second = shown_window(qtbot), shown_window(qtbot)
    second.open_entry("6.7.6")  # visited in another window too, earlier
    second.saved.save_history_now()
    activate(qtbot, first)
    for ref in ("6.7.6", "9.1", "1.1.1"):
        first.open_entry(ref)
    first.show_history()
    listing = first.saved.history_pane.list
    qtbot.waitUntil(listing.hasFocus)
    listing.setCurrentRow(1)  # 9.1
    qtbot.keyClick(listing, Qt.Key.Key_Delete)
    assert [listing.item(r).text()[:5] for r in range(listing.count())] == ["1.1.1", "6.7.6"]
    assert listing.currentRow() == 1 and listing.hasFocus()  # the next one, for the next Delete
    assert "Removed 9.1" in first.statusBar().currentMessage()
    assert [v.title[:5] for v in read_history().visits] == ["1.1.1", "6.7.6"]  # saved at once
    # the menu's line does the same
    qtbot.keyClick(listing, Qt.Key.Key_Menu)
    shown_menu(qtbot).close()
    first.saved.history_pane.remove_action.trigger()
    assert [v.title[:5] for v in read_history().visits] == ["1.1.1"]
    # the other window's older visit of it, saved as it closes, does not bring it back
    second.close()
    assert [v.title[:5] for v in read_history().visits] == ["1.1.1"]
    activate(qtbot, first)
    assert listing.count() == 1
    # and a later visit is listed again
    second = shown_window(qtbot)
    second.open_entry("6.7.6")
    second.close()
    assert [v.title[:5] for v in read_history().visits] == ["6.7.6", "1.1.1"]


@pytest.mark.parametrize("how", ["middle click", "Ctrl+click", "Ctrl+Enter"])
@pytest.mark.parametrize("show", ["show_history", "show_bookmarks"])
def test_a_middle_click_ctrl_click_or_ctrl_enter_on_a_row_opens_it_in_a_tab_behind(
        qtbot, window, show: str, how: str) -> None:
    with_two_of_each(window)  # 9.1 is read; 6.7.6 is the second row of both lists
    getattr(window, show)()
    listing = window.sidebar.currentWidget().list
    row = 1 if show == "show_history" else 0
    at = listing.visualItemRect(listing.item(row)).center()
    ctrl = Qt.KeyboardModifier.ControlModifier
    if how == "middle click":
        qtbot.mouseClick(listing.viewport(), Qt.MouseButton.MiddleButton, pos=at)
    elif how == "Ctrl+click":
        qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, ctrl, at)
    else:  # as in the contents: Enter alone opens the row in the tab being read
        listing.setCurrentRow(row)
        qtbot.keyClick(listing, Qt.Key.Key_Return, ctrl)
    assert [v.page.title[:5] for v in window.tabs.views()] == ["9.1 D", "6.7.6"]
    assert window.chapter.page.title.startswith("9.1")


def test_delete_on_the_last_row_leaves_the_row_above_current_for_the_next(qtbot, window) -> None:
    for ref in ("6.7.6", "9.1", "1.1.1"):
        window.open_entry(ref)
    listing = history_with_the_keys(qtbot, window)
    listing.setCurrentRow(2)  # 6.7.6, the oldest
    qtbot.keyClick(listing, Qt.Key.Key_Delete)
    assert listing.currentRow() == 1 and listing.currentItem().text()[:3] == "9.1"
    qtbot.keyClick(listing, Qt.Key.Key_Delete)  # the next Delete goes on up the list
    assert [listing.item(r).text()[:5] for r in range(listing.count())] == ["1.1.1"]


def test_f10_alone_shows_no_row_menu(qtbot, window) -> None:
    # F10 alone is the menu bar's key on many desktops; Shift+F10 is the row's
    with_two_of_each(window)
    listing = history_with_the_keys(qtbot, window)
    qtbot.keyClick(listing, Qt.Key.Key_F10)
    assert not window.saved.history_pane.menu.isVisible()


def test_clear_history_on_a_rows_menu_clears_it(qtbot, window) -> None:
    with_two_of_each(window)
    listing = history_with_the_keys(qtbot, window)
    qtbot.keyClick(listing, Qt.Key.Key_Menu)
    shown_menu(qtbot)
    agree_to_clear_history()
    window.saved.history_pane.clear_action.trigger()
    assert listing.count() == 0 and read_history().visits == ()


def test_delete_keeps_the_next_row_current_when_another_windows_visits_come_in(qtbot) -> None:
    first = shown_window(qtbot)
    for ref in ("6.7.6", "9.1", "1.1.1"):
        first.open_entry(ref)
    first.show_history()
    listing = first.saved.history_pane.list
    qtbot.waitUntil(listing.hasFocus)
    # another window's visit, saved as this window's list is being gone through: a minute
    # later, so that it comes first and the rows below it move down one
    later = now_stamp(datetime.now().astimezone() + timedelta(minutes=1))
    save_history((Visit("looked-after-reviews", "6.4.3 Looked After Reviews", later),))
    listing.setCurrentRow(1)  # 9.1
    qtbot.keyClick(listing, Qt.Key.Key_Delete)
    shown = [listing.item(r).text()[:5] for r in range(listing.count())]
    assert shown == ["6.4.3", "1.1.1", "6.7.6"]
    # the keyboard goes on from where it was, not from nowhere, nor from the row's old place
    assert listing.currentItem() is not None and listing.currentItem().text()[:5] == "6.7.6"


READ = ("entry", "childrens-services-policies-values-and-principles")  # 1.1.1


@pytest.mark.parametrize("key,modifier", [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
                                          (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)])
def test_the_menu_key_on_a_contents_row_offers_it_in_a_new_tab(
    qtbot, window, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    window.open_entry("1.1.1")
    activate(qtbot, window)
    tree = window.contents.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # to 1.1.2
    qtbot.keyClick(tree, key, modifier)
    menu = shown_menu(qtbot)
    row = tree.visualRect(tree.currentIndex())
    assert tree.viewport().mapFromGlobal(menu.pos()).y() == pytest.approx(row.bottom(), abs=2)
    assert menu_lines(menu) == ["Open", "Open in new tab"]
    menu.actions()[1].trigger()
    assert [view.page.title[:5] for view in window.tabs.views()] == ["1.1.1", "1.1.2"]
    assert window.current == READ  # the chapter being read stays in its tab


def test_a_right_click_on_a_contents_row_shows_its_menu_and_opens_nothing(
    qtbot, window
) -> None:
    # the press made the row current, and a row made current by the mouse opened in this
    # tab: the chapter being read was gone before the menu could offer a new tab
    window.open_entry("1.1.1")
    tree = window.contents.tree
    right_click(tree, tree.visualRect(find_row(window, "diversity-and-heritage")).center())
    menu = shown_menu(qtbot)
    assert window.current == READ and window.tabs.count() == 1
    menu.actions()[0].trigger()  # Open: the row clicked, in this tab
    assert window.current == ("entry", "diversity-and-heritage")
    assert window.tabs.count() == 1
