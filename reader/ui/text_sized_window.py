"""The window's small controls sized to its text: as the window is built in large text,
and again as the desktop's text size changes while the reader is open.

The style draws these at one size whatever the text (see text_sized_controls.py); the
contents tree's arrows and the tabs' close crosses follow the text on their own.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from reader.ui.clear_button import text_sized_clear_button
from reader.ui.text_sized_arrows import text_sized_box_arrows
from reader.ui.text_sized_controls import text_sized_scroll_bars, text_sized_toolbar

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def size_controls_to_text(window: MainWindow) -> None:
    """The window's scroll bars, toolbar icons, clear buttons and the search panel's
    section list for its text's size: larger in large text, the style's own at the usual
    sizes."""
    for pane in (window.contents.tree, window.search.results, window.outline.list,
                 window.saved.bookmarks_pane.list, window.saved.history_pane.list,
                 *window.tabs.views()):
        text_sized_scroll_bars(pane)
    if window.banner.scroller is not None:  # made only for a notice too long for its room
        text_sized_scroll_bars(window.banner.scroller)
    text_sized_toolbar(window.toolbar)
    box = window.search.section_box
    # Qt gives a widget with a style sheet of its own (the large arrows') no new font:
    # without it, the list takes the window's
    box.setStyleSheet("")
    text_sized_box_arrows(box)
    for field in (window.search_box, window.contents.filter_box, window.find_bar.field):
        # after the change: Qt is still sending each widget the new font, and would send
        # it to its own clear button once deleted
        QTimer.singleShot(0, field, partial(text_sized_clear_button, field))
