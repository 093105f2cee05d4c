"""What's new as the chapter pane shows it: long lists of changes, links to the chapters."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QTextDocument

from reader.manual import load_manual
from reader.render import ChapterRenderer
from reader.resources import stylesheet

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
