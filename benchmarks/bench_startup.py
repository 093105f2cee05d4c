"""Cold start to first painted window, beside a bare and a same-shape PySide6 window; chapter
open; memory."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.budgets import BUDGETS, checked
from benchmarks.chapter_opens import open_times
from benchmarks.user_folders import user_folders_in

REPO = Path(__file__).resolve().parent.parent
RUNS = 15
CHAPTER_OPENS = 50
FIRST_OPENS = 20  # of them, each with the renderer new


def _first_paint(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to first paint, and peak memory (MiB) at that moment."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.startup_probe", *args],
        cwd=REPO, env=env, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=60)
    return elapsed, json.loads(line)["rss_mib"]


def _chapter_open_ms() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from reader.manual import load_manual
    from reader.ui.garbage import GuiThreadCollector
    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    collector = GuiThreadCollector(app)  # as in the app, with a worker thread running
    window = MainWindow(load_manual())
    window.show()
    app.processEvents()
    window.start_search()  # as the app does after its first paint: it also imports Markdown
    while not window.search.full_text:
        app.processEvents()
        time.sleep(0.005)
    figures = {}
    for label, ref in (("open 1.1.1 (full text)", "1.1.1"), ("open 6.4.3 (not held)", "6.4.3")):
        first, again = open_times(window, ref, CHAPTER_OPENS, FIRST_OPENS,
                                  window.show_start_page)
        figures[f"{label}, first time, median ms"] = statistics.median(first)
        figures[f"{label}, first time, max ms"] = max(first)
        figures[f"{label}, again, median ms"] = statistics.median(again)
    window.close()
    collector.stop()
    return figures


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        env.update(user_folders_in(home))
        # as installed (pip compiles modules, the frozen app holds bytecode): compiled once,
        # not at every start, even where the environment says not to write bytecode
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(home) / "pycache")
        modes = ("bare", "shape", "reader")
        for mode in modes:  # "cold" means a new process, files cached
            _first_paint([mode], env)
        # taken in turn, so that a machine slowing down or speeding up meets every mode alike
        runs: dict[str, list[tuple[float, float]]] = {mode: [] for mode in modes}
        for _ in range(RUNS):
            for mode in modes:
                runs[mode].append(_first_paint([mode], env))
        bare, shape, reader = runs["bare"], runs["shape"], runs["reader"]
        opened = [_first_paint(["reader", "1.1.1"], env) for _ in range(3)]
    bare_s = statistics.median(t for t, _ in bare)
    shape_s = statistics.median(t for t, _ in shape)
    reader_s = statistics.median(t for t, _ in reader)
    figures: dict[str, Any] = {
        "bare window start median s": bare_s,
        "same-shape window, no reader code, start median s": shape_s,
        "same-shape / bare ratio": shape_s / bare_s,
        "reader start median s": reader_s,
        "reader / bare ratio": reader_s / bare_s,
        "bare window peak MiB": max(m for _, m in bare),
        "reader peak MiB with 1.1.1 open": max(m for _, m in opened),
    }
    figures.update(_chapter_open_ms())
    figures[BUDGETS] = checked(figures, {
        "reader start median s": 1.0, "reader / bare ratio": 1.5,
        "reader peak MiB with 1.1.1 open": 150.0,
        "open 1.1.1 (full text), first time, median ms": 50.0,
        "open 6.4.3 (not held), first time, median ms": 50.0,
    })
    return figures


if __name__ == "__main__":
    from benchmarks.__main__ import print_table

    print_table("startup", run())
