"""The frozen app in dist/ (from build_installer.py): start to first painted window, size.

The probe of bench_startup cannot be put into a frozen app, so the app's entry point has a
hidden switch instead: READER_EXIT_AFTER_FIRST_PAINT=1 prints one JSON line on the main
window's first paint and exits (packaging/entry.py). Skipped when dist/ holds no build.
"""

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
from benchmarks.user_folders import user_folders_in

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "dist"
RUNS = 11


def frozen_executable() -> Path | None:
    """The built app's executable in dist/, if there is one."""
    candidates = {
        "win32": DIST / "procedures-reader" / "procedures-reader.exe",
        "darwin": DIST / "Procedures Reader.app" / "Contents" / "MacOS" / "procedures-reader",
    }
    path = candidates.get(sys.platform, DIST / "procedures-reader" / "procedures-reader")
    return path if path.is_file() else None


def _first_paint(executable: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to first paint, and peak memory (MiB) at that moment."""
    started = time.perf_counter()
    child = subprocess.Popen([str(executable), *args], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=60)
    if not line:
        raise RuntimeError(f"{executable} exited ({child.returncode}) before its first paint")
    return elapsed, json.loads(line)["rss_mib"]


def run() -> dict[str, Any]:
    executable = frozen_executable()
    if executable is None:
        return {"skipped: no build in dist/ (make installer)": ""}
    figures: dict[str, Any] = {}
    for archive in sorted(DIST.glob("procedures-reader-*")):
        if archive.is_file():
            figures[f"{archive.name} MB"] = archive.stat().st_size / 1e6
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "READER_EXIT_AFTER_FIRST_PAINT": "1",
               "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        env.update(user_folders_in(home))
        _first_paint(executable, [], env)  # warm the file cache: "cold" means a new process
        starts = [_first_paint(executable, [], env) for _ in range(RUNS)]
        opened = [_first_paint(executable, ["--open", "1.1.1"], env) for _ in range(3)]
    figures.update({
        f"frozen start median s (of {RUNS})": statistics.median(t for t, _ in starts),
        "frozen start max s": max(t for t, _ in starts),
        "frozen peak MiB with 1.1.1 open": max(m for _, m in opened),
    })
    archives = dict.fromkeys((key for key in figures if key.endswith(" MB")), 90.0)
    figures[BUDGETS] = checked(figures, {**archives, f"frozen start median s (of {RUNS})": 1.5})
    return figures


if __name__ == "__main__":
    from benchmarks.__main__ import print_table

    print_table("frozen", run())
