"""The chapter pane lays a page out once as it is shown, and keeps the reader's place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from reader.render import Heading, Page
from reader.resources import stylesheet
from reader.ui.chapter_view import ChapterView

HEADINGS = 300  # enough that Qt lays the page out in steps, as it does a long chapter


def long_page() -> Page:
    html = "".join(f'<h2 id="h{n}">Heading {n}</h2><p>{"Some text under it. " * 20}</p>'
                   for n in range(HEADINGS))
    return Page("A long chapter", html,
                headings=tuple(Heading(2, f"Heading {n}", f"h{n}") for n in range(HEADINGS)))


def shown_view(qtbot, width: int = 900) -> ChapterView:
    view = ChapterView(stylesheet("light"), Path("."))
    qtbot.addWidget(view)
    view.resize(width, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def heading_at_top(view: ChapterView) -> str:
    """The heading of the part the reader sees at the top of the pane."""
    top = view.verticalScrollBar().value()
    above = [(y, name) for name, y in view.anchor_positions().items() if y <= top + 5]
    return max(above)[1]


def test_a_page_is_whole_before_it_is_laid_out(qtbot) -> None:
    # its headings' sizes and its margins were set after Qt had begun laying it out, and
    # each laid all of it out again: a chapter of 1,000 headings, three times over
    view = shown_view(qtbot, width=1900)  # wide: the text keeps its measure with margins
    laid_out_when_changed: list[bool] = []
    view.document().contentsChange.connect(
        lambda *_change: laid_out_when_changed.append(view.document().isLayoutEnabled()))
    view.show_page(long_page())
    assert laid_out_when_changed and not any(laid_out_when_changed)
    # and once set, it is laid out whole: the scroll bar reaches its end
    bar = view.verticalScrollBar()
    assert bar.maximum() == round(view.document().size().height()) - view.viewport().height()


def test_a_text_size_step_keeps_the_place_in_a_long_chapter(qtbot) -> None:
    # kept as a share of a length guessed from the first screens laid out, the place moved
    # on: in a chapter of 1,000 headings by a hundred of them, or to its very end
    view = shown_view(qtbot)
    view.show_page(long_page())
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() * 3 // 5)
    reading = heading_at_top(view)
    for steps in (2, -2, 0):
        view.set_zoom(steps)
        assert heading_at_top(view) == reading, steps


def test_a_text_size_step_keeps_the_heading_read_among_pictures(qtbot, tmp_path: Path) -> None:
    # kept as a share of the page's length, the place moved on a heading or back one: the
    # text grows with the size and the pictures do not
    images = tmp_path / "chapters" / "images"
    images.mkdir(parents=True)
    picture = QImage(300, 400, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    assert picture.save(str(images / "diagram.png"))
    view = ChapterView(stylesheet("light"), tmp_path)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    pictured = '<p><img src="images/diagram.png"/></p>'
    view.show_page(Page("A chapter with diagrams", "".join(
        f'<h2 id="h{n}">Heading {n}</h2><p>{"Some text under it. " * 12}</p>'
        + (pictured if n < 20 else "") for n in range(60))))
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    reading = heading_at_top(view)
    for steps in (2, 4, 0, -2):
        view.set_zoom(steps)
        assert heading_at_top(view) == reading, steps


def test_a_wide_window_resized_lays_the_page_out_once_where_it_is_read(qtbot) -> None:
    # Qt laid the page out at the new width down to the place read, then the margins that
    # keep the measure changed and all of it was laid out again
    view = shown_view(qtbot, width=1900)
    view.show_page(long_page())
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() * 3 // 5)
    place = bar.value()
    laid_out_when_changed: list[bool] = []
    view.document().contentsChange.connect(
        lambda *_change: laid_out_when_changed.append(view.document().isLayoutEnabled()))
    view.resize(1700, 600)
    assert laid_out_when_changed and not any(laid_out_when_changed)  # the margins changed
    assert bar.value() == place
    assert bar.maximum() == round(view.document().size().height()) - view.viewport().height()


def test_a_pane_resized_keeps_the_heading_read_at_the_top(qtbot) -> None:
    # kept in pixels as Qt keeps it, the place moved on by dozens of headings as the lines
    # grew fewer or more: a window made narrower, the outline shown or hidden
    view = shown_view(qtbot)
    view.show_page(long_page())
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() * 3 // 5)
    reading = heading_at_top(view)
    for width in (600, 1900, 700):  # narrower, wide enough for wider margins, back
        view.resize(width, 600)
        assert heading_at_top(view) == reading, width
