"""The desktop's text size changed while the reader is open (10 points, then 20, then 10
again): the scroll bars, the toolbar's icons, the fields' clear buttons and the search
panel's section arrow grow with the words, as in a window opened at 20 points, and are the
style's own again at 10, as in a window opened at 10."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton

from reader.ui.clear_button import CLEAR_ACTION
from reader.ui.large_clear_button import LargeClearButton
from reader.ui.main_window import MainWindow
from reader.ui.text_sized_controls import text_scale

from .conftest import shown_window
from .test_large_controls import at_10_and_20, inked
from .test_large_text import at_points
from .test_text_sized_arrows import combo_arrow


def settled(qtbot, window: MainWindow) -> None:
    """The window done with the new text size: its fields' clear buttons, changed just after
    it, are the size's own, and the panes laid out again."""
    def done() -> bool:
        # a hidden field (the filter, under the search's results) may take the size later
        return all(field.font().pointSizeF() == QApplication.font().pointSizeF()
                   and (field.findChild(LargeClearButton) is not None) == (text_scale(field) > 1)
                   for field in (window.search_box, window.contents.filter_box,
                                 window.find_bar.field))

    qtbot.waitUntil(done)
    qtbot.wait(50)


def as_text_changes(qtbot, measure: Callable[[MainWindow], object]) -> tuple[object, object]:
    """The measure of a window opened at 10 points once the text is 20, then 10 again."""
    for _ in at_points(10):
        window = shown_window(qtbot)
        window.open_entry("1.1.1")
        for _ in at_points(20):
            settled(qtbot, window)
            grown = measure(window)
        settled(qtbot, window)
        shrunk = measure(window)
    return grown, shrunk


def follows_the_text(qtbot, measure: Callable[[MainWindow], object]) -> None:
    usual, large = at_10_and_20(qtbot, measure)
    grown, shrunk = as_text_changes(qtbot, measure)
    assert usual != large
    assert grown == large, f"{grown} at 20 points after 10, {large} opened at 20"
    assert shrunk == usual, f"{shrunk} at 10 points again, {usual} opened at 10"


def scroll_bars(window: MainWindow) -> tuple[object, ...]:
    """The chapter's, the contents' and the search results' scroll bars: their widths, and
    whether the results' bar is kept there without anything to scroll."""
    results = window.search.results
    return (window.chapter.verticalScrollBar().width(),
            window.contents.tree.verticalScrollBar().width(),
            bool(window.contents.tree.verticalScrollBar().styleSheet()),
            results.verticalScrollBarPolicy())


def test_the_scroll_bars_follow_the_text_size_as_it_changes(qtbot) -> None:
    follows_the_text(qtbot, scroll_bars)


def back_arrow(window: MainWindow) -> tuple[int, int]:
    side = window.toolbar.iconSize()
    return side.width(), inked(window.back_action.icon().pixmap(side).toImage())


def test_the_toolbars_icons_follow_the_text_size_as_it_changes(qtbot) -> None:
    follows_the_text(qtbot, back_arrow)


def clear_button(qtbot, field: QLineEdit, name: str) -> QToolButton:
    """The field's clear button, shown once it has text."""
    field.setText("child")
    button = next(button for button in field.findChildren(QToolButton)
                  if button.accessibleName() == name)
    qtbot.waitUntil(button.isVisible)
    qtbot.wait(300)  # Qt's fades in
    return button


def clear_crosses(qtbot) -> Callable[[MainWindow], object]:
    """Each field's clear cross, whether it is Qt's own, and whether a click on it clears
    the field (and, in the search box, takes the search away)."""
    def crosses(window: MainWindow) -> list[tuple[int, bool, bool]]:
        window.search_box.clear()  # the contents and their filter in sight
        window.find_bar.show()
        measured = []
        for field, name in ((window.contents.filter_box, "Clear filter"),
                            (window.find_bar.field, "Clear find"),
                            (window.search_box, "Clear search")):  # last: it hides the filter
            button = clear_button(qtbot, field, name)
            action = button.defaultAction()
            drawn = inked(button.grab().toImage())
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            measured.append((drawn, action is not None and action.objectName() == CLEAR_ACTION,
                             field.text() == ""))
        assert window.navigator.currentWidget() is window.contents  # the search follows
        return measured
    return crosses


def test_the_fields_clear_buttons_follow_the_text_size_as_it_changes(qtbot) -> None:
    follows_the_text(qtbot, clear_crosses(qtbot))


def section_arrow(qtbot) -> Callable[[MainWindow], object]:
    def arrow(window: MainWindow) -> tuple[int, bool]:
        window.navigator.setCurrentWidget(window.search)  # as a search shows it
        qtbot.waitUntil(window.search.section_box.isVisible)
        box = window.search.section_box
        return combo_arrow(box), bool(box.styleSheet())
    return arrow


def test_the_section_lists_arrow_follows_the_text_size_as_it_changes(qtbot) -> None:
    follows_the_text(qtbot, section_arrow(qtbot))
