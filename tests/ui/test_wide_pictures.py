"""A picture wider than the text column in a wide window: the margins give way for it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from reader.render import Page
from reader.resources import stylesheet
from reader.ui.chapter_view import PAGE_MARGIN, ChapterView

TEXT = "<p>" + "Words of the chapter around the picture. " * 30 + "</p>"


def view_with_picture(qtbot, content: Path, picture_width: int, pane_width: int, *,
                      shown_first: bool = True) -> ChapterView:
    """A pane with a page with a diagram in it; `shown_first` False: the page is given to
    the pane before it is shown, as a new tab's is."""
    images = content / "chapters" / "images"
    images.mkdir(parents=True)
    picture = QImage(picture_width, 40, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    assert picture.save(str(images / "diagram.png"))
    page = Page("A chapter with a diagram",
                TEXT + '<p><img src="images/diagram.png"/></p>' + TEXT)
    return pane_showing(qtbot, content, page, pane_width, 600, shown_first=shown_first)


def pane_showing(qtbot, content: Path, page: Page, width: int, height: int, *,
                 shown_first: bool = True) -> ChapterView:
    """A chapter pane of this size showing the page, given to it once it is shown, or
    before (`shown_first` False), as a new tab's is."""
    view = ChapterView(stylesheet("light"), content)
    qtbot.addWidget(view)
    if not shown_first:
        view.show_page(page)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    if shown_first:
        view.show_page(page)
    return view


def fits_the_pane(view: ChapterView) -> bool:
    """The page is no wider than the pane: nothing to scroll sideways to."""
    return (view.horizontalScrollBar().maximum() == 0
            and view.document().size().width() <= view.viewport().width())


def side_margin(view: ChapterView) -> float:
    return view.document().rootFrame().frameFormat().leftMargin()


def test_a_diagram_wider_than_the_text_fits_a_wide_pane(qtbot, tmp_path: Path) -> None:
    # the text column kept its 90 characters: a 1,200 pixel diagram ran out of a 1,900 pixel
    # pane behind a scroll bar, with 400 pixels of empty margin on either side of it
    view = view_with_picture(qtbot, tmp_path, 1200, 1900)
    assert fits_the_pane(view)
    # only as far as it needs: the text is still set in from the pane's edges
    assert side_margin(view) > PAGE_MARGIN + 100


def test_a_diagram_in_a_new_tab_fits_a_wide_pane(qtbot, tmp_path: Path) -> None:
    # a tab's page is set before the tab is first shown, when the pane has no width yet:
    # the margins stayed the measure's, and the diagram ran out of the pane
    view = view_with_picture(qtbot, tmp_path, 1200, 1900, shown_first=False)
    assert fits_the_pane(view)
    assert side_margin(view) > PAGE_MARGIN + 100


def test_a_diagram_fits_when_a_narrow_window_is_made_wide(qtbot, tmp_path: Path) -> None:
    # opened in a narrow window, the diagram was shown at the pane's width; made wide, the
    # margins grew, and gave way for it at its own size
    view = view_with_picture(qtbot, tmp_path, 1200, 700)
    view.resize(1900, 600)
    assert fits_the_pane(view)
    assert side_margin(view) > PAGE_MARGIN + 100


def test_the_text_keeps_its_measure_beside_a_small_picture(qtbot, tmp_path: Path) -> None:
    view = view_with_picture(qtbot, tmp_path, 100, 1900)
    wide = view_with_picture(qtbot, tmp_path / "other", 1200, 1900)
    assert side_margin(view) > side_margin(wide)
