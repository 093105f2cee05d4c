"""Links to a place in another chapter (`chapter:ID#anchor`), checked for validate against
the anchors of the chapter they open.

Validate gathers each chapter's links and anchors as it converts the chapter, and checks the
links once all are read: a link may name a place in a chapter converted later. Keeping every
chapter's anchors costs about 1% of validate's time on a manual ten times the size; converting
the chapters linked to again, at the end, doubled it where every chapter had such a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote

from reader.chapter_file import ChapterSource
from reader.html_checks import PageAnchors, missing_anchor
from reader.manual import Entry, Manual
from reader.render import CHAPTER_SCHEME

# a link the Markdown made: the chapter resolved to its id, the anchor as written
_PLACE_LINK_RE = re.compile(rf'href="{CHAPTER_SCHEME}:([^"#]+)#([^"]+)"')


@dataclass(frozen=True, eq=False)
class PlaceLink:
    """A link of one chapter to a place in another."""

    source: ChapterSource
    target: str  # the entry's id, as the link resolved
    anchor: str  # as the pane looks it up: entities and %-escapes undone


def place_links(source: ChapterSource, html: str) -> list[PlaceLink]:
    """The links of a chapter's HTML to a place in another chapter, each once."""
    if f"{CHAPTER_SCHEME}:" not in html:
        return []
    found = dict.fromkeys((unescape(match[1]), unquote(unescape(match[2])))
                          for match in _PLACE_LINK_RE.finditer(html))
    return [PlaceLink(source, target, anchor) for target, anchor in found]


def place_link_problems(manual: Manual, anchors: dict[str, PageAnchors],
                        links: list[PlaceLink]) -> list[tuple[ChapterSource, list[int], str]]:
    """The links that name a place the chapter they open does not have: the chapter file,
    the lines that write the link and what is wrong. `anchors`: each chapter's shown, by id.

    A chapter whose text this edition does not hold opens its "not included" page, with the
    online address: its anchors cannot be known, and the link is no fault of the edition, so
    nothing is said (a later edition that holds the text is checked then). Nor is anything
    said of a link to a chapter not shown (too large, too complex): its own problem is."""
    found = []
    for link in links:
        linked = manual.find(link.target)
        entry = _opened(manual, linked)
        if linked is None or entry is None:
            continue
        held = anchors.get(entry.id)
        if held is None or held.has(link.anchor):
            continue
        hint = missing_anchor(link.anchor, link.anchor, held).hint
        found.append((link.source, _lines_of(link, linked),
                       f'link to "#{link.anchor}" in {entry.label} opens that chapter at its '
                       f'top: no heading or other part of it has the id "{link.anchor}"{hint}'))
    return found


def _opened(manual: Manual, entry: Entry | None) -> Entry | None:
    """The entry a link to `entry` opens: a See also opens the chapter it names."""
    if entry is not None and entry.kind == "see_also" and entry.target:
        target = manual.find(entry.target)
        return target if target is not None and target.kind != "see_also" else None
    return entry


def _lines_of(link: PlaceLink, linked: Entry) -> list[int]:
    """The lines of the chapter file that write the link, by the id or the number."""
    names = [re.escape(linked.id)] + ([re.escape(linked.number)] if linked.number else [])
    written = re.compile(rf"{CHAPTER_SCHEME}:(?i:{'|'.join(names)})#{re.escape(link.anchor)}"
                         r"(?![\w-])")
    source = link.source
    return [source.body_first_line + offset
            for offset, text in enumerate(source.body.splitlines()) if written.search(text)]
