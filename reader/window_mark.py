"""Whether another reader window is open: the first window holds a lock on a file in the
user's data folder for as long as it runs. The system lets go of it when the process ends,
even one that crashed, so a window that is gone never counts."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from reader.file_lock import lock_open_file
from reader.userdata import data_dir

log = logging.getLogger(__name__)
MARK_FILE = "window.lock"

_held: int | None = None  # the open file whose lock this process holds


def first_window() -> bool:
    """True if no other reader window is open; this one then holds the mark while it runs.
    Where no mark can be had (a folder that cannot be written, a file system without
    locks), every window counts as the first, as before there was a mark."""
    global _held
    if _held is not None:
        return True
    path = mark_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        log.warning("cannot tell whether another window is open (%s): %s", path, exc)
        return True
    try:
        lock_open_file(handle, take=True)
    except (BlockingIOError, PermissionError):  # held (EWOULDBLOCK; EACCES on Windows)
        os.close(handle)
        return False
    except OSError as exc:
        os.close(handle)
        log.warning("cannot tell whether another window is open (%s): %s", path, exc)
        return True
    _held = handle
    return True


def let_go() -> None:
    """Give up the mark (the window closed): a window started after counts as the first."""
    global _held
    if _held is None:
        return
    with contextlib.suppress(OSError):
        lock_open_file(_held, take=False)
    os.close(_held)
    _held = None


def mark_path() -> Path:
    return data_dir() / MARK_FILE
