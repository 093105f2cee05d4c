"""Starts the application: QApplication, the main window, screenshot mode."""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from reader import APP_DISPLAY_NAME, APP_NAME, __version__
from reader.cli import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    content_remedy,
    log_edition,
    unknown_chapter_message,
)
from reader.cli_content import screenshot_kind
from reader.manual import ContentError, load_manual
from reader.resources import icon_path
from reader.session import load_session
from reader.settings import load_settings
from reader.start import EXIT_INTERRUPTED
from reader.ui.after_paint import after_next_paint
from reader.ui.garbage import GuiThreadCollector
from reader.ui.main_window import MainWindow
from reader.ui.placement import fit_to_screen, step_aside
from reader.userdata import (
    LogFailure,
    log_dir,
    log_failure,
    when_log_fails,
    why_not_written,
)
from reader.window_mark import first_window, let_go

if TYPE_CHECKING:  # Qt makes a class's Python type as it is first named: not at every start
    from PySide6.QtGui import QImage

log = logging.getLogger(__name__)
DOTS_PER_METRE = 96 / 0.0254  # a screen at 100%: 96 dots an inch


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(QIcon(str(icon_path())))
    return app


def run_gui(content_dir: Path, *, log_file: Path | None, open_ref: str | None = None,
            screenshot: Path | None = None, content_notice: str | None = None) -> int:
    """The window; `log_file` is where the log goes, None if it could not be opened."""
    app = application()
    collector = GuiThreadCollector(app)
    try:
        with _quit_on_ctrl_c(app):
            return _run_window(app, content_dir, open_ref, screenshot, content_notice, log_file)
    finally:
        when_log_fails(None)  # the window that would tell of it is gone
        collector.stop()
        let_go()


@contextlib.contextmanager
def _quit_on_ctrl_c(app: QApplication) -> Iterator[None]:
    """Ctrl+C in the terminal ends the event loop, as closing the window does (the session is
    kept). Python's own handler raised KeyboardInterrupt in whichever slot ran next: a
    traceback, and the loop ran on, so a script's --screenshot waited for ever. Python runs
    the handler at its next step: in a window left alone, within the second, at the cycle
    collector's timer (garbage.py)."""

    def stop(_signum: int, _frame: object) -> None:
        log.info("stopped by Ctrl+C")
        # posted, so that one pressed before the loop starts still ends it once it runs
        QTimer.singleShot(0, lambda: app.exit(EXIT_INTERRUPTED))

    try:
        previous = signal.signal(signal.SIGINT, stop)
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _run_window(app: QApplication, content_dir: Path, open_ref: str | None,
                screenshot: Path | None, content_notice: str | None,
                log_file: Path | None) -> int:
    if screenshot is not None and (unwritten := _kind_not_written(screenshot)):
        print(f"error: {unwritten}", file=sys.stderr)
        return EXIT_USAGE
    try:
        manual = load_manual(content_dir)
    except ContentError as exc:
        log.error("cannot load the manual: %s", exc)
        message = (
            # "damaged" was said of a file that was missing, or that this account may not open
            f"The manual cannot be opened because a content file is missing, damaged or "
            f"cannot be read:\n\n{exc}\n\n"
            f"{content_remedy(content_dir)} The log is in {log_dir()}."
        )
        if screenshot is not None:
            print(f"error: {message}", file=sys.stderr)
        else:
            QMessageBox.critical(None, APP_DISPLAY_NAME, message)
        return EXIT_PROBLEMS
    log_edition(manual)
    if open_ref is not None and manual.find(open_ref) is None and not manual.is_section(open_ref):
        print(unknown_chapter_message(manual, open_ref), file=sys.stderr)
        return EXIT_USAGE
    settings, settings_notice = load_settings()
    window = MainWindow(manual, log_file=log_file,
                        settings=settings, content_notice=content_notice)
    # stderr says so too, but the window's user does not see it
    log_notice = None if log_file else (
        f"The reader's log cannot be written in {log_dir()}, so a problem would leave no "
        "record for your IT team.")
    log_teller = _LogFailureTeller(window)
    if log_notice is None and (failed := log_failure()) is not None:
        log_notice = log_teller.told_at_start(failed)  # a disk already full at start
    notices = [log_notice, settings_notice, *window.user_data_notices]
    placed = screenshot is not None  # a screenshot keeps the window's usual size
    beside_another = False
    if settings.restore_session and screenshot is None:
        try:
            session, session_notice = load_session()
            # not placed: a first start, or a place kept on another screen, is fitted to this one
            if first_window():
                placed = window.restore(session)
            else:  # its icon clicked again: a window to read something else in
                placed = window.restore_beside_another(session)
                beside_another = True
        except Exception:  # a session the checks missed must not stop every start
            log.exception("could not restore the last session")
            session_notice = "The last session could not be put back; the reader starts afresh."
        notices.append(session_notice)
    if open_ref:
        window.open_requested(open_ref)
    # a screenshot is no start of the person's: the notice stays for their next one
    window.check_edition_read(remember=screenshot is None)
    if not placed:
        fit_to_screen(window)
    if beside_another:
        step_aside(window)
    told = [notice for notice in notices if notice]
    sys.excepthook = uncaught_error_hook(window, log_file)
    threading.excepthook = _log_thread_error
    if screenshot is not None:
        from reader.ui.qt_messages import offscreen_hints_unsaid  # not on a person's start

        with offscreen_hints_unsaid():
            window.show()
            if told:
                window.statusBar().showMessage(" ".join(told))
            return _save_screenshot(app, window, screenshot)
    window.show()
    if told:
        after_next_paint(window, lambda: window.tell_start_notices(told))
    # the search engine is not needed to show the window: load it once the window is painted
    after_next_paint(window, window.start_search)
    try:
        return app.exec()
    finally:
        window.close()  # stops the worker threads however the event loop ended
        sys.excepthook, threading.excepthook = sys.__excepthook__, threading.__excepthook__


class _LogFailureTeller(QObject):
    """Tells the person once, in the status bar, that the log can no longer be written (a
    full disk): stderr, which says so too, is nowhere in the windowed builds."""

    failed = Signal(object)  # LogFailure; from whichever thread was logging

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.told = False
        # queued: the status bar is the GUI thread's, and the log's lock is held meanwhile
        self.failed.connect(self._tell, Qt.ConnectionType.QueuedConnection)
        when_log_fails(self.failed.emit)

    def told_at_start(self, failure: LogFailure) -> str:
        """The start notice for a log that failed before the window opened."""
        self.told = True
        return self._words(failure)

    def _tell(self, failure: LogFailure) -> None:
        if not self.told and not self.window.closed:
            self.told = True
            self.window.show_status(self._words(failure))

    @staticmethod
    def _words(failure: LogFailure) -> str:
        return (f"The reader's log can no longer be written ({failure.reason}), so problems "
                "from now on leave no record for your IT team.")


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def uncaught_error_hook(window: MainWindow, log_file: Path | None) -> ExceptHook:
    """An error no code expected (in a slot, say) is logged and the person told; Python would
    print it to a console that the windowed builds do not have."""

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a terminal still stops it
            sys.__excepthook__(kind, error, trace)
            return
        log.critical("unexpected error", exc_info=(kind, error, trace))
        # a QThread's run() reports here too, not to threading.excepthook: widgets belong to
        # the GUI thread, so from any other the log is all
        if threading.current_thread() is threading.main_thread() and not window.closed:
            where = f" The log has the details: {log_file}" if log_file else ""
            window.show_status(f"Something went wrong ({kind.__name__}), and what you asked "
                               f"for may not have been done.{where}")

    return hook


def _log_thread_error(args: threading.ExceptHookArgs) -> None:
    # from a worker thread: logged only, widgets belong to the GUI thread
    name = args.thread.name if args.thread is not None else "a worker"
    log.critical("unexpected error in %s", name,
                 exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def _kind_not_written(path: Path) -> str | None:
    """Why a screenshot of this name cannot be written, where the Qt image plugin its ending
    asks for is missing; None when it can."""
    from PySide6.QtGui import QImageWriter  # a screenshot's only

    kind = screenshot_kind(path)
    if kind.lower().encode() in {bytes(name) for name in QImageWriter.supportedImageFormats()}:
        return None
    return (f"{path.name}: this reader cannot write {kind} images here (Qt's image plugin for "
            "them is missing); name the file .png")


def screen_shot(window: MainWindow) -> QImage:
    """The window as the screen shows it, pixel for pixel (1.5 times as many at 150%, as a
    screen capture has), saying the screen's density: a document it is put into shows it at
    the window's size, where at 96 dots an inch it came out half as large again."""
    shot = window.grab().toImage()
    dots = round(DOTS_PER_METRE * shot.devicePixelRatio())
    shot.setDotsPerMeterX(dots)
    shot.setDotsPerMeterY(dots)
    return shot


def _save_screenshot(app: QApplication, window: MainWindow, path: Path) -> int:
    saved: list[tuple[bool, str]] = []  # whether, and why not

    def grab() -> None:
        made = not path.exists()  # if no image goes into the file made here, it goes again
        written = False
        try:
            # Qt says only that saving failed; opening the file first says why
            with path.open("ab"):  # appending: an old image stays whole if saving fails
                pass
            written = screen_shot(window).save(str(path), screenshot_kind(path))
            saved.append((written, ""))
        except OSError as exc:
            saved.append((False, f" ({why_not_written(path, exc)})"))
        finally:
            if made and not written:  # a script would take an empty file for an image
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
            app.exit()  # whatever happened: a script waiting on the screenshot must not hang

    # let the first layout and paint happen before grabbing
    later = QTimer()
    later.setSingleShot(True)
    later.timeout.connect(grab)
    later.start(200)
    stopped = app.exec() == EXIT_INTERRUPTED
    later.stop()  # stopped first by Ctrl+C: no grab, nor its exit, in a loop run after this
    if stopped:
        print("stopped (Ctrl+C); no screenshot was taken", file=sys.stderr)
        return EXIT_INTERRUPTED
    # said here, not in the timer's slot: output that cannot be written (a closed pipe, a
    # full disk) is then an error `main` reports, where in the slot it stopped the exit
    ok, why = saved[0] if saved else (False, " (the window could not be drawn)")
    if not ok:
        print(f"error: could not write {path}{why}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"saved {path}")
    return EXIT_OK
