"""A picture wider than the chapter pane is shown at the pane's width, whole, and at its own
size again where the pane has room: the page never scrolls sideways for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPainter, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from reader.render import Page
from reader.ui.chapter_view import PAGE_MARGIN, ChapterView

from .layouts import count_layouts
from .test_wide_pictures import TEXT, fits_the_pane, pane_showing

BLUE, RED = QColor("#336699"), QColor("#cc0000")
EDGE = 12  # the red strip at the picture's right end: seen, the picture is seen whole


def diagram(content: Path, width: int, height: int, name: str = "diagram.png") -> str:
    """A picture, blue with a red right edge, in the content folder; its address."""
    images = content / "chapters" / "images"
    images.mkdir(parents=True, exist_ok=True)
    picture = QImage(width, height, QImage.Format.Format_RGB32)
    picture.fill(BLUE)
    painter = QPainter(picture)
    painter.fillRect(width - EDGE, 0, EDGE, height, RED)
    painter.end()
    assert picture.save(str(images / name))
    return f"images/{name}"


def pane(qtbot, content: Path, html: str, width: int, *, shown_first: bool = True,
         ) -> ChapterView:
    page = Page("A procedure with a flowchart", html + TEXT)
    return pane_showing(qtbot, content, page, width, 400, shown_first=shown_first)


def near(colour: QColor, wanted: QColor) -> bool:
    return all(abs(a - b) <= 24 for a, b in zip(colour.getRgb()[:3], wanted.getRgb()[:3],
                                                    strict=True))


def shown(view: ChapterView) -> tuple[int, int, bool]:
    """The picture at the page's top as drawn in the pane: its width and height in pixels,
    and whether its red right edge is in sight."""
    grab = view.viewport().grab().toImage()
    row = [grab.pixelColor(x, PAGE_MARGIN + 5) for x in range(grab.width())]
    width = sum(near(c, BLUE) or near(c, RED) for c in row)
    red = any(near(c, RED) for c in row)
    left = next(x for x, c in enumerate(row) if near(c, BLUE))
    height = sum(near(grab.pixelColor(left + 2, y), BLUE) for y in range(grab.height()))
    return width, height, red


@pytest.mark.parametrize("width", [450, 850, 1400])
def test_a_picture_wider_than_the_pane_is_shown_whole_at_its_width(
        qtbot, tmp_path: Path, width: int) -> None:
    # half a screen, a laptop's pane beside the navigator, a wide pane: the 1,600 pixel
    # flowchart ran out of each behind a horizontal scroll bar
    address = diagram(tmp_path, 1600, 400)
    view = pane(qtbot, tmp_path, f'<p><img src="{address}"/></p>', width)
    drawn, tall, red = shown(view)
    assert fits_the_pane(view)
    assert view.horizontalScrollBar().isHidden() or view.horizontalScrollBar().maximum() == 0
    assert red  # its right end is on screen
    room = view.viewport().width() - 2 * PAGE_MARGIN
    assert room - 2 <= drawn <= room
    assert abs(tall - drawn / 4) <= 2  # its shape kept


def test_widened_the_pane_shows_the_picture_at_its_own_size_again(
        qtbot, tmp_path: Path) -> None:
    address = diagram(tmp_path, 1200, 300)
    view = pane(qtbot, tmp_path, f'<p><img src="{address}"/></p>', 450)
    for width in (850, 1900, 1400, 450):
        layouts = count_layouts(view.document())
        view.resize(width, 400)
        drawn, tall, red = shown(view)
        assert fits_the_pane(view), width
        assert red, width
        # the picture sized as the page is laid out at the new width: no layout more
        assert layouts.count == 1, width
        if width >= 1400:
            assert (drawn, tall) == (1200, 300), width
        else:
            assert drawn < 1200, width


def test_a_picture_fits_a_new_tab_first_shown_in_a_narrow_pane(qtbot, tmp_path: Path) -> None:
    address = diagram(tmp_path, 1400, 300)
    view = pane(qtbot, tmp_path, f'<p><img src="{address}"/></p>', 850, shown_first=False)
    assert fits_the_pane(view)
    assert shown(view)[2]


def test_a_picture_the_page_gives_a_size_keeps_that_shape_when_fitted(
        qtbot, tmp_path: Path) -> None:
    # an imported page keeps the width and height its picture was given: fitted by the
    # width alone it was squashed
    address = diagram(tmp_path, 400, 200)
    view = pane(qtbot, tmp_path, f'<p><img src="{address}" width="1600" height="200"/></p>',
                850)
    drawn, tall, red = shown(view)
    assert fits_the_pane(view) and red
    assert abs(tall - drawn / 8) <= 2


def test_a_picture_still_fits_after_a_text_size_step(qtbot, tmp_path: Path) -> None:
    address = diagram(tmp_path, 1400, 300)
    view = pane(qtbot, tmp_path, f'<p><img src="{address}"/></p>', 850)
    view.set_zoom(3)
    assert fits_the_pane(view)
    assert shown(view)[2]


def test_a_diagram_shown_smaller_keeps_every_line(qtbot, tmp_path: Path) -> None:
    # Qt shrinks a picture by dropping pixels: at a third of its size two lines in five of
    # a flowchart's boxes were gone
    images = tmp_path / "chapters" / "images"
    images.mkdir(parents=True)
    picture = QImage(1350, 300, QImage.Format.Format_RGB32)
    picture.fill(QColor("white"))
    for y in range(5, 300, 10):  # 30 lines a pixel thick
        for x in range(1350):
            picture.setPixelColor(x, y, QColor("black"))
    assert picture.save(str(images / "lines.png"))
    view = pane(qtbot, tmp_path, '<p><img src="images/lines.png"/></p>', 450 + 2 * PAGE_MARGIN)
    assert fits_the_pane(view)
    grab = view.viewport().grab().toImage()
    cursor = QTextCursor(view.document())
    top = view.cursorRect(cursor).top()
    column = [grab.pixelColor(QPoint(200, y)).lightness() for y in range(top, top + 120)]
    # each line a darker row than the rows beside it
    lines = sum(1 for n in range(1, len(column) - 1)
                if column[n] < 235 and column[n] <= column[n - 1] and column[n] < column[n + 1])
    assert lines == 30


def test_narrowing_the_pane_never_shows_a_scroll_bar_for_a_picture_below(
        qtbot, tmp_path: Path) -> None:
    # Qt lays out what is on screen first: a picture further down kept the wider pane's
    # width, and a horizontal scroll bar grew as the window was dragged narrower
    first, below = diagram(tmp_path, 1400, 300), diagram(tmp_path, 1400, 300, "below.png")
    view = pane(qtbot, tmp_path, f'<p><img src="{first}"/></p>' + TEXT * 6
                + f'<p><img src="{below}"/></p>', 850)
    for width in range(840, 600, -20):
        layouts = count_layouts(view.document())
        view.resize(width, 400)
        assert view.horizontalScrollBar().maximum() == 0, width
        assert layouts.count == 1, width


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, offscreen
def test_a_picture_shown_smaller_says_so_under_the_pointer(qtbot, tmp_path: Path) -> None:
    # shown at the pane's width a flowchart looks whole: nothing said it was not its size
    address = diagram(tmp_path, 1600, 400)
    view = pane(qtbot, tmp_path, f'<p><img src="{address}"/></p>', 850)
    over = QPoint(PAGE_MARGIN + 50, PAGE_MARGIN + 20)
    QApplication.sendEvent(view.viewport(), QHelpEvent(
        QEvent.Type.ToolTip, over, view.viewport().mapToGlobal(over)))
    share = round(100 * (view.viewport().width() - 2 * PAGE_MARGIN) / 1600)
    assert QToolTip.text().startswith(f"Shown at {share}% of its size")
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    view.resize(1800, 400)  # room for all of it: nothing to say
    QApplication.sendEvent(view.viewport(), QHelpEvent(
        QEvent.Type.ToolTip, over, view.viewport().mapToGlobal(over)))
    assert not QToolTip.isVisible()
