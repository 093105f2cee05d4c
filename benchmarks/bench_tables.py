"""A chapter with tables: opening it, first and again, and the window resized with it open.

Each table's columns are measured when the page is set, and shared out again at each new
width (reader/ui/table_columns.py). The chapter here is 1.1.1 with three tables of six
columns and 40 rows added, about as much table as a long procedure has; timed from the call
to the repaint of the pane, against the 50 ms a chapter may take to open.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.budgets import BUDGETS, checked
from benchmarks.chapter_opens import open_times
from benchmarks.user_folders import user_folders_in

REPEATS = 20
TABLES, ROWS = 3, 40
CHAPTER = "childrens-services-policies-values-and-principles"  # 1.1.1
BUDGET_MS = 50.0


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-tables-") as temp:
        # never the real user's settings or session
        os.environ.update(user_folders_in(temp))
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return _measure(_content_with_tables(Path(temp) / "content"))


def _content_with_tables(content: Path) -> Path:
    from reader.manual import BUNDLED_CONTENT

    shutil.copytree(BUNDLED_CONTENT, content)
    chapter = content / "chapters" / f"{CHAPTER}.md"
    parts = [chapter.read_text(encoding="utf-8")]
    for table in range(TABLES):
        parts += ["", f"## Timescales {table + 1}", "",
                  "| Stage | Who acts | Timescale | Conference | Recorded in | Notes |",
                  "| --- | --- | --- | --- | --- | --- |"]
        parts += [f"| Stage {row} | Social worker and police | Within {row} working days "
                  "| Initial Child Protection Conference | Case management system "
                  "| Consider whether a medical examination is needed and record it |"
                  for row in range(ROWS)]
    chapter.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return content


def _measure(content: Path) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from reader.manual import load_manual
    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(load_manual(content))
    window.resize(1200, 780)
    window.show()
    app.processEvents()
    def away() -> None:
        window.open_entry("1.1.3")
        app.processEvents()

    first, again = open_times(window, CHAPTER, 2 * REPEATS, REPEATS, away)
    resizes = []
    for step in range(REPEATS):
        started = time.perf_counter()
        window.resize(1200 - 40 * (step % 2 + 1), 780)
        app.processEvents()
        window.chapter.viewport().repaint()
        resizes.append((time.perf_counter() - started) * 1000)
    window.close()
    figures: dict[str, Any] = {
        "tables x rows x columns": f"{TABLES} x {ROWS} x 6",
        "open the chapter, first time, median ms": statistics.median(first),
        "open the chapter, first time, max ms": max(first),
        "open it again median ms": statistics.median(again),
        "window resized median ms": statistics.median(resizes),
        "window resized max ms": max(resizes),
    }
    figures[BUDGETS] = checked(figures, dict.fromkeys(
        ("open the chapter, first time, median ms", "open it again median ms",
         "window resized median ms"), BUDGET_MS))
    return figures


if __name__ == "__main__":
    from benchmarks.__main__ import print_table

    print_table("tables", run())
