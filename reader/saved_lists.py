"""The person's saved lists (bookmarks, history) as versioned JSON: read forgivingly, never lose.

A file that is not JSON, or of another format, is moved aside by read_versioned_json. A file
that is JSON but holds some items that cannot be read keeps the good ones; a copy of the whole
file is kept as *.bak first, so nothing the person saved disappears without a word.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from reader.userdata import free_backup_name, read_versioned_json

log = logging.getLogger(__name__)
T = TypeVar("T")
# what a file looked like when last read or written: a change means another window wrote it
FileStamp = tuple[int, int, int] | None


def load_items(path: Path, kind: str, version: int, key: str,
               parse: Callable[[Any], T | None],
               write_back: Callable[[list[T], dict[str, Any]], None] | None = None,
               instead: str = "the list starts empty",
               ) -> tuple[list[T], str | None, dict[str, Any]]:
    """The items under `key`, each read by `parse` (None: unreadable); a notice, if any; and
    the whole file's object, for what it holds beside the items. `instead` says what
    happens when none can be read.

    Items that cannot be read are left out, once a copy of the file is kept; `write_back`
    then saves the rest (given the file's object too), so that the person is told once, not
    at every start."""
    loaded = read_versioned_json(path, kind, version, instead=instead)
    if loaded.data and key not in loaded.data:  # "History" for "history": edited by hand
        raw: Any = []
        dropped, what = 1, f"Your {kind} file holds no list of {kind}, so {instead}."
    else:
        raw = loaded.data.get(key, [])
        if not isinstance(raw, list):
            raw = [raw]
        dropped, what = 0, ""
    items = [parse(value) for value in raw]
    kept = [item for item in items if item is not None]
    if len(kept) < len(items):
        dropped = len(items) - len(kept)
        noun = kind if kind.endswith("s") else f"{kind} entries"
        what = (f"{dropped} of your {noun} could not be read and "
                f"{'were' if dropped > 1 else 'was'} left out.")
    if not dropped:
        return kept, loaded.notice, loaded.data
    log.error("%s: %s (%s)", kind, what, path)
    backup = free_backup_name(path)
    try:
        shutil.copyfile(path, backup)
    except OSError:
        return kept, f"{what} The file is {path}.", loaded.data
    if write_back is not None:
        try:
            write_back(kept, loaded.data)
        except OSError:
            log.exception("could not save the readable %s again", kind)
    return kept, f"{what} The file as it was is kept as {backup.name} in {path.parent}.", \
        loaded.data


def text_field(raw: Any, name: str) -> str | None:
    """A non-empty string field of a JSON object, or None."""
    if not isinstance(raw, dict):
        return None
    value = raw.get(name)
    return value if isinstance(value, str) and value.strip() else None


def file_stamp(path: Path) -> FileStamp:
    """The file's modification time, size and inode (an atomic save makes a new one); None if
    there is no file to read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino
