"""The window's everyday actions on a manual ten times today's, with a person's lists full.

On the 10x synthetic manual (benchmarks/synthetic.py: 1,620 chapters) and 1,000 bookmarks and
a full history, each action is timed from the key or call to the repaint of the panes it
changes: a letter typed into the contents filter and taken away again, the arrow keys in the
filtered tree, opening a chapter from the tree, Back, removing a bookmark, and a theme or
text size change with ten tabs open (and the first look at another tab after it), and What's
new with 1,500 changes and a chapter of 999 headings with its outline, opened (the first
time, and again) and scrolled.
The budget of each is 50 ms, the pause a person begins to notice while typing; those over it
(by the median) are listed.

`python -m benchmarks bench_scale` runs it; `run()` returns the figures.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.budgets import BUDGETS, checked
from benchmarks.synthetic import make_manual
from benchmarks.user_folders import user_folders_in

WORD = "placement"  # typed letter by letter: "p" keeps nearly every row, "pl" a few dozen
BOOKMARKS = 1000
BUDGET_MS = 50.0
LONG_HEADINGS = 999
CHANGES = 1500


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as temp:
        # never the real user's bookmarks, history or settings
        os.environ.update(user_folders_in(temp))
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return _measure(make_manual(Path(temp) / "content-10x", scale=10))


def _make_long(path: Path, title: str) -> None:
    """A chapter of 999 headings, just under the most a page may have."""
    parts = ["---", f"title: {title}", "last_updated: 2024-09-02", "version: 1", "---", ""]
    for n in range(LONG_HEADINGS):
        parts += [f"## Heading {n} of the long chapter", "", "Some text under it. " * 20, ""]
    path.write_text("\n".join(parts), encoding="utf-8")


def _measure(content: Path) -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from reader.bookmarks import Bookmark, save_bookmarks
    from reader.history import HISTORY_LIMIT, Visit, save_history
    from reader.manual import load_manual
    from reader.render import ChapterRenderer
    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    chapters = list(load_manual(content).chapters())
    long = chapters[5]
    assert long.file is not None
    _make_long(content / long.file, long.title)
    manual = load_manual(content)
    save_bookmarks(tuple(Bookmark(e.id, e.label, "2024-09-02T10:00:00+00:00")
                         for e in chapters[:BOOKMARKS]))
    save_history(tuple(Visit(e.id, e.label, f"2024-09-02T10:{n // 60:02d}:{n % 60:02d}+00:00")
                       for n, e in enumerate(chapters[:HISTORY_LIMIT])))
    window = MainWindow(manual)
    window.show()
    app.processEvents()
    pane, tree = window.contents, window.contents.tree
    times: dict[str, list[float]] = {}

    def timed(name: str, act: Callable[[], object], *panes: QWidget) -> None:
        started = time.perf_counter()
        act()
        for shown in panes or (window.chapter.viewport(),):
            shown.repaint()
        app.processEvents()
        times.setdefault(name, []).append((time.perf_counter() - started) * 1000)

    for _ in range(2):
        pane.filter_box.setFocus()
        for letter in WORD:
            timed("filter letter typed", lambda k=letter: QTest.keyClick(pane.filter_box, k),
                  tree.viewport())
        QTest.keyClick(pane.filter_box, Qt.Key.Key_Down)
        for _ in range(10):
            timed("arrow in filtered tree", lambda: QTest.keyClick(tree, Qt.Key.Key_Down),
                  tree.viewport(), window.chapter.viewport())
        pane.filter_box.setFocus()
        for _ in WORD:
            timed("filter letter deleted",
                  lambda: QTest.keyClick(pane.filter_box, Qt.Key.Key_Backspace), tree.viewport())
    for entry in chapters[-10:]:
        index = pane.proxy.mapFromSource(pane.model.index_of("entry", entry.id))
        timed("open chapter from tree", lambda i=index: tree.activated.emit(i),
              tree.viewport(), window.chapter.viewport())
    for _ in range(10):
        timed("back", window.go_back)
    bookmarks = window.saved.bookmarks_pane
    window.show_bookmarks()
    app.processEvents()
    for row in (500, 400, 300, 200, 100):
        bookmarks.select_row(row)
        timed(f"remove one of {BOOKMARKS} bookmarks",
              lambda: QTest.keyClick(bookmarks.list, Qt.Key.Key_Delete), bookmarks.list.viewport())
    window._show_contents()
    for entry in chapters[1400:1409]:
        window.new_tab()
        window.open_entry(entry.id)
    app.processEvents()
    for theme in ("dark", "light", "high-contrast", "light"):
        timed("theme change, 10 tabs", lambda t=theme: window.set_theme(t), window)
        timed("next tab after a theme change", lambda: window.tabs.cycle(1))
    for step in (1, 1, -1, -1):
        timed("text size step, 10 tabs", lambda s=step: window.zoom(s))
        timed("next tab after a text size step", lambda: window.tabs.cycle(1))
    changes = [f"updated: {entry.label}: text changed" for entry in chapters[:CHANGES]]
    for _ in range(3):
        # as an update installed shows it (load_edition would also rebuild the search index)
        timed(f"What's new, {CHANGES} changes", lambda: window._open_in(
            window.chapter, "page", "whats-new", record=False,
            page=window.renderer.whats_new_page(changes)))
    for _ in range(3):
        window.open_entry(chapters[0].id)
        app.processEvents()
        window.renderer = ChapterRenderer(manual)  # as if never opened: its Markdown not kept
        timed(f"open a chapter of {LONG_HEADINGS} headings", lambda: window.open_entry(long.id),
              window.outline.list.viewport(), window.chapter.viewport())
    for _ in range(3):  # its Markdown kept from the last time: Back, another tab
        window.open_entry(chapters[0].id)
        app.processEvents()
        timed(f"open it again, {LONG_HEADINGS} headings",
              lambda: window.open_entry(long.id), window.outline.list.viewport(),
              window.chapter.viewport())
    bar = window.chapter.verticalScrollBar()
    for tenth in range(10):
        timed(f"scroll {LONG_HEADINGS} headings, outline following",
              lambda t=tenth: bar.setValue(bar.maximum() * t // 10),
              window.outline.list.viewport(), window.chapter.viewport())
    window.close()
    figures: dict[str, Any] = {"chapters": len(chapters)}
    for name, samples in times.items():
        figures[f"{name} median ms"] = round(statistics.median(samples), 1)
        figures[f"{name} max ms"] = round(max(samples), 1)
    # by the median: a single slow sample is as often another program's as the reader's
    figures[BUDGETS] = checked(figures, {f"{name} median ms": BUDGET_MS for name in times})
    return figures
