"""The search index on disk: reused, rebuilt, set aside when damaged, shipped read-only."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.manual import Manual, load_manual
from reader.search import IndexSearcher, OpenedSearch, TitleSearcher, open_search
from reader.search_index import (
    BUILD_MARK,
    LOCK_FILE,
    MANIFEST_FILE,
    PREBUILT_DIR,
    WORDS_FILE,
    BuildCancelled,
    OpenedIndex,
    build_prebuilt_index,
    content_hash,
    ensure_index,
)

from .conftest import REPO


@pytest.fixture
def manual(content_copy: Path) -> Manual:
    return load_manual(content_copy)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def index_dirs(cache: Path) -> list[Path]:
    return sorted(p for p in cache.iterdir() if p.name.startswith("s2-") and "." not in p.name)


def set_aside_dirs(cache: Path) -> list[Path]:
    return sorted(p for p in cache.iterdir() if ".broken-" in p.name)


def segment(folder: Path) -> Path:
    return next(p for p in folder.iterdir() if p.suffix == ".seg")


def finds_s47(searcher: object) -> bool:
    result = searcher.search("section 47")  # type: ignore[attr-defined]
    return bool(result.hits) and result.hits[0].number == "4.6"


def test_the_first_open_builds_and_the_next_reuses(manual: Manual, cache: Path) -> None:
    first = ensure_index(manual, cache_root=cache)
    assert first.built and first.message is None and not first.read_only
    assert first.path is not None and first.path.parent == cache
    manifest = json.loads((first.path / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["content_hash"] == content_hash(manual.root)
    assert manifest["schema"] == 2 and manifest["whoosh"]
    # pickled stored fields are read safely only by the minor version that wrote them
    assert manifest["python"] == f"{sys.version_info.major}.{sys.version_info.minor}"
    assert manifest["documents"] == sum(1 for _ in manual.entries())
    # Whoosh's lock file is neither recorded nor counted as a stranger's file
    assert (first.path / LOCK_FILE).exists() and LOCK_FILE not in manifest["files"]
    second = ensure_index(manual, cache_root=cache)
    assert not second.built and second.path == first.path
    # nor is an index without it (copied by a tool that leaves empty files out) rebuilt
    (first.path / LOCK_FILE).unlink()
    third = ensure_index(manual, cache_root=cache)
    assert not third.built and third.message is None


def test_the_default_place_is_the_user_cache(manual: Manual, tmp_path: Path) -> None:
    opened = open_search(manual)
    assert opened.status.path is not None
    assert opened.status.path.is_relative_to(tmp_path / "user" / "xdg_cache_home")
    opened.searcher.close()


def test_changed_content_gets_a_new_index(manual: Manual, cache: Path) -> None:
    first = ensure_index(manual, cache_root=cache)
    chapter = manual.root / "chapters" / "childrens-services-policies-values-and-principles.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nZanzibar.\n", encoding="utf-8")
    second = ensure_index(manual, cache_root=cache)
    assert second.built and second.message is None and second.path != first.path
    searcher = IndexSearcher(manual, None, second.index, second.words)
    assert searcher.search("zanzibar").hits[0].number == "1.1.1"
    searcher.close()


def test_a_stale_manifest_is_rebuilt_quietly(manual: Manual, cache: Path) -> None:
    first = ensure_index(manual, cache_root=cache)
    assert first.path is not None
    manifest = json.loads((first.path / MANIFEST_FILE).read_text(encoding="utf-8"))
    manifest["content_hash"] = "0" * 64
    (first.path / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    second = ensure_index(manual, cache_root=cache)
    assert second.built and second.message is None and second.path == first.path
    assert [p.name for p in cache.iterdir()] == [first.path.name]  # not broken, just old: removed


def _truncate(folder: Path) -> None:
    path = segment(folder)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _grow(folder: Path) -> None:
    with segment(folder).open("ab") as handle:
        handle.write(b"\x00" * 16)


def _garble(folder: Path) -> None:
    path = segment(folder)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(range(64))
    path.write_bytes(bytes(data))


def _edit_manifest(**changes: object) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        manifest.update(changes)
        (folder / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")

    return edit


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated segment": (_truncate, "cut short"),
    "grown segment": (_grow, "has grown"),
    "garbage bytes": (_garble, "has changed"),
    "missing segment": (lambda f: segment(f).unlink(), "missing"),
    "missing word list": (lambda f: (f / WORDS_FILE).unlink(), "missing"),
    "missing table of contents": (
        lambda f: next(f.glob("*.toc")).unlink(), "missing"
    ),
    "half-written (no manifest)": (lambda f: (f / MANIFEST_FILE).unlink(), "half-written"),
    "garbage manifest": (
        lambda f: (f / MANIFEST_FILE).write_bytes(b"\x00{not json"), "record could not be read"
    ),
    "a stranger's file": (lambda f: (f / "_MAIN_2.toc").write_bytes(b"x"), "should not"),
    "a list for the files' record": (_edit_manifest(files=[]), "record could not be read"),
    "another schema version": (_edit_manifest(schema=999), "another version"),
    "another Whoosh": (_edit_manifest(whoosh="0.1"), "another version"),
    "another Python": (_edit_manifest(python="2.7"), "another version"),
    "another index's record": (_edit_manifest(documents=3), "does not hold what its record"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_index_is_set_aside_rebuilt_and_explained(
    manual: Manual, cache: Path, kind: str
) -> None:
    damage, words = DAMAGE[kind]
    first = ensure_index(manual, cache_root=cache)
    assert first.path is not None
    first.index.close()
    damage(first.path)
    opened = open_search(manual, cache_root=cache)
    assert opened.status.built and opened.status.path == first.path
    assert opened.status.message and words in opened.status.message
    assert "new one" in opened.status.message
    assert len(set_aside_dirs(cache)) == 1
    assert finds_s47(opened.searcher)
    opened.searcher.close()


def test_an_index_of_other_fields_is_rebuilt_though_its_record_matches(
    manual: Manual, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a reader whose fields changed while its schema number did not
    from whoosh.fields import ID

    import reader.search_index

    first = ensure_index(manual, cache_root=cache)
    first.index.close()
    schema = reader.search_index.make_schema

    def more_fields() -> object:
        wider = schema()
        wider.add("audience", ID(stored=True))
        return wider

    monkeypatch.setattr(reader.search_index, "make_schema", more_fields)
    opened = ensure_index(manual, cache_root=cache)
    assert opened.built and opened.message and "another version" in opened.message
    assert opened.index.schema.names() == sorted(more_fields().names())
    opened.index.close()


def built_and_closed(manual: Manual, cache: Path) -> Path:
    """An index built in the cache and closed again, for a test to damage or hold."""
    first = ensure_index(manual, cache_root=cache)
    assert first.path is not None
    first.index.close()
    return first.path


def test_a_damaged_index_that_cannot_be_renamed_is_removed_and_rebuilt_on_disk(
    manual: Manual, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows: a file of it held open elsewhere stops the rename, not always the removal
    path = built_and_closed(manual, cache)
    _garble(path)
    real_rename = os.rename

    def held(source: object, target: object) -> None:
        if Path(source) == path:
            raise PermissionError(13, "The process cannot access the file", str(source))
        real_rename(source, target)

    monkeypatch.setattr("reader.search_index.os.rename", held)
    opened = ensure_index(manual, cache_root=cache)
    assert opened.built and opened.path == path  # on disk, not in memory for the session
    assert opened.message and "has changed" in opened.message
    assert index_dirs(cache) == [path] and set_aside_dirs(cache) == []
    opened.index.close()


def test_an_index_damaged_after_weeks_unused_is_kept_aside_as_said(
    manual: Manual, cache: Path
) -> None:
    path = built_and_closed(manual, cache)
    (path / MANIFEST_FILE).write_bytes(b"\x00{not json")
    weeks_ago = time.time() - 30 * 24 * 3600  # the last time the reader was used
    os.utime(path, (weeks_ago, weeks_ago))
    opened = ensure_index(manual, cache_root=cache)
    assert opened.message and "set aside" in opened.message
    # it was removed at once by the same start, as a broken index over a week old
    kept = set_aside_dirs(cache)
    assert len(kept) == 1 and (kept[0] / MANIFEST_FILE).read_bytes() == b"\x00{not json"
    opened.index.close()


def test_an_index_file_that_cannot_be_read_is_replaced_not_given_up(
    manual: Manual, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.search_index

    path = built_and_closed(manual, cache)
    digest = reader.search_index._file_digest
    held = {path}  # as a virus scanner holds one file of the old folder

    def guarded(path: Path) -> str:
        if path.parent in held:
            raise PermissionError(13, "Permission denied")
        return digest(path)

    monkeypatch.setattr(reader.search_index, "_file_digest", guarded)
    opened = open_search(manual, cache_root=cache)
    assert opened.status.built  # full text, not titles only
    assert opened.status.message and "could not be read (Permission denied)" in \
        opened.status.message
    assert finds_s47(opened.searcher)
    opened.searcher.close()


def assert_full_text_built_and_1_1_1_found_by_title(opened: OpenedSearch) -> None:
    """Full-text search, not titles only, for the rest; 1.1.1 still found by its title."""
    assert isinstance(opened.searcher, IndexSearcher)
    assert opened.status.built and opened.status.message is None
    assert finds_s47(opened.searcher)
    assert [hit.number for hit in opened.searcher.search("values and principles").hits][:1] \
        == ["1.1.1"]


def test_a_chapter_file_that_cannot_be_read_costs_only_its_text_in_search(
    manual: Manual, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapter = manual.root / "chapters" / "childrens-services-policies-values-and-principles.md"
    real_open = Path.open
    blocked = {chapter}

    def denied(path: Path, *args: object, **kwargs: object) -> object:
        if path in blocked:  # as chmod 000 does, for anyone but an administrator
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    opened = open_search(manual, cache_root=cache)
    # once, full-text search was given up for titles only, over this one file
    assert_full_text_built_and_1_1_1_found_by_title(opened)
    opened.searcher.close()
    blocked.clear()  # readable again: the index is built afresh, with its text
    again = open_search(manual, cache_root=cache)
    assert again.status.built
    assert again.searcher.search("overarching").hits
    again.searcher.close()


def test_a_system_error_that_leaves_titles_only_is_said_in_words(
    manual: Manual, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(cache))

    monkeypatch.setattr("reader.search.ensure_index", full)
    opened = open_search(manual, cache_root=cache)
    assert isinstance(opened.searcher, TitleSearcher)
    assert opened.status.message == (
        f"Full-text search is unavailable (No space left on device: {cache}); searching titles "
        "and notes only. The log has the details.")  # not "OSError: [Errno 28] ..."


def test_a_chapter_too_complex_to_show_is_found_by_its_title_and_the_rest_in_full(
    manual: Manual, cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    chapter = manual.root / "chapters" / "childrens-services-policies-values-and-principles.md"
    # nested past Python's recursion: once, the build failed and search fell back to titles
    deep = '<div markdown="1">' * 1000 + "deep" + "</div>" * 1000
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n" + deep + "\n",
                       encoding="utf-8")
    opened = open_search(manual, cache_root=cache)
    assert_full_text_built_and_1_1_1_found_by_title(opened)
    assert not opened.searcher.search("overarching").hits  # its text is not shown, nor found
    assert "indexed by its title only" in caplog.text and "nested too deep" in caplog.text
    opened.searcher.close()


def test_a_word_in_a_heading_ranks_its_chapter_above_the_word_in_text(
    content_copy: Path, cache: Path
) -> None:
    # the headings have a field of their own: a chapter with a part on the subject comes
    # before one that names it in passing, though both hold the word once in their text
    contents = content_copy / "contents.json"
    contents.write_text(contents.read_text(encoding="utf-8").replace(
        '"number": "6.4.4",', '"number": "6.4.4", "file": "chapters/iro.md",'), encoding="utf-8")
    chapter = content_copy / "chapters" / "childrens-services-policies-values-and-principles.md"
    text = chapter.read_text(encoding="utf-8")
    (content_copy / "chapters" / "iro.md").write_text(
        text + "\n## Zanzibar Visits\n\nArranged by the reviewing officer.\n", encoding="utf-8")
    chapter.write_text(text + "\nZanzibar.\n", encoding="utf-8")
    opened = open_search(load_manual(content_copy), cache_root=cache)
    assert [hit.number for hit in opened.searcher.search("zanzibar").hits] == ["6.4.4", "1.1.1"]
    opened.searcher.close()


def test_a_locked_index_is_set_aside_and_rebuilt(manual: Manual, cache: Path) -> None:
    from whoosh.util.filelock import FileLock

    first = ensure_index(manual, cache_root=cache)
    assert first.path is not None
    lock = FileLock(str(first.path / LOCK_FILE))
    assert lock.acquire(blocking=False)
    try:
        opened = open_search(manual, cache_root=cache)
    finally:
        lock.release()
    assert opened.status.built and opened.status.message
    assert "locked by another program" in opened.status.message
    assert len(set_aside_dirs(cache)) == 1
    assert finds_s47(opened.searcher)
    opened.searcher.close()


def test_a_half_written_build_left_by_a_dead_process_is_ignored_and_cleared(
    manual: Manual, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"s2-{content_hash(manual.root)[:16]}"
    dead = cache / f"{BUILD_MARK}{name}-999999999-deadbeef"
    dead.mkdir(parents=True)
    (dead / "MAIN_half.seg").write_bytes(b"\x00" * 100)
    alive = cache / f"{BUILD_MARK}{name}-{os.getpid()}-cafecafe"
    alive.mkdir()
    # another reader building beside this one, and another user's reader (its process may
    # not be signalled): both are left alone
    other = cache / f"{BUILD_MARK}{name}-{os.getppid()}-0badcafe"
    other.mkdir()
    foreign = cache / f"{BUILD_MARK}{name}-999999998-f0f0f0f0"
    foreign.mkdir()
    # hours old: its process died long ago and its number now names another one
    old = cache / f"{BUILD_MARK}{name}-{os.getppid()}-00000000"
    old.mkdir()
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    real_kill = os.kill

    def kill(pid: int, signal: int) -> None:
        if pid == 999999998:
            raise PermissionError(1, "Operation not permitted")
        real_kill(pid, signal)

    monkeypatch.setattr("reader.search_index.os.kill", kill)
    opened = ensure_index(manual, cache_root=cache)
    assert opened.built and opened.message is None
    assert not dead.exists() and not old.exists()
    # a build still running in a live process is left alone
    assert alive.exists() and other.exists() and foreign.exists()


def test_a_failed_build_leaves_nothing_behind(
    manual: Manual, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reader.search_index.os.rename", fail)
    opened = open_search(manual, cache_root=cache)
    assert opened.status.path is None and opened.status.built
    assert "No space left on device" in (opened.status.message or "")
    assert "in memory" in (opened.status.message or "")
    assert finds_s47(opened.searcher)
    assert list(cache.iterdir()) == []


def test_an_unwritable_cache_builds_in_memory(manual: Manual, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    opened = open_search(manual, cache_root=blocker / "search-index")
    assert opened.status.path is None
    assert "could not be saved" in (opened.status.message or "")
    # the file to move is named, not "Not a directory", which tells no one what to do
    assert f"{blocker} is a file, not a folder" in (opened.status.message or "")
    assert "Not a directory" not in (opened.status.message or "")
    assert finds_s47(opened.searcher)


def test_two_builds_at_once_end_with_one_good_index(manual: Manual, cache: Path) -> None:
    # the first build's last progress step runs a whole second build, so the second one
    # renames its folder into place first and the first finds the place taken
    inner: list[object] = []

    def progress(done: int, total: int) -> None:
        if done == total - 1 and not inner:
            inner.append(ensure_index(manual, cache_root=cache))

    outer = ensure_index(manual, cache_root=cache, progress=progress)
    assert inner and outer.path == inner[0].path  # type: ignore[attr-defined]
    assert outer.message is None
    assert [p.name for p in cache.iterdir()] == [outer.path.name]  # type: ignore[union-attr]
    searcher = IndexSearcher(manual, None, outer.index, outer.words)
    assert finds_s47(searcher)
    searcher.close()


def test_a_half_written_index_put_in_place_meanwhile_is_set_aside_for_the_new_one(
    manual: Manual, cache: Path
) -> None:
    # another reader, killed as it put its index in place, left a folder without a record
    final = cache / f"s2-{content_hash(manual.root)[:16]}"

    def progress(done: int, total: int) -> None:
        if done == total - 1 and not final.exists():
            final.mkdir()
            (final / "_MAIN_1.toc").write_bytes(b"half")

    opened = ensure_index(manual, cache_root=cache, progress=progress)
    assert opened.path == final and opened.message is None  # kept on disk, not in memory
    assert len(set_aside_dirs(cache)) == 1
    searcher = IndexSearcher(manual, None, opened.index, opened.words)
    assert finds_s47(searcher)
    searcher.close()


def test_two_rebuilds_at_once_leave_each_a_working_index(manual: Manual, cache: Path) -> None:
    # `index --rebuild` run twice at once: the one that finishes last swapped out the index
    # the other had just put in place, and the other, opening it in that moment, found no
    # index, said it could not be saved and exited 1
    ensure_index(manual, cache_root=cache)
    inner: list[tuple[OpenedIndex, tuple[int, int]]] = []

    def progress(done: int, total: int) -> None:
        if done == total - 1 and not inner:
            opened = ensure_index(manual, cache_root=cache, rebuild=True)
            assert opened.path is not None
            found = opened.path.stat()
            inner.append((opened, (found.st_dev, found.st_ino)))

    outer = ensure_index(manual, cache_root=cache, rebuild=True, progress=progress)
    (first, first_folder), = inner
    assert outer.path == first.path and outer.message is None
    assert outer.path is not None
    found = outer.path.stat()
    assert (found.st_dev, found.st_ino) == first_folder  # left in place, not swapped
    for opened in (first, outer):
        searcher = IndexSearcher(manual, None, opened.index, opened.words)
        assert finds_s47(searcher)
        searcher.close()


@pytest.mark.slow
def test_two_processes_building_at_once(content_copy: Path, cache: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from reader.manual import load_manual; "
        "from reader.search_index import ensure_index; "
        "o = ensure_index(load_manual(sys.argv[1]), cache_root=Path(sys.argv[2])); "
        "print(o.path, o.message)"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(content_copy), str(cache)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    paths = {out.split()[0] for out, _ in outputs}
    assert len(paths) == 1 and all(out.strip().endswith("None") for out, _ in outputs)
    assert len(index_dirs(cache)) == 1
    reopened = ensure_index(load_manual(content_copy), cache_root=cache)
    assert not reopened.built


def test_progress_runs_to_the_end(manual: Manual, cache: Path) -> None:
    seen: list[tuple[int, int]] = []
    ensure_index(manual, cache_root=cache, progress=lambda d, t: seen.append((d, t)))
    # a step per chapter and one for saving: the bar is full only once the index is saved
    total = len(list(manual.entries())) + 1
    assert seen == [(done, total) for done in range(1, total + 1)]


@pytest.mark.parametrize("asked_at", ["a chapter", "the save"])
def test_a_cancelled_build_stops_and_leaves_nothing(
        manual: Manual, cache: Path, asked_at: str) -> None:
    # asked once per chapter, then once more before the index is saved
    stop = 11 if asked_at == "a chapter" else len(list(manual.entries())) + 1
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] >= stop

    with pytest.raises(BuildCancelled):
        open_search(manual, cache_root=cache, cancel=cancel)
    assert list(cache.iterdir()) == []


@pytest.fixture
def read_only_prebuilt(manual: Manual) -> Iterator[Path]:
    folder = build_prebuilt_index(manual)
    paths = [folder, *folder.iterdir()]
    for path in paths:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    yield folder
    for path in paths:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def read_only_disk(*_args: object, **_kwargs: object) -> bool:
    raise OSError(30, "Read-only file system")


def test_a_shipped_index_is_used_in_place_and_never_written(
    manual: Manual, cache: Path, read_only_prebuilt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_only_prebuilt == manual.root / PREBUILT_DIR
    before = snapshot(read_only_prebuilt)
    # on a read-only disk the lock cannot even be tried (as root, chmod does not stop it)
    with monkeypatch.context() as disk:
        disk.setattr("reader.search_index.FileLock.acquire", read_only_disk)
        opened = open_search(manual, cache_root=cache)
    assert opened.status.path == read_only_prebuilt
    assert opened.status.read_only and not opened.status.built
    assert opened.status.message is None
    assert finds_s47(opened.searcher)
    opened.searcher.close()
    assert snapshot(read_only_prebuilt) == before
    assert not cache.exists()
    # `index --rebuild` builds in the cache, where it can write, and the shipped one stays
    rebuilt = ensure_index(manual, cache_root=cache, rebuild=True)
    assert rebuilt.built and rebuilt.path is not None and rebuilt.path.parent == cache
    assert snapshot(read_only_prebuilt) == before


def test_the_shipped_index_does_not_change_the_content_hash(manual: Manual) -> None:
    before = content_hash(manual.root)
    build_prebuilt_index(manual)
    # nor what a file browser leaves in a folder it showed (macOS, Windows)
    (manual.root / "chapters" / ".DS_Store").write_bytes(b"\x00\x01")
    assert content_hash(manual.root) == before


def test_a_chapter_file_under_another_name_changes_the_content_hash(tmp_path: Path) -> None:
    # the contents still name the old file: its text is no longer shown, so no longer found
    (tmp_path / "contents.json").write_text("{}", encoding="utf-8")
    (tmp_path / "adoption.md").write_text("Adoption", encoding="utf-8")
    before = content_hash(tmp_path)
    (tmp_path / "adoption.md").rename(tmp_path / "adoption-old.md")
    assert content_hash(tmp_path) != before


def test_building_the_shipped_index_again_replaces_it(manual: Manual, cache: Path) -> None:
    build_prebuilt_index(manual)
    chapter = manual.root / "chapters" / "childrens-services-policies-values-and-principles.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nZanzibar.\n", encoding="utf-8")
    folder = build_prebuilt_index(manual)
    # only the new index ships: no old or broken one beside it in the content folder
    assert [p.name for p in manual.root.iterdir() if p.name.startswith(".index")] == [".index"]
    opened = open_search(manual, cache_root=cache)
    assert opened.status.path == folder and not opened.status.built
    assert opened.searcher.search("zanzibar").hits[0].number == "1.1.1"
    opened.searcher.close()


def test_a_stale_shipped_index_is_passed_over_for_the_cache(
    manual: Manual, cache: Path, read_only_prebuilt: Path
) -> None:
    (manual.root / "contents.json").write_text(
        (manual.root / "contents.json").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    before = snapshot(read_only_prebuilt)
    opened = ensure_index(manual, cache_root=cache)
    assert opened.path is not None and opened.path.parent == cache
    assert opened.built and opened.message is None
    assert snapshot(read_only_prebuilt) == before


def test_a_damaged_shipped_index_is_left_alone_and_said(manual: Manual, cache: Path) -> None:
    folder = build_prebuilt_index(manual)
    _garble(folder)
    before = snapshot(folder)
    opened = ensure_index(manual, cache_root=cache)
    assert opened.path is not None and opened.path.parent == cache
    assert "shipped with the manual is damaged" in (opened.message or "")
    assert snapshot(folder) == before


@pytest.mark.parametrize("failing", ["search", "stored_fields"])  # finding; its snippets
def test_a_failing_index_falls_back_to_titles_and_is_set_aside(
    manual: Manual, cache: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    opened = open_search(manual, cache_root=cache)
    searcher = opened.searcher
    assert isinstance(searcher, IndexSearcher) and searcher.problem is None

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("Input/output error")

    monkeypatch.setattr(searcher._searcher, failing, broken)
    result = searcher.search("iro")
    assert result.hits[0].number == "6.4.4"  # titles still answer
    assert searcher.problem and "rebuilt" in searcher.problem
    assert len(set_aside_dirs(cache)) == 1
    searcher.close()
    again = open_search(manual, cache_root=cache)
    assert again.status.built
    again.searcher.close()


def test_a_failing_shipped_index_falls_back_to_titles_and_stays_where_it_is(
    manual: Manual, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # installed for one person, the content folder can be written: still never renamed
    folder = build_prebuilt_index(manual)
    opened = open_search(manual, cache_root=cache)
    searcher = opened.searcher
    assert isinstance(searcher, IndexSearcher) and opened.status.read_only

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("Input/output error")

    monkeypatch.setattr(searcher._searcher, "search", broken)
    assert searcher.search("iro").hits[0].number == "6.4.4"
    assert searcher.problem and "rebuilt" in searcher.problem
    searcher.close()
    assert (folder / MANIFEST_FILE).is_file()
    assert [p.name for p in manual.root.iterdir() if p.name.startswith(".index")] == [".index"]


def test_open_search_never_raises(manual: Manual, cache: Path, monkeypatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr("reader.search.ensure_index", explode)
    opened = open_search(manual, cache_root=cache)
    assert isinstance(opened.searcher, TitleSearcher) and not opened.searcher.full_text
    assert "titles" in (opened.status.message or "")
    assert finds_s47(opened.searcher)


def test_an_index_that_cannot_be_read_nor_set_aside_still_gives_titles(
    manual: Manual, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whoosh.searching import Searcher

    import reader.search

    open_search(manual, cache_root=cache).searcher.close()
    closed: list[object] = []
    real_close = Searcher.close
    monkeypatch.setattr(Searcher, "close", lambda self: (closed.append(self), real_close(self)))

    def unreadable(self: Searcher) -> int:
        raise ValueError("a damaged column")

    def held_open(folder: Path, *args: object) -> Path:  # Windows: files held open elsewhere
        raise PermissionError(13, "The process cannot access the file", str(folder))

    monkeypatch.setattr(Searcher, "doc_count_all", unreadable)
    monkeypatch.setattr(reader.search, "set_aside", held_open)
    opened = open_search(manual, cache_root=cache)
    assert not opened.searcher.full_text and "titles" in (opened.status.message or "")
    assert finds_s47(opened.searcher)
    assert len(closed) == 1  # the Whoosh searcher it could not use is closed, not left open


def test_a_broken_vocabulary_is_reported_and_search_still_works(
    manual: Manual, cache: Path
) -> None:
    (manual.root / "vocabulary.json").write_text('{"groups": [["S47", "s.47"],,]}\n')
    opened = open_search(manual, cache_root=cache)
    assert [str(p) for p in opened.problems] == [
        f"{manual.root / 'vocabulary.json'}:1: not valid JSON: Expecting value; "
        "search works without synonyms"
    ]
    assert opened.searcher.search("section 47").hits[0].number == "4.6"
    assert opened.searcher.search("s47").hits == ()
    opened.searcher.close()


def test_an_index_built_in_memory_spills_to_a_folder_of_its_own(
    manual: Manual, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from reader.search_index import write_index

    shared = tmp_path / "temp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    # what another reader (or another user's, killed mid-build) left in the shared folder
    (shared / "MAIN.tmp").write_text("not a folder", encoding="utf-8")
    index, words = write_index(manual, None)
    assert index.doc_count_all() == len(list(manual.entries())) and words
    assert [p.name for p in shared.iterdir()] == ["MAIN.tmp"]  # and nothing left behind


def test_a_rebuild_asked_for_builds_the_index_anew(manual: Manual, cache: Path) -> None:
    # the way out of an index that passes its checks yet finds the wrong things
    first = ensure_index(manual, cache_root=cache)
    assert first.path is not None
    before = first.path.stat().st_ino
    first.index.close()
    again = ensure_index(manual, cache_root=cache, rebuild=True)
    assert again.built and again.path == first.path
    assert again.path.stat().st_ino != before  # a new folder, not the old one kept
    assert index_dirs(cache) == [first.path]
    assert not [p for p in cache.iterdir() if ".old-" in p.name]


def test_the_cache_keeps_only_the_indexes_of_the_editions_used_last(
    manual: Manual, cache: Path
) -> None:
    # each edition installed leaves an index of some megabytes behind: only a few are kept
    used = ensure_index(manual, cache_root=cache).path
    assert used is not None
    now = time.time()
    month_ago = now - 30 * 86400
    os.utime(used, (month_ago, month_ago))  # built a month ago
    others = [cache / f"s2-{n:016x}" for n in range(4)]
    for days, folder in enumerate(others, start=1):
        folder.mkdir()
        os.utime(folder, (now - days * 86400, now - days * 86400))
    # indexes set aside as broken are kept a week, for a look, and do not count among those
    broken = [cache / f"s2-{n:016x}.broken-2024" for n in range(2)]
    for days, folder in zip((1, 8), broken, strict=True):
        folder.mkdir()
        os.utime(folder, (now - days * 86400, now - days * 86400))
    opened = ensure_index(manual, cache_root=cache)  # and opened again today
    assert opened.path == used and not opened.built
    assert index_dirs(cache) == sorted([used, *others[:2]])  # the two used last
    assert set_aside_dirs(cache) == [broken[0]]
    # another edition: the one read today is among the last used, not the oldest
    chapter = manual.root / "chapters" / "childrens-services-policies-values-and-principles.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nAmended.\n", encoding="utf-8")
    edition = ensure_index(manual, cache_root=cache)
    assert edition.built and edition.path is not None
    assert index_dirs(cache) == sorted([edition.path, used, others[0]])


def test_a_good_cached_index_on_a_disk_gone_read_only_is_searched_not_rebuilt(
    manual: Manual, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_search(manual, cache_root=cache)
    first.searcher.close()
    kept = first.status.path
    assert kept is not None
    before = snapshot(kept)
    real_access = os.access
    with monkeypatch.context() as disk:
        # a read-only disk, as the system reports it (root included): nothing can be written
        disk.setattr("reader.search_index.FileLock.acquire", read_only_disk)
        disk.setattr(os, "access", lambda path, mode, *a, **k:
                     False if mode & os.W_OK else real_access(path, mode, *a, **k))
        disk.setattr(os, "rename", read_only_disk)
        disk.setattr(os, "utime", read_only_disk)
        opened = open_search(manual, cache_root=cache)
    # once, `index` said "none kept on disk" and exited 1, and every search warned that the
    # index "could not be saved" and built it again in memory
    assert opened.status.path == kept and not opened.status.built
    assert opened.status.message is None
    assert finds_s47(opened.searcher)
    opened.searcher.close()
    assert snapshot(kept) == before
