"""The pane that has the keyboard shows it with a coloured edge; the others do not."""

from __future__ import annotations

from reader.ui.focus_edges import EDGE_PIXELS, MARKED, PLAIN
from reader.ui.main_window import MainWindow

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
