"""The last session survives hostile files: the reader starts afresh and says why."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from reader.file_lock import LockBusyError
from reader.navigation import TextPlace
from reader.saved_lists import file_stamp
from reader.session import (
    MAX_REF_CHARS,
    MAX_TABS,
    MAX_TITLE_CHARS,
    STEPS_KEPT,
    Session,
    TabState,
    load_session,
    save_session,
    save_window_session,
    session_path,
    with_closed_window,
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
    # a tab in front that is not there (a hand edit): the first is
    _write_session([_step("first"), _step("second")], 2)
    assert load_session()[0].current_tab == 0


def test_a_session_an_earlier_reader_wrote_starts_afresh_without_a_warning() -> None:
    # format 1 held nothing worth keeping: no "could not be read", no copy set aside
    path = session_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": 1, "session": {"tabs": []}}', encoding="utf-8")
    assert load_session() == (Session(), None)
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    # true is no format an earlier reader wrote: a hand edit, set aside and said
    path.write_text('{"format": true, "session": {"tabs": []}}', encoding="utf-8")
    session, notice = load_session()
    assert session == Session() and notice and "kept as session.json.bak" in notice


# Back and Forward, closed tabs ---------------------------------------------------------------

def _step(ref: str, **more: object) -> dict:
    return {"kind": "entry", "ref": ref, "scroll": 0, "title": ref, **more}


def _write_raw(session: dict) -> None:
    path = session_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": 2, "session": session}), encoding="utf-8")


def test_a_tab_keeps_its_latest_steps_back_and_forward_and_a_step_keeps_none_of_its_own() -> None:
    steps = [_step(f"b{n}", back=[_step("hidden")], forward=[_step("hidden")])
             for n in range(STEPS_KEPT + 10)]
    _write_raw({"tabs": [_step("here", back=steps, forward=steps[::-1])], "current_tab": 0})
    tab = load_session()[0].tabs[0]
    # each list nearest last: the nearest are the ones kept
    assert [step.ref for step in tab.back] == [f"b{n}" for n in range(10, STEPS_KEPT + 10)]
    assert [step.ref for step in tab.forward] == [f"b{n}" for n in range(STEPS_KEPT - 1, -1, -1)]
    assert all(not step.back and not step.forward for step in (*tab.back, *tab.forward))


def test_a_tab_saved_with_long_back_and_forward_lists_writes_the_latest_only() -> None:
    many = tuple(TabState("entry", f"s{n}") for n in range(STEPS_KEPT + 5))
    save_session(Session(tabs=(TabState("entry", "here", back=many, forward=many[:2]),),
                         closed=(TabState("entry", "gone", forward=many),)))
    saved = json.loads(session_path().read_text(encoding="utf-8"))["session"]
    assert [step["ref"] for step in saved["tabs"][0]["back"]] == [
        f"s{n}" for n in range(5, STEPS_KEPT + 5)]
    assert [step["ref"] for step in saved["tabs"][0]["forward"]] == ["s0", "s1"]
    assert [step["ref"] for step in saved["closed"][0]["forward"]] == [
        f"s{n}" for n in range(5, STEPS_KEPT + 5)]
    assert "back" not in saved["closed"][0]  # none: nothing written, as by an earlier reader
    tab = load_session()[0].tabs[0]
    assert (tab.back, tab.forward) == (many[5:], many[:2])


def test_the_latest_closed_tabs_are_kept_however_many_the_file_or_the_window_has() -> None:
    closed = [_step(f"c{n}") for n in range(MAX_TABS + 10)]
    _write_raw({"tabs": [_step("here")], "current_tab": 0, "closed": closed})
    session = load_session()[0]
    assert [tab.ref for tab in session.closed] == [f"c{n}" for n in range(10, MAX_TABS + 10)]
    save_session(replace(session, closed=tuple(TabState("entry", f"w{n}") for n in range(80))))
    saved = json.loads(session_path().read_text(encoding="utf-8"))["session"]
    assert [tab["ref"] for tab in saved["closed"]] == [f"w{n}" for n in range(30, 80)]
    assert [tab.ref for tab in load_session()[0].closed] == [f"w{n}" for n in range(30, 80)]


@pytest.mark.parametrize("bad", ["9.1", 5, 2.5, True, None, {"kind": "entry", "ref": "9.1"},
                                 [[_step("in-a-list")]], [[]]])
def test_back_forward_or_closed_of_the_wrong_kind_lose_that_part_only(bad: object) -> None:
    _write_raw({"tabs": [_step("first", back=bad, forward=bad), _step("second", back=[
        "not a step", _step("kept")])], "current_tab": 1, "closed": bad})
    session, notice = load_session()
    assert notice is None
    assert [tab.ref for tab in session.tabs] == ["first", "second"]
    assert session.tabs[session.current_tab].ref == "second"
    assert session.tabs[0].back == session.tabs[0].forward == session.closed == ()
    assert [step.ref for step in session.tabs[1].back] == ["kept"]


def test_a_step_with_steps_of_its_own_is_kept_without_them_a_closed_tab_with_its_own() -> None:
    nested = _step("step", back=[_step("older", back=[_step("oldest")])], forward=[_step("on")])
    _write_raw({"tabs": [_step("here", back=[nested])], "current_tab": 0,
                "closed": [nested]})
    session = load_session()[0]
    assert session.tabs[0].back == (TabState("entry", "step", title="step"),)
    assert [step.ref for step in session.closed[0].back] == ["older"]
    assert not session.closed[0].back[0].back


def test_a_closed_tab_keeps_its_place_among_the_tabs_a_damaged_place_is_after_the_last() -> None:
    save_session(Session(tabs=_tabs("open"), closed=(TabState("entry", "first", at=0),
                                                     TabState("entry", "third", at=2))))
    assert [tab.at for tab in load_session()[0].closed] == [0, 2]
    bad = ["2", -1, 2.0, True, None, MAX_TABS]
    _write_raw({"tabs": [_step("here", at=1)], "current_tab": 0,
                "closed": [_step(f"c{n}", at=at, back=[_step("b", at=0)])
                           for n, at in enumerate(bad)]})
    session = load_session()[0]
    assert [tab.at for tab in session.closed] == [-1] * len(bad)
    assert session.closed[0].back[0].at == -1  # a step has no place among the tabs


def _tabs(*refs: str) -> tuple[TabState, ...]:
    return tuple(TabState("entry", ref) for ref in refs)


def test_another_window_closed_first_its_tabs_are_kept_after_ours_closed_once_each() -> None:
    ours = Session(tabs=_tabs("open-here"), closed=_tabs("both-closed", "closed-here"))
    theirs = Session(tabs=(*_tabs("theirs-read", "theirs-a", "open-here"),
                           TabState("page", "start")),
                     current_tab=0, closed=(*_tabs("both-closed"), TabState("page", "start"),
                                            *_tabs("theirs-closed")))
    kept = with_closed_window(ours, theirs)
    assert kept.tabs == ours.tabs
    # the next reopened comes last: the other window's tab being read, then its others
    # a chapter closed in both comes once, where it comes last
    assert [tab.ref for tab in kept.closed] == [
        "closed-here", "both-closed", "theirs-closed", "theirs-a", "theirs-read"]


def test_closed_tabs_kept_from_two_windows_are_no_more_than_a_file_keeps() -> None:
    ours = Session(closed=_tabs(*(f"ours{n}" for n in range(30))))
    theirs = Session(tabs=_tabs("theirs-open"), closed=_tabs(*(f"theirs{n}" for n in range(30))))
    kept = with_closed_window(ours, theirs).closed
    assert len(kept) == MAX_TABS
    assert [tab.ref for tab in kept[-2:]] == ["theirs29", "theirs-open"]


def test_a_window_saving_twice_does_not_take_its_own_first_save_for_another_window() -> None:
    seen = save_window_session(Session(tabs=_tabs("a", "b")), file_stamp(session_path()))
    save_window_session(Session(tabs=_tabs("a")), seen)  # b closed, and so not kept
    assert load_session()[0].closed == ()
    # saved meanwhile by a window that knew an older file: its tabs are kept, to reopen
    save_window_session(Session(tabs=_tabs("c")), seen)
    assert [tab.ref for tab in load_session()[0].closed] == ["a"]


def test_a_session_is_saved_while_another_window_holds_the_file_too_long(monkeypatch) -> None:
    @contextmanager
    def busy(path: Path, wait: float | None = None) -> Iterator[None]:
        raise LockBusyError(path)
        yield

    monkeypatch.setattr("reader.session.locked", busy)
    seen = save_window_session(Session(tabs=_tabs("read")), None)
    assert [tab.ref for tab in load_session()[0].tabs] == ["read"]
    assert seen == file_stamp(session_path())


def test_a_session_of_every_tab_and_step_it_keeps_stays_a_small_file() -> None:
    # each chapter named as an edition names it: a long title, with its number
    def tab(n: int, steps: tuple[TabState, ...] = ()) -> TabState:
        return TabState("entry", f"chapter-with-a-long-stable-identifier-{n:04}",
                        scroll=1_234_567, title=f"6.7.{n} " + "A Long Chapter Title " * 4,
                        top=TextPlace(12_345, 0.123456789), back=steps, forward=steps)

    steps = tuple(tab(n) for n in range(100))
    everything = tuple(tab(n, steps) for n in range(100))
    save_session(Session(tabs=everything[:MAX_TABS], closed=everything))
    # read at every start, written at every close: a day's reading, not a year's
    assert session_path().stat().st_size < 1_500_000


def test_a_tab_or_step_with_a_ref_or_title_far_too_long_is_left_out_the_rest_kept() -> None:
    too_long = "x" * (MAX_TITLE_CHARS + 1)
    damaged = [_step("long-title", title=too_long), _step("r" * (MAX_REF_CHARS + 1), title="t")]
    _write_raw({"tabs": [
        _step("first"), *damaged,
        _step("here", back=[_step("b1"), *damaged, _step("b2")],
              forward=[*damaged, _step("f1")]),
    ], "current_tab": 3, "closed": [*damaged, _step("closed")]})
    session = load_session()[0]
    # a title of 10,000 characters was kept, shown, and repeated for every step holding it
    assert [tab.ref for tab in session.tabs] == ["first", "here"]
    here = session.tabs[session.current_tab]
    assert here.ref == "here"
    assert [step.ref for step in here.back] == ["b1", "b2"]
    assert [step.ref for step in here.forward] == ["f1"]
    assert [tab.ref for tab in session.closed] == ["closed"]
    # as long as the manual's longest, and more, is kept
    _write_raw({"tabs": [_step("a" * MAX_REF_CHARS, title="t" * MAX_TITLE_CHARS)]})
    assert len(load_session()[0].tabs) == 1


@pytest.mark.parametrize("bad", ["6.4", {"6": True}, ["6"] * 10_001])
def test_the_contents_folds_of_the_wrong_kind_leave_the_tree_as_at_first(bad: object) -> None:
    save_session(Session(contents_opened=("6", "6.4")))
    assert load_session()[0].contents_opened == ("6", "6.4")
    _write_raw({"contents_opened": bad})
    assert load_session() == (Session(), None)
