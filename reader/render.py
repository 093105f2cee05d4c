"""Pages as HTML strings: chapters (Markdown), chapters whose text is not held, sections, start.

Chapter links are written `[text](chapter:ID)` in the Markdown (`chapter:ID#anchor` for a
place in the chapter); they resolve against the contents here, so a renumbered chapter keeps
its links. The HTML targets the subset of HTML and CSS that QTextBrowser renders (tables for
boxes, spans for badges).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from reader.amendment_notes import AmendmentNotes
from reader.chapter_file import (
    TOO_LARGE,
    ChapterSource,
    read_chapter_file,
    scope_problems,
)
from reader.content_images import image_data
from reader.edition import capitalised, edition_phrase, format_date, online_manual
from reader.manual import Entry, Manual, Problem, Section, Subsection
from reader.outside_links import leaving_hint, shown_address
from reader.page_limits import PageTooComplex

if TYPE_CHECKING:
    from pathlib import Path

    from reader.chapter_markdown import ChapterMarkdown

CHAPTER_SCHEME = "chapter"
SECTION_SCHEME = "section"
PAGE_SCHEME = "page"  # the reader's own pages: page:start, page:whats-new
EXTERNAL_MARK = "\u2197"  # north-east arrow: "leaves the app"
# the class of a part of the reader's own pages that tells how to drive the window (keys, tabs,
# links to open next): paper leaves it out
SCREEN_ONLY = "screen-only"
CHANGES_IN_BOX = 25  # about a screenful: see _changes_box
LIST_RUN = 100  # items in one HTML list at most: see bullet_list
SCOPE_OPEN = '<div class="scope">'  # what the chapter file's scope block becomes
DIV_TAG_RE = re.compile(r"<(/?)div\b[^>]*>")
BOX_HEADING_RE = re.compile(r'\s*<h([1-6])(?: id="(?P<anchor>[^"]*)")?>(?P<text>.*?)</h\1>', re.S)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Page:
    """A rendered page: what the window shows and what the CLI prints."""

    title: str
    html: str
    entry_id: str | None = None
    headings: tuple[Heading, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    # written by the reader, not the manual: only here does SCREEN_ONLY mark what paper leaves
    # out (a chapter's own HTML may use the class name for something else)
    own_page: bool = False


def goes_to_top(anchor: str) -> bool:
    """Whether a link "#anchor" of a page that names no place "anchor" goes to the page's
    top: "#" and "#top" do in a browser, and a saved page's "Back to top" links are written
    so."""
    return not anchor or anchor.lower() == "top"


def badges_html(entry: Entry) -> str:
    # text inside the badge, never colour alone
    # a badge never breaks over two lines ("Under / review")
    return " ".join(
        f'<span class="badge badge-{flag}">&nbsp;{escape(label).replace(" ", "&nbsp;")}&nbsp;'
        "</span>"
        for flag, label in zip(entry.flags, entry.flag_labels, strict=True)
    )


def notes_html(notes: tuple[str, ...]) -> str:
    """An entry's notes under it in a list: they say where to turn instead ("please refer
    to: Adoption East Midlands") or whom to ask."""
    return "".join(f"<br/><i>Note: {escape(note)}</i>" for note in notes)


def chapter_href(entry: Entry, anchor: str = "") -> str:
    """A link to a chapter, or with `anchor` to a place in it: `chapter:ID#anchor`."""
    return f"{CHAPTER_SCHEME}:{entry.id}" + (f"#{anchor}" if anchor else "")


CONVERSIONS_KEPT = 20  # chapters' HTML kept by a renderer: a few megabytes at most


class ChapterRenderer:
    """Renders the pages of one manual; keeps one Markdown converter for speed."""

    def __init__(self, manual: Manual) -> None:
        self.manual = manual
        self._converter: ChapterMarkdown | None = None
        self._amendments = AmendmentNotes(manual)
        # the last texts converted, by their Markdown, the latest last: a chapter opened again
        # (Back, another tab) is not converted again, most of the time its opening took
        self._converted: dict[str, tuple[str, list[dict[str, Any]], list[str]]] = {}

    def markdown_to_html(self, text: str) -> tuple[str, list[dict[str, Any]], list[str]]:
        """HTML, the heading tokens and the link problems of a Markdown text.

        Raises PageTooComplex for a text the reader declines to show (see page_limits).
        """
        if (converted := self._converted.pop(text, None)) is None:
            if self._converter is None:
                # imported on first use: the start page needs no Markdown, and start-up time
                # counts
                from reader.chapter_markdown import ChapterMarkdown

                self._converter = ChapterMarkdown(self.manual.find)
            converted = self._converter.convert(text)
            if len(self._converted) >= CONVERSIONS_KEPT:
                del self._converted[next(iter(self._converted))]  # the one used longest ago
        self._converted[text] = converted
        html, headings, problems = converted
        return html, headings, list(problems)

    def page_for(self, entry: Entry) -> Page:
        """The page a contents entry opens: its chapter, or what we know of it."""
        if entry.kind == "see_also" and entry.target:
            target = self.manual.find(entry.target)
            # one step only: a See also that names another See also is a content fault
            # (validate says so), and two that name each other would never end
            if target is not None and target.kind != "see_also":
                entry = target
        if entry.file:
            source = read_chapter_file(self.manual.root / entry.file)
            if source.too_large is not None:
                why = (f"Its file in the content folder, {escape(entry.file)}, is "
                       f"{TOO_LARGE}: {escape(source.too_large)}.")
                return self._notice_page(entry, "The text of this chapter cannot be shown here.",
                                         why, source.problems)
            if source.body.strip():
                try:
                    return self._chapter_page(entry, source)
                except PageTooComplex as exc:
                    return self._too_complex_page(entry, source, exc)
            return self._not_included_page(entry, source.problems)
        return self._not_included_page(entry, ())

    def _chapter_page(self, entry: Entry, source: ChapterSource) -> Page:
        body, toc_tokens, link_messages = self.markdown_to_html(source.body)
        # said where the chapter is read too, not only by validate: a broken scope block
        # changes what the page shows
        problems = [*source.problems, *scope_problems(source)]
        problems += [Problem(source.path, None, message) for message in link_messages]
        from reader.html_checks import open_element_problems  # once a chapter is opened

        # an HTML heading left open shows the rest of the page in its type: said as is the scope
        problems += open_element_problems(source, body)
        body, unshown = unshown_pictures(body, self.manual.root)
        problems += [Problem(source.path, None, message) for _src, message in unshown]
        meta = []
        if source.last_updated:
            meta.append(f"Last updated {format_date(source.last_updated)}")
        if source.version:
            meta.append(f"Version {escape(source.version)}")
        parts = [self._heading(entry), self._where(entry)]
        if meta or entry.flags:
            parts.append(f'<p class="meta">{" · ".join(meta)} {badges_html(entry)}</p>')
        parts += self._notes(entry)
        scope, body = split_scope(body)
        headings = _flatten_headings(toc_tokens)
        if scope:
            scope, titled = _titled_box(scope)
            # a box's title, as the amendment box has: not a heading of the chapter's text
            headings = [heading for heading in headings if heading.anchor != titled]
            parts.append(_box("scope", scope))
        # as in the manual: the scope, then the amendment, then the chapter itself
        if source.amendment or source.amended:
            parts.append(self._amendment_box(source))
        parts.append(body)
        parts.append(self._footer(source))
        return Page(
            title=entry.label,
            html="\n".join(parts),
            entry_id=entry.id,
            headings=tuple(headings),
            problems=tuple(problems),
        )

    def _not_included_page(self, entry: Entry, problems: tuple[Problem, ...]) -> Page:
        what = {
            "chapter": "The text of this chapter is not included in this offline edition.",
            "document": "The text of this document is not included in this offline edition.",
            "see_also": "This is a reference to a document outside this manual; "
            "its text is not included in this offline edition.",
        }[entry.kind]
        if problems:
            # the file was named but could not be read: say so rather than "not included"
            what = "The text of this chapter could not be read from the content folder."
        return self._notice_page(entry, what, "", problems)

    def _too_complex_page(self, entry: Entry, source: ChapterSource,
                          exc: PageTooComplex) -> Page:
        """A chapter whose text would freeze the window: why it is not shown, and where to
        read it instead."""
        why = ("Its file in the content folder holds more than the reader can show in a "
               f"moment: {escape(exc.reason)}.")
        # why the text is not shown comes first: it is the one the status bar names
        return self._notice_page(entry, "The text of this chapter cannot be shown here.", why,
                                 (too_complex_problem(source, exc), *source.problems))

    def _notice_page(self, entry: Entry, what: str, why: str,
                     problems: tuple[Problem, ...]) -> Page:
        """An entry's page without its text: its place, what is wrong, the online manual."""
        url = escape(self.manual.info.online_url)
        parts = [self._heading(entry), self._where(entry)]
        # no address where manual.json gave none: an empty link would lead nowhere
        link = f": {online_link(url)}" if url else ""
        if entry.flags:
            parts.append(f'<p class="meta">{badges_html(entry)}</p>')
        parts += self._notes(entry)
        # a See also names a document outside the manual: the online manual does not hold
        # its text, only a link to it in its contents
        follow = ("Its link is in the online manual's contents" if entry.kind == "see_also"
                  else "Read it in the online manual")
        notice = (
            f"<p><b>{what}</b></p>"
            + (f"<p>{why}</p>" if why else "")
            + f"<p>{follow}{link}.</p>"
        )
        parts.append(_box("notice", notice))
        parts.append(self._siblings(entry))
        return Page(title=entry.label, html="\n".join(parts), entry_id=entry.id,
                    problems=problems)

    def _heading(self, entry: Entry) -> str:
        number = f'<span class="number">{escape(entry.number)}</span> ' if entry.number else ""
        prefix = "See also: " if entry.kind == "see_also" else ""
        return f"<h1>{number}{prefix}{escape(entry.title)}</h1>"

    def _where(self, entry: Entry) -> str:
        return f'<p class="where">{escape(self.manual.where(entry))}</p>'

    def _notes(self, entry: Entry) -> list[str]:
        return [f'<p class="note"><b>Note:</b> {escape(note)}</p>' for note in entry.notes]

    def _amendment_box(self, source: ChapterSource) -> str:
        inner = '<p class="box-title">Amendment</p>'
        if source.amendment:
            inner += f"<p>{escape(source.amendment)}</p>"
        if source.amended:
            inner += f'<p class="box-date">{format_date(source.amended)}</p>'
        return _box("amendment", inner)

    def _footer(self, source: ChapterSource) -> str:
        info = self.manual.info
        bits = []
        if source.last_updated:
            bits.append(f"Last updated {format_date(source.last_updated)}")  # as at the top
        if source.version:
            bits.append(f"Version {escape(source.version)}")
        bits.append(f"{escape(info.title)}, {edition_phrase(info.edition)}")
        return (
            f'<hr/><p class="foot">{" · ".join(bits)}<br/>'
            f"{capitalised(online_manual_link(info.online_url))} is the authoritative version."
            "</p>"
        )

    def _siblings(self, entry: Entry) -> str:
        container: Section | Subsection | None
        if entry.subsection:
            container = self.manual.subsection(entry.subsection)
            heading = f"{container.number} {container.title}" if container else ""
        else:
            container = self.manual.section(entry.section)
            heading = f"{container.number}. {container.title}" if container else ""
        if container is None:
            return ""
        if isinstance(container, Section):
            # an entry of the section itself ("Our Pledge to Children in Care" in 6): its
            # subsections by name, not all their chapters in one list, where a subsection's
            # See also would read as one of the whole section
            items = [_subsection_item(item) if isinstance(item, Subsection)
                     else _entry_item(self.manual, item)
                     for item in container.items
                     if not (isinstance(item, Entry) and item.id == entry.id)]
            lead = ""
        else:
            items = [_entry_item(self.manual, e) for e in container.entries if e.id != entry.id]
            # the manual's words over the list ("In an emergency, please refer to the
            # following procedures:"): a chapter opened from search says them too
            lead = f'<p class="lead">{escape(container.lead)}</p>' if container.lead else ""
        if not items:  # the only entry of its group
            return ""
        return f"<h2>Also in {escape(heading)}</h2>{lead}<ul>{''.join(items)}</ul>"

    def section_page(self, number: str) -> Page | None:
        """A section's or subsection's overview: its entries as links."""
        section = self.manual.section(number)
        if section is not None:
            parts = [f'<h1><span class="number">{escape(number)}.</span> '
                     f"{escape(section.title)}</h1>"]
            loose: list[Entry] = []
            for item in section.items:
                if isinstance(item, Subsection):
                    if loose:
                        parts.append(_entry_list(self.manual, loose))
                        loose = []
                    parts.append(
                        f'<h2><span class="number">{escape(item.number)}</span> '
                        f"{escape(item.title)}</h2>"
                    )
                    if item.lead:
                        parts.append(f'<p class="lead">{escape(item.lead)}</p>')
                    parts.append(_entry_list(self.manual, list(item.entries)))
                else:
                    loose.append(item)
            if loose:
                parts.append(_entry_list(self.manual, loose))
            return Page(title=f"{number}. {section.title}", html="\n".join(parts))
        sub = self.manual.subsection(number)
        if sub is None:
            return None
        parent = self.manual.section(number.split(".")[0])
        parts = [
            f'<h1><span class="number">{escape(sub.number)}</span> {escape(sub.title)}</h1>',
            f'<p class="where">{escape(f"{parent.number}. {parent.title}") if parent else ""}</p>',
        ]
        if sub.lead:
            parts.append(f'<p class="lead">{escape(sub.lead)}</p>')
        parts.append(_entry_list(self.manual, list(sub.entries)))
        return Page(title=f"{sub.number} {sub.title}", html="\n".join(parts))

    def start_page(self) -> Page:
        """The welcome: what the manual is, how current, how to find a chapter."""
        info = self.manual.info
        chapters = self.manual.chapters()
        held = sum(1 for entry in chapters if self.manual.has_text(entry))
        sections = "".join(
            f'<li><a class="internal" href="{SECTION_SCHEME}:{escape(s.number)}">'
            f"{escape(s.number)}. {escape(s.title)}</a></li>"
            for s in self.manual.sections
        )
        online = online_manual_link(info.online_url)
        dated_by = f"Dated by {escape(info.edition_basis)}. " if info.edition_basis else ""
        whose = (f"The procedures of {escape(info.publisher)}'s children's social care services"
                 if info.publisher else "Children's social care procedures")
        html = f"""
<h1>{escape(info.title)}</h1>
<p class="lead">{whose}, for reading on this computer without a network connection.</p>
{_box("edition", f'<p class="box-title">{capitalised(edition_phrase(info.edition))}</p>'
      f"<p>{dated_by}Procedures change a few times a year: "
      f"{online} is the authoritative version.</p>"
      f'<p class="{SCREEN_ONLY}">{_held_sentence(len(chapters), held)}</p>')}
<div class="{SCREEN_ONLY}">
<p><a class="internal" href="{PAGE_SCHEME}:whats-new">What's new in this edition</a>:
the chapters the manual marks New or Updated, and those under review.</p>
<h2>Finding a procedure</h2>
<ul>
<li><b>Search</b> (Ctrl+K) finds words in titles and chapter text as you type, and knows the
field's abbreviations: try <i>s47</i>, <i>sgo</i> or <i>staying put</i>.</li>
<li>Pick a section or chapter in the <b>Contents</b> tree on the left, or type in the
<b>Filter</b> box above it (Ctrl+Shift+F) to narrow the tree by number, title, flag or
note, for example <i>6.4</i>, <i>fostering</i> or <i>updated</i>. Arrow keys move through
the tree.</li>
<li>Keep the chapters you use every week with Ctrl+D: they are listed under
<b>Bookmarks</b>. Ctrl+T opens a new tab; Help &gt; Keyboard shortcuts lists the rest.</li>
</ul>
</div>
<h2>Sections</h2>
<ul>{sections}</ul>
"""
        return Page(title=info.title, html=html, own_page=True)

    def whats_new_page(self, changes: list[str] | None = None) -> Page:
        """Chapters flagged New, Updated or under review, and amendments the text records.

        `changes`: what changed from the edition read before this one (a content update
        installed, or removed), one line each.
        """
        manual = self.manual
        groups = (
            ("New", "new", "Chapters the online manual marks New."),
            ("Updated", "updated", "Chapters the online manual marks Updated."),
            ("Under review", "under_review", "Chapters the online manual marks under review."),
        )
        parts = [
            "<h1>What's new in this edition</h1>",
            f'<p class="lead">{escape(manual.info.title)}, '
            f"{edition_phrase(manual.info.edition)}. The flags come from the online manual's "
            "contents; amendment notes are shown where this edition holds the chapter's "
            "text.</p>",
        ]
        if changes is not None:
            parts += _changes_box(changes, manual)
        for heading, flag, blurb in groups:
            entries = [e for e in manual.entries() if flag in e.flags]
            parts.append(f"<h2>{heading} ({len(entries)})</h2><p>{escape(blurb)}</p>")
            parts.append(self._amended_list(entries))
        listed = {e.id for e in manual.entries() if e.flags}
        amended = [e for e in manual.chapters() if e.id not in listed and self._amendments.of(e)]
        if amended:
            parts.append(f"<h2>Other amended chapters ({len(amended)})</h2>"
                         "<p>Chapters held in this edition whose text records an amendment.</p>")
            parts.append(self._amended_list(amended))
        return Page(title="What's new", html="\n".join(parts))

    def _amended_list(self, entries: list[Entry]) -> str:
        items = []
        for entry in entries:
            extra = ""  # the entry's notes are in every list item already
            source = self._amendments.of(entry)
            if source is not None:
                note = escape(source.amendment or "Amended")
                when = f" ({format_date(source.amended)})" if source.amended else ""
                extra += f'<br/><span class="amended">Amendment{when}: {note}</span>'
            items.append(_entry_item(self.manual, entry, extra))
        return bullet_list(items) if items else "<p>None in this edition.</p>"


def bullet_list(items: list[str]) -> str:
    """`<li>` items as one bulleted list, written as lists of LIST_RUN items at most that
    join without a seam.

    Qt's HTML import marks a whole list changed at each item added to it: 1,500 changes in
    one list took 18 ms to set, a third of the page's time; in lists of 100 they take 6 ms.
    The lists before the last give up their space below, and those after the first their
    space above, so the items are spaced as in one list.
    """
    runs = [items[start:start + LIST_RUN] for start in range(0, len(items), LIST_RUN)]
    parts = []
    for number, run in enumerate(runs):
        margins = ([] if number == 0 else ["margin-top: 0px"]) + (
            [] if number == len(runs) - 1 else ["margin-bottom: 0px"])
        style = f' style="{"; ".join(margins)}"' if margins else ""
        parts.append(f"<ul{style}>{''.join(run)}</ul>")
    return "".join(parts)


def _changes_box(changes: list[str], manual: Manual) -> list[str]:
    """What changed from the edition read before, in a box; a list longer than a screenful
    follows the box instead of filling it.

    Qt lays out a table cell whole, at once, where text outside a table is laid out as it
    is scrolled to: 1,500 changes inside the box held the window for a quarter of a second
    each time the page opened. Past a screenful the box's edges are off screen anyway.
    """
    title = '<p class="box-title">Changed from the edition read before</p>'
    if not changes:
        return [_box("edition", f"{title}<p>No chapter was added, removed or changed.</p>")]
    by_label = {}
    for entry in manual.entries():
        by_label.setdefault(entry.label, entry)
    items = bullet_list([f"<li>{_change_html(line, by_label)}</li>" for line in changes])
    if len(changes) <= CHANGES_IN_BOX:
        return [_box("edition", title + items)]
    return [_box("edition", f"{title}<p>{len(changes):,} changes, each listed below.</p>"),
            items]


# how ContentDiff.lines() begins a line for a chapter this edition holds ("removed: " is one
# it does not: that line stays plain, and says so)
CHANGE_IN_EDITION = ("added: ", "updated: ")


def _change_html(line: str, by_label: dict[str, Entry]) -> str:
    """A line of what changed, with the chapter it names as a link to it in this edition:
    "updated: <a>6.7.6 Staying Put Policy</a>: text changed"."""
    kind = next((kind for kind in CHANGE_IN_EDITION if line.startswith(kind)), None)
    if kind is None:
        return escape(line)
    rest = line[len(kind):]
    # the label alone, or before ": " and what changed; a title may hold ": " itself
    found = len(rest)
    while found != -1 and rest[:found] not in by_label:
        found = rest.rfind(": ", 0, found)
    if found == -1:  # a line kept by an older reader, or an entry since renamed
        return escape(line)
    entry = by_label[rest[:found]]
    return (f'{escape(kind)}<a class="internal" href="{chapter_href(entry)}">'
            f"{escape(rest[:found])}</a>{escape(rest[found:])}")


def too_complex_problem(source: ChapterSource, exc: PageTooComplex) -> Problem:
    """What is wrong with a chapter file whose text the reader declines to show."""
    line = source.body_first_line + exc.line - 1 if exc.line else None
    return Problem(source.path, line, f"too complex for the reader to show: {exc.reason}")


def online_manual_link(url: str) -> str:
    """"the online manual at" its address as a link; just "the online manual" where manual.json
    gave no address, as a link to nowhere would be."""
    return f"the online manual at {online_link(escape(url))}" if url else online_manual(url)


def online_link(url: str) -> str:
    """The online manual's address (escaped) as a link that opens the web browser, marked as
    one, and shown bare so that it is not broken in two after "https://"."""
    return (f'<a class="external" href="{url}" title="{leaving_hint(url)}">{shown_address(url)}'
            f'<span class="external-mark">&nbsp;{EXTERNAL_MARK}</span></a>')


def split_scope(html: str) -> tuple[str, str]:
    """A chapter's "Scope of this chapter" block and the rest of its HTML.

    The chapter file marks the block as `<div class="scope" markdown="1">` at the start of its
    text (README, "The content"); without one there is no scope block.
    """
    text = html.lstrip()
    if not text.startswith(SCOPE_OPEN):
        return "", html
    depth = 0
    for tag in DIV_TAG_RE.finditer(text):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return text[len(SCOPE_OPEN):tag.start()].strip(), text[tag.end():].lstrip()
    return "", html  # never closed: Markdown closes it at the end; validate reports it


def _titled_box(inner: str) -> tuple[str, str | None]:
    """A box's HTML with its leading heading made the box's title; the heading's anchor."""
    found = BOX_HEADING_RE.match(inner)
    if found is None:
        return inner, None
    anchor = found["anchor"]
    mark = f'<a name="{anchor}"></a>' if anchor else ""
    return f'<p class="box-title">{mark}{found["text"]}</p>{inner[found.end():]}', anchor


def _held_sentence(chapters: int, held: int) -> str:
    """How many chapters this edition holds the text of, and what the others open with."""
    listed = f"This edition lists {chapters} numbered chapters"
    online = "place in the contents and a link to the online manual."
    if held == chapters:
        return f"{listed}, with the full text of every one."
    if held == 0:
        return f"{listed}, without their full text: each opens with its {online}"
    return (f"{listed}; the full text of {held} of them is included. The others open with "
            f"their {online}")


def _box(kind: str, inner: str) -> str:
    # QTextBrowser draws borders and backgrounds on tables, not on divs
    return (
        f'<table class="box {kind}" width="100%" cellspacing="0" cellpadding="10">'
        f'<tr><td class="{kind}">{inner}</td></tr></table>'
    )


def _subsection_item(sub: Subsection) -> str:
    """A subsection as a list item: a link to its overview page."""
    return (f'<li><a class="internal" href="{SECTION_SCHEME}:{escape(sub.number)}">'
            f'<span class="number">{escape(sub.number)}</span> {escape(sub.title)}</a></li>')


def _entry_list(manual: Manual, entries: list[Entry]) -> str:
    items = "".join(_entry_item(manual, entry) for entry in entries)
    return f"<ul>{items}</ul>" if items else ""


def _entry_item(manual: Manual, entry: Entry, extra: str = "") -> str:
    """One entry as a list item: its link, whether only the online manual has it, its flags."""
    label = escape(entry.title)
    if entry.number:
        label = f'<span class="number">{escape(entry.number)}</span> {label}'
    if entry.kind == "see_also":
        label = f"See also: {label}"
    held = " (online&nbsp;only)" if manual.online_only(entry) else ""
    badges = badges_html(entry)
    notes = notes_html(entry.notes)
    # "(online only)" and a badge wrap with the words before them, not alone on a line
    return (f'<li><a class="internal" href="{chapter_href(entry)}">{label}</a>'
            f"{held}{'&nbsp;' + badges if badges else ''}{notes}{extra}</li>")


def _flatten_headings(tokens: list[dict[str, Any]]) -> list[Heading]:
    found = []
    for token in tokens:
        found.append(Heading(token["level"], _strip_tags(token["name"]), token["id"]))
        found.extend(_flatten_headings(token.get("children", [])))
    return found


def _strip_tags(text: str) -> str:
    if not _MARKUP_RE.search(text):
        # a heading's words alone, as most are: the same white space made one space, without
        # an HTML parser for each (a chapter of 1,000 headings: 6 ms each time it opened)
        return " ".join(text.split())
    return html_to_text(text).strip()


# what html_to_text reads other than words and white space: tags, entities, its own marks
_MARKUP_RE = re.compile("[<&\x00\x01]")


class _TagAttributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = {name: value or "" for name, value in attrs}



def tag_attributes(tag: str) -> dict[str, str]:
    """The attributes of one HTML start tag, read as a browser reads them (quotes, entities)."""
    parser = _TagAttributes()
    parser.feed(tag)
    parser.close()
    return parser.attributes


def unshown_pictures(html: str, content_dir: Path) -> tuple[str, list[tuple[str, str]]]:
    """The HTML with each picture the pane may not show written as a sentence saying so, and
    (src, what is wrong) for each; the pane, printing and validate judge pictures alike.

    Qt would draw only a small file mark in its place: a reader could not tell that a
    picture is missing, nor why (reader/content_images.py says what may be shown).
    """
    unshown: list[tuple[str, str]] = []

    def sentence(tag: re.Match[str]) -> str:
        attributes = tag_attributes(tag[0])
        src = attributes.get("src", "")
        why = image_data(src, content_dir)[1]
        if why is None:
            return tag[0]
        unshown.append((src, f'image "{src}" {why}'))
        alt = attributes.get("alt", "").strip()
        named = f"\u201c{escape(alt)}\u201d " if alt else ""
        return (f'<span class="picture-missing">[Picture {named}not shown: the file '
                f"{escape(src)} {escape(why)}]</span>")

    return IMG_TAG.sub(sentence, html), unshown


IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
ITEM_START = "\x00"  # marks where a list item's line starts, so its indent is kept
CELL_START = "\x01"  # marks where a table cell starts: " | " between a row's cells


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.lists: list[int | None] = []  # per open list: the next number, None for bullets
        self.items = 0  # list items open: a line break in one starts a line under its text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul":
            self.lists.append(None)
        elif tag == "ol":
            start = dict(attrs).get("start") or "1"
            self.lists.append(int(start) if start.isdigit() else 1)
        if tag == "li":
            self.items += 1
            number = self.lists[-1] if self.lists else None
            mark = "\u2022" if number is None else f"{number}."
            if number is not None:
                self.lists[-1] = number + 1  # steps in a procedure keep their numbers
            self.out.append(f"\n{ITEM_START}" + "  " * max(len(self.lists) - 1, 0) + f"{mark} ")
        elif tag == "br" and self.items:
            # an entry's note under it ("Note: please refer to: ..."), indented as its text
            # so that it is not read as the start of something else
            self.out.append(f"\n{ITEM_START}" + "  " * max(len(self.lists) - 1, 0) + "  ")
        elif tag == "br":
            self.out.append("\n")
        elif tag in self.BLOCKS:
            self.out.append("\n\n")
        elif tag in ("td", "th"):
            self.out.append(CELL_START)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.items = min(self.items, len(self.lists))  # items HTML left unclosed
        if tag == "li" and self.items:
            self.items -= 1
        if tag in self.BLOCKS:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.out.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Readable plain text of a page: paragraphs, bullets, no markup."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = []
    for line in "".join(parser.out).replace("\u00a0", " ").split("\n"):
        item = line.startswith(ITEM_START)
        line = line.removeprefix(ITEM_START)
        # a row's cells apart: run together, "Social worker and police Within 1 working day"
        # read as one sentence. The first cell of a row needs no mark before it
        cells = [re.sub(r"\s+", " ", cell).strip() for cell in line.split(CELL_START)]
        stripped = " | ".join(cells[1:] if len(cells) > 1 and not cells[0] else cells)
        # keep the indent that marks a nested list item; drop the rest of HTML's white space
        indent = line[: len(line) - len(line.lstrip())] if item else ""
        lines.append(indent + stripped)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip() + "\n"
