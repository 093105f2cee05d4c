"""A page saved from the online manual, as HTML: its main content with the site's chrome gone.

Shared by the contents and chapter importers. Beautiful Soup is imported on first use only:
the reader itself never needs it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reader.text_encoding import decode_utf16, is_utf16

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

# Elements that are the site around the manual, never the manual.
CHROME_TAGS = (
    "script", "style", "noscript", "template", "iframe", "form", "button", "input", "select",
    "textarea", "header", "footer", "nav", "aside", "link", "meta",
)
CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "menu"}
# A class or id token that names chrome: "skip-link", "site-logo", "breadcrumbs", "navbar" ...
CHROME_TOKEN = re.compile(
    r"^(?:.*[-_])?(skip|logo|breadcrumbs?|nav|navbar|navigation|menu|cookies?|print|share|"
    r"search|sidebar|toolbar|quick-?links|quicklinks|site-header|site-footer|masthead)"
    r"(?:[-_].*)?$",
    re.I,
)
CHROME_TEXTS = {"skip to content", "skip to main content", "company logo", "derby logo"}
# Table parts and headings carry content even when a class name sounds like chrome.
NEVER_CHROME = {"table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
HTML_SNIFF = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|div|p)\b",
                        re.I | re.S)
SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)", re.I)
# A page of the online manual saved whole is well under 1 MB. Reading takes more than in
# proportion to size (4 MB of chapter HTML: 5 s; 50 MB ran minutes and took a gigabyte), so a
# file far past that is a wrong file, not a page to wait for.
MAX_PAGE_BYTES = 10_000_000


class NotAPage(ValueError):
    """A file that cannot be a page saved from the manual; the message says why."""


class PageTooLarge(NotAPage):
    """A file too large to be a saved page of the manual; the message says its size."""


def looks_like_html(text: str) -> bool:
    """True for a page saved as HTML, false for one saved as text."""
    return bool(HTML_SNIFF.match(text[:4096]))


def read_page_text(path: Path) -> str:
    """A saved page's text: HTML in the encoding it declares, text as UTF-8 (else Windows-1252).

    Raises OSError if the file cannot be read, NotAPage if it cannot be a page of the manual
    (PageTooLarge: far too large for one).
    """
    with path.open("rb") as handle:
        data = handle.read(MAX_PAGE_BYTES + 1)  # a device or pipe named by mistake ends too
    if len(data) > MAX_PAGE_BYTES:
        raise PageTooLarge(
            f"the file is larger than {MAX_PAGE_BYTES // 1_000_000} MB, far larger than any "
            "page of the manual; is it the right file? Nothing was imported from it")
    if is_utf16(data):  # Notepad's "Unicode", and some browsers' "Save as text"
        return decode_utf16(data).removeprefix("\ufeff")
    if b"\x00" in data[:65536]:
        # no text or HTML page holds a NUL byte: its "title" would be a line of binary noise
        raise NotAPage("it is not a saved page but a binary file (a Word document, a PDF, a "
                       "picture?); save the page from the browser as HTML or as text")
    sniffed = data[:4096].decode("utf-8", errors="replace")
    if looks_like_html(sniffed):
        from bs4.dammit import UnicodeDammit

        decoded = UnicodeDammit(data, is_html=True).unicode_markup
        if decoded is not None:
            return decoded
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # what Windows tools save text as


def parse_page(html: str) -> BeautifulSoup:
    from bs4 import BeautifulSoup

    # the standard library's parser: no compiled dependency, and it copes with tag soup
    soup = BeautifulSoup(html, "html.parser")
    close_implied_ends(soup)
    return soup


# The end tags HTML lets a page leave out: an item, a definition, a cell or a row ends where
# the next one starts. The standard library's parser does not know it and puts each in the one
# before, which ran a list's items together on one line and made a table's cells one cell.
# Each: the elements a start tag closes, and those it stops at (the start of its own list).
IMPLIED_ENDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "thead", "tbody", "tfoot"})),
}


def close_implied_ends(soup: BeautifulSoup) -> None:
    """Move each item, cell or row that the parser nested in the one before to follow it,
    as a browser shows it; what came after it in the same element goes with it."""
    for element in soup.find_all(list(IMPLIED_ENDS)):
        closes, stops = IMPLIED_ENDS[element.name]
        top = None
        holder = element.find_parent(closes | stops)
        while holder is not None and holder.name in closes:
            top, holder = holder, holder.find_parent(closes | stops)
        if top is None:
            continue
        anchor = top
        for moved in [element, *element.find_next_siblings()]:
            anchor.insert_after(moved)  # insert_after takes it from where it was
            anchor = moved


# Elements a page may leave open that the parser lets hold the blocks after them: a heading
# (a browser ends it at the next heading; the parser, at the end of the page), a paragraph (a
# browser ends it where a block starts) and a run of words (<b>Note: with no </b>)
_HOLDS_NO_BLOCK = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "b", "strong", "i",
                             "em", "u", "s", "span", "font", "small", "big", "sup", "sub",
                             "label", "abbr", "cite", "q", "mark", "strike", "tt"))
_BLOCKS = frozenset(("p", "div", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5",
                     "h6", "figure", "blockquote", "pre", "section", "article", "aside", "nav",
                     "header", "footer", "form", "address", "details", "fieldset", "hr"))


def close_open_elements(root: Tag) -> list[Tag]:
    """End each heading, paragraph or run of words the page left open where the first block
    inside it starts: it and what follows it move out to follow the element (and any such
    element it is in). Without it, an <h2> with no </h2> made the rest of the chapter one
    heading. Returns the headings and runs of words ended so; a paragraph a block ends is
    ended so in a browser too."""
    from bs4 import Tag

    ended = []
    for element in root.find_all(list(_HOLDS_NO_BLOCK)):
        block = next((child for child in element.children
                      if isinstance(child, Tag) and child.name in _BLOCKS), None)
        if block is None:
            continue
        top = element
        while top.parent is not None and top.parent is not root and \
                top.parent.name in _HOLDS_NO_BLOCK:
            top = top.parent
        anchor = top
        for moved in [block, *block.next_siblings]:  # its words too, not only its elements
            anchor.insert_after(moved)
            anchor = moved
        if element.name != "p":
            ended.append(element)
    return ended


def page_address(soup: BeautifulSoup, html: str) -> str | None:
    """The address the page was saved from, where the saved file says so."""
    base = soup.find("base", href=True)
    if base is not None:
        return str(base["href"])
    canonical = soup.find("link", rel="canonical", href=True)
    if canonical is not None:
        return str(canonical["href"])
    og_url = soup.find("meta", property="og:url", content=True)
    if og_url is not None:
        return str(og_url["content"])
    saved = SAVED_FROM.search(html[:2048])
    return saved.group(1) if saved else None


def main_content(soup: BeautifulSoup) -> Tag:
    """The element that holds the page's own content, with the chrome inside it removed."""
    from bs4 import Tag

    root = (
        soup.find("main")
        or soup.find(attrs={"role": "main"})
        or soup.find(id="content")
        or soup.find("article")
        or soup.body
        or soup
    )
    assert isinstance(root, Tag)
    remove_chrome(root)
    return root


def remove_chrome(root: Tag) -> None:
    """Drop skip links, logos, navigation, scripts and the like from inside `root`."""
    from bs4 import Tag

    for tag in root.find_all(CHROME_TAGS):
        tag.decompose()
    # the site's logo comes before the chapter's title: a picture named "...logo" in the
    # chapter's own text (a service's or a partner's) is part of the chapter
    title = root.find("h1")
    above_title = {id(img) for img in title.find_all_previous("img")} if title else None
    for tag in list(root.find_all(True)):
        if not isinstance(tag, Tag) or tag.decomposed or tag.name in NEVER_CHROME:
            continue
        if _is_chrome(tag, above_title):
            tag.decompose()


def _is_chrome(tag: Tag, above_title: set[int] | None) -> bool:
    """`above_title`: the ids of the images before the chapter's title; None without one."""
    if str(tag.get("role", "")).lower() in CHROME_ROLES:
        return True
    tokens = [*tag.get("class", []), str(tag.get("id", ""))]
    if any(token and CHROME_TOKEN.match(token) for token in tokens):
        return True
    if tag.name == "img":
        alt = str(tag.get("alt", "")).strip().lower()
        named_logo = "logo" in str(tag.get("src", "")).lower()
        return alt in CHROME_TEXTS or (
            named_logo and (above_title is None or id(tag) in above_title))
    if tag.name == "a":
        return tag.get_text(" ", strip=True).lower() in CHROME_TEXTS
    return False
