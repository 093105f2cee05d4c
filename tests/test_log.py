"""The reader's log: written where it can be, and never silenced by its own housekeeping."""

from __future__ import annotations

import errno
import io
import logging
import re

import pytest

from reader.userdata import LOG_FILE_NAME, log_dir, setup_logging


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
