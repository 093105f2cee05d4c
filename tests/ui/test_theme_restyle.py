"""A theme change restyles the window once, and only what it must: the contents tree keeps
its rows' layout, and looks as one laid out afresh; a hidden list waits until it is shown."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from types import FrameType

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from reader.ui.contents import ContentsModel
from reader.ui.main_window import MainWindow
from reader.ui.theme import apply_theme

from .conftest import shown_window

THEMES = ("dark", "light", "high-contrast", "light", "dark", "high-contrast", "dark")


class StyleChanges(QObject):
    """Counts the restyles a widget is given."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            self.count += 1
        return False


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    yield
    apply_theme(qapp, "system")


def rows_asked(act: Callable[[], object]) -> int:
    """How many times the contents tree asked its model for a row while `act` ran."""
    asked = 0
    code = ContentsModel.index.__code__

    def watch(frame: FrameType, event: str, _arg: object) -> None:
        nonlocal asked
        if event == "call" and frame.f_code is code:
            asked += 1

    # watched, not replaced: a model method replaced on the class crashed Qt later
    sys.setprofile(watch)
    try:
        act()
    finally:
        sys.setprofile(None)
    return asked


def settle(qapp, widget) -> None:
    """Events handled until the widget's size holds for three passes: a layout that changes
    passes its change on one level at a time, and a fixed wait was one pass on a busy machine."""
    size, held = widget.size(), 0
    for _ in range(100):  # a size that never holds fails at the comparison after
        qapp.processEvents()
        held = held + 1 if widget.size() == size else 0
        size = widget.size()
        if held == 3:
            return


def test_a_theme_change_keeps_the_contents_trees_rows_as_laid_out(qtbot, qapp, themed) -> None:
    window: MainWindow = shown_window(qtbot)
    window.open_entry("1.1.1")
    tree = window.contents.tree
    for theme in THEMES:
        qapp.processEvents()
        # a few for the rows in sight; every row of the tree asked for again (500 here, ten
        # times that in a manual ten times the size) made the change a person waits for slow
        assert rows_asked(lambda t=theme: window.set_theme(t)) < 50, theme
        settle(qapp, tree)  # the window's layout settles: a high contrast field is taller
        drawn = tree.grab().toImage()
        tree.doItemsLayout()  # laid out afresh in the theme: the same rows, elided the same
        qapp.processEvents()
        assert tree.grab().toImage() == drawn, theme


def test_a_hidden_list_is_restyled_as_it_is_shown(qtbot, qapp, themed) -> None:
    window: MainWindow = shown_window(qtbot)
    window.show_bookmarks()
    bookmarks = window.saved.bookmarks_pane.list
    window._show_contents()
    qapp.processEvents()
    assert not bookmarks.isVisible()
    restyles = StyleChanges(bookmarks)
    for theme in THEMES:
        window.set_theme(theme)
    assert restyles.count == 0  # its rows are laid out only when they can be seen
    window.show_bookmarks()
    qapp.processEvents()
    assert restyles.count == 1


def test_one_stylesheet_replacing_another_restyles_each_widget_at_most_twice(
        qtbot, qapp, themed) -> None:
    window: MainWindow = shown_window(qtbot)
    field = window.contents.filter_box  # deep in the window: Qt restyled it once a level
    window.set_theme("dark")
    restyles = StyleChanges(field)
    window.set_theme("high-contrast")
    assert 1 <= restyles.count <= 2
    restyles.count = 0
    window.set_theme("high-contrast")  # the theme already drawn: nothing to restyle
    assert restyles.count == 0
