"""Run in a child process: start the reader (or a bare window) and report the first paint.

Prints one JSON line when the main window receives its first paint event, then exits:
{"rss_mib": peak resident memory so far}. The parent times from spawn to that line.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

from benchmarks.memory import peak_rss_mib


class FirstPaint(QObject):
    """Reports the first paint of a main window and quits."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print(json.dumps({"rss_mib": peak_rss_mib()}), flush=True)
            QApplication.instance().removeEventFilter(self)
            QApplication.instance().exit(0)
        return False


def main() -> int:
    mode = sys.argv[1]
    app = QApplication(sys.argv[:1])
    probe = FirstPaint()
    app.installEventFilter(probe)
    if mode == "bare":
        window = QMainWindow()
        window.resize(1200, 780)
        window.show()
        return app.exec()
    from reader.cli import main as reader_main

    argv = ["--open", sys.argv[2]] if len(sys.argv) > 2 else []
    return reader_main(argv)


if __name__ == "__main__":
    sys.exit(main())
