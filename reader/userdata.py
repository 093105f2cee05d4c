"""Where the reader keeps what is the user's (platformdirs paths), and safe JSON files there."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from reader import APP_NAME
from reader.file_lock import LockBusyError, locked
from reader.json_text import parse_json
from reader.text_encoding import decode_saved_text

APP_AUTHOR = "DerbyCityCouncil"
LOG_FILE_NAME = "reader.log"
LOG_MAX_BYTES = 1_000_000  # past this the log is set aside at the next start
# what one run may add: an error repeated at every paint must not fill the disk overnight
LOG_RUN_MAX_BYTES = 5_000_000
# thousands of times what the person could save; a file past it is damage (or not theirs),
# and reading it whole would run out of memory, again at every start
MAX_USER_FILE_BYTES = 50_000_000
MAX_BACKUPS = 20  # damaged copies of one file kept aside; past that the last is replaced

log = logging.getLogger(__name__)


def data_dir() -> Path:
    return _user_dir(platformdirs.user_data_dir, "data")


def config_dir() -> Path:
    return _user_dir(platformdirs.user_config_dir, "config")


def cache_dir() -> Path:
    return _user_dir(platformdirs.user_cache_dir, "cache")


def log_dir() -> Path:
    return _user_dir(platformdirs.user_log_dir, "log")


def _user_dir(where: Callable[[str, str], str], kind: str) -> Path:
    try:
        found = Path(where(APP_NAME, APP_AUTHOR))
        if found.is_absolute():
            return found
        # older platformdirs give "~/.local/share/..." as is: a folder under the current one
        why = f"the {kind} folder would be {found}"
    except (RuntimeError, KeyError) as exc:
        why = str(exc)
    # an account with no home folder (no HOME, no entry in the user list): the reader still
    # opens, keeping the person's files in a private folder under the temporary one
    folder = _homeless_folder() / kind
    if kind not in _warned:
        _warned.add(kind)
        log.warning("no home folder (%s); the %s folder is %s", why, kind, folder)
    return folder


def in_temporary_home(folder: Path) -> bool:
    """Whether a user folder is the stand-in for a missing home folder: it lives under the
    temporary folder, which the system may empty at any restart."""
    return _homeless is not None and folder.is_relative_to(_homeless)


def file_in_the_way(folder: Path) -> Path | None:
    """The file that stands where this folder, or one above it, should be; mkdir says only
    "File exists" or "Not a directory" of it, which tells no one what to move."""
    for place in (folder, *folder.parents):
        try:
            if place.exists() and not place.is_dir():
                return place
        except OSError:
            return None  # a folder above that cannot be looked into: no file to blame
    return None


def why_not_written(path: Path, exc: OSError) -> str:
    """Why a file could not be written at `path`, in words, naming a file that stands in place
    of one of its folders."""
    if path.is_dir():
        return "it is a folder"
    if (blocker := file_in_the_way(path.parent)) is not None:
        return f"{blocker} is a file, not a folder"
    return str(exc.strerror or exc)


def why_not_saved(exc: OSError) -> str:
    """Why one of the reader's own files (settings, bookmarks, history, session) could not be
    saved, in words: a file standing where its folder should be is named, where mkdir says
    only "File exists" or "Not a directory"."""
    blocker = file_in_the_way(Path(os.fsdecode(exc.filename))) \
        if isinstance(exc, FileExistsError | NotADirectoryError) and exc.filename else None
    return f"{blocker} is a file, not a folder" if blocker else str(exc.strerror or exc)


def why_not_read(path: Path, exc: OSError) -> str:
    """What a command says of a file it was given and cannot read, in the same words whichever
    command it was: missing, a folder where a file was meant, or refused to this account."""
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return f"{path}: no such file"
    if path.is_dir():
        return f"{path}: is a folder, not a file"
    return f"{path}: cannot be read ({exc.strerror or exc})"


def unwritable_reason(folder: Path) -> str | None:
    """Why a file cannot be saved in this folder (made if missing), or None if one can: a
    small file is written, synced to disk and removed, so a full disk shows too."""
    try:
        if folder.exists() and not folder.is_dir():
            return "a file is there, not a folder"  # mkdir would say only "File exists"
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".write-check-", dir=folder)
        try:
            os.write(handle, b"a file the reader's selftest writes and removes\n")
            os.fsync(handle)
        finally:
            os.close(handle)
            Path(name).unlink(missing_ok=True)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


_warned: set[str] = set()
_homeless: Path | None = None


def _homeless_folder() -> Path:
    """<temp>/procedures-reader-UID, made private; if someone else made it, a new one."""
    global _homeless
    if _homeless is None:
        getuid = getattr(os, "getuid", None)  # POSIX; Windows always has a profile folder
        folder = Path(tempfile.gettempdir()) / f"{APP_NAME}-{getuid() if getuid else 'user'}"
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            mine = getuid is None or (folder.stat().st_uid == getuid() and not folder.is_symlink())
        except OSError:
            mine = False
        _homeless = folder if mine else Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-"))
    return _homeless


_handler: logging.Handler | None = None


@dataclass(frozen=True)
class LogFailure:
    """The log file stopped being written mid-run (a full disk): where, and why."""

    path: Path
    reason: str


_log_failure: LogFailure | None = None
_log_failure_listener: Callable[[LogFailure], None] | None = None


def log_failure() -> LogFailure | None:
    """Why the log file has stopped being written this run; None while it is written."""
    return _log_failure


def when_log_fails(listener: Callable[[LogFailure], None] | None) -> None:
    """Have `listener` called once if the log file stops being written (None: no longer).
    It is called from whichever thread was logging, with the log's lock held: it should
    only pass the news on (the window, which has no stderr to read it on, tells the person)."""
    global _log_failure_listener
    _log_failure_listener = listener


def setup_logging(errors_to_stderr: bool = True) -> Path | None:
    """Log to a rotating file in the user log dir; the file's path, or None if it cannot be.

    Without a file, errors go to stderr if `errors_to_stderr`: the window's only record then.
    A command prints what it finds itself, and the same line twice is noise."""
    global _handler, _log_failure
    _log_failure = None  # a new file, not yet failed
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if _handler is not None:  # called again (tests, a second main()): replace, don't stack
        root.removeHandler(_handler)
        _handler.close()
    path = log_dir() / LOG_FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if stat.S_ISFIFO(os.stat(path).st_mode if path.exists() else 0):
            # opening a pipe to write waits until something reads it, so every start hung;
            # one that something reads (a collector IT set up) is written to as before
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # ENXIO: nothing reads it
        said = _rotate_log(path)
        # backslashreplace: a folder name that is not UTF-8 is written out, not a traceback
        handler: logging.Handler = _LogFile(path, encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        # a read-only profile must not stop the reader; say so once, on stderr, in words
        # (not "[Errno 13] Permission denied: '/home'"), naming the folder at fault if not
        # the log's own
        why = str(exc.strerror or exc)
        if (blocker := file_in_the_way(path.parent)) is not None:
            why = f"{blocker} is a file, not a folder"
        elif exc.filename is not None and Path(exc.filename) != path:
            why = f"{why}: {exc.filename}"
        handler = logging.StreamHandler() if errors_to_stderr else logging.NullHandler()
        handler.setLevel(logging.ERROR)
        handler.setFormatter(_MessageOnly())
        root.addHandler(handler)
        _handler = handler
        instead = ("errors this run are shown here instead" if errors_to_stderr
                   else "this run is not recorded")
        with contextlib.suppress(OSError):  # a stderr that cannot be written either
            print(f"warning: cannot write the log file {path} ({why}); {instead}",
                  file=sys.stderr)
        return None
    handler.setFormatter(_WithZone("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _handler = handler
    for line in said:  # only now is there a log to say it in
        log.warning("%s", line)
    return path


def _rotate_log(path: Path) -> list[str]:
    """Set a log past LOG_MAX_BYTES aside as *.log.1, once at start; what went wrong, for the
    log. Done by hand: logging.handlers would cost start-up time (it imports socket)."""
    try:
        if not path.is_file() or path.stat().st_size <= LOG_MAX_BYTES:
            return []
    except OSError:
        return []  # opening it for the handler says why
    # two starts at once (a double-click twice): the one that finds the lock held must not
    # set aside the log the other has just begun, over the old one it set aside a moment ago;
    # the empty reader.log.lock stays in the log folder
    try:
        with locked(path, wait=0):
            try:  # measured again, now that no other start can be rotating it
                if path.stat().st_size <= LOG_MAX_BYTES:
                    return []
            except OSError:
                return []
            return _set_log_aside(path)
    except LockBusyError:
        return []


def _set_log_aside(path: Path) -> list[str]:
    """Move the log to *.log.1, or beside it if that cannot be replaced; what happened."""
    old = path.with_name(path.name + ".1")
    said = []
    if old.exists() and not old.is_file():
        # a folder there stopped every rotation, and the log grew by a run's worth each start
        said.append(f"{old} is not a file, and was in the way of setting the log aside. "
                    f"{_set_aside(old)}")
    try:
        path.replace(old)
        return said
    except OSError as exc:
        # on Windows, a log viewer holding the old log open
        why = f"the log could not be set aside as {old.name} ({exc.strerror or exc})"
    spare = free_backup_name(old)  # MAX_BACKUPS of these at most: the log stays bounded
    try:
        path.replace(spare)
    except OSError as exc:
        # on Windows, another reader window writing this log: the next start sets it aside
        said.append(f"{why}, nor as {spare.name} ({exc.strerror or exc}), so this run "
                    "writes on in it")
    else:
        said.append(f"{why}, so it was set aside as {spare.name}")
    return said


class _LogFile(logging.FileHandler):
    """The log file. A line that cannot be written (a full disk) is said once, in plain words,
    on stderr and to the window (`when_log_fails`); logging's own way prints a traceback for
    every line logged after it."""

    told = False
    written = 0  # characters this run has written: nearly bytes, for a log in English
    stopped = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.stopped:
            return
        if self.written > LOG_RUN_MAX_BYTES:
            self.stopped = True
            record = logging.makeLogRecord({
                "name": __name__, "levelno": logging.WARNING, "levelname": "WARNING",
                "msg": "this run has logged over %s bytes, so nothing more is recorded "
                       "until the reader is started again",
                "args": (f"{LOG_RUN_MAX_BYTES:,}",)})
        super().emit(record)
        # what format() left on the record: the message and any traceback, and about 80
        # characters of time, level and name before them
        self.written += 80 + len(getattr(record, "message", "")) + len(record.exc_text or "")

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            super().handleError(record)  # a mistake in the reader's own logging call
            return
        if self.told:
            return
        self.told = True
        global _log_failure
        _log_failure = LogFailure(Path(self.baseFilename), str(error.strerror or error))
        if _log_failure_listener is not None:  # the window: the windowed app has no stderr
            # a listener's own fault must not escape into whatever code was logging
            with contextlib.suppress(Exception):
                _log_failure_listener(_log_failure)
        if sys.stderr is not None:
            print(f"the log file {self.baseFilename} cannot be written "
                  f"({_log_failure.reason}); what follows is not recorded there",
                  file=sys.stderr)


class _WithZone(logging.Formatter):
    """Times with their offset from UTC: lines stay in order for whoever reads the log when
    the clocks go back, or on a laptop that has crossed time zones."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created).astimezone()
        return moment.isoformat(sep=" ", timespec="milliseconds")


class _MessageOnly(logging.Formatter):
    """For stderr, which a person reads: the message, never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return record.getMessage()


@dataclass(frozen=True)
class Loaded:
    """What a user-data file held, and a message for the person if it had to be set aside."""

    data: dict[str, Any]
    notice: str | None = None


def read_versioned_json(path: Path, kind: str, version: int,
                        instead: str = "the defaults are used",
                        outgrown: tuple[int, ...] = ()) -> Loaded:
    """Read `{"format": version, ...}`; a damaged file is moved to *.bak, and the notice
    says what happens `instead`. A file in an `outgrown` format (one an earlier reader wrote,
    with nothing worth keeping) is passed over quietly, left for the next save to replace."""
    try:
        present = path.is_file()
        # a folder, a pipe or a device where the file should be: never read (a pipe or
        # /dev/zero would never end), and moved aside, or every save after would fail too
        other = not present and path.exists()
    except OSError as exc:  # a folder this account may not read (another account made it)
        log.error("cannot read %s file %s: %s", kind, path, exc)
        return Loaded({}, f"Your {kind} could not be read ({exc.strerror or exc}), so "
                          f"{instead}. The folder is {path.parent}.")
    if other:
        return _not_a_file(path, kind, instead)
    if not present:
        return Loaded({})
    try:
        size = path.stat().st_size
        if size > MAX_USER_FILE_BYTES:  # read whole, it would take all the memory there is
            raise _TooLarge(f"{size:,} bytes, over the {MAX_USER_FILE_BYTES:,} read")
        # as Windows Notepad saves it again: with a byte-order mark, or as "Unicode"
        data = parse_json(decode_saved_text(path.read_bytes()))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        found = data.get("format")
        if found in outgrown and type(found) is int:
            return Loaded({})
        if found != version:
            newer = type(found) is int and found > version
            raise (_NewerFormat if newer else ValueError)(f"format {found!r}, expected {version}")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        where = _set_aside(path)
        if isinstance(exc, _NewerFormat):
            # a newer reader used this profile, then this older one was put back: nothing is
            # damaged, and the kept file is what IT restores once the newer reader returns
            log.warning("%s file %s is from a newer reader: %s", kind, path, exc)
            return Loaded({}, f"Your {kind} file is from a newer version of the reader, which "
                              f"this one cannot read, so {instead}. {where}")
        log.error("damaged %s file %s: %s", kind, path, exc)
        # a file this account may not open is not damaged: the reason is what IT must know
        why = f" ({exc.strerror or exc})" if isinstance(exc, OSError) else ""
        if isinstance(exc, _TooLarge):
            why = f" ({path.name} is far too large, at {size / 1e6:,.0f} MB)"
        return Loaded({}, f"Your {kind} could not be read{why}, so {instead}. {where}")
    return Loaded(data)


def _not_a_file(path: Path, kind: str, instead: str) -> Loaded:
    """A folder, pipe or device where a user-data file should be, moved aside unread."""
    what = "a folder" if path.is_dir() else "not an ordinary file"
    log.error("%s file %s is %s", kind, path, what)
    return Loaded({}, f"Your {kind} could not be read ({path.name} is {what}), so "
                      f"{instead}. {_set_aside(path)}")


def _set_aside(path: Path) -> str:
    """Move a file that cannot be used to a free *.bak name; where it went, in words."""
    backup = free_backup_name(path)
    try:
        path.replace(backup)
    except OSError as exc:
        return f"The file could not be moved aside ({exc.strerror or exc}): {path}."
    return f"The file was kept as {backup.name} in {path.parent}."


class _NewerFormat(ValueError):
    """A file in a format this reader is too old to know."""


class _TooLarge(ValueError):
    """A file far larger than any the reader writes."""


def free_backup_name(path: Path) -> Path:
    """bookmarks.json.bak, or .bak-2, .bak-3 ... if an earlier damaged copy is kept there."""
    backup = path.with_name(path.name + ".bak")
    for number in range(2, MAX_BACKUPS + 1):
        if not backup.exists():
            break
        backup = path.with_name(f"{path.name}.bak-{number}")
    return backup
