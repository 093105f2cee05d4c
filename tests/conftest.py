"""Shared fixtures: offscreen Qt, user folders in a temp dir, copies of the content."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt or platformdirs: no screen, and never the real user's folders.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="reader-tests-"))
XDG_VARS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
for _var in XDG_VARS:
    os.environ[_var] = str(_SESSION_HOME / _var.lower())

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data, config, cache and log folders."""
    home = tmp_path / "user"
    for var in XDG_VARS:
        monkeypatch.setenv(var, str(home / var.lower()))
    return home


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled content, for tests that break it."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session", autouse=True)
def _remove_session_home() -> Iterator[None]:
    yield
    shutil.rmtree(_SESSION_HOME, ignore_errors=True)
