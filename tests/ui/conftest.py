"""Fixtures for the window tests: the real main window on the bundled manual."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTabBar

from reader.manual import load_manual
from reader.session import Session, load_session
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


def restarted(qtbot, win: MainWindow) -> tuple[MainWindow, Session]:
    """The window closed, and a new one shown as its session puts it back; and the session."""
    win.close()
    session, _notice = load_session()
    again = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(again)
    again.restore(session)
    again.show()
    qtbot.waitExposed(again)
    return again, session


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


@pytest.fixture
def started_from_a_shortcut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The reader started from a shortcut, its working folder the program's; the person's
    Documents folder, which file dialogs should offer."""
    started_in = tmp_path / "program"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return home / "Documents"


def opened_in_folders(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders open-file dialogs are opened in from now on; each is cancelled."""
    from PySide6.QtWidgets import QFileDialog

    folders: list[Path] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda _parent, _caption, folder, _filter: folders.append(Path(folder))
                        or ("", ""))
    return folders


@pytest.fixture(autouse=True)
def theme_put_back(qapp) -> Iterator[None]:
    """A theme a test chose is the whole application's palette and stylesheet: put back as
    at the start after the test, or a later test measured its page on high contrast's black."""
    from reader.ui.theme import Theme, apply_theme

    sheet = qapp.styleSheet()
    yield
    if qapp.styleSheet() != sheet:
        apply_theme(qapp, Theme.SYSTEM)
