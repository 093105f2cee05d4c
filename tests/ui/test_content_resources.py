"""The chapter pane shows nothing an image names from outside the content folder."""

from __future__ import annotations

import base64
import gzip
from pathlib import Path

import pytest

BLUE = "#336699"
PICTURE = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           'width="24" height="24">{}</svg>')


def _referring(href: str, attribute: str = "xlink:href") -> bytes:
    return PICTURE.format(f'<image {attribute}="{href}" width="24" height="24"/>').encode()


def _styled_from_a_file(outside: Path) -> bytes:
    """A grey square that a style sheet outside the content folder would colour blue."""
    sheet = outside.with_suffix(".css")
    sheet.write_text(f"rect {{ fill: {BLUE}; }}", encoding="utf-8")
    return (f'<?xml-stylesheet type="text/css" href="{sheet}"?>'
            + PICTURE.format('<rect width="24" height="24"/>')).encode()


# (file name in chapters/images/, its bytes given the outside picture's path)
CRAFTED = {
    "an absolute path": ("a.svg", lambda outside: _referring(str(outside))),
    "a plain href": ("b.svg", lambda outside: _referring(str(outside), "href")),
    "a path beside the SVG": ("c.svg", lambda _outside: _referring("../../../outside.png")),
    "an SVG saved as PNG": ("d.png", lambda outside: _referring(str(outside))),
    "compressed": ("e.svgz", lambda outside: gzip.compress(_referring(str(outside)))),
    "an SVG in an SVG": ("f.svg", lambda outside: _referring(
        "data:image/svg+xml;base64," + base64.b64encode(_referring(str(outside))).decode())),
    "a style sheet from a file": ("g.svg", _styled_from_a_file),
}


@pytest.fixture
def pane(qtbot, content_copy: Path):
    from PySide6.QtGui import QColor, QImage

    from reader.render import Page
    from reader.ui.chapter_view import ChapterView

    blue = QImage(24, 24, QImage.Format.Format_RGB32)
    blue.fill(QColor(BLUE))
    outside = content_copy.parent / "outside.png"
    assert blue.save(str(outside))
    images = content_copy / "chapters" / "images"
    images.mkdir()
    view = ChapterView("", content_copy)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()

    def drawn(name: str, data: bytes) -> bool:
        """Whether the pane draws a blue picture for an image file with these bytes."""
        (images / name).write_bytes(data)
        view.show_page(Page(title="t", html=f'<p>Picture:</p><img src="images/{name}"/>'))
        shot = view.viewport().grab().toImage()
        return any(shot.pixelColor(x, y).name() == BLUE
                   for x in range(0, shot.width(), 3) for y in range(0, shot.height(), 3))

    return outside, drawn


def test_an_svg_that_holds_its_picture_is_shown(pane) -> None:
    _outside, drawn = pane
    assert drawn("own.svg", PICTURE.format(f'<rect width="24" height="24" fill="{BLUE}"/>')
                 .encode())


@pytest.mark.parametrize("case", CRAFTED, ids=list(CRAFTED))
def test_an_svg_naming_a_picture_outside_the_content_folder_shows_nothing_of_it(
    pane, case: str
) -> None:
    outside, drawn = pane
    name, make = CRAFTED[case]
    assert not drawn(name, make(outside))


def test_a_missing_picture_leaves_a_mark_where_it_would_be(qtbot, content_copy: Path) -> None:
    # a blank gap gave no sign that anything was left out
    from reader.render import Page
    from reader.ui.chapter_view import ChapterView

    view = ChapterView("", content_copy)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()

    def inked(html: str) -> int:
        view.show_page(Page(title="t", html=html))
        shot = view.viewport().grab().toImage()
        return sum(shot.pixelColor(x, y).lightness() < 200
                   for x in range(shot.width()) for y in range(80))

    assert inked('<p>Picture:</p><img src="images/missing.png"/>') > inked("<p>Picture:</p>")


def test_a_chapter_loads_no_style_sheet_even_from_the_content_folder(content_copy: Path) -> None:
    from PySide6.QtGui import QTextDocument

    from reader.ui.content_resources import content_resource

    (content_copy / "chapters" / "red.css").write_text("p { color: red; }", encoding="utf-8")
    kind = QTextDocument.ResourceType.StyleSheetResource.value
    assert content_resource(kind, "red.css", content_copy / "chapters") == ""


LINES = 6  # one-pixel lines across the picture, a pixel apart, as in a diagram's drawing
LINED_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="24">'
             '<rect width="40" height="24" fill="white"/>'
             + "".join(f'<rect y="{2 + 3 * n}" width="40" height="1" fill="black"/>'
                       for n in range(LINES)) + "</svg>")


def _lined_png() -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 24, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    for n in range(LINES):
        for x in range(40):
            image.setPixelColor(x, 2 + 3 * n, QColor("black"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def _line_inks(image) -> list[int]:
    """Each line's ink down the picture's middle column: how dark, summed over its pixels."""
    inks: list[int] = []
    column = image.width() // 2
    shade = [255 - image.pixelColor(column, y).lightness() for y in range(image.height())]
    y = 0
    while y < len(shade):  # a line: a run of inked pixels
        if shade[y] > 16:
            start = y
            while y < len(shade) and shade[y] > 16:
                y += 1
            inks.append(sum(shade[start:y]))
        y += 1
    return inks


@pytest.mark.parametrize("ratio", [1.25, 1.5, 2.0])
def test_an_svg_picture_is_drawn_in_the_screens_own_pixels(qapp, ratio: float) -> None:
    # drawn at 100% and scaled up by Qt, a drawing was as coarse as a photo at 150% and 200%
    from reader.ui.content_resources import picture_for_screen

    image = picture_for_screen(LINED_SVG.encode(), ratio)
    assert image.devicePixelRatio() == ratio
    assert image.deviceIndependentSize().toSize().width() == 40  # laid out at its own size
    assert image.width() == round(40 * ratio)
    assert len(_line_inks(image)) == LINES  # every line there, none run into the next


@pytest.mark.parametrize("ratio", [1.25, 1.5])
def test_a_pictures_lines_are_as_heavy_as_each_other_at_125_and_150_percent(
        qapp, ratio: float) -> None:
    # Qt scaled a picture by nearest pixels: at 150% one line of a diagram came out twice as
    # thick as the next, its words ragged
    from reader.ui.content_resources import picture_for_screen

    image = picture_for_screen(_lined_png(), ratio)
    assert image.devicePixelRatio() == ratio
    assert image.deviceIndependentSize().toSize().width() == 40
    inks = _line_inks(image)
    assert len(inks) == LINES
    assert max(inks) - min(inks) <= 0.15 * max(inks), inks


PANE_AT_150 = r"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reader.render import Page
from reader.ui.chapter_view import ChapterView
view = ChapterView("", Path(sys.argv[1]))
view.resize(400, 300)
view.show()
view.show_page(Page(title="t", html='<p>Picture:</p><img src="images/lines.svg"/>'))
app.processEvents()
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
picture = view.document().resource(QTextDocument.ResourceType.ImageResource.value,
                                   QUrl("images/lines.svg"))
print(view.devicePixelRatioF(), picture.devicePixelRatio(), picture.width())
"""


def test_the_chapter_pane_draws_its_pictures_for_a_screen_at_150_percent(
        content_copy: Path) -> None:
    import os
    import subprocess
    import sys

    images = content_copy / "chapters" / "images"
    images.mkdir()
    (images / "lines.svg").write_text(LINED_SVG, encoding="utf-8")
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5"}
    shown = subprocess.run([sys.executable, "-c", PANE_AT_150, str(content_copy)], env=env,
                           capture_output=True, text=True, timeout=60, check=True)
    assert shown.stdout.split() == ["1.5", "1.5", "60"]  # 40 pixels in 60 of the screen's


def test_an_svg_given_twice_its_width_is_drawn_at_that_width_not_enlarged(
        qtbot, content_copy: Path) -> None:
    # `<img width=...>` twice an SVG's own size: drawn at its own size, Qt stretched it,
    # a diagram's lines and words blurred, as a photo's would
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from reader.render import Page
    from reader.ui.chapter_view import ChapterView

    images = content_copy / "chapters" / "images"
    images.mkdir()
    (images / "lines.svg").write_text(LINED_SVG, encoding="utf-8")
    view = ChapterView("", content_copy)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    view.show_page(Page(title="t", html='<img src="images/lines.svg" width="80"/>'
                                        '<img src="images/lines.svg" height="12"/>'))
    picture = view.document().resource(QTextDocument.ResourceType.ImageResource.value,
                                       QUrl("images/lines.svg"))
    ratio = view.devicePixelRatioF()
    assert picture.width() == 80 * ratio  # a pixel of its own to each of the screen's
    assert picture.deviceIndependentSize().toSize().width() == 40  # laid out as before
    assert len(_line_inks(picture)) == LINES


def test_an_svg_given_twice_its_width_prints_as_finely_as_one_at_its_own(
        qapp, tmp_path: Path) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from reader.ui.printing import PaperDocument

    images = tmp_path / "content" / "chapters" / "images"
    images.mkdir(parents=True)
    (images / "lines.svg").write_text(LINED_SVG, encoding="utf-8")
    document = PaperDocument(tmp_path / "content")
    document.setHtml('<p><img src="images/lines.svg" width="80"/></p>')
    picture = document.resource(QTextDocument.ResourceType.ImageResource.value,
                                QUrl("images/lines.svg"))
    assert picture.width() == 80 * 3  # 288 dpi at the width the page gives it
