"""Chapter Markdown from chapter pages saved from the online manual, as HTML or as text.

A page becomes a chapter file: front matter (title, last updated, version, amendment) and a
Markdown body with headings, nested lists, tables, chapter links (`chapter:ID`), web links and
images copied beside the chapters. The site's chrome and a capture's artefacts are dropped or
mended; what the importer could not place is reported, never guessed.

Here: the `import-chapter` command's work, each page read and its chapter file and pictures
written into the content folder. A page is read by chapter_page_text or chapter_page_html.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.atomic_file import write_bytes_atomic, write_text_atomic
from reader.chapter_page import ChapterPage, EntryFinder, ImportProblem
from reader.chapter_page_html import read_html_page
from reader.chapter_page_text import read_text_page
from reader.content_images import IMAGES_FOLDER
from reader.contents_import import (
    parse_contents_html,
    parse_contents_text,
    walk_entries,
    write_contents,
)
from reader.json_text import parse_json
from reader.manual import ContentError, Entry, Manual, load_manual
from reader.page_html import NotAPage, looks_like_html, read_page_text
from reader.userdata import why_not_read


@dataclass(frozen=True)
class ChapterImport:
    """What importing one page did: the chapter file written, or why none was."""

    source: Path
    entry: Entry | None
    written: Path | None
    notes: tuple[str, ...] = field(default=())
    error: str | None = None


class ImportStopped(KeyboardInterrupt):
    """Ctrl+C during an import. Each chapter file written before it has its "file" line in
    contents.json, unless `contents_error` says why contents.json could not be written; a
    chapter file not yet in place when it came leaves nothing behind: its new pictures are
    removed, and those it replaced put back."""

    def __init__(self, results: list[ChapterImport], contents_error: str | None,
                 not_put_back: list[str]) -> None:
        super().__init__()
        self.results = results
        self.contents_error = contents_error
        self.not_put_back = not_put_back  # replaced pictures that could not be put back


@dataclass(frozen=True)
class _Writing:
    """The page whose chapter file (and pictures) are being written: what a stop must finish
    or take back."""

    done: ChapterImport
    relative: str  # the chapter file, as the entry's "file" line names it
    markdown: str
    new_images: tuple[Path, ...]  # pictures not there before: removed if the chapter is not
    # pictures replaced so far, with what they held: put back if the chapter is not written
    replaced_images: list[tuple[Path, bytes]] = field(default_factory=list)


# importing into a content folder ------------------------------------------------------------


def read_chapter_page(path: Path, manual: Manual) -> ChapterPage:
    """Read one saved page (HTML or text) against a manual's contents; ImportProblem if not."""
    try:
        text = read_page_text(path)
    except OSError as exc:
        raise ImportProblem(why_not_read(path, exc)) from exc
    except NotAPage as exc:
        raise ImportProblem(f"{path}: {exc}") from exc
    finder = EntryFinder(manual.entries())
    html = looks_like_html(text)
    try:
        if html:
            page = read_html_page(path, text, finder, manual.info.online_url)
        else:
            page = read_text_page(path, text, finder)
    except ImportProblem:
        # the contents page is titled with the manual's name, which no chapter has: "import
        # the contents page first" was said of the contents page itself
        if _is_contents_page(text, html):
            raise ImportProblem(f"{path}: is the manual's contents page, not a chapter; import "
                                "it with import-contents") from None
        raise
    if page.last_updated is None:  # validate asks for the date; say so while the page is open
        page = replace(page, notes=(*page.notes, 'the page gives no "Last Updated" date: add '
                                    "last_updated: YYYY-MM-DD to the chapter's front matter"))
    return page


def _is_contents_page(text: str, html: bool) -> bool:
    try:
        contents = parse_contents_html(text) if html else parse_contents_text(text)
    except ValueError:  # a line no contents page has
        return False
    return bool(contents["sections"])


def _differs(target: Path, markdown: str) -> bool:
    try:
        return target.read_text(encoding="utf-8") != markdown
    except FileNotFoundError:
        return False
    except (OSError, UnicodeDecodeError):
        return True  # unreadable: replace it only when asked to


def _holds(path: Path, text: str) -> bool:
    """Whether the file is there and says just this."""
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def import_chapters(pages: list[Path], content: Path, replace: bool = False
                    ) -> list[ChapterImport]:
    """Import each page into the content folder; each result says what happened to it.

    A chapter file that is there already and says something else is replaced only with
    `replace`: it may hold mends made by hand (content/HISTORY.md records them). Ctrl+C raises
    ImportStopped, the folder left whole: see there.
    """
    try:
        manual = load_manual(content)
    except ContentError as exc:
        return [ChapterImport(page, None, None, error=f"the contents cannot be read: {exc}")
                for page in pages]
    run = _ChapterImports(manual, content, replace)
    try:
        for page_path in pages:
            run.import_page(page_path)
        run.name_files()
    except KeyboardInterrupt:
        with _ctrl_c_held():
            contents_error = run.finish_stopped()
        raise ImportStopped(run.results, contents_error, run.not_put_back) from None
    return run.results


class _ChapterImports:
    """One import of pages into a content folder: the chapter files written, and the "file"
    lines their entries get in contents.json, written once after them."""

    def __init__(self, manual: Manual, content: Path, replace: bool) -> None:
        self.manual = manual
        self.content = content
        self.replace = replace
        self.contents_path = content / "contents.json"
        self.contents = parse_json(self.contents_path.read_text(encoding="utf-8"))
        self.results: list[ChapterImport] = []
        self.named: list[tuple[int, str]] = []  # results whose entry gets its "file" line
        # chapter file -> the page and text put there
        self.written_now: dict[Path, tuple[Path, str]] = {}
        self.writing: _Writing | None = None
        self.not_put_back: list[str] = []  # after Ctrl+C: pictures left replaced, and why

    def import_page(self, page_path: Path) -> None:
        """Import one page, adding its result; its entry's "file" line waits in memory."""
        try:
            page = read_chapter_page(page_path, self.manual)
        except ImportProblem as exc:
            self.results.append(ChapterImport(page_path, None, None, error=str(exc)))
            return
        entry = self.manual.find(page.entry_id)
        assert entry is not None
        relative = entry.file or f"chapters/{entry.id}.md"
        target = self.content / relative
        earlier = self.written_now.get(target)
        if earlier is not None and earlier[1] != page.markdown():
            # two pages of one chapter (saved twice, or under two names): the later one
            # would silently replace the earlier, or be called a clash with an older file
            self.results.append(ChapterImport(
                page_path, entry, None, page.notes,
                error=f"{page_path}: is {entry.label} too, as {earlier[0]} is, which was "
                      f"imported into {target} just before; compare the two pages and import "
                      "the one meant"))
            return
        if earlier is None and not self.replace and _differs(target, page.markdown()):
            self.results.append(ChapterImport(
                page_path, entry, None, page.notes,
                error=f"{target} is there already and says something else; compare them, "
                      "then import again with --replace to overwrite it"))
            return
        notes = page.notes + _images_left_behind(target, page.markdown())
        images = [(source, target.parent / IMAGES_FOLDER / name) for source, name in page.images]
        self.writing = _Writing(ChapterImport(page_path, entry, target, notes), relative,
                                page.markdown(),
                                tuple(image for _, image in images if not image.exists()))
        try:
            for source, image in images:
                if (before := _copy_image(source, image)) is not None:
                    self.writing.replaced_images.append((image, before))
            write_text_atomic(target, page.markdown())
        except OSError as exc:
            self.writing = None
            self.results.append(ChapterImport(
                page_path, entry, None, page.notes,
                error=f"{target}: cannot be written ({exc.strerror or exc})"))
            return
        self._written(self.writing)
        self.writing = None

    def _written(self, writing: _Writing) -> None:
        done = writing.done
        assert done.entry is not None and done.written is not None
        if done.entry.file != writing.relative \
                and set_entry_file(self.contents, done.entry.id, writing.relative):
            self.named.append((len(self.results), writing.relative))
        self.written_now[done.written] = (done.source, writing.markdown)
        self.results.append(done)

    def name_files(self) -> None:
        """Write contents.json with the "file" lines of the chapters written; where it
        cannot be written, each of them says so."""
        if not self.named:
            return
        try:
            write_contents(self.contents_path, self.contents)
        except OSError as exc:
            # the chapter files are written; without their "file" lines validate reports them
            why = exc.strerror or str(exc)
            for n, relative in self.named:
                done = self.results[n]
                self.results[n] = ChapterImport(done.source, done.entry, None, done.notes, error=(
                    f"{self.contents_path}: cannot be written ({why}); {done.written} was "
                    f'written, but its entry needs "file": "{relative}" in contents.json: '
                    "import the page again once contents.json can be written, or add that line "
                    "by hand"))

    def finish_stopped(self) -> str | None:
        """After Ctrl+C: the page being written counts as done if its chapter file is in
        place, else its new pictures go; then contents.json names every chapter file
        written. Why contents.json could not be written, or None."""
        writing, self.writing = self.writing, None
        if writing is not None:
            assert writing.done.written is not None
            if _holds(writing.done.written, writing.markdown):
                self._written(writing)
            else:
                for image in writing.new_images:  # a picture copied half is among them
                    image.unlink(missing_ok=True)
                for image, before in writing.replaced_images:
                    try:
                        write_bytes_atomic(image, before)
                    except OSError as exc:  # it took the new picture a moment ago
                        self.not_put_back.append(
                            f"{image}: the picture it held before could not be put back "
                            f"({exc.strerror or exc}); it holds the one of "
                            f"{writing.done.source}")
        if not self.named:
            return None
        try:
            write_contents(self.contents_path, self.contents)
        except OSError as exc:
            return exc.strerror or str(exc)
        return None


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl+C pressed again while a stopped import finishes (a moment: contents.json takes the
    chapter files already written) waits until it is done: stopping then would leave them out
    of the contents. Only the main thread can hold it; elsewhere Ctrl+C does not arrive."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _images_left_behind(target: Path, markdown: str) -> tuple[str, ...]:
    """Notes on the pictures the chapter file being replaced showed and the new text does
    not: kept, as another chapter may show them, but pack-content would ship them."""
    try:
        old = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    pattern = re.compile(rf"\b{IMAGES_FOLDER}/([^)\s\"']+)")
    gone = sorted(set(pattern.findall(old)) - set(pattern.findall(markdown)))
    return tuple(f"{target.parent / IMAGES_FOLDER / name} is no longer shown in this chapter; "
                 "remove it unless another chapter shows it" for name in gone
                 if (target.parent / IMAGES_FOLDER / name).is_file())


def set_entry_file(contents: dict[str, Any], entry_id: str, file: str) -> bool:
    """Set an entry's "file" in contents data, after its title; True if it changed."""
    for entry in walk_entries(contents):
        if entry["id"] == entry_id and entry.get("file") != file:
            rest = {k: v for k, v in entry.items() if k != "file"}
            entry.clear()
            for key, value in rest.items():
                entry[key] = value
                if key == "title":
                    entry["file"] = file
            return True
    return False


def _copy_image(source: Path, target: Path) -> bytes | None:
    """Put a picture in place; the picture it replaced, if any, to be put back should the
    chapter not be written after all."""
    data = source.read_bytes()
    try:
        before = target.read_bytes()
    except FileNotFoundError:
        before = None
    if before != data:
        write_bytes_atomic(target, data)
    return before if before is not None and before != data else None
