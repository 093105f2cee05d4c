"""Contents data from a contents page of the online manual, saved as text or as HTML.

The text capture lists sections ("6. Children in Care"), subsections (a bare "6.1" line followed
by its title), numbered chapters with trailing flags ("... Updated", "... - under review"),
unnumbered entries, "See also" lines and page chrome. An HTML page holds the same in headings,
tables and links. Both become the lines `build_contents` reads, and so the structure
`content/contents.json` holds. `merge_ids` then keeps the ids and chapter files of an existing
contents, so bookmarks and chapter text survive a renumbering or a slight retitling.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.json_text import parse_json
from reader.manual import CONTENT_FORMAT
from reader.page_html import looks_like_html, read_page_text

if TYPE_CHECKING:
    from bs4 import Tag

CHROME_LINES = {"Derby logo", "Contents", "Quick Links:"}
# Mis-encoded characters seen in captures, and what they stood for.
CAPTURE_MENDS = {"\u0100": " ", "\u00a0": " "}
SECTION_RE = re.compile(r"^(\d+)\.\s+(\S.*)$")
SUBSECTION_RE = re.compile(r"^(\d+\.\d+)$")
UNTITLED_SECTION_RE = re.compile(r"^(\d+)\.?$")  # a section heading saved without its title
NUMBERED_RE = re.compile(r"^(\d+(?:\.\d+)+)\s+(\S.*)$")
TRAILING_FLAG_RE = re.compile(r"\s+(Updated|New)$")
# " - " between a title and its flags or notes; a page saved through a word processor, or
# typed again, has an en or em dash there
PART_SEPARATOR_RE = re.compile(r"(\s[-\u2013\u2014]\s)")
UNDER_REVIEW_RE = re.compile(r"^(?:this process is\s+)?under review(?::\s*(.*))?$", re.I)
ID_MAX_LENGTH = 60
DANGLING_WORDS = {"a", "and", "for", "in", "of", "on", "or", "the", "to", "with"}


def slugify(title: str) -> str:
    """A stable, readable id from a title: lower case, ASCII, hyphens, at most 60 chars."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"['\u2019]", "", text.lower())
    words = re.findall(r"[a-z0-9]+", text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > ID_MAX_LENGTH and slug:
            break
        slug = candidate
    # a cut id ending "...-and" or "...-of" reads badly; drop the dangling small words
    parts = slug.split("-")
    while len(parts) > 1 and parts[-1] in DANGLING_WORDS:
        parts.pop()
    return "-".join(parts) or "entry"


def title_key(title: str) -> str:
    """A title as compared with another: one kind of quote, dash and space, case folded.

    The site writes "Children's" in one place and "Children\u2019s" in another, and a page
    saved through a word processor has curly quotes and dashes throughout: the same title.
    """
    text = unicodedata.normalize("NFKC", title)
    text = re.sub(r"[\u2018\u2019\u201b`]", "'", text)
    text = re.sub(r"[\u201c\u201d]", '"', text)
    text = re.sub(r"[\u2013\u2014]", "-", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def mend(text: str) -> str:
    for bad, good in CAPTURE_MENDS.items():
        text = text.replace(bad, good)
    return re.sub(r"\s+", " ", text).strip()


def split_title(raw: str) -> tuple[str, list[str], list[str]]:
    """Separate a contents line's title from its flags and notes."""
    text = mend(raw)
    flags: list[str] = []
    notes: list[str] = []
    match = TRAILING_FLAG_RE.search(text)
    if match:
        flags.append(match.group(1).lower())
        text = text[: match.start()]
    pieces = PART_SEPARATOR_RE.split(text)  # parts, each after the dash that led to it
    kept = []
    for n in range(0, len(pieces), 2):
        part = pieces[n].strip()
        review = UNDER_REVIEW_RE.match(part)
        if review:
            flags.insert(0, "under_review")
            if review.group(1):
                notes.append(review.group(1).strip())
        elif part.lower().startswith("please "):
            notes.append(part)
        else:
            kept.append((pieces[n - 1] if n and kept else "") + pieces[n])  # the title's own dash
    return "".join(kept).strip(), flags, notes


@dataclass(frozen=True)
class ContentsLine:
    """One line of a contents page: its mended text, whether the page indented it, and its
    line number in a text capture (None in HTML, whose blocks are not lines of the file)."""

    text: str
    indented: bool = False
    number: int | None = None


class ContentsPageError(ValueError):
    """A line of a contents page that cannot be placed; `line` is its number, where known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _quoted(line: str) -> str:
    # a line of a damaged page can be megabytes long: enough of it to find it by
    return repr(line if len(line) <= 80 else line[:77] + "...")


def parse_contents_text(text: str) -> dict[str, Any]:
    """The contents structure from a contents page captured as text."""
    return build_contents(
        ContentsLine(mend(raw) if raw.strip() else "", raw[:1].isspace(), n)
        for n, raw in enumerate(text.splitlines(), start=1)
    )


def parse_contents_html(html: str) -> dict[str, Any]:
    """The contents structure from a contents page saved as HTML."""
    return build_contents(contents_lines_from_html(html))


def parse_contents_page(path: Path) -> dict[str, Any]:
    """The contents structure from a saved contents page, HTML or text, told apart by content."""
    text = read_page_text(path)
    return parse_contents_html(text) if looks_like_html(text) else parse_contents_text(text)


def build_contents(lines: Iterable[ContentsLine]) -> dict[str, Any]:
    """The contents structure from the lines of a contents page, in reading order."""
    sections: list[dict[str, Any]] = []
    container: list[dict[str, Any]] | None = None  # where the next entry goes
    subsection: dict[str, Any] | None = None
    pending_subsection: str | None = None
    pending_line: int | None = None  # where the pending subsection's number stood
    in_body = False
    see_also_open = False
    ids: set[str] = set()
    numbered_at: dict[str, tuple[str, int | None]] = {}  # number -> (title, line) first seen

    def claim(number: str, title: str, item: ContentsLine) -> None:
        # a number given twice (a page saved over itself, a typing slip) would make a
        # contents that validate refuses: say where, before anything is written
        if number in numbered_at:
            first, line = numbered_at[number]
            where = f" (line {line})" if line else ""
            raise ContentsPageError(
                f'{number} is the number of two entries, "{first}"{where} and "{title}"; '
                "check the page against the online manual", item.number)
        numbered_at[number] = (title, item.number)

    def unique(slug: str) -> str:
        candidate, n = slug, 2
        while candidate in ids:
            candidate, n = f"{slug}-{n}", n + 1
        ids.add(candidate)
        return candidate

    def add_see_also(title: str) -> None:
        title = title.rstrip(".").strip()
        if title and container is not None:
            container.append(
                {"type": "see_also", "id": unique("see-also-" + slugify(title)), "title": title}
            )

    def untitled(item: ContentsLine) -> ContentsPageError:
        # taking the next line as its title would swallow an entry, or a whole section
        return ContentsPageError(
            f"subsection {pending_subsection} has no title on the page (the line after its "
            f"number is {_quoted(item.text)}); add the title from the online manual, or save "
            "the page again", pending_line)

    for item in lines:
        line, indented = item.text, item.indented
        if not line or line in CHROME_LINES or line.startswith("CAPTION:"):
            continue
        untitled_section = UNTITLED_SECTION_RE.match(line)
        if untitled_section and not indented:
            raise ContentsPageError(
                f"section {untitled_section.group(1)} has no title on the page; add the title "
                "from the online manual, or save the page again", item.number)
        if pending_subsection and (SUBSECTION_RE.match(line) or NUMBERED_RE.match(line)
                                   or SECTION_RE.match(line)):
            raise untitled(item)
        section_match = SECTION_RE.match(line)
        if section_match and not indented and not NUMBERED_RE.match(line):
            # the Quick Links list names the sections indented; the body's headings are not
            number, title = section_match.groups()
            claim(number, title, item)
            in_body = True
            section = {"number": number, "title": title, "items": []}
            sections.append(section)
            container, subsection, see_also_open = section["items"], None, False
            continue
        if not in_body:
            continue
        if SUBSECTION_RE.match(line):
            pending_subsection, pending_line = line, item.number
            continue
        if pending_subsection:
            claim(pending_subsection, line, item)
            subsection = {"type": "subsection", "number": pending_subsection, "title": line,
                          "items": []}
            sections[-1]["items"].append(subsection)
            container, pending_subsection, see_also_open = subsection["items"], None, False
            continue
        numbered = NUMBERED_RE.match(line)
        if numbered:
            number, rest = numbered.groups()
            title, flags, notes = split_title(rest)
            claim(number, title, item)
            entry: dict[str, Any] = {"type": "chapter", "id": unique(slugify(title)),
                                     "number": number, "title": title}
            if flags:
                entry["flags"] = flags
            if notes:
                entry["notes"] = notes
            assert container is not None
            container.append(entry)
            see_also_open = False
            continue
        if line.lower().startswith("see also:"):
            see_also_open = True
            add_see_also(line[len("see also:"):])
            continue
        if see_also_open and line.startswith("and "):
            add_see_also(line[len("and "):])
            continue
        if line.endswith(":") and subsection is not None:
            subsection["lead"] = line
            continue
        if indented and container is not None:
            title, flags, notes = split_title(line)
            entry = {"type": "document", "id": unique(slugify(title)), "title": title}
            if flags:
                entry["flags"] = flags
            if notes:
                entry["notes"] = notes
            container.append(entry)
            continue
        raise ContentsPageError(f"unrecognised contents line: {_quoted(line)}", item.number)
    if pending_subsection:
        raise ContentsPageError(
            f"subsection {pending_subsection} has no title on the page, which ends after its "
            "number; save the page again, whole", pending_line)

    _link_see_also(sections)
    return {"format": CONTENT_FORMAT, "sections": sections}


def _titled(sections: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The chapters and documents by title, case folded."""
    by_title: dict[str, list[dict[str, Any]]] = {}
    for item in _walk(sections):
        if item["type"] in ("chapter", "document"):
            by_title.setdefault(title_key(item["title"]), []).append(item)
    return by_title


def _link_see_also(sections: list[dict[str, Any]]) -> None:
    """Point each See also whose title names one entry of this manual at that entry; one
    that names two is left pointing at neither (see `unplaced_see_also`), not guessed."""
    by_title = _titled(sections)
    for item in _walk(sections):
        if item["type"] == "see_also":
            found = by_title.get(title_key(item["title"]), [])
            if len(found) == 1:
                item["target"] = found[0]["id"]


def unplaced_see_also(contents: dict[str, Any]) -> list[str]:
    """A line for each See also whose title is the title of more than one entry."""
    by_title = _titled(contents["sections"])
    lines = []
    for item in _walk(contents["sections"]):
        found = by_title.get(title_key(item["title"]), [])
        if item["type"] == "see_also" and not item.get("target") and len(found) > 1:
            labels = ", ".join(_label(entry) for entry in found)
            lines.append(f'See also "{item["title"]}" names {len(found)} entries ({labels}), so it '
                         f'opens neither: give it "target": the id of the one meant')
    return lines


def _walk(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for section in sections:
        for item in section["items"]:
            if item["type"] == "subsection":
                found.extend(item["items"])
            else:
                found.append(item)
    return found


# HTML pages --------------------------------------------------------------------------------

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
LEAF_BLOCKS = {*HEADINGS, "p", "li", "tr", "dt", "dd", "figcaption"}
BLOCK_TAGS = [*LEAF_BLOCKS, "div", "section", "article", "table", "tbody", "thead", "ul", "ol",
              "dl", "blockquote", "figure", "main"]
SUBSECTION_HEADING_RE = re.compile(r"^(\d+\.\d+)\s+(\S.*)$")


def contents_lines_from_html(html: str) -> list[ContentsLine]:
    """The lines a contents page saved as HTML would show, marked as a text capture marks them."""
    from reader.page_html import main_content, parse_page

    root = main_content(parse_page(html))
    for caption in root.find_all("caption"):
        caption.decompose()  # a layout table's caption repeats the section's title
    for img in root.find_all("img"):
        # a flag drawn as a picture says what it is in its alt text; other pictures go
        alt = str(img.get("alt", "")).strip()
        if alt.lower() in ("updated", "new"):
            img.replace_with(f" {alt.capitalize()}")
        else:
            img.decompose()
    lines: list[ContentsLine] = []
    for block in _leaf_blocks(root):
        lines.extend(_block_lines(block))
    return lines


def _leaf_blocks(element: Tag) -> Iterable[Tag]:
    """The innermost block elements in reading order: headings, paragraphs, rows, items."""
    from bs4 import Tag

    for child in element.children:
        if not isinstance(child, Tag):
            continue  # stray text between blocks is layout, not an entry
        if child.name in LEAF_BLOCKS and not (child.name == "li" and child.find(["ul", "ol"])):
            yield child
        elif child.find(BLOCK_TAGS) is None:
            yield child  # a div or span that holds only inline content is a block of its own
        else:
            yield from _leaf_blocks(child)


def _block_lines(block: Tag) -> list[ContentsLine]:
    text = mend(block.get_text(" "))
    if not text:
        return []
    links = [a for a in block.find_all("a") if mend(a.get_text(" "))]
    if links and all(str(a.get("href", "")).startswith("#") for a in links) and (
        SECTION_RE.match(text) and not NUMBERED_RE.match(text)
    ):
        return []  # a jump to a section (the Quick Links): navigation, not an entry
    has_heading_cells = block.name == "tr" and block.find("th") is not None
    if block.name in HEADINGS or (has_heading_cells and not links):
        subsection = SUBSECTION_HEADING_RE.match(text)
        if subsection and not SECTION_RE.match(text):
            # the text capture shows a subsection as its number, then its title on a line
            return [ContentsLine(subsection.group(1)), ContentsLine(subsection.group(2))]
        return [ContentsLine(text)]
    if block.name == "tr":
        cells = [mend(cell.get_text(" ")) for cell in block.find_all(["td", "th"])]
        text = " ".join(cell for cell in cells if cell)
        if cells and not cells[0] and links and not NUMBERED_RE.match(text):
            return [ContentsLine(text, indented=True)]  # no number: an unnumbered document
    lowered = text.lower()
    if links and (lowered.startswith("see also") or lowered.startswith("and ")):
        first = "See also: " if lowered.startswith("see also") else "and "
        return [
            ContentsLine((first if n == 0 else "and ") + mend(a.get_text(" ")), indented=True)
            for n, a in enumerate(links)
        ]
    if links and not NUMBERED_RE.match(text) and not SECTION_RE.match(text):
        return [ContentsLine(text, indented=True)]
    return [ContentsLine(text)]


# keeping ids ---------------------------------------------------------------------------------

SIMILAR_TITLE = 0.8  # difflib ratio above which a title counts as the same one, slightly edited
SAME_NUMBER_BONUS = 0.25  # a similar title at the same number is the likelier match


@dataclass(frozen=True)
class IdMatch:
    """An entry of the new contents that kept the id of an old one with a different label."""

    id: str
    old_label: str
    new_label: str


@dataclass(frozen=True)
class ContentsMerge:
    """The new contents with the old ids and files kept, and what changed on the way."""

    contents: dict[str, Any]
    kept: int  # entries whose title is unchanged but for quotes, dashes or case (or number)
    similar: tuple[IdMatch, ...]  # entries matched by a similar title
    added: tuple[str, ...]  # labels of entries new to the contents
    removed: tuple[str, ...]  # labels of entries no longer in the contents
    orphaned_files: tuple[str, ...]  # chapter files whose entry is gone

    def lines(self) -> list[str]:
        """The changes in plain words, one per line."""
        out = [f"kept the id of {match.old_label!r}, now {match.new_label!r}"
               for match in self.similar]
        out += [f"new: {label}" for label in self.added]
        out += [f"removed: {label}" for label in self.removed]
        out += [f"chapter file {name} is no longer in the contents" for name in self.orphaned_files]
        return out


def _label(entry: dict[str, Any]) -> str:
    number = entry.get("number")
    return f"{number} {entry['title']}" if number else str(entry["title"])


def _group(entry: dict[str, Any]) -> str:
    # a document that gains a number is the same text; a See also is never a chapter
    return "see_also" if entry["type"] == "see_also" else "text"


def _ratio(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a.lower(), b.lower())
    if matcher.real_quick_ratio() < SIMILAR_TITLE or matcher.quick_ratio() < SIMILAR_TITLE:
        return 0.0
    return matcher.ratio()


def merge_ids(imported: dict[str, Any], existing: dict[str, Any] | None) -> ContentsMerge:
    """Give imported entries the ids and files of the existing entries they continue.

    An entry continues an old one with the same title as `title_key` compares them (the
    first unused, in order, the one at the same number first), else the unused old one with
    the most similar title (ratio >= 0.8, same number preferred). Other entries are new and
    get fresh slugs that clash with no kept id.
    """
    new_entries = _walk(imported["sections"])
    old_entries = _walk(existing["sections"]) if existing else []
    match: dict[int, dict[str, Any]] = {}  # index in new_entries -> old entry
    used: set[int] = set()  # indices in old_entries

    # a title that differs only in its quotes, dashes or case is the same title, not a retitling
    by_title: dict[tuple[str, str], list[int]] = {}
    for n, old in enumerate(old_entries):
        by_title.setdefault((_group(old), title_key(old["title"])), []).append(n)
    for n, new in enumerate(new_entries):
        candidates = [i for i in by_title.get((_group(new), title_key(new["title"])), [])
                      if i not in used]
        if candidates:
            # among old entries of the same title, the one at the same number first
            best = next((i for i in candidates
                         if old_entries[i].get("number") == new.get("number")), candidates[0])
            match[n] = old_entries[best]
            used.add(best)
    kept = len(match)

    pairs = []
    for n, new in enumerate(new_entries):
        if n in match:
            continue
        for i, old in enumerate(old_entries):
            if i in used or _group(old) != _group(new):
                continue
            ratio = _ratio(new["title"], old["title"])
            if ratio >= SIMILAR_TITLE:
                same_number = bool(new.get("number")) and new.get("number") == old.get("number")
                pairs.append((ratio + (SAME_NUMBER_BONUS if same_number else 0.0), n, i))
    similar = []
    for _score, n, i in sorted(pairs, key=lambda pair: (-pair[0], pair[1], pair[2])):
        if n in match or i in used:
            continue
        match[n] = old_entries[i]
        used.add(i)
        similar.append(IdMatch(old_entries[i]["id"], _label(old_entries[i]),
                               _label(new_entries[n])))

    final_ids = {old["id"] for old in match.values()}
    renamed: dict[str, str] = {}  # id the parser gave -> id kept or made unique
    added = []
    for n, new in enumerate(new_entries):
        if n in match:
            renamed[new["id"]] = match[n]["id"]
            continue
        candidate, k = new["id"], 2
        while candidate in final_ids:  # a kept id may be the slug of this new title
            candidate, k = f"{new['id']}-{k}", k + 1
        final_ids.add(candidate)
        renamed[new["id"]] = candidate
        added.append(_label(new))
    for n, new in enumerate(new_entries):
        old = match.get(n)
        file = old.get("file") if old else None
        _reorder(new, renamed[new["id"]], file)
    for new in new_entries:
        if new.get("target"):
            new["target"] = renamed.get(new["target"], new["target"])
    for n, new in enumerate(new_entries):
        old = match.get(n)
        # a target set by hand, where the title names two entries, outlives the next import
        if new["type"] == "see_also" and not new.get("target") and old and (
                old.get("target") in final_ids):
            new["target"] = old["target"]

    gone = [old for i, old in enumerate(old_entries) if i not in used]
    return ContentsMerge(
        contents=imported,
        kept=kept,
        similar=tuple(similar),
        added=tuple(added) if existing else (),
        removed=tuple(_label(old) for old in gone),
        orphaned_files=tuple(old["file"] for old in gone if old.get("file")),
    )


def _reorder(entry: dict[str, Any], new_id: str, file: str | None) -> None:
    """Set id and file in place, keys in the order contents.json writes them."""
    rest = {k: v for k, v in entry.items() if k not in ("type", "id", "number", "title", "file")}
    head: dict[str, Any] = {"type": entry["type"], "id": new_id}
    if "number" in entry:
        head["number"] = entry["number"]
    head["title"] = entry["title"]
    if file:
        head["file"] = file
    entry.clear()
    entry.update(head)
    entry.update(rest)


class ExistingContentsError(ValueError):
    """The contents.json being updated cannot be read: its ids cannot be carried over."""


class ContentsNotWritten(Exception):
    """The new contents file cannot be written; the message names it, not the page."""


@dataclass(frozen=True)
class ContentsImport:
    """What `import_contents` wrote and what changed."""

    output: Path
    merge: ContentsMerge
    sections: int
    chapters: int
    warnings: tuple[str, ...] = ()  # what the editor must settle by hand, in plain words


def import_contents(page: Path, content: Path, output: Path | None = None) -> ContentsImport:
    """Read a saved contents page, keep the ids of `content`'s contents, write the result.

    Raises ValueError (ContentsPageError: a line it cannot place; ExistingContentsError: the
    contents.json being updated cannot be read), ContentsNotWritten (the result cannot be
    written) or OSError (the page cannot be read).
    """
    imported = parse_contents_page(page)
    if not imported["sections"]:
        raise ValueError("no sections found: is it the manual's contents page, saved whole? "
                         "Nothing was written")
    existing_path = content / "contents.json"
    existing = _existing_contents(existing_path)
    try:
        merge = merge_ids(imported, existing)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ExistingContentsError(
            f"{existing_path} is not in the form the reader writes (at {exc!r}), so its ids "
            "cannot be kept; nothing was written. `validate` says what is wrong with it"
        ) from exc
    target = output or existing_path
    if existing is not None and target == existing_path:
        before = len(_walk(existing["sections"]))
        if len(merge.removed) * 2 > before:
            # a page saved half-loaded, or the wrong page: not a reason to lose the contents
            raise ValueError(
                f"it would remove {len(merge.removed)} of the {before} entries of "
                f"{existing_path}, so nothing was written. If that is meant, write the result "
                "elsewhere with --output, check it, and put it in place")
    try:
        write_contents(target, merge.contents)
    except OSError as exc:
        # an output named as a folder, or a read-only file: the page read well
        from reader.userdata import why_not_written

        raise ContentsNotWritten(f"{target}: cannot be written ({why_not_written(target, exc)}); "
                                 "nothing was changed") from exc
    entries = _walk(merge.contents["sections"])
    return ContentsImport(
        output=target,
        merge=merge,
        sections=len(merge.contents["sections"]),
        chapters=sum(1 for entry in entries if entry["type"] == "chapter"),
        warnings=tuple(unplaced_see_also(merge.contents)),
    )


def _existing_contents(path: Path) -> dict[str, Any] | None:
    """The contents.json an import updates, None if there is none yet."""
    if not path.is_file():
        return None
    try:
        data = parse_json(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExistingContentsError(
            f"{path} cannot be read ({exc}), so its ids cannot be kept; nothing was written"
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise ExistingContentsError(
            f"{path} holds no list of sections, so its ids cannot be kept; nothing was written")
    return data


def write_contents(path: Path, contents: dict[str, Any]) -> None:
    """Write contents data as contents.json is kept: two-space indent, UTF-8, atomically."""
    from reader.atomic_file import write_json_atomic

    write_json_atomic(path, contents)


def walk_entries(contents: dict[str, Any]) -> list[dict[str, Any]]:
    """Every entry of contents data, in order, subsections flattened."""
    return _walk(contents["sections"])
