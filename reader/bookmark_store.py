"""One window's bookmarks, kept in step with the file that every window of the reader shares.

A window remembers its own changes (added, removed, moved) until they are saved. Each save
reads the file again, under a lock, and makes those changes to what it holds now: what
another window added or removed meanwhile stays as that window left it. Writing this
window's whole list instead lost the other window's bookmark whenever this one's list was
out of date, as it is after a save that failed (a full disk) while the other window saved.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import reduce
from pathlib import Path

from reader.bookmarks import (
    Bookmarks,
    bookmarks_path,
    load_bookmarks,
    merge,
    move,
    remove,
    save_bookmarks,
)
from reader.file_lock import LockBusyError, locked
from reader.saved_lists import file_stamp

log = logging.getLogger(__name__)
KEPT_INSTEAD = "the bookmarks this window shows are saved in its place"


@dataclass(frozen=True)
class Added:
    """Bookmarks put at the end of the list, those not kept already."""

    bookmarks: Bookmarks


@dataclass(frozen=True)
class Removed:
    entry_id: str


@dataclass(frozen=True)
class Moved:
    """One bookmark moved up (-1) or down (+1) from where it is in the list it is made to."""

    entry_id: str
    offset: int


@dataclass(frozen=True)
class Retitled:
    """Bookmarks given their chapters' number and title as the edition read now has them
    (entry id, label): an edition that later drops the chapter shows that, not the number
    it had editions ago, perhaps another chapter's now."""

    titles: tuple[tuple[str, str], ...]


Change = Added | Removed | Moved | Retitled


def apply_change(items: Bookmarks, change: Change) -> Bookmarks:
    """The list with one change made; one that no longer fits (the bookmark to move was
    removed in another window) leaves it as it is."""
    if isinstance(change, Added):
        return merge(items, change.bookmarks)[0]
    if isinstance(change, Removed):
        return remove(items, change.entry_id)
    if isinstance(change, Retitled):
        titles = dict(change.titles)
        return tuple(replace(b, title=titles[b.entry_id]) if b.entry_id in titles else b
                     for b in items)
    row = next((n for n, b in enumerate(items) if b.entry_id == change.entry_id), None)
    return items if row is None else move(items, row, change.offset)


@dataclass(frozen=True)
class Synced:
    """What a save, or a reading of the file again, came to."""

    failed: OSError | None = None  # not written: this window's changes wait for the next save
    notice: str | None = None  # what was wrong with the file as found; it was set aside


class BookmarkStore:
    """The bookmarks one window shows: the file as last read, with this window's changes
    that are not saved yet made to it."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or bookmarks_path()
        found, self.notice = load_bookmarks(self.path)  # the notice: for the window's start
        self._on_disk: Bookmarks = found  # as the file held them when last read or written
        self._stamp = file_stamp(self.path)
        self._unsaved: list[Change] = []
        # the file was found damaged and set aside, and this window's list not yet written in
        # its place: until it is, what this window knew of it is kept, not taken as removed
        self._restore = False
        self.items: Bookmarks = found

    @property
    def unsaved(self) -> bool:
        """Whether this window holds changes the file does not have."""
        return bool(self._unsaved) or self._restore

    def change(self, change: Change) -> Synced:
        """Make a change to this window's list and save it, with any that could not be
        saved before."""
        self._unsaved.append(change)
        return self.save()

    def save(self) -> Synced:
        """Read the file again and write it with this window's changes made to it."""
        return self._sync(write=True)

    def reload(self) -> Synced:
        """Read the file again if another window saved it since this one last read or wrote
        it. A damaged file is set aside and this window's list is written in its place. A
        window still saving it leaves it to be read at the next return: no save failed."""
        if file_stamp(self.path) == self._stamp:
            return Synced()
        return self._sync(write=False)

    def _sync(self, write: bool) -> Synced:
        notice = None
        try:
            with locked(self.path):
                notice = self._read()
                failed = self._write() if write or self._restore else None
        except LockBusyError as exc:
            if write:
                log.error("bookmarks not saved: %s held by another reader window", self.path)
                failed = exc
            else:  # only a reading again: it comes at the next save or return to the window
                log.warning("bookmarks not read again: %s held by another reader window",
                            self.path)
                failed = None
        finally:
            self.items = self._shown()
        return Synced(failed, notice)

    def _read(self) -> str | None:
        # "the list starts empty" is so only when the reader starts: this window's list stays
        found, notice = load_bookmarks(self.path, KEPT_INSTEAD)
        if notice or self._restore:
            # set aside (or some of it unreadable): this window's last sight of the file is
            # the best copy left, so what could be read is added to it, not put in its place
            self._on_disk = merge(self._on_disk, found)[0]
            self._restore = True
        else:
            self._on_disk = found
        self._stamp = file_stamp(self.path)
        return notice

    def _write(self) -> OSError | None:
        items = self._shown()
        try:
            save_bookmarks(items, self.path)
        except OSError as exc:
            log.error("cannot save bookmarks: %s", exc)
            return exc
        self._on_disk, self._stamp = items, file_stamp(self.path)
        self._unsaved.clear()
        self._restore = False
        return None

    def _shown(self) -> Bookmarks:
        return reduce(apply_change, self._unsaved, self._on_disk)
