"""Chapter Markdown from chapter pages saved from the online manual, as HTML or as text.

A page becomes a chapter file: front matter (title, last updated, version, amendment) and a
Markdown body with headings, nested lists, tables, chapter links (`chapter:ID`), web links and
images copied beside the chapters. The site's chrome and a capture's artefacts are dropped or
mended; what the importer could not place is reported, never guessed.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from reader.atomic_file import write_bytes_atomic, write_text_atomic
from reader.chapter_page import (
    _NO_AMENDMENT_DATE,
    AMENDMENT_MARK,
    AMENDMENT_RE,
    BARE_IMAGE_NAME_RE,
    LAST_UPDATED_RE,
    MISSING_IMAGE_TEXT,
    NOT_CAPTURED_NOTE,
    SCOPE_HEADING,
    VERSION_RE,
    ChapterPage,
    EntryFinder,
    ImportProblem,
    _meta_line,
    _no_entry_message,
    _one_line,
    date_note,
    page_title,
    parse_date,
)
from reader.chapter_page_mend import mend_markdown
from reader.chapter_page_text import read_text_page
from reader.content_images import IMAGES_FOLDER, MISSING, file_inside, read_image_bytes
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

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

# Marks put into the HTML before conversion, turned into Markdown that markdownify cannot write.
CAPTION_MARK = "\u2063caption\u2063"
MISSING_IMAGE_MARK = "\u2063missing-image\u2063"


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


# HTML pages -----------------------------------------------------------------------------------

def read_html_page(path: Path, html: str, finder: EntryFinder, online_url: str) -> ChapterPage:
    """A chapter page saved as HTML, its chrome dropped and its links and images resolved."""
    from reader.page_html import main_content, page_address, parse_page

    soup = parse_page(html)
    address = page_address(soup, html) or online_url
    root = main_content(soup)
    notes: list[str] = []
    _drop_empty_headings(root, notes)
    heading = root.find("h1")
    title = ""
    if heading is not None:
        title = _one_line(heading.get_text(" "))
        heading.decompose()
    if not title and soup.title is not None:
        title = _one_line(re.split(r"\s+[|\u2013-]\s+", soup.title.get_text(" "))[0])
    if not title:
        raise ImportProblem(f"{path}: the page has no title (no <h1> or <title> with text)")
    title = title.replace("\u0100", " ")
    entry = finder.page(title)
    if entry is None:
        raise ImportProblem(_no_entry_message(path, title, finder))
    title = page_title(title, entry, notes)
    meta: dict[str, Any] = {"last_updated": None, "version": None, "amended": None,
                            "amendment": None}
    _take_html_meta(soup, root, meta, notes)
    _mark_scope_heading(soup, root)
    _resolve_links(root, finder, address, online_url, notes)
    images = _resolve_images(soup, root, path, entry.id, notes)
    body = _to_markdown(root)
    if body.rstrip().endswith(":"):
        body = body.rstrip() + "\n\n" + NOT_CAPTURED_NOTE
        notes.append("the page ends on a sentence that introduces a list the page lacks; "
                     "an editorial note says so")
    return ChapterPage(
        source=path, title=title, entry_id=entry.id, body=mend_markdown(body, notes),
        images=tuple(images), notes=tuple(notes), **meta,
    )


def _drop_empty_headings(root: Tag, notes: list[str]) -> None:
    """A heading with no text (an anchor left in one) would be a "## " line: a blank entry in
    the outline."""
    for heading in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        if not heading.get_text(strip=True) and heading.find("img") is None:
            notes.append(f"dropped an empty <{heading.name}> heading")
            heading.decompose()


def _block_of(node: Any, root: Tag) -> Tag | None:
    """The paragraph-like element that holds a text node, inside root."""
    element = node.parent
    while element is not None and element is not root:
        if element.name in ("p", "div", "li", "span", "h2", "h3", "h4", "h5", "h6", "dd",
                            "dt", "strong", "em", "b", "small"):
            parent = element.parent
            # climb while the parent holds nothing else: <p><strong>v37</strong></p>
            while (parent is not None and parent is not root
                   and _one_line(parent.get_text(" ")) == _one_line(element.get_text(" "))):
                element, parent = parent, parent.parent
            return element
        element = element.parent
    return None


def _take_html_meta(soup: BeautifulSoup, root: Tag, meta: dict[str, Any], notes: list[str]
                    ) -> None:
    for element in list(root.find_all(["p", "div", "span", "small", "li", "dd", "time"])):
        if element.decomposed or element.find(["p", "div", "li", "table"]) is not None:
            continue
        text = _one_line(element.get_text(" "))
        if (LAST_UPDATED_RE.match(text) or VERSION_RE.match(text)) and _meta_line(
            text, meta, notes
        ):
            element.decompose()
    for node in list(root.find_all(string=AMENDMENT_RE)):
        block = _block_of(node, root)
        if block is None or block.decomposed:
            continue
        parent = block.parent
        box = parent if parent is not None and parent is not root and "amend" in " ".join(
            [*parent.get("class", []), str(parent.get("id", ""))]).lower() else None
        following = (list(box.find_all(["p", "div", "span", "time"], recursive=False))
                     if box is not None else _siblings_until_heading(block))
        texts, when = [], None
        taken = []
        for element in following:
            if element is block:
                continue
            text = _one_line(element.get_text(" "))
            taken.append(element)
            found = parse_date(text) if text else None
            if found:
                when = found
                break
            if text:
                texts.append(text)
        if when is None:
            notes.append(_NO_AMENDMENT_DATE)
            continue  # a heading "Amendment" with no date is ordinary text
        if note := date_note(_one_line(taken[-1].get_text(" ")), when):
            notes.append(note)
        meta["amended"], meta["amendment"] = when, " ".join(texts) or None
        gone = [box] if box is not None else [block, *taken]
        mark = soup.new_tag("p")
        mark.string = AMENDMENT_MARK
        gone[0].replace_with(mark)
        for element in gone[1:]:
            element.decompose()


def _siblings_until_heading(block: Tag) -> list[Tag]:
    from bs4 import Tag

    found = []
    for sibling in block.next_siblings:
        if not isinstance(sibling, Tag):
            continue
        if sibling.name in ("h1", "h2", "h3", "h4", "hr") or len(found) >= 6:
            break
        found.append(sibling)
    return found


def _mark_scope_heading(soup: BeautifulSoup, root: Tag) -> None:
    """Make "Scope of this chapter" a level-2 heading, however the page set it."""
    for node in list(root.find_all(string=re.compile(rf"^\s*{SCOPE_HEADING}\s*$", re.I))):
        block = _block_of(node, root)
        if block is None:
            continue
        heading = soup.new_tag("h2")
        heading.string = SCOPE_HEADING
        block.replace_with(heading)


def _resolve_links(root: Tag, finder: EntryFinder, address: str, online_url: str,
                   notes: list[str]) -> None:
    online_host = urlsplit(online_url).netloc.lower()
    page_host = urlsplit(address).netloc.lower()
    for link in list(root.find_all("a")):
        href = str(link.get("href", "")).strip()
        text = _one_line(link.get_text(" "))
        if "title" in link.attrs:
            title_attr = str(link["title"])
            del link["title"]  # the reader writes its own tooltips
        else:
            title_attr = ""
        if not href or (link.find("img") is not None and not text):
            link.unwrap()  # an anchor, or a picture that links to a larger copy of itself
            continue
        parts = urlsplit(href)
        if href.startswith("#") or parts.scheme in ("mailto", "tel"):
            continue
        if parts.scheme.lower() not in ("", "http", "https") or "\\" in href:
            # a script, or a file on a computer or share (S:\Forms\...): the reader opens
            # none of them, and made relative to the site a share became a web address
            link.unwrap()
            notes.append(f'link "{text}" ({href}) is a script or a file on a computer or '
                         "network share, which the reader never opens; kept as plain text")
            continue
        absolute = urljoin(address, href)
        host = urlsplit(absolute).netloc.lower()
        if parts.scheme in ("http", "https") and host not in (online_host, page_host):
            continue  # a web address outside the manual: kept as it is
        if re.search(r"\.(pdf|docx?|xlsx?|pptx?|rtf|odt|zip)$", parts.path, re.I):
            link["href"] = absolute  # a document on the site, not a chapter: open it online
            continue
        entry = (finder.reference(text) or (finder.reference(title_attr) if title_attr else None)
                 or finder.address(href))
        if entry is None:
            link["href"] = absolute
            notes.append(f'link "{text}" ({href}) names no entry of the contents; '
                         f"kept as a link to the online manual")
        else:
            link["href"] = f"chapter:{entry.id}"


def _resolve_images(soup: BeautifulSoup, root: Tag, path: Path, entry_id: str,
                    notes: list[str]) -> list[tuple[Path, str]]:
    """Images saved with the page (in its folder) are copied; others leave a note saying why
    they are missing."""
    images: list[tuple[Path, str]] = []
    for img in list(root.find_all("img")):
        if img.decomposed:
            continue
        src = str(img.get("src", "")).strip()
        alt = _one_line(str(img.get("alt", "")))
        if BARE_IMAGE_NAME_RE.match(alt):
            alt = ""  # a file name is not a description
        figure = img.find_parent("figure")
        caption = figure.find("figcaption") if figure is not None else None
        caption_text = _one_line(caption.get_text(" ")) if caption is not None else ""
        parts = urlsplit(src)
        described = caption_text or alt
        local, refused = None, None
        if src and not parts.scheme and not parts.netloc:
            local, refused = _saved_image(unquote(parts.path), path.parent)
        if refused is not None:
            notes.append(f'image "{src}"' + (f' ("{described}")' if described else "")
                         + f" not included: {refused}")
        elif local is None:
            why = "it is on the web" if parts.scheme in ("http", "https") else "no file was saved"
            notes.append(f'image "{described or src}" not included: {why}')
        if local is None:
            placeholder = soup.new_tag("p")
            placeholder.string = MISSING_IMAGE_MARK + (described or "an image")
            (figure if figure is not None else img).replace_with(placeholder)
            continue
        name = _image_name(entry_id, local)
        images.append((local, name))
        img.attrs = {"src": f"{IMAGES_FOLDER}/{name}", "alt": alt or caption_text}
        if caption is not None:
            marked = soup.new_tag("p")
            marked.string = CAPTION_MARK + caption_text
            caption.replace_with(marked)
    return images


def _saved_image(name: str, folder: Path) -> tuple[Path | None, str | None]:
    """(the image file saved with the page, None); (None, None) if there is none; or
    (None, why it is refused). A browser saves a page's images in its folder (page_files/):
    a page that names a file elsewhere would have it copied into the manual and shipped."""
    local, why = file_inside(name, folder)
    if why == MISSING:
        return None, None
    if local is None:
        return None, (f"it names a file outside the folder of the saved page ({folder}); "
                      "only images saved with the page are copied")
    _data, why = read_image_bytes(local)
    return (local, None) if why is None else (None, f"the file {why}")


def _image_name(entry_id: str, source: Path) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-") or "image"
    suffix = source.suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,5}", source.suffix.lower()) \
        else ".img"
    return f"{entry_id}-{stem}{suffix}"


def _to_markdown(root: Tag) -> str:
    from markdownify import MarkdownConverter

    class ChapterConverter(MarkdownConverter):
        """markdownify, with nested lists indented four spaces as Python-Markdown needs."""

        def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
            text = (text or "").strip()
            if not text:
                return "\n"
            parent = el.parent
            if parent is not None and parent.name == "ol":
                start = str(parent.get("start", "1"))
                first = int(start) if start.isdigit() else 1
                bullet = f"{first + len(el.find_previous_siblings('li'))}."
            else:
                bullet = "-"
            lines = text.split("\n")
            rest = [("    " + line) if line.strip() else "" for line in lines[1:]]
            return "\n".join([f"{bullet} {lines[0]}", *rest]) + "\n"

    for rule in root.find_all("hr"):
        rule.decompose()  # the site's rules separate its boxes; the reader draws its own
    converter = ChapterConverter(heading_style="ATX", bullets="-", table_infer_header=True,
                                 keep_inline_images_in=["td", "th"])
    text = str(converter.convert_soup(root))
    text = re.sub(rf"^{MISSING_IMAGE_MARK}(.*)$",
                  lambda m: f"{MISSING_IMAGE_TEXT} {m.group(1)}\n{{: .figure-caption }}",
                  text, flags=re.M)
    return re.sub(rf"^{CAPTION_MARK}(.*)$", lambda m: f"{m.group(1)}\n{{: .figure-caption }}",
                  text, flags=re.M)


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
