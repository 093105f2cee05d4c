"""An image is shown only if its bytes name no other file: judged by the bytes, not the name."""

from __future__ import annotations

import base64
import gzip
from pathlib import Path

import pytest

from reader.image_safety import (
    DECLARATIONS,
    MAX_IMAGE_BYTES,
    NOT_AN_IMAGE,
    STYLESHEET,
    TOO_LARGE,
    UNPACKS_TOO_LARGE,
    UNREADABLE_SVG,
    image_problem,
)

from .test_import import PNG

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
       'width="8" height="8">{}</svg>')
SQUARE = '<rect width="8" height="8" fill="#336699"/>'
PNG_URI = "data:image/png;base64," + base64.b64encode(PNG).decode()
# an SVG written into an SVG that names a file in turn
NESTED = "data:image/svg+xml;base64," + base64.b64encode(
    SVG.format('<image href="/etc/secret.png"/>').encode()).decode()
DATA = Path(__file__).parent / "data"


def svg(body: str, head: str = "") -> bytes:
    return (head + SVG.format(body)).encode()


SELF_CONTAINED = {
    "shapes": svg(SQUARE),
    "a gradient used by id": svg('<defs><linearGradient id="g"><stop offset="0"/>'
                                 '</linearGradient></defs><rect style="fill:url(#g)" '
                                 'fill="url( \'#g\' )" width="8" height="8"/>'),
    "a part used by id": svg(f'<defs><g id="part">{SQUARE}</g></defs><use xlink:href="#part"/>'),
    "a PNG written into it": svg(f'<image width="8" height="8" xlink:href="{PNG_URI}"/>'),
    "a PNG written on several lines": svg(f'<image href="{PNG_URI[:40]}\n  {PNG_URI[40:]}"/>'),
    "the W3C doctype": svg(SQUARE, '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC '
                                   '"-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/'
                                   '1.1/DTD/svg11.dtd">\n'),
    "compressed (svgz)": gzip.compress(svg(SQUARE)),
    "UTF-16 with a byte order mark": SVG.format(SQUARE).encode("utf-16"),
    "UTF-16 without one": SVG.format(SQUARE).encode("utf-16-be"),
    # as the drawing programs save them: doctype, metadata, namespaces of their own, gradients
    # that build on each other by id, and (Illustrator) a web address on a diagram's link
    "an Inkscape drawing": (DATA / "inkscape_drawing.svg").read_bytes(),
    "an Illustrator export": (DATA / "illustrator_export.svg").read_bytes(),
    "a link to a file, never followed": svg(f'<a href="file:///etc/a.svg">{SQUARE}</a>'),
    "a blank line before its first tag": b"\n  " + svg(SQUARE),
}


@pytest.mark.parametrize("data", SELF_CONTAINED.values(), ids=list(SELF_CONTAINED))
def test_an_svg_that_holds_everything_it_draws_is_shown(data: bytes) -> None:
    assert image_problem(data) is None


@pytest.mark.parametrize("data", [PNG, b"\xff\xd8\xff\xe0JFIF", b"GIF89a", b"RIFF\0\0\0\0WEBPVP8",
                                  b"II*\x00scan", b"MM\x00*scan"])
def test_raster_pictures_are_shown(data: bytes) -> None:
    assert image_problem(data) is None


REFERRING = {
    "xlink:href to a file": (svg('<image xlink:href="/etc/secret.png"/>'), "/etc/secret.png"),
    "href to a file": (svg('<image href="../../secret.png"/>'), "../../secret.png"),
    "a network share": (svg('<image href="//host/share/a.png"/>'), "//host/share/a.png"),
    "a file URL": (svg('<image href="file:///etc/a.png"/>'), "file:///etc/a.png"),
    "any prefix": (svg('<image xmlns:l="http://www.w3.org/1999/xlink" l:href="a.png"/>'),
                   '"a.png"'),
    "a part of another file": (svg('<use xlink:href="other.svg#part"/>'), "other.svg#part"),
    # to Qt the href of <image> is a file name, even one that starts with #
    "an image named like an id": (svg('<image href="#part"/>'), '"#part"'),
    "a picture inside a link": (svg('<a href="#x"><image href="/etc/a.png"/></a>'),
                                "/etc/a.png"),
    "a filter's picture": (svg('<filter id="f"><feImage href="a.png"/></filter>'), '"a.png"'),
    "a filter's picture named like an id": (
        svg('<filter id="f"><feImage href="#part"/></filter>'), '"#part"'),
    "an SVG written into it": (svg(f'<image href="{NESTED}"/>'), "an SVG in an SVG"),
    "a picture written into it cut short": (svg(f'<image href="{PNG_URI[:-1]}"/>'),
                                            "not a raster image"),
    "a picture in a style": (svg('<rect style="fill:url(a.svg#g)"/>'), '"a.svg#g"'),
    "a picture in a style sheet": (svg("<style>rect { fill: url('/x.svg#g') }</style>"),
                                   '"/x.svg#g"'),
    "an imported style sheet": (svg('<style>@import "/etc/x.css";</style>'), STYLESHEET),
    # CSS reads its keywords in any case
    "an import in capitals": (svg('<style>@IMPORT "/etc/x.css";</style>'), STYLESHEET),
    "an import split by a comment": (svg('<style>@imp<!-- -->ort "/x.css";</style>'),
                                     STYLESHEET),
    "a style sheet instruction": (svg(SQUARE, '<?xml-stylesheet href="/etc/x.css"?>'),
                                  STYLESHEET),
    "a style sheet instruction after the end": (
        svg(SQUARE) + b'<?xml-stylesheet href="/etc/x.css"?>', STYLESHEET),
    "entities": (svg('<image href="&x;"/>', '<!DOCTYPE svg [<!ENTITY x "/etc/a.png">]>'),
                 DECLARATIONS),
    "an attribute given by the doctype": (
        svg("<image/>", '<!DOCTYPE svg [<!ATTLIST image href CDATA "/etc/a.png">]>'),
        DECLARATIONS),
    # any internal subset, even one that declares no entity
    "an element declared by the doctype": (
        svg(SQUARE, '<!DOCTYPE svg [<!ELEMENT svg ANY>]>'), DECLARATIONS),
    "an entity bomb": (svg("&c;", '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
                                  '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                                  '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'),
                       DECLARATIONS),
    "compressed, referring": (gzip.compress(svg('<image href="/etc/a.png"/>')), "/etc/a.png"),
    "a second compressed part": (gzip.compress(svg(SQUARE)) + gzip.compress(b"<?x?>"),
                                 "more than one part"),
    # the checks and Qt must read the same text: an encoding expat knows is refused too
    "an encoding Qt may read otherwise": (
        svg(SQUARE, '<?xml version="1.0" encoding="cp037"?>'), 'written in "cp037"'),
    "a Windows encoding": (
        svg(SQUARE, '<?xml version="1.0" encoding="windows-1252"?>'), 'written in "windows-1252"'),
    "not well-formed": (b"<svg><rect></svg>", UNREADABLE_SVG),
}


@pytest.mark.parametrize("data,named", REFERRING.values(), ids=list(REFERRING))
def test_an_svg_that_names_anything_outside_itself_is_refused_saying_what(
    data: bytes, named: str
) -> None:
    why = image_problem(data)
    assert why is not None and named in why


def test_a_compressed_svg_that_unpacks_past_the_limit_is_refused() -> None:
    bomb = gzip.compress(b"<svg>" + b" " * MAX_IMAGE_BYTES + b"</svg>")
    assert image_problem(bomb) == UNPACKS_TOO_LARGE


def test_a_picture_one_byte_past_the_limit_is_refused() -> None:
    assert image_problem(PNG.ljust(MAX_IMAGE_BYTES + 1, b"\0")) == TOO_LARGE


@pytest.mark.parametrize("data", [b"secret text that is not a picture\n",
                                  b"RIFF\0\0\0\0WAVEfmt "])  # a sound, not a WebP
def test_bytes_that_are_no_picture_are_refused(data: bytes) -> None:
    assert image_problem(data) == NOT_AN_IMAGE


def test_a_long_address_in_a_refused_svg_is_cut_short_in_the_message() -> None:
    # a picture's whole address, thousands of characters, would bury what is wrong
    why = image_problem(svg(f'<image href="{"a" * 5000}.png"/>'))
    assert why is not None and len(why) < 250 and '"aaa' in why and '..."' in why
