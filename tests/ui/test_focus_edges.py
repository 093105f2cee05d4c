"""The pane that has the keyboard shows it with a coloured edge; the others do not."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reader.manual import load_manual
from reader.ui.focus_edges import EDGE_PIXELS, MARKED, PLAIN
from reader.ui.main_window import MainWindow

from ..conftest import CONTENT
from .conftest import activate


def test_the_edge_follows_the_keyboard_from_pane_to_pane(qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    tree, chapter = window.contents.tree, window.chapter
    for pane in (tree, chapter):
        assert pane.lineWidth() == EDGE_PIXELS  # an edge to colour, focused or not
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    assert tree.foregroundRole() == MARKED
    assert chapter.foregroundRole() == PLAIN
    chapter.setFocus()
    qtbot.waitUntil(chapter.hasFocus)
    # the tree's edge goes as the chapter's comes: one pane marked at a time
    assert chapter.foregroundRole() == MARKED
    assert tree.foregroundRole() == PLAIN


def test_a_new_tab_starts_plain_and_is_marked_once_it_has_the_keyboard(
        qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    window.contents.tree.setFocus()
    qtbot.waitUntil(window.contents.tree.hasFocus)
    view = window.new_tab(select=False)
    assert view.foregroundRole() == PLAIN  # the keyboard is still in the tree
    window.tabs.setCurrentWidget(view)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert view.foregroundRole() == MARKED
    assert window.contents.tree.foregroundRole() == PLAIN


def edge_colours(pane: QWidget) -> set[str]:
    """The colours of the pane's outer two pixels, along its left side's middle half."""
    pane.repaint()
    image = pane.grab().toImage()
    quarter = image.height() // 4
    return {image.pixelColor(x, y).name()
            for x in range(EDGE_PIXELS) for y in range(quarter, 3 * quarter)}


def test_in_high_contrast_each_pane_has_a_white_edge_and_a_yellow_one_with_the_keys(
        qtbot, window: MainWindow) -> None:
    # a grey edge (#808080) was no colour of the theme's; white alone stays plainly
    # apart from the keyboard's yellow by its width
    activate(qtbot, window)
    window.set_theme("high-contrast")
    tree, chapter = window.contents.tree, window.chapter
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    assert edge_colours(tree) == {"#ffff00"}
    assert edge_colours(chapter) == {"#ffffff", "#000000"}  # a line, and black beside it
    chapter.setFocus()
    qtbot.waitUntil(chapter.hasFocus)
    assert edge_colours(chapter) == {"#ffff00"}
    assert edge_colours(tree) == {"#ffffff", "#000000"}


def test_the_contents_of_a_new_edition_show_the_edge_with_the_keys(
        qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    window.load_edition(load_manual(CONTENT), changes=[])  # an update installed meanwhile
    tree = window.contents.tree
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    assert tree.lineWidth() == EDGE_PIXELS
    assert tree.foregroundRole() == MARKED
