"""Shared fixtures: offscreen Qt, user folders in a temp dir, copies of the content."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from reader.manual import Manual
    from reader.search import IndexSearcher
    from reader.ui.main_window import MainWindow

# Before anything imports Qt or platformdirs: no screen, and never the real user's folders.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
XDG_VARS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
_session_homes: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    # made here, not at import, so that pytest_unconfigure removes it however the run ends
    # (collection only, no test selected, interrupted)
    home = Path(tempfile.mkdtemp(prefix="reader-tests-"))
    _session_homes.append(home)
    for var in XDG_VARS:
        os.environ[var] = str(home / var.lower())


def pytest_unconfigure(config: pytest.Config) -> None:
    while _session_homes:
        shutil.rmtree(_session_homes.pop(), ignore_errors=True)

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data, config, cache and log folders."""
    home = tmp_path / "user"
    for var in XDG_VARS:
        monkeypatch.setenv(var, str(home / var.lower()))
    # a log an earlier test made fail is not this test's: each start of the reader is a
    # process of its own, where it begins unfailed
    monkeypatch.setattr("reader.userdata._log_failure", None)
    monkeypatch.setattr("reader.userdata._log_failure_listener", None)
    return home


@pytest.fixture(autouse=True)
def closed_windows_deleted() -> Iterator[None]:
    """The windows a test closed are deleted as it ends, after its own fixtures put back the
    application's font or theme. Left closed but alive, a window laid out in large text laid
    out all its contents rows again at the next test's theme change, counted as that test's."""
    yield
    if "PySide6.QtWidgets" in sys.modules:  # a test of the core, with no Qt, has none
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def lose_home_folder(monkeypatch: pytest.MonkeyPatch, temp: Path,
                     platformdirs_says: str | None = None) -> None:
    """An account with no home folder: platformdirs raises, as newer ones do, or gives what an
    older one gave (a path with "~" left in it); temporary folders go in `temp`."""
    import platformdirs

    import reader.userdata

    def no_home(*_args: object) -> str:
        if platformdirs_says is None:
            raise RuntimeError("could not determine the home directory")
        return platformdirs_says

    for name in ("user_data_dir", "user_config_dir", "user_cache_dir", "user_log_dir"):
        monkeypatch.setattr(platformdirs, name, no_home)
    monkeypatch.setattr(reader.userdata, "_homeless", None)
    monkeypatch.setattr("tempfile.tempdir", str(temp))


@pytest.fixture
def windows_shown(qtbot, monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    """The reader's main windows shown during the test, in order, closed after it. Not the
    visible ones found later: a screenshot run's window is never closed, and one from an
    earlier test may still be there."""
    from PySide6.QtWidgets import QMainWindow

    from reader.ui.main_window import MainWindow

    windows: list[MainWindow] = []

    def watched(window: MainWindow) -> None:
        qtbot.addWidget(window)
        windows.append(window)
        QMainWindow.show(window)

    monkeypatch.setattr(MainWindow, "show", watched)
    return windows


# the smallest whole picture: one pixel. Qt reads its header, as the reader does before showing
# a picture (reader/image_size.py): a signature alone is a damaged picture
# a whole 1 by 1 picture, as Qt draws it (its parts' lengths and checksums as they should be)
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x03\x00\x08\xfc\x02\xfe\xa7"
       b"\x9a\xa0\xa0\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled content, for tests that break it."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def number_twice(content: Path) -> None:
    """Give 1.1.2 the number of 1.1.1: one content problem, around which the rest opens."""
    path = content / "contents.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["sections"][0]["items"][0]["items"][1]["number"] = "1.1.1"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


STRENGTHS = "a-strengths-based-approach"  # 1.1.2, listed only in the bundled contents
STRENGTHS_TEXT = ("## Scope of this chapter\n\nText.\n\n## 1. Strategy Discussions\n\n"
                  + "A paragraph of the chapter.\n\n" * 60
                  + "## 2. Pictures & charts {#pictures}\n\nThe pictures.\n\n"
                  + "More of the chapter.\n\n" * 40)


def give_text(content: Path, entry_id: str = STRENGTHS, body: str = STRENGTHS_TEXT) -> Path:
    """Give a chapter the bundled contents only lists a text of its own; its file."""
    path = content / "contents.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    stack = list(data["sections"])
    while stack:
        item = stack.pop()
        if item.get("id") == entry_id:
            item["file"] = f"chapters/{entry_id}.md"
            title = item["title"]
            break
        stack.extend(item.get("items", []))
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    chapter = content / "chapters" / f"{entry_id}.md"
    chapter.write_text(f"---\ntitle: {title}\nlast_updated: 2024-09-02\n---\n\n{body}\n",
                       encoding="utf-8")
    return chapter


@pytest.fixture(scope="session")
def manual() -> Manual:
    """The bundled manual, read once for the tests that only read it."""
    from reader.manual import load_manual

    return load_manual(CONTENT)


@pytest.fixture(scope="session")
def engine(manual: Manual, tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexSearcher]:
    """The full-text search of the bundled manual, its index built once."""
    from reader.search import IndexSearcher, open_search

    opened = open_search(manual, cache_root=tmp_path_factory.mktemp("search-index"))
    assert isinstance(opened.searcher, IndexSearcher)
    assert opened.status.message is None and opened.problems == ()
    yield opened.searcher
    opened.searcher.close()


def tooltip_as_seen(tip: str) -> str:
    """A tooltip's text as it shows: Qt takes text that looks like it holds a tag as HTML."""
    from PySide6.QtGui import Qt as QtGuiQt
    from PySide6.QtGui import QTextDocument

    seen = QTextDocument()
    if QtGuiQt.mightBeRichText(tip):
        seen.setHtml(tip)
    else:
        seen.setPlainText(tip)
    return seen.toPlainText()


def printed_in_fresh_process(script: str) -> str:
    """What a Python script prints in a process of its own: what it imports is its own."""
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True)
    return shown.stdout.strip()


def picture_bytes(kind: str) -> bytes:
    """A picture of 64 by 48 pixels, shaded so that no two rows are alike, as Qt writes it
    ("jpg", "bmp", "webp"...); a GIF, which Qt does not write, of 16 by 16."""
    if kind == "gif":
        return _gif()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    for y in range(48):
        for x in range(64):
            image.setPixelColor(x, y, QColor(x * 4, y * 5, (x * y) % 256))
    held = QByteArray()
    buffer = QBuffer(held)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, kind)
    buffer.close()
    return bytes(held)


def _gif() -> bytes:
    """A GIF of 16 by 16 pixels in two colours, striped (Qt writes no GIF): each pixel a code
    of its own, with a clear code before each two so that codes stay 3 bits wide."""
    codes = []
    for pixel in range(256):
        if pixel % 2 == 0:
            codes.append(4)  # clear
        codes.append((pixel // 16) % 2)
    codes.append(5)  # end
    bits = sum(code << (3 * index) for index, code in enumerate(codes))
    packed = bits.to_bytes((3 * len(codes) + 7) // 8, "little")
    blocks = b"".join(bytes([len(packed[at:at + 255])]) + packed[at:at + 255]
                      for at in range(0, len(packed), 255))
    return (b"GIF89a\x10\x00\x10\x00\x80\x00\x00" + b"\x00\x00\x00\xff\xff\xff"
            + b"\x2c\x00\x00\x00\x00\x10\x00\x10\x00\x00" + b"\x02" + blocks + b"\x00\x3b")
