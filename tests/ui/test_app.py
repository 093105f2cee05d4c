"""The application's start: the window put back as it was left, and problems told once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from reader.session import Session, save_session
from reader.ui.app import _LogFailureTeller, run_gui
from reader.ui.main_window import MainWindow
from reader.userdata import LogFailure

from ..conftest import CONTENT


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


def test_a_first_start_fits_the_window_on_the_screen(qtbot, monkeypatch,
                                                      windows_shown: list[MainWindow]) -> None:
    room: list[tuple[QRect, QRect]] = []

    def exec_once_shown(app: QApplication) -> int:
        window = windows_shown[0]
        qtbot.addWidget(window)
        room.append((window.frameGeometry(), window.screen().availableGeometry()))
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_once_shown)
    assert run_gui(CONTENT, log_file=Path("reader.log")) == 0  # no session saved yet
    frame, screen = room[0]
    assert screen.contains(frame)  # the status bar is not below the screen's edge


def test_ctrl_c_in_a_terminal_still_stops_the_reader(window: MainWindow, monkeypatch) -> None:
    import sys

    from reader.ui.app import uncaught_error_hook

    handed_on: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "__excepthook__", lambda kind, _error, _trace: handed_on.append(kind))
    told: list[str] = []
    monkeypatch.setattr(window, "show_status", told.append)
    uncaught_error_hook(window, None)(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert handed_on == [KeyboardInterrupt] and told == []  # no "Something went wrong"
