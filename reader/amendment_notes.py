"""The amendment notes of a manual's chapters, each read from its file once.

What's new lists every chapter whose text records an amendment: read afresh each time, every
chapter file of a large manual was opened again whenever the page was. A note is read again
only when its file changed (its time, size or inode), so a note edited while the reader is open
is shown as the chapter page shows it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from reader.chapter_file import ChapterSource, read_chapter_metadata

if TYPE_CHECKING:
    from reader.manual import Entry, Manual

FileStamp = tuple[int, int, int]


class AmendmentNotes:
    """The amendment each chapter file of one manual records, kept while its file is unchanged."""

    def __init__(self, manual: Manual) -> None:
        self._root = os.fspath(manual.root)
        # by the file named in the contents; plain strings, as pathlib's cost per call was
        # most of the page's when nothing had changed
        self._read: dict[str, tuple[FileStamp, ChapterSource | None]] = {}

    def of(self, entry: Entry) -> ChapterSource | None:
        """The chapter's front matter if it records an amendment (a note or a date); None for a
        chapter without one, or whose text this edition does not hold."""
        if entry.file is None:
            return None
        path = os.path.join(self._root, entry.file)
        try:
            info = os.stat(path)
        except OSError:  # not here, or out of reach: no note to show
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        kept = self._read.get(entry.file)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        source = read_chapter_metadata(Path(path))
        found = source if source.amendment or source.amended else None
        self._read[entry.file] = (stamp, found)
        return found
