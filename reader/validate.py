"""Checks a content folder and lists every problem as `file:line: message`.

Structure and facts (manual.json, contents.json), numbers unique and in order, every chapter
file present and every chapter file listed, links and images resolving inside the folder, dates
that parse, no page chrome or capture artefacts in titles or text, no chapter text too
complex for the reader to show (see page_limits.py), and for the edition bundled with the
reader a manifest that still describes its files.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections.abc import Iterator
from datetime import date
from html import unescape as html_unescape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from reader.chapter_file import ChapterSource, read_chapter_file, scope_problems
from reader.chapter_place_links import PlaceLink, place_link_problems, place_links
from reader.content_images import CHAPTERS_FOLDER, IMAGES_FOLDER, image_file
from reader.contents_import import slugify
from reader.html_checks import PageAnchors, missing_anchors, open_element_problems, page_anchors
from reader.json_text import parse_json
from reader.manual import (
    BUNDLED_CONTENT,
    CONTENT_ENCODING,
    CONTENT_FORMAT,
    ContentError,
    Entry,
    JsonLines,
    Manual,
    Problem,
    Subsection,
    load_manual,
)
from reader.page_limits import PageTooComplex
from reader.render import (
    IMG_TAG,
    ChapterRenderer,
    tag_attributes,
    too_complex_problem,
    unshown_pictures,
)
from reader.vocabulary import VOCABULARY_FILE, load_vocabulary

# What a capture of a web page carries that is not the manual (see content/HISTORY.md).
CAPTURE_ARTEFACTS = (
    (re.compile(r"^\s*Skip to content\s*$"), "page chrome \"Skip to content\""),
    (re.compile(r"^\s*(Company|Derby) Logo\s*$", re.I), "page chrome (a logo's alt text)"),
    (re.compile(r"^\s*CAPTION:"), "a layout table's CAPTION: line"),
    (re.compile(r"^\s*[a-z0-9]+(?:_[a-z0-9]+)+\s*$"), "an image's bare file name"),
    (re.compile(r"\btrix please\b", re.I), "an editor's note left in the text"),
    (re.compile("\u0100"), 'a mis-encoded character ("\u0100")'),
)
# The files a content folder holds besides chapters/: a file beside them is not the manual's
CONTENT_FILES = frozenset({"manual.json", "contents.json", VOCABULARY_FILE, "HISTORY.md"})
PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif",
                              ".tiff", ".svg", ".svgz"})
# What a title picked up from the contents page's layout rather than from the manual.
TITLE_ARTEFACTS = (
    (re.compile(r"\s(Updated|New)$"), 'a flag ("Updated" or "New") left in the title'),
    (re.compile(r"\bunder review\b", re.I), '"under review" left in the title (it is a flag)'),
    (re.compile("\u00a0"), "a non-breaking space"),
    (re.compile(r"^\s|\s$|\s{2,}"), "stray white space"),
)


def validate(root: Path) -> tuple[Manual | None, list[Problem]]:
    """The loaded manual (None if it cannot load) and every problem found."""
    try:
        manual = load_manual(root)
    except ContentError as exc:
        return None, [exc.problem]
    problems = list(manual.problems)
    renderer = ChapterRenderer(manual)
    lines = JsonLines(root / "contents.json")
    problems += _order_problems(manual.chapters(), lines)
    problems += _numbering_problems(manual, lines)
    problems += _title_problems(manual, lines)
    problems += _facts_problems(root / "manual.json")
    problems += load_vocabulary(root / VOCABULARY_FILE)[1]
    decoded: dict[Path, str | None] = {}  # a picture two chapters show is decoded once
    place_linked: list[PlaceLink] = []  # links to a place in another chapter
    anchors: dict[str, PageAnchors] = {}  # each chapter's places, by its id
    for entry in manual.entries():
        if not entry.file or not manual.has_text(entry):
            continue
        source = read_chapter_file(root / entry.file)
        problems += source.problems
        if source.too_large is not None:
            continue  # left unread: its size is the one problem known
        problems += _artefacts(source.path, source.body, source.body_first_line)
        problems += scope_problems(source)
        problems += _front_title_problems(source.path, source.title)
        problems += _date_problems(source, manual.info.edition)
        # links and images are checked as the chapter pane sees them; the file is read once
        try:
            html, headings, link_messages = renderer.markdown_to_html(source.body)
        except PageTooComplex as exc:  # the pane would say so in place of the text
            problems.append(too_complex_problem(source, exc))
            continue
        problems += _image_problems(root, source, html)
        problems += _decode_problems(root, source, html, decoded)
        problems += _image_case_problems(root, source, html)
        problems += _preformatted_problems(source, html)
        # a link written twice is one problem, said with the lines of both
        problems += [_markdown_problem(manual, source, message)
                     for message in dict.fromkeys(link_messages)]
        anchors[entry.id] = page_anchors(html, headings)
        problems += _anchor_problems(source, html, anchors[entry.id])
        problems += open_element_problems(source, html)
        place_linked += place_links(source, html)
    # once every chapter is read: a link may name a place in a chapter converted after it
    problems += [_at_lines(source, lines, message) for source, lines, message
                 in place_link_problems(manual, anchors, place_linked)]
    problems += _unlisted_files(manual, root)
    problems += _stray_files(root)
    problems += _bundled_manifest_problems(root)
    return manual, problems


def _order_problems(chapters: list[Entry], lines: JsonLines) -> list[Problem]:
    """Numbers must rise through the contents: 1.1.2 after 1.1.1, 1.10 after 1.9."""
    found = []
    numbered = [entry for entry in chapters if entry.number]
    for before, after in zip(numbered, numbered[1:], strict=False):
        assert before.number is not None and after.number is not None
        # the same number twice is reported as such (manual.py)
        if _key(after.number) < _key(before.number):
            found.append(lines.problem(after.id, f"{after.number} is out of order: it comes "
                                       f"after {before.number}, and numbers must rise through "
                                       "the contents"))
    return found


def _artefacts(path: Path, body: str, first_line: int) -> list[Problem]:
    found = []
    for offset, line in enumerate(body.splitlines()):
        for pattern, what in CAPTURE_ARTEFACTS:
            if pattern.search(line):
                found.append(Problem(path, first_line + offset, f"capture artefact: {what}"))
    return found


def _key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def _numbering_problems(manual: Manual, lines: JsonLines) -> list[Problem]:
    """Sections rise and are unique; subsections and chapters sit under their own number."""
    found = []
    seen: set[str] = set()
    previous: tuple[int, ...] | None = None
    for section in manual.sections:
        if not section.number.isdigit():
            found.append(lines.problem(section.title,
                                       f'section number "{section.number}" is not a number'))
            continue
        if section.number in seen:
            found.append(lines.problem(section.title,
                                       f"section number {section.number} is used twice"))
        elif previous is not None and _key(section.number) <= previous:
            found.append(lines.problem(section.title,
                                       f"section {section.number} is out of order"))
        seen.add(section.number)
        previous = _key(section.number)
        last_sub: tuple[int, ...] | None = None
        subsections: set[str] = set()
        for item in section.items:
            if isinstance(item, Subsection):
                if not re.fullmatch(rf"{re.escape(section.number)}\.\d+", item.number):
                    found.append(lines.problem(
                        item.title, f"subsection {item.number} is not numbered under section "
                        f"{section.number}"))
                elif item.number in subsections:  # said as it is, as for sections
                    found.append(lines.problem(
                        item.title, f"subsection number {item.number} is used twice"))
                elif last_sub is not None and _key(item.number) <= last_sub:
                    found.append(lines.problem(item.title,
                                               f"subsection {item.number} is out of order"))
                else:
                    last_sub = _key(item.number)
                subsections.add(item.number)
                parent = item.number
                entries: tuple[Entry, ...] = item.entries
            else:
                parent, entries = section.number, (item,)
            for entry in entries:
                if entry.number and not entry.number.startswith(parent + "."):
                    found.append(lines.problem(
                        entry.id, f"{entry.number} {entry.title} is not numbered under {parent}"))
    return found


def _texts_of(manual: Manual) -> Iterator[tuple[str, str, str]]:
    """(text, what it is, a value to find its line by) for every title, note and lead."""
    for section in manual.sections:
        yield section.title, f"section {section.number}'s title", section.title
        for item in section.items:
            if isinstance(item, Subsection):
                yield item.title, f"subsection {item.number}'s title", item.title
                if item.lead:
                    yield item.lead, f"subsection {item.number}'s lead", item.lead
    for entry in manual.entries():
        yield entry.title, f'the title of "{entry.id}"', entry.id
        for note in entry.notes:
            yield note, f'a note of "{entry.id}"', note


def _title_problems(manual: Manual, lines: JsonLines) -> list[Problem]:
    found = []
    for text, what, locator in _texts_of(manual):
        for pattern, artefact in (*CAPTURE_ARTEFACTS, *TITLE_ARTEFACTS):
            if pattern.search(text):
                found.append(lines.problem(locator, f"capture artefact in {what}: {artefact}"))
    return found


def _front_title_problems(path: Path, title: str | None) -> list[Problem]:
    if not title:
        return []
    line = 2  # the title is the front matter's first line as chapter files are written
    return [Problem(path, line, f"capture artefact in the title: {artefact}")
            for pattern, artefact in (*CAPTURE_ARTEFACTS, *TITLE_ARTEFACTS[:3])
            if pattern.search(title)]


def _facts_problems(path: Path) -> list[Problem]:
    """manual.json's own format and address; load_manual checks the rest."""
    try:
        data = parse_json(path.read_text(encoding=CONTENT_ENCODING))
    except (OSError, UnicodeDecodeError, ValueError):
        return []  # load_manual has reported it
    if not isinstance(data, dict):
        return []
    lines = JsonLines(path)
    found = []
    if data.get("format") != CONTENT_FORMAT:
        found.append(Problem(path, lines.of("format") or 1,
                             f"format {data.get('format')!r}; this reader reads {CONTENT_FORMAT}"))
    url = data.get("online_url")
    if isinstance(url, str) and url and urlsplit(url).scheme not in ("http", "https"):
        found.append(lines.problem(url, f'online_url "{url}" is not a web address '
                                         "(one starting https://)"))
    return found


def _image_problems(root: Path, source: ChapterSource, html: str) -> list[Problem]:
    """Every image must be a file inside the content folder that names no other file, judged
    as the pane and printing judge it; taken from the rendered HTML, so every way Markdown can
    name one is seen. A picture shown twice is said once, with the line of each use."""
    return [_at_lines(source, _lines_naming(src, source), message)
            for src, message in dict.fromkeys(unshown_pictures(html, root)[1])]


def _decode_problems(root: Path, source: ChapterSource, html: str,
                     decoded: dict[Path, str | None]) -> list[Problem]:
    """Pictures whose header and parts are whole but which Qt cannot read whole (damaged
    part way): the page would draw them half grey, or as a small file mark. Decoded here
    only: the page reads the header and walks the parts before it shows a picture (a file
    cut short is said there, and by _image_problems), and decodes it once, to show it."""
    from reader.content_images import read_image_bytes
    from reader.image_safety import is_raster
    from reader.image_size import decode_problem

    found = []
    named = (tag_attributes(tag[0]).get("src", "") for tag in IMG_TAG.finditer(html))
    for src in dict.fromkeys(named):
        path = image_file(src, root)[0]
        if path is None:
            continue  # reported as not shown
        if path not in decoded:
            data = read_image_bytes(path)[0]
            # None: its header, size or safety is at fault, and reported as not shown
            decoded[path] = decode_problem(data) if data and is_raster(data) else None
        if (why := decoded[path]) is not None:
            found.append(_at_lines(source, _lines_naming(src, source), f'image "{src}" {why}'))
    return found


def _image_case_problems(root: Path, source: ChapterSource, html: str) -> list[Problem]:
    """An image named with other capitals than its file's: Windows and macOS find it, so an
    editor there sees it, but Linux does not, and readers on Linux would see it missing."""
    found = []
    named = (tag_attributes(tag[0]).get("src", "") for tag in IMG_TAG.finditer(html))
    for src in dict.fromkeys(named):
        if image_file(src, root)[0] is None:
            continue  # reported as not shown
        written = posixpath.normpath(posixpath.join(CHAPTERS_FOLDER, unquote(urlsplit(src).path)))
        on_disk = _name_on_disk(root, written)
        if on_disk is not None and on_disk != written:
            found.append(_at_lines(source, _lines_naming(src, source),
                                   f'image "{src}" is the file {on_disk}, with other capitals: '
                                   "Windows and macOS find it, Linux does not; write the name "
                                   "as the file has it"))
    return found


def _name_on_disk(root: Path, relative: str) -> str | None:
    """`relative` as the folder listings spell it, each part matched without regard to case;
    None where a part cannot be listed or matched."""
    folder, spelt = root, []
    for part in relative.split("/"):
        try:
            listing = os.listdir(folder)
        except OSError:
            return None
        # two names may differ only in capitals (reported as a clash): the one written is found
        names = {name.casefold(): name for name in listing}
        name = part if part in listing else names.get(part.casefold())
        if name is None:
            return None
        spelt.append(name)
        folder = folder / name
    return "/".join(spelt)


def _preformatted_problems(source: ChapterSource, html: str) -> list[Problem]:
    """Text indented by a tab or four spaces, outside a list, is Markdown's preformatted code:
    shown in a box in a typewriter face with its lines unwrapped. The manual has none, so it
    is an indent an editor did not mean (a tab pasted from a word processor)."""
    found = []
    for block in re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", html, re.S):
        first = next((line for line in html_unescape(block).splitlines() if line.strip()), "")
        line = next((source.body_first_line + offset for offset, text
                     in enumerate(source.body.splitlines())
                     if text[:1] in ("\t", " ") and text.strip() == first.strip()), None)
        why = ("this text starts with a tab or four spaces, so it" if line else
               "text between ``` lines, or indented by a tab or four spaces,")
        found.append(Problem(source.path, line, f"{why} is shown as preformatted code in a box, "
                             "not as a paragraph; remove the indent or the ``` lines"))
    return found


def _markdown_problem(manual: Manual, source: ChapterSource, message: str) -> Problem:
    """A link the pane could not follow, or HTML it left out, at its line."""
    if shared := re.match(r'headings share the id "([^"]*)"', message):
        return Problem(source.path, _second_heading_with_id(shared[1], source), message)
    tag = re.match(r'HTML element "<(\w+)>"', message)
    if tag is None:
        return _link_problem(manual, source, message)
    opening = f"<{tag[1]}"
    line = next((source.body_first_line + offset for offset, text
                 in enumerate(source.body.lower().splitlines()) if opening in text), None)
    return Problem(source.path, line, message)


def _second_heading_with_id(anchor: str, source: ChapterSource) -> int | None:
    """The line of the second heading given this id, in HTML (`id="x"`) or in Markdown
    (`{#x}`): the one whose row in the outline went to the first."""
    given = re.compile(rf"""\bid\s*=\s*["']?{re.escape(anchor)}(?![\w-])|"""
                       rf"\{{[^}}\n]*#{re.escape(anchor)}(?![\w-])")
    lines = [source.body_first_line + offset
             for offset, text in enumerate(source.body.splitlines()) if given.search(text)]
    return lines[1] if len(lines) > 1 else None


def _link_problem(manual: Manual, source: ChapterSource, message: str) -> Problem:
    """A link the pane could not follow, at its line, with the link as it should be written:
    'link to chapter "x", which ...' or 'link "x" is neither ...'."""
    quoted = re.search(r'"([^"]*)"', message)
    if quoted is None:
        return Problem(source.path, None, message)
    ref = quoted[1]
    if message.startswith("link to chapter"):
        lines = _lines_naming(f"chapter:{ref}", source)
        near = difflib.get_close_matches(ref.lower(), [entry.id for entry in manual.entries()],
                                         n=1, cutoff=0.8)
        entry = manual.find(near[0]) if near else None
        hint = (f'; did you mean "{entry.id}" ({entry.label})?' if entry else
                "; check the id against contents.json")
    else:
        lines = (_lines_naming(f"]({ref}", source) or _lines_naming(ref, source)
                 if ref else _lines_naming("]()", source))
        # a chapter's number ("1.1.2") or its file's name, written where its id belongs
        entry = manual.find(ref) or manual.find(PurePosixPath(ref).stem) if ref else None
        hint = (f"; a link to {entry.label} is written (chapter:{entry.id})" if entry else
                "; a link to a chapter is written (chapter:ID), a web link with https://")
    return _at_lines(source, lines, message + hint)


def _anchor_problems(source: ChapterSource, html: str, anchors: PageAnchors) -> list[Problem]:
    """Links "#anchor" to no place of their page: in the pane they do not move."""
    found = []
    for missing in missing_anchors(html, anchors):
        written = re.compile(re.escape(missing.written) + r"(?![\w-])")
        lines = [source.body_first_line + offset
                 for offset, text in enumerate(source.body.splitlines()) if written.search(text)]
        found.append(_at_lines(source, lines, f'link "{missing.written}" goes nowhere: no heading '
                               f'or other part of the chapter has the id "{missing.anchor}"'
                               + missing.hint))
    return found


def _date_problems(source: ChapterSource, edition: date) -> list[Problem]:
    """Dates that would mislead a reader about how current the text is."""
    found = []
    # a front matter block that is broken is reported as such, not as each line it lost; a
    # file not read, or empty, is reported as such, not as the line it seems to lack
    broken = (any("front matter" in problem.message for problem in source.problems)
              or not source.body.strip())
    if source.last_updated is None and "last_updated" not in source.key_lines and not broken:
        # the front matter's end, where the line goes; the file's first line if there is none
        line = max(source.body_first_line - 1, 1)
        found.append(Problem(source.path, line, "the front matter has no last_updated line, so "
                             "readers are not told how current the chapter is; add one, such "
                             "as last_updated: 2024-09-02 (the page's \"Last Updated\" date)"))
    # date.min: manual.json has no date, which is reported on its own
    if source.last_updated and edition != date.min and source.last_updated > edition:
        found.append(Problem(source.path, source.key_lines.get("last_updated"),
                             f"last_updated {source.last_updated} is after the edition date in "
                             f"manual.json ({edition}): the edition date is the newest "
                             "Last updated of its chapters, so set \"edition\" in manual.json "
                             f"to {source.last_updated} or later"))
    if source.amended and not source.amendment:
        found.append(Problem(source.path, source.key_lines.get("amended"),
                             "amended is given without an amendment: the box would show a "
                             "date and no text"))
    return found


def _lines_naming(text: str, source: ChapterSource) -> list[int]:
    """The lines of the chapter file that name `text`, where it is written there as is."""
    return [source.body_first_line + offset
            for offset, line in enumerate(source.body.splitlines()) if text in line]


def _at_lines(source: ChapterSource, lines: list[int], message: str) -> Problem:
    """One problem at the first of `lines`, naming the others: a picture or link used twice
    is one thing to mend, and each place is said."""
    if len(lines) < 2:
        return Problem(source.path, lines[0] if lines else None, message)
    others = [str(line) for line in lines[1:]]
    listed = others[0] if len(others) == 1 else f"{', '.join(others[:-1])} and {others[-1]}"
    plural = "s" if len(others) > 1 else ""
    return Problem(source.path, lines[0], f"{message} (also at line{plural} {listed})")


def _unlisted_files(manual: Manual, root: Path) -> list[Problem]:
    """Chapter files no entry names, and files two entries name."""
    named: dict[str, Entry] = {}
    found = []
    for entry in manual.entries():
        if not entry.file:
            continue
        if entry.file in named:
            found.append(Problem(root / "contents.json", None,
                                 f'chapter file {entry.file} is named by "{named[entry.file].id}" '
                                 f'and "{entry.id}"'))
        named.setdefault(entry.file, entry)
    chapters = root / "chapters"
    if chapters.is_dir():
        for path in sorted(chapters.rglob("*.md")):
            relative = path.relative_to(root).as_posix()
            if relative not in named:
                found.append(Problem(path, None, "chapter file is not in the contents "
                                     "(no entry of contents.json names it)"
                                     + _naming_hint(manual, relative)))
    return found


def _naming_hint(manual: Manual, relative: str) -> str:
    """How to list a chapter file: under a name the contents accepts, in the entry its name
    spells if there is one."""
    path = PurePosixPath(relative)
    slug = slugify(path.stem) or "chapter"
    suggested = path.with_name(f"{slug}.md").as_posix()
    rename = "" if suggested == relative else f"rename it {suggested} and "
    entry = manual.find(slug)
    if entry is None:
        return (f'; {rename}add "file": "{suggested}" to its entry in contents.json, or remove '
                "the file if no chapter needs it")
    if entry.file is None:
        return f'; {rename}add "file": "{suggested}" to entry "{entry.id}" ({entry.label})'
    if not manual.has_text(entry):
        return (f'; entry "{entry.id}" names {entry.file}, which is not there: give this file '
                "that name")
    return f'; entry "{entry.id}" names {entry.file} already: remove one of the two'


def _stray_files(root: Path) -> list[Problem]:
    """Files that are not the manual's (an earlier update archive, a Word copy of a chapter,
    an editor's backup): pack-content would send each to every reader."""
    from reader.content_archive import ArchiveError, content_files

    try:
        files = content_files(root)
    except ArchiveError as exc:  # a symbolic link: pack-content refuses it, so say so here
        return [Problem(root, None, str(exc))]
    except OSError:  # a folder this account may not open: its chapters are reported so
        return []
    found = []
    for path in files:
        parts = path.relative_to(root).parts
        if parts[0] == CHAPTERS_FOLDER and len(parts) > 1:
            if (path.suffix == ".md" or path.suffix.lower() in PICTURE_SUFFIXES
                    or IMAGES_FOLDER in parts[1:-1]):
                continue
        elif len(parts) == 1 and parts[0] in CONTENT_FILES:
            continue
        found.append(Problem(path, None, "is not part of the manual (the reader does not use "
                             "it), yet pack-content would send it to every reader; move it out "
                             "of the content folder"))
    return found


def _bundled_manifest_problems(root: Path) -> list[Problem]:
    """The bundled edition's manifest, made again after every change to its files: the
    reader trusts it at start to notice the edition re-issued under its date. Only for the
    reader's own content: a copy edited into an update needs none (pack-content writes one)."""
    try:
        bundled = root.resolve() == BUNDLED_CONTENT.resolve()
    except OSError:
        return []
    if not bundled:
        return []
    from reader.content_archive import folder_manifest_fault
    from reader.manifest_digest import MANIFEST_NAME

    fault = folder_manifest_fault(root)
    return [Problem(root / MANIFEST_NAME, None, fault)] if fault else []
