"""The page a tab shows for a chapter that the edition now read no longer has.

A tab put back from the last session, or left open while a content update was installed, may
name a chapter the new edition removed. It says so, in place of the chapter: a start page in
its stead would leave the person wondering where their chapter went.
"""

from __future__ import annotations

from html import escape

from reader.bookmarks import MISSING_PREFIX
from reader.edition import capitalised, edition_phrase
from reader.manual import Manual
from reader.render import PAGE_SCHEME, Page, online_manual_link


def gone_page(manual: Manual, label: str) -> Page:
    """`label`: the chapter's number and title as the edition that had it gave them."""
    info = manual.info
    html = f"""
<h1>{escape(label)}</h1>
<p class="lead"><b>This chapter is not in the {escape(edition_phrase(info.edition))}.</b>
It was in the edition this tab was opened in; the manual may have withdrawn it, or merged it
into another chapter.</p>
<p>Search (Ctrl+K) finds where its subject is covered now;
<a class="internal" href="{PAGE_SCHEME}:whats-new">What's new in this edition</a> lists the
chapters the manual marks New or Updated. {capitalised(online_manual_link(info.online_url))}
is the authoritative version.</p>
"""
    return Page(title=f"{MISSING_PREFIX} {label}", html=html)
