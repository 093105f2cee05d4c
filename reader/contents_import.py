"""Contents data from a contents page captured as text from the online manual.

The capture lists sections ("6. Children in Care"), subsections (a bare "6.1" line followed by
its title), numbered chapters with trailing flags ("... Updated", "... - under review"),
unnumbered entries, "See also" lines and page chrome. This turns it into the structure
`content/contents.json` holds.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from reader.manual import CONTENT_FORMAT

CHROME_LINES = {"Derby logo", "Contents", "Quick Links:"}
# Mis-encoded characters seen in captures, and what they stood for.
CAPTURE_MENDS = {"\u0100": " ", "\u00a0": " "}
SECTION_RE = re.compile(r"^(\d+)\.\s+(\S.*)$")
SUBSECTION_RE = re.compile(r"^(\d+\.\d+)$")
NUMBERED_RE = re.compile(r"^(\d+(?:\.\d+)+)\s+(\S.*)$")
TRAILING_FLAG_RE = re.compile(r"\s+(Updated|New)$")
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
    kept = []
    for part in text.split(" - "):
        review = UNDER_REVIEW_RE.match(part.strip())
        if review:
            flags.insert(0, "under_review")
            if review.group(1):
                notes.append(review.group(1).strip())
        elif part.strip().lower().startswith("please "):
            notes.append(part.strip())
        else:
            kept.append(part)
    return " - ".join(kept).strip(), flags, notes


def parse_contents_text(text: str) -> dict[str, Any]:
    """The contents structure from a captured contents page."""
    lines = [mend(line) if line.strip() else "" for line in text.splitlines()]
    raw_lines = text.splitlines()
    sections: list[dict[str, Any]] = []
    container: list[dict[str, Any]] | None = None  # where the next entry goes
    subsection: dict[str, Any] | None = None
    pending_subsection: str | None = None
    in_body = False
    see_also_open = False
    ids: set[str] = set()

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

    for line, raw in zip(lines, raw_lines, strict=True):
        indented = raw[:1].isspace()
        if not line or line in CHROME_LINES or line.startswith("CAPTION:"):
            continue
        section_match = SECTION_RE.match(line)
        if section_match and not indented and not NUMBERED_RE.match(line):
            # the Quick Links list names the sections indented; the body's headings are not
            number, title = section_match.groups()
            in_body = True
            section = {"number": number, "title": title, "items": []}
            sections.append(section)
            container, subsection, see_also_open = section["items"], None, False
            continue
        if not in_body:
            continue
        if SUBSECTION_RE.match(line):
            pending_subsection = line
            continue
        if pending_subsection:
            subsection = {"type": "subsection", "number": pending_subsection, "title": line,
                          "items": []}
            sections[-1]["items"].append(subsection)
            container, pending_subsection, see_also_open = subsection["items"], None, False
            continue
        numbered = NUMBERED_RE.match(line)
        if numbered:
            number, rest = numbered.groups()
            title, flags, notes = split_title(rest)
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
        raise ValueError(f"unrecognised contents line: {line!r}")

    _link_see_also(sections)
    return {"format": CONTENT_FORMAT, "sections": sections}


def _link_see_also(sections: list[dict[str, Any]]) -> None:
    """Point each See also whose title names an entry of this manual at that entry."""
    by_title: dict[str, str] = {}
    for item in _walk(sections):
        if item["type"] in ("chapter", "document"):
            by_title.setdefault(item["title"].lower(), item["id"])
    for item in _walk(sections):
        if item["type"] == "see_also":
            target = by_title.get(item["title"].lower())
            if target:
                item["target"] = target


def _walk(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for section in sections:
        for item in section["items"]:
            if item["type"] == "subsection":
                found.extend(item["items"])
            else:
                found.append(item)
    return found
