"""The reader's log: written where it can be, and never silenced by its own housekeeping."""

from __future__ import annotations

import logging
import re

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
