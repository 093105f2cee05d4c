"""Headings take the stylesheet's size in one change to the page, however many there are."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextBlock, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextBrowser

from reader.resources import stylesheet
from reader.ui.heading_sizes import apply_heading_sizes


def test_many_headings_are_resized_in_one_change_to_the_page(qtbot) -> None:
    # each heading changed on its own laid the page out again from there to its end: 4,000
    # headings took 7 s
    view = QTextBrowser()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.setHtml("".join(f"<h2>Step {n}</h2><p>Do this.</p>" for n in range(40)))
    assert _stepped_headings(view.document()) == 40
    changes: list[int] = []
    view.document().contentsChange.connect(lambda at, removed, added: changes.append(at))
    apply_heading_sizes(view.document())
    assert _stepped_headings(view.document()) == 0
    assert len(changes) == 1


def test_resized_headings_keep_their_anchors_and_their_words_styles(qtbot) -> None:
    # each heading's first letter holds its anchor: the outline and the page's own links
    # go to it by that name, and an italic word or a link in a heading stays one
    view = QTextBrowser()
    qtbot.addWidget(view)
    view.document().setDefaultStyleSheet("h2 { font-size: 20pt; } p { font-size: 10pt; }")
    view.setHtml("".join(f'<h2 id="step-{n}">Step {n}, <i>quickly</i> <a href="#top">up</a></h2>'
                         "<p>Do this.</p>" for n in range(3)))
    apply_heading_sizes(view.document())
    headings = [block for block in _blocks(view.document()) if block.blockFormat().headingLevel()]
    assert [_anchors(block) for block in headings] == [["step-0"], ["step-1"], ["step-2"]]
    for block in headings:
        parts = {part.fragment().text(): part.fragment().charFormat() for part in block}
        assert {round(style.font().pointSizeF()) for style in parts.values()} == {20}
        assert parts["quickly"].fontItalic()
        assert parts["up"].anchorHref() == "#top"
    assert view.toPlainText().count("quickly") == 3


def _blocks(document: QTextDocument) -> list[QTextBlock]:
    found = []
    block = document.begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def _anchors(block: QTextBlock) -> list[str]:
    return [name for part in block for name in part.fragment().charFormat().anchorNames()]


def _stepped_headings(document: QTextDocument) -> int:
    """Headings whose text still carries Qt's size step over the stylesheet's size."""
    step = QTextFormat.Property.FontSizeAdjustment
    count = 0
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() and any(
                part.fragment().charFormat().hasProperty(step) for part in block):
            count += 1
        block = block.next()
    return count


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_deeper_headings_stand_out_from_the_text_in_every_theme(qtbot, theme: str) -> None:
    # Qt's own h5 and h6 were the text's size and colour, h6 not even bold: the deeper steps
    # of a long procedure read as paragraphs of the step above
    view = QTextBrowser()
    qtbot.addWidget(view)
    view.document().setDefaultStyleSheet(stylesheet(theme))
    view.setHtml("<body><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6><p>Text</p></body>")
    apply_heading_sizes(view.document())
    shown = {block.text(): next(iter(block)).fragment().charFormat()
             for block in _blocks(view.document())}
    text = shown["Text"]
    for heading in ("Four", "Five", "Six"):
        style = shown[heading]
        assert style.fontWeight() >= 600, heading
        assert style.foreground().color() == shown["Three"].foreground().color(), heading
        assert style.font().pointSizeF() >= text.font().pointSizeF(), heading
