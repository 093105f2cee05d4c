"""The full-text index on disk: its schema, how it is built, checked, reused and replaced.

Where it lives:

- A read-only index may ship with the manual in `<content>/.index` (a hidden folder, so
  `validate` and the contents ignore it). It is used in place, never written, when its
  manifest matches the content and this reader.
- Otherwise the index lives in the user cache, `<cache>/search-index/s<schema>-<content hash>`.
  Naming it by the content hash means a changed manual gets a new folder instead of an
  overwritten one.

Every index folder holds `manifest.json`, written last: the content hash, schema, Whoosh and
Python versions, and the size and SHA-256 of every file. An index is used only if all of
that matches, so a truncated, garbled, half-written or foreign index is never read; it is
renamed `*.broken-<time>` and a new one is built. A build writes into a private temporary
folder and renames it into place in one step; when two processes build at once the first
rename wins and the second process checks and uses the winner's index.

Plain Python, no Qt: the window runs `ensure_index` on a worker thread with a progress
callback and a cancel check.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import whoosh
from whoosh.fields import ID, KEYWORD, NGRAMWORDS, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import Index
from whoosh.util.filelock import FileLock

from reader.atomic_file import write_text_atomic
from reader.json_text import parse_json
from reader.manual import Manual
from reader.render import ChapterRenderer
from reader.search_documents import SearchDocument, document_for, word_counts
from reader.search_pool import sort_in_chunks
from reader.search_query import ANALYZER, PRE_ANALYZED, analyze, pairs

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # raise whenever the schema or the text fed to it changes
MANIFEST_FILE = "manifest.json"
WORDS_FILE = "words.json"
PREBUILT_DIR = ".index"
CACHE_FOLDER = "search-index"
BUILD_MARK, BROKEN_MARK, OLD_MARK = ".build-", ".broken-", ".old-"
LOCK_FILE = "MAIN_WRITELOCK"  # Whoosh's write lock for the index named MAIN
NGRAM_MAX = 20
STALE_BUILD_SECONDS = 3600  # a build folder this old belongs to a build that died
BROKEN_KEEP_SECONDS = 7 * 24 * 3600  # broken indexes are kept a week, for a look if wanted
KEEP_INDEXES = 3  # indexes of other content folders (or editions) kept in the cache

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class BuildCancelled(Exception):
    """The cancel check said stop; nothing was left behind."""


class IndexUnusable(Exception):
    """An index folder that must not be used; `kind` says why, `detail` in plain words."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind  # "stale", "version", "damaged" or "locked"
        self.detail = detail


def make_schema() -> Schema:
    """The fields of one document (one contents entry)."""
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        number=ID(stored=True),
        kind=ID(stored=True),
        title=TEXT(analyzer=ANALYZER, stored=True, field_boost=3.0),
        # edge n-grams of title words: the word being typed matches ("perman")
        title_prefix=NGRAMWORDS(minsize=2, maxsize=NGRAM_MAX, at="start"),
        section=ID(stored=True),
        subsection=ID(stored=True),
        section_path=STORED(),
        flags=KEYWORD(stored=True, lowercase=True),
        notes=TEXT(analyzer=ANALYZER, stored=True),
        headings=TEXT(analyzer=ANALYZER, field_boost=1.5),
        body=TEXT(analyzer=PRE_ANALYZED, phrase=False),  # stems, see PRE_ANALYZED
        body_pairs=TEXT(analyzer=PRE_ANALYZED, phrase=False),
        text=STORED(),  # the chapter's plain text, for snippets
        order=STORED(),
    )


def runtime_stamp() -> dict[str, Any]:
    """What an index must have been built by to be read by this process."""
    return {
        "schema": SCHEMA_VERSION,
        "whoosh": whoosh.versionstring(),
        # pickled stored fields are safe across patch releases, not across minor ones
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
    }


def content_hash(root: Path) -> str:
    """SHA-256 over the content folder's files (names and bytes); hidden ones left out."""
    digest = hashlib.sha256()
    for path in sorted(_content_files(root)):
        relative = path.relative_to(root).as_posix()
        digest.update(relative.encode("utf-8") + b"\0")
        try:
            digest.update(_file_digest(path).encode("ascii") + b"\0")
        except OSError as exc:
            # one file this account may not read cost all of full-text search; the chapter
            # is indexed by its title, and the stamp changes once the file can be read
            log.warning("cannot read %s for the content's stamp: %s", path, exc)
            digest.update(f"unreadable: {exc.strerror or exc}".encode() + b"\0")
    return digest.hexdigest()


def _content_files(root: Path) -> list[Path]:
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
        files += [Path(folder) / n for n in names if not n.startswith(".")]
    return files


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass(frozen=True)
class Manifest:
    """The record written last into an index folder; an index without it is unfinished."""

    schema: int
    whoosh: str
    python: str
    content_hash: str
    documents: int
    files: dict[str, tuple[int, str]] = field(default_factory=dict)  # name: (size, sha256)
    built: str = ""

    def stamp(self) -> dict[str, Any]:
        """What built the index, to compare with `runtime_stamp()`."""
        return {"schema": self.schema, "whoosh": self.whoosh, "python": self.python}

    def write(self, folder: Path) -> None:
        """Write the manifest into an index folder, atomically."""
        data = {
            "schema": self.schema, "whoosh": self.whoosh, "python": self.python,
            "content_hash": self.content_hash, "documents": self.documents,
            "built": self.built,
            "files": {name: list(value) for name, value in sorted(self.files.items())},
        }
        write_text_atomic(folder / MANIFEST_FILE, json.dumps(data, indent=1) + "\n")

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The manifest of an index folder; IndexUnusable if missing or unreadable."""
        path = folder / MANIFEST_FILE
        if not path.is_file():
            raise IndexUnusable("damaged", "it was left half-written")
        try:
            data = parse_json(path.read_text(encoding="utf-8"))
            files = {
                str(name): (int(size), str(digest))
                for name, (size, digest) in data["files"].items()
            }
            return cls(
                schema=int(data["schema"]), whoosh=str(data["whoosh"]),
                python=str(data["python"]), content_hash=str(data["content_hash"]),
                documents=int(data["documents"]), files=files, built=str(data.get("built")),
            )
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError,
                AttributeError) as exc:  # AttributeError: "files" is not an object
            raise IndexUnusable("damaged", "its record could not be read") from exc


@dataclass(frozen=True)
class OpenedIndex:
    """A checked, open index and what happened on the way."""

    index: Index
    words: dict[str, int]  # the manual's words and their counts, for "did you mean"
    path: Path | None  # None: built in memory because nowhere could be written
    read_only: bool  # True: the index shipped with the manual, used in place
    built: bool  # True: built (or rebuilt) just now
    message: str | None = None  # for the person: what was wrong and what was done


class PrivateRamStorage(RamStorage):
    """An index in memory whose build spills to a folder of its own.

    Whoosh's RamStorage spills to <temp>/MAIN.tmp, one folder for every process and every
    user: two readers building at once broke each other's build, and one left behind by a
    killed reader stopped everyone else's.
    """

    def __init__(self) -> None:
        super().__init__()
        self.spill: str | None = None

    def temp_storage(self, name: str | None = None) -> FileStorage:
        if self.spill is None:
            self.spill = tempfile.mkdtemp(prefix="procedures-reader-index-")
        return FileStorage(os.path.join(self.spill, name or "spill.tmp")).create()

    def remove_spill(self) -> None:
        if self.spill is not None:
            shutil.rmtree(self.spill, ignore_errors=True)
            self.spill = None


def write_index(
    manual: Manual,
    folder: Path | None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> tuple[Index, dict[str, int]]:
    """Index every entry into an empty folder (None: in memory); the manifest goes last."""
    digest = content_hash(manual.root)  # before reading: a change meanwhile shows as stale
    storage = PrivateRamStorage() if folder is None else FileStorage(str(folder))
    index = storage.create_index(make_schema())
    entries = list(manual.entries())
    total = len(entries) + 1  # the last step is the commit
    words: Counter[str] = Counter()
    renderer = ChapterRenderer(manual)
    writer = index.writer(limitmb=64)
    sort_in_chunks(writer)
    try:
        for done, entry in enumerate(entries):
            if cancel and cancel():
                raise BuildCancelled()
            document = document_for(manual, renderer, entry, done)
            writer.add_document(**_fields(document))
            words.update(word_counts(document))
            if progress:
                progress(done + 1, total)
        if cancel and cancel():
            raise BuildCancelled()
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    finally:
        if isinstance(storage, PrivateRamStorage):
            storage.remove_spill()
    word_list = dict(sorted(words.items()))
    if folder is not None:
        (folder / WORDS_FILE).write_text(json.dumps(word_list), encoding="utf-8")
        files = {
            path.name: (path.stat().st_size, _file_digest(path))
            for path in folder.iterdir()
            if path.is_file() and path.name not in (MANIFEST_FILE, LOCK_FILE)
        }
        Manifest(
            **runtime_stamp(), content_hash=digest,
            documents=len(entries), files=files, built=time.strftime("%Y-%m-%dT%H:%M:%S"),
        ).write(folder)
    if progress:
        progress(total, total)
    return index, word_list


def _fields(document: SearchDocument) -> dict[str, Any]:
    stems = analyze(document.body)
    values: dict[str, Any] = {
        "id": document.id, "number": document.number, "kind": document.kind,
        "title": document.title, "title_prefix": document.title,
        "section": document.section, "subsection": document.subsection,
        "section_path": document.section_path, "flags": " ".join(document.flags),
        "notes": document.notes, "headings": document.headings,
        "body": " ".join(stems), "body_pairs": " ".join(pairs(stems)), "text": document.body,
        "order": document.order,
    }
    # Whoosh indexes an empty string as a term; leave empty fields out instead
    return {name: value for name, value in values.items() if value not in (None, "")}


def check_index(folder: Path, expected_hash: str, read_only: bool) -> Manifest:
    """The folder's manifest if everything in it is as recorded; else IndexUnusable."""
    try:
        return _checked_manifest(folder, expected_hash, read_only)
    except OSError as exc:  # a file held by a virus scanner, or unreadable: not usable now
        raise IndexUnusable("damaged", f"a file of it could not be read ({exc.strerror})") from exc


def _checked_manifest(folder: Path, expected_hash: str, read_only: bool) -> Manifest:
    manifest = Manifest.read(folder)
    if manifest.stamp() != runtime_stamp():
        raise IndexUnusable("version", "it was made by another version of the reader")
    if manifest.content_hash != expected_hash:
        raise IndexUnusable("stale", "the manual has changed since it was built")
    present = {p.name for p in folder.iterdir()} - {MANIFEST_FILE, LOCK_FILE}
    if set(manifest.files) - present:
        raise IndexUnusable("damaged", "a file of it is missing")
    if present - set(manifest.files):
        raise IndexUnusable("damaged", "it holds files it should not")
    for name, (size, digest) in manifest.files.items():
        path = folder / name
        if path.stat().st_size != size:
            raise IndexUnusable("damaged", "a file of it was cut short or has grown")
        if _file_digest(path) != digest:
            raise IndexUnusable("damaged", "a file of it has changed")
    if not read_only and _is_locked(folder):
        raise IndexUnusable("locked", "another program holds it locked")
    return manifest


def _is_locked(folder: Path) -> bool:
    """Whether someone holds Whoosh's write lock; retried, as our own checks take it briefly."""
    if not (folder / LOCK_FILE).exists():
        return False
    lock = FileLock(str(folder / LOCK_FILE))
    for _ in range(5):
        if lock.acquire(blocking=False):
            lock.release()
            return False
        time.sleep(0.05)
    return True


def open_checked(folder: Path, expected_hash: str, read_only: bool) -> tuple[Index, dict]:
    """Check an index folder and open it; IndexUnusable if it must not be used."""
    manifest = check_index(folder, expected_hash, read_only)
    try:
        index = FileStorage(str(folder), readonly=read_only).open_index()
        if index.doc_count_all() != manifest.documents:
            raise IndexUnusable("damaged", "it does not hold what its record says")
        if sorted(index.schema.names()) != sorted(make_schema().names()):
            raise IndexUnusable("version", "it was made by another version of the reader")
        words = parse_json((folder / WORDS_FILE).read_text(encoding="utf-8"))
        if not isinstance(words, dict):
            raise IndexUnusable("damaged", "its word list could not be read")
        return index, {str(w): int(n) for w, n in words.items()}
    except IndexUnusable:
        raise
    except Exception as exc:  # Whoosh raises many kinds on a bad file; all mean the same
        raise IndexUnusable("damaged", "it could not be opened") from exc


def ensure_index(
    manual: Manual,
    *,
    cache_root: Path | None = None,
    rebuild: bool = False,
    use_prebuilt: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> OpenedIndex:
    """A usable index for the manual: the shipped one, the cached one, or a new one.

    Slow when it builds (seconds): call it from a worker thread. Never raises except
    `BuildCancelled`; when nothing can be written it builds in memory and says so.
    """
    expected = content_hash(manual.root)
    message: str | None = None
    prebuilt = manual.root / PREBUILT_DIR
    if use_prebuilt and not rebuild and prebuilt.is_dir():
        try:
            index, words = open_checked(prebuilt, expected, read_only=True)
            return OpenedIndex(index, words, prebuilt, read_only=True, built=False)
        except IndexUnusable as exc:
            log.warning("not using the shipped index %s: %s", prebuilt, exc)
            if exc.kind == "damaged":
                message = f"The search index shipped with the manual is damaged ({exc.detail})."
    if cache_root is None:
        from reader.userdata import cache_dir

        cache_root = cache_dir() / CACHE_FOLDER
    final = cache_root / f"s{SCHEMA_VERSION}-{expected[:16]}"
    try:
        cache_root.mkdir(parents=True, exist_ok=True)
        if final.exists() and not rebuild:
            # a cache no one can write (a read-only disk or profile): a good index there is
            # read as it is; its lock cannot be taken, and was taken for damage
            writable = os.access(final, os.W_OK)
            try:
                index, words = open_checked(final, expected, read_only=not writable)
                if writable:
                    _touch(final)
                    _prune(cache_root, keep=final)
                return OpenedIndex(index, words, final, read_only=False, built=False)
            except IndexUnusable as exc:
                log.warning("search index %s is unusable: %s", final, exc)
                if not writable:
                    raise OSError(errno.EROFS, "the folder cannot be written") from exc
                if exc.kind == "stale":
                    set_aside(final, OLD_MARK)  # nothing wrong with it: prune removes it
                else:
                    message = _unusable_message(exc)
                    set_aside(final, BROKEN_MARK)
        _build_in_place(manual, final, expected, rebuild, progress, cancel)
        index, words = open_checked(final, expected, read_only=False)
        _prune(cache_root, keep=final)
        return OpenedIndex(index, words, final, read_only=False, built=True, message=message)
    except BuildCancelled:
        raise
    except (OSError, IndexUnusable) as exc:
        # a full disk, a read-only profile, a folder another program keeps open
        log.exception("cannot keep the search index in %s", cache_root)
        index, words = write_index(manual, None, progress, cancel)
        from reader.userdata import file_in_the_way

        detail = getattr(exc, "strerror", None) or getattr(exc, "detail", None) or str(exc)
        if (blocker := file_in_the_way(cache_root)) is not None:
            detail = f"{blocker} is a file, not a folder: move it away or delete it"
        text = (
            f"The search index could not be saved in {cache_root} ({detail}); "
            "it was built in memory for this session."
        )
        return OpenedIndex(index, words, None, read_only=False, built=True, message=text)


def _unusable_message(exc: IndexUnusable) -> str:
    if exc.kind == "version":
        return "The search index was made by another version of the reader; a new one was built."
    if exc.kind == "locked":
        return (
            "The search index was locked by another program; "
            "it was set aside and a new one built."
        )
    return f"The search index was damaged ({exc.detail}); it was set aside and a new one built."


def _build_in_place(
    manual: Manual,
    final: Path,
    expected: str,
    replace: bool,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
) -> None:
    """Build into a private folder, then rename it to `final` in one step."""
    # a rebuild replaces the index that was there when it began, never one another process
    # put there meanwhile: that one is as new, and its process may be opening it right now
    replacing = _folder_id(final) if replace else None
    building = final.with_name(
        f"{BUILD_MARK}{final.name}-{os.getpid()}-{secrets.token_hex(4)}"
    )
    building.mkdir()
    try:
        write_index(manual, building, progress, cancel)
        for _ in range(3):
            if replace and final.exists() and _folder_id(final) == replacing:
                shutil.rmtree(set_aside(final, OLD_MARK), ignore_errors=True)
            try:
                os.rename(building, final)
                return
            except OSError:
                if not final.exists():
                    raise
            # another process got there first: use its index if it is good
            try:
                check_index(final, expected, read_only=False)
                return
            except IndexUnusable as exc:
                log.warning("index built alongside is unusable: %s", exc)
                set_aside(final, BROKEN_MARK)
        raise OSError(f"could not put the new index in place at {final}")
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)


def _folder_id(folder: Path) -> tuple[int, int] | None:
    """Which folder is at this path (device and inode); None if none is."""
    try:
        found = folder.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def set_aside(folder: Path, mark: str = BROKEN_MARK) -> Path:
    """Rename an index folder out of the way (`name.broken-<time>`); the new name."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = folder.with_name(f"{folder.name}{mark}{stamp}")
    number = 1
    while target.exists():
        target = folder.with_name(f"{folder.name}{mark}{stamp}-{number}")
        number += 1
    try:
        os.rename(folder, target)
    except FileNotFoundError:
        return target  # someone else moved it already
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        if folder.exists():
            raise
    # a rename keeps the folder's time, that of its last use: an index damaged after weeks
    # unused was removed as an old broken one by the prune of the same start
    with contextlib.suppress(OSError):
        os.utime(target)
    log.info("search index %s set aside as %s", folder, target.name)
    return target


def build_prebuilt_index(
    manual: Manual, progress: ProgressCallback | None = None
) -> Path:
    """Write the read-only index that ships with the content: `<content>/.index`."""
    final = manual.root / PREBUILT_DIR
    _build_in_place(manual, final, content_hash(manual.root), True, progress, None)
    return final


def _touch(folder: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(folder)  # marks it recently used, so pruning keeps it


def _prune(cache_root: Path, keep: Path) -> None:
    """Remove dead builds, old broken indexes and indexes of content no longer used."""
    now = time.time()
    others = []
    for path in cache_root.iterdir():
        if path == keep or not path.is_dir():
            continue
        try:
            age = now - path.stat().st_mtime
        except OSError:
            continue
        name = path.name
        if name.startswith(BUILD_MARK):
            if age > STALE_BUILD_SECONDS or not _builder_alive(name):
                shutil.rmtree(path, ignore_errors=True)
        elif OLD_MARK in name or (BROKEN_MARK in name and age > BROKEN_KEEP_SECONDS):
            shutil.rmtree(path, ignore_errors=True)
        elif BROKEN_MARK not in name and name.startswith("s"):
            others.append((age, path))
    for _, path in sorted(others)[KEEP_INDEXES - 1 :]:
        shutil.rmtree(path, ignore_errors=True)


def _builder_alive(name: str) -> bool:
    """Whether the process that named a build folder still runs (".build-NAME-PID-TOKEN")."""
    try:
        pid = int(name.rsplit("-", 2)[1])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True  # no cheap check; the age limit clears it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True
