"""The panes' widgets sit flush with the pane's edges: the splitters give the space."""

from __future__ import annotations

from reader.ui.main_window import MainWindow


def test_the_side_panes_add_no_margin_of_their_own(window: MainWindow) -> None:
    # a margin here doubled the splitter's, and the search box stood off from its pane
    window.show_bookmarks()
    for pane in (window.contents, window.search, window.saved.bookmarks_pane):
        top = pane.layout().itemAt(0).geometry()
        assert (top.left(), top.top(), top.width()) == (0, 0, pane.width()), pane
    # the contents filter 4 pixels above its tree: at Qt's 6 or more it stood apart from it
    window.sidebar.setCurrentWidget(window.navigator)
    layout = window.contents.layout()
    layout.activate()
    widgets = [layout.itemAt(at).widget() for at in range(layout.count())]
    box, tree = [widget.geometry() for widget in widgets if widget and not widget.isHidden()][:2]
    assert tree.top() - box.bottom() - 1 == 4
