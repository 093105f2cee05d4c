"""At 20 points the small controls grow with the words: the tabs' close crosses, the search
box's clear cross, the scroll bars, the toolbar's Back and Forward arrows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QToolButton

from reader.manual import load_manual
from reader.ui.main_window import MainWindow

from ..conftest import CONTENT
from ..contrast import contrast_ratio
from .conftest import shown_window
from .test_large_text import at_points

GROWN = 1.6  # 20-point words are twice 10-point ones: the control at least this much larger


def inked(image: QImage) -> int:
    """The larger side of what is drawn plainly (3:1) on the image's corner colour, or on
    nothing (an icon)."""
    corner = image.pixelColor(0, 0)
    ground = corner.name() if corner.alpha() > 128 else None
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() > 128 and (
                    ground is None or contrast_ratio(colour.name(), ground) >= 3):
                xs.append(x)
                ys.append(y)
    return max(max(xs) - min(xs), max(ys) - min(ys)) + 1 if xs else 0


def at_10_and_20(qtbot, measure: Callable[[MainWindow], int]) -> tuple[int, int]:
    """The measure of the window at the usual text size and at 20 points."""
    sizes = []
    for points in (10, 20):
        for _ in at_points(points):
            window = shown_window(qtbot)
            window.open_entry("1.1.1")
            sizes.append(measure(window))
    return sizes[0], sizes[1]


def test_a_tabs_close_cross_grows_with_the_text(qtbot) -> None:
    def cross(window: MainWindow) -> int:
        button = window.tabs.tabBar().close_button(0)
        return inked(button.grab().toImage())

    usual, large = at_10_and_20(qtbot, cross)
    assert usual > 0 and large >= GROWN * usual, (usual, large)


def test_the_search_boxs_clear_cross_grows_with_the_text(qtbot) -> None:
    def cross(window: MainWindow) -> int:
        window.search_box.setFocus()
        qtbot.keyClicks(window.search_box, "child")
        button = next(button for button in window.search_box.findChildren(QToolButton)
                      if button.accessibleName() == "Clear search")
        qtbot.waitUntil(button.isVisible)
        qtbot.wait(300)  # Qt's fades in
        return inked(button.grab().toImage())

    usual, large = at_10_and_20(qtbot, cross)
    assert usual > 0 and large >= GROWN * usual, (usual, large)


def test_a_large_clear_button_empties_the_search_box(qtbot) -> None:
    for _ in at_points(20):
        window = shown_window(qtbot)
        window.search_box.setFocus()
        qtbot.keyClicks(window.search_box, "child")
        button = next(button for button in window.search_box.findChildren(QToolButton)
                      if button.accessibleName() == "Clear search")
        assert button.isVisible()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.search_box.text() == ""
        assert not button.isVisible()


def test_the_chapters_scroll_bar_grows_with_the_text(qtbot) -> None:
    usual, large = at_10_and_20(qtbot, lambda window: window.chapter.verticalScrollBar().width())
    assert large >= GROWN * usual, (usual, large)


def test_the_contents_scroll_bar_of_a_new_edition_grows_with_the_text(qtbot) -> None:
    def switched(window: MainWindow) -> int:
        window.load_edition(load_manual(CONTENT), changes=[])  # an update installed meanwhile
        return window.contents.tree.verticalScrollBar().sizeHint().width()

    usual, large = at_10_and_20(qtbot, switched)
    assert large >= GROWN * usual, (usual, large)


def test_the_back_arrow_grows_with_the_text(qtbot) -> None:
    def arrow(window: MainWindow) -> int:
        side = window.toolbar.iconSize()
        return inked(window.back_action.icon().pixmap(side).toImage())

    usual, large = at_10_and_20(qtbot, arrow)
    assert usual > 0 and large >= GROWN * usual, (usual, large)


def test_in_large_text_each_search_result_fits_its_row(qtbot) -> None:
    from PySide6.QtWidgets import QStyleOptionViewItem

    from .test_search_panel import type_query

    for _ in at_points(20):
        window = shown_window(qtbot)
        window.resize(1400, 900)
        window.start_search()  # as the app does after its first paint
        qtbot.waitUntil(lambda shown=window: shown.search.full_text, timeout=30_000)
        type_query(qtbot, window, "fostering")
        view = window.search.results
        qtbot.waitUntil(view.verticalScrollBar().isVisible)
        qtbot.wait(200)  # the list lays its rows out again a moment after a resize
        assert not view.horizontalScrollBar().isVisible()  # nothing beyond its edge
        for row in range(window.search.model.rowCount()):
            index = window.search.model.index(row, 0)
            option = QStyleOptionViewItem()
            option.initFrom(view)
            option.rect = view.visualRect(index)
            drawn = view.itemDelegate()._document(option, index)
            # the row's words as wrapped at its width, not running into the next row
            assert drawn.size().height() <= option.rect.height() + 1, index.data()



def test_in_large_text_a_long_outline_wraps_beside_its_wider_scroll_bar(qtbot) -> None:
    from reader.render import Heading
    from reader.ui.text_sized_controls import text_sized_scroll_bars

    from .test_outline import shown_outline

    for _ in at_points(20):
        outline = shown_outline(qtbot, 300, 300)
        text_sized_scroll_bars(outline.list)  # as the window does in large text
        steps = tuple(Heading(2, f"Step {n}: agree the plan with the family and the child",
                              f"s{n}") for n in range(40))
        outline.set_headings(steps, {f"s{n}": 50.0 * n for n in range(40)})
        outline.follow(0)
        listed = outline.list
        listed.viewport().repaint()
        assert listed.verticalScrollBar().isVisible()
        rows = [listed.visualItemRect(listed.item(n)) for n in range(listed.count())]
        assert all(row.right() < listed.viewport().width() for row in rows)
        listed.doItemsLayout()  # as Qt lays it out at this width from nothing
        assert [listed.visualItemRect(listed.item(n)) for n in range(listed.count())] == rows


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_chapters_scroll_bar_arrows_grow_with_the_text(qtbot, theme: str) -> None:
    # the bar grew to twice its width at 20 points, and its arrows stayed Fusion's 8 pixels
    # (high contrast's bars have no buttons)
    from PySide6.QtWidgets import QStyle, QStyleOptionSlider

    def arrows(window: MainWindow) -> int:
        window.set_theme(theme)
        bar = window.chapter.verticalScrollBar()
        option = QStyleOptionSlider()
        bar.initStyleOption(option)
        image = bar.grab().toImage()
        sizes = []
        for button in (QStyle.SubControl.SC_ScrollBarSubLine,
                       QStyle.SubControl.SC_ScrollBarAddLine):
            place = bar.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                               button, bar)
            sizes.append(inked(image.copy(place.adjusted(3, 3, -3, -3))))  # inside its edge
        return min(sizes)

    usual, large = at_10_and_20(qtbot, arrows)
    assert usual > 0 and large >= GROWN * usual, (usual, large)
