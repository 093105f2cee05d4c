"""The outline by keyboard: typing a heading's first letters goes to it, at any level."""

from __future__ import annotations

from reader.render import Heading
from reader.ui.outline import OutlinePane


def test_typing_a_sub_headings_first_letters_selects_it(qtbot) -> None:
    outline = OutlinePane()
    qtbot.addWidget(outline)
    headings = (Heading(2, "Referral", "h1"), Heading(3, "Strategy discussion", "h2"),
                Heading(2, "Assessment", "h3"))
    outline.set_headings(headings, {"h1": 0.0, "h2": 100.0, "h3": 200.0})
    outline.show()
    qtbot.waitExposed(outline)
    qtbot.keyClicks(outline.list, "Strat")
    assert outline.list.currentRow() == 1
    assert outline.list.item(1).text() == "Strategy discussion"
