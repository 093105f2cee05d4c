"""The navigator's tabs: where the keyboard is shows, in every theme; the first is named for
what it shows, the contents or a search's results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton

from reader.ui.main_window import MainWindow

from .conftest import activate, chosen_tab, shown_window
from .test_large_text import at_points
from .test_narrow_window import HALF_SCREENS, navigator_width, shown_names, sized


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_chosen_tab_is_marked_while_the_tabs_have_the_keyboard(
        qtbot, window: MainWindow, theme: str) -> None:
    window.set_theme(theme)
    try:
        activate(qtbot, window)
        QTest.keySequence(window, "Alt+K")  # Bookmarks, the keys in its list
        window.sidebar.currentWidget().setFocus()
        qtbot.waitUntil(lambda: not window.sidebar.tabBar().hasFocus())
        before = chosen_tab(window.sidebar.tabBar())
        bar = window.sidebar.tabBar()
        bar.setFocus(Qt.FocusReason.BacktabFocusReason)  # Shift+Tab onto the tabs
        qtbot.waitUntil(bar.hasFocus)
        # Fusion drew the tab alike with and without the keys: Shift+Tab seemed to go nowhere
        assert chosen_tab(window.sidebar.tabBar()) != before, QApplication.focusWidget()
    finally:
        window.set_theme("system")


def bare_columns(tab: QImage) -> list[int]:
    """The columns of a tab's place that are all one colour: the gap beside the tab drawn."""
    return [x for x in range(tab.width())
            if len({tab.pixel(x, y) for y in range(tab.height())}) == 1]


def tab_without_and_with_ring(qtbot, window: MainWindow) -> tuple[QImage, QImage]:
    """The chosen tab drawn with the keyboard in its pane, then with it on the tab bar."""
    activate(qtbot, window)
    bar = window.sidebar.tabBar()
    window.sidebar.currentWidget().setFocus()
    qtbot.waitUntil(lambda: not bar.hasFocus())
    without = chosen_tab(window.sidebar.tabBar())
    bar.setFocus(Qt.FocusReason.BacktabFocusReason)
    qtbot.waitUntil(bar.hasFocus)
    return without, chosen_tab(window.sidebar.tabBar())


def ring_columns(without: QImage, ring: QImage) -> list[int]:
    """The columns the ring changed."""
    return [x for x in range(ring.width())
            if ring.copy(x, 0, 1, ring.height()) != without.copy(x, 0, 1, without.height())]


@pytest.fixture(params=["light", "dark", "high-contrast"])
def tab_images(request, qtbot, window: MainWindow) -> Iterator[tuple[QImage, QImage]]:
    """The chosen tab without and with the ring, in each theme."""
    window.set_theme(request.param)
    try:
        yield tab_without_and_with_ring(qtbot, window)
    finally:
        window.set_theme("system")


def test_the_ring_round_the_chosen_tab_stays_on_the_tab(tab_images) -> None:
    without, ring = tab_images
    # high contrast leaves a gap after each tab, and the ring ran across it: 2 pixels
    # of yellow out in the black, joined to the next tab's edge
    assert set(bare_columns(without)) & set(ring_columns(without, ring)) == set()


def test_the_ring_stands_as_far_in_from_the_tabs_right_side_as_from_its_left(
        tab_images) -> None:
    without, ring = tab_images
    gap = set(bare_columns(without))
    drawn = [x for x in range(without.width()) if x not in gap]
    marked = ring_columns(without, ring)
    # cut short at the right, the ring ran over the name's last letter
    assert marked[0] - drawn[0] == drawn[-1] - marked[-1], (marked, drawn)


def ink_rows(tab: QImage, inset: int = 4) -> list[int]:
    """The rows of a tab's image inside its edges that are not all one colour: its name."""
    return [y for y in range(tab.height())
            if len({tab.pixel(x, y) for x in range(inset, tab.width() - inset)}) > 1]


@pytest.mark.parametrize("width", [1366, 546])  # names whole, then drawn across the padding
def test_every_tab_shows_its_name_lower_where_not_chosen(
        qtbot, window: MainWindow, width: int) -> None:
    window.resize(width, 700)
    qtbot.waitUntil(lambda: window.width() == width)
    bar = window.sidebar.tabBar()
    assert bar.currentIndex() == 0
    names = [ink_rows(bar.grab(bar.tabRect(index)).toImage()) for index in range(bar.count())]
    assert all(names), names  # a tab with no name drawn is a blank box
    # as the style lowers the tabs not chosen, their names with them
    assert names[1][0] > names[0][0] and names[2][0] > names[0][0], names


def first_tab(window: MainWindow) -> tuple[str, str, str]:
    """The first tab's name as drawn, its tooltip, and its name to a screen reader."""
    bar = window.sidebar.tabBar()
    heard = QAccessible.queryAccessibleInterface(bar).child(0).text(QAccessible.Text.Name)
    return shown_names(window)[0], bar.tabToolTip(0), heard


AS_RESULTS = ("Search", "Search results", "Search results")
AS_CONTENTS = ("Contents", "Contents", "Contents")


def search_typed(qtbot, window: MainWindow, text: str = "PEP") -> None:
    activate(qtbot, window)
    window.focus_search()
    QTest.keyClicks(window.search_box, text)
    assert window.navigator.currentWidget() is window.search


def clear_cross(window: MainWindow) -> None:
    next(button for button in window.search_box.findChildren(QToolButton)
         if button.accessibleName() == "Clear search").click()


ENDS = {
    "Esc": lambda qtbot, window: qtbot.keyClick(window.search_box, Qt.Key.Key_Escape),
    "clear cross": lambda qtbot, window: clear_cross(window),
    "text deleted": lambda qtbot, window: [
        qtbot.keyClick(window.search_box, Qt.Key.Key_Backspace) for _letter in "PEP"],
    "F6": lambda qtbot, window: QTest.keySequence(window, "F6"),  # the query kept
}


@pytest.mark.parametrize("end", ENDS)
def test_the_first_tab_says_search_while_it_shows_the_results(
        qtbot, window: MainWindow, end: str) -> None:
    assert first_tab(window) == AS_CONTENTS
    search_typed(qtbot, window)
    # "Contents" stood above a list of results, and a screen reader said "Contents" too
    assert first_tab(window) == AS_RESULTS
    ENDS[end](qtbot, window)
    assert window.navigator.currentWidget() is window.contents
    assert first_tab(window) == AS_CONTENTS


def test_typing_in_bookmarks_goes_to_the_first_tab_named_for_the_results(
        qtbot, window: MainWindow) -> None:
    window.show_bookmarks()
    search_typed(qtbot, window)
    assert window.sidebar.currentIndex() == 0
    assert first_tab(window) == AS_RESULTS


def test_alt_c_shows_the_first_tab_whatever_it_reads(qtbot, window: MainWindow) -> None:
    search_typed(qtbot, window)
    window.show_bookmarks()
    window.chapter.setFocus()
    QTest.keySequence(window, "Alt+C")  # the letter of "Contents", underlined in "Search"
    assert window.sidebar.currentIndex() == 0
    assert QApplication.focusWidget() is window.search.results
    assert first_tab(window) == AS_RESULTS
    window.set_navigator_shown(False)  # the tabs' keys go with it, and Alt+C still brings it
    window.chapter.setFocus()
    QTest.keySequence(window, "Alt+C")
    assert window.splitter.side.isVisible()
    assert window.sidebar.currentIndex() == 0
    QApplication.processEvents()  # the tabs laid out as the navigator comes back
    # at the results left showing, as with the navigator shown: not the tree behind them
    assert first_tab(window) == AS_RESULTS
    assert QApplication.focusWidget() is window.search.results


def test_in_a_narrowed_navigator_all_three_names_show_as_before_a_search(
        qtbot, window: MainWindow) -> None:
    sized(qtbot, window, min(HALF_SCREENS))  # the navigator at 182 pixels
    bar = window.sidebar.tabBar()
    before = navigator_width(window), [bar.tabRect(index) for index in range(bar.count())]
    search_typed(qtbot, window)
    assert shown_names(window) == ["Search", "Bookmarks", "History"]
    # the shorter name left the tabs beside it where they were, not moved under the pointer
    assert (navigator_width(window), [bar.tabRect(index) for index in range(bar.count())]) \
        == before


def test_a_search_leaves_the_navigator_as_wide_as_the_names_asked_in_large_text(
        qtbot) -> None:
    for _ in at_points(20):
        window = shown_window(qtbot)  # 1,200 pixels: the navigator widened for the names
        width = navigator_width(window)
        search_typed(qtbot, window)
        sized(qtbot, window, 1201)  # the window resized while the results show
        assert shown_names(window) == ["Search", "Bookmarks", "History"]
        assert navigator_width(window) == width
        qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
        sized(qtbot, window, 1200)
        assert navigator_width(window) == width
