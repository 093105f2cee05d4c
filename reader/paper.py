"""A page's HTML as it should read on paper or in a PDF that leaves the app.

On screen, a link to another chapter opens it in the reader; on paper it cannot, and in a PDF
it would be a dead "chapter:" address. So such links become their text, followed by the
chapter's number where the text does not give it, so a reader of the printout can find it.
A web link keeps working in a PDF, and on paper its address is printed beside its text.
"""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import urlsplit

from reader.manual import Manual
from reader.render import CHAPTER_SCHEME, html_to_text

WEB_SCHEMES = ("http", "https", "mailto")
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S | re.I)
_HREF = re.compile(r'\bhref="([^"]*)"', re.I)
_EXTERNAL_MARK = re.compile(r'<span class="external-mark">.*?</span>', re.S)


def paper_html(html: str, manual: Manual) -> str:
    """`html` with the reader's own links made text and web addresses written out."""
    return _ANCHOR.sub(lambda anchor: _on_paper(anchor, manual), html)


def _on_paper(anchor: re.Match[str], manual: Manual) -> str:
    found = _HREF.search(anchor[1])
    href = unescape(found[1]) if found else ""
    inner = _EXTERNAL_MARK.sub("", anchor[2])  # the arrow means "leaves the app": no use here
    text = html_to_text(inner).strip()
    scheme = urlsplit(href).scheme.lower()
    if scheme in WEB_SCHEMES:
        address = href.removeprefix("mailto:")
        shown = "" if address.rstrip("/") in text else f" ({escape(address)})"
        return f'<a href="{escape(href)}">{inner}</a>{shown}'
    if scheme == CHAPTER_SCHEME:
        entry = manual.find(href.partition(":")[2])
        if entry is not None and entry.kind == "see_also" and entry.target:
            entry = manual.find(entry.target) or entry  # the number to turn to is its chapter's
        if entry is not None and entry.number and not text.startswith(entry.number):
            return f"{inner} ({escape(entry.number)})"
    return inner
