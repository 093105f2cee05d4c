"""Chapter Markdown to HTML: chapter links resolved against the contents, web links marked.

Chapter links are written `[text](chapter:ID)`, or `chapter:ID#anchor` for a place in the
chapter; they resolve by id (or number), so a renumbered chapter keeps its links. Kept apart
from render.py so Markdown is imported only when a chapter opens.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import markdown
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.toc import TocExtension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

from reader.html_headings import HtmlHeadingsExtension
from reader.manual import Entry
from reader.markdown_tables import TablesExtension
from reader.outside_links import LEAVING_SCHEMES, leaving_hint
from reader.page_limits import (
    NESTED_TOO_DEEP,
    PageTooComplex,
    check_html,
    check_markdown,
    check_tree,
    locate_in_markdown,
)
from reader.plain_inline import PlainInlineExtension
from reader.render import CHAPTER_SCHEME, EXTERNAL_MARK, chapter_href

Finder = Callable[[str], Entry | None]
_ESCAPED_RE = re.compile(f"{STX}([0-9]+){ETX}")


class _LinkResolver(Treeprocessor):
    """Resolves chapter links, marks external ones, records links that go nowhere."""

    def __init__(self, md: markdown.Markdown, find: Finder, problems: list[str]) -> None:
        super().__init__(md)
        self.find = find
        self.problems = problems

    def run(self, root: ET.Element) -> None:
        for link in root.iter("a"):
            # a backslash escape is still Markdown's placeholder here (unescaped at priority 0):
            # an editor is told the link as written, not "\x0292\x03server"
            href = _ESCAPED_RE.sub(lambda match: chr(int(match[1])), link.get("href", ""))
            scheme, _, rest = href.partition(":")
            if scheme == CHAPTER_SCHEME:
                self._internal(link, rest)
            elif scheme.lower() in LEAVING_SCHEMES:
                link.set("class", "external")
                link.set("title", leaving_hint(href))
                mark = ET.SubElement(link, "span")
                mark.set("class", "external-mark")
                mark.text = f"\u00a0{EXTERNAL_MARK}"
            elif not href.startswith("#"):
                self.problems.append(f'link "{href}" is neither a chapter nor a web address')

    def _internal(self, link: ET.Element, written: str) -> None:
        ref, _, anchor = written.partition("#")
        target = self.find(ref)
        if target is None:
            link.set("class", "broken")
            link.set("href", f"missing:{ref}")
            link.set("title", "This chapter is not in the contents")
            self.problems.append(f'link to chapter "{ref}", which is not in the contents')
            return
        link.set("href", chapter_href(target, anchor))
        link.set("class", "internal")
        # the anchor as written is the heading's words, near enough ("strategy-discussions"):
        # the other chapter's headings are not read to open this one
        link.set("title", f"Opens {target.label} at #{anchor}" if anchor
                 else f"Opens {target.label}")


# HTML in a chapter the pane would act on, not show: a <style> restyles the whole page (its
# text white on white, say), a <link> or <base> names other files; the rest show nothing
# offline but their fallback text. Dropped, and reported, so the page reads as written.
_UNSHOWN_WITH_TEXT_RE = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S)
_UNSHOWN_TAG_RE = re.compile(r"</?(link|meta|base|iframe|frame|frameset|object|embed|applet|form"
                             r"|input|button|select|option|textarea)\b[^>]*>", re.I)


class _UnshownHtml(Postprocessor):
    """Drops the HTML elements a chapter must not use, one problem for each kind."""

    def __init__(self, md: markdown.Markdown, problems: list[str]) -> None:
        super().__init__(md)
        self.problems = problems

    def run(self, text: str) -> str:
        found: list[str] = []

        def drop(match: re.Match[str]) -> str:
            found.append(match[1].lower())
            return ""

        text = _UNSHOWN_TAG_RE.sub(drop, _UNSHOWN_WITH_TEXT_RE.sub(drop, text))
        for tag in dict.fromkeys(found):
            problem = (f'HTML element "<{tag}>" is left out: the reader shows a chapter\'s '
                       "text in its own look and runs nothing; remove it")
            # a heading's words pass through here for its outline entry, then with the page
            if problem not in self.problems:
                self.problems.append(problem)
        return text


class _TableGrid(Treeprocessor):
    """Marks each table written in Markdown (it has a header row) for the lines between its
    cells; a table written in HTML keeps the look its author gave it."""

    def run(self, root: ET.Element) -> None:
        for table in root.iter("table"):
            if table.find("thead") is not None and not table.get("class"):
                table.set("class", "grid")
                table.set("cellspacing", "1")  # the lines: the table's colour between cells


HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


class _HeadingIdsApart(Treeprocessor):
    """A heading given an id another element has already, written in HTML or with
    `{#id}`, is given one of its own and said: the table of contents keeps ids as written,
    so the outline's row for it went to the first, and nothing said why."""

    def __init__(self, md: markdown.Markdown, problems: list[str]) -> None:
        super().__init__(md)
        self.problems = problems

    def run(self, root: ET.Element) -> None:
        given = [element for element in root.iter() if "id" in element.attrib]
        used = {element.get("id", "") for element in given}
        if len(used) == len(given):
            return  # every id once, as in almost every chapter
        from markdown.extensions.toc import unique  # only for a chapter that needs it

        seen: set[str] = set()
        for element in given:
            anchor = element.get("id", "")
            if anchor not in seen:
                seen.add(anchor)
            elif element.tag in HEADING_TAGS:
                element.set("id", unique(anchor, used))
                problem = (f'headings share the id "{anchor}": a link "#{anchor}" goes to the '
                           "first of them; give each an id of its own")
                if problem not in self.problems:
                    self.problems.append(problem)


class _SizeCheck(Treeprocessor):
    """Declines a page whose HTML would be long to write, before it is written."""

    def run(self, root: ET.Element) -> None:
        check_tree(root)


class _LinkExtension(markdown.Extension):
    def __init__(self, find: Finder, problems: list[str]) -> None:
        super().__init__()
        self.find = find
        self.problems = problems

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_LinkResolver(md, self.find, self.problems), "reader_links", 5)
        md.treeprocessors.register(_TableGrid(md), "reader_table_grid", 4)
        # after abbreviations, footnotes and link references are in the tree; before the links
        # are given titles, each as long as its address
        md.treeprocessors.register(_SizeCheck(md), "reader_size", 6)
        # after the headings written in HTML are made headings (7), before the table of
        # contents reads their ids (5)
        md.treeprocessors.register(_HeadingIdsApart(md, self.problems), "reader_heading_ids",
                                   6.5)
        # after the raw HTML is put back in place (priority 30)
        md.postprocessors.register(_UnshownHtml(md, self.problems), "reader_unshown_html", 25)


class ChapterMarkdown:
    """One reusable converter; building a Markdown instance costs more than a conversion."""

    def __init__(self, find: Finder) -> None:
        self._find = find
        self._problems: list[str] = []
        self._md = self._new_markdown()

    def _new_markdown(self) -> markdown.Markdown:
        # extension objects, not names: a name is looked up in the installed packages'
        # metadata, which took 45 ms on the first chapter opened. So "extra" is spelt out.
        extra = [FencedCodeExtension(), FootnoteExtension(), AttrListExtension(),
                 DefListExtension(), TablesExtension(), AbbrExtension(), MarkdownInHtmlExtension()]
        return markdown.Markdown(
            extensions=[*extra, TocExtension(permalink=False), SaneListExtension(),
                        _LinkExtension(self._find, self._problems), PlainInlineExtension(),
                        HtmlHeadingsExtension()],
            output_format="html",
        )

    def convert(self, text: str) -> tuple[str, list[dict[str, Any]], list[str]]:
        """HTML, the heading tokens and the link problems of a Markdown text.

        Raises PageTooComplex for a text that would take long to convert or to lay out.
        """
        check_markdown(text)
        self._md.reset()
        self._problems.clear()
        try:
            html = self._md.convert(text)
        except RecursionError:
            # the parser's state may be left half way through a list: start afresh
            self._md = self._new_markdown()
            raise PageTooComplex(NESTED_TOO_DEEP) from None
        try:
            check_html(html)
        except PageTooComplex as declined:
            raise locate_in_markdown(declined, text) from None
        return html, list(getattr(self._md, "toc_tokens", [])), list(self._problems)
