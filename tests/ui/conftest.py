"""Fixtures for the window tests: the real main window on the bundled manual."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTabBar

from reader.manual import load_manual
from reader.ui.garbage import GuiThreadCollector
from reader.ui.main_window import MainWindow

from ..conftest import CONTENT


def shown_window(qtbot) -> MainWindow:
    """A new main window on the bundled manual, shown offscreen (a restart, when called again)."""
    win = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def activate(qtbot, win: MainWindow) -> None:
    """The person goes back to this window (a click on it, Alt+Tab)."""
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)


def chosen_tab(bar: QTabBar) -> QImage:
    """The bar's chosen tab as drawn on screen."""
    bar.repaint()
    return bar.grab(bar.tabRect(bar.currentIndex())).toImage()


@pytest.fixture
def window(qtbot) -> MainWindow:
    """The main window on the bundled manual, shown offscreen."""
    return shown_window(qtbot)


@pytest.fixture(scope="session", autouse=True)
def gui_thread_collector(qapp) -> Iterator[GuiThreadCollector]:
    """As in the app: cycles (closed windows among them) are collected on the GUI thread only."""
    collector = GuiThreadCollector(qapp)
    yield collector
    collector.stop()
