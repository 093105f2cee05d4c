"""A page's HTML as it should read on paper or in a PDF that leaves the app.

On screen, a link to another chapter opens it in the reader; on paper it cannot, and in a PDF
it would be a dead "chapter:" address. So such links become their text, followed by the
chapter's number where the text does not give it, so a reader of the printout can find it.
A web link keeps working in a PDF, and on paper its address is printed beside its text.
A link to a heading of the same page says which heading, unless its text does; a footnote's
arrow back to the text is left out. Any other link (a file, a network share, a script) becomes
its text: a PDF passed on must not open a file or a share on the machine of whoever clicks it.

The reader's own pages mark what tells a person how to drive the window (keys, tabs, links to
open next) as screen-only: paper leaves it out.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import unquote

from reader.manual import Manual
from reader.outside_links import outside_address, shown_address
from reader.render import CHAPTER_SCHEME, SCREEN_ONLY, html_to_text

_EXTERNAL_MARK = re.compile(r'<span class="external-mark">.*?</span>', re.S)
# what a tag or attribute may be called to be written out again: a parser reads "<p<a" as a
# tag named "p<a", which, written back, Qt would read as an anchor
_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
_ENDS_IN_SPACE = re.compile(r"\s(?:<[^<>]*>)*\Z")  # before any closing tags: "x </b>"
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
FOOTNOTE_BACK = "footnote-backref"  # Python-Markdown's class for a note's arrow back


def paper_html(html: str, manual: Manual, *, own_page: bool = False) -> str:
    """`html` with the reader's own links made text and web addresses written out; of the
    reader's `own_page` (`Page.own_page`), the parts marked SCREEN_ONLY are left out."""
    headings = _HeadingNames()
    headings.feed(html)
    headings.close()
    writer = _PaperWriter(manual, own_page, headings.names)
    writer.feed(html)
    writer.close()
    return writer.result()


class _HeadingNames(HTMLParser):
    """The text of each heading of a page that has an id, by its id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: dict[str, str] = {}
        self.open: tuple[str, str, list[str]] | None = None  # tag, id, text so far

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ids = [value for name, value in attrs if name == "id" and value]
        if tag in _HEADINGS and ids and self.open is None:
            self.open = (tag, ids[-1], [])

    def handle_endtag(self, tag: str) -> None:
        if self.open is not None and tag == self.open[0]:
            name = " ".join("".join(self.open[2]).split())
            if name:
                self.names.setdefault(self.open[1], name)
            self.open = None

    def handle_data(self, data: str) -> None:
        if self.open is not None:
            self.open[2].append(data)


class _PaperWriter(HTMLParser):
    """Writes the page out again tag by tag, every anchor as the paper has it.

    Regular expressions over the HTML missed anchors written unusually (nested, two href
    attributes, single or no quotes): those kept a file: address live in the PDF. Parsed, then
    written out with quoted attributes, the page holds no anchor but the ones written here.
    """

    def __init__(self, manual: Manual, own_page: bool, headings: dict[str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.manual = manual
        self.own_page = own_page
        self.headings = headings
        self.out: list[str] = []
        self.anchor: tuple[str, list[str]] | None = None  # the open anchor: href, inner HTML
        self.left_out: tuple[str, int] | None = None  # a screen-only element's tag, its depth

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.left_out is not None:
            if tag == self.left_out[0]:
                self.left_out = (tag, self.left_out[1] + 1)
        elif self.own_page and _has_class(attrs, SCREEN_ONLY):
            self.left_out = (tag, 1)
        elif tag == "a" and _has_class(attrs, FOOTNOTE_BACK):
            self._end_anchor()
            self.left_out = (tag, 1)  # "↩": a click's way back to the text; nothing on paper
        elif tag == "a":
            self._end_anchor()  # an anchor inside an anchor ends the first, as browsers do
            # of two hrefs Qt follows the last: so does paper
            hrefs = [value or "" for name, value in attrs if name == "href"]
            self.anchor = (hrefs[-1] if hrefs else "", [])
        elif _NAME.match(tag):
            self._write(f"<{tag}{_attributes(attrs)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.left_out is not None:
            return
        if tag == "a":
            self._end_anchor()
        elif _NAME.match(tag):
            self._write(f"<{tag}{_attributes(attrs)}/>")

    def handle_endtag(self, tag: str) -> None:
        if self.left_out is not None:
            if tag == self.left_out[0]:
                depth = self.left_out[1] - 1
                self.left_out = (tag, depth) if depth else None
            return
        if tag == "a":
            self._end_anchor()
        elif _NAME.match(tag):
            self._write(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.left_out is None:
            self._write(escape(data, quote=False))

    def _write(self, html: str) -> None:
        (self.anchor[1] if self.anchor is not None else self.out).append(html)

    def _end_anchor(self) -> None:
        if self.anchor is not None:
            href, inner = self.anchor
            self.anchor = None
            self.out.append(_on_paper(href, "".join(inner), self.manual, self.headings))

    def result(self) -> str:
        self._end_anchor()  # an anchor never closed still becomes what paper makes of it
        return "".join(self.out)


def _has_class(attrs: list[tuple[str, str | None]], wanted: str) -> bool:
    return any(name == "class" and wanted in (value or "").split() for name, value in attrs)


def _attributes(attrs: list[tuple[str, str | None]]) -> str:
    return "".join(f' {name}="{escape(value or "")}"' for name, value in attrs
                   if _NAME.match(name))


def _on_paper(href: str, inner: str, manual: Manual, headings: dict[str, str]) -> str:
    inner = _EXTERNAL_MARK.sub("", inner)  # the arrow means "leaves the app": no use here
    text = html_to_text(inner).strip()
    # a space that ends the link's text is the space before the next word: it goes after what
    # paper adds, or "the panel </a>meets" would print as "the panel (7.1)meets"
    after = " " if _ENDS_IN_SPACE.search(inner) else ""
    address = outside_address(href)
    if address is not None:
        # on paper an email's address is what to write to: its subject and text are for a click
        shown = (unquote(address.partition(":")[2].partition("?")[0])
                 if address.lower().startswith("mailto:") else address)
        if _says_address(text, shown):
            return f'<a href="{escape(address)}">{inner}</a>'
        return f'<a href="{escape(address)}">{inner}</a> ({escape(shown)}){after}'
    if href.partition(":")[0].lower() == CHAPTER_SCHEME:
        # a place in it ("chapter:ID#pictures"): the number still says where to turn; its
        # heading's words would take converting that chapter as this one prints
        entry = manual.find(href.partition(":")[2].partition("#")[0])
        if entry is not None and entry.kind == "see_also" and entry.target:
            entry = manual.find(entry.target) or entry  # the number to turn to is its chapter's
        if entry is not None and entry.number and not _says_number(text, entry.number):
            return f"{inner} ({escape(entry.number)}){after}"
    heading = headings.get(unquote(href[1:])) if href.startswith("#") else None
    if heading and heading.casefold() not in text.casefold():
        return f"{inner} (see &quot;{escape(heading)}&quot;){after}"
    return inner


def _says_address(text: str, address: str) -> bool:
    """Whether a link's text gives its address already: "www.gov.uk" says
    "https://www.gov.uk/" as well as the address written in full does."""
    return shown_address(address).casefold() in text.casefold()


def _says_number(text: str, number: str) -> bool:
    """Whether a link's text names the chapter's number anywhere ("see 6.7.6 Staying Put"), as
    a number of its own: 1.1 does not name 1.1.1."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", text) is not None
