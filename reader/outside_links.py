"""Which of a page's addresses may leave the app: web pages and email, nothing else.

A chapter comes from a content pack that could be tampered with, so a link may name a file,
a network share or a script as well as a web page. Only http, https and mailto addresses are
handed to the system (the browser, the mail program) or kept live in a PDF.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

LEAVING_SCHEMES = ("http", "https", "mailto")
# what a mail program may be told beside the address: some also take "attach=/path/to/file"
# and would attach a person's private file to the new message, unasked
MAIL_FIELDS = ("to", "cc", "bcc", "subject", "body")


def outside_address(href: str) -> str | None:
    """The address to hand to the browser or mail program, or None if it must not leave."""
    try:
        scheme = urlsplit(href.strip()).scheme.lower()
    except ValueError:  # e.g. an unclosed "[" where a web address names its host
        return None
    if scheme not in LEAVING_SCHEMES:
        return None
    return mail_address(href.strip()) if scheme == "mailto" else href.strip()


def mail_address(href: str) -> str:
    """A mailto: address with only the fields a mail program fills in, no attachments."""
    before, _, query = href.partition("#")[0].partition("?")
    kept = [field for field in query.split("&")
            if unquote(field.partition("=")[0]).strip().lower() in MAIL_FIELDS]
    return f"{before}?{'&'.join(kept)}" if kept else before


def shown_address(url: str) -> str:
    """A web address as people write it: "derbycsc.proceduresonline.com". A page breaks its
    line after "https://", which the bare form does not have; the link keeps the whole."""
    return re.sub(r"^https?://", "", url.strip().rstrip("/"), flags=re.I)


def leaving_hint(href: str) -> str:
    """What a link that leaves the app does when clicked, for its tooltip and the status bar."""
    program = "email program" if href.lower().startswith("mailto:") else "web browser"
    return f"Opens in your {program}: {href}"
