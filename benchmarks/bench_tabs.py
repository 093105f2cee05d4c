"""Tabs: switching between tabs, going back, and starting with ten restored tabs."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from typing import Any

from benchmarks.budgets import BUDGETS, checked
from benchmarks.user_folders import user_folders_in

REPEATS = 30
RESTORE_RUNS = 5
REFS = ("1.1.1", "6.7.6", "9", "1.1.2", "6.4.3", "2.5", "1.1.6", "3", "6.7.3", "1.1.10")


def _figures(name: str, times: list[float]) -> dict[str, float]:
    return {f"{name} median ms": statistics.median(times), f"{name} max ms": max(times)}


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as home:
        # never the real user's bookmarks, history or session
        os.environ.update(user_folders_in(home))
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return _measure()


def _measure() -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from reader.manual import load_manual
    from reader.session import Session, TabState
    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    manual = load_manual()
    session = Session(tabs=tuple(
        TabState("section" if "." not in ref else "entry", ref, 200) for ref in REFS))
    starts = []
    for _ in range(RESTORE_RUNS):
        started = time.perf_counter()
        window = MainWindow(manual)
        window.restore(session)
        window.show()
        app.processEvents()
        starts.append((time.perf_counter() - started) * 1000)
        if len(starts) < RESTORE_RUNS:
            window.close()
            window.deleteLater()
            app.processEvents()
    assert window.tabs.count() == len(REFS)
    switches = []
    for n in range(REPEATS):
        started = time.perf_counter()
        window.tabs.setCurrentIndex((n + 1) % window.tabs.count())
        window.chapter.viewport().repaint()  # include layout and paint of the pane
        switches.append((time.perf_counter() - started) * 1000)
    backs = []
    window.tabs.setCurrentIndex(0)
    for n in range(REPEATS):
        window.open_entry(REFS[(n + 1) % len(REFS)] if "." in REFS[(n + 1) % len(REFS)]
                          else "1.1.1")
        started = time.perf_counter()
        window.go_back()
        window.chapter.viewport().repaint()
        backs.append((time.perf_counter() - started) * 1000)
    window.close()
    figures: dict[str, Any] = {**_figures("switch tab", switches), **_figures("back", backs),
                               **_figures("start with 10 restored tabs", starts)}
    figures[BUDGETS] = checked(figures, {"switch tab median ms": 50.0, "back median ms": 50.0,
                                         "start with 10 restored tabs median ms": 1500.0})
    return figures
