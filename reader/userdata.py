"""Where the reader keeps what is the user's: settings, cache, logs (platformdirs paths)."""

from __future__ import annotations

import logging
from pathlib import Path

import platformdirs

from reader import APP_NAME

APP_AUTHOR = "DerbyCityCouncil"
LOG_FILE_NAME = "reader.log"
LOG_MAX_BYTES = 1_000_000


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


_handler: logging.Handler | None = None


def setup_logging() -> Path | None:
    """Log to a rotating file in the user log dir; the file's path, or None if it cannot be."""
    global _handler
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if _handler is not None:  # called again (tests, a second main()): replace, don't stack
        root.removeHandler(_handler)
        _handler.close()
    path = log_dir() / LOG_FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # rotate once at start; logging.handlers would cost start-up time (it imports socket)
        if path.is_file() and path.stat().st_size > LOG_MAX_BYTES:
            path.replace(path.with_suffix(".log.1"))
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        # a read-only profile must not stop the reader; say so once, on stderr
        handler = logging.StreamHandler()
        handler.setLevel(logging.ERROR)
        root.addHandler(handler)
        _handler = handler
        logging.getLogger(__name__).error("cannot write the log file %s: %s", path, exc)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _handler = handler
    return path
