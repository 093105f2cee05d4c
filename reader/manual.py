"""The content pack: the manual's facts, its contents tree and its chapter files.

Loading never raises for bad content that leaves something readable: each fault becomes a
`Problem` naming the file and line, and the rest of the manual still loads. Only a contents
file that cannot be read at all raises `ContentError`.
"""

from __future__ import annotations

import difflib
import json
import logging
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args

from reader.json_text import json_fault_hint, parse_json, string_lines
from reader.resources import bundle_root
from reader.text_encoding import SAVE_AS_UTF8, encoding_fault, undecodable_line

log = logging.getLogger(__name__)

CONTENT_FORMAT = 1
# the manual shipped with the program, read-only: in the checkout, or inside the frozen app
BUNDLED_CONTENT = bundle_root() / "content"
# content files are UTF-8; a byte-order mark that some Windows editors write is allowed
CONTENT_ENCODING = "utf-8-sig"

EntryKind = Literal["chapter", "document", "see_also"]
# what a tip or a screen reader adds of an entry whose text this edition lacks
ONLINE_ONLY_NOTE = "Text not included in this offline edition"
FLAG_LABELS = {"new": "New", "updated": "Updated", "under_review": "Under review"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMBER_PATTERN = re.compile(r"^\d+(?:\.\d+)*$")
ENTRY_KINDS: tuple[str, ...] = get_args(EntryKind)
# a chapter's text is a Markdown file in chapters/: never a path that leaves the content folder
CHAPTER_FILE = re.compile(r"^chapters/(?:[\w.-]+/)*[\w.-]+\.md$")
# while a content folder loads: each file's lines, read once for all its problems
_lines_by_file: ContextVar[dict[Path, JsonLines] | None] = ContextVar(
    "_lines_by_file", default=None
)


class ContentError(Exception):
    """The content folder cannot be read at all (no contents file, or not valid JSON)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located as `file:line: message`."""

    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.message}"


def problem_count(count: int) -> str:
    """"no problems", "1 problem", "3 problems": as said, not "1 problem(s)"."""
    return "no problems" if count == 0 else f"{count} problem{'s' * (count != 1)}"


@dataclass(frozen=True)
class ManualInfo:
    """The manual's own facts: these live here and nowhere else."""

    title: str
    publisher: str
    edition: date
    edition_basis: str
    online_url: str
    copyright: str


@dataclass(frozen=True)
class Entry:
    """One line of the contents: a numbered chapter, an unnumbered document or a See also."""

    id: str
    kind: EntryKind
    title: str
    number: str | None
    flags: tuple[str, ...]
    notes: tuple[str, ...]
    file: str | None  # chapter Markdown, relative to the content folder; None: text not held
    target: str | None  # a See also that points at another entry of this manual
    section: str  # number of the section it sits in
    subsection: str | None

    @property
    def label(self) -> str:
        """Number and title, as the contents shows it."""
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def flag_labels(self) -> tuple[str, ...]:
        return tuple(FLAG_LABELS.get(flag, flag) for flag in self.flags)


@dataclass(frozen=True)
class Subsection:
    number: str
    title: str
    lead: str | None  # a sentence that introduces the entries, e.g. 6.1's emergency note
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    items: tuple[Entry | Subsection, ...]

    def entries(self) -> Iterator[Entry]:
        for item in self.items:
            if isinstance(item, Subsection):
                yield from item.entries
            else:
                yield item

    def subsections(self) -> Iterator[Subsection]:
        return (item for item in self.items if isinstance(item, Subsection))


@dataclass
class Manual:
    """A loaded content folder: facts, contents, and the problems found while loading."""

    root: Path
    info: ManualInfo
    sections: tuple[Section, ...]
    problems: list[Problem] = field(default_factory=list)
    _by_id: dict[str, Entry] = field(default_factory=dict, repr=False)
    _by_number: dict[str, Entry] = field(default_factory=dict, repr=False)

    def entries(self) -> Iterator[Entry]:
        for section in self.sections:
            yield from section.entries()

    def chapters(self) -> list[Entry]:
        return [entry for entry in self.entries() if entry.kind == "chapter"]

    def find(self, ref: str) -> Entry | None:
        """An entry by its number ("6.4.3") or its id ("looked-after-reviews")."""
        ref = ref.strip()
        return self._by_number.get(ref) or self._by_id.get(ref.lower())

    def section(self, number: str) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    def subsection(self, number: str) -> Subsection | None:
        for section in self.sections:
            for sub in section.subsections():
                if sub.number == number:
                    return sub
        return None

    def is_section(self, number: str) -> bool:
        """Whether `number` names a section ("6") or a subsection ("6.4")."""
        number = number.strip()
        return self.section(number) is not None or self.subsection(number) is not None

    def has_text(self, entry: Entry) -> bool:
        """Whether the entry's chapter file is here. One in a folder this account may not
        open counts: opening it says that it cannot be read, not that it is online only."""
        if entry.file is None:
            return False
        try:
            return (self.root / entry.file).is_file()
        except OSError:
            return True

    def online_only(self, entry: Entry) -> bool:
        """A chapter or document whose text this edition lacks: opening it gives a link to the
        online manual. A See also is a pointer elsewhere, never held here."""
        return entry.kind != "see_also" and not self.has_text(entry)

    def where(self, entry: Entry) -> str:
        """Where an entry sits: "6. Children in Care > 6.4 Monitoring and Reviews"."""
        section = self.section(entry.section)
        parts = [f"{section.number}. {section.title}"] if section else []
        sub = self.subsection(entry.subsection) if entry.subsection else None
        if sub:
            parts.append(f"{sub.number} {sub.title}")
        return " > ".join(parts)


def load_manual(root: Path | str = BUNDLED_CONTENT) -> Manual:
    """Load a content folder; faults that leave the rest readable become `Manual.problems`."""
    root = Path(root)
    problems: list[Problem] = []
    reading = _lines_by_file.set({})
    try:
        info = _load_info(root / "manual.json", problems)
        contents_path = root / "contents.json"
        data = _read_json(contents_path, problems)
        sections = _parse_sections(data, contents_path, problems)
        manual = Manual(root=root, info=info, sections=sections, problems=problems)
        _index_entries(manual, contents_path)
    finally:
        _lines_by_file.reset(reading)
    for problem in manual.problems:
        log.warning("content problem: %s", problem)
    return manual


def unreadable_reason(exc: OSError | UnicodeDecodeError) -> str:
    """Why a content file cannot be read, in words, and for text saved in another encoding
    how to mend it; not Python's "[Errno 13] Permission denied: '/the/full/path'" or
    "'utf-8' codec can't decode byte 0xd1 in position 0"."""
    if isinstance(exc, IsADirectoryError):  # as a chapter file that is a folder is named
        return "is a folder, not a file"
    if not isinstance(exc, UnicodeDecodeError):
        return f"cannot be read ({exc.strerror or exc})"
    return f"{encoding_fault(exc)}; {SAVE_AS_UTF8}"


def _read_json(path: Path, problems: list[Problem]) -> Any:
    try:
        text = path.read_text(encoding=CONTENT_ENCODING)
    except FileNotFoundError as exc:
        raise ContentError(Problem(path, None, "file is missing")) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(Problem(path, undecodable_line(exc), unreadable_reason(exc))
                           ) from exc
    repeated: list[tuple[str, dict[str, Any]]] = []
    try:
        data = parse_json(text, repeated)
    except json.JSONDecodeError as exc:
        raise ContentError(Problem(path, exc.lineno, f"not valid JSON: {exc.msg}"
                                   f"{json_fault_hint(exc.msg)}")) from exc
    for key, holder in repeated:
        named = next((str(holder[name]) for name in ("id", "number")
                      if isinstance(holder.get(name), str | int)), None)
        if named is None:  # the file's own facts (manual.json): where the name is written again
            problems.append(Problem(path, _line_of(path, key, 1),
                                    f'"{key}" is given twice; the last one is used'))
        else:
            problems.append(Problem(path, _line_of(path, named), f'"{key}" is given twice by '
                                    f'the entry "{named}"; the last one is used'))
    return data


def _load_info(path: Path, problems: list[Problem]) -> ManualInfo:
    """The manual's facts; a broken file is reported and neutral placeholders keep it usable."""
    try:
        data = _read_json(path, problems)
    except ContentError as exc:
        problems.append(exc.problem)
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(path, None, "must be a JSON object"))
        data = {}

    def text(key: str, fallback: str) -> str:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if data:
            problems.append(Problem(path, _line_of(path, key), f'"{key}" is missing or empty'))
        return fallback

    edition_text = text("edition", "")
    try:
        edition = date.fromisoformat(edition_text)
    except ValueError:
        if edition_text:
            problems.append(
                Problem(path, _line_of(path, "edition"), f'edition "{edition_text}" is not a '
                        "date written as YYYY-MM-DD (2 September 2024 is 2024-09-02)")
            )
        edition = date.min
    title = text("title", "Procedures manual")
    return ManualInfo(
        title=title,
        publisher=text("publisher", ""),  # none rather than a made-up name
        edition=edition,
        edition_basis=text("edition_basis", ""),
        online_url=text("online_url", ""),
        copyright=text("copyright", ""),
    )


class JsonLines:
    """Finds the line of a JSON file that holds a value, for messages; the file is read once,
    when the first line is asked for, so a file with thousands of faults is not read for each."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lines: dict[str, list[int]] | None = None

    def of(self, value: str, nth: int = 0) -> int | None:
        """The line of the first (or the `nth` after it) place the file holds `value`."""
        if self._lines is None:
            try:
                self._lines = string_lines(self.path.read_text(encoding=CONTENT_ENCODING))
            except (OSError, UnicodeDecodeError):
                self._lines = {}
        found = self._lines.get(value)
        return found[min(nth, len(found) - 1)] if found else None

    def problem(self, value: str, message: str) -> Problem:
        return Problem(self.path, self.of(value), message)


def _line_of(path: Path, needle: str, nth: int = 0) -> int | None:
    """The first line (or the `nth` after it) of a JSON file that holds a key or value as
    text, for error messages."""
    by_file = _lines_by_file.get()
    if by_file is None:
        return JsonLines(path).of(needle, nth)
    return by_file.setdefault(path, JsonLines(path)).of(needle, nth)


def _parse_sections(data: Any, path: Path, problems: list[Problem]) -> tuple[Section, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise ContentError(Problem(path, 1, 'must be an object with a "sections" list'))
    if data.get("format") != CONTENT_FORMAT:
        problems.append(
            Problem(path, 1, f"format {data.get('format')!r}; this reader reads {CONTENT_FORMAT}")
        )
    sections = []
    for raw in data["sections"]:
        if not _has_keys(raw, ("number", "title", "items"), path, problems, "section"):
            continue
        number = str(raw["number"])
        fields = _Fields(raw, f"section {number}", path, problems)
        items: list[Entry | Subsection] = []
        for item in fields.items("items"):
            if isinstance(item, dict) and item.get("type") == "subsection":
                sub = _parse_subsection(item, number, path, problems)
                if sub:
                    items.append(sub)
            else:
                entry = _parse_entry(item, number, None, path, problems)
                if entry:
                    items.append(entry)
        sections.append(Section(number=fields.number(), title=fields.text("title", number),
                                items=tuple(items)))
    return tuple(sections)


def _parse_subsection(
    raw: dict[str, Any], section: str, path: Path, problems: list[Problem]
) -> Subsection | None:
    if not _has_keys(raw, ("number", "title", "items"), path, problems, "subsection"):
        return None
    number = str(raw["number"])
    fields = _Fields(raw, f"subsection {number}", path, problems)
    entries = tuple(
        entry
        for item in fields.items("items")
        if (entry := _parse_entry(item, section, number, path, problems)) is not None
    )
    lead = raw.get("lead")
    return Subsection(
        number=fields.number(),
        title=fields.text("title", number),
        lead=lead if isinstance(lead, str) and lead else None,
        entries=entries,
    )


def _parse_entry(
    raw: Any, section: str, subsection: str | None, path: Path, problems: list[Problem]
) -> Entry | None:
    kind = raw.get("type") if isinstance(raw, dict) else None
    if kind == "subsection" and subsection is not None:
        # a known type in the wrong place: "unknown type" would send the editor to the spelling
        number = str(raw.get("number") or raw.get("title") or kind)
        problems.append(Problem(path, _line_of(path, number), f'subsection "{number}" is inside '
                                f"subsection {subsection}, but a subsection holds only "
                                "entries; it is left out, with what it holds"))
        return None
    if kind not in (None, *ENTRY_KINDS):
        # before the keys: a misspelt "subsection" lacks an id, and would be reported so
        hint = str(raw.get("number") or raw.get("id") or raw.get("title") or kind)
        kinds = ", ".join(json.dumps(name) for name in (*ENTRY_KINDS, "subsection"))
        problems.append(Problem(path, _line_of(path, hint), f'"{hint}" has unknown type '
                                f"{json.dumps(kind)}; it is left out, with what it holds (the "
                                f"types are {kinds})"))
        return None
    if not _has_keys(raw, ("type", "id", "title"), path, problems, "entry"):
        return None
    kind = raw["type"]
    entry_id = str(raw["id"])

    def report(message: str) -> None:
        # the file's lines are read only when there is a problem
        problems.append(Problem(path, _line_of(path, entry_id), message))

    if not ID_PATTERN.match(entry_id):
        from reader.contents_import import slugify  # only for a bad id; it imports this

        slug = slugify(entry_id) or "chapter-title"
        report(f'id "{entry_id}" is not a lower-case slug: lower-case letters and digits '
               f'in words joined by -, such as "{slug}"')
    number = raw.get("number")
    if kind == "chapter" and not (isinstance(number, str) and NUMBER_PATTERN.match(number)):
        report(f'chapter "{entry_id}" has no valid number (a chapter\'s number is text in '
               f'quotes, such as "1.1.3", not {json.dumps(number)})')
        number = None
    fields = _Fields(raw, f'entry "{entry_id}"', path, problems, entry_id)
    flags = tuple(fields.texts("flags"))
    for flag in flags:
        if flag not in FLAG_LABELS:
            known = ", ".join(f'"{name}"' for name in FLAG_LABELS)
            report(f'entry "{entry_id}" has unknown flag "{flag}" (the flags are {known})')
    file = raw.get("file")
    if file is not None and not (isinstance(file, str) and CHAPTER_FILE.match(file)
                                 and ".." not in file.split("/")):
        report(f'entry "{entry_id}": file {file!r} is not a Markdown file in chapters/ '
               "(a name such as chapters/staying-put-policy.md: letters, digits, - and _, "
               "no spaces, ending .md)")
        file = None
    return Entry(
        id=entry_id,
        kind=kind,
        title=fields.text("title", entry_id),
        number=number if isinstance(number, str) else None,
        flags=flags,
        notes=tuple(fields.texts("notes")),
        file=file,
        target=raw.get("target") if isinstance(raw.get("target"), str) else None,
        section=section,
        subsection=subsection,
    )


class _Fields:
    """Reads one object's fields as the type the format gives them; reports any other type
    and goes on with a stand-in, so one mistyped value costs only itself."""

    def __init__(self, raw: dict[str, Any], what: str, path: Path, problems: list[Problem],
                 needle: str | None = None) -> None:
        self.raw, self.what, self.path, self.problems = raw, what, path, problems
        self.needle = needle or str(raw.get("number", ""))

    def _report(self, message: str) -> None:
        self.problems.append(Problem(self.path, _line_of(self.path, self.needle),
                                     f"{self.what}: {message}"))

    def text(self, key: str, stand_in: str) -> str:
        value = self.raw.get(key)
        if isinstance(value, str) and value.strip():
            return value
        self._report(f"{key} must be text, not {json.dumps(value)[:40]}")
        return stand_in

    def number(self) -> str:
        value = self.raw.get("number")
        if not isinstance(value, str):
            self._report(f"number must be text such as \"6.4\", not {json.dumps(value)[:40]}")
        return str(value)

    def items(self, key: str) -> list[Any]:
        value = self.raw.get(key)
        if isinstance(value, list):
            return value
        self._report(f"{key} must be a list, not {json.dumps(value)[:40]}")
        return []

    def texts(self, key: str) -> list[str]:
        """An optional list of strings."""
        value = self.raw.get(key, [])
        if not isinstance(value, list):
            self._report(f"{key} must be a list, not {json.dumps(value)[:40]}")
            return []
        wrong = [item for item in value if not isinstance(item, str)]
        if wrong:
            self._report(f"{key} must hold only text, not {json.dumps(wrong[0])[:40]}")
        return [item for item in value if isinstance(item, str)]


def _has_keys(
    raw: Any, keys: tuple[str, ...], path: Path, problems: list[Problem], what: str
) -> bool:
    if not isinstance(raw, dict):
        problems.append(Problem(path, None, f"a {what} must be a JSON object, not {raw!r:.40}"))
        return False
    missing = [key for key in keys if key not in raw]
    if missing:
        hint = raw.get("id") or raw.get("number") or raw.get("title") or "?"
        line = _line_of(path, str(hint))
        problems.append(Problem(path, line, f'{what} "{hint}" lacks {", ".join(missing)}'))
        return False
    return True


def _index_entries(manual: Manual, path: Path) -> None:
    """Build the look-ups; report duplicates and dangling references, keep the first."""
    def report(entry: Entry, message: str, nth: int = 0) -> None:
        manual.problems.append(Problem(path, _line_of(path, entry.id, nth), message))

    repeats: dict[str, int] = {}
    for entry in manual.entries():
        if entry.id in manual._by_id:
            first = manual._by_id[entry.id]
            repeats[entry.id] = repeats.get(entry.id, 0) + 1  # its line: not the first's
            report(entry, f'id "{entry.id}" is used twice ({first.label} and {entry.label}); '
                   "give one of them an id of its own: bookmarks and links open the first",
                   repeats[entry.id])
        else:
            manual._by_id[entry.id] = entry
        if entry.number:
            if entry.number in manual._by_number:
                first = manual._by_number[entry.number]
                report(entry, f'number {entry.number} is used twice '
                       f'("{first.title}" and "{entry.title}")')
            else:
                manual._by_number[entry.number] = entry
        if entry.file:
            try:
                present = (manual.root / entry.file).is_file()
            except OSError as exc:  # a chapters folder this account may not open
                report(entry, f"{entry.number or entry.id}: chapter file {entry.file} "
                              f"{unreadable_reason(exc)}")
            else:
                if not present:
                    # a folder made by mistake where the file goes is there, yet no file
                    what = ("is a folder, not a file" if (manual.root / entry.file).is_dir()
                            else "is missing")
                    report(entry, f"{entry.number or entry.id}: chapter file {entry.file} "
                                  f"{what}")
    for entry in manual.entries():
        if not entry.target:
            continue
        target = manual._by_id.get(entry.target)
        if target is None:
            near = difflib.get_close_matches(entry.target, list(manual._by_id), n=1, cutoff=0.8)
            message = (f'"{entry.title}" points at "{entry.target}", which is not in the '
                       "contents" + (f'; did you mean "{near[0]}"?' if near else ""))
        elif target.kind == "see_also":
            message = (f'"{entry.title}" points at "{entry.target}", another See also; it must '
                       "point at a chapter or document")
        else:
            continue
        manual.problems.append(Problem(path, _line_of(path, entry.target), message))
