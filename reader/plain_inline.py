"""Text with nothing in it for Markdown's inline patterns is passed over by them.

Python-Markdown tries each of its inline patterns (emphasis, links, code, ...) on every piece
of text, each a call and a search: for the 720 cells of three tables of 40 rows that was nearly half
the chapter's conversion, and cells of plain words have nothing for any of them to find. A
text none of the patterns could match is marked to be passed over before the inline step and
is plain text again after it, so abbreviations, the contents and the checks read it as before.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import STX, AtomicString

# what each of the converter's inline patterns needs in a text to match anywhere in it: one
# of these strings
NEEDS = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[",), "reference": ("[",),
    "link": ("[",), "image_link": ("[",), "image_reference": ("[",),
    "short_reference": ("[",), "short_image_ref": ("[",), "autolink": ("<",),
    "automail": ("<",), "html": ("<",), "entity": ("&",), "em_strong": ("*", "_"),
    "linebreak": ("  \n",),
}
# STX starts a placeholder Markdown put in the text itself: that text goes the usual way
MAY_MATCH = re.compile("|".join(
    re.escape(need) for need in sorted({STX, *(need for needs in NEEDS.values()
                                               for need in needs)})))
INLINE_STEP = 20  # the priority of Markdown's own inline treeprocessor


class _Plain(AtomicString):
    """A text passed over by the inline patterns, to be plain text again after them."""


class _MarkPlain(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        patterns = self.md.inlinePatterns
        # a pattern not known here (another extension's, a later Markdown's) may match
        # anything: then every text goes through them all
        if len(patterns) != sum(name in patterns for name in NEEDS):
            return
        for element in root.iter():
            text, tail = element.text, element.tail
            if text and not isinstance(text, AtomicString) and not MAY_MATCH.search(text):
                element.text = _Plain(text)
            if tail and not isinstance(tail, AtomicString) and not MAY_MATCH.search(tail):
                element.tail = _Plain(tail)


class _UnmarkPlain(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if isinstance(element.text, _Plain):
                element.text = str(element.text)
            if isinstance(element.tail, _Plain):
                element.tail = str(element.tail)


class PlainInlineExtension(markdown.Extension):
    """Passes plain text by the inline patterns; register it with every other extension."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_MarkPlain(md), "reader_mark_plain", INLINE_STEP + 0.5)
        md.treeprocessors.register(_UnmarkPlain(md), "reader_unmark_plain", INLINE_STEP - 0.5)
