"""Run in a child process: start the reader (or a bare or same-shape window), report first paint.

Prints one JSON line when the main window receives its first paint event, then exits:
{"rss_mib": peak resident memory so far}. The parent times from spawn to that line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

if sys.argv[1:2] == ["reader"]:
    # in the order `python -m reader` takes: its command line, and all that imports, before
    # Qt; then reader.ui, which sets Qt's import hooks as the reader has them
    import reader.cli
    import reader.ui  # noqa: F401

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from benchmarks.memory import peak_rss_mib  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


class FirstPaint(QObject):
    """Reports the first paint of a main window and quits.

    It watches each main window as it is shown, not the whole application: an application-wide
    Python filter makes PySide wrap every widget that receives an event, and wrapping a plain
    QWidget (a scroll area's viewport) makes it create every QWidget class with its enums,
    about 13 ms that the reader itself does not spend.
    """

    def watch_shown_windows(self) -> None:
        show = QMainWindow.show

        def show_watched(window: QMainWindow) -> None:
            window.installEventFilter(self)
            show(window)

        QMainWindow.show = show_watched  # type: ignore[method-assign]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print(json.dumps({"rss_mib": peak_rss_mib()}), flush=True)
            watched.removeEventFilter(self)
            QApplication.instance().exit(0)
        return False


def shape_window() -> QMainWindow:
    """The reader's window reduced to its shape, in one file with none of the reader's code.

    A filter box and a tree of the bundled contents (sections and their items), a text pane
    with a page of HTML, five menus of eight actions and a status bar: the floor for any
    window that shows what the reader's first frame shows.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QLineEdit,
        QSplitter,
        QTextBrowser,
        QTreeView,
        QVBoxLayout,
        QWidget,
    )

    contents = json.loads((REPO / "content" / "contents.json").read_text(encoding="utf-8"))
    window = QMainWindow()
    window.resize(1200, 780)
    navigator = QWidget()
    layout = QVBoxLayout(navigator)
    layout.addWidget(QLineEdit())
    tree = QTreeView()
    layout.addWidget(tree)
    model = QStandardItemModel(tree)
    for section in contents["sections"]:
        row = QStandardItem(section["title"])
        model.appendRow(row)
        for item in section["items"]:
            row.appendRow(QStandardItem(str(item.get("title", ""))))
    tree.setModel(model)
    tree.expandToDepth(0)
    page = QTextBrowser()
    page.setHtml("<h1>Start</h1>" + "<p>A paragraph of the start page.</p>" * 40)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(navigator)
    splitter.addWidget(page)
    window.setCentralWidget(splitter)
    for name in ("File", "Edit", "View", "Go", "Help"):
        menu = window.menuBar().addMenu(name)
        for number in range(8):
            action = QAction(f"{name} {number}", window)
            action.setShortcut(f"Ctrl+{number}")
            menu.addAction(action)
    window.statusBar().showMessage("Ready")
    return window


def main() -> int:
    mode = sys.argv[1]
    app = QApplication(sys.argv[:1])
    probe = FirstPaint()
    probe.watch_shown_windows()
    if mode in ("bare", "shape"):
        window = QMainWindow() if mode == "bare" else shape_window()
        window.resize(1200, 780)
        window.show()
        return app.exec()
    from reader.cli import main as reader_main

    argv = ["--open", sys.argv[2]] if len(sys.argv) > 2 else []
    return reader_main(argv)


if __name__ == "__main__":
    sys.exit(main())
