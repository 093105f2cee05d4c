"""A picture cut short (a copy that stopped part way) in a chapter: the pane, the printed
page and validate say so in the same words, and a whole picture beside it is drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument, QTextImageFormat

from reader.manual import load_manual
from reader.render import html_to_text
from reader.ui.main_window import MainWindow
from reader.ui.print_actions import print_parts
from reader.validate import validate

from ..conftest import picture_bytes

CHAPTER_FILE = "chapters/childrens-services-policies-values-and-principles.md"
ENDS_EARLY = "is damaged: the file ends before the picture in it does"


def sentence(alt: str, name: str) -> str:
    """What the page says in place of a picture cut short."""
    return f"[Picture \u201c{alt}\u201d not shown: the file images/{name} {ENDS_EARLY}]"


@pytest.fixture
def window_on_cut_pictures(qtbot, content_copy: Path) -> MainWindow:
    """1.1.1 open, showing a JPEG and a BMP cut short, and a whole JPEG."""
    images = content_copy / "chapters" / "images"
    images.mkdir()
    for kind in ("jpg", "bmp"):
        whole = picture_bytes(kind)
        (images / f"cut.{kind}").write_bytes(whole[:len(whole) * 2 // 3])
    (images / "whole.jpg").write_bytes(picture_bytes("jpg"))
    chapter = content_copy / CHAPTER_FILE
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n![Cut JPEG](images/cut.jpg)\n\n"
                       "![Cut BMP](images/cut.bmp)\n\n![Whole](images/whole.jpg)\n",
                       encoding="utf-8")
    window = MainWindow(load_manual(content_copy))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_entry("1.1.1")
    return window


def pictures_drawn(document: QTextDocument) -> dict[str, QImage]:
    """Each picture the page draws, by the file it names, as it is drawn."""
    drawn = {}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            char_format = it.fragment().charFormat()
            if char_format.isImageFormat():
                name = QTextImageFormat(char_format).name()
                drawn[name] = document.resource(QTextDocument.ResourceType.ImageResource.value,
                                                QUrl(name))
            it += 1
        block = block.next()
    return drawn


def test_a_jpeg_or_bmp_cut_short_is_a_sentence_in_the_pane_not_half_a_picture(
        window_on_cut_pictures: MainWindow) -> None:
    # drawn, the JPEG was its top rows and grey below, the BMP black above its bottom rows
    view = window_on_cut_pictures.chapter
    shown = view.toPlainText()
    assert sentence("Cut JPEG", "cut.jpg") in shown
    assert sentence("Cut BMP", "cut.bmp") in shown
    drawn = pictures_drawn(view.document())
    assert list(drawn) == ["images/whole.jpg"]  # the whole one is drawn, as it was
    assert drawn["images/whole.jpg"] == QImage.fromData(picture_bytes("jpg"))
    # the status bar names the first, as for any picture the page cannot show
    assert window_on_cut_pictures.statusBar().currentMessage().startswith(
        f'Image "images/cut.jpg" {ENDS_EARLY}')


def test_validate_says_of_a_cut_picture_what_the_pane_says(
        window_on_cut_pictures: MainWindow) -> None:
    said_on_page = [problem.message for problem in window_on_cut_pictures.chapter.page.problems]
    assert said_on_page == [f'image "images/cut.jpg" {ENDS_EARLY}',
                            f'image "images/cut.bmp" {ENDS_EARLY}']
    _manual, problems = validate(window_on_cut_pictures.manual.root)
    assert [problem.message for problem in problems] == said_on_page


def test_the_printed_page_says_so_too(window_on_cut_pictures: MainWindow) -> None:
    window = window_on_cut_pictures
    paper = html_to_text(print_parts(window, window.chapter.page)[0])
    assert sentence("Cut JPEG", "cut.jpg") in paper
    assert sentence("Cut BMP", "cut.bmp") in paper
