"""The reading tabs: Tab onto them from the page shows where the keyboard went, in every theme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reader.ui.main_window import MainWindow

from ..contrast import contrast_ratio
from .conftest import activate, chosen_tab


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_chosen_reading_tab_is_marked_plainly_while_the_tabs_have_the_keys(
        qtbot, window: MainWindow, theme: str) -> None:
    window.set_theme(theme)
    try:
        window.open_entry("1.1.1")
        activate(qtbot, window)
        window.chapter.setFocus()
        bar = window.tabs.tabBar()
        qtbot.waitUntil(lambda: not bar.hasFocus())
        before = chosen_tab(window.tabs.tabBar())
        # Tab from the edition notice's close button, the one before the tabs
        assert window.banner.isVisible()  # the bundled edition is years old
        window.banner.close_button.setFocus()
        qtbot.keyClick(window.banner.close_button, Qt.Key.Key_Tab)
        qtbot.waitUntil(bar.hasFocus)
        after = chosen_tab(window.tabs.tabBar())
        changed = [(QColor(before.pixel(x, y)).name(), QColor(after.pixel(x, y)).name())
                   for x in range(after.width()) for y in range(after.height())
                   if before.pixel(x, y) != after.pixel(x, y)]
        # Fusion tinted the tab a shade (1.1:1 in light and dark), and high contrast drew
        # it as it always does: Tab onto the tabs seemed to go nowhere
        marked = [pair for pair in changed if contrast_ratio(*pair) >= 3.0]
        assert len(marked) >= bar.tabRect(bar.currentIndex()).width(), (theme, changed[:5])
    finally:
        window.set_theme("system")
