"""What's new as the chapter pane shows it: long lists of changes, links to the chapters."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from reader.content_update import diff_contents
from reader.manual import load_manual
from reader.render import ChapterRenderer
from reader.resources import stylesheet
from reader.ui.chapter_view import ChapterView

from ..conftest import CONTENT

CHANGES = 205  # past two lists of 100, the most Qt sets without a pause


@pytest.fixture(scope="module")
def page_html() -> str:
    """What's new after an update that changed CHANGES chapters."""
    renderer = ChapterRenderer(load_manual(CONTENT))
    chapters = renderer.manual.chapters()
    changes = [f"updated: {chapters[n % len(chapters)].label}: text changed"
               for n in range(CHANGES)]
    return renderer.whats_new_page(changes).html


def _laid_out(html: str, theme: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultStyleSheet(stylesheet(theme))
    document.setHtml(f"<html><body>{html}</body></html>")
    document.setTextWidth(500)
    return document


def _lists(document: QTextDocument) -> list[int]:
    """How many items each list of the page holds, in page order."""
    lists, block = [], document.begin()
    while block.isValid():
        if block.textList() is not None and block.textList() not in lists:
            lists.append(block.textList())
        block = block.next()
    return [each.count() for each in lists]


def test_a_long_list_of_changes_is_set_in_short_lists(qapp, page_html: str) -> None:
    """Qt marks a whole list changed for each item added to it: 1,500 changes in one list
    took a third of the page's time to open."""
    document = _laid_out(page_html, "light")
    assert document.toPlainText().count(": text changed") == CHANGES
    assert max(_lists(document)) <= 100


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_short_lists_read_as_one_list(qapp, page_html: str, theme: str) -> None:
    """Every item, and the text after the list, is where one list would put it."""
    runs = _laid_out(page_html, theme)
    one = _laid_out(re.sub(r"</ul><ul[^>]*>", "", page_html), theme)
    assert runs.toPlainText() == one.toPlainText()

    def places(document: QTextDocument) -> list[tuple[float, float]]:
        layout, block, found = document.documentLayout(), document.begin(), []
        while block.isValid():
            box = layout.blockBoundingRect(block)
            found.append((round(box.top(), 2), round(box.left(), 2)))
            block = block.next()
        return found

    assert places(runs) == places(one)


def _update(tmp_path: Path) -> Path:
    """The bundled manual with 1.1.2 and 1.1.3 swapped, a chapter added and 10.3 removed."""
    content = tmp_path / "update"
    shutil.copytree(CONTENT, content)
    path = content / "contents.json"
    contents = json.loads(path.read_text(encoding="utf-8"))
    items = contents["sections"][0]["items"][0]["items"]
    items[1]["number"], items[2]["number"] = "1.1.3", "1.1.2"
    items.append({"type": "chapter", "id": "a-new-chapter", "number": "1.1.21",
                  "title": "A New Chapter: With a Colon"})
    contents["sections"][9]["items"].pop()
    path.write_text(json.dumps(contents), encoding="utf-8")
    return content


def _links(view: ChapterView) -> dict[str, str]:
    """The page's links as a person sees them: text -> where it leads."""
    found, block = {}, view.document().begin()
    while block.isValid():
        for each in block:
            part = each.fragment()
            if part.charFormat().isAnchor():
                href = part.charFormat().anchorHref()
                found[part.text()] = href
        block = block.next()
    return found


def test_each_chapter_in_the_list_of_changes_opens_from_it(window, tmp_path: Path) -> None:
    update = load_manual(_update(tmp_path))
    window.load_edition(update, changes=diff_contents(window.manual, update).lines())
    text = window.chapter.toPlainText()
    assert "updated: 1.1.2 Diversity and Heritage: renumbered (was 1.1.3)" in text
    assert "removed: 10.3 Amendments" in text
    links = _links(window.chapter)
    assert "10.3 Amendments" not in links  # not in this edition: the line says so, no link
    for label in ("1.1.2 Diversity and Heritage", "1.1.3 A Strengths Based Approach",
                  "1.1.21 A New Chapter: With a Colon"):
        window.show_whats_new()
        window.chapter.anchorClicked.emit(QUrl(links[label]))
        assert window.chapter.toPlainText().startswith(label)
