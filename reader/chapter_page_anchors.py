"""The places a saved page's links within it go to, kept in the chapter's Markdown.

A heading keeps its id as `{#id}` (chapter_page_html); any other place a link names (a
paragraph's id, an `<a name>` in the text, a footnote) gets an anchor `<a id="..."></a>` where
it starts, which the pane goes to. A link to a place the chapter does not hold (the site's
chrome, an id the page never had) is kept as its words, and a note says so: left a link, it
would go nowhere, and validate would refuse the chapter without the import having said why.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import unquote

from reader.chapter_page import one_line
from reader.render import goes_to_top

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# a mark for the anchor numbered n, written as `<a id>` once markdownify is done: it would
# escape or drop the HTML itself. Letters and figures only, which it leaves as they are
ANCHOR_MARK = "\u2063anchor{}\u2063"
# elements holding other blocks: their anchor goes in a paragraph of its own before them
_CONTAINERS = frozenset(("div", "section", "article", "aside", "table", "thead", "tbody",
                         "tr", "ul", "ol", "dl", "blockquote", "figure", "pre", "nav"))


def keep_link_targets(soup: BeautifulSoup, root: Tag, notes: list[str]) -> list[str]:
    """Mark each place of the page a link "#anchor" in it goes to; returns the anchors, the
    n-th marked ANCHOR_MARK.format(n). A link to no place of the chapter becomes its words."""
    places: dict[str, Tag] = {}
    for element in root.find_all(True):
        for name in ("id", "name") if element.name == "a" else ("id",):
            value = str(element.get(name) or "").strip()
            if value:
                places.setdefault(value, element)
    marked: list[str] = []
    for link in list(root.find_all("a", href=True)):
        href = str(link["href"]).strip()
        if not href.startswith("#"):
            continue
        anchor = unquote(href[1:])
        place = places.get(anchor)
        if place is None:
            if goes_to_top(anchor):
                continue  # the pane goes to the top, as the page did
            text = one_line(link.get_text(" "))
            notes.append(f'link "{text}" ({href}) goes to a place that is not part of the '
                         "chapter; kept as plain text")
            link.unwrap()
            continue
        if place.name in HEADINGS and place.get("id") == anchor:
            continue  # written {#id} with the heading
        if anchor in marked:
            continue
        mark = soup.new_string(ANCHOR_MARK.format(len(marked)))
        marked.append(anchor)
        if place.name == "a" or place.name in HEADINGS:
            place.insert_before(mark)  # an <a name> is unwrapped later: its words stay
        elif place.name in _CONTAINERS:
            paragraph = soup.new_tag("p")
            paragraph.append(mark)
            place.insert_before(paragraph)
        else:
            place.insert(0, mark)
    return marked


def write_anchors(markdown: str, anchors: list[str]) -> str:
    """The Markdown with each place's mark an empty `<a id>`, which the pane goes to."""
    for number, anchor in enumerate(anchors):
        markdown = markdown.replace(ANCHOR_MARK.format(number),
                                    f'<a id="{html.escape(anchor, quote=True)}"></a>')
    return markdown
