"""The last session survives hostile files: the reader starts afresh and says why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.session import Session, load_session, session_path
from reader.userdata import MAX_USER_FILE_BYTES


def _never_read(monkeypatch: pytest.MonkeyPatch, what: str) -> None:
    """Fail the test if a file that is not an ordinary one, or is too large, is read."""
    for name in ("read_text", "read_bytes"):
        real_read = getattr(Path, name)

        def read(self: Path, *args: object, _real=real_read, **kwargs: object) -> object:
            if self.exists() and (not self.is_file()
                                  or self.stat().st_size > MAX_USER_FILE_BYTES):
                raise AssertionError(f"{self} is read, {what}")
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(Path, name, read)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_where_the_session_file_should_be_is_not_read_but_set_aside(monkeypatch) -> None:
    path = session_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    # reading a pipe (or /dev/zero) waits for ever: the start would never finish
    _never_read(monkeypatch, "and would never end")
    session, notice = load_session()
    assert session == Session()
    assert notice and "session.json is not an ordinary file" in notice
    assert "session.json.bak" in notice
    assert not path.exists() and path.with_name("session.json.bak").exists()


def test_a_session_file_far_too_large_is_set_aside_unread(monkeypatch) -> None:
    path = session_path()
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_USER_FILE_BYTES + 1)
    _never_read(monkeypatch, "which would fill the memory with a file of gigabytes")
    session, notice = load_session()
    assert session == Session()
    assert notice and "far too large" in notice
    assert path.with_name("session.json.bak").exists()
