"""The last session survives hostile files: the reader starts afresh and says why."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.navigation import TextPlace
from reader.session import (
    MAX_TABS,
    Session,
    TabState,
    load_session,
    save_session,
    session_path,
)
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


def _write_session(tabs: list, current: int) -> None:
    path = session_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": 2, "session": {"tabs": tabs, "current_tab": current}}),
                    encoding="utf-8")


def test_the_tabs_of_the_last_session_come_back_as_they_were() -> None:
    tabs = (TabState("entry", "staying-put-policy", 340, "6.7.6 Staying Put Policy"),
            TabState("section", "6.4"), TabState("page", "start"))
    save_session(Session(geometry="AdnQyw==", splitter=(280, 900), tabs=tabs, current_tab=1))
    session, notice = load_session()
    assert notice is None
    assert session.tabs == tabs and session.current_tab == 1
    assert session.splitter == (280, 900) and session.geometry == "AdnQyw=="


def test_a_tab_keeps_the_text_it_was_read_at_and_its_pixels_for_an_earlier_reader() -> None:
    tabs = (TabState("entry", "staying-put-policy", 340, "6.7.6", TextPlace(57, 0.25)),)
    save_session(Session(tabs=tabs))
    assert load_session()[0].tabs == tabs
    written = json.loads(session_path().read_text(encoding="utf-8"))
    # an earlier reader of format 2 reads the pixels and passes over the rest
    assert written["format"] == 2
    assert written["session"]["tabs"][0]["scroll"] == 340


def test_a_tab_from_an_earlier_reader_or_with_a_damaged_text_place_keeps_its_pixels() -> None:
    _write_session([
        {"kind": "entry", "ref": "a", "scroll": 340},  # an earlier version wrote no text place
        {"kind": "entry", "ref": "b", "scroll": 340, "block": -1, "share": 0.5},
        {"kind": "entry", "ref": "c", "scroll": 340, "block": 2**40, "share": 0.5},
        {"kind": "entry", "ref": "d", "scroll": 340, "block": 57, "share": 1e300},
        {"kind": "entry", "ref": "i", "scroll": 340, "block": 57, "share": -10.5},  # just past
        {"kind": "entry", "ref": "e", "scroll": 340, "block": 57, "share": float("nan")},
        {"kind": "entry", "ref": "f", "scroll": 340, "block": "57", "share": True},
        # a whole number too large for a float: the reader did not start at all
        {"kind": "entry", "ref": "h", "scroll": 340, "block": 57, "share": 10**400},
        {"kind": "entry", "ref": "g", "scroll": 340, "block": 57, "share": 0},
    ], 0)
    tabs = load_session()[0].tabs
    assert [(tab.ref, tab.scroll, tab.top) for tab in tabs] == [
        (ref, 340, None) for ref in "abcdiefh"] + [("g", 340, TextPlace(57, 0.0))]


def test_a_hand_edited_session_of_hundreds_of_tabs_opens_fifty_around_the_one_read() -> None:
    _write_session([{"kind": "page", "ref": f"tab-{n}"} for n in range(120)], 60)
    session, _notice = load_session()
    assert len(session.tabs) == MAX_TABS == 50
    assert session.tabs[session.current_tab].ref == "tab-60"  # the chapter in front


def test_unreadable_tabs_are_left_out_and_the_one_read_stays_in_front() -> None:
    _write_session([
        {"kind": "chapter", "ref": "no-such-kind"}, "not a tab",
        {"kind": "entry", "ref": "staying-put-policy", "scroll": -5},
        {"kind": "entry", "ref": "looked-after-reviews", "scroll": True},
    ], 2)
    session, _notice = load_session()
    assert [(tab.ref, tab.scroll) for tab in session.tabs] == [
        ("staying-put-policy", 0), ("looked-after-reviews", 0)]
    assert session.tabs[session.current_tab].ref == "staying-put-policy"


def test_a_session_an_earlier_reader_wrote_starts_afresh_without_a_warning() -> None:
    # format 1 held nothing worth keeping: no "could not be read", no copy set aside
    path = session_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": 1, "session": {"tabs": []}}', encoding="utf-8")
    assert load_session() == (Session(), None)
    assert [p.name for p in path.parent.iterdir()] == [path.name]
