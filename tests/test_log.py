"""The reader's log: written where it can be, and never silenced by its own housekeeping."""

from __future__ import annotations

import errno
import io
import logging
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader import __version__
from reader.ui.main_window import MainWindow
from reader.userdata import LOG_FILE_NAME, log_dir, setup_logging

from .conftest import CONTENT


@pytest.fixture
def old_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A log over the size that sets it aside at the next start; the handlers closed after."""
    log = log_dir() / LOG_FILE_NAME
    log.parent.mkdir(parents=True)
    monkeypatch.setattr("reader.userdata.LOG_MAX_BYTES", 10)
    log.write_text("an old log, over the limit\n", encoding="utf-8")
    try:
        yield log
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if isinstance(h, logging.FileHandler)]:
            root.removeHandler(handler)
            handler.close()


def test_a_log_is_set_aside_only_once_past_its_limit(old_log: Path) -> None:
    old_log.write_text("x" * 10, encoding="utf-8")  # at the limit: written on
    assert setup_logging() == old_log
    assert not old_log.with_suffix(".log.1").exists()
    old_log.write_text("x" * 11, encoding="utf-8")  # one byte past it
    assert setup_logging() == old_log
    assert old_log.with_suffix(".log.1").read_text(encoding="utf-8") == "x" * 11
    assert old_log.read_text(encoding="utf-8") == ""


def test_a_folder_in_the_way_of_the_old_log_is_set_aside(old_log: Path) -> None:
    kept = old_log.with_suffix(".log.1")
    kept.mkdir()  # it stopped every rotation, and the log grew by up to 5 MB a run for ever
    (kept / "notes.txt").write_text("someone's notes", encoding="utf-8")
    assert setup_logging() == old_log
    logging.getLogger("reader").error("still recorded")
    assert kept.read_text(encoding="utf-8") == "an old log, over the limit\n"
    assert (old_log.parent / "reader.log.1.bak" / "notes.txt").is_file()  # nothing lost
    lines = old_log.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(f"{kept} is not a file, and was in the way of setting the log "
                             f"aside. The file was kept as reader.log.1.bak in {kept.parent}.")
    # when, with its offset from UTC: in order across a change of the clocks
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d ERROR reader: "
                        "still recorded", lines[-1])


def test_an_old_log_held_open_is_not_replaced_but_the_log_is_still_set_aside(
    old_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = old_log.with_suffix(".log.1")
    kept.write_text("the log before, open in a viewer\n", encoding="utf-8")
    real_replace = Path.replace

    def replace(self: Path, target: Path) -> Path:
        # Windows: a file held open can be neither replaced nor moved
        if kept in (self, Path(target)):
            raise PermissionError(13, "Access is denied")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    for _ in range(3):  # each start added up to a run's worth, for ever
        assert setup_logging() == old_log
        logging.getLogger("reader").error("a problem")
        old_log.write_text(old_log.read_text(encoding="utf-8") + "x" * 20, encoding="utf-8")
    assert kept.read_text(encoding="utf-8") == "the log before, open in a viewer\n"
    aside = sorted(path.name for path in old_log.parent.glob("reader.log.1.bak*"))
    assert aside == ["reader.log.1.bak", "reader.log.1.bak-2", "reader.log.1.bak-3"]
    assert (old_log.parent / "reader.log.1.bak").read_text(encoding="utf-8") == \
        "an old log, over the limit\n"
    assert "could not be set aside as reader.log.1 (Access is denied), so it was set aside " \
           "as reader.log.1.bak-3" in old_log.read_text(encoding="utf-8")


def test_a_log_another_window_holds_open_is_written_on(
    old_log: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def replace(self: Path, target: Path) -> Path:
        raise PermissionError(13, "Access is denied")  # Windows, the log open elsewhere

    monkeypatch.setattr(Path, "replace", replace)
    assert setup_logging() == old_log
    logging.getLogger("reader").error("still recorded")
    text = old_log.read_text(encoding="utf-8")
    assert text.startswith("an old log, over the limit\n")
    assert "nor as reader.log.1.bak (Access is denied), so this run writes on in it" in text
    assert text.splitlines()[-1].endswith("still recorded")
    assert capsys.readouterr().err == ""


def test_two_starts_at_once_lose_no_log(old_log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = old_log.with_suffix(".log.1")
    real_replace = Path.replace
    other_start: list[Path | None] = []

    def replace(self: Path, target: Path) -> Path:
        if not other_start:  # the second start rotates and writes as the first sets aside
            other_start.append(None)
            other_start[0] = setup_logging()
            logging.getLogger("reader").error("the other start")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    assert setup_logging() == old_log
    logging.getLogger("reader").error("this start")
    assert other_start == [old_log]
    # both set it aside: the second moved the first's new log over the old one, lost
    logged = kept.read_text(encoding="utf-8") + old_log.read_text(encoding="utf-8")
    assert logged.startswith("an old log, over the limit\n")
    assert "ERROR reader: the other start" in logged
    assert logged.splitlines()[-1].endswith("ERROR reader: this start")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_nothing_reads_in_place_of_the_log_is_said_not_waited_on(monkeypatch) -> None:
    log = log_dir() / LOG_FILE_NAME
    log.parent.mkdir(parents=True)
    os.mkfifo(log)
    real_open = logging.FileHandler._open

    def open_log(handler: logging.FileHandler) -> object:
        # opening a pipe nothing reads waits for ever: the reader never started
        if Path(handler.baseFilename).exists() and not Path(handler.baseFilename).is_file():
            raise AssertionError(f"{handler.baseFilename} is opened, and would never be")
        return real_open(handler)

    monkeypatch.setattr(logging.FileHandler, "_open", open_log)
    assert setup_logging() is None  # the window then says the log cannot be written
    assert log.exists()  # left as it is, for IT to look at


def test_a_folder_above_the_log_that_cannot_be_made_is_named(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # a roaming profile's folder the account may not write in: the log's own path alone
    # sent IT looking at the wrong folder
    above = log_dir().parent

    def refused(folder: Path, *_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(above))

    monkeypatch.setattr(Path, "mkdir", refused)
    assert setup_logging() is None
    assert capsys.readouterr().err == (
        f"warning: cannot write the log file {log_dir() / LOG_FILE_NAME} (Permission denied: "
        f"{above}); errors this run are shown here instead\n")
    # errors only, in their own words: warnings and details are for a log file
    logging.getLogger("reader").warning("a detail")
    logging.getLogger("reader").error("a failure")
    assert capsys.readouterr().err == "a failure\n"


class _FullDisk(io.StringIO):
    """A log file on a disk with no room left."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_is_said_once_in_plain_words(capsys: pytest.CaptureFixture[str]) -> None:
    path = setup_logging()
    assert path is not None
    handler = next(h for h in logging.getLogger().handlers
                   if isinstance(h, logging.FileHandler) and h.baseFilename == str(path))
    try:
        old = handler.setStream(_FullDisk())
        assert old is not None
        old.close()
        for number in range(3):
            logging.getLogger("reader").warning("line %d", number)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    err = capsys.readouterr().err
    assert err == (f"the log file {path} cannot be written (No space left on device); what "
                   "follows is not recorded there\n")


def test_each_start_records_the_version_and_the_edition_read_but_not_what_was_asked(
    windows_shown, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    assert main(["search", "a name typed into the search box"]) == 0
    assert main(["--screenshot", str(tmp_path / "shot.png")]) == 0
    capsys.readouterr()
    logged = (log_dir() / LOG_FILE_NAME).read_text(encoding="utf-8")
    lines = [line.split(": ", 1)[1] for line in logged.splitlines() if "reader.cli" in line]
    started = f"Procedures Reader {__version__} started"
    assert lines[0].startswith(f"{started} (search); Python {sys.version.split()[0]} on ")
    reading = f"content: edition of 2 September 2024, from {CONTENT} (no problems found"
    assert lines[1].startswith(reading)
    assert lines[2].startswith(f"{started} (the window); ")
    assert lines[3].startswith(reading)
    assert "a name typed" not in logged


def test_a_search_that_fails_leaves_what_was_searched_out_of_the_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main
    from reader.search_titles import TitleSearcher

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the index is locked")

    monkeypatch.setattr(TitleSearcher, "_search", broken)
    assert main(["search", "a name typed into the search box"]) == 1
    capsys.readouterr()
    logged = (log_dir() / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "RuntimeError: the index is locked" in logged  # what IT needs to look into it
    assert "a name typed" not in logged


def test_one_run_cannot_fill_the_disk_with_a_repeated_error(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.userdata.LOG_RUN_MAX_BYTES", 2_000)
    path = setup_logging()
    assert path is not None
    try:
        for _ in range(200):  # as an error raised at every paint of the window would
            logging.getLogger("reader.ui").error("something failed while painting")
    finally:
        setup_logging()  # the file is closed and opened again, as at a new start
    text = path.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 3_000
    assert text.splitlines()[-1].endswith(
        "this run has logged over 2,000 bytes, so nothing more is recorded until the reader "
        "is started again")
    logging.getLogger("reader").error("the next start is recorded")
    assert path.read_text(encoding="utf-8").splitlines()[-1].endswith(
        "the next start is recorded")


def _main_window_run(qtbot, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                     while_open: Callable[[MainWindow, list[list[str]]], object]
                     ) -> list[list[str]]:
    """Start the reader's window as a person would, do `while_open` with it and the start
    notices told so far, and give the start notices it told."""
    from PySide6.QtWidgets import QApplication

    from reader.cli import main

    told: list[list[str]] = []
    shown: list[MainWindow] = []
    show = MainWindow.show

    def watched_show(window: MainWindow) -> None:
        qtbot.addWidget(window)
        shown.append(window)
        show(window)

    def run_until_done(app: QApplication) -> int:  # the person closes it after
        while_open(shown[0], told)
        return 0

    monkeypatch.setattr(MainWindow, "show", watched_show)
    monkeypatch.setattr(MainWindow, "tell_start_notices", lambda _w, notices: told.append(notices))
    monkeypatch.setattr(QApplication, "exec", run_until_done)
    assert main([]) == 0
    return told


def test_a_disk_that_fills_while_the_window_is_open_is_said_there_once(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    real_show_status = MainWindow.show_status

    def show_status(window: MainWindow, message: str) -> None:
        said.append(message)
        real_show_status(window, message)

    def fill_the_disk(window: MainWindow, _told: list[list[str]]) -> None:
        handler = next(h for h in logging.getLogger().handlers
                       if isinstance(h, logging.FileHandler))
        handler.setStream(_FullDisk()).close()
        worker = threading.Thread(  # a search thread's log lines, as well as the window's
            target=lambda: logging.getLogger("reader.search").warning("from a worker"))
        worker.start()
        worker.join()
        for number in range(3):
            logging.getLogger("reader.ui").warning("line %d", number)
        qtbot.waitUntil(lambda: any(" log " in message for message in said), timeout=5000)
        qtbot.wait(1)  # anything else queued is shown too

    monkeypatch.setattr(MainWindow, "show_status", show_status)
    assert _main_window_run(qtbot, monkeypatch, fill_the_disk) == []
    assert [message for message in said if " log " in message] == [
        "The reader's log can no longer be written (No space left on device), so problems from "
        "now on leave no record for your IT team."]


def test_a_disk_already_full_at_start_is_among_the_start_notices(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging.FileHandler, "_open", lambda _handler: _FullDisk())
    told = _main_window_run(qtbot, monkeypatch, lambda _window, told: qtbot.waitUntil(
        lambda: bool(told), timeout=5000))
    assert told == [["The reader's log can no longer be written (No space left on device), so "
                     "problems from now on leave no record for your IT team."]]
