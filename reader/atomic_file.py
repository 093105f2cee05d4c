"""Writing a file so that a crash or kill at any moment leaves the old file or the new one."""

from __future__ import annotations

import errno
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)
STALE_AFTER_SECONDS = 600  # a write takes milliseconds; one this old was cut short

# read once, at import on the main thread: the umask can only be read by setting it
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def new_file_mode() -> int:
    """The permissions open() gives a new file: what a temporary file renamed into place
    should get, or it stays private to its owner (mkstemp makes it 0600)."""
    return 0o666 & ~_UMASK


def write_text_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, flush and fsync it, then rename it over.

    The file keeps its permissions, or a new one gets what open() would give it: the
    temporary file is private to its owner, and a contents.json or index manifest that only
    one account can read would break a shared install.
    """
    def write(handle: int) -> None:
        # "replace": half of a character ("\ud800", read from a damaged or hostile file) is
        # saved as "?", where it would make this save, and every later one, fail
        with os.fdopen(handle, "w", encoding="utf-8", errors="replace", newline="\n") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())

    _replace_with(path, write)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write bytes as write_text_atomic writes text: a stop half way (Ctrl+C during an import)
    leaves the old picture whole, not the first half of the new one."""
    def write(handle: int) -> None:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())

    _replace_with(path, write)


def _replace_with(path: Path, write: Callable[[int], None]) -> None:
    """Have `write` fill and close a temporary file (given as its open handle), then rename
    it over `path`."""
    # through a symbolic link (bookmarks kept in a synced folder): the file it points at is
    # replaced, not the link, which would leave the synced copy behind unawares
    path = Path(os.path.realpath(path))
    if path.exists() and not os.access(path, os.W_OK):
        # made read-only on purpose (settings locked by IT): a rename would get round that,
        # as it would not on Windows; the callers say that it could not be saved
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = new_file_mode()
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        write(handle)
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    _remove_stale_temporaries(path)


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of earlier writes that a crash or kill cut short. A recent one may be
    another reader's write in progress (two windows saving at once): it is left alone."""
    now = time.time()
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if now - temp.stat().st_mtime > STALE_AFTER_SECONDS:
                temp.unlink()
        except OSError:
            pass  # gone already, or not ours to remove: it costs only some disk


def write_json_atomic(path: Path, data: object) -> None:
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (POSIX; not on Windows). It has happened by now: a folder that
    cannot be synced (some network and FUSE file systems refuse) is logged, not raised, or
    the caller would report "not saved" of a file that was."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        if folder not in _unsyncable:  # history is saved at every page: said once a run
            _unsyncable.add(folder)
            log.warning("saved in %s, but the folder could not be synced to disk: %s",
                        folder, exc)


_unsyncable: set[Path] = set()
