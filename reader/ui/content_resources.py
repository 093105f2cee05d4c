"""What a chapter's HTML may load, on screen and on paper: images of the content folder only,
and only those that name no other file (an SVG can)."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import QImage, QImageReader, QPixmap, QTextDocument, QTextImageFormat

from reader.content_images import image_data
from reader.image_safety import is_raster

IMAGE = QTextDocument.ResourceType.ImageResource.value
# Qt's own mark for an image it cannot show
NOT_SHOWN = ":/qt-project.org/styles/commonstyle/images/file-16.png"
# a picture redrawn for the screen's scale past this many pixels is left as Qt draws it:
# four times a 2,000 by 2,000 diagram, at 4 bytes a pixel 64 MB held per tab
SCREEN_PIXELS_LIMIT = 16_000_000
# an SVG on paper is drawn at three pixels to each of its own, 288 dots an inch (a laser
# printer's 300 within a few per cent); a whole number keeps its size on the page exact
PAPER_RATIO = 3.0
# as on screen: a diagram as wide as the sheet at 288 dpi is some 6 million pixels, and a
# bigger one is printed smaller than its own size anyway
PAPER_PIXELS_LIMIT = SCREEN_PIXELS_LIMIT


def content_resource(kind: int, address: str, content_dir: Path | None,
                     ratio: float = 1.0, paper: bool = False,
                     document: QTextDocument | None = None) -> object:
    """An image inside the content folder, or the "not shown" mark; nothing else, ever.

    Never None for an image: given nothing, Qt loads the address itself, and would fetch
    //host/share/x.png over the network on Windows (see reader/content_images.py). `ratio`:
    the screen's device pixels per pixel (1.5 at 150%), for which the picture is drawn;
    `paper`: for a printer's pixels instead, `ratio` the most it is drawn at (see
    picture_for_paper). `document`: the page, whose `<img width=...>` an SVG is drawn for.
    """
    if kind != QTextDocument.ResourceType.ImageResource.value:
        return ""  # no stylesheets or pages from anywhere
    data = image_data(address, content_dir)[0] if content_dir is not None else None
    # from the judged bytes, not the path: Qt would resolve an SVG's relative names beside it
    if data is None:
        return QImage(NOT_SHOWN)
    # the size the page gives it, for an SVG only: a photo enlarged gains nothing
    given = given_size(document, address) if document is not None and not is_raster(data) \
        else None
    image = (picture_for_paper if paper else picture_for_screen)(data, ratio, given)
    return image if not image.isNull() else QImage(NOT_SHOWN)


def given_size(document: QTextDocument, address: str) -> QSizeF:
    """The largest width and height the page gives a picture (`<img width=...>`), 0 where
    it gives none."""
    width = height = 0.0
    for found in document.allFormats():
        if found.isImageFormat():
            image = found.toImageFormat()
            if image.name() == address:
                width, height = max(width, image.width()), max(height, image.height())
    return QSizeF(width, height)


def picture_size(document: QTextDocument, image: QTextImageFormat) -> QSizeF | None:
    """A picture's size as the page gives it (CSS pixels), or as the image has it: its own
    size, not its pixels' count (an SVG on paper has three pixels to each of its own)."""
    width, height = image.width(), image.height()
    if width > 0 and height > 0:
        return QSizeF(width, height)
    picture = document.resource(IMAGE, QUrl(image.name()))
    if isinstance(picture, QPixmap):
        picture = picture.toImage()
    if not isinstance(picture, QImage) or picture.isNull():
        return None
    own = picture.deviceIndependentSize()
    if width > 0:
        return QSizeF(width, own.height() * width / own.width())
    if height > 0:
        return QSizeF(own.width() * height / own.height(), height)
    return own


def picture_for_screen(data: bytes, ratio: float, given: QSizeF | None = None) -> QImage:
    """The picture in `ratio` device pixels to each of its own, laid out at its own size.

    Qt scales a picture to the screen by nearest pixels: at 125% or 150% a diagram's lines
    came out one or two pixels thick by turns, its words ragged, and an SVG, a drawing, was
    as coarse as a photo. An SVG is drawn afresh in the screen's pixels; a raster picture is
    scaled smoothly, as a browser scales it. At 200% Qt's doubling of each pixel is exact,
    and left to it. `given`: the size the page gives it, at which an SVG is drawn where it
    is larger than its own.
    """
    if (ratio <= 1.0 and given is None) or (is_raster(data) and ratio.is_integer()):
        return QImage.fromData(data)
    if not is_raster(data):
        drawn = _svg_at(data, ratio, given=given)
        if not drawn.isNull():
            return drawn
    image = QImage.fromData(data)
    wanted = QSize(round(image.width() * ratio), round(image.height() * ratio))
    if image.isNull() or wanted.width() * wanted.height() > SCREEN_PIXELS_LIMIT:
        return image
    scaled = image.scaled(wanted, Qt.AspectRatioMode.IgnoreAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
    scaled.setDevicePixelRatio(ratio)
    return scaled


def picture_for_paper(data: bytes, ratio: float = PAPER_RATIO,
                      given: QSizeF | None = None) -> QImage:
    """The picture as it goes on paper, laid out at its own size: an SVG drawn at `ratio`
    pixels to each of its own (fewer, a whole number, past PAPER_PIXELS_LIMIT); a raster
    picture as it is.

    Drawn at one pixel to each of its own (96 dpi), a diagram's lines and words printed
    soft and stepped. A raster picture is left alone: enlarging it adds no detail, only
    bytes to the PDF, and the printer scales it as smoothly.
    """
    if is_raster(data) or ratio <= 1.0:
        return QImage.fromData(data)
    drawn = _svg_at(data, ratio, PAPER_PIXELS_LIMIT, whole=True, given=given)
    return drawn if not drawn.isNull() else QImage.fromData(data)


def _svg_at(data: bytes, ratio: float, limit: int = SCREEN_PIXELS_LIMIT,
            whole: bool = False, given: QSizeF | None = None) -> QImage:
    """The SVG drawn at `ratio` times its own size, or a null image past `limit` pixels;
    at `ratio` times the `given` size where the page gives it larger: laid out at its own
    size still, Qt then enlarges it to the page's size by the pixels drawn for it.

    `whole`: at the largest whole ratio up to `ratio` within the limit instead (1 at the
    least). Qt lays a picture out at its own size cut down to whole pixels: at 2.45 a
    picture 2,001 wide came to 2,000.7, laid out 2,000, and what followed it moved.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    own = reader.size()
    if own.isEmpty():
        return QImage()
    if given is not None:
        ratio *= max(1.0, given.width() / own.width(), given.height() / own.height())
    if whole:
        ratio = min(ratio, max(1, math.isqrt(limit // (own.width() * own.height()))))
    wanted = QSize(round(own.width() * ratio), round(own.height() * ratio))
    if wanted.width() * wanted.height() > limit:
        return QImage()
    reader.setScaledSize(wanted)
    image = reader.read()
    image.setDevicePixelRatio(ratio)
    return image
