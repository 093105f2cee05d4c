"""The page a tab shows for a chapter or section that the edition now read no longer has.

A tab put back from the last session, or left open while a content update was installed, may
name a chapter the new edition removed. It says so, in place of the chapter: a start page in
its stead would leave the person wondering where their chapter went. A section is found again
by its title where the new edition renumbered it; only one that is not there at all is gone.
"""

from __future__ import annotations

from html import escape

from reader.bookmarks import MISSING_PREFIX
from reader.edition import capitalised, edition_phrase
from reader.manual import Manual
from reader.render import PAGE_SCHEME, SCREEN_ONLY, SECTION_SCHEME, Page, online_manual_link
from reader.section_refs import section_label, section_title


def gone_page(manual: Manual, label: str) -> Page:
    """`label`: the chapter's number and title as the edition that had it gave them."""
    return _gone(manual, label, "chapter", "or merged it into another chapter")


def gone_section_page(manual: Manual, number: str, title: str) -> Page:
    """A section as the edition that had it numbered and titled it ("" if not kept)."""
    now = section_title(manual, number)
    # the number may now be another section's: said, so that it is not taken for this one
    instead = "" if now is None else (
        f"<p>In this edition, {escape(number)} is "
        f'<a class="internal" href="{SECTION_SCHEME}:{escape(number)}">'
        f"{escape(section_label(number, now))}</a>.</p>")
    return _gone(manual, section_label(number, title), "section",
                 "renamed it, or moved its chapters into other sections", instead)


def _gone(manual: Manual, label: str, what: str, or_else: str, extra: str = "") -> Page:
    info = manual.info
    html = f"""
<h1>{escape(label)}</h1>
<p class="lead"><b>This {what} is not in the {escape(edition_phrase(info.edition))}.</b>
<span class="{SCREEN_ONLY}">It was in the edition this tab was opened in. </span>The manual
may have withdrawn it, {or_else}.</p>
{extra}
<p><span class="{SCREEN_ONLY}">Search (Ctrl+K) finds where its subject is covered now;
<a class="internal" href="{PAGE_SCHEME}:whats-new">What's new in this edition</a> lists the
chapters the manual marks New or Updated. </span>
{capitalised(online_manual_link(info.online_url))} is the authoritative version.</p>
"""
    return Page(title=f"{MISSING_PREFIX} {label}", html=html, own_page=True)
