"""The edition the person last read, so that a start can tell them the manual has changed.

An update installed while the reader was closed (by a login script, or by IT with the
command line) would otherwise go unsaid: only the status bar's date would differ.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from reader.atomic_file import write_json_atomic
from reader.edition import edition_phrase
from reader.userdata import data_dir, read_versioned_json

log = logging.getLogger(__name__)

EDITION_READ_FORMAT = 1


def edition_read_path() -> Path:
    return data_dir() / "edition-read.json"


def last_edition_read() -> date | None:
    """The edition last opened here; None before the first start that kept it, or if the
    record cannot be read (it is set aside, and nothing is said: the worst is one notice
    missed)."""
    loaded = read_versioned_json(edition_read_path(), "record of the edition last read",
                                 EDITION_READ_FORMAT)
    if loaded.notice:
        log.warning("%s", loaded.notice)
    try:
        return date.fromisoformat(str(loaded.data["edition"]))
    except (KeyError, ValueError):
        return None


def remember_edition_read(edition: date) -> None:
    """Keep the edition now open; OSError if it cannot be written."""
    write_json_atomic(edition_read_path(),
                      {"format": EDITION_READ_FORMAT, "edition": edition.isoformat()})


def edition_changed_notice(before: date | None, now: date) -> str | None:
    """What a start says when the edition is not the one last read; None if it is, or if no
    edition was read here before (a first start has nothing to compare)."""
    if before is None or before == now:
        return None
    said = "The manual has changed since you last used the reader: this is the"
    if now < before:  # an update removed: What's new lists this edition's marks, no changes
        return (f"{said} {edition_phrase(now)}, older than the {edition_phrase(before)} you "
                "last read.")
    return (f"{said} {edition_phrase(now)}, and you last read the {edition_phrase(before)}. "
            "What's new lists what changed.")
