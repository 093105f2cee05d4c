"""The frozen app's entry point: the reader's command line, plus a hidden start-up probe.

With READER_EXIT_AFTER_FIRST_PAINT=1 the app prints one JSON line when the main window is
first painted and exits, so benchmarks/bench_frozen.py can time a cold start of the frozen
app the way benchmarks/startup_probe.py times the checkout (that probe cannot be injected
into a frozen app). The QApplication is made here first and the reader reuses it.
"""

from __future__ import annotations

import os
import sys


def _peak_mib() -> float:
    """VmHWM on Linux (ru_maxrss would carry the benchmark's own peak across exec); else 0."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _install_first_paint_probe() -> None:
    """Print {"rss_mib": ...} on the first paint of a main window, then quit."""
    import json

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                print(json.dumps({"rss_mib": _peak_mib()}), flush=True)
                app.removeEventFilter(self)
                app.exit(0)
            return False

    app = QApplication(sys.argv[:1])
    probe = FirstPaint(app)
    app.installEventFilter(probe)


def main() -> int:
    if os.environ.get("READER_EXIT_AFTER_FIRST_PAINT") == "1":
        _install_first_paint_probe()
    from reader.start import run

    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
