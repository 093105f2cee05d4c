"""A chapter page read from a saved file, and what its two readers (text and HTML) share.

Its facts and Markdown body; dates as the online manual writes them; the contents entry a
title, a link's text or an address names; the marks and notes both readers put in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reader.contents_import import title_key
from reader.manual import Entry

SCOPE_HEADING = "Scope of this chapter"
LAST_UPDATED_RE = re.compile(r"^\s*Last\s+updated\s*:?\s*(.+?)\s*$", re.I)
VERSION_RE = re.compile(r"^\s*v(\d+(?:\.\d+)*)\s*$")
AMENDMENT_RE = re.compile(r"^\s*Amendments?\s*$", re.I)
BARE_IMAGE_NAME_RE = re.compile(r"^\s*[a-z0-9]+(?:[_-][a-z0-9]+)*_[a-z0-9]+"
                                r"(?:\.(?:png|jpe?g|gif|svg|webp))?\s*$", re.I)
CAPTION_RE = re.compile(r"^\s*CAPTION:")
DATE_FORMATS = ("%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y",
                "%d.%m.%Y", "%d-%m-%Y", "%d %B, %Y")
SEPT_RE = re.compile(r"\bSept\b\.?", re.I)  # the British "Sept", which strptime does not know
# day and month in figures, both up to 12: 02/09/2024 is read day first, as written in England
NUMERIC_DATE_RE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}\s*$")
MONTH_FORMATS = ("%B %Y", "%b %Y")
ORDINAL_RE = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b", re.I)
LOOSE_SUFFIXES = ("procedures", "procedure", "policy", "guidance", "protocol", "chapter")
ARTICLES = ("the", "a", "an")
MISSING_IMAGE_TEXT = "*Image not included in this offline edition:*"
AMENDMENT_MARK = "\u2063amendment\u2063"  # where the amendment box was: the scope ends there
NO_AMENDMENT_DATE = ('an "Amendment" heading is followed by no date the import could read: its '
                      "box is kept as text; give the chapter amended: YYYY-MM-DD and amendment: "
                      "in its front matter, and take the box out of the text")
NOT_CAPTURED_NOTE = (
    "*The list that follows this sentence in the online manual was not captured for this "
    "offline edition; see the online manual.*\n{: .editorial }"
)


@dataclass(frozen=True)
class ChapterPage:
    """A chapter page read from a saved file: its facts and its body as Markdown."""

    source: Path
    title: str
    entry_id: str
    last_updated: date | None
    version: str | None
    amended: date | None
    amendment: str | None
    body: str
    images: tuple[tuple[Path, str], ...] = ()  # (file found beside the page, name in images/)
    notes: tuple[str, ...] = ()  # what was mended or could not be kept, in plain words

    def markdown(self) -> str:
        """The chapter file's text: front matter, then the body."""
        meta = [("title", self.title), ("last_updated", _iso(self.last_updated)),
                ("version", self.version), ("amended", _iso(self.amended)),
                ("amendment", self.amendment)]
        lines = ["---", *(f"{key}: {one_line(value)}" for key, value in meta if value), "---"]
        return "\n".join(lines) + "\n\n" + self.body.strip() + "\n"


class ImportProblem(Exception):
    """A page that cannot become a chapter; the message names the file and the reason."""


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse_date(text: str) -> date | None:
    """A date as the online manual writes one ("September 2, 2024", "2 September 2024")."""
    cleaned = SEPT_RE.sub("Sep", ORDINAL_RE.sub(r"\1", one_line(text))).strip(" .")
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    for pattern in MONTH_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()  # a month alone: its first day
        except ValueError:
            continue
    return None


def date_note(text: str, when: date) -> str | None:
    """A note to check a date written in figures that reads as two dates, day or month first."""
    figures = NUMERIC_DATE_RE.match(text)
    if figures is None or figures.group(1) == figures.group(2) or max(
            int(figures.group(1)), int(figures.group(2))) > 12:
        return None
    return (f'"{one_line(text)}" was read day first, as {when.day} {when:%B %Y}; if the page '
            "meant month first, mend the date in the front matter")


def meta_line(text: str, meta: dict[str, Any], notes: list[str]) -> bool:
    """Take "Last Updated: DATE" or "vNN" into the front matter; True if it was one."""
    updated = LAST_UPDATED_RE.match(text)
    if updated:
        meta["last_updated"] = parse_date(updated.group(1))
        if meta["last_updated"] is None:
            notes.append(f'"Last Updated: {updated.group(1)}" is not a date; left out')
        elif note := date_note(updated.group(1), meta["last_updated"]):
            notes.append(note)
        return True
    version = VERSION_RE.match(text)
    if version:
        meta["version"] = version.group(1)
        return True
    return False


# finding entries ------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Text as compared with titles: `title_key`, a capture's "\u0100" a space, no end stop."""
    return title_key(text.replace("\u0100", " ")).strip(" .,:;")


def _loose(text: str) -> str:
    """A reference's core words: no number, article or "Procedure"-like word at the end."""
    words = re.findall(r"[a-z0-9]+", normalise(text).replace("'", ""))
    if words and re.fullmatch(r"\d+", words[0]) and len(words) > 1:
        while words and re.fullmatch(r"\d+", words[0]):
            words.pop(0)  # "1.1.2 Title" -> "Title"
    while words and words[0] in ARTICLES:
        words.pop(0)
    while len(words) > 1 and words[-1] in LOOSE_SUFFIXES:
        words.pop()
    return " ".join(words)


PAGE_NUMBER_RE = re.compile(r"^(\d+(?:\.\d+)+)\s+(.*)$")  # "1.1.2 Title" on a page


def page_title(title: str, entry: Entry, notes: list[str]) -> str:
    """A page's title as the chapter file gives it: without the number the page may put
    before it, which the contents holds (a note says so where the page's number is not the
    entry's)."""
    numbered = PAGE_NUMBER_RE.match(title.strip())
    if numbered is None or normalise(numbered.group(2)) != normalise(entry.title):
        return title
    if numbered.group(1) != entry.number:
        where = f"is now {entry.number}" if entry.number else "has no number now"
        notes.append(f"the page gives the chapter the number {numbered.group(1)}; in the "
                     f"contents it {where}")
    return numbered.group(2).strip()


class EntryFinder:
    """Finds the contents entry a title, a link's text or an address names; None if unsure."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.by_number: dict[str, Entry] = {}
        self.exact: dict[str, list[Entry]] = {}
        self.loose: dict[str, list[Entry]] = {}
        self.by_id: dict[str, Entry] = {}
        for entry in entries:
            if entry.kind == "see_also":
                continue  # a See also has no text of its own to link to
            self.by_id[entry.id] = entry
            if entry.number:
                self.by_number[entry.number] = entry
            self.exact.setdefault(normalise(entry.title), []).append(entry)
            self.loose.setdefault(_loose(entry.title), []).append(entry)

    def page(self, title: str) -> Entry | None:
        """The entry a page's title names: the same title, or its number and title. A page
        saved before the contents was renumbered names its old number: its title alone says."""
        numbered = PAGE_NUMBER_RE.match(title.strip())
        if numbered and numbered.group(1) in self.by_number:
            entry = self.by_number[numbered.group(1)]
            if normalise(entry.title) == normalise(numbered.group(2)):
                return entry
        found = self.exact.get(normalise(title), [])
        if not found and numbered:
            found = self.exact.get(normalise(numbered.group(2)), [])
        return found[0] if len(found) == 1 else None

    def reference(self, text: str) -> Entry | None:
        """The entry a link's text names, as loosely as is still unambiguous."""
        entry = self.page(text)
        if entry is not None:
            return entry
        number = re.match(r"^\s*(\d+(?:\.\d+)+)\b", text)
        if number and number.group(1) in self.by_number:
            return self.by_number[number.group(1)]
        found = self.loose.get(_loose(text), []) if _loose(text) else []
        return found[0] if len(found) == 1 else None

    def address(self, href: str) -> Entry | None:
        """The entry whose id an address's page name spells ("staying-put-policy.html")."""
        stem = Path(urlsplit(href).path).stem.lower()
        stem = re.sub(r"^p_", "", stem)
        return self.by_id.get(re.sub(r"[^a-z0-9]+", "-", stem).strip("-"))


def no_entry_message(path: Path, title: str, finder: EntryFinder) -> str:
    numbered = PAGE_NUMBER_RE.match(title.strip())
    # a number the page gives that is neither entry's (it moved) says nothing of which it is
    bare = numbered.group(2).strip() if numbered else title
    same = finder.exact.get(normalise(bare), [])
    if len(same) > 1:
        # the contents lists the title twice: which one the page is, only its number says
        numbers = ", ".join(entry.number or entry.id for entry in same)
        given = (f"; the page's own number, {numbered.group(1)}, is neither of them"
                 if numbered else "")
        return (f'{path}: the page title "{bare}" is the title of {len(same)} entries of the '
                f"contents ({numbers}){given}; put the chapter's number before the title where "
                f'the page gives it ("{same[0].number or ""} {bare}"), then import it again')
    return (f'{path}: the page title "{title}" matches no entry of the contents; '
            "import the contents page first, or check the title")
