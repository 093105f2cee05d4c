"""Headings take the stylesheet's size in one change to the page, however many there are."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextBrowser

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
