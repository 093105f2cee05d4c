"""Help > About: what the reader is built from, and what it promises."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from dataclasses import replace
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reader import APP_DISPLAY_NAME, __version__
from reader.manual import load_manual
from reader.ui import about
from reader.ui.about import AboutDialog, about_html
from reader.ui.focus_edges import MARKED
from reader.ui.placement import FRAME_EDGES, TITLE_BAR

from ..conftest import CONTENT, REPO
from .test_large_controls import GROWN
from .test_large_text import at_points


def test_about_gives_each_components_version_and_the_no_network_promise() -> None:
    html = about_html(load_manual(CONTENT).info)
    for name in ("Markdown", "Whoosh", "platformdirs"):
        assert f"<td>{name}</td><td>{metadata.version(name)}</td>" in html
    assert "The reader opens no network connection." in html
    # which reader, and which edition of the manual, to quote when asking for help
    assert f"<h3>{APP_DISPLAY_NAME} {__version__}</h3>" in html
    assert "Edition of 2 September 2024." in html


def test_about_credits_every_package_the_reader_is_built_with() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    credited = {name.lower() for name, _licence in about.COMPONENTS}
    # the importers' two were left out, though the installed app carries them too
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=!~;\[ ]", requirement)[0]
        assert name.lower() in credited, name
        assert f"<td>{metadata.version(name)}</td>" in about_html(load_manual(CONTENT).info)


def test_a_component_with_no_version_to_read_is_said_to_be_bundled(monkeypatch) -> None:
    def unknown(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", unknown)  # as in the frozen app
    assert "<td>Whoosh</td><td>bundled</td>" in about_html(load_manual(CONTENT).info)


def test_a_title_with_markup_characters_is_shown_as_written() -> None:
    info = replace(load_manual(CONTENT).info, title="Children & Families <Derby>")
    assert "<b>Children &amp; Families &lt;Derby&gt;</b>" in about_html(info)


# Help > About opened on the window, looked at once shown, then closed; the message box of
# old waited in its own event loop, where the timer still runs
ABOUT_ON_A_LAPTOP = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QScrollArea
from reader import APP_DISPLAY_NAME, __version__
from reader.manual import load_manual
from reader.ui.app import application
from reader.ui.main_window import MainWindow
app = application()
window = MainWindow(load_manual(sys.argv[1]))
window.show()
seen = {}
def look():
    box = QApplication.activeModalWidget()
    free = box.screen().availableGeometry()
    seen.update(height=box.height(), width=box.width(), screen=[free.width(), free.height()],
                scrolled=any(area.verticalScrollBar().isVisible()
                             for area in box.findChildren(QScrollArea)))
    box.close()
QTimer.singleShot(100, look)
window.show_about()
while not seen:
    app.processEvents()
print(json.dumps(seen))
"""
TASKBAR = 32  # Windows' taskbar, 48 pixels at 150%


def test_about_fits_a_768_pixel_laptop_screen_at_150_percent(tmp_path: Path) -> None:
    # the offscreen platform takes its screen from a file: 1366 by 768, as on most council
    # laptops, where Windows scales to 150% and leaves 911 by 512 pixels to lay out in
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
           "QT_SCALE_FACTOR": "1.5"}
    result = subprocess.run([sys.executable, "-c", ABOUT_ON_A_LAPTOP, str(CONTENT)], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["screen"] == [911, 512]
    # its OK button was under the taskbar, the title bar above it
    assert seen["height"] + TITLE_BAR <= seen["screen"][1] - TASKBAR, seen
    assert seen["width"] <= seen["screen"][0], seen
    assert not seen["scrolled"], seen  # and all of it is there without scrolling


def short_about(qtbot, monkeypatch, height: int) -> AboutDialog:
    """Help > About on a screen `height` pixels tall, shown with the window's keys."""
    monkeypatch.setattr(about, "screen_room", lambda _parent: QSize(1000, height))
    box = AboutDialog(load_manual(CONTENT).info)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    return box


def test_about_on_a_short_screen_scrolls_with_the_keys(qtbot, monkeypatch) -> None:
    box = short_about(qtbot, monkeypatch, 400)
    bar = box.scroller.verticalScrollBar()
    assert bar.maximum() > 0  # too short for it all: the rest is below
    ok = box.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.hasFocus()  # Enter still closes it at once
    QTest.keyClick(ok, Qt.Key.Key_Tab)
    # the text took no keys: its end, with the promise of no network, was out of reach
    assert box.scroller.hasFocus()
    assert box.scroller.accessibleName()
    # and shows it has them, with the edge the window's panes have
    assert box.scroller.foregroundRole() == MARKED
    QTest.keyClick(box.scroller, Qt.Key.Key_Down)
    assert bar.value() > 0
    QTest.keyClick(box.scroller, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    QTest.keyClick(box.scroller, Qt.Key.Key_PageUp)
    assert 0 < bar.value() < bar.maximum() or bar.maximum() <= bar.pageStep()
    QTest.keyClick(box.scroller, Qt.Key.Key_Home)
    assert bar.value() == 0
    QTest.keyClick(box.scroller, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    QTest.keyClick(box.scroller, Qt.Key.Key_Tab)
    assert ok.hasFocus()


def test_about_on_a_short_screen_keeps_its_ok_button_on_it(qtbot, monkeypatch) -> None:
    box = short_about(qtbot, monkeypatch, 400)
    # the box was as tall as 24 lines of text, its OK button below the screen's edge
    assert box.height() + TITLE_BAR + FRAME_EDGES <= 400


def test_about_with_room_for_it_all_keeps_the_keys_on_ok(qtbot, monkeypatch) -> None:
    box = short_about(qtbot, monkeypatch, 2000)
    assert box.scroller.verticalScrollBar().maximum() == 0
    ok = box.buttons.button(QDialogButtonBox.StandardButton.Ok)
    QTest.keyClick(ok, Qt.Key.Key_Tab)
    assert ok.hasFocus()  # nothing to scroll: no stop on the way round


def test_in_large_text_abouts_scroll_bar_grows_beside_the_text(qtbot, monkeypatch) -> None:
    # the window's scroll bars grew with 20-point words, the dialog's stayed a thin strip
    box = short_about(qtbot, monkeypatch, 400)
    QApplication.processEvents()
    usual = box.scroller.verticalScrollBar().width()
    for _ in at_points(20):
        box = short_about(qtbot, monkeypatch, 500)
        bar = box.scroller.verticalScrollBar()
        QApplication.processEvents()
        assert bar.isVisible() and bar.width() >= GROWN * usual, (usual, bar.width())
        # beside the words, not over their ends
        assert box.text.width() + bar.width() <= box.scroller.width()


def test_the_about_box_names_qt_for_python_once_in_its_table(manual) -> None:
    # "Qt for Python 6.11.3." under the table said again what its PySide6-Essentials row says
    text = about_html(manual.info)
    assert text.count("Qt for Python") == 1
    assert "<td>PySide6-Essentials</td>" in text
