"""The reader's log: written where it can be, and never silenced by its own housekeeping."""

from __future__ import annotations

import errno
import io
import logging
import os
import re
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.userdata import LOG_FILE_NAME, log_dir, setup_logging

from .conftest import CONTENT


def test_a_log_that_cannot_be_rotated_is_written_on(monkeypatch) -> None:
    log = log_dir() / LOG_FILE_NAME
    log.parent.mkdir(parents=True)
    monkeypatch.setattr("reader.userdata.LOG_MAX_BYTES", 10)
    log.write_text("an old log, over the limit\n", encoding="utf-8")
    log.with_suffix(".log.1").mkdir()  # in the way of the rotation (held open on Windows)
    try:
        assert setup_logging() == log  # logging went off altogether
        logging.getLogger("reader").error("still recorded")
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if isinstance(h, logging.FileHandler)]:
            root.removeHandler(handler)
            handler.close()
    last = log.read_text(encoding="utf-8").splitlines()[-1]
    # when, with its offset from UTC: in order across a change of the clocks
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d ERROR reader: "
                        "still recorded", last)


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
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main
    from reader.ui.main_window import MainWindow

    show = MainWindow.show

    def watched(window: MainWindow) -> None:
        qtbot.addWidget(window)
        show(window)

    monkeypatch.setattr(MainWindow, "show", watched)
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
