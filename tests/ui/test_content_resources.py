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
