"""A lock beside a file that several reader windows change: one reads, changes and writes it
at a time, so none writes over what another wrote a moment before."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)
# a save holds the lock for milliseconds; this long means the holder is stuck (a network
# folder that stopped answering): better to say "not saved" than freeze the window
WAIT_SECONDS = 2.0
_RETRY_SECONDS = 0.01


class LockBusyError(TimeoutError):
    """Another reader window held the lock for longer than a save takes."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EAGAIN, "another reader window was saving at the same time",
                         str(path))


@contextlib.contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold `path`.lock while `path` is read, changed and written. LockBusyError if another
    window holds it past `wait` seconds (WAIT_SECONDS unless given). The system lets go of it
    when a process ends, even one that crashed, so no lock is left stale; the empty lock file
    stays beside `path`.

    Where no lock can be had at all (a folder that cannot be written, a file system without
    locks), it goes on unguarded: the write that follows says what is wrong, if anything."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle: int | None = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        log.warning("no lock for %s (%s); going on without one", path, exc)
        handle = None
    if handle is None:
        yield
        return
    try:
        if _take(handle, lock_path, path, WAIT_SECONDS if wait is None else wait):
            try:
                yield
            finally:
                with contextlib.suppress(OSError):
                    lock_open_file(handle, take=False)  # Windows may keep it after the close
        else:
            yield
    finally:
        os.close(handle)


def _take(handle: int, lock_path: Path, path: Path, wait: float) -> bool:
    """Take the lock, waiting up to `wait` seconds; False on a file system without locks."""
    deadline = time.monotonic() + wait
    while True:
        try:
            lock_open_file(handle, take=True)
            return True
        except (BlockingIOError, PermissionError):  # held (EWOULDBLOCK; EACCES on Windows)
            if time.monotonic() >= deadline:
                raise LockBusyError(path) from None
            time.sleep(_RETRY_SECONDS)
        except OSError as exc:
            log.warning("%s cannot be locked (%s); going on without it", lock_path, exc)
            return False


def lock_open_file(handle: int, *, take: bool) -> None:
    """Take the lock on an open file without waiting (OSError if another holds it), or let
    it go."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(handle, msvcrt.LK_NBLCK if take else msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle, (fcntl.LOCK_EX | fcntl.LOCK_NB) if take else fcntl.LOCK_UN)
