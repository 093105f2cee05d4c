"""Faults of a chapter that Markdown passes without a word, found in its converted HTML for
validate: a link "#anchor" that names no place of the page, and an HTML element left open.

Both are looked for with a quick scan first (a page link at all, more start tags than end
tags), so the chapters that have neither, almost all, cost a regular expression each.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

from reader.chapter_file import ChapterSource
from reader.manual import Problem
from reader.render import goes_to_top, tag_attributes

_VALUE = r"""(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
_PAGE_LINK_RE = re.compile(rf"<a\s[^<>]*?\bhref\s*=\s*{_VALUE}", re.I)
# the quick look for one: an attribute's value starting "#" (a regular expression that
# starts with a plain "=" is found by a fast scan; "href" without regard to case was 20 times
# slower: 6% of validate's time on chapters with no links)
_ANY_PAGE_LINK_RE = re.compile(r"""=\s*["']?#""")
# a start tag giving a place a name: Qt's pane goes to any element's id, and to <a name>
_NAMING_TAG_RE = re.compile(r"<[a-zA-Z][^<>]*\s(?:id|name)\s*=[^<>]*>", re.I)
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# elements that have no end tag
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"))
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_CODE_SPAN_RE = re.compile(r"(`+).+?\1")
_FENCE_RE = re.compile(r"\s*(`{3,}|~{3,})")


@dataclass(frozen=True)
class MissingAnchor:
    """A link "#anchor" whose anchor no element of the page has."""

    anchor: str  # as the pane looks it up: entities and %-escapes undone
    written: str  # as the HTML has it, to find its line by
    near: str | None  # the page's anchor most like it, if one is
    near_heading: str | None  # that anchor's heading's words, if it is a heading's

    @property
    def hint(self) -> str:
        """What to write instead, said after the problem: "; did you mean ..."."""
        if self.near is None:
            return ("; a heading's anchor is the id written on it, or else its words in lower "
                    'case joined by "-"')
        words = f' (the heading "{self.near_heading}")' if self.near_heading else ""
        return f'; did you mean "#{self.near}"{words}?'


def missing_anchors(html: str, anchors: PageAnchors) -> list[MissingAnchor]:
    """Each anchor the page's links name (once each, in order) that no element has;
    `anchors` are the page's (page_anchors)."""
    if not _ANY_PAGE_LINK_RE.search(html):
        return []  # no link within the page, as most chapters
    named: dict[str, str] = {}
    for link in _PAGE_LINK_RE.finditer(html):
        written = unescape(next(value for value in link.groups() if value is not None))
        if written.startswith("#") and len(written) > 1:  # "#" alone goes to the top
            named.setdefault(unquote(written[1:]), written)
    if not named:
        return []
    return [missing_anchor(anchor, written, anchors) for anchor, written in named.items()
            if not anchors.has(anchor)]


@dataclass(frozen=True)
class PageAnchors:
    """The places of a page a link can go to, and the words of those that are headings."""

    ids: frozenset[str]
    titles: dict[str, str]  # a heading's anchor: its words

    def has(self, anchor: str) -> bool:
        return anchor in self.ids or goes_to_top(anchor)  # "#top": the pane goes to the top


def page_anchors(html: str, headings: list[dict[str, Any]]) -> PageAnchors:
    """The anchors of a page's HTML; `headings` are its table of contents' tokens."""
    return PageAnchors(frozenset(_ids(html)),
                       {token["id"]: unescape(token["name"]) for token in _flattened(headings)})


def missing_anchor(anchor: str, written: str, anchors: PageAnchors) -> MissingAnchor:
    """A link's anchor no place of the page has, with the page's anchor most like it."""
    import difflib  # only for a link that goes nowhere

    near = difflib.get_close_matches(anchor, list(anchors.ids), n=1, cutoff=0.6)
    return MissingAnchor(anchor, written, near[0] if near else None,
                         anchors.titles.get(near[0]) if near else None)


def _ids(html: str) -> set[str]:
    ids = set()
    for tag in _NAMING_TAG_RE.finditer(html):
        attributes = tag_attributes(tag[0])
        if "id" in attributes:
            ids.add(attributes["id"])
        if "name" in attributes and tag[0][1:2].lower() == "a" and tag[0][2:3].isspace():
            ids.add(attributes["name"])
    return ids


def _flattened(tokens: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for token in tokens:
        yield token
        yield from _flattened(token.get("children", ()))


@dataclass(frozen=True)
class OpenElement:
    """An HTML element whose end tag is not written where it is needed."""

    tag: str
    line: int | None  # in the text parsed, from 1; None where it cannot be found
    closed_by: str | None  # the element whose end closed it; None: open to the page's end


class _OpenElements(HTMLParser):
    """Follows start and end tags as Python-Markdown does for a block of HTML: an end tag
    closes the last element of its name and all opened after it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.found: list[OpenElement] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # "<div/>" opens nothing

    def handle_endtag(self, tag: str) -> None:
        index = next((index for index in range(len(self.stack) - 1, -1, -1)
                      if self.stack[index][0] == tag), None)
        if index is None:
            return  # an end tag with no start: it closes nothing, changes nothing shown
        # a heading closed only by its parent's end: its type runs on to that end. Other
        # elements may be closed so (<li>, <p>, <td>): HTML lets their end tags be left out
        self.found += [OpenElement(name, line, tag) for name, line in self.stack[index + 1:]
                       if name in HEADINGS]
        del self.stack[index:]

    def open_elements(self, every: bool) -> list[OpenElement]:
        """Headings left open, and the first element still open at the end (the one that
        takes the rest of the page as its HTML), or `every` one still open, in the order
        they start."""
        left = [OpenElement(name, line, None) for index, (name, line) in enumerate(self.stack)
                if every or index == 0 or name in HEADINGS]
        return sorted(self.found + left, key=lambda element: element.line)


def open_elements(html: str, markdown: str) -> list[OpenElement]:
    """The elements the converted `html` leaves open, each at its line in `markdown`."""
    if not _more_starts_than_ends(html):
        return []
    in_html = _parsed(html, every=False)
    if not in_html:
        return []
    # the lines are found in the Markdown, read as HTML with its code blanked out (a "<h2>"
    # shown as code opens nothing); it may find more open than the HTML has ("<https://x>"),
    # so each element of the HTML is matched to the first open in the Markdown by its name
    in_markdown = _parsed(_code_blanked(markdown), every=True)
    located = []
    for element in in_html:
        match = next((candidate for candidate in in_markdown if candidate.tag == element.tag),
                     None)
        if match is not None:
            in_markdown.remove(match)
        located.append(OpenElement(element.tag, match.line if match else None, element.closed_by))
    return located


def open_element_problems(source: ChapterSource, html: str) -> list[Problem]:
    """HTML elements an editor left open (a heading pasted without its end tag), at their
    lines: Markdown takes all that follows as the element's HTML, and the pane shows it so,
    so the page says it as validate does."""
    found = []
    for element in open_elements(html, source.body):
        tag = element.tag
        if element.closed_by is not None:
            why = (f'the text after it, to the end of the "<{element.closed_by}>" it is in, '
                   "shows in its type")
        elif tag in HEADINGS:
            why = "the rest of the chapter shows in its type and its Markdown as written"
        else:
            why = ("the rest of the chapter shows its Markdown as written (## headings, lists, "
                   "links)")
        line = None if element.line is None else source.body_first_line + element.line - 1
        found.append(Problem(source.path, line, f'HTML element "<{tag}>" is not closed, so '
                             f'{why}; add "</{tag}>" where it ends'))
    return found


def _more_starts_than_ends(html: str) -> bool:
    starts: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    for slash, name in _TAG_RE.findall(html):
        (ends if slash else starts)[name.lower()] += 1
    return any(count > ends[name] for name, count in starts.items() if name not in _VOID)


def _parsed(text: str, every: bool) -> list[OpenElement]:
    parser = _OpenElements()
    parser.feed(text)
    parser.close()
    return parser.open_elements(every)


def _code_blanked(markdown: str) -> str:
    """The Markdown with fenced code and code spans written as spaces, its lines kept."""
    lines = []
    fence: str | None = None
    for line in markdown.split("\n"):
        opening = _FENCE_RE.match(line)
        if fence is not None:
            if opening and opening[1].startswith(fence):
                fence = None
            lines.append("")
        elif opening:
            fence = opening[1]
            lines.append("")
        else:
            lines.append(_CODE_SPAN_RE.sub(lambda span: " " * len(span[0]), line))
    return "\n".join(lines)
