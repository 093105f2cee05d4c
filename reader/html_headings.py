"""Headings a chapter writes as HTML (`<h2>Title</h2>`) made headings of the Markdown's own.

Python-Markdown passes a block of HTML through untouched, so such a heading was shown but was
not in the outline nor searched as a heading, and had no anchor for the outline or a "#" link
to go to. Made an element of the converted tree before the table of contents is read, it is
given its anchor (its own id, else the one its words make) and listed as a Markdown heading is.
Only a heading that is a whole block of HTML, or that wraps a whole paragraph of a list item or
quote, is taken; one inside other HTML (a `<div>`, a table's cell) stays part of that HTML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from reader.render import tag_attributes

_START_TAG = (r"<h(?P<level>[1-6])(?P<attrs>(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'"
              r"|[^\s\"'=<>`]+))?)*)\s*>")
_END_TAG = r"</h(?P=level)\s*>"
# a block of HTML that is one heading and nothing else
WHOLE_HEADING_RE = re.compile(rf"\s*{_START_TAG}(?P<inner>.*){_END_TAG}\s*", re.I | re.S)
START_TAG_RE = re.compile(rf"\s*{_START_TAG}\s*", re.I)
END_TAG_RE = re.compile(r"\s*</h(?P<level>[1-6])\s*>\s*", re.I)
ANY_HEADING_TAG_RE = re.compile(r"</?h[1-6]\b", re.I)
ENDING_PLACEHOLDER_RE = re.compile(HTML_PLACEHOLDER_RE.pattern + r"\Z")
# what Python-Markdown keeps of the HTML it passes through: text, or a tree (md_in_html)
Stash = list[str | ET.Element]


class HtmlHeadings(Treeprocessor):
    """Turns the HTML that stands for a heading into a heading element."""

    def run(self, root: ET.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        if not stash:
            return  # no HTML in the chapter, as most: nothing to look through
        # a list item's own text too: a tight list's items hold no paragraph
        held = [element for element in root.iter()
                if element.tag in ("p", "li") and (element.text or "").startswith("\x02")]
        for element in held:
            if (element.tag == "p" and len(element) == 0
                    and (index := _stashed(element.text or "", stash)) is not None):
                self._whole(element, index, stash)
            else:
                self._wrapped(element, stash)

    def _whole(self, paragraph: ET.Element, index: int, stash: Stash) -> None:
        """`<p>placeholder</p>` where the placeholder holds a whole heading."""
        held = stash[index]
        found = WHOLE_HEADING_RE.fullmatch(held) if isinstance(held, str) else None
        if found is None or ANY_HEADING_TAG_RE.search(found["inner"]):
            return
        paragraph.tag = f"h{found['level']}"
        paragraph.attrib.update(_attributes(found["level"], found["attrs"]))
        stash[index] = found["inner"]  # the heading's words, put back in place as HTML

    def _wrapped(self, element: ET.Element, stash: Stash) -> None:
        """A paragraph or list item between `<hN>` and `</hN>`, each a placeholder of its own:
        in a list or a quote, Python-Markdown reads HTML as part of the text."""
        text = element.text or ""
        first = HTML_PLACEHOLDER_RE.match(text)
        if first is None:
            return
        owner = element[-1] if len(element) else None
        last_text = (owner.tail or "") if owner is not None else text[first.end():]
        last = _last_placeholder(last_text)
        held = [int(found[1]) for piece in element.itertext()
                for found in HTML_PLACEHOLDER_RE.finditer(piece)]
        if last is None or max(held) >= len(stash):
            return
        start = START_TAG_RE.fullmatch(str(stash[held[0]]))
        end = END_TAG_RE.fullmatch(str(stash[held[-1]]))
        if start is None or end is None or start["level"] != end["level"] or any(
                ANY_HEADING_TAG_RE.search(str(stash[index])) for index in held[1:-1]):
            return
        if owner is None:
            element.text = last_text[:last.start()]
        else:
            element.text = text[first.end():]
            owner.tail = last_text[:last.start()]
        heading = element
        if element.tag == "li":  # the heading inside the item, as the HTML has it
            heading = ET.Element("h")
            heading.text, element.text = element.text, None
            for child in list(element):
                element.remove(child)
                heading.append(child)
            element.append(heading)
        heading.tag = f"h{start['level']}"
        heading.attrib.update(_attributes(start["level"], start["attrs"]))


def _stashed(text: str, stash: Stash) -> int | None:
    """The stash index of a text that is one placeholder and nothing else."""
    found = HTML_PLACEHOLDER_RE.fullmatch(text)
    if found is None or int(found[1]) >= len(stash):
        return None
    return int(found[1])


def _last_placeholder(text: str) -> re.Match[str] | None:
    """The placeholder that ends a text, if one does."""
    return ENDING_PLACEHOLDER_RE.search(text)


def _attributes(level: str, attrs: str) -> dict[str, str]:
    """A heading's attributes as written, but an empty id, which would leave the outline's
    row nowhere to go to: the heading is given one of its words instead."""
    attributes = tag_attributes(f"<h{level}{attrs}>") if attrs.strip() else {}
    if not attributes.get("id", "").strip():
        attributes.pop("id", None)
    return attributes


class HtmlHeadingsExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # after the inline patterns (20), before the page's size is counted (6) and the
        # table of contents gives each heading its id (5)
        md.treeprocessors.register(HtmlHeadings(md), "reader_html_headings", 7)
