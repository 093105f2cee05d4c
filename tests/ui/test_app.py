"""The application's start: the window put back as it was left, and problems told once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRect
from PySide6.QtWidgets import QApplication, QWidget

from reader.session import Session, save_session
from reader.ui.app import _LogFailureTeller, run_gui
from reader.ui.main_window import MainWindow
from reader.userdata import LogFailure

from ..conftest import CONTENT, printed_in_fresh_process


def test_a_window_put_back_from_the_last_session_stays_where_it_was_left(
        qtbot, monkeypatch, windows_shown: list[MainWindow]) -> None:
    left = QWidget()
    qtbot.addWidget(left)
    left.setGeometry(QRect(30, 40, 640, 480))  # a corner of the screen, not its centre
    save_session(Session(geometry=left.saveGeometry().toBase64().data().decode("ascii")))
    placed: list[QRect] = []

    def exec_once_shown(app: QApplication) -> int:  # the person looks; run_gui closes it
        window = windows_shown[0]
        qtbot.addWidget(window)
        placed.append(window.geometry())
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_once_shown)
    assert run_gui(CONTENT, log_file=Path("reader.log")) == 0
    assert placed and placed[0].topLeft() == QRect(30, 40, 640, 480).topLeft()
    assert placed[0].size() == QRect(30, 40, 640, 480).size()


def test_a_log_that_stops_being_written_is_said_once(window: MainWindow, qtbot,
                                                     monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(window, "show_status", told.append)
    teller = _LogFailureTeller(window)
    for _line in range(3):  # each line logged on a full disk fails again
        teller.failed.emit(LogFailure(Path("reader.log"), "the disk is full"))
    qtbot.waitUntil(lambda: told != [])
    qtbot.wait(20)
    assert len(told) == 1 and "the disk is full" in told[0]


def test_search_starts_loading_once_the_window_is_shown(qtbot, monkeypatch,
                                                        windows_shown: list[MainWindow]) -> None:
    started: list[bool] = []

    def exec_until_search_starts(app: QApplication) -> int:
        qtbot.addWidget(windows_shown[0])
        qtbot.waitUntil(lambda: started != [], timeout=5000)
        return 0

    monkeypatch.setattr(MainWindow, "start_search", lambda _window: started.append(True))
    monkeypatch.setattr(QApplication, "exec", exec_until_search_starts)
    assert run_gui(CONTENT, log_file=Path("reader.log")) == 0
    assert started == [True]


def test_a_manual_that_cannot_be_opened_is_said_in_a_message_box(
        qtbot, monkeypatch, content_copy: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from reader.cli import EXIT_PROBLEMS

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, _title, text: told.append(text))
    (content_copy / "contents.json").unlink()
    assert run_gui(content_copy, log_file=None) == EXIT_PROBLEMS
    # started from a menu, no console shows the error: the box is all the person sees
    assert len(told) == 1 and told[0].startswith("The manual cannot be opened")


def _as_shown_at_start(qtbot, monkeypatch,
                       windows_shown: list[MainWindow]) -> tuple[str, QRect, QRect]:
    """Start the reader as the person does: the page shown, the window's frame and the
    screen's free area, as the window first shows; run_gui closes it after."""
    seen: list[tuple[str, QRect, QRect]] = []

    def exec_once_shown(app: QApplication) -> int:
        window = windows_shown[0]
        qtbot.addWidget(window)
        title = window.chapter.page.title if window.chapter.page else ""
        seen.append((title, window.frameGeometry(), window.screen().availableGeometry()))
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_once_shown)
    assert run_gui(CONTENT, log_file=Path("reader.log")) == 0
    return seen[0]


def test_a_first_start_fits_the_window_on_the_screen(qtbot, monkeypatch,
                                                      windows_shown: list[MainWindow]) -> None:
    _, frame, screen = _as_shown_at_start(qtbot, monkeypatch, windows_shown)  # no session
    assert screen.contains(frame)  # the status bar is not below the screen's edge


def _geometry_saved_on_a_wider_screen(window: QRect, screen_width: int) -> str:
    """What QWidget.saveGeometry keeps (its format 3) for a window left on a screen of that
    width: Qt puts none of it back on a screen much narrower or wider."""
    data = QByteArray()
    stream = QDataStream(data, QIODevice.OpenModeFlag.WriteOnly)
    stream.writeUInt32(0x1D9D0CB)
    stream.writeUInt16(3)
    stream.writeUInt16(0)
    for _rect in range(2):  # frame and normal geometry
        for value in (window.left(), window.top(), window.right(), window.bottom()):
            stream.writeInt32(value)
    stream.writeInt32(0)  # the screen's number
    stream.writeUInt8(0)  # not maximised
    stream.writeUInt8(0)  # not full screen
    stream.writeInt32(screen_width)
    for value in (window.left(), window.top(), window.right(), window.bottom()):
        stream.writeInt32(value)
    return data.toBase64().data().decode("ascii")


def test_a_window_left_on_a_bigger_screen_fits_the_laptop_screen(
        qtbot, monkeypatch, windows_shown: list[MainWindow]) -> None:
    # left maximised on the office's 1920-pixel monitor, opened on the laptop: Qt refuses a
    # geometry from a screen so unlike this one, and the window came up at its usual 1200 by
    # 780, its status bar below the laptop's screen
    save_session(Session(geometry=_geometry_saved_on_a_wider_screen(
        QRect(0, 0, 1920, 1040), screen_width=1920)))
    _, frame, screen = _as_shown_at_start(qtbot, monkeypatch, windows_shown)
    assert screen.contains(frame)


def test_ctrl_c_in_a_terminal_still_stops_the_reader(window: MainWindow, monkeypatch) -> None:
    import sys

    from reader.ui.app import uncaught_error_hook

    handed_on: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "__excepthook__", lambda kind, _error, _trace: handed_on.append(kind))
    told: list[str] = []
    monkeypatch.setattr(window, "show_status", told.append)
    uncaught_error_hook(window, None)(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert handed_on == [KeyboardInterrupt] and told == []  # no "Something went wrong"


def test_the_window_is_built_without_the_search_engine_or_markdown() -> None:
    # both load after the first paint (start_search, the first chapter opened): imported
    # while the window is built, Whoosh alone held the first paint back by about 25 ms. A
    # fresh process shows what building the window imports.
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from reader.manual import load_manual\n"
        "from reader.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        "window = MainWindow(load_manual())\n"
        "print(sorted(name for name in ('whoosh', 'markdown') if name in sys.modules))\n"
    )
    assert printed_in_fresh_process(script) == "[]"


def test_the_reader_modules_load_without_pyside_reading_their_source() -> None:
    # PySide's `__feature__` import hook read every module's source as it was imported,
    # about 10 ms of each start; the reader's UI package takes it out of the way
    script = (
        "import builtins\n"
        "import reader.ui.app\n"
        "print(builtins.__import__.__name__)\n"
    )
    assert printed_in_fresh_process(script) != "__feature_import__"


def test_a_damaged_window_place_still_puts_back_the_tabs(
        qtbot, monkeypatch, windows_shown: list[MainWindow]) -> None:
    # a session file damaged by hand or on disk: a letter that is not Qt's base64 stopped
    # the whole session, and the tabs were lost with the window's place
    from reader.session import TabState

    save_session(Session(geometry="AdnQy\u00e9wAAAAA", tabs=(TabState("entry", "1.1.1"),)))
    title, frame, screen = _as_shown_at_start(qtbot, monkeypatch, windows_shown)
    assert title.startswith("1.1.1")
    assert screen.contains(frame)  # fitted to the screen, as at a first start
