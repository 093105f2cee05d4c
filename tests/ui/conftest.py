"""Fixtures for the window tests: the real main window on the bundled manual."""

from __future__ import annotations

import pytest

from reader.manual import load_manual
from reader.ui.main_window import MainWindow

from ..conftest import CONTENT


@pytest.fixture
def window(qtbot) -> MainWindow:
    """The main window on the bundled manual, shown offscreen."""
    win = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
