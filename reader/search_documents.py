"""What the index holds for each contents entry: its facts and its text without markup."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from reader.chapter_file import read_chapter_file
from reader.manual import Entry, Manual
from reader.page_limits import PageTooComplex
from reader.render import ChapterRenderer, html_to_text, too_complex_problem

log = logging.getLogger(__name__)
LETTER_WORD = re.compile(r"\b[^\W\d_]{3,}\b")  # words of three letters or more, no digits


@dataclass(frozen=True)
class SearchDocument:
    """One entry as the index sees it."""

    id: str
    number: str | None
    kind: str
    title: str
    section: str
    subsection: str | None
    section_path: str
    flags: tuple[str, ...]
    notes: str
    headings: str
    body: str  # plain text of the chapter; empty when its text is not held
    order: int  # position in the contents, for ties


def search_documents(manual: Manual) -> Iterator[SearchDocument]:
    """Every contents entry as a document, in contents order."""
    renderer = ChapterRenderer(manual)
    for order, entry in enumerate(manual.entries()):
        yield document_for(manual, renderer, entry, order)


def document_for(
    manual: Manual, renderer: ChapterRenderer, entry: Entry, order: int
) -> SearchDocument:
    """The document for one entry; a chapter file that cannot be read, or whose text the
    reader declines to show, gives an empty body: its title is still found."""
    notes = list(entry.notes)
    headings: list[str] = []
    body = ""
    # a See also shares its target's text; indexing it twice would list the text twice
    if entry.kind != "see_also" and entry.file and manual.has_text(entry):
        source = read_chapter_file(manual.root / entry.file)
        if source.too_large is not None:
            log.warning("indexed by its title only: %s", source.problems[0])
        if source.body.strip():
            try:
                html, toc, _ = renderer.markdown_to_html(source.body)
            except PageTooComplex as exc:
                log.warning("indexed by its title only: %s", too_complex_problem(source, exc))
            else:
                body = html_to_text(html).strip()
                headings = _heading_names(toc)
        if source.amendment:
            notes.append(source.amendment)
    return SearchDocument(
        id=entry.id,
        number=entry.number,
        kind=entry.kind,
        title=entry.title,
        section=entry.section,
        subsection=entry.subsection,
        section_path=manual.where(entry),
        flags=entry.flags,
        notes="\n".join(notes),
        headings="\n".join(headings),
        body=body,
        order=order,
    )


def _heading_names(tokens: list[dict[str, object]]) -> list[str]:
    names = []
    for token in tokens:
        names.append(html_to_text(str(token.get("name", ""))).strip())
        children = token.get("children")
        if isinstance(children, list):
            names += _heading_names(children)
    return names


def word_counts(document: SearchDocument) -> Counter[str]:
    """The document's words as a speller should know them: lower case, letters only."""
    counts: Counter[str] = Counter()
    for text in (document.title, document.headings, document.notes, document.body):
        counts.update(LETTER_WORD.findall(text.lower()))
    return counts
