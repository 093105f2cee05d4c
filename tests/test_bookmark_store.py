"""Two windows of the reader sharing one bookmarks file: each store here stands for one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader import atomic_file, file_lock
from reader.bookmark_store import Added, BookmarkStore, Moved, Removed, Retitled
from reader.bookmarks import Bookmark, bookmarks_path, load_bookmarks, save_bookmarks


def kept(*ids: str) -> Added:
    return Added(tuple(Bookmark(i, i.upper()) for i in ids))


def on_disk() -> list[str]:
    return [b.entry_id for b in load_bookmarks()[0]]


def shown(store: BookmarkStore) -> list[str]:
    return [b.entry_id for b in store.items]


def test_two_windows_each_add_one_and_both_are_kept() -> None:
    first, second = BookmarkStore(), BookmarkStore()
    assert first.change(kept("a")).failed is None
    assert second.change(kept("b")).failed is None  # its list was read before "a" was added
    assert on_disk() == shown(second) == ["a", "b"]
    first.reload()
    assert shown(first) == ["a", "b"]


def test_a_removal_in_one_window_and_an_addition_in_the_other_both_hold() -> None:
    save_bookmarks((Bookmark("a", "A"), Bookmark("b", "B")))
    first, second = BookmarkStore(), BookmarkStore()
    first.change(Removed("a"))
    second.change(kept("c"))  # "a" is not put back from this window's older list
    assert on_disk() == ["b", "c"]
    second.change(Removed("b"))
    first.change(kept("d"))
    assert on_disk() == ["c", "d"]


def test_a_failed_save_later_keeps_what_another_window_saved_meanwhile(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    save_bookmarks((Bookmark("a", "A"),))
    first, second = BookmarkStore(), BookmarkStore()
    with monkeypatch.context() as patched:
        patched.setattr(atomic_file, "write_text_atomic", lambda *_: _full())
        failed = first.change(kept("x"))
    assert failed.failed is not None and failed.failed.strerror == "No space left on device"
    assert first.unsaved and shown(first) == ["a", "x"]
    assert "cannot save bookmarks: [Errno 28] No space left on device" in caplog.text
    second.change(kept("y"))
    second.change(Removed("a"))
    assert first.reload().failed is None
    assert shown(first) == ["y", "x"]  # the other window's changes, with this one's unsaved
    first.change(kept("z"))
    # it wrote its own list, ["a", "x", "z"]: "y" was lost and "a" came back
    assert on_disk() == shown(first) == ["y", "x", "z"]
    assert not first.unsaved


def _full() -> None:
    raise OSError(28, "No space left on device")


def test_a_move_is_made_to_the_list_as_it_now_is() -> None:
    save_bookmarks(tuple(Bookmark(i, i) for i in "abc"))
    first, second = BookmarkStore(), BookmarkStore()
    second.change(Removed("a"))
    second.change(kept("d"))
    first.change(Moved("c", -1))  # this window saw a, b, c
    assert on_disk() == ["c", "b", "d"]
    second.change(Removed("b"))
    first.change(Moved("b", 1))  # gone in the other window: it does not come back
    assert on_disk() == shown(first) == ["c", "d"]


def test_changes_that_failed_to_save_are_made_once_when_one_does(
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = BookmarkStore()
    with monkeypatch.context() as patched:
        patched.setattr(atomic_file, "write_text_atomic", lambda *_: _full())
        store.change(kept("a"))
        store.change(kept("b"))
        store.change(Moved("b", -1))
    store.change(kept("c"))  # room on the disk again
    assert on_disk() == ["b", "a", "c"]


def test_two_windows_saving_at_the_same_moment_take_turns(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """The other window saves between this one's reading the file and writing it."""
    monkeypatch.setattr(file_lock, "WAIT_SECONDS", 0)  # held: at once "not saved"
    first, second = BookmarkStore(), BookmarkStore()
    real_load = load_bookmarks
    said: list[object] = []

    def other_window_saves_meanwhile(path: Path, instead: str) -> object:
        found = real_load(path, instead)
        if not said:
            said.append(second.change(kept("b")))
        return found

    monkeypatch.setattr("reader.bookmark_store.load_bookmarks", other_window_saves_meanwhile)
    first.change(kept("a"))
    busy = said[0].failed  # type: ignore[attr-defined]
    assert busy is not None
    assert busy.strerror == "another reader window was saving at the same time"
    assert "bookmarks not saved: " in caplog.text
    assert on_disk() == ["a"]
    second.change(kept("c"))  # its next save brings the one that waited
    assert on_disk() == ["a", "b", "c"]


def test_a_save_by_another_window_within_the_same_clock_tick_is_read() -> None:
    # a network share or a FAT-formatted stick keeps times to the second or two: the other
    # window's save, of the same size, can leave the time as it was; the file is a new one
    first, second = BookmarkStore(), BookmarkStore()
    first.change(kept("a"))
    second.reload()
    before = os.stat(bookmarks_path())
    first.change(Retitled((("a", "Z"),)))  # the edition read there renames the chapter
    os.utime(bookmarks_path(), ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(bookmarks_path()).st_size == before.st_size
    second.reload()
    assert [b.title for b in second.items] == ["Z"]


def test_a_damaged_file_found_by_another_window_is_set_aside_and_nothing_is_lost() -> None:
    save_bookmarks((Bookmark("a", "A"),))
    first, second = BookmarkStore(), BookmarkStore()
    second.change(kept("b"))
    damaged = b'{"format": 1, "bookmarks": [{"id": "a", "ti'  # a write cut short
    bookmarks_path().write_bytes(damaged)
    notice = first.change(kept("c")).notice
    assert notice and "bookmarks.json.bak" in notice
    assert bookmarks_path().with_name("bookmarks.json.bak").read_bytes() == damaged
    assert on_disk() == ["a", "c"]  # what this window knew of the file, and its change
    second.change(kept("d"))
    assert on_disk() == ["a", "c", "d"]
    # "b" was in the damaged file only: the other window still shows it, and saves it with
    # its next change
    assert "b" not in shown(second)


def test_a_damaged_file_seen_on_return_to_the_window_is_written_again() -> None:
    store = BookmarkStore()
    store.change(kept("a"))
    bookmarks_path().write_text("{ not json")
    synced = store.reload()
    assert synced.notice and synced.notice.startswith(
        "Your bookmarks could not be read, so the bookmarks this window shows are saved in "
        "its place. The file was kept as bookmarks.json.bak in ")
    assert bookmarks_path().with_name("bookmarks.json.bak").read_text() == "{ not json"
    assert on_disk() == shown(store) == ["a"]
    assert store.reload().notice is None  # said once
    assert not store.unsaved
    BookmarkStore().change(Removed("a"))  # another window, once the file is whole again
    store.reload()
    assert shown(store) == []  # not brought back from what this window knew before


def test_a_damaged_file_that_cannot_be_written_again_keeps_this_windows_list(
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = BookmarkStore()
    store.change(kept("a"))
    bookmarks_path().write_text("{ not json")
    with monkeypatch.context() as patched:
        patched.setattr(atomic_file, "write_text_atomic", lambda *_: _full())
        assert store.reload().failed is not None
    assert store.unsaved and shown(store) == ["a"]
    other = BookmarkStore()  # starts now: the file was set aside, so it has none
    other.change(kept("b"))
    store.change(kept("c"))
    assert on_disk() == ["a", "b", "c"]  # "a" is not taken as removed in the other window


def test_a_lock_no_one_can_take_is_no_reason_not_to_save(monkeypatch) -> None:
    def no_locks(_handle: int, *, take: bool) -> None:
        raise OSError(38, "Function not implemented")  # some network shares

    monkeypatch.setattr(file_lock, "lock_open_file", no_locks)
    assert BookmarkStore().change(kept("a")).failed is None
    assert on_disk() == ["a"]


def test_a_return_to_the_window_while_another_saves_says_no_save_failed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_lock, "WAIT_SECONDS", 0)
    store, other = BookmarkStore(), BookmarkStore()
    other.change(kept("a"))
    with file_lock.locked(bookmarks_path()):  # the other window's save, taking long
        synced = store.reload()
    # this window had nothing to save, and was told its bookmarks could not be saved
    assert synced.failed is None and not store.unsaved
    assert store.reload().failed is None
    assert shown(store) == ["a"]  # read at the next return
