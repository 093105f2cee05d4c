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
               parse: Callable[[Any], T | None]) -> tuple[list[T], str | None, dict[str, Any]]:
    """The items under `key`, each read by `parse` (None: unreadable); a notice, if any; and
    the whole file's object, for what it holds beside the items."""
    loaded = read_versioned_json(path, kind, version, instead="the list starts empty")
    raw = loaded.data.get(key, [])
    if not isinstance(raw, list):
        raw = [raw]
    items = [parse(value) for value in raw]
    kept = [item for item in items if item is not None]
    dropped = len(items) - len(kept)
    if not dropped:
        return kept, loaded.notice, loaded.data
    log.error("%s: %d unreadable item(s) in %s", kind, dropped, path)
    backup = free_backup_name(path)
    try:
        shutil.copyfile(path, backup)
        where = f"The file as it was is kept as {backup.name} in {path.parent}."
    except OSError:
        where = f"The file is {path}."
    verb = "were" if dropped > 1 else "was"
    return (kept, f"{dropped} of your {kind} could not be read and {verb} left out. {where}",
            loaded.data)


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
