"""How much a chapter's text may hold before the reader declines to show it.

A chapter is converted and laid out on the window's own thread, so a text that takes long to
read freezes the window. Some shapes cost far more than their size: Qt lays out nested tables
in time that doubles with each level (22 levels of a 20 KB file: minutes), and wide tables,
long lists and deep nesting cost more than in proportion; Python-Markdown reads on from every
"[" to its "]" and from every "<" to its ">", so thousands left open take seconds, and lists
nested thousands deep exhaust Python's recursion. Each limit here is far above what any
procedure chapter holds and far below where a page takes a noticeable time to show (the
figures beside each were measured on the project's 2-core build machine). The checks count;
they never time anything, so a page is shown or declined alike on every computer.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

# a chapter file's size on disk, judged before it is read: the manual's chapter is 15 KB, a long
# one about 100 KB as text. A file of 50 MB took 180 MB of memory and half a second to be
# declined by the checks below once read, converted into lists of lines and searched.
MAX_CHAPTER_BYTES = 4 * 1024 * 1024
# the chapter text's HTML; the page around it adds one table at most (a box)
MAX_TABLE_DEPTH = 8  # 12 deep: 0.5 s, and each level more doubles it
MAX_LIST_DEPTH = 20  # a list 20 levels in is already indented past half the page
MAX_QUOTE_DEPTH = 20
MAX_ELEMENT_DEPTH = 100  # any elements within each other: 5,000 spans took 2 s
MAX_TABLE_COLUMNS = 100  # 3,000 columns: 0.3 s, 10,000: 9 s
MAX_TABLE_CELLS = 4_000  # on one page: 10,000 cells took 1.3 to 2 s
MAX_LIST_ITEMS = 1_000  # in one list: 5,000 items took 0.9 s
# text inside tables, each character counted twice for each table around it: Qt lays out a
# cell's text again for each table that holds it (200 KB in 8 levels: 20 s)
MAX_TABLE_TEXT = 2_000_000
# tables set beside the text (float, align): Qt places each against all before it (400: 0.1 s,
# 3,000: 36 s)
MAX_FLOATING_TABLES = 200
MAX_PAGE_LIST_ITEMS = 5_000  # in all lists: 20 lists of 900 items took 1.2 s
MAX_IMAGES = 500  # 4,600 of one picture took 1 s to lay out, 7,500 missing ones 3.9 s
# characters in a row without a space, outside tags: Qt's line breaking takes the square of
# it (50,000: 0.5 s, 100,000: 2 s; in a heading 3.5 s)
MAX_WORD_LENGTH = 10_000
# characters of text and attributes once abbreviations, link references and footnotes are
# filled in: one abbreviation or link address used 100,000 times made a page of 1 GB, 15 s to
# write and 20 s to lay out. A long real chapter has about 100,000.
MAX_PAGE_CHARACTERS = 2_000_000
# Python-Markdown takes more than in proportion over these (measured: 4,000 headings 0.6 s and
# 20,000 13 s; 100,000 "*" 2.6 s; 20,000 lines without a blank one 5 s)
MAX_HEADINGS = 1_000
MAX_INLINE_MARKS = 20_000  # "*", "_" and "`": emphasis and code
MAX_PARAGRAPH_LINES = 1_000  # a list or a table without a blank line is one paragraph too
# runs of lines between blank lines: 26,000 short paragraphs took 0.8 s, 34,000 "<hr>" 2 s
# (a long chapter has a few hundred)
MAX_BLOCKS = 10_000
# each "[TOC]" is a copy of the chapter's table of its headings
MAX_CONTENTS_MARKERS = 10
# references and notes: 6,000 footnotes took 1.8 s; each reference to a note already referred
# to is checked against every one before it (1,000 to one note: 0.5 s, 4,000: 8 s)
MAX_FOOTNOTE_MARKS = 2_000
MAX_FOOTNOTE_REFERENCES = 300  # to one note
# characters Python-Markdown reads again from every "[" (and link "(") to its close, in one
# paragraph: about 0.2 s a million; 10,000 "[" left open are 50 million
MAX_BRACKET_READING = 1_000_000
# characters Python's HTML parser reads again from every "<" of a tag to its ">": about
# 0.04 s a million; 10,000 tags left open are 150 million
MAX_TAG_READING = 5_000_000

# lists and quotes nested past their limits, found in the Markdown before it is converted:
# Python-Markdown takes far more than the square of their depth (a list nested 300 lines deep:
# 0.4 s, 500: 1.5 s, 1,000: 11 s; quotes 1,000 deep: 2.6 s), and the HTML is counted after.
# Only a line that may pass a limit is read closely: one indented 10 levels (40 spaces) or
# holding 11 list marks or 21 quote marks, which no chapter of the manual comes near.
# Patterns as text, compiled (and kept by `re`) when a chapter is first checked: this module
# is loaded at start, and compiling them there cost the first paint about 0.4 ms.
LIST_MARK = r"(?:[-+*]|\d{1,9}[.)])[ \t]+"
MAYBE_DEEP_LINE = (
    rf"(?m)^(?:(?:[ ]{{4}}|[ ]{{0,3}}\t){{{MAX_LIST_DEPTH // 2}}}[ \t]*{LIST_MARK}"
    rf"|[ \t]*(?:{LIST_MARK}){{{MAX_LIST_DEPTH // 2 + 1}}}|(?:[ \t]*>){{{MAX_QUOTE_DEPTH + 1}}})")
LIST_ITEM_LINE = rf"(?P<indent>[ ]*)(?P<marks>(?:{LIST_MARK})+)(?=\S)"
QUOTE_MARKS = r"(?:[ ]{0,3}>[ ]?)+"
FENCE_LINE = r"(?:`{3,}|~{3,})"
RULE_LINE = r"[ ]{0,3}(?:[-*_][ \t]*){3,}"

NESTED_TOO_DEEP = (
    "parts nested too deep for the Markdown converter to follow (such as lists, quotes or "
    "emphasis hundreds of levels deep)"
)

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# "# Title" lines, also in quotes and list items, the "===" or "---" lines under a title (a
# "---" rule counts too: a count to stay under, not an exact one), and lines that start with an
# HTML heading, which the converter makes a heading of the page as well (html_headings.py)
HEADING_LINE = re.compile(
    r"^[ \t]*(?:(?:>|[-+*]|\d+[.)])[ \t]*)*"
    r"(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|<[hH][1-6](?=[\s>]))", re.M)
CONTENTS_MARKER = re.compile(r"^[ \t]*\[TOC\][ \t]*$", re.M)
FOOTNOTE_MARK = re.compile(r"\[\^([^\]\n]*)\]")
INLINE_MARKS = "*_`"
BRACKET = re.compile(r"[\[\]()]")
TAG_START = re.compile(r"<[a-zA-Z]")
# a comment runs to its end or, left open, to the end of the text (as Qt reads it); either way
# one match, so the scan stays in proportion to the text
HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9]*+)(?P<attrs>[^<>]*+)>", re.S)
FLOATING = re.compile(r"""\bfloat\s*:\s*(?:left|right)|\balign\s*=\s*["']?\s*(?:left|right)""",
                      re.I)
COLSPAN = re.compile(r"""\bcolspan\s*=\s*["']?\s*(\d+)""", re.I)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})
# elements whose end tag HTML lets a writer leave out: an open one is not nesting
END_OPTIONAL = frozenset({"html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th",
                          "thead", "tbody", "tfoot", "colgroup", "caption", "option",
                          "optgroup", "rt", "rp"})
LISTS = frozenset({"ul", "ol"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# from the start of a word only (after a space or a tag), so each character is read once
LONG_WORD = re.compile(rf"(?<![^\s>])\S{{{MAX_WORD_LENGTH + 1}}}\S*")


class PageTooComplex(Exception):
    """A chapter text the reader declines to convert or show; says why in plain words."""

    def __init__(self, reason: str, line: int | None = None, *, kind: str | None = None,
                 at: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line  # in the Markdown text, 1-based, where the check can tell
        self.kind = kind  # which count passed its limit: its words, without the number
        self.at = at  # where in the HTML checked it passed the limit, where known


def file_too_large(size: int) -> str | None:
    """Why a chapter file of `size` bytes is not read, or None if it may be."""
    if size <= MAX_CHAPTER_BYTES:
        return None
    return (f"the file is {size / 2**20:.1f} MB ({size:,} bytes); the reader reads chapter "
            f"files of at most {MAX_CHAPTER_BYTES // 2**20} MB ({MAX_CHAPTER_BYTES:,} bytes)")


def check_markdown(text: str) -> None:
    """Raise PageTooComplex for Markdown that would take Python-Markdown long to convert."""
    # each at the line of the first one past the limit, looked for only once it is passed
    _over("{:,} headings", len(HEADING_LINE.findall(text)), MAX_HEADINGS,
          lambda: _line_of_match(text, HEADING_LINE.finditer(text), MAX_HEADINGS))
    # counted by str's own search where a pattern is not needed: a pattern tried at every
    # character of a long chapter took 1.5 ms each
    _over('{:,} emphasis or code marks ("*", "_" or "`")', sum(map(text.count, INLINE_MARKS)),
          MAX_INLINE_MARKS,
          lambda: _line_of_match(text, re.finditer("[*_`]", text), MAX_INLINE_MARKS))
    markers = len(CONTENTS_MARKER.findall(text)) if "[TOC]" in text else 0
    _over('{:,} tables of contents ("[TOC]")', markers, MAX_CONTENTS_MARKERS,
          lambda: _line_of_match(text, CONTENTS_MARKER.finditer(text), MAX_CONTENTS_MARKERS))
    _check_footnotes(text)
    # the block past the limit starts where the break before it ends
    _over("{:,} paragraphs and other blocks (lines between blank lines)",
          len(PARAGRAPH_BREAK.findall(text)) + 1, MAX_BLOCKS,
          lambda: _line_of_match(text, PARAGRAPH_BREAK.finditer(text), MAX_BLOCKS - 1, end=True))
    _check_paragraph_lines(text)
    if re.search(MAYBE_DEEP_LINE, text):
        _check_nesting(text)
    _check_brackets(text)
    _check_tag_starts(text)


def _check_footnotes(text: str) -> None:
    marks = Counter(FOOTNOTE_MARK.findall(text))
    _over('{:,} footnote references and notes ("[^")', marks.total(), MAX_FOOTNOTE_MARKS,
          lambda: _line_of_match(text, FOOTNOTE_MARK.finditer(text), MAX_FOOTNOTE_MARKS))
    if marks:
        label, found = marks.most_common(1)[0]
        found -= 1  # the note itself, where it is written
        if found > MAX_FOOTNOTE_REFERENCES:
            # the note itself is "[^label]:", wherever it is written; the rest refer to it
            references = (mark for mark in FOOTNOTE_MARK.finditer(text)
                          if mark[1] == label and not text.startswith(":", mark.end()))
            raise PageTooComplex(f'{found:,} references to footnote "{label}"; the reader shows '
                                 f"at most {MAX_FOOTNOTE_REFERENCES:,} to one note",
                                 _line_of_match(text, references, MAX_FOOTNOTE_REFERENCES))


def _line_of_match(text: str, matches: Iterator[re.Match[str]], limit: int,
                   end: bool = False) -> int | None:
    """The line of the match past the limit (its end's, with `end`), if there is one."""
    past = next(islice(matches, limit, None), None)
    return None if past is None else _line_at(text, past.end() if end else past.start())


def _line_at(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def check_tree(root: ET.Element) -> None:
    """Raise PageTooComplex for a converted chapter whose HTML would be long to write.

    Counted on the tree, before it is written out: a text held once and used many times
    (an abbreviation's title, a link reference's address) costs nothing until then.
    """
    characters = 0
    for element in root.iter():
        characters += len(element.text or "") + len(element.tail or "")
        characters += sum(len(value) for value in element.attrib.values())
    _over("{:,} characters once abbreviations, link references and footnotes are filled in",
          characters, MAX_PAGE_CHARACTERS)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Where each run of lines without a blank one starts and ends."""
    start = 0
    for paragraph_break in PARAGRAPH_BREAK.finditer(text):
        yield start, paragraph_break.start()
        start = paragraph_break.end()
    yield start, len(text)


def _check_paragraph_lines(text: str) -> None:
    for start, end in _paragraphs(text):
        lines = text.count("\n", start, end) + (not text.endswith("\n", start, end))
        if lines > MAX_PARAGRAPH_LINES:
            raise PageTooComplex(
                f"{lines:,} lines without a blank line between them; the reader reads at most "
                f"{MAX_PARAGRAPH_LINES:,}", text.count("\n", 0, start) + 1)


def _check_nesting(text: str) -> None:
    """Lists and quotes nested past their limits, at the first line past one.

    Counted as Python-Markdown nests them, never deeper: a list item nests in the item on the
    nearest line before it indented one level (4 spaces) less, and holds one list for each of
    its marks ("- - text" is two lists deep); a line's quote marks are its quotes. A line of
    fenced code, an item indented further than that, or a line in no list starts nothing (it
    may be code), and a line that is not an item, not indented, ends the lists.
    """
    fence, quote_marks, rule, list_item = (re.compile(pattern) for pattern in (
        FENCE_LINE, QUOTE_MARKS, RULE_LINE, LIST_ITEM_LINE))
    items: list[tuple[int, int]] = []  # each open list item: its level, the lists it is in
    deepest_list = deepest_quote = 0
    list_line = quote_line = 0
    fenced = False
    for number, raw in enumerate(text.splitlines(), 1):
        if fence.match(raw):
            fenced, items = not fenced, []
            continue
        if fenced or not raw.strip():
            continue
        line = raw.expandtabs(4)
        quotes = quote_marks.match(line)
        depth = quotes[0].count(">") if quotes else 0
        if depth > deepest_quote:
            deepest_quote = depth
            quote_line = quote_line or (number if depth > MAX_QUOTE_DEPTH else 0)
        item = None if rule.fullmatch(line) else list_item.match(line)
        if item is None:
            if not line.startswith(" "):
                items = []  # a paragraph, heading or quote of its own: the lists have ended
            continue
        level = len(item["indent"]) // 4
        while items and items[-1][0] >= level:
            items.pop()
        if level > (items[-1][0] + 1 if items else 0):
            continue  # indented past a level: code in an item, or code of its own
        depth = (items[-1][1] if items else 0) + len(re.findall(LIST_MARK, item["marks"]))
        items.append((level, depth))
        if depth > deepest_list:
            deepest_list = depth
            list_line = list_line or (number if depth > MAX_LIST_DEPTH else 0)
    for what, found, limit, line in (("lists", deepest_list, MAX_LIST_DEPTH, list_line),
                                     ("quotes", deepest_quote, MAX_QUOTE_DEPTH, quote_line)):
        if found > limit:
            raise PageTooComplex(f"{what} nested {found:,} deep; the reader shows at most "
                                 f"{limit:,}", line)


def _check_brackets(text: str) -> None:
    """Every "[" is read on to its "]", and every link's "(" to its ")", within a paragraph."""
    for start, end in _paragraphs(text):
        # without a square bracket there is nothing to read on from, nor a link's "(": most
        # paragraphs, passed over without reading their marks one by one
        if text.find("[", start, end) != -1 or text.find("]", start, end) != -1:
            _check_paragraph_brackets(text, start, end)


def _check_paragraph_brackets(text: str, start: int, end: int) -> None:
    squares: list[int] = []
    parens: list[tuple[int, bool]] = []  # where each "(" is, and whether it opens a link
    reading = deepest = closed = 0
    for mark in BRACKET.finditer(text, start, end):
        at, char = mark.start(), mark.group()
        if char == "[":
            squares.append(at)
            deepest = max(deepest, len(squares))
        elif char == "]" and squares:
            reading += at - squares.pop()
            closed += 1
        elif char == "(":
            parens.append((at, at > start and text[at - 1] == "]"))
        elif char == ")" and parens:
            opened, link = parens.pop()
            reading += at - opened if link else 0
    open_links = [at for at, link in parens if link]
    reading += sum(end - at for at in squares) + sum(end - at for at in open_links)
    if reading <= MAX_BRACKET_READING:
        return
    if squares:
        what = f'{len(squares):,} "[" never closed by "]"'
    elif open_links:
        what = f'{len(open_links):,} links whose "(" is never closed by ")"'
    elif deepest > 1:
        what = f"square brackets nested {deepest:,} deep"
    else:  # each closed, none inside another: only their length together is too much
        what = f"{closed:,} links and bracketed passages, too long together,"
    raise PageTooComplex(f"{what} in one paragraph", text.count("\n", 0, start) + 1)


def _check_tag_starts(text: str) -> None:
    """Every "<" that starts a tag is read on to the next ">"."""
    starts = [mark.start() for mark in TAG_START.finditer(text)]
    reading = unclosed = 0
    first_unclosed = None
    for at, following in zip(starts, [*starts[1:], len(text)], strict=False):
        # within the next tag at most, so the search is in proportion to the text
        if text.find(">", at, following) == -1:
            unclosed += 1
            first_unclosed = at if first_unclosed is None else first_unclosed
            if reading <= MAX_TAG_READING:  # past it, the sum is not needed
                close = text.find(">", following)
                reading += (close if close != -1 else len(text)) - at
    if reading > MAX_TAG_READING:
        # the first left open, where an editor starts looking
        raise PageTooComplex(f'{unclosed:,} tags whose "<" is never closed by ">"',
                             _line_at(text, first_unclosed or 0))


DEPTH_LIMITS = {"table": MAX_TABLE_DEPTH, "list": MAX_LIST_DEPTH, "quote": MAX_QUOTE_DEPTH,
                "any": MAX_ELEMENT_DEPTH}


@dataclass
class _Table:
    columns: int = 0  # in the row being read


def check_html(html: str) -> None:
    """Raise PageTooComplex for HTML that Qt would take long to lay out."""
    depth = {"table": 0, "list": 0, "quote": 0, "any": 0}
    deepest = dict(depth)
    tables: list[_Table] = []
    lists: list[int] = []  # items so far in each open list
    widest = cells = longest = items = headings = images = word = table_text = floating = 0
    open_by_name: Counter[str] = Counter()
    # where each count first passed its limit: the Markdown's line is looked for from there
    passed: dict[str, int] = {}
    text_start = 0
    for token in HTML_TOKEN.finditer(html):
        if token.start() - text_start > MAX_WORD_LENGTH:  # a shorter text has no longer word
            long_word = LONG_WORD.search(html, text_start, token.start())
            if long_word:
                passed.setdefault("word", long_word.start())
            word = max(word, len(long_word[0]) if long_word else 0)
        if depth["table"]:
            table_text += (token.start() - text_start) << min(depth["table"], 30)
            if table_text > MAX_TABLE_TEXT:
                passed.setdefault("table_text", token.start())
        text_start = token.end()
        name = (token["name"] or "").lower()
        if not name:
            continue  # a comment
        opening = not token["close"]
        kinds = ["any"] if name not in VOID and name not in END_OPTIONAL else []
        if name == "table":
            kinds.append("table")
        elif name in LISTS:
            kinds.append("list")
        elif name == "blockquote":
            kinds.append("quote")
        if opening and token["attrs"].rstrip().endswith("/"):
            continue  # written as self-closing: nothing stays open
        if opening:
            open_by_name[name] += 1
        elif open_by_name[name]:
            open_by_name[name] -= 1
        else:
            continue  # closes nothing open ("<b>x</i>"): Qt passes over it, and so does this
        for kind in kinds:
            depth[kind] = depth[kind] + 1 if opening else max(0, depth[kind] - 1)
            deepest[kind] = max(deepest[kind], depth[kind])
            if depth[kind] > DEPTH_LIMITS[kind]:
                passed.setdefault(kind, token.start())
        if name == "table":
            if opening:
                tables.append(_Table())
                floating += bool(FLOATING.search(token["attrs"]))
                if floating > MAX_FLOATING_TABLES:
                    passed.setdefault("floating", token.start())
            elif tables:
                tables.pop()
        elif name in LISTS:
            if opening:
                lists.append(0)
            elif lists:
                lists.pop()
        elif opening and name == "li" and lists:
            lists[-1] += 1
            longest = max(longest, lists[-1])
            items += 1
            if longest > MAX_LIST_ITEMS:
                passed.setdefault("longest", token.start())
            if items > MAX_PAGE_LIST_ITEMS:
                passed.setdefault("items", token.start())
        elif opening and name in HEADINGS:
            headings += 1
            if headings > MAX_HEADINGS:
                passed.setdefault("headings", token.start())
        elif opening and name == "img":
            images += 1
            if images > MAX_IMAGES:
                passed.setdefault("images", token.start())
        elif opening and name == "tr" and tables:
            tables[-1].columns = 0
        elif opening and name in ("td", "th"):
            cells += 1
            if cells > MAX_TABLE_CELLS:
                passed.setdefault("cells", token.start())
            if tables:
                span = COLSPAN.search(token["attrs"])
                tables[-1].columns += max(1, int(span[1][:6])) if span else 1
                widest = max(widest, tables[-1].columns)
                if widest > MAX_TABLE_COLUMNS:
                    passed.setdefault("widest", token.start())
    _over("tables nested {:,} deep", deepest["table"], MAX_TABLE_DEPTH, at=passed.get("table"))
    _over("lists nested {:,} deep", deepest["list"], MAX_LIST_DEPTH, at=passed.get("list"))
    _over("quotes nested {:,} deep", deepest["quote"], MAX_QUOTE_DEPTH, at=passed.get("quote"))
    _over("elements nested {:,} deep", deepest["any"], MAX_ELEMENT_DEPTH, at=passed.get("any"))
    _over("a table {:,} columns wide", widest, MAX_TABLE_COLUMNS, at=passed.get("widest"))
    _over("{:,} table cells", cells, MAX_TABLE_CELLS, at=passed.get("cells"))
    _over("a list of {:,} items", longest, MAX_LIST_ITEMS, at=passed.get("longest"))
    _over("{:,} list items", items, MAX_PAGE_LIST_ITEMS, at=passed.get("items"))
    _over("{:,} headings", headings, MAX_HEADINGS, at=passed.get("headings"))
    _over("{:,} characters of text inside tables within tables (each level in counts twice)",
          table_text, MAX_TABLE_TEXT, at=passed.get("table_text"))
    _over("{:,} images", images, MAX_IMAGES, at=passed.get("images"))
    _over("{:,} tables set beside the text", floating, MAX_FLOATING_TABLES,
          at=passed.get("floating"))
    long_word = LONG_WORD.search(html, text_start)
    if long_word:
        passed.setdefault("word", long_word.start())
    word = max(word, len(long_word[0]) if long_word else 0)
    _over("a word of {:,} characters without a space", word, MAX_WORD_LENGTH,
          at=passed.get("word"))


def _over(what: str, found: int, limit: int,
          line: Callable[[], int | None] | None = None, at: int | None = None) -> None:
    """Raise PageTooComplex if `found` is past `limit`; `line` says where, asked only then."""
    if found > limit:
        raise PageTooComplex(f"{what.format(found)}; the reader shows at most {limit:,}",
                             line() if line else None, kind=what, at=at)


def locate_in_markdown(declined: PageTooComplex, text: str) -> PageTooComplex:
    """A page declined for its HTML, with the line of the Markdown where the same limit is
    passed, where that is HTML the chapter holds as written (tables, spans, long words)."""
    try:
        check_html(text)
    except PageTooComplex as found:
        if found.kind == declined.kind and found.at is not None:
            return PageTooComplex(declined.reason, _line_at(text, found.at),
                                  kind=declined.kind, at=declined.at)
    return declined
