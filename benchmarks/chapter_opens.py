"""A chapter opened in the window, timed to the repaint of its pane: the first time, and again."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def open_times(window: Any, ref: str, runs: int, first_runs: int,
               away: Callable[[], object]) -> tuple[list[float], list[float]]:
    """Milliseconds to open `ref`, `runs` times, each after `away` has left it: the first
    `first_runs` as if never opened (a new renderer: the window's keeps what it converted),
    the rest as opened again (Back, another tab)."""
    from reader.render import ChapterRenderer

    first: list[float] = []
    again: list[float] = []
    for run in range(runs):
        away()
        if run < first_runs:
            window.renderer = ChapterRenderer(window.manual)
        started = time.perf_counter()
        window.open_entry(ref)
        window.chapter.viewport().repaint()  # include layout and paint of the pane
        (first if run < first_runs else again).append((time.perf_counter() - started) * 1000)
    return first, again
