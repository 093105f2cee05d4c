"""What the window looked like when it closed, so the next start can pick up there."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.atomic_file import write_json_atomic
from reader.file_lock import LockBusyError, locked
from reader.navigation import TextPlace
from reader.saved_lists import FileStamp, file_stamp
from reader.userdata import data_dir, read_versioned_json

log = logging.getLogger(__name__)

# 2: several tabs, the outline pane; a format-1 file (one page) is quietly started afresh.
# A tab's text place ("block", "share") came later, beside its pixels: a reader that knows
# only the pixels still reads the file, and a file without it is read by its pixels
SESSION_FORMAT = 2
PAGE_KINDS = ("entry", "section", "page")
MAX_TABS = 50  # a hand-edited file must not open hundreds of tabs
STEPS_KEPT = 20  # of each tab's Back and Forward lists: a day's reading, in a small file
# pixels and scroll positions go to Qt as 32-bit ints: a larger number is damage, not a size
MAX_PIXELS = 10_000_000
# characters: the manual's longest id is 65, its longest number and title 161; a ref or title
# far longer is damage (a hand edit), kept and shown once for the tab and once for every step
MAX_REF_CHARS = 1_000
MAX_TITLE_CHARS = 1_000
# a top between two blocks is a little way outside the one it is kept by; far out is damage,
# and would be scrolled to by a number past Qt's ints
MAX_SHARE = 10.0
# sections and subsections a tree of a manual ten times today's could have opened out
MAX_OPENED = 10_000


@dataclass(frozen=True)
class TabState:
    """One open tab: what it shows and how far down it is scrolled."""

    kind: str = "page"  # "entry" (by id), "section" (by number) or "page" (start, ...)
    ref: str = "start"
    scroll: int = 0  # pixels: where `top` is not known (a file from an earlier version)
    # an entry's number and title as last shown: said if a later edition no longer has it
    title: str = ""
    top: TextPlace | None = None  # the text at the top of the pane, at any width
    # the tab's Back and Forward lists, each nearest last: Alt+Left works after a restart
    back: tuple[TabState, ...] = ()
    forward: tuple[TabState, ...] = ()
    # a closed tab's place among the tabs, to reopen there after a restart; -1: after the last
    at: int = -1


@dataclass(frozen=True)
class Session:
    geometry: str = ""  # Qt's saveGeometry(), base64
    splitter: tuple[int, ...] = ()  # navigator | reading
    # the navigator's width dragged by the person: kept as they left it, never widened
    navigator_width_chosen: bool = False
    reading_splitter: tuple[int, ...] = ()  # chapter | outline
    navigator_shown: bool = True  # View > Navigation pane: put away in a narrow window
    tabs: tuple[TabState, ...] = ()
    current_tab: int = 0
    # tabs that Ctrl+Shift+T reopens, the next last: those closed in this window, then those
    # another window left open when it closed before this one
    closed: tuple[TabState, ...] = ()
    # the sections and subsections opened out in the contents, by number; None: as at the
    # first start (each section open), for a file from before the tree's folds were kept
    contents_opened: tuple[str, ...] | None = None


def session_path() -> Path:
    return data_dir() / "session.json"


def _pixels(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_PIXELS


def _sizes(value: Any) -> tuple[int, ...]:
    if isinstance(value, list) and all(_pixels(n) for n in value):
        return tuple(value)
    return ()


def _tab(raw: Any, steps: bool = True) -> TabState | None:
    """A tab as saved; `steps`: with its Back and Forward lists and its place among the tabs
    (a step has none)."""
    if not isinstance(raw, dict):
        return None
    kind, ref, scroll = raw.get("kind"), raw.get("ref"), raw.get("scroll")
    if kind not in PAGE_KINDS or not isinstance(ref, str) or len(ref) > MAX_REF_CHARS:
        return None
    title, at = raw.get("title"), raw.get("at")
    if isinstance(title, str) and len(title) > MAX_TITLE_CHARS:
        return None  # the tab or step, not a title of 10,000 characters on a tab
    return TabState(kind, ref, scroll if _pixels(scroll) else 0,
                    title if isinstance(title, str) else "", _text_place(raw),
                    _readable(raw.get("back"), STEPS_KEPT, steps=False) if steps else (),
                    _readable(raw.get("forward"), STEPS_KEPT, steps=False) if steps else (),
                    at if steps and _pixels(at) and at < MAX_TABS else -1)


def _readable(raw: Any, kept: int, steps: bool = True) -> tuple[TabState, ...]:
    """The readable tabs (or steps) of the last `kept` of a saved list; none if not a list."""
    if not isinstance(raw, list):
        return ()
    read = (_tab(value, steps) for value in raw[-kept:])
    return tuple(tab for tab in read if tab is not None)


def _text_place(raw: dict[str, Any]) -> TextPlace | None:
    block, share = raw.get("block"), raw.get("share")
    if isinstance(share, int) and not isinstance(share, bool) and abs(share) <= MAX_SHARE:
        # 0 is written as 0.0, but a hand-edited file may say 0; a larger whole number is
        # damage, and one of hundreds of digits would not even make a float
        share = float(share)
    if not _pixels(block) or not isinstance(share, float) or not math.isfinite(share) \
            or abs(share) > MAX_SHARE:
        return None
    return TextPlace(block, share)


def load_session() -> tuple[Session, str | None]:
    """The last session; a damaged file is set aside (the notice says so) and ignored."""
    # format 1, written by an earlier version: started afresh with nothing worth a warning
    loaded = read_versioned_json(session_path(), "last session", SESSION_FORMAT,
                                 instead="the reader starts afresh", outgrown=(1,))
    raw = loaded.data.get("session", {})
    if not isinstance(raw, dict):
        return Session(), loaded.notice
    tabs, current = _tabs_around_current(raw.get("tabs"), raw.get("current_tab"))
    session = Session(
        geometry=raw.get("geometry") if isinstance(raw.get("geometry"), str) else "",
        splitter=_sizes(raw.get("splitter")),
        navigator_width_chosen=raw.get("navigator_width_chosen") is True,
        reading_splitter=_sizes(raw.get("reading_splitter")),
        navigator_shown=raw.get("navigator_shown") is not False,
        tabs=tabs,
        current_tab=current,
        closed=_readable(raw.get("closed"), MAX_TABS),
        contents_opened=_numbers(raw.get("contents_opened")),
    )
    return session, loaded.notice


def _numbers(value: Any) -> tuple[str, ...] | None:
    """Section numbers as saved; None if there are none readable (damage, an older file)."""
    if not isinstance(value, list) or len(value) > MAX_OPENED:
        return None
    return tuple(n for n in value if isinstance(n, str) and len(n) <= MAX_REF_CHARS)


def with_closed_window(ours: Session, theirs: Session) -> Session:
    """This window's session, to be saved over the one another window saved as it closed:
    that window's tabs are kept, as tabs closed last, to reopen, not lost. Its tab being
    read comes back first; a chapter open here too is not kept twice."""
    current = min(theirs.current_tab, max(len(theirs.tabs) - 1, 0))
    theirs_open = (*theirs.tabs[:current], *theirs.tabs[current + 1:],
                   *theirs.tabs[current:current + 1])
    open_here = {(tab.kind, tab.ref) for tab in ours.tabs}
    kept: dict[tuple[str, str], TabState] = {}
    for tab in (*ours.closed, *theirs.closed, *theirs_open):
        key = (tab.kind, tab.ref)
        if key in open_here or tab.kind == "page":  # a start page is no loss
            continue
        kept.pop(key, None)  # once, where it comes last
        kept[key] = tab
    return replace(ours, closed=tuple(kept.values())[-MAX_TABS:])


def _tabs_around_current(raw: Any, current: Any) -> tuple[tuple[TabState, ...], int]:
    """At most MAX_TABS readable tabs, taken around the one that was being read, and where
    that one is among them: the chapter in front is never the one left out."""
    if not isinstance(raw, list):
        return (), 0
    if not isinstance(current, int) or not 0 <= current < len(raw):
        current = 0
    start = min(max(current - MAX_TABS // 2, 0), max(len(raw) - MAX_TABS, 0))
    read = [_tab(value) for value in raw[start:start + MAX_TABS]]
    tabs = tuple(tab for tab in read if tab is not None)
    # an unreadable tab before it moves it up; if it is itself unreadable, its neighbour
    before = sum(tab is not None for tab in read[:current - start])
    return tabs, min(before, max(len(tabs) - 1, 0))


def save_window_session(session: Session, seen: FileStamp) -> FileStamp:
    """Save a window's session as it closes. `seen`: the file as the window last knew it
    (at its start, or its last save); changed since, another window closed meanwhile, and
    its tabs are kept to reopen (with_closed_window). The file as saved is returned."""
    path = session_path()
    try:
        with locked(path):
            return _save_over(session, seen)
    except LockBusyError:
        log.error("the session was saved without another window's: %s held too long", path)
        save_session(session)
        return file_stamp(path)


def save_open_session(session: Session, seen: FileStamp) -> FileStamp | None:
    """Save a window's session while it is still open, so that a crash, a power cut or a
    shutdown that never closes the window loses only the last moments. `seen` as for
    save_window_session. None, saving nothing, if another window saved since: that is a
    window closed (or one keeping its own tabs), whose tabs this window joins to its own as
    it closes; written over now, they would be lost."""
    path = session_path()
    try:
        with locked(path):
            if file_stamp(path) not in (seen, None):
                return None
            save_session(session)
            return file_stamp(path)
    except LockBusyError:
        return None  # another window is saving: tried again at the next tick


def _save_over(session: Session, seen: FileStamp) -> FileStamp:
    path = session_path()
    if file_stamp(path) not in (seen, None):
        theirs, notice = load_session()
        if notice is None:
            session = with_closed_window(session, theirs)
    save_session(session)
    return file_stamp(path)


def forget_where_tabs_have_been(seen: FileStamp) -> FileStamp:
    """History cleared: the saved session keeps no closed tabs and no Back and Forward lists,
    so that no start after names the chapters read before. Its tabs stay if they are this
    window's last session (in plain view here, and saved over as it closes), not if another
    window saved them as it closed: no one sees those. `seen`: the file as the window knew
    it; the file as it now knows it is returned."""
    path = session_path()
    with locked(path):
        before = file_stamp(path)
        if before is None:
            return seen
        session, notice = load_session()
        if notice is None:
            tabs = tuple(replace(tab, back=(), forward=()) for tab in session.tabs) \
                if before == seen else ()
            save_session(replace(session, closed=(), tabs=tabs, current_tab=0 if not tabs
                                 else session.current_tab))
        return file_stamp(path)


def save_session(session: Session) -> None:
    data = {
        "geometry": session.geometry,
        "splitter": list(session.splitter),
        "navigator_width_chosen": session.navigator_width_chosen,
        "reading_splitter": list(session.reading_splitter),
        "navigator_shown": session.navigator_shown,
        "tabs": [_tab_data(t) for t in session.tabs],
        "current_tab": session.current_tab,
        "closed": [_tab_data(t) for t in session.closed[-MAX_TABS:]],
    }
    if session.contents_opened is not None:
        data["contents_opened"] = list(session.contents_opened)
    write_json_atomic(session_path(), {"format": SESSION_FORMAT, "session": data})


def _tab_data(tab: TabState) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": tab.kind, "ref": tab.ref, "scroll": tab.scroll,
                            "title": tab.title}
    if tab.top is not None:
        data |= {"block": tab.top.block, "share": tab.top.share}
    if tab.back:
        data["back"] = [_tab_data(step) for step in tab.back[-STEPS_KEPT:]]
    if tab.forward:
        data["forward"] = [_tab_data(step) for step in tab.forward[-STEPS_KEPT:]]
    if tab.at >= 0:
        data["at"] = tab.at
    return data
