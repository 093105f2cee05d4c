"""The last session survives hostile files: the reader starts afresh and says why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.session import Session, load_session, session_path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_where_the_session_file_should_be_is_not_read_but_set_aside(monkeypatch) -> None:
    path = session_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    real_read = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        # reading a pipe (or /dev/zero) waits for ever: the start would never finish
        if self.exists() and not self.is_file():
            raise AssertionError(f"{self} is read, and would never end")
        return real_read(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    session, notice = load_session()
    assert session == Session()
    assert notice and "session.json is not an ordinary file" in notice
    assert "session.json.bak" in notice
    assert not path.exists() and path.with_name("session.json.bak").exists()
