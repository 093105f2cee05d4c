"""Bookmarks: toggle, order, import and export, missing chapters kept, damaged files survived."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from reader.bookmarks import (
    MAX_IMPORT_BYTES,
    Bookmark,
    BookmarkFileError,
    bookmarks_path,
    export_bookmarks,
    import_bookmarks,
    load_bookmarks,
    merge,
    move,
    outdated_titles,
    save_bookmarks,
    toggle,
)
from reader.manual import load_manual

from .conftest import CONTENT, REPO

NOW = datetime(2024, 9, 3, 10, 30)


def test_toggle_adds_then_removes() -> None:
    items, added = toggle((), "staying-put-policy", "6.7.6 Staying Put Policy", NOW)
    assert added and items == (Bookmark("staying-put-policy", "6.7.6 Staying Put Policy",
                                        "2024-09-03T10:30:00"),)
    items, added = toggle(items, "staying-put-policy", "6.7.6 Staying Put Policy", NOW)
    assert not added and items == ()
    items, _ = toggle((Bookmark("a", "1 A"),), "b", "2 B", NOW)
    assert [b.entry_id for b in items] == ["a", "b"]  # at the end of the list


def test_move_up_and_down_and_out_of_range() -> None:
    items = tuple(Bookmark(i, i) for i in "abc")
    assert [b.entry_id for b in move(items, 2, -1)] == ["a", "c", "b"]
    assert [b.entry_id for b in move(items, 0, 1)] == ["b", "a", "c"]
    assert move(items, 0, -1) == items
    assert move(items, 2, 1) == items
    assert move(items, 3, -1) == items  # no row of the list


def test_saved_bookmarks_come_back_in_order() -> None:
    items = (Bookmark("b", "2 B", "x"), Bookmark("a", "1 A", "y"))
    save_bookmarks(items)
    assert load_bookmarks() == (items, None)
    assert json.loads(bookmarks_path().read_text())["format"] == 1
    # edited by hand: a chapter twice, or one object where the list should be
    bookmarks_path().write_text(json.dumps({"format": 1, "bookmarks": [
        {"id": "a", "title": "1 A"}, {"id": "b", "title": "2 B"}, {"id": "a", "title": "1 A"}]}))
    assert [b.entry_id for b in load_bookmarks()[0]] == ["a", "b"]
    bookmarks_path().write_text('{"format": 1, "bookmarks": {"id": "a", "title": "1 A"}}')
    assert load_bookmarks() == ((Bookmark("a", "1 A"),), None)


def test_a_renumbered_or_removed_chapter_keeps_its_bookmark() -> None:
    manual = load_manual(CONTENT)
    kept = Bookmark("staying-put-policy", "9.9.9 Old number")
    gone = Bookmark("no-such-chapter", "3.2.1 A Withdrawn Procedure")
    assert kept.shown(manual) == "6.7.6 Staying Put Policy"  # the number of this edition
    assert gone.shown(manual) == "(no longer in this edition) 3.2.1 A Withdrawn Procedure"
    # a number is never taken for an id: "6.7.6" stored as an id does not match the chapter
    assert Bookmark("6.7.6", "x").shown(manual).startswith("(no longer")
    # the renumbered one is given this edition's number; the gone one keeps what it had
    assert outdated_titles((kept, gone), manual) == (
        ("staying-put-policy", "6.7.6 Staying Put Policy"),)
    # one as this edition has it is left alone: the file is not written again at every start
    assert outdated_titles((Bookmark("staying-put-policy", "6.7.6 Staying Put Policy"),),
                           manual) == ()


def test_export_then_import_merges_without_duplicates(tmp_path: Path) -> None:
    mine = (Bookmark("a", "1 A"), Bookmark("b", "2 B"))
    export_bookmarks((Bookmark("b", "2 B"), Bookmark("c", "3 C")), tmp_path / "out.json")
    merged, added = merge(mine, import_bookmarks(tmp_path / "out.json")[0])
    assert [b.entry_id for b in merged] == ["a", "b", "c"] and added == 1


class _CountedBookmarks(tuple):
    """Bookmarks that count how often each is looked at."""

    looked_at = 0

    def __iter__(self) -> Iterator[Bookmark]:
        for bookmark in super().__iter__():
            _CountedBookmarks.looked_at += 1
            yield bookmark


def test_a_large_import_looks_at_each_kept_bookmark_once() -> None:
    kept = _CountedBookmarks(Bookmark(f"kept-{n}", "t") for n in range(300))
    imported = tuple(Bookmark(f"new-{n}", "t") for n in range(300)) + (Bookmark("kept-7", "t"),)
    merged, added = merge(kept, imported)
    assert added == 300 and len(merged) == 600 and merged[300] == Bookmark("new-0", "t")
    # once per imported bookmark, it was 90,000 looks here: a file of 30,000 bookmarks
    # imported a second time held the window for 18 seconds
    assert _CountedBookmarks.looked_at <= 2 * len(kept)


@pytest.mark.parametrize("content", [b"not json", b'{"format": 1}', b"[]",
                                     b'{"format": 7, "bookmarks": []}'])
def test_import_of_a_wrong_file_says_so(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(BookmarkFileError):
        import_bookmarks(path)


@pytest.mark.parametrize(("content", "said"), [
    (None, "x.json cannot be read as a bookmarks file: it is a folder"),
    (b"\xff\xfe\x00", "x.json cannot be read as a bookmarks file: it is not text"),
    (b'{"format": 1,\n "bookmarks": [,]}', "x.json cannot be read as a bookmarks file: it is "
     "damaged at line 2 (a comma too many, or a value missing)"),
    (b'{"format": 1, "bookmarks": [], "n": ' + b"9" * 5000 + b"}",
     "x.json cannot be read as a bookmarks file: it is damaged at line 1"),
    (b"", "x.json cannot be read as a bookmarks file: it is damaged at line 1 (a copy or a "
     "save cut short)"),
    (b'{"format": 1, "bookmarks": [],}', "x.json cannot be read as a bookmarks file: it is "
     "damaged at line 1 (a comma left before } or ], or a name without its quotes)"),
    (b'{"format": 1\n "bookmarks": []}', "x.json cannot be read as a bookmarks file: it is "
     "damaged at line 2 (a comma missing after the line before, or a quote left open)"),
    (b'{"format" 1}', "x.json cannot be read as a bookmarks file: it is damaged at line 1 "
     "(a colon missing after a name)"),
    (b'{"format": 1, "bookmarks": [{"title": "A\tB"}]}', "x.json cannot be read as a "
     "bookmarks file: it is damaged at line 1 (a tab or line break inside quotes)"),
    (b'{"format": 1, "bookmarks": []}\n}', "x.json cannot be read as a bookmarks file: it "
     "is damaged at line 2 (something after the last })"),
], ids=["folder", "not-text", "hand-broken", "number-too-long", "empty", "comma-before-brace",
        "comma-missing", "colon-missing", "tab-in-quotes", "after-the-end"])
def test_import_of_a_wrong_file_says_why_in_plain_words(
    tmp_path: Path, content: bytes | None, said: str
) -> None:
    path = tmp_path / "x.json"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    # it said "[Errno 21]", "'utf-8' codec can't decode byte 0xff", "Expecting value: line
    # 2 column 16 (char 29)" or "use sys.set_int_max_str_digits() to increase the limit"
    with pytest.raises(BookmarkFileError) as raised:
        import_bookmarks(path)
    assert str(raised.value) == said


def test_import_of_a_file_that_cannot_be_opened_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"format": 1, "bookmarks": []}')

    def refused(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refused)
    with pytest.raises(BookmarkFileError) as raised:
        import_bookmarks(path)
    assert str(raised.value) == "x.json cannot be read as a bookmarks file (Permission denied)"


def test_an_export_from_a_newer_reader_is_said_to_be_one(tmp_path: Path) -> None:
    path = tmp_path / "colleague.json"
    path.write_text('{"format": 2, "bookmarks": [{"id": "a", "title": "1 A"}]}')
    with pytest.raises(BookmarkFileError) as raised:
        import_bookmarks(path)
    # it said "not a bookmarks file exported by this reader", of a file that plainly is one
    assert str(raised.value) == ("colleague.json was exported by a newer version of the "
                                 "reader, which this one cannot read")


def test_a_huge_file_chosen_for_import_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "video.json"
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_IMPORT_BYTES + 1)
    with pytest.raises(BookmarkFileError, match="it is far too large"):
        import_bookmarks(path)


@pytest.mark.parametrize("damage", [b'{"format": 1, "bookmarks": [{"id": "a"', b"\xff\xfe",
                                    b'{"format": 2, "bookmarks": []}'],
                         ids=["truncated", "binary", "future-format"])
def test_damaged_file_is_set_aside_and_defaults_used(damage: bytes) -> None:
    path = bookmarks_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    items, notice = load_bookmarks()
    assert items == ()
    assert notice and "bookmarks.json.bak" in notice
    assert path.with_name("bookmarks.json.bak").read_bytes() == damage
    assert load_bookmarks() == ((), None)  # told once


def test_an_import_says_how_many_it_could_not_read_and_adds_each_chapter_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "from-a-colleague.json"
    path.write_text(json.dumps({"format": 1, "bookmarks": [
        {"id": "a", "title": "1 A"}, {"title": "no id"}, {"id": "a", "title": "1 A"},
        {"id": "b"}]}))
    items, unread = import_bookmarks(path)
    # one without a title is named by its id, not shown blank
    assert items == (Bookmark("a", "1 A"), Bookmark("b", "b")) and unread == 1


def test_hand_broken_items_are_left_out_but_kept_in_a_copy() -> None:
    path = bookmarks_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": 1, "bookmarks": [
        {"id": "a", "title": "1 A"}, {"title": "no id"}, 42, {"id": "  ", "title": "blank"}]}))
    items, notice = load_bookmarks()
    assert items == (Bookmark("a", "1 A"),)
    assert notice and "3 of your bookmarks could not be read" in notice
    assert "no id" in path.with_name("bookmarks.json.bak").read_text()
    assert load_bookmarks() == ((Bookmark("a", "1 A"),), None)  # told once, not every start
    assert not path.with_name("bookmarks.json.bak-2").exists()
    path.write_text(json.dumps({"format": 1, "bookmarks": [{"title": "broken again"}]}))
    load_bookmarks()
    assert "no id" in path.with_name("bookmarks.json.bak").read_text()  # the first copy stays
    assert "broken again" in path.with_name("bookmarks.json.bak-2").read_text()


def test_process_killed_in_the_middle_of_a_save_keeps_the_saved_bookmarks() -> None:
    save_bookmarks((Bookmark("a", "1 A"),))
    script = (
        "import os\n"
        "from reader.bookmarks import Bookmark, save_bookmarks\n"
        "def die(fd):\n"
        "    os._exit(9)\n"
        "os.fsync = die\n"
        "save_bookmarks((Bookmark('b', '2 B'),))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=dict(os.environ),
                            capture_output=True, timeout=60)
    assert result.returncode == 9
    assert load_bookmarks() == ((Bookmark("a", "1 A"),), None)


def test_a_file_without_its_list_is_kept_aside_before_it_is_written_over() -> None:
    path = bookmarks_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"format": 1, "Bookmarks": [{"id": "a", "title": "1 A"}]}')  # by hand
    items, notice = load_bookmarks()
    assert items == () and notice and "holds no list of bookmarks" in notice
    assert '"Bookmarks"' in path.with_name("bookmarks.json.bak").read_text()


def test_an_exported_file_saved_again_by_notepad_imports(tmp_path: Path) -> None:
    exported = tmp_path / "mine.json"
    export_bookmarks((Bookmark("a", "1 A"),), exported)
    exported.write_bytes(b"\xef\xbb\xbf" + exported.read_bytes())  # Notepad's byte-order mark
    assert import_bookmarks(exported) == ((Bookmark("a", "1 A"),), 0)


@pytest.mark.parametrize(("encoding", "mark"), [
    ("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b"\xfe\xff"), ("utf-16-be", b"")])
def test_an_exported_file_saved_again_as_unicode_imports(
        tmp_path: Path, encoding: str, mark: bytes) -> None:
    # Notepad's "Unicode" (with a byte-order mark), a script's UTF-16 (without one), or
    # Notepad's "Unicode big endian" (with one or without); it was refused as "not text"
    exported = tmp_path / "mine.json"
    export_bookmarks((Bookmark("a", "1 A"),), exported)
    exported.write_bytes(mark + exported.read_text(encoding="utf-8").encode(encoding))
    assert import_bookmarks(exported) == ((Bookmark("a", "1 A"),), 0)


def test_half_a_character_in_an_imported_title_does_not_stop_saving(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.json"
    hostile.write_text('{"format": 1, "bookmarks": [{"id": "a", "title": "Caf\\ud800 notes"}]}')
    items, _ = import_bookmarks(hostile)
    save_bookmarks(items)  # raised UnicodeEncodeError, and so did every later save
    assert load_bookmarks()[0] == (Bookmark("a", "Caf? notes"),)


def test_a_bookmarks_file_kept_elsewhere_through_a_link_stays_linked(tmp_path: Path) -> None:
    synced = tmp_path / "synced" / "bookmarks.json"
    synced.parent.mkdir()
    save_bookmarks((Bookmark("a", "1 A"),), synced)
    bookmarks_path().parent.mkdir(parents=True)
    bookmarks_path().symlink_to(synced)
    save_bookmarks((Bookmark("a", "1 A"), Bookmark("b", "2 B")))
    assert bookmarks_path().is_symlink()
    assert len(load_bookmarks(synced)[0]) == 2
