"""The application's start: the window put back as it was left, and problems told once."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from reader.file_lock import lock_open_file
from reader.session import Session, TabState, load_session, save_session
from reader.ui.app import _LogFailureTeller, run_gui
from reader.ui.main_window import MainWindow
from reader.ui.placement import TITLE_BAR
from reader.userdata import LogFailure
from reader.window_mark import mark_path

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


def _run_once(qtbot, monkeypatch, windows_shown: list[MainWindow],
              while_open: Callable[[MainWindow], object] = lambda _window: None
              ) -> tuple[list[tuple[str, str]], QRect]:
    """Start the reader as its icon would; the tabs it shows and where it is."""
    seen: list[tuple[list[tuple[str, str]], QRect]] = []

    def exec_once_shown(app: QApplication) -> int:
        window = windows_shown[-1]
        seen.append(([window.tabs.widget(n).current for n in range(window.tabs.count())],
                     window.geometry()))
        while_open(window)
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_once_shown)
    assert run_gui(CONTENT, log_file=Path("reader.log")) == 0
    return seen[0]


def test_a_second_window_starts_on_the_start_page_beside_the_first(
        qtbot, monkeypatch, windows_shown: list[MainWindow]) -> None:
    # its icon clicked again opened the same tabs right over the first window's: the
    # person could not tell the two apart, nor see a window to read something else in
    left = QWidget()
    qtbot.addWidget(left)
    left.setGeometry(QRect(30, 40, 640, 480))
    tabs = (TabState("entry", "staying-put-policy", 0, "6.7.6 Staying Put Policy"),
            TabState("section", "6.4"))
    save_session(Session(geometry=left.saveGeometry().toBase64().data().decode("ascii"),
                         tabs=tabs, current_tab=1))
    alone_tabs, alone_place = _run_once(qtbot, monkeypatch, windows_shown)
    assert alone_tabs == [("entry", "staying-put-policy"), ("section", "6.4")]
    saved_tabs: list[tuple[TabState, ...]] = []

    def saved_in_passing(window: MainWindow) -> None:
        window.open_requested("1.1.1")
        window.save_session_in_passing()
        saved_tabs.append(load_session()[0].tabs)

    first = os.open(mark_path(), os.O_RDWR | os.O_CREAT)  # the first window, still open
    try:
        lock_open_file(first, take=True)
        second_tabs, second_place = _run_once(qtbot, monkeypatch, windows_shown,
                                              saved_in_passing)
        assert second_tabs == [("page", "start")]
        assert second_place.size() == alone_place.size()
        assert second_place.topLeft() == alone_place.topLeft() + QPoint(TITLE_BAR, TITLE_BAR)
        # the first window's tabs stay in the file, should it end without closing ...
        assert [(tab.kind, tab.ref) for tab in saved_tabs[0]] == alone_tabs
        # ... and this one closed, they are kept to reopen, behind its own
        session = load_session()[0]
        assert [(tab.kind, tab.ref) for tab in session.tabs] == [
            ("entry", "childrens-services-policies-values-and-principles")]
        assert {(tab.kind, tab.ref) for tab in session.closed} == set(alone_tabs)
    finally:
        os.close(first)
    # the first window closed: the next start is the first again, with the tabs left
    assert _run_once(qtbot, monkeypatch, windows_shown)[0] == [
        ("entry", "childrens-services-policies-values-and-principles")]


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
        qtbot, monkeypatch, content_copy: Path, caplog) -> None:
    from PySide6.QtWidgets import QMessageBox

    from reader.cli import EXIT_PROBLEMS

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, _title, text: told.append(text))
    (content_copy / "contents.json").unlink()
    assert run_gui(content_copy, log_file=None) == EXIT_PROBLEMS
    # started from a menu, no console shows the error: the box is all the person sees
    assert len(told) == 1 and told[0].startswith("The manual cannot be opened")
    # and for IT, in the log: which file
    assert any(r.getMessage().startswith("cannot load the manual: ") and "contents.json"
               in r.getMessage() for r in caplog.records)


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


def _start_notices(qtbot, monkeypatch, windows_shown: list[MainWindow],
                   meanwhile: Callable[[], object] = lambda: None) -> list[str]:
    """Start the reader as the person does; what the box at start would tell them.
    `meanwhile` happens once they are told, before they close the reader."""
    told: list[list[str]] = []

    def watched_tell(_window: MainWindow, notices: list[str]) -> None:
        told.append(notices)

    def exec_until_told(app: QApplication) -> int:
        qtbot.addWidget(windows_shown[0])
        qtbot.waitUntil(lambda: bool(told), timeout=5000)
        meanwhile()
        QApplication.processEvents()  # what was queued for the window meanwhile
        return 0

    monkeypatch.setattr(MainWindow, "tell_start_notices", watched_tell)
    monkeypatch.setattr(QApplication, "exec", exec_until_told)
    assert run_gui(CONTENT, log_file=Path("reader.log")) == 0
    [notices] = told  # one box, not one for each
    return notices


def test_each_damaged_file_is_said_once_in_the_box_at_start(
        qtbot, monkeypatch, windows_shown: list[MainWindow]) -> None:
    from reader.bookmarks import bookmarks_path
    from reader.session import session_path
    from reader.settings import settings_path

    for path in (settings_path(), bookmarks_path(), session_path()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{damaged", encoding="utf-8")
    notices = _start_notices(qtbot, monkeypatch, windows_shown)
    assert [notice.split(",")[0] for notice in notices] == [
        "Your settings could not be read", "Your bookmarks could not be read",
        "Your last session could not be read"]


def test_a_person_who_turned_off_reopening_the_tabs_starts_on_the_start_page(
        qtbot, monkeypatch, windows_shown: list[MainWindow]) -> None:
    from reader.session import TabState
    from reader.settings import Settings, save_settings

    save_settings(Settings(restore_session=False))
    save_session(Session(tabs=(TabState("entry", "1.1.1"),)))
    title, _frame, _screen = _as_shown_at_start(qtbot, monkeypatch, windows_shown)
    assert not title.startswith("1.1.1")
    assert windows_shown[0].tabs.count() == 1


def test_a_session_that_cannot_be_put_back_leaves_the_why_in_the_log(
        qtbot, monkeypatch, windows_shown: list[MainWindow], caplog) -> None:
    def unforeseen(*_args: object) -> None:
        raise ValueError("a value the checks did not foresee")

    monkeypatch.setattr(MainWindow, "restore", unforeseen)
    _start_notices(qtbot, monkeypatch, windows_shown)  # told in the box (tests/test_cli.py)
    [logged] = [r for r in caplog.records if r.getMessage() == "could not restore the last session"]
    assert logged.exc_info is not None and "did not foresee" in str(logged.exc_info[1])


def test_a_screenshot_shows_the_page_asked_for_not_the_persons_last_tabs(
        qtbot, windows_shown: list[MainWindow], tmp_path: Path) -> None:
    from reader.bookmarks import bookmarks_path
    from reader.session import TabState

    save_session(Session(tabs=(TabState("entry", "1.1.1"), TabState("entry", "1.1.2"))))
    bookmarks_path().write_text("{damaged", encoding="utf-8")
    assert run_gui(CONTENT, log_file=Path("reader.log"), open_ref="6.4.3",
                   screenshot=tmp_path / "shot.png") == 0
    window = windows_shown[0]
    qtbot.addWidget(window)
    assert window.tabs.count() == 1
    assert window.windowTitle().startswith("6.4.3 Looked After Reviews")
    # in the picture, where no box waits for a click
    assert window.statusBar().currentMessage().startswith("Your bookmarks could not be read")


def test_a_log_already_failing_at_start_is_said_in_the_box_and_not_again(
        qtbot, monkeypatch, windows_shown: list[MainWindow]) -> None:
    import reader.userdata

    full = LogFailure(Path("reader.log"), "No space left on device")
    monkeypatch.setattr(reader.userdata, "_log_failure", full)  # the disk full before the window
    said: list[str] = []
    monkeypatch.setattr(MainWindow, "show_status", lambda _window, message: said.append(message))
    failing_again = lambda: reader.userdata._log_failure_listener(full)  # noqa: E731
    notices = _start_notices(qtbot, monkeypatch, windows_shown, failing_again)
    assert notices == ["The reader's log can no longer be written (No space left on device), "
                       "so problems from now on leave no record for your IT team."]
    assert said == []  # each line logged meanwhile failed again: told once is enough
    # the reader closed: a line logged after is not for the window that is gone
    assert reader.userdata._log_failure_listener is None


def test_an_error_after_the_window_closed_is_logged_only(window: MainWindow, monkeypatch,
                                                          caplog) -> None:
    from reader.ui.app import uncaught_error_hook

    told: list[str] = []
    monkeypatch.setattr(window, "show_status", told.append)
    window.close()  # its widgets may be going: no status bar to speak in
    uncaught_error_hook(window, None)(ValueError, ValueError("while closing"), None)
    assert told == []
    assert [str(r.exc_info[1]) for r in caplog.records if r.exc_info] == ["while closing"]


def test_the_log_names_the_edition_and_an_error_in_a_worker_thread(
        qtbot, monkeypatch, windows_shown: list[MainWindow], caplog) -> None:
    import logging
    import threading

    def exec_with_a_failing_thread(app: QApplication) -> int:
        qtbot.addWidget(windows_shown[0])
        worker = threading.Thread(target=lambda: 1 / 0, name="index-builder")
        worker.start()
        worker.join()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_with_a_failing_thread)
    caplog.set_level(logging.INFO)
    assert run_gui(CONTENT, log_file=Path("reader.log")) == 0
    [logged] = [r for r in caplog.records if r.exc_info]
    assert logged.levelno == logging.CRITICAL and "index-builder" in logged.getMessage()
    # what IT asks first of a problem logged: which edition was being read, from where
    assert any(r.getMessage().startswith(f"content: edition of 2 September 2024, from {CONTENT}")
               for r in caplog.records)


def test_ctrl_c_during_a_screenshot_stops_it_at_once_without_a_traceback(
        qtbot, tmp_path: Path, capsys, windows_shown: list[MainWindow]) -> None:
    import signal

    from PySide6.QtCore import QTimer

    from reader.start import EXIT_INTERRUPTED

    shot = tmp_path / "shot.png"
    # pressed while the window is drawn, before the screenshot is taken
    QTimer.singleShot(20, lambda: signal.raise_signal(signal.SIGINT))
    code = run_gui(CONTENT, log_file=Path("reader.log"), screenshot=shot)
    err = capsys.readouterr().err
    assert code == EXIT_INTERRUPTED
    assert "stopped (Ctrl+C)" in err and "Traceback" not in err
    assert not shot.exists()  # a script is not handed a picture it did not wait for
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back after
