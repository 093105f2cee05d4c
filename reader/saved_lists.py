"""The person's saved lists (bookmarks, history) as versioned JSON: read forgivingly, never lose.

A file that is not JSON, or of another format, is moved aside by read_versioned_json. A file
that is JSON but holds some items that cannot be read keeps the good ones; a copy of the whole
file is kept as *.bak first, so nothing the person saved disappears without a word.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from reader.userdata import free_backup_name, read_versioned_json

log = logging.getLogger(__name__)
T = TypeVar("T")


def load_items(path: Path, kind: str, version: int, key: str,
               parse: Callable[[Any], T | None]) -> tuple[list[T], str | None]:
    """The items under `key`, each read by `parse` (None: unreadable); and a notice, if any."""
    loaded = read_versioned_json(path, kind, version, instead="the list starts empty")
    raw = loaded.data.get(key, [])
    if not isinstance(raw, list):
        raw = [raw]
    items = [parse(value) for value in raw]
    kept = [item for item in items if item is not None]
    dropped = len(items) - len(kept)
    if not dropped:
        return kept, loaded.notice
    log.error("%s: %d unreadable item(s) in %s", kind, dropped, path)
    backup = free_backup_name(path)
    try:
        shutil.copyfile(path, backup)
        where = f"The file as it was is kept as {backup.name} in {path.parent}."
    except OSError:
        where = f"The file is {path}."
    verb = "were" if dropped > 1 else "was"
    return kept, f"{dropped} of your {kind} could not be read and {verb} left out. {where}"


def text_field(raw: Any, name: str) -> str | None:
    """A non-empty string field of a JSON object, or None."""
    if not isinstance(raw, dict):
        return None
    value = raw.get(name)
    return value if isinstance(value, str) and value.strip() else None
