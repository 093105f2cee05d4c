"""Bookmarks: chapters the person keeps, by stable chapter id, in their order, saved as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.atomic_file import write_json_atomic
from reader.json_text import json_fault_hint, parse_json
from reader.manual import Entry, Manual
from reader.saved_lists import load_items, text_field
from reader.text_encoding import decode_saved_text
from reader.userdata import MAX_USER_FILE_BYTES, data_dir

BOOKMARKS_FORMAT = 1
MISSING_PREFIX = "(no longer in this edition)"
# an export of every chapter of the manual is under 200 KB; far past the limit of the
# reader's own files, a file chosen by mistake (a video, a disk image) that would take all
# the memory to read
MAX_IMPORT_BYTES = MAX_USER_FILE_BYTES


class BookmarkFileError(ValueError):
    """A file chosen for import that holds no bookmarks this reader can read."""


@dataclass(frozen=True)
class Bookmark:
    entry_id: str  # the stable chapter id: a renumbered chapter keeps its bookmark
    title: str  # number and title when bookmarked, shown if the chapter has gone
    added: str = ""  # ISO 8601 time it was bookmarked

    def shown(self, manual: Manual) -> str:
        """Number and title as this edition has them, or the stored title marked missing."""
        entry = find_by_id(manual, self.entry_id)
        return entry.label if entry else f"{MISSING_PREFIX} {self.title}"


Bookmarks = tuple[Bookmark, ...]


def find_by_id(manual: Manual, entry_id: str) -> Entry | None:
    """The entry with this id (never by number: a number may now name another chapter)."""
    entry = manual.find(entry_id)
    return entry if entry is not None and entry.id == entry_id else None


def bookmarks_path() -> Path:
    return data_dir() / "bookmarks.json"


def _parse(raw: Any) -> Bookmark | None:
    entry_id, title = text_field(raw, "id"), text_field(raw, "title")
    if entry_id is None:
        return None
    added = raw.get("added")
    return Bookmark(entry_id, title or entry_id, added if isinstance(added, str) else "")


def _dump(items: Bookmarks) -> dict[str, Any]:
    return {"format": BOOKMARKS_FORMAT, "bookmarks": [
        {"id": b.entry_id, "title": b.title, "added": b.added} for b in items]}


def load_bookmarks(path: Path | None = None, instead: str = "the list starts empty",
                   ) -> tuple[Bookmarks, str | None]:
    """The saved bookmarks; a damaged file is set aside and the notice says so once, and
    what happens `instead`."""
    path = path or bookmarks_path()
    items, notice, _ = load_items(path, "bookmarks", BOOKMARKS_FORMAT, "bookmarks", _parse,
                                  lambda kept, _: save_bookmarks(_unique(kept), path), instead)
    return _unique(items), notice


def save_bookmarks(items: Bookmarks, path: Path | None = None) -> None:
    write_json_atomic(path or bookmarks_path(), _dump(items))


def is_bookmarked(items: Bookmarks, entry_id: str) -> bool:
    return any(b.entry_id == entry_id for b in items)


def toggle(items: Bookmarks, entry_id: str, title: str,
           now: datetime | None = None) -> tuple[Bookmarks, bool]:
    """Add the chapter at the end, or remove it if it is there; and whether it is now kept."""
    if is_bookmarked(items, entry_id):
        return remove(items, entry_id), False
    return (*items, new_bookmark(entry_id, title, now)), True


def new_bookmark(entry_id: str, title: str, now: datetime | None = None) -> Bookmark:
    """A bookmark made now, with the time it was made."""
    return Bookmark(entry_id, title,
                    (now or datetime.now().astimezone()).isoformat(timespec="seconds"))


def remove(items: Bookmarks, entry_id: str) -> Bookmarks:
    return tuple(b for b in items if b.entry_id != entry_id)


def move(items: Bookmarks, index: int, offset: int) -> Bookmarks:
    """Move one bookmark up (offset -1) or down (+1); out of range leaves the list as it is."""
    target = index + offset
    if not (0 <= index < len(items) and 0 <= target < len(items)):
        return items
    order = list(items)
    order.insert(target, order.pop(index))
    return tuple(order)


def outdated_titles(items: Bookmarks, manual: Manual) -> tuple[tuple[str, str], ...]:
    """(entry id, label) of each bookmark whose chapter this edition numbers or titles
    otherwise than the bookmark keeps."""
    found = ((b, find_by_id(manual, b.entry_id)) for b in items)
    return tuple((b.entry_id, entry.label) for b, entry in found
                 if entry is not None and entry.label != b.title)


def export_bookmarks(items: Bookmarks, path: Path) -> None:
    save_bookmarks(items, path)


def import_bookmarks(path: Path) -> tuple[Bookmarks, int]:
    """Bookmarks from an exported file, and how many of its entries could not be read;
    BookmarkFileError says in plain words what is wrong."""
    cannot = f"{path.name} cannot be read as a bookmarks file"
    try:
        if not path.is_file():  # a pipe or device would be read to no end
            what = "a folder" if path.is_dir() else "not an ordinary file"
            raise BookmarkFileError(f"{cannot}: it is {what}")
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:  # a file chosen by mistake: not read into memory whole
            raise BookmarkFileError(f"{cannot}: at {size / 1e6:,.0f} MB it is far too large")
        text = decode_saved_text(path.read_bytes())  # as Notepad may have saved it again
    except OSError as exc:
        raise BookmarkFileError(f"{cannot} ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise BookmarkFileError(f"{cannot}: it is not text") from exc
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        # Python's own words ("Expecting value") tell a person little; where and why do
        raise BookmarkFileError(f"{cannot}: it is damaged at line {exc.lineno}"
                                f"{json_fault_hint(exc.msg)}") from exc
    found = data.get("format") if isinstance(data, dict) else None
    if type(found) is int and found > BOOKMARKS_FORMAT:  # a colleague's newer reader
        raise BookmarkFileError(f"{path.name} was exported by a newer version of the reader, "
                                "which this one cannot read")
    if found != BOOKMARKS_FORMAT or not isinstance(data.get("bookmarks"), list):
        raise BookmarkFileError(f"{path.name} is not a bookmarks file exported by this reader")
    read = [b for b in map(_parse, data["bookmarks"]) if b is not None]
    return _unique(read), len(data["bookmarks"]) - len(read)


def merge(items: Bookmarks, imported: Bookmarks) -> tuple[Bookmarks, int]:
    """The imported bookmarks not already kept, added at the end; and how many were added."""
    # a set, not a search of the list for each one: a file of 30,000 bookmarks imported a
    # second time took 18 seconds, the window frozen
    kept = {b.entry_id for b in items}
    new = tuple(b for b in _unique(list(imported)) if b.entry_id not in kept)
    return (*items, *new), len(new)


def _unique(items: list[Bookmark]) -> Bookmarks:
    seen: set[str] = set()
    kept = []
    for bookmark in items:
        if bookmark.entry_id not in seen:
            seen.add(bookmark.entry_id)
            kept.append(bookmark)
    return tuple(kept)
